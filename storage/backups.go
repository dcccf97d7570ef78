package storage

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	sqlite3 "modernc.org/sqlite/lib"

	"rapport/model"
)

// BackupKind says why a backup was taken; it decides how long it is kept.
type BackupKind string

// Backup kinds. Daily and weekly copies are pruned (keepDaily, keepWeekly);
// the others stay until the user removes them.
const (
	BackupDaily           BackupKind = "daily"
	BackupWeekly          BackupKind = "weekly"
	BackupManual          BackupKind = "manual"
	BackupBeforeRestore   BackupKind = "before-restore"
	BackupBeforeMigration BackupKind = "before-migration"
)

// How many daily and weekly backups are kept.
const (
	keepDaily  = 7
	keepWeekly = 4
)

var backupKinds = []BackupKind{BackupDaily, BackupWeekly, BackupManual, BackupBeforeRestore, BackupBeforeMigration}

// BackupInfo is one backup of a record and what the user recognises it by.
type BackupInfo struct {
	Path string
	Kind BackupKind
	// Time is when the backup was taken.
	Time time.Time
	Size int64
	// Schema is the record's schema version in the copy.
	Schema int
	// What the copy holds: living members, conversations and feedback items,
	// and follow-ups.
	Members, Conversations, FollowUps, Feedback int
	// Problem says why the copy cannot be read as a record; empty when it can.
	Problem string

	written time.Time // the file's time, to order backups named in the same second
}

// BackupDir is the folder the backups of the record at dbPath go in: a
// backups folder beside it.
func BackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "backups")
}

// backupTimeLayout names a backup by when it was taken, in UTC so that the
// name means one moment wherever it is read; no colons, for other systems.
const backupTimeLayout = "2006-01-02T150405Z"

// backupPrefix starts the name of every backup of the record at dbPath in
// BackupDir, so that the backups of records sharing a folder stay apart:
// rapport- for rapport.db, rapport-guild- for guild.db.
func backupPrefix(dbPath string) string {
	stem := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
	if stem == "rapport" {
		return "rapport-"
	}
	return "rapport-" + stem + "-"
}

// backupName is the file name of a backup: PREFIX TIME-KIND.db, with -N
// before .db when a backup of that name is already there.
func backupName(dbPath string, kind BackupKind, t time.Time, n int) string {
	name := backupPrefix(dbPath) + t.UTC().Format(backupTimeLayout) + "-" + string(kind)
	if n > 1 {
		name += fmt.Sprintf("-%d", n)
	}
	return name + ".db"
}

// parseBackupName reads a backup's kind and time from its name; ok is false
// for a file that is not a backup of the record at dbPath.
func parseBackupName(dbPath, name string) (BackupKind, time.Time, bool) {
	rest, ok := strings.CutPrefix(name, backupPrefix(dbPath))
	if !ok {
		return "", time.Time{}, false
	}
	if rest, ok = strings.CutSuffix(rest, ".db"); !ok || len(rest) < len(backupTimeLayout)+2 {
		return "", time.Time{}, false
	}
	t, err := time.Parse(backupTimeLayout, rest[:len(backupTimeLayout)])
	if err != nil || rest[len(backupTimeLayout)] != '-' {
		return "", time.Time{}, false
	}
	rest = rest[len(backupTimeLayout)+1:]
	for _, k := range backupKinds {
		if tail, ok := strings.CutPrefix(rest, string(k)); ok && (tail == "" || isNumbered(tail)) {
			return k, t, true
		}
	}
	return "", time.Time{}, false
}

// isNumbered reports whether s is -N, the number backupName adds.
func isNumbered(s string) bool {
	digits, ok := strings.CutPrefix(s, "-")
	return ok && digits != "" && strings.Trim(digits, "0123456789") == ""
}

// newBackupPath is a free path in BackupDir for a backup of kind taken at t.
func newBackupPath(dbPath string, kind BackupKind, t time.Time) (string, error) {
	dir := BackupDir(dbPath)
	for n := 1; n < 100; n++ {
		path := filepath.Join(dir, backupName(dbPath, kind, t, n))
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return path, nil
		} else if err != nil {
			return "", err
		}
	}
	return "", fmt.Errorf("too many %s backups in %s taken at %s", kind, dir, t.UTC().Format(backupTimeLayout))
}

