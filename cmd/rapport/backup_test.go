package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rapport/model"
)

func TestBackup(t *testing.T) {
	dir := isolate(t)
	path := demoRecord(t, dir)
	st := openRecordForTest(t, path)
	want, err := st.CountMembers(context.Background(), model.MemberFilter{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	out := filepath.Join(dir, "copy.db")
	r := runArgs(t, "backup", "--db", path, "-o", out)
	if r.code != exitOK || !strings.Contains(r.stdout, out) {
		t.Fatalf("rapport backup -o = %d, stdout %q, stderr %q; want 0 naming the copy", r.code, r.stdout, r.stderr)
	}
	copied := openRecordForTest(t, out)
	if got, err := copied.CountMembers(context.Background(), model.MemberFilter{}); err != nil || got != want {
		t.Errorf("the copy holds %d members (err %v), want %d", got, err, want)
	}
	copied.Close()

	// Without -o the copy goes into a backups folder beside the record.
	if r := runArgs(t, "backup", "--db", path); r.code != exitOK {
		t.Fatalf("rapport backup = %d, stderr %q", r.code, r.stderr)
	}
	copies, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "backups", "rapport-*.db"))
	if len(copies) != 1 {
		t.Fatalf("backups beside the record: %q, want one", copies)
	}
	if info, err := os.Stat(copies[0]); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the copy's mode is %v (err %v), want 0600", info.Mode().Perm(), err)
	}

	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"missing record", []string{"backup", "--db", filepath.Join(dir, "typo.db")}, exitFail},
		{"extra argument", []string{"backup", "--db", path, "now"}, exitUsage},
	} {
		if r := runArgs(t, c.args...); r.code != c.code {
			t.Errorf("%s: exit %d, want %d (stderr %q)", c.name, r.code, c.code, r.stderr)
		}
	}
}
