package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"rapport/model"
	"rapport/storage"
	"rapport/storage/ical"
	"rapport/storage/vcard"
)

// exportFormat is one format export writes: what it exports and how.
type exportFormat struct {
	what string // for messages: "open follow-ups", "members"
	// members says whether it exports members, and so takes --tag,
	// --member and --private-notes.
	members bool
	// write writes the export of st to w and returns how many items it
	// holds.
	write func(ctx context.Context, st *storage.Store, opt exportOptions, w io.Writer) (int, error)
}

// exportFormats are the formats of export, by the name --format gives.
var exportFormats = map[string]exportFormat{
	"ics":    {"open follow-ups", false, writeICS},
	"vcard":  {"members", true, writeVCard(vcard.V4)},
	"vcard3": {"members", true, writeVCard(vcard.V3)},
}

// formatList names exportFormats for messages.
const formatList = "ics, vcard or vcard3"

// exportOptions are what the command line says about an export of members.
type exportOptions struct {
	tag          string
	ids          []int64
	privateNotes bool
}

// filter is the members an export of members holds: all of them, unless
// the command line names a tag or members.
func (o exportOptions) filter() model.ExportFilter {
	return model.ExportFilter{All: o.tag == "" && len(o.ids) == 0, Tag: o.tag, IDs: o.ids}
}

// memberIDs is --member, given once per member.
type memberIDs []int64

func (m *memberIDs) String() string { return fmt.Sprint([]int64(*m)) }

func (m *memberIDs) Set(s string) error {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return errors.New("is not a member's number")
	}
	*m = append(*m, id)
	return nil
}

// export is "rapport export --format FORMAT [--db PATH] [-o FILE] [--tag T]
// [--member ID]... [--private-notes]": it writes what the record holds in
// FORMAT to FILE, or to stdout. A file is written beside FILE first and then
// renamed over it, so that a failed export leaves no half file and FILE as it
// was.
func export(ctx context.Context, db string, args []string, stdout io.Writer) error {
	fs := newFlagSet("export")
	fs.StringVar(&db, "db", db, "")
	format := fs.String("format", "", "")
	out := fs.String("o", "", "")
	var opt exportOptions
	fs.StringVar(&opt.tag, "tag", "", "")
	fs.Var((*memberIDs)(&opt.ids), "member", "")
	fs.BoolVar(&opt.privateNotes, "private-notes", false, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected %q after export", fs.Arg(0))}
	}
	if *format == "" {
		return usageError{"export needs --format: " + formatList}
	}
	ef, ok := exportFormats[strings.ToLower(*format)]
	if !ok {
		return usageError{fmt.Sprintf("unknown format %q: choose %s", *format, formatList)}
	}
	if !ef.members && (opt.tag != "" || len(opt.ids) > 0 || opt.privateNotes) {
		return usageError{fmt.Sprintf("--tag, --member and --private-notes are for exports of members, not %s", *format)}
	}
	st, err := openExisting(ctx, db, false)
	if err != nil {
		return err
	}
	n, err := writeExport(ctx, st, ef, opt, *out, stdout)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(stdout, "Wrote %d %s to %s.\n", n, ef.what, *out)
	}
	return nil
}

// openExisting opens the record at path (the default when empty), which
// must exist: an export from a mistyped path says so instead of creating an
// empty record there. A command that only reads (write false) opens it beside
// a window that may hold it; one that writes waits for the window to close.
func openExisting(ctx context.Context, path string, write bool) (*storage.Store, error) {
	if path == "" {
		p, err := defaultDBPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: no record there: name your record with --db PATH", path)
	}
	if !write {
		return storage.OpenForReading(ctx, path)
	}
	return storage.Open(ctx, path)
}

// writeExport writes the export to the file out, or to stdout when out is
// empty, and returns how many items it holds.
func writeExport(ctx context.Context, st *storage.Store, ef exportFormat, opt exportOptions, out string, stdout io.Writer) (int, error) {
	if out == "" {
		w := bufio.NewWriter(stdout)
		n, err := ef.write(ctx, st, opt, w)
		if err != nil {
			return 0, err
		}
		return n, w.Flush()
	}
	var n int
	err := writeFileAtomic(out, func(w io.Writer) error {
		var err error
		n, err = ef.write(ctx, st, opt, w)
		return err
	})
	return n, err
}

// writeFileAtomic writes path through write: into a new file beside it,
// synced, then renamed over it, so that path is either what it was or the
// whole new content. A new file is readable by its owner alone (0600): an
// export holds other people's details and the manager's promises. A file
// that is replaced keeps its mode, in case the owner shared it on purpose.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	mode := os.FileMode(0o600)
	if info, err := os.Stat(path); err == nil {
		if !info.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file: name a file to write", path)
		}
		mode = info.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write beside %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	w := bufio.NewWriterSize(f, 64<<10)
	if err := write(w); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(mode); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeICS writes the open follow-ups as a calendar of to-dos.
func writeICS(ctx context.Context, st *storage.Store, _ exportOptions, w io.Writer) (int, error) {
	items, err := st.OpenFollowUps(ctx)
	if err != nil {
		return 0, err
	}
	err = ical.WriteFollowUps(w, items, st.Now())
	if errors.Is(err, ical.ErrEmpty) {
		return 0, errors.New("nothing to export: the record has no open follow-up, and a calendar needs at least one")
	}
	return len(items), err
}

// writeVCard writes members as vCards of version v.
func writeVCard(v vcard.Version) func(context.Context, *storage.Store, exportOptions, io.Writer) (int, error) {
	return func(ctx context.Context, st *storage.Store, opt exportOptions, w io.Writer) (int, error) {
		ms, err := st.MembersForExport(ctx, opt.filter())
		if err != nil {
			return 0, err
		}
		if len(ms) == 0 && opt.tag != "" {
			return 0, fmt.Errorf("nothing to export: no living member has the tag %q", opt.tag)
		}
		if len(ms) == 0 {
			return 0, errors.New("nothing to export: the record has no member")
		}
		return len(ms), vcard.Encode(w, ms, vcard.EncodeOptions{Version: v, IncludePrivateNotes: opt.privateNotes, Now: st.Now()})
	}
}