// listBackups lists the backups of the record at dbPath by their names,
// without opening them: those in BackupDir and the copies kept beside the
// record before a migration (named by migrate.go's backupBefore).
func listBackups(dbPath string) ([]BackupInfo, error) {
	var list []BackupInfo
	dir := BackupDir(dbPath)
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("list the backups in %s: %w", dir, err)
	}
	for _, e := range entries {
		kind, t, ok := parseBackupName(dbPath, e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		b := BackupInfo{Path: filepath.Join(dir, e.Name()), Kind: kind, Time: t}
		if info, err := e.Info(); err == nil {
			b.Size, b.written = info.Size(), info.ModTime()
		}
		list = append(list, b)
	}
	before, err := filepath.Glob(globEscape(dbPath) + ".before-v*.bak")
	if err != nil {
		return nil, fmt.Errorf("list the backups beside %s: %w", dbPath, err)
	}
	for _, path := range before {
		info, err := os.Stat(path)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		// Their names say before which schema, not when: the file's time does.
		list = append(list, BackupInfo{Path: path, Kind: BackupBeforeMigration, Time: info.ModTime().UTC(), Size: info.Size(), written: info.ModTime()})
	}
	slices.SortFunc(list, func(a, b BackupInfo) int {
		return cmp.Or(b.Time.Compare(a.Time), b.written.Compare(a.written), strings.Compare(b.Path, a.Path))
	})
	return list, nil
}

