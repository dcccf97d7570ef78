package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2"

	"rapport/app"
	"rapport/model"
	"rapport/storage"
)

// restore is "rapport restore [--db PATH] FILE": it puts the backup FILE in
// place of the record, after keeping the record as it is as a backup; and
// "rapport restore --list [--db PATH]", which lists the record's backups.
func restore(ctx context.Context, db string, args []string, stdout io.Writer) error {
	fs := newFlagSet("restore")
	fs.StringVar(&db, "db", db, "")
	list := fs.Bool("list", false, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	path, err := recordPath(db)
	if err != nil {
		return err
	}
	if *list {
		if fs.NArg() > 0 {
			return usageError{fmt.Sprintf("unexpected %q after restore --list", fs.Arg(0))}
		}
		return listBackups(path, stdout)
	}
	switch {
	case fs.NArg() == 0:
		return usageError{"restore needs the backup FILE to restore: rapport restore --list shows them"}
	case fs.NArg() > 1:
		return usageError{fmt.Sprintf("unexpected %q after the backup to restore", fs.Arg(1))}
	}
	from, err := storage.ReadBackup(ctx, path, fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restoring %s from %s: %s.\n", path, describeBackup(from), backupCounts(from))
	kept, err := storage.Restore(ctx, path, from.Path)
	if err != nil {
		return err
	}
	switch {
	case kept.Path == "":
		fmt.Fprintf(stdout, "Restored %s; there was no record there to keep.\n", path)
	case kept.Problem != "":
		fmt.Fprintf(stdout, "Restored %s; the record as it was could not be read (%s) and was moved aside to %s.\n", path, kept.Problem, kept.Path)
	default:
		fmt.Fprintf(stdout, "Restored %s; the record as it was is kept at %s.\n", path, kept.Path)
	}
	return nil
}

// recordPath is the record --db names, or the default one, made absolute.
func recordPath(db string) (string, error) {
	if db == "" {
		p, err := defaultDBPath()
		if err != nil {
			return "", err
		}
		db = p
	}
	if abs, err := filepath.Abs(db); err == nil {
		db = abs
	}
	return db, nil
}

// listBackups prints the backups of the record at path, newest first.
func listBackups(path string, stdout io.Writer) error {
	list, err := storage.Backups(path)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintf(stdout, "No backups of %s yet: rapport backup makes one.\n", path)
		return nil
	}
	fmt.Fprintf(stdout, "Backups of %s, newest first:\n\n", path)
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "TAKEN\tKIND\tHOLDS\tFILE")
	for _, b := range list {
		holds := backupCounts(b)
		if b.Problem != "" {
			holds = "cannot be read: " + b.Problem
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", backupTime(b.Time), b.Kind, holds, b.Path)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nRestore one with: rapport restore --db %s FILE\n", shellQuote(path))
	return nil
}

// backupTime is when a backup was taken, in local time.
func backupTime(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

// describeBackup names a backup by its kind and time.
func describeBackup(b storage.BackupInfo) string {
	if b.Kind == "" {
		return fmt.Sprintf("the copy %s of %s", b.Path, backupTime(b.Time))
	}
	return fmt.Sprintf("the %s backup of %s (%s)", b.Kind, backupTime(b.Time), b.Path)
}

// backupCounts says what a backup holds.
func backupCounts(b storage.BackupInfo) string {
	return strings.Join(model.RecordHolds(b.Members, b.Conversations, b.FollowUps, b.Feedback), ", ")
}

// shellQuote quotes s for a command line when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+=:@,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// explainDamage adds to err, when it says that the record is damaged, the
// latest backup and the command that restores it. The record is the file
// the error names, or the one the command line names (args, as run has them).
func explainDamage(ctx context.Context, args []string, err error) error {
	if err == nil {
		return nil
	}
	path := ""
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Op == "open" {
		path = pe.Path
	} else if p, perr := recordPath(dbArg(args)); perr == nil {
		path = p
	}
	if path == "" || !storage.Damaged(ctx, path, err) {
		return err
	}
	// Without a backup the error already says all there is to say.
	b, ok := storage.LatestBackup(path)
	if !ok {
		return err
	}
	var hint error = damageHint{err, fmt.Sprintf("the record %s is damaged; its latest backup is from %s (%s):\nrestore it with: rapport restore --db %s %s",
		path, backupTime(b.Time), backupCounts(b), shellQuote(path), shellQuote(b.Path))}
	var oe openError
	if errors.As(err, &oe) {
		return openError{hint}
	}
	return hint
}

// damageHint is an error about a damaged record with, on lines of its own,
// how to restore its latest backup from the command line; the window, which
// offers the backup itself, shows the error without them.
type damageHint struct {
	err  error
	hint string
}

func (e damageHint) Error() string { return e.err.Error() + "\n" + e.hint }
func (e damageHint) Unwrap() error { return e.err }

// dbArg is the value of the last --db on the command line, empty when none.
func dbArg(args []string) string {
	db := ""
	for i, a := range args {
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "db" {
			continue
		}
		if hasValue {
			db = value
		} else if i+1 < len(args) {
			db = args[i+1]
		}
	}
	return db
}

// backupShelf gives the UI the record's backups: storage's functions that
// need no open record.
type backupShelf struct{}

func (backupShelf) List(recordPath string) ([]app.Backup, error) {
	list, err := storage.Backups(recordPath)
	if err != nil {
		return nil, err
	}
	backups := make([]app.Backup, len(list))
	for i, b := range list {
		backups[i] = appBackup(b)
	}
	return backups, nil
}

func (backupShelf) Restore(ctx context.Context, recordPath, backupPath string) (app.Backup, error) {
	kept, err := storage.Restore(ctx, recordPath, backupPath)
	return appBackup(kept), err
}

func (backupShelf) Damaged(ctx context.Context, recordPath string, err error) bool {
	return storage.Damaged(ctx, recordPath, err)
}

func appBackup(b storage.BackupInfo) app.Backup {
	return app.Backup{
		Path: b.Path, Kind: string(b.Kind), Time: b.Time, Size: b.Size,
		Members: b.Members, Conversations: b.Conversations, FollowUps: b.FollowUps, Feedback: b.Feedback,
		Problem: b.Problem,
	}
}

// dailyBackups takes, in the background, the day's backup of each record a
// window opens: the one it starts on, and those File › Open, New and a
// restore open. A record gets one a day: opening it again the same day takes
// none, unless the first failed. A failure is told on stderr and in the
// window, and never stops the app.
type dailyBackups struct {
	ctx    context.Context
	stderr io.Writer

	mu sync.Mutex
	ui *app.UI // nil until the window is made
	// shown is the record last opened for the window: the failure of
	// another's backup must not be told, nor a backup offered, as its own.
	shown *storage.Store
	// taken holds, by record, the day whose backup was taken or is under way.
	taken map[string]string
	// running lets tests wait for the backups under way.
	running sync.WaitGroup
}

func newDailyBackups(ctx context.Context, stderr io.Writer) *dailyBackups {
	return &dailyBackups{ctx: ctx, stderr: stderr, taken: map[string]string{}}
}

// window tells the backups the window they report to, on the record st, and
// takes st's backup of the day.
func (b *dailyBackups) window(ui *app.UI, st *storage.Store) {
	b.mu.Lock()
	b.ui = ui
	b.mu.Unlock()
	b.start(st)
}

// start takes the day's backup of st, the record the window now shows,
// unless it was taken today already or is under way: a second one started
// while the first runs would make two.
func (b *dailyBackups) start(st *storage.Store) {
	path, day := st.Path(), st.Now().Format(time.DateOnly) // the day as DailyBackup tells it
	b.mu.Lock()
	defer b.mu.Unlock()
	b.shown = st
	if b.taken[path] == day {
		return
	}
	b.taken[path] = day
	b.running.Add(1)
	go func() {
		defer b.running.Done()
		_, _, err := st.DailyBackup(b.ctx)
		if err == nil {
			return
		}
		b.mu.Lock()
		if b.taken[path] == day {
			delete(b.taken, path) // the next open tries again
		}
		ui := b.ui
		b.mu.Unlock()
		fmt.Fprintf(b.stderr, "rapport: %v\n", err)
		if ui == nil {
			return
		}
		fyne.Do(func() {
			b.mu.Lock()
			shown := b.shown == st
			b.mu.Unlock()
			if shown {
				ui.BackupFailed(err)
			}
		})
	}()
}

// offer is a backup to restore over a damaged record, as the window asks.
type offer struct {
	question string
	restore  func(ctx context.Context) (*storage.Store, error)
}

// restoreOffer is the offer to restore the latest backup when err, from
// opening a record, says that it is damaged; ok is false otherwise, or when
// the record has no backup that can be read.
func restoreOffer(ctx context.Context, err error) (offer, bool) {
	var pe *fs.PathError
	if !errors.As(err, &pe) || !storage.Damaged(ctx, pe.Path, err) {
		return offer{}, false
	}
	path := pe.Path
	b, ok := storage.LatestBackup(path)
	if !ok {
		return offer{}, false
	}
	return offer{
		question: fmt.Sprintf("Restore the latest backup from %s (%s)? The damaged record is kept, not deleted.",
			backupTime(b.Time), model.Plural(b.Members, "member", "members")),
		restore: func(ctx context.Context) (*storage.Store, error) {
			if _, err := storage.Restore(ctx, path, b.Path); err != nil {
				return nil, err
			}
			return storage.Open(ctx, path)
		},
	}, true
}
