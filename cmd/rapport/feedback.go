package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"rapport/model"
	"rapport/storage"
	"rapport/storage/feedbackreport"
)

// reportFormats are the formats of a feedback report, by the name --format
// gives.
var reportFormats = map[string]func(io.Writer, model.FeedbackReport) error{
	"md":       feedbackreport.Markdown,
	"markdown": feedbackreport.Markdown,
	"csv":      feedbackreport.CSV,
}

// feedback is "rapport feedback --team NAME [--status S] [--format md|csv]
// [--anonymise] [--db PATH] [-o FILE]": it writes the report for a product
// team (its items, how many members raised each, their words) to FILE, or
// to stdout, as export writes: beside FILE first, then renamed over it.
// --status takes a status or several, comma-separated.
func feedback(ctx context.Context, db string, args []string, stdout io.Writer) error {
	fs := newFlagSet("feedback")
	fs.StringVar(&db, "db", db, "")
	team := fs.String("team", "", "")
	status := fs.String("status", "", "")
	format := fs.String("format", "md", "")
	anonymise := fs.Bool("anonymise", false, "")
	out := fs.String("o", "", "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected %q after feedback", fs.Arg(0))}
	}
	if strings.TrimSpace(*team) == "" {
		return usageError{"feedback needs --team NAME: the product team the report is for"}
	}
	write, ok := reportFormats[strings.ToLower(*format)]
	if !ok {
		return usageError{fmt.Sprintf("unknown format %q: choose md or csv", *format)}
	}
	var statuses []model.FeedbackStatus
	for s := range strings.SplitSeq(*status, ",") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		st, err := model.ParseFeedbackStatus(s)
		if err != nil {
			var v model.ValidationError
			if errors.As(err, &v) {
				return usageError{"--status: " + v.Problem(model.FieldStatus)}
			}
			return err
		}
		statuses = append(statuses, st)
	}
	st, err := openExisting(ctx, db, false)
	if err != nil {
		return err
	}
	r, err := teamReport(ctx, st, *team, statuses)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if *anonymise {
		r = r.Anonymise()
	}
	if *out == "" {
		w := bufio.NewWriter(stdout)
		if err := write(w, r); err != nil {
			return err
		}
		return w.Flush()
	}
	if err := writeFileAtomic(*out, func(w io.Writer) error { return write(w, r) }); err != nil {
		return err
	}
	items := "items"
	if len(r.Items) == 1 {
		items = "item"
	}
	fmt.Fprintf(stdout, "Wrote %d feedback %s for %s to %s.\n", len(r.Items), items, r.Team.Name, *out)
	return nil
}

// teamReport gathers the report of the team called name; a name the record
// does not know is an error naming the teams it does.
func teamReport(ctx context.Context, st *storage.Store, name string, statuses []model.FeedbackStatus) (model.FeedbackReport, error) {
	t, err := st.TeamByName(ctx, name)
	if errors.Is(err, model.ErrNotFound) {
		teams, terr := st.Teams(ctx, true)
		if terr != nil {
			return model.FeedbackReport{}, terr
		}
		if len(teams) == 0 {
			return model.FeedbackReport{}, fmt.Errorf("no team named %q: the record has no product team yet", name)
		}
		names := make([]string, len(teams))
		for i, t := range teams {
			names[i] = t.Name
		}
		return model.FeedbackReport{}, fmt.Errorf("no team named %q: the record's teams are %s", name, strings.Join(names, ", "))
	}
	if err != nil {
		return model.FeedbackReport{}, err
	}
	return st.FeedbackReport(ctx, t.ID, statuses)
}