// globEscape quotes the characters filepath.Match gives a meaning to.
func globEscape(path string) string {
	var b strings.Builder
	for _, r := range path {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Backups lists every backup of the record at dbPath, newest first, with
// what each holds. Each copy is opened read-only, never changed; one that
// cannot be read is listed with its Problem.
func Backups(dbPath string) ([]BackupInfo, error) {
	if abs, err := filepath.Abs(dbPath); err == nil {
		dbPath = abs
	}
	list, err := listBackups(dbPath)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	for i := range list {
		if err := readBackup(ctx, &list[i], false); err != nil {
			list[i].Problem = err.Error()
		}
	}
	return list, nil
}

// ReadBackup tells what the copy at path holds, as Backups would list it
// among the backups of the record at dbPath: a file that is not one of them
// gets its kind left empty and the time it was written. An error says why
// the copy cannot be read, naming it.
func ReadBackup(ctx context.Context, dbPath, path string) (BackupInfo, error) {
	if abs, err := filepath.Abs(dbPath); err == nil {
		dbPath = abs
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	b := BackupInfo{Path: path}
	if list, err := listBackups(dbPath); err == nil {
		if i := slices.IndexFunc(list, func(l BackupInfo) bool { return l.Path == path }); i >= 0 {
			b = list[i]
		}
	}
	info, err := os.Stat(path)
	if err != nil {
		return b, fmt.Errorf("backup %s: %w", path, err)
	}
	if b.Kind == "" {
		b.Time = info.ModTime().UTC()
	}
	b.Size = info.Size()
	if err := readBackup(ctx, &b, false); err != nil {
		b.Problem = err.Error()
		return b, fmt.Errorf("backup %s: %w", path, err)
	}
	return b, nil
}

// LatestBackup is the newest backup of the record at dbPath that can be read;
// ok is false when there is none.
func LatestBackup(dbPath string) (BackupInfo, bool) {
	list, err := Backups(dbPath)
	if err != nil {
		return BackupInfo{}, false
	}
	for _, b := range list {
		if b.Problem == "" {
			return b, true
		}
	}
	return BackupInfo{}, false
}

// readBackup opens the copy at b.Path read-only and fills in its schema and
// counts; check runs PRAGMA integrity_check first. The error says what is
// wrong, without the path (the caller names it).
func readBackup(ctx context.Context, b *BackupInfo, check bool) error {
	if _, err := os.Stat(b.Path); err != nil {
		return err
	}
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", "busy_timeout(5000)")
	db, err := sql.Open("sqlite", fileURI(b.Path, q))
	if err != nil {
		return err
	}
	defer db.Close()
	copyError := func(err error) error {
		switch sqliteCode(err) {
		case sqlite3.SQLITE_NOTADB:
			return errors.New("not a Rapport record: not an SQLite database")
		case sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("it is damaged (%v)", err)
		}
		return err
	}
	if check {
		var result string
		if err := db.QueryRowContext(ctx, `PRAGMA integrity_check(1)`).Scan(&result); err != nil {
			return copyError(err)
		}
		if result != "ok" {
			return fmt.Errorf("it is damaged (integrity check: %s)", result)
		}
	}
	tables, err := tableNames(ctx, db)
	if err != nil {
		return copyError(err)
	}
	if !tables["schema_migrations"] || !tables["members"] {
		return errors.New("not a Rapport record (an SQLite database of another program)")
	}
	if b.Schema, err = schemaVersion(ctx, db); err != nil {
		return copyError(err)
	}
	migs, err := loadMigrations()
	if err != nil {
		return err
	}
	if latest := migs[len(migs)-1].version; b.Schema > latest {
		return fmt.Errorf("%v (schema %d; this version knows %d)", ErrNewerSchema, b.Schema, latest)
	}
	// An older schema may lack the later tables: they hold nothing then.
	counts := []struct {
		table, query string
		n            *int
	}{
		{"members", `SELECT count(*) FROM members WHERE trashed_at IS NULL`, &b.Members},
		{"conversations", `SELECT count(*) FROM conversations WHERE trashed_at IS NULL`, &b.Conversations},
		{"follow_ups", `SELECT count(*) FROM follow_ups WHERE hidden = 0`, &b.FollowUps},
		{"feedback", `SELECT count(*) FROM feedback WHERE trashed_at IS NULL`, &b.Feedback},
	}
	for _, c := range counts {
		if !tables[c.table] {
			continue
		}
		if err := db.QueryRowContext(ctx, c.query).Scan(c.n); err != nil {
			return copyError(err)
		}
	}
	return nil
}

// ManualBackup backs the record up into BackupDir, as the user asked, and
// returns the copy's path. Manual backups are never pruned.
func (s *Store) ManualBackup(ctx context.Context) (string, error) {
	path, err := newBackupPath(s.path, BackupManual, s.Now())
	if err != nil {
		return "", fmt.Errorf("backup of %s: %w", s.path, err)
	}
	if err := s.Backup(ctx, path); err != nil {
		return "", err
	}
	return path, nil
}

// DailyBackup backs the record up at the first start of each day (in the
// manager's time zone, from the store's clock), keeps the first of each ISO
// week as a weekly backup too, and prunes the daily and weekly backups to the
// last keepDaily and keepWeekly. made is false when today's backup was
// already there or the record is empty.
func (s *Store) DailyBackup(ctx context.Context) (b BackupInfo, made bool, err error) {
	now := s.Now()
	list, err := listBackups(s.path)
	if err != nil {
		return BackupInfo{}, false, err
	}
	day := func(t time.Time) string { return t.In(now.Location()).Format(time.DateOnly) }
	week := func(t time.Time) string {
		y, w := t.In(now.Location()).ISOWeek()
		return fmt.Sprintf("%d-W%02d", y, w)
	}
	haveWeekly := false
	for _, old := range list {
		if old.Kind == BackupDaily && day(old.Time) == day(now) {
			return BackupInfo{}, false, nil
		}
		haveWeekly = haveWeekly || old.Kind == BackupWeekly && week(old.Time) == week(now)
	}
	// An empty record (a new one, or one opened by mistake) has nothing to
	// keep, and its copies would push out, day after day, the daily backups
	// that hold the community.
	n, err := s.CountMembers(ctx, model.MemberFilter{})
	if err != nil {
		return BackupInfo{}, false, fmt.Errorf("daily backup of %s: %w", s.path, err)
	}
	if n == 0 {
		return BackupInfo{}, false, nil
	}
	path, err := newBackupPath(s.path, BackupDaily, now)
	if err != nil {
		return BackupInfo{}, false, fmt.Errorf("daily backup of %s: %w", s.path, err)
	}
	if err := s.Backup(ctx, path); err != nil {
		return BackupInfo{}, false, err
	}
	b = BackupInfo{Path: path, Kind: BackupDaily, Time: now.UTC()}
	if info, err := os.Stat(path); err == nil {
		b.Size = info.Size()
	}
	if rerr := readBackup(ctx, &b, false); rerr != nil {
		b.Problem = rerr.Error()
	}
	var errs []error
	if !haveWeekly {
		if err := keepAsWeekly(s.path, path, now); err != nil {
			errs = append(errs, err)
		}
	}
	if err := pruneBackups(s.path); err != nil {
		errs = append(errs, err)
	}
	return b, true, errors.Join(errs...)
}

// keepAsWeekly keeps the daily backup at daily as this week's weekly backup
// too: a second name for the same file where the file system allows, a copy
// where it does not.
func keepAsWeekly(dbPath, daily string, now time.Time) error {
	weekly, err := newBackupPath(dbPath, BackupWeekly, now)
	if err == nil {
		if os.Link(daily, weekly) == nil {
			return nil
		}
		err = copyFile(daily, weekly, nil)
	}
	if err != nil {
		return fmt.Errorf("weekly backup of %s: %w", dbPath, err)
	}
	return nil
}

// pruneBackups removes the daily and weekly backups beyond the last
// keepDaily and keepWeekly; no other kind is ever removed.
func pruneBackups(dbPath string) error {
	list, err := listBackups(dbPath) // newest first
	if err != nil {
		return err
	}
	seen := map[BackupKind]int{}
	keep := map[BackupKind]int{BackupDaily: keepDaily, BackupWeekly: keepWeekly}
	var errs []error
	for _, b := range list {
		limit, pruned := keep[b.Kind]
		if !pruned {
			continue
		}
		seen[b.Kind]++
		if seen[b.Kind] > limit {
			if err := os.Remove(b.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, fmt.Errorf("remove the old backup %s: %w", b.Path, err))
			}
		}
	}
	return errors.Join(errs...)
}

// copyFile copies the file at from to a new file at to (0600), through a
// temporary file beside it, on disk before it is renamed; beforeRename, when
// not nil, runs just before the rename and stops it by failing.
func copyFile(from, to string, beforeRename func() error) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := mkdirPrivate(filepath.Dir(to)); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(to), ".rapport-copy-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = f.Chmod(0o600)
	if err == nil {
		_, err = io.Copy(f, in)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && beforeRename != nil {
		err = beforeRename()
	}
	if err == nil {
		err = os.Rename(tmp, to)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	syncDir(filepath.Dir(to))
	return nil
}

// syncDir makes a rename in dir last through a crash, where the system allows.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// Restore puts the backup at backupPath in place of the record at dbPath.
// The record must not be open: the caller closes its Store first, and opens
// the record again afterwards.
//
// The backup is checked first (read-only: it must pass PRAGMA
// integrity_check and be a Rapport record of a schema this version can
// open); a backup that fails leaves the record untouched. Then the current
// record is kept as a before-restore backup, whose BackupInfo Restore
// returns; a record too damaged to be copied is moved aside as
// NAME.unreadable-TIME instead, never deleted. Only then is the copy put in
// place, through a temporary file renamed over the record (0600).
func Restore(ctx context.Context, dbPath, backupPath string) (BackupInfo, error) {
	if abs, err := filepath.Abs(dbPath); err == nil {
		dbPath = abs
	}
	if abs, err := filepath.Abs(backupPath); err == nil {
		backupPath = abs
	}
	fail := func(err error) (BackupInfo, error) {
		return BackupInfo{}, fmt.Errorf("restore %s from %s: %w", dbPath, backupPath, err)
	}
	if dbPath == backupPath {
		return fail(errors.New("the backup is the record itself"))
	}
	b := BackupInfo{Path: backupPath}
	if err := readBackup(ctx, &b, true); err != nil {
		return BackupInfo{}, fmt.Errorf("cannot restore from %s: %w; the record %s was left as it was", backupPath, err, dbPath)
	}
	if err := mkdirPrivate(filepath.Dir(dbPath)); err != nil {
		return fail(err)
	}
	// Taking the record's lock (lock.go) makes sure no Rapport has it open.
	lock, err := lockRecord(dbPath)
	if err != nil {
		return BackupInfo{}, err
	}
	defer lock.release()
	kept, err := keepBeforeRestore(ctx, dbPath, time.Now())
	if err != nil {
		return fail(err)
	}
	if err := putInPlace(backupPath, dbPath); err != nil {
		if kept.Path != "" {
			err = fmt.Errorf("%w; the record as it was is kept at %s", err, kept.Path)
		}
		return fail(err)
	}
	return kept, nil
}

// keepBeforeRestore keeps the record at dbPath before a restore replaces it:
// as a before-restore backup, or, when it cannot be read, moved aside with
// its -wal and -shm files. A missing record needs nothing kept.
func keepBeforeRestore(ctx context.Context, dbPath string, now time.Time) (BackupInfo, error) {
	if _, err := os.Stat(dbPath); errors.Is(err, fs.ErrNotExist) {
		return BackupInfo{}, nil
	}
	path, err := newBackupPath(dbPath, BackupBeforeRestore, now)
	if err != nil {
		return BackupInfo{}, err
	}
	kept := BackupInfo{Path: path, Kind: BackupBeforeRestore, Time: now.UTC()}
	err = vacuumInto(ctx, dbPath, path)
	switch sqliteCode(err) {
	case 0:
		if err != nil {
			return BackupInfo{}, fmt.Errorf("keep the record before restoring it: %w", err)
		}
		if rerr := readBackup(ctx, &kept, false); rerr != nil {
			kept.Problem = rerr.Error()
		}
		if info, err := os.Stat(path); err == nil {
			kept.Size = info.Size()
		}
		return kept, nil
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		aside := dbPath + ".unreadable-" + now.UTC().Format(backupTimeLayout)
		for _, suffix := range []string{"-wal", "-shm", ""} { // the record last: its journal goes with it
			if err := os.Rename(dbPath+suffix, aside+suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return BackupInfo{}, fmt.Errorf("move the unreadable record aside to %s: %w", aside, err)
			}
		}
		return BackupInfo{Path: aside, Kind: BackupBeforeRestore, Time: now.UTC(), Problem: fmt.Sprintf("it is damaged (%v)", err)}, nil
	default:
		return BackupInfo{}, fmt.Errorf("keep the record before restoring it: %w", err)
	}
}

// vacuumInto writes a consistent copy of the SQLite file at from to the new
// file to (0600), through a temporary file renamed once whole. from's
// journal is taken in, since SQLite reads the file as it stands.
func vacuumInto(ctx context.Context, from, to string) error {
	if err := mkdirPrivate(filepath.Dir(to)); err != nil {
		return err
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	db, err := sql.Open("sqlite", fileURI(from, q))
	if err != nil {
		return err
	}
	defer db.Close()
	f, err := os.CreateTemp(filepath.Dir(to), ".rapport-backup-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = f.Chmod(0o600)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		_, err = db.ExecContext(ctx, `VACUUM INTO ?`, tmp)
	}
	if err == nil {
		err = os.Rename(tmp, to)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// putInPlace copies the backup at from over the record at to: into a
// temporary file beside it first (0600), on disk, and then renamed. The
// record's -wal and -shm files go before the rename: a journal left beside
// the restored file would be read into it.
func putInPlace(from, to string) error {
	return copyFile(from, to, func() error {
		for _, suffix := range []string{"-wal", "-shm"} {
			if err := os.Remove(to + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		return nil
	})
}

// CheckRecord reads the whole record at dbPath, read-only, and returns an
// error wrapping ErrCorrupt and naming the file when SQLite finds it damaged
// or not an SQLite file at all. Other failures to read it come back as they
// are; nil means the record is whole. It reads every page: it is for when
// something already went wrong, not for every start.
func CheckRecord(ctx context.Context, dbPath string) error {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", "busy_timeout(5000)")
	db, err := sql.Open("sqlite", fileURI(dbPath, q))
	if err != nil {
		return openError(dbPath, "cannot be read (%v)", err)
	}
	defer db.Close()
	var result string
	err = db.QueryRowContext(ctx, `PRAGMA quick_check(1)`).Scan(&result)
	switch {
	case sqliteCode(err) == sqlite3.SQLITE_CORRUPT, sqliteCode(err) == sqlite3.SQLITE_NOTADB:
		return openError(dbPath, "%w (%v): restore it from a backup", ErrCorrupt, err)
	case err != nil:
		return openError(dbPath, "cannot be read (%v)", err)
	case result != "ok":
		return openError(dbPath, "%w (%s): restore it from a backup", ErrCorrupt, result)
	}
	return nil
}

// Damaged reports whether err, met opening or reading the record at dbPath,
// means that the file is damaged, so that restoring a backup is the way out.
// A file Open took for not a record is read through to tell damage from
// another program's database.
func Damaged(ctx context.Context, dbPath string, err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, ErrCorrupt):
		return true
	case sqliteCode(err) == sqlite3.SQLITE_CORRUPT, sqliteCode(err) == sqlite3.SQLITE_NOTADB:
		return true
	case errors.Is(err, ErrNotARecord):
		return errors.Is(CheckRecord(ctx, dbPath), ErrCorrupt)
	}
	return false
}
