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
	if !ok || !strings.Contains(o.question, backupTime(b.Time)) || !strings.Contains(o.question, plural(b.Members, "member", "members")) {
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
