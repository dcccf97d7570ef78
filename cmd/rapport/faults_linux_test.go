package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"rapport/model"
	"rapport/storage"
)

// TestDiskFullCommand fills a small disk (a 1 MiB tmpfs) under a record: an
// import and the window fail saying the disk is full (SQLite finds no room
// for the index it keeps beside the record as it opens it), the record keeps
// all it held, and once room is freed the import goes in. It needs root and
// a kernel that lets it mount. Storage's TestDiskFullTmpfs fills the disk
// while the record is open.
func TestDiskFullCommand(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root; storage's TestDiskFullPageLimit fills a record without")
	}
	dir := filepath.Join(isolate(t), "small")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=1m,mode=0700"); err != nil {
		t.Skipf("cannot mount a small tmpfs (%v); storage's TestDiskFullPageLimit fills a record without", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	path := filepath.Join(dir, "guild.db")
	st, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	keep := model.Member{Name: "Ngozi Eze", Notes: "maintainer since the start"}
	if err := st.CreateMember(context.Background(), &keep); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	// Fill what is left with a file, freed later.
	filler := filepath.Join(dir, "filler")
	f, err := os.OpenFile(filler, os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	block := make([]byte, 4096)
	for {
		if _, err := f.Write(block); err != nil {
			break
		}
	}
	f.Close()

	r := runArgs(t, "import", "--db", path, filepath.Join("testdata", "contacts.vcf"))
	t.Logf("import on a full disk: %d, %s", r.code, strings.TrimSpace(r.stderr))
	if r.code != exitFail || !strings.Contains(r.stderr, "the disk is full") || !strings.Contains(r.stderr, path) {
		t.Errorf("rapport import on a full disk = %d, stderr %q; want 1, saying the disk is full and naming the record", r.code, r.stderr)
	}
	// The window says so too, in its error window.
	r = runArgs(t, "--db", path)
	if r.code != exitFail || len(r.display.ran) != 0 || len(r.display.errShown) != 1 || !errors.Is(r.display.errShown[0], model.ErrDiskFull) {
		t.Errorf("rapport --db on a full disk = %d, showed %q and error windows %v; want 1, one error window showing model.ErrDiskFull",
			r.code, r.display.ran, r.display.errShown)
	}
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if got := countMembers(t, path, model.MemberFilter{}); got != 1 {
		t.Errorf("after the failed import the record holds %d members, want 1", got)
	}
	if r := runArgs(t, "import", "--db", path, filepath.Join("testdata", "contacts.vcf")); r.code != exitOK {
		t.Errorf("rapport import once room was freed = %d, stderr %q; want 0", r.code, r.stderr)
	}
	if got := countMembers(t, path, model.MemberFilter{}); got <= 1 {
		t.Errorf("after the import the record holds %d members, want more than 1", got)
	}
}
