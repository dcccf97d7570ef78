package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rapport/model"
	"rapport/storage"
)

// damageFile overwrites 4 KiB of the file at path from offset (-1: from the
// middle), as a failing disk would.
func damageFile(t *testing.T, path string, offset int64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if offset < 0 {
		offset = int64(len(b)) / 2
	}
	for i := offset; i < offset+4096 && i < int64(len(b)); i++ {
		b[i] = 0x5a
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// onlyBackup makes a manual backup of the record at path and returns it.
func onlyBackup(t *testing.T, path string) storage.BackupInfo {
	t.Helper()
	if r := runArgs(t, "backup", "--db", path); r.code != exitOK {
		t.Fatalf("rapport backup = %d, stderr %q", r.code, r.stderr)
	}
	list, err := storage.Backups(path)
	if err != nil || len(list) != 1 || list[0].Problem != "" {
		t.Fatalf("Backups = %+v, %v; want the one just made", list, err)
	}
	return list[0]
}

func TestRestore(t *testing.T) {
	dir := isolate(t)
	path := demoRecord(t, dir)
	b := onlyBackup(t, path)
	if b.Kind != storage.BackupManual || !strings.HasPrefix(filepath.Base(b.Path), "rapport-guild-") {
		t.Errorf("rapport backup made %+v, want a manual backup named rapport-guild-…", b)
	}
	st := openRecordForTest(t, path)
	if err := st.CreateMember(context.Background(), &model.Member{Name: "Added After"}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	r := runArgs(t, "restore", "--list", "--db", path)
	wantCounts := backupCounts(b)
	for _, want := range []string{"manual", wantCounts, b.Path, "rapport restore --db " + path + " FILE"} {
		if r.code != exitOK || !strings.Contains(r.stdout, want) {
			t.Errorf("rapport restore --list = %d, stdout %q; want it to show %q", r.code, r.stdout, want)
		}
	}

	r = runArgs(t, "restore", "--db", path, b.Path)
	if r.code != exitOK {
		t.Fatalf("rapport restore = %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, wantCounts) || !strings.Contains(r.stdout, backupTime(b.Time)) {
		t.Errorf("rapport restore says %q; want what it restores: %s, %s", r.stdout, backupTime(b.Time), wantCounts)
	}
	list, err := storage.Backups(path)
	if err != nil || len(list) != 2 || list[0].Kind != storage.BackupBeforeRestore {
		t.Fatalf("backups after the restore: %+v, %v; want the record as it was kept first", list, err)
	}
	if !strings.Contains(r.stdout, "kept at "+list[0].Path) {
		t.Errorf("rapport restore says %q; want it to name the copy %s", r.stdout, list[0].Path)
	}
	if list[0].Members != b.Members+1 {
		t.Errorf("the copy kept before the restore holds %d members, want %d", list[0].Members, b.Members+1)
	}
	if got := countMembers(t, path, model.MemberFilter{Text: "Added After"}); got != 0 {
		t.Errorf("after the restore the record still holds the member added after the backup")
	}

	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", []string{"restore", "--db", path}, exitUsage, "--list"},
		{"two files", []string{"restore", "--db", path, b.Path, b.Path}, exitUsage, "unexpected"},
		{"list and a file", []string{"restore", "--list", "--db", path, b.Path}, exitUsage, "unexpected"},
		{"not a record", []string{"restore", "--db", path, notes}, exitFail, notes},
		{"missing", []string{"restore", "--db", path, filepath.Join(dir, "typo.db")}, exitFail, "typo.db"},
	} {
		r := runArgs(t, c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d saying %q", c.name, r.code, r.stderr, c.code, c.want)
		}
	}
}

func TestADamagedRecordNamesItsLatestBackup(t *testing.T) {
	for _, c := range []struct {
		name   string
		offset int64
		args   func(path string) []string
	}{
		// The header: Open itself finds the file unreadable.
		{"header", 0, func(path string) []string { return []string{"export", "--format", "vcard", "--db", path} }},
		// Pages in the middle: Open succeeds; the backup, which reads every
		// page, finds them.
		{"middle pages", -1, func(path string) []string { return []string{"backup", "--db", path} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := isolate(t)
			path := demoRecord(t, dir)
			b := onlyBackup(t, path)
			damageFile(t, path, c.offset)

			r := runArgs(t, c.args(path)...)
			restore := "rapport restore --db " + path + " " + b.Path
			for _, want := range []string{"is damaged", backupTime(b.Time), backupCounts(b), restore} {
				if r.code != exitFail || !strings.Contains(r.stderr, want) {
					t.Errorf("rapport %s = %d, stderr %q; want it to say %q", c.args(path)[0], r.code, r.stderr, want)
				}
			}
			// The command it names puts the record back.
			if r := runArgs(t, strings.Fields(restore)[1:]...); r.code != exitOK {
				t.Fatalf("%s = %d, stderr %q", restore, r.code, r.stderr)
			}
			if err := storage.CheckRecord(context.Background(), path); err != nil {
				t.Errorf("after the restore: %v", err)
			}
			if got := countMembers(t, path, model.MemberFilter{}); got != b.Members {
				t.Errorf("after the restore the record holds %d members, want the backup's %d", got, b.Members)
			}
		})
	}
}

func TestTheWindowIsToldOfADamagedRecord(t *testing.T) {
	dir := isolate(t)
	path := demoRecord(t, dir)
	b := onlyBackup(t, path)
	damageFile(t, path, 0)
	r := runArgs(t, "--db", path)
	if r.code != exitFail || len(r.display.errShown) != 1 {
		t.Fatalf("rapport --db DAMAGED = %d, window errors %v; want one", r.code, r.display.errShown)
	}
	o, ok := restoreOffer(context.Background(), r.display.errShown[0])
	if !ok || !strings.Contains(o.question, backupTime(b.Time)) || !strings.Contains(o.question, model.Plural(b.Members, "member", "members")) {
		t.Fatalf("the window offers %q (ok %v); want the backup of %s with %d members", o.question, ok, backupTime(b.Time), b.Members)
	}
	st, err := o.restore(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, err := st.CountMembers(context.Background(), model.MemberFilter{}); err != nil || n != b.Members {
		t.Errorf("the restored record holds %d members (err %v), want %d", n, err, b.Members)
	}
	// Another program's database is not damaged: nothing is offered.
	if _, ok := restoreOffer(context.Background(), errors.New("no file named")); ok {
		t.Error("an error naming no record offers a backup")
	}
}

// dailyBackupsOf lists the daily backups of the record at path.
func dailyBackupsOf(t *testing.T, path string) []storage.BackupInfo {
	t.Helper()
	list, err := storage.Backups(path)
	if err != nil {
		t.Fatal(err)
	}
	var daily []storage.BackupInfo
	for _, b := range list {
		if b.Kind == storage.BackupDaily {
			daily = append(daily, b)
		}
	}
	return daily
}

func TestEachRecordTheWindowOpensTakesItsDailyBackup(t *testing.T) {
	ctx := context.Background()
	dir := isolate(t)
	first := demoRecord(t, dir)
	second := filepath.Join(dir, "second.db")
	if r := runArgs(t, "demo", "--db", second); r.code != exitOK {
		t.Fatalf("rapport demo = %d, stderr %q", r.code, r.stderr)
	}
	// A record whose backups folder cannot be made: a file holds its name.
	blocked := filepath.Join(dir, "club", "club.db")
	if r := runArgs(t, "demo", "--db", blocked); r.code != exitOK {
		t.Fatalf("rapport demo = %d, stderr %q", r.code, r.stderr)
	}
	if err := os.RemoveAll(storage.BackupDir(blocked)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(storage.BackupDir(blocked), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	members := countMembers(t, second, model.MemberFilter{})

	var stderr strings.Builder
	backups := newDailyBackups(ctx, &stderr)
	open := openRecord(backups) // as newWindow gives it to the window
	st, err := storage.Open(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	backups.window(nil, st)
	// openOnce opens the record at path as File › Open does, waits for its
	// backup of the day and closes it, as opening another record would.
	openOnce := func(path string) {
		t.Helper()
		st, err := open(ctx, path)
		if err != nil {
			t.Fatalf("opening %s: %v", path, err)
		}
		backups.running.Wait()
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	backups.running.Wait()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if got := len(dailyBackupsOf(t, first)); got != 1 {
		t.Errorf("the record the window started on has %d daily backups, want 1", got)
	}

	openOnce(second)
	daily := dailyBackupsOf(t, second)
	if len(daily) != 1 || daily[0].Members != members || daily[0].Problem != "" {
		t.Fatalf("after File › Open the record has daily backups %+v, want one holding its %d members", daily, members)
	}
	// Opened again the same day, even with its backup gone, it takes none.
	if err := os.Remove(daily[0].Path); err != nil {
		t.Fatal(err)
	}
	openOnce(second)
	openOnce(first)
	if got, got1 := len(dailyBackupsOf(t, second)), len(dailyBackupsOf(t, first)); got != 0 || got1 != 1 {
		t.Errorf("opened again the same day, the records have %d and %d daily backups, want 0 and 1 (none taken again)", got, got1)
	}
	if stderr.Len() != 0 {
		t.Errorf("backups that worked said %q on stderr, want nothing", stderr.String())
	}

	// A backup that fails is told, and tried again at the next open.
	openOnce(blocked)
	openOnce(blocked)
	if got := strings.Count(stderr.String(), "rapport: "); got != 2 || !strings.Contains(stderr.String(), storage.BackupDir(blocked)) {
		t.Errorf("stderr %q; want the failed backup into %s told twice, once for each open", stderr.String(), storage.BackupDir(blocked))
	}
	if err := os.Remove(storage.BackupDir(blocked)); err != nil {
		t.Fatal(err)
	}
	openOnce(blocked)
	if got := len(dailyBackupsOf(t, blocked)); got != 1 {
		t.Errorf("once its backups folder could be made, the record has %d daily backups, want 1", got)
	}
}

// restoringDisplay is a display whose error window restores the damaged
// record's latest backup, as the user would unless declines; before runs
// first, to make the restore fail. The record then shows in its window.
type restoringDisplay struct {
	fakeDisplay
	declines bool
	before   func()
}

func (d *restoringDisplay) ShowError(ctx context.Context, err error) error {
	_ = d.fakeDisplay.ShowError(ctx, err)
	o, ok := restoreOffer(ctx, err)
	if !ok || d.declines {
		return err
	}
	if d.before != nil {
		d.before()
	}
	st, rerr := o.restore(ctx)
	if rerr != nil {
		return rerr
	}
	rerr = d.Run(ctx, st)
	if cerr := st.Close(); rerr == nil {
		rerr = cerr
	}
	return rerr
}

func TestARecordRestoredFromTheErrorWindowEndsWell(t *testing.T) {
	for _, c := range []struct {
		name     string
		declines bool
		fail     bool // the backup goes missing before the restore
		code     int
		stderr   []string
		restored bool
	}{
		{name: "restored", code: exitOK, stderr: []string{"is damaged"}, restored: true},
		{name: "declined", declines: true, code: exitFail, stderr: []string{"is damaged"}},
		{name: "restore fails", fail: true, code: exitFail, stderr: []string{"is damaged", "rapport: cannot restore"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := isolate(t)
			path := demoRecord(t, dir)
			b := onlyBackup(t, path)
			damageFile(t, path, 0)
			d := &restoringDisplay{declines: c.declines}
			if c.fail {
				d.before = func() { os.Remove(b.Path) }
			}
			var stdout, stderr strings.Builder
			code := run(context.Background(), []string{"--db", path}, &stdout, &stderr, d)
			if code != c.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, c.code, stderr.String())
			}
			for _, want := range c.stderr {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr %q, want it to say %q", stderr.String(), want)
				}
			}
			wantShown := 0
			if c.restored {
				wantShown = 1
			}
			if got := len(d.ran); got != wantShown {
				t.Errorf("the record showed in %d windows, want %d", got, wantShown)
			}
			if whole := storage.CheckRecord(context.Background(), path) == nil; whole != c.restored {
				t.Errorf("after the error window the record is whole: %v, want %v", whole, c.restored)
			}
		})
	}
}
