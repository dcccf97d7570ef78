package storage

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"

	sqlite3 "modernc.org/sqlite/lib"
)

// Migrations are numbered files, applied in order and never edited once
// released: a change to the schema is a new file.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the embedded migrations in version order, checking
// that they are numbered 1, 2, 3… without gaps.
func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var migs []migration
	for _, e := range entries { // ReadDir sorts by name, and names start with the version
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != len(migs)+1 {
			return nil, fmt.Errorf("migration %s: want a name starting %04d_", e.Name(), len(migs)+1)
		}
		b, err := migrationFiles.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		migs = append(migs, migration{version: v, name: e.Name(), sql: string(b)})
	}
	if len(migs) == 0 {
		return nil, errors.New("no migrations")
	}
	return migs, nil
}

// inspect reads which schema the file holds (0 for a new file) on a plain
// connection, before anything is set on it: a file Open refuses is left
// exactly as it was.
func inspect(ctx context.Context, path string, latest int) (int, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	db, err := sql.Open("sqlite", fileURI(path, q))
	if err != nil {
		return 0, openError(path, "cannot be opened (%v)", err)
	}
	defer db.Close()
	tables, err := tableNames(ctx, db)
	if err != nil {
		return 0, readError(path, err)
	}
	if len(tables) == 0 {
		return 0, nil
	}
	if !tables["schema_migrations"] {
		return 0, openError(path, "%w (an SQLite database of another program): open a Rapport record, or choose a new file", ErrNotARecord)
	}
	v, err := schemaVersion(ctx, db)
	if err != nil {
		return 0, readError(path, err)
	}
	if v > latest {
		return 0, openError(path, "%w (schema %d; this version knows %d): update Rapport to open it", ErrNewerSchema, v, latest)
	}
	return v, nil
}

// migrate brings the schema from version current to target, each migration
// in its own transaction, after keeping a copy of a record that holds data.
func (s *Store) migrate(ctx context.Context, migs []migration, current, target int) error {
	if _, err := s.db.ExecContext(ctx, `
		CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			applied_at TEXT NOT NULL
		)`); err != nil {
		return readError(s.path, err)
	}
	var backup string
	for _, m := range migs {
		if m.version <= current || m.version > target {
			continue
		}
		if current > 0 && backup == "" {
			var err error
			if backup, err = s.backupBefore(ctx, m.version); err != nil {
				return openError(s.path, "cannot keep a copy before updating it to schema %d (%v): check that its folder is writable and has room, then open it again", m.version, err)
			}
		}
		if err := s.apply(ctx, m); err != nil {
			kept := ""
			if backup != "" {
				kept = "; a copy from before is at " + backup
			}
			return openError(s.path, "cannot update it to schema %d (%v): it was left at schema %d%s", m.version, err, m.version-1, kept)
		}
	}
	return nil
}

// apply runs one migration and records it, unless another process opening
// the same file did so first.
func (s *Store) apply(ctx context.Context, m migration) error {
	tx, err := s.begin(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	v, err := schemaVersion(ctx, tx)
	if err != nil || v >= m.version {
		return err
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("%s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
		m.version, formatTime(tx.now)); err != nil {
		return err
	}
	return tx.Commit()
}

// querier is a *sql.DB or a *tx.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// schemaVersion is the last migration applied, 0 for none.
func schemaVersion(ctx context.Context, q querier) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// tableNames lists the tables of the database.
func tableNames(ctx context.Context, db *sql.DB) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names[n] = true
	}
	return names, rows.Err()
}

// readError explains why a file could not be read as a record.
func readError(path string, err error) error {
	if noRoom(err) {
		return noRoomError(path, err)
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_NOTADB:
		return openError(path, "%w (%v): open the record file itself, or restore one from a backup", ErrNotARecord, err)
	case sqlite3.SQLITE_CORRUPT:
		return openError(path, "%w: it is damaged (%v): restore it from a backup", ErrNotARecord, err)
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return openError(path, "is busy in another program (%v): close it there and try again", err)
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_READONLY:
		return openError(path, "cannot be opened (%v): check that the file and its folder are yours and writable", err)
	}
	return openError(path, "cannot be read (%v)", err)
}

// backupBefore copies the record beside it as PATH.before-vN.bak (0600)
// before migration N touches it; an older copy of that name is kept and the
// new one numbered.
func (s *Store) backupBefore(ctx context.Context, version int) (string, error) {
	for i := 1; i < 100; i++ {
		name := fmt.Sprintf("%s.before-v%d.bak", s.path, version)
		if i > 1 {
			name = fmt.Sprintf("%s.before-v%d.%d.bak", s.path, version, i)
		}
		// VACUUM INTO accepts an empty file; creating it first sets its mode.
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		err = f.Chmod(0o600)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			_, err = s.db.ExecContext(ctx, `VACUUM INTO ?`, name)
		}
		if err != nil {
			os.Remove(name)
			return "", err
		}
		return name, nil
	}
	return "", errors.New("too many earlier copies beside it")
}
