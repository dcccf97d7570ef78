package main

import (
	"context"
	"fmt"
	"io"
)

// backup is "rapport backup [--db PATH] [-o FILE]": a consistent copy of the
// record, by default into a backups folder beside it, named as a manual
// backup taken now (storage.BackupDir), which is never pruned.
func backup(ctx context.Context, db string, args []string, stdout io.Writer) error {
	fs := newFlagSet("backup")
	fs.StringVar(&db, "db", db, "")
	out := fs.String("o", "", "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected %q after backup", fs.Arg(0))}
	}
	st, err := openExisting(ctx, db, false)
	if err != nil {
		return err
	}
	path := *out
	if path == "" {
		path, err = st.ManualBackup(ctx)
	} else {
		err = st.Backup(ctx, path)
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up %s to %s.\n", st.Path(), path)
	return nil
}
