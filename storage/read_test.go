package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"rapport/model"
)

// A command that only reads opens the record beside the window that holds
// it, and cannot write behind the window's back.
func TestOpenForReadingBesideTheWindow(t *testing.T) {
	ctx := context.Background()
	window := MustOpenDB(t)
	m := newMember("Ada Lovelace")
	if err := window.CreateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, window.Path()); !errors.Is(err, ErrInUse) {
		t.Fatalf("second Open: got %v, want ErrInUse", err)
	}

	reader, err := OpenForReading(ctx, window.Path())
	if err != nil {
		t.Fatalf("OpenForReading beside the window: %v", err)
	}
	defer reader.Close()
	got, err := reader.Member(ctx, m.ID)
	if err != nil || got.Name != "Ada Lovelace" {
		t.Fatalf("read beside the window: got %q, %v; want Ada Lovelace", got.Name, err)
	}
	// What the window writes later is read too.
	m2 := newMember("Grace Hopper")
	if err := window.CreateMember(ctx, &m2); err != nil {
		t.Fatal(err)
	}
	if n, err := reader.CountMembers(ctx, model.MemberFilter{}); err != nil || n != 2 {
		t.Fatalf("count after the window wrote: got %d, %v; want 2", n, err)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := reader.Backup(ctx, copyPath); err != nil {
		t.Fatalf("backup from a reading store: %v", err)
	}
	if _, err := os.Stat(copyPath); err != nil {
		t.Fatalf("backup copy: %v", err)
	}
	m3 := newMember("Katherine Johnson")
	if err := reader.CreateMember(ctx, &m3); !errors.Is(err, model.ErrReadOnly) {
		t.Fatalf("write through a reading store: got %v, want ErrReadOnly", err)
	}
	if n, _ := window.CountMembers(ctx, model.MemberFilter{}); n != 2 {
		t.Fatalf("members after the refused write: got %d, want 2", n)
	}
}

func TestOpenForReadingMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.db")
	if _, err := OpenForReading(context.Background(), path); err == nil {
		t.Fatal("OpenForReading of a missing file: got no error")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("OpenForReading created %s", path)
	}
}
