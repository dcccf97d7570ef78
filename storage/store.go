// Package storage keeps the record in one SQLite file: the schema and its
// migrations, the queries behind every screen, and the full-text search over
// members.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"rapport/model"
)

// Errors Open returns inside an *fs.PathError that names the file, so that a
// caller can test them with errors.Is and show the message as it is.
var (
	// ErrNewerSchema means the file was written by a newer Rapport.
	ErrNewerSchema = errors.New("written by a newer version of Rapport")
	// ErrNotARecord means the file is not a Rapport record: not SQLite at
	// all, damaged, or another program's database.
	ErrNotARecord = errors.New("not a Rapport record")
)

// ErrCorrupt means the record is damaged: SQLite finds pages of it it cannot
// read ("database disk image is malformed"). CheckRecord returns it; the
// latest backup is what to offer then (backups.go).
var ErrCorrupt = errors.New("is damaged")

// Store is the record kept in one SQLite file. It is safe for concurrent use;
// every exported method is one transaction.
type Store struct {
	// Now stamps what the store creates and changes. Open sets it to
	// time.Now; tests replace it before use. The location of the time it
	// returns is the manager's time zone, in which follow-ups fall due on a
	// day and Today begins.
	Now func() time.Time

	db   *sql.DB
	path string
	lock *recordLock // held from Open to Close (lock.go)
	// reading is set by OpenForReading: no lock, query_only connections.
	reading bool
}

// Open opens the record at path, creating it and its folder when needed and
// bringing its schema up to date. The file, its folder when Open creates it,
// and the SQLite files beside it are readable by the owner alone.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, 0)
}

// open is Open that stops migrating at version target (0: the latest), so
// tests can build a record as an older Rapport left it.
func open(ctx context.Context, path string, target int) (*Store, error) {
	migs, err := loadMigrations()
	if err != nil {
		return nil, err
	}
	if target == 0 {
		target = migs[len(migs)-1].version
	}
	if path == "" {
		return nil, &fs.PathError{Op: "open", Path: path, Err: errors.New("no file named: choose a file for the record")}
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if err := prepareFile(path); err != nil {
		return nil, err
	}
	current, err := inspect(ctx, path, migs[len(migs)-1].version)
	if err != nil {
		return nil, err
	}
	// Locked after inspect, which only reads: a file Open refuses gets no
	// lock file beside it.
	lock, err := lockRecord(path)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		lock.release()
		return nil, openError(path, "cannot be opened (%v)", err)
	}
	s := &Store{Now: time.Now, db: db, path: path, lock: lock}
	if err := s.migrate(ctx, migs, current, target); err != nil {
		db.Close()
		lock.release()
		return nil, err
	}
	// SQLite gives its -wal and -shm files the database's mode; make sure,
	// as for the file itself (prepareFile).
	for _, suffix := range []string{"-wal", "-shm"} {
		_ = os.Chmod(path+suffix, 0o600)
	}
	return s, nil
}

// OpenForReading opens an existing record to read it, beside a Rapport
// window that may hold it: it takes no lock, and its connections are
// query_only, so that a write fails with ErrReadOnly instead of going behind
// the window's back. SQLite's WAL lets it read while the window writes. A
// record an older Rapport left is opened with Open instead, which brings its
// schema up to date under the lock.
func OpenForReading(ctx context.Context, path string) (*Store, error) {
	migs, err := loadMigrations()
	if err != nil {
		return nil, err
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if _, err := os.Stat(path); err != nil {
		return nil, openError(path, "cannot be read (%v)", err)
	}
	current, err := inspect(ctx, path, migs[len(migs)-1].version)
	if err != nil {
		return nil, err
	}
	if current < migs[len(migs)-1].version {
		return Open(ctx, path)
	}
	db, err := sql.Open("sqlite", dsn(path, "query_only(1)"))
	if err != nil {
		return nil, openError(path, "cannot be opened (%v)", err)
	}
	return &Store{Now: time.Now, db: db, path: path, reading: true}, nil
}

// Path is the file the record lives in, made absolute.
func (s *Store) Path() string { return s.path }

// Close closes the record and lets another Rapport open it; changes are
// already on disk.
func (s *Store) Close() error {
	err := s.db.Close()
	if lerr := s.lock.release(); err == nil {
		err = lerr
	}
	if err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// dsn names the file with the settings every connection needs, and the
// pragmas given. Writing
// transactions begin IMMEDIATE: they take the write lock at once and wait
// for it under busy_timeout, instead of failing when a read turns into a
// write.
func dsn(path string, pragmas ...string) string {
	q := url.Values{}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "temp_store(MEMORY)") // statement journals in memory, not in temporary files
	q.Add("_pragma", "cache_size(-32768)") // 32 MiB: a large import's pages stay in memory until it commits
	q.Set("_txlock", "immediate")
	return fileURI(path, q)
}

// fileURI names path as a file: URI, so that no character in it is taken
// for a parameter.
func fileURI(path string, q url.Values) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: p, RawQuery: q.Encode()}).String()
}

