package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"rapport/model"
	"rapport/storage"
	"rapport/storage/handoff"
)

// handoffFormats are the formats of a handoff document, by the name
// --format gives.
var handoffFormats = map[string]func(io.Writer, model.HandoffDocument) error{
	"md":       handoff.Markdown,
	"markdown": handoff.Markdown,
	"html":     handoff.HTML,
}

// handoffCommand is "rapport handoff [--db PATH] [--id N] [--to NAME]
// [--tag T] [--format md|html] [-o FILE]" and "rapport handoff --bundle
// FILE.zip [--db PATH] [--id N] [--to NAME] [--tag T]".
//
// Without --id it writes the handoff from the manager using the record to
// --to, as of today, for --tag or the whole community, with the narrative
// and key members of the newest draft (stderr says which); the record is
// left as it was, except that a bundle is a handoff given: it is saved and
// marked handed over first, so that it is listed among the past ones. With
// --id it writes a saved handoff: a past one as it was handed over, a draft
// as it stands. Files are written as export writes them: beside FILE
// first, then renamed over it.
func handoffCommand(ctx context.Context, db string, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("handoff")
	fs.StringVar(&db, "db", db, "")
	id := fs.Int64("id", 0, "")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	tag := fs.String("tag", "", "")
	format := fs.String("format", "", "")
	out := fs.String("o", "", "")
	bundle := fs.String("bundle", "", "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected %q after handoff", fs.Arg(0))}
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if given["id"] && *id <= 0 {
		return usageError{fmt.Sprintf("--id %d is not a handoff's number", *id)}
	}
	if given["id"] && (given["from"] || given["to"] || given["tag"]) {
		return usageError{"--from, --to and --tag are for a handoff as of today; --id N writes a saved one as it was saved"}
	}
	if given["bundle"] && strings.TrimSpace(*bundle) == "" {
		return usageError{"--bundle needs the name of the file to write"}
	}
	if given["bundle"] && (given["format"] || given["o"]) {
		return usageError{"--bundle writes the handoff in both formats into FILE: leave out --format and -o"}
	}
	write := handoff.Markdown
	if *format != "" {
		var ok bool
		if write, ok = handoffFormats[strings.ToLower(*format)]; !ok {
			return usageError{fmt.Sprintf("unknown format %q: choose md or html", *format)}
		}
	}
	if err := checkHandoffFlags(*from, *to, *tag); err != nil {
		return err
	}

	st, err := openExisting(ctx, db, *bundle != "")
	if err != nil {
		return err
	}
	if *bundle != "" {
		var hid int64
		hid, err = writeHandoffBundle(ctx, st, *id, *from, *to, *tag, *bundle, stderr)
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Wrote handoff %d and a copy of the record for your successor to take over to %s.\n", hid, *bundle)
		return nil
	}
	var d model.HandoffDocument
	if *id != 0 {
		d, err = savedHandoff(ctx, st, *id)
	} else {
		var h model.Handoff
		if h, err = todaysHandoff(ctx, st, *from, *to, *tag, stderr); err == nil {
			d, err = st.PreviewHandoff(ctx, h)
		}
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if *out == "" {
		w := bufio.NewWriter(stdout)
		if err := write(w, d); err != nil {
			return err
		}
		return w.Flush()
	}
	if err := writeFileAtomic(*out, func(w io.Writer) error { return write(w, d) }); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote the handoff to %s.\n", *out)
	return nil
}

// writeHandoffBundle writes the bundle of handoff id, or of today's handoff
// given now when id is 0, to the file path, and returns the handoff's
// number.
func writeHandoffBundle(ctx context.Context, st *storage.Store, id int64, from, to, tag, path string, stderr io.Writer) (int64, error) {
	if id == 0 {
		var err error
		if id, err = giveHandoff(ctx, st, from, to, tag, stderr); err != nil {
			return 0, err
		}
	} else if _, err := savedHandoff(ctx, st, id); err != nil {
		return 0, err
	}
	return id, writeFileAtomic(path, func(w io.Writer) error { return handoff.WriteBundle(ctx, st, id, w) })
}

