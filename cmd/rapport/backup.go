package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"
)

// backup is "rapport backup [--db PATH] [-o FILE]": a consistent copy of the
// record, by default into a backups folder beside it, named by the time it
// was taken.
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
	st, err := openExisting(ctx, db)
	if err != nil {
		return err
	}
	path := *out
	if path == "" {
		path = filepath.Join(filepath.Dir(st.Path()), "backups",
			"rapport-"+time.Now().Format("2006-01-02-150405")+".db")
	}
	err = st.Backup(ctx, path)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up %s to %s.\n", st.Path(), path)
	return nil
}