// prepareFile creates the record's folder (0700) and the file itself (0600)
// before SQLite does, since SQLite would create them under the umask.
func prepareFile(path string) error {
	if err := mkdirPrivate(filepath.Dir(path)); err != nil {
		return openError(path, "its folder cannot be created (%v): choose another place for the record", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		err = f.Chmod(0o600)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return openError(path, "cannot be created (%v): check that its folder is yours and writable", err)
		}
		return nil
	}
	if !errors.Is(err, fs.ErrExist) {
		return openError(path, "cannot be created (%v): check that its folder is yours and writable", err)
	}
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return openError(path, "cannot be read (%v)", err)
	case info.IsDir():
		return openError(path, "is a folder: choose a record file, or a new file name inside it")
	case !info.Mode().IsRegular():
		return openError(path, "is not a regular file: choose a record file")
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		// A record found readable by others is made private; failing that
		// (the file is not ours) is not a reason to refuse it.
		_ = os.Chmod(path, perm&^0o077)
	}
	f, err = os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return openError(path, "cannot be opened for writing (%v): check that the file is yours and writable", err)
	}
	return f.Close()
}

// mkdirPrivate creates dir and its missing parents with mode 0700, whatever
// the umask; folders that exist are left as they are.
func mkdirPrivate(dir string) error {
	info, err := os.Stat(dir)
	if err == nil {
		if !info.IsDir() {
			return fmt.Errorf("%s is a file, not a folder", dir)
		}
		return nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := mkdirPrivate(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil // made by someone else meanwhile
		}
		return err
	}
	return os.Chmod(dir, 0o700)
}

// openError is an error of Open, naming the file: "open PATH: problem".
func openError(path, format string, args ...any) error {
	return &fs.PathError{Op: "open", Path: path, Err: fmt.Errorf(format, args...)}
}

// sqliteCode returns the primary SQLite result code in err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// dbError maps what SQLite refuses to the model's sentinels: a broken
// constraint is a conflict with what the record already holds; a read-only
// record or a full disk is writeError's. An error mapped already comes back
// as it is.
func dbError(err error) error {
	switch {
	case errors.Is(err, model.ErrConflict), errors.Is(err, model.ErrReadOnly), errors.Is(err, model.ErrDiskFull):
		return err
	case sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT:
		return fmt.Errorf("%w: %v", model.ErrConflict, err)
	}
	return writeError("", err)
}

// writeError tells a write SQLite refused for want of a writable file or of
// room, as model.ErrReadOnly or model.ErrDiskFull naming the record at path
// (when known) and what to do; SQLite rolled the transaction back, so
// nothing was written. Other errors come back as they are.
func writeError(path string, err error) error {
	if errors.Is(err, model.ErrReadOnly) || errors.Is(err, model.ErrDiskFull) {
		return err
	}
	to := ""
	if path != "" {
		to = " to " + path
	}
	switch {
	case sqliteCode(err) == sqlite3.SQLITE_READONLY:
		return fmt.Errorf("%w: nothing was written%s (%v): check that the file, its folder and the disk are yours and writable, then try again", model.ErrReadOnly, to, err)
	case noRoom(err):
		return fmt.Errorf("%w: nothing was written%s (%v): free some space on the disk, then try again", model.ErrDiskFull, to, err)
	}
	return err
}

// noRoom reports whether err is SQLite finding no room on the disk: for a
// write, or for the index of the write-ahead log it keeps beside the record
// (the -shm file), which it makes as it opens the record.
func noRoom(err error) bool {
	var se *sqlite.Error
	return sqliteCode(err) == sqlite3.SQLITE_FULL || (errors.As(err, &se) && se.Code() == sqlite3.SQLITE_IOERR_SHMSIZE)
}

// noRoomError is Open's error for a record the disk has no room to open.
func noRoomError(path string, err error) error {
	return openError(path, "%w: the record cannot be opened (%v): free some space on the disk, then open it again", model.ErrDiskFull, err)
}

// tx is one transaction and the time it began, which stamps every change it
// makes so that they agree.
type tx struct {
	*sql.Tx
	path  string // the record's file, for writeError
	now   time.Time
	loc   *time.Location // the manager's time zone (Store.Now's)
	stmts map[string]*sql.Stmt
	// keep caches the cadence defaults for the transaction (keepintouch.go);
	// a change to them sets it back to nil.
	keep *keepDefaults
}

// exec runs a statement the transaction may run many times (adding many
// members at once), compiling it once; the statements close with the
// transaction.
func (t *tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, ok := t.stmts[query]
	if !ok {
		var err error
		if st, err = t.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		if t.stmts == nil {
			t.stmts = map[string]*sql.Stmt{}
		}
		t.stmts[query] = st
	}
	r, err := st.ExecContext(ctx, args...)
	return r, writeError(t.path, err)
}

// ExecContext is sql.Tx's, with a write refused for want of a writable file
// or of room told as writeError tells it.
func (t *tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	r, err := t.Tx.ExecContext(ctx, query, args...)
	return r, writeError(t.path, err)
}

// Commit is sql.Tx's, with the errors ExecContext maps mapped: on a full
// disk, a commit is where the write fails.
func (t *tx) Commit() error { return writeError(t.path, t.Tx.Commit()) }

// begin starts a transaction; write ones take the write lock at once.
func (s *Store) begin(ctx context.Context, write bool) (*tx, error) {
	t, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: !write})
	if err != nil {
		return nil, writeError(s.path, err)
	}
	now := s.Now()
	return &tx{Tx: t, path: s.path, now: now.UTC(), loc: now.Location()}, nil
}

// timeLayout writes times as fixed-width UTC text, so they sort as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}
