package storage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the record to path, readable by the
// owner alone. The copy is written beside path and renamed over it once
// whole, so a failed backup never leaves half a copy; a file already at path
// is replaced. VACUUM INTO cannot run inside a transaction: SQLite itself
// reads the record as of one moment.
func (s *Store) Backup(ctx context.Context, path string) error {
	fail := func(err error) error { return fmt.Errorf("backup to %s: %w", path, err) }
	dir := filepath.Dir(path)
	if err := mkdirPrivate(dir); err != nil {
		return fail(err)
	}
	f, err := os.CreateTemp(dir, ".rapport-backup-*")
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	// VACUUM INTO accepts an empty file; creating it first sets its mode.
	err = f.Chmod(0o600)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		_, err = s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fail(err)
	}
	return nil
}
