package storage

import (
	"context"
	"database/sql/driver"
	"fmt"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the record to path, readable by the
// owner alone. The copy is written beside path and renamed over it once
// whole, so a failed backup never leaves half a copy; a file already at path
// is replaced. VACUUM INTO cannot run inside a transaction: SQLite itself
// reads the record as of one moment.
func (s *Store) Backup(ctx context.Context, path string) error {
	fail := func(err error) error { return fmt.Errorf("backup to %s: %w", path, err) }
	dir := filepath.Dir(path)
	if err := mkdirPrivate(dir); err != nil {
		return fail(err)
	}
	f, err := os.CreateTemp(dir, ".rapport-backup-*")
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	// VACUUM INTO accepts an empty file; creating it first sets its mode.
	err = f.Chmod(0o600)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = s.vacuumInto(ctx, tmp)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fail(err)
	}
	return nil
}

// vacuumInto copies the record into the file at path. A store opened for
// reading lifts query_only on its one connection for the copy: VACUUM INTO
// writes only the copy, never the record.
func (s *Store) vacuumInto(ctx context.Context, path string) error {
	if !s.reading {
		_, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path)
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA query_only = 0`); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, path)
	if _, qerr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA query_only = 1`); err == nil && qerr != nil {
		// A connection that could not be made read-only again must not go back to the pool.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		return qerr
	}
	return err
}
