package storage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"rapport/model"
)

// TestDiskFullTmpfs fills a real, small disk (a 1 MiB tmpfs): the write that
// finds no room fails with model.ErrDiskFull, the record stays whole and
// holds all it held, and once room is freed writes go in again. It needs
// root and a kernel that lets it mount, and skips otherwise.
func TestDiskFullTmpfs(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root; TestDiskFullPageLimit fills the record without")
	}
	dir := filepath.Join(t.TempDir(), "small")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=1m,mode=0700"); err != nil {
		t.Skipf("cannot mount a small tmpfs (%v); TestDiskFullPageLimit fills the record without", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	ctx := context.Background()
	path := filepath.Join(dir, "record.db")
	s := mustOpenPath(t, path) // closed before the unmount: cleanups run last first
	// A file taking room, freed later.
	filler := filepath.Join(dir, "filler")
	if err := os.WriteFile(filler, make([]byte, 256<<10), 0o600); err != nil {
		t.Fatal(err)
	}
	var kept []string
	var err error
	for i := range 200 {
		m := bigMember(fmt.Sprintf("Member %d", i))
		if err = s.CreateMember(ctx, &m); err != nil {
			break
		}
		kept = append(kept, m.Name)
	}
	checkDiskFull(t, "create member", err, path)
	if len(kept) == 0 {
		t.Fatal("not even one member went in before the disk was full: the test tests less than it should")
	}
	if got := integrityCheck(t, path); got != "ok" {
		t.Errorf("integrity check of the full record = %q, want ok", got)
	}
	ms, err := s.Members(ctx, model.MemberFilter{Limit: 1000})
	if err != nil {
		t.Fatalf("reading the full record: %v", err)
	}
	if got := names(ms); !sameSet(got, kept) {
		t.Errorf("the full record holds %q, want %q", got, kept)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	again := newMember("Björn Öberg")
	if err := s.CreateMember(ctx, &again); err != nil {
		t.Errorf("writing once room was freed: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := memberNames(t, path), append(kept, "Björn Öberg"); !sameSet(got, want) {
		t.Errorf("reopened, the record holds %q, want %q", got, want)
	}
	if got := integrityCheck(t, path); got != "ok" {
		t.Errorf("integrity check after freeing room = %q, want ok", got)
	}
}
