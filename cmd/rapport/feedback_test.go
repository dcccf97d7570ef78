package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"rapport/model"
)

func TestFeedbackReport(t *testing.T) {
	dir := isolate(t)
	path := demoRecord(t, dir)
	st := openRecordForTest(t, path)
	ctx := context.Background()
	core, err := st.TeamByName(ctx, "Core")
	if err != nil {
		t.Fatal(err)
	}
	want, err := st.FeedbackReport(ctx, core.ID, nil)
	if err != nil || len(want.Items) == 0 {
		t.Fatalf("the sample's Core team has %d items (%v), want some", len(want.Items), err)
	}
	var names []string // of the members quoted
	quotes := 0
	for _, it := range want.Items {
		for _, q := range it.Quotes {
			names = append(names, q.Member)
			quotes++
		}
	}
	st.Close()

	r := runArgs(t, "feedback", "--db", path, "--team", "core")
	if r.code != exitOK || r.stderr != "" {
		t.Fatalf("rapport feedback = %d, stderr %q", r.code, r.stderr)
	}
	md := r.stdout
	if !strings.HasPrefix(md, "# Feedback for Core\n") || strings.Count(md, "\n## ") != len(want.Items) {
		t.Errorf("the Markdown report does not hold the team's %d items:\n%s", len(want.Items), md)
	}
	for _, it := range want.Items {
		if !strings.Contains(md, it.Title) {
			t.Errorf("the report lacks %q", it.Title)
		}
	}
	for _, n := range names {
		if !strings.Contains(md, n) {
			t.Errorf("the report does not name %s, who raised an item", n)
		}
	}

	r = runArgs(t, "feedback", "--db", path, "--team", "Core", "--anonymise", "--format", "CSV")
	if r.code != exitOK {
		t.Fatalf("rapport feedback --anonymise --format csv = %d, stderr %q", r.code, r.stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.stdout, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV report does not parse: %v", err)
	}
	if len(rows) != 1+quotes || rows[0][7] != "Member" || len(rows[0]) != 10 {
		t.Errorf("the anonymised CSV has %d rows, header %q; want a header and one row per quote (%d), without contacts", len(rows), rows[0], quotes)
	}
	for _, n := range names {
		if strings.Contains(r.stdout, n) {
			t.Errorf("the anonymised report names %s", n)
		}
	}
	if !strings.Contains(r.stdout, "member 1") || strings.Contains(r.stdout, "@example") {
		t.Error("the anonymised report numbers no member, or holds an address")
	}

	// Only shipped items, to a file readable by its owner alone.
	out := filepath.Join(dir, "core.md")
	r = runArgs(t, "feedback", "--db", path, "--team", "Core", "--status", "shipped,Declined", "-o", out)
	shipped := 0
	for _, it := range want.Items {
		if it.Status == model.FeedbackShipped || it.Status == model.FeedbackDeclined {
			shipped++
		}
	}
	if wantOut := "Wrote " + strconv.Itoa(shipped) + " feedback item"; r.code != exitOK || !strings.HasPrefix(r.stdout, wantOut) || !strings.HasSuffix(r.stdout, " for Core to "+out+".\n") {
		t.Fatalf("rapport feedback -o = %d, stdout %q, stderr %q; want %q…", r.code, r.stdout, r.stderr, wantOut)
	}
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(written), "\n## ") != shipped || !strings.Contains(string(written), "(shipped, declined)") {
		t.Errorf("the file holds %d items, want the %d shipped or declined:\n%s", strings.Count(string(written), "\n## "), shipped, written)
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the report has mode %v (%v), want 0600", info.Mode().Perm(), err)
	}
}

func TestFeedbackReportFailures(t *testing.T) {
	dir := isolate(t)
	path := demoRecord(t, dir)
	missing := filepath.Join(dir, "typo.db")
	for _, c := range []struct {
		name string
		args []string
		code int
		want string // in the first line of stderr
	}{
		{"no team", []string{"feedback", "--db", path}, exitUsage, "feedback needs --team NAME"},
		{"unknown format", []string{"feedback", "--db", path, "--team", "Core", "--format", "pdf"}, exitUsage, `unknown format "pdf": choose md or csv`},
		{"unknown status", []string{"feedback", "--db", path, "--team", "Core", "--status", "shipped,done"}, exitUsage, `--status: "done" is not one of new, handed off`},
		{"extra", []string{"feedback", "--team", "Core", "extra"}, exitUsage, `unexpected "extra" after feedback`},
		{"unknown team", []string{"feedback", "--db", path, "--team", "Marketing"}, exitFail, `no team named "Marketing": the record's teams are Core, Design, Docs, QA`},
		{"no record", []string{"feedback", "--db", missing, "--team", "Core"}, exitFail, missing + ": no record there"},
	} {
		r := runArgs(t, c.args...)
		first, _, _ := strings.Cut(r.stderr, "\n")
		if r.code != c.code || !strings.Contains(first, c.want) || r.stdout != "" {
			t.Errorf("%s: rapport %s = %d, stdout %q, stderr %q; want %d saying %q",
				c.name, strings.Join(c.args, " "), r.code, r.stdout, first, c.code, c.want)
		}
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("a report from %s created it (%v), want it left missing", missing, err)
	}
	if r := runArgs(t, "feedback", "--help"); r.code != exitOK || r.stdout != usage {
		t.Errorf("rapport feedback --help = %d, stdout %q; want the usage", r.code, r.stdout)
	}
}
