package main

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"rapport/model"
)

// handoffRecord makes a record of the sample community kept by Sam Rivera,
// with a draft handoff, and returns its path and the draft.
func handoffRecord(t *testing.T, dir string) (string, model.Handoff) {
	t.Helper()
	path := demoRecord(t, dir)
	st := openRecordForTest(t, path)
	ctx := context.Background()
	if _, err := st.SetMe(ctx, "Sam Rivera"); err != nil {
		t.Fatal(err)
	}
	ms, err := st.Members(ctx, model.MemberFilter{Text: "Amara Okafor"})
	if err != nil || len(ms) == 0 {
		t.Fatalf("no Amara in the sample (%v)", err)
	}
	draft := model.Handoff{From: "Sam Rivera", To: "Someone", Date: st.Now(),
		Narrative:  map[string]string{"purpose": "The guild keeps the toolkit healthy."},
		KeyMembers: []model.KeyMember{{MemberID: ms[0].ID, Introductions: "Introduce to the docs team"}}}
	if err := st.SaveHandoff(ctx, &draft); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path, draft
}

func TestHandoffDocument(t *testing.T) {
	dir := isolate(t)
	path, draft := handoffRecord(t, dir)

	r := runArgs(t, "handoff", "--db", path, "--to", "Robin Chen")
	if r.code != exitOK {
		t.Fatalf("rapport handoff = %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{"# Handoff: Sam Rivera → Robin Chen", "The guild keeps the toolkit healthy.", "Amara Okafor", "Introduce to the docs team"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the Markdown handoff lacks %q:\n%s", want, r.stdout)
		}
	}
	if want := "draft handoff " + itoa(draft.ID); !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q does not say the draft used (%q)", r.stderr, want)
	}

	out := filepath.Join(dir, "handoff.html")
	r = runArgs(t, "handoff", "--db", path, "--to", "Robin Chen", "--tag", "docs", "--format", "HTML", "-o", out)
	if r.code != exitOK || !strings.Contains(r.stdout, "Wrote the handoff to "+out) {
		t.Fatalf("rapport handoff --format html -o = %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	html, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(html), "<!DOCTYPE html>") || !strings.Contains(string(html), "Robin Chen") || !strings.Contains(string(html), "docs") {
		t.Errorf("the HTML handoff is not the document to Robin for docs:\n%.300s", html)
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the handoff file's mode = %v (%v), want 0600", info.Mode().Perm(), err)
	}

	// Writing a document changes nothing in the record.
	st := openRecordForTest(t, path)
	hs, err := st.Handoffs(context.Background())
	if err != nil || len(hs) != 1 || hs[0].ID != draft.ID || hs[0].Version != 1 {
		t.Errorf("handoffs after writing documents = %+v, %v; want the draft alone, as saved", hs, err)
	}
	st.Close()

	// A saved one by its number, a past one as it was handed over.
	r = runArgs(t, "handoff", "--db", path, "--id", itoa(draft.ID))
	if r.code != exitOK || !strings.Contains(r.stdout, "# Handoff: Sam Rivera → Someone") {
		t.Errorf("rapport handoff --id = %d, stderr %q, stdout:\n%.300s", r.code, r.stderr, r.stdout)
	}
}