// checkHandoffFlags refuses a --to or --tag no handoff can have, before
// the record is opened: the handoff's own rules, with a stand-in for the
// rest.
func checkHandoffFlags(from, to, tag string) error {
	if from == "" {
		from = "-" // the record's manager, checked when it is read
	}
	err := model.Handoff{From: from, Date: time.Unix(0, 0), To: to, Tag: tag}.Validate()
	var v model.ValidationError
	if errors.As(err, &v) {
		if p := v.Problem(model.FieldHandoffFrom); p != "" {
			return usageError{"--from: " + p}
		}
		if p := v.Problem(model.FieldHandoffTo); p != "" {
			return usageError{"--to: " + p}
		}
		if p := v.Problem(model.FieldHandoffTag); p != "" {
			return usageError{"--tag: " + p}
		}
	}
	return nil
}

// savedHandoff is the document of the saved handoff id; an id the record
// does not know is an error naming the ones it does.
func savedHandoff(ctx context.Context, st *storage.Store, id int64) (model.HandoffDocument, error) {
	d, err := st.HandoffDocument(ctx, id)
	if !errors.Is(err, model.ErrNotFound) {
		return d, err
	}
	hs, lerr := st.Handoffs(ctx)
	if lerr != nil {
		return d, lerr
	}
	if len(hs) == 0 {
		return d, fmt.Errorf("no handoff %d: the record has no saved handoff; leave out --id to write one as of today", id)
	}
	ids := make([]string, len(hs))
	for i, h := range hs {
		ids[i] = fmt.Sprint(h.ID)
	}
	return d, fmt.Errorf("no handoff %d: the record's handoffs are %s", id, strings.Join(ids, ", "))
}

// todaysHandoff is the handoff from the manager using the record to to, as
// of today, for tag, with the narrative and key members of the newest
// draft; stderr says which draft, or that there is none.
func todaysHandoff(ctx context.Context, st *storage.Store, from, to, tag string, stderr io.Writer) (model.Handoff, error) {
	if from == "" {
		me, err := st.Me(ctx)
		if errors.Is(err, model.ErrNotFound) {
			return model.Handoff{}, fmt.Errorf("%s names nobody as its manager: give your name with --from NAME, or open it in Rapport and give it there", st.Path())
		}
		if err != nil {
			return model.Handoff{}, err
		}
		from = me.Name
	}
	h := model.Handoff{From: from, To: to, Date: st.Now(), Tag: tag}
	hs, err := st.Handoffs(ctx)
	if err != nil {
		return model.Handoff{}, err
	}
	for _, draft := range hs { // newest first
		if !draft.Finished() {
			h.Narrative, h.KeyMembers = draft.Narrative, draft.KeyMembers
			fmt.Fprintf(stderr, "Using the narrative and key members of draft handoff %d, saved on %s.\n",
				draft.ID, draft.UpdatedAt.In(st.Now().Location()).Format(time.DateOnly))
			return h, nil
		}
	}
	fmt.Fprintln(stderr, "No draft handoff in the record: the document holds no narrative and no key member; write them in Rapport's Handoff screen.")
	return h, nil
}

// giveHandoff saves today's handoff and marks it handed over, for a bundle,
// and returns its number.
func giveHandoff(ctx context.Context, st *storage.Store, from, to, tag string, stderr io.Writer) (int64, error) {
	h, err := todaysHandoff(ctx, st, from, to, tag, stderr)
	if err != nil {
		return 0, err
	}
	if err := st.SaveHandoff(ctx, &h); err != nil {
		return 0, err
	}
	if err := st.FinishHandoff(ctx, h.ID); err != nil {
		return 0, err
	}
	fmt.Fprintf(stderr, "Saved it as handoff %d, handed over as of %s.\n", h.ID, h.Date.Format(time.DateOnly))
	return h.ID, nil
}
