package storage

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"rapport/model"
)

func TestBackup(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	if err := s.CreateMember(ctx, &model.Member{Name: "Amara Okafor"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copies", "rapport-backup.db")
	for round := 1; round <= 2; round++ { // the second replaces the first
		if err := s.Backup(ctx, path); err != nil {
			t.Fatalf("round %d: Backup = %v", round, err)
		}
		if err := s.CreateMember(ctx, &model.Member{Name: "Björn Öberg"}); err != nil {
			t.Fatal(err)
		}
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("the copy's mode is %o, want 600", got)
	}
	if dir, _ := os.Stat(filepath.Dir(path)); dir.Mode().Perm() != 0o700 {
		t.Errorf("the folder's mode is %o, want 700", dir.Mode().Perm())
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".rapport-backup-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left beside the copy: %q", leftovers)
	}
	copied, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("the copy does not open: %v", err)
	}
	defer copied.Close()
	if n, err := copied.CountMembers(ctx, model.MemberFilter{}); err != nil || n != 2 {
		t.Errorf("the copy holds %d members (err %v), want the 2 there at the second backup", n, err)
	}
}

func TestBackupToAFolderThatCannotBeMade(t *testing.T) {
	s := MustOpenDB(t)
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(file, "copy.db")
	if err := s.Backup(context.Background(), path); err == nil {
		t.Errorf("Backup(%s) = nil, want an error naming it", path)
	}
}