func TestHandoffBundle(t *testing.T) {
	dir := isolate(t)
	path, draft := handoffRecord(t, dir)
	zipPath := filepath.Join(dir, "to-robin.zip")
	r := runArgs(t, "handoff", "--db", path, "--to", "Robin Chen", "--bundle", zipPath)
	if r.code != exitOK || !strings.Contains(r.stdout, zipPath) {
		t.Fatalf("rapport handoff --bundle = %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatalf("the bundle is not a zip file: %v", err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	slices.Sort(names)
	if want := []string{"handoff.html", "handoff.md", "key-members.vcf", "open-promises.ics", "rapport.db"}; !slices.Equal(names, want) {
		t.Errorf("bundle holds %q, want %q", names, want)
	}
	if info, err := os.Stat(zipPath); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the bundle's mode = %v (%v), want 0600", info.Mode().Perm(), err)
	}

	// The bundle is a handoff given: saved as handed over, the draft kept.
	st := openRecordForTest(t, path)
	hs, err := st.Handoffs(context.Background())
	if err != nil || len(hs) != 2 {
		t.Fatalf("handoffs after bundling = %+v, %v; want the draft and the one given", hs, err)
	}
	given := hs[0]
	if given.ID == draft.ID {
		given = hs[1]
	}
	if !given.Finished() || given.To != "Robin Chen" || given.Narrative["purpose"] != draft.Narrative["purpose"] {
		t.Errorf("handoff given = %+v; want it handed over to Robin Chen with the draft's narrative", given)
	}
	if !strings.Contains(r.stderr, "handoff "+itoa(given.ID)) {
		t.Errorf("stderr %q does not say which handoff was saved", r.stderr)
	}
	st.Close()

	// Again from its number: the past handoff as it was handed over.
	again := filepath.Join(dir, "again.zip")
	if r := runArgs(t, "handoff", "--db", path, "--id", itoa(given.ID), "--bundle", again); r.code != exitOK {
		t.Errorf("rapport handoff --id --bundle = %d, stderr %q", r.code, r.stderr)
	}
}

func TestHandoffFailures(t *testing.T) {
	dir := isolate(t)
	path, _ := handoffRecord(t, dir)
	missing := filepath.Join(dir, "typo.db")
	nobody := demoRecord(t, t.TempDir())
	for _, c := range []struct {
		name string
		args []string
		code int
		want string // in the first line of stderr
	}{
		{"unknown format", []string{"handoff", "--db", path, "--format", "pdf"}, exitUsage, `unknown format "pdf": choose md or html`},
		{"extra", []string{"handoff", "--db", path, "now"}, exitUsage, `unexpected "now" after handoff`},
		{"id and to", []string{"handoff", "--db", path, "--id", "1", "--to", "Robin"}, exitUsage, "--from, --to and --tag are for a handoff as of today"},
		{"bad id", []string{"handoff", "--db", path, "--id", "-2"}, exitUsage, "--id -2 is not a handoff's number"},
		{"bundle and format", []string{"handoff", "--db", path, "--bundle", filepath.Join(dir, "b.zip"), "--format", "html"}, exitUsage, "leave out --format and -o"},
		{"bad tag", []string{"handoff", "--db", path, "--tag", "docs,events"}, exitUsage, "--tag: "},
		{"long name", []string{"handoff", "--db", path, "--to", strings.Repeat("Robin ", 100)}, exitUsage, "--to: is longer than"},
		{"unknown id", []string{"handoff", "--db", path, "--id", "42"}, exitFail, "no handoff 42: the record's handoffs are 1"},
		{"no manager", []string{"handoff", "--db", nobody}, exitFail, "names nobody as its manager: give your name with --from NAME"},
		{"long from", []string{"handoff", "--db", nobody, "--from", strings.Repeat("Sam ", 100)}, exitUsage, "--from: is longer than"},
		{"no record", []string{"handoff", "--db", missing}, exitFail, missing + ": no record there"},
		{"no record to bundle", []string{"handoff", "--db", missing, "--bundle", filepath.Join(dir, "b.zip")}, exitFail, missing + ": no record there"},
	} {
		r := runArgs(t, c.args...)
		first, _, _ := strings.Cut(r.stderr, "\n")
		if r.code != c.code || !strings.Contains(first, c.want) || r.stdout != "" {
			t.Errorf("%s: rapport %s = %d, stdout %q, stderr %q; want %d saying %q",
				c.name, strings.Join(c.args, " "), r.code, r.stdout, first, c.code, c.want)
		}
	}
	if r := runArgs(t, "handoff", "--db", nobody, "--from", "Sam Rivera"); r.code != exitOK || !strings.Contains(r.stdout, "Sam Rivera") {
		t.Errorf("--from on a record naming nobody: exit %d, stderr %q; want 0 and a handoff from Sam Rivera", r.code, r.stderr)
	}
	for _, p := range []string{missing, filepath.Join(dir, "b.zip")} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("a failed handoff created %s (%v)", p, err)
		}
	}
	if r := runArgs(t, "handoff", "--help"); r.code != exitOK || r.stdout != usage {
		t.Errorf("rapport handoff --help = %d, stdout %q; want the usage", r.code, r.stdout)
	}
}

// itoa writes a handoff's number as the command line takes it.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }
