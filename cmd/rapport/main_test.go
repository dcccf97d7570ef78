package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"rapport/model"
	"rapport/storage"
)

// fakeDisplay stands in for the desktop: it records what run asked of it.
type fakeDisplay struct {
	ran      []string // the path of each record shown
	errShown []error
	runErr   error // what Run returns
}

func (d *fakeDisplay) Run(_ context.Context, st *storage.Store) error {
	d.ran = append(d.ran, st.Path())
	return d.runErr
}
func (d *fakeDisplay) ShowError(_ context.Context, err error) error {
	d.errShown = append(d.errShown, err)
	return err
}

// result is one run of the command.
type result struct {
	code           int
	stdout, stderr string
	display        *fakeDisplay
}

func runArgs(t *testing.T, args ...string) result {
	t.Helper()
	return runOn(t, &fakeDisplay{}, args...)
}

func runOn(t *testing.T, d *fakeDisplay, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr, d)
	return result{code, stdout.String(), stderr.String(), d}
}

// isolate points the default record into a fresh folder, so that no test
// touches the realDB one.
func isolate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("HOME", filepath.Join(dir, "home"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	return dir
}

func TestVersion(t *testing.T) {
	isolate(t)
	r := runArgs(t, "--version")
	if r.code != exitOK || r.stdout != "rapport "+version+"\n" || r.stderr != "" {
		t.Errorf("rapport --version = %d, stdout %q, stderr %q; want 0, %q, nothing",
			r.code, r.stdout, r.stderr, "rapport "+version+"\n")
	}
}

func TestHelp(t *testing.T) {
	isolate(t)
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}, {"demo", "--help"}, {"export", "--help"}} {
		r := runArgs(t, args...)
		if r.code != exitOK || r.stdout != usage || r.stderr != "" {
			t.Errorf("rapport %s = %d, stdout %q, stderr %q; want 0, the usage, nothing",
				strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
		if len(r.display.ran) != 0 {
			t.Errorf("rapport %s opened a window, want none", strings.Join(args, " "))
		}
	}
}

func TestUsageErrors(t *testing.T) {
	isolate(t)
	for _, c := range []struct {
		args []string
		want string // in the first line of stderr
	}{
		{[]string{"--nope"}, "flag provided but not defined: -nope"},
		{[]string{"--db"}, "flag needs an argument: -db"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"demo", "extra"}, `unexpected "extra" after demo`},
		{[]string{"demo", "--nope"}, "flag provided but not defined: -nope"},
		{[]string{"--version", "demo"}, "--version takes nothing else"},
		{[]string{"help", "demo"}, `unexpected "demo" after help`},
		{[]string{"demo", "--large", "--force"}, "--large goes only into an empty record: it does not take --force"},
		{[]string{"export"}, "export needs --format: ics, vcard or vcard3"},
		{[]string{"export", "--format", "csv"}, `unknown format "csv": choose ics, vcard or vcard3`},
		{[]string{"export", "--format", "ics", "extra"}, `unexpected "extra" after export`},
		{[]string{"export", "--format", "ics", "--tag", "docs"}, "--tag, --member and --private-notes are for exports of members, not ics"},
		{[]string{"export", "--format", "vcard", "--member", "Amara"}, `invalid value "Amara" for flag -member: is not a member's number`},
		{[]string{"export", "-o"}, "flag needs an argument: -o"},
	} {
		name := strings.Join(c.args, " ")
		r := runArgs(t, c.args...)
		first, _, _ := strings.Cut(r.stderr, "\n")
		if r.code != exitUsage || first != "rapport: "+c.want {
			t.Errorf("rapport %s = %d, stderr starting %q; want %d, %q", name, r.code, first, exitUsage, "rapport: "+c.want)
		}
		if !strings.HasSuffix(r.stderr, usage) {
			t.Errorf("rapport %s: stderr %q does not end with the usage", name, r.stderr)
		}
		if r.stdout != "" || len(r.display.ran) != 0 {
			t.Errorf("rapport %s: stdout %q, %d windows; want nothing", name, r.stdout, len(r.display.ran))
		}
	}
}

func TestDefaultDBPath(t *testing.T) {
	for _, c := range []struct {
		name, xdg, home, want string
	}{
		{"XDG_DATA_HOME set", "/x/data", "/h", "/x/data/rapport/rapport.db"},
		{"XDG_DATA_HOME unset", "", "/h", "/h/.local/share/rapport/rapport.db"},
		{"XDG_DATA_HOME relative is ignored", "rel/data", "/h", "/h/.local/share/rapport/rapport.db"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("XDG_DATA_HOME", c.xdg)
			t.Setenv("HOME", c.home)
			got, err := defaultDBPath()
			if err != nil || got != c.want {
				t.Errorf("defaultDBPath() = %q, %v; want %q, nil", got, err, c.want)
			}
		})
	}
	t.Run("no home", func(t *testing.T) {
		t.Setenv("XDG_DATA_HOME", "")
		t.Setenv("HOME", "")
		if got, err := defaultDBPath(); err == nil || !strings.Contains(err.Error(), "--db PATH") {
			t.Errorf("defaultDBPath() = %q, %v; want an error suggesting --db PATH", got, err)
		}
	})
}

func TestOpensDefaultRecord(t *testing.T) {
	dir := isolate(t)
	r := runArgs(t)
	want := filepath.Join(dir, "data", "rapport", "rapport.db")
	if r.code != exitOK || r.stderr != "" {
		t.Fatalf("rapport = %d, stderr %q; want 0, nothing", r.code, r.stderr)
	}
	if len(r.display.ran) != 1 || r.display.ran[0] != want {
		t.Fatalf("rapport showed %q, want [%q]", r.display.ran, want)
	}
	for path, mode := range map[string]os.FileMode{want: 0o600, filepath.Dir(want): 0o700} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatalf("stat %s: %v", path, err)
		}
		if got := info.Mode().Perm(); got != mode {
			t.Errorf("%s has mode %o, want %o", path, got, mode)
		}
	}
}

func TestOpensNamedRecord(t *testing.T) {
	dir := isolate(t)
	path := filepath.Join(dir, "elsewhere", "guild.db")
	for _, args := range [][]string{{"--db", path}, {"--db=" + path}, {"-db", path}} {
		r := runArgs(t, args...)
		if r.code != exitOK || len(r.display.ran) != 1 || r.display.ran[0] != path {
			t.Errorf("rapport %s = %d, showed %q, stderr %q; want 0, [%q]",
				strings.Join(args, " "), r.code, r.display.ran, r.stderr, path)
		}
	}
}

func TestOpenFailures(t *testing.T) {
	dir := isolate(t)
	notDB := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("these are my notes, not a database\n", 200)), 0o600); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "a-folder")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(dir, "newer.db")
	makeNewerRecord(t, newer)
	for _, c := range []struct {
		name, path string
		is         error
	}{
		{"not a database", notDB, storage.ErrNotARecord},
		{"newer schema", newer, storage.ErrNewerSchema},
		{"a folder", folder, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runArgs(t, "--db", c.path)
			if r.code != exitFail {
				t.Errorf("exit code %d, want %d", r.code, exitFail)
			}
			if !strings.HasPrefix(r.stderr, "rapport: ") || !strings.Contains(r.stderr, c.path) ||
				strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("stderr %q; want one line naming %s", r.stderr, c.path)
			}
			if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stderr %q looks like a crash", r.stderr)
			}
			if len(r.display.ran) != 0 {
				t.Errorf("a window showed %q, want none", r.display.ran)
			}
			if len(r.display.errShown) != 1 || (c.is != nil && !errors.Is(r.display.errShown[0], c.is)) {
				t.Errorf("error windows %v, want one showing an error matching %v", r.display.errShown, c.is)
			}
		})
	}
}

func TestNoWindow(t *testing.T) {
	dir := isolate(t)
	path := filepath.Join(dir, "guild.db")
	r := runOn(t, &fakeDisplay{runErr: errNoDisplay}, "--db", path)
	if want := "rapport: " + errNoDisplay.Error() + "\n"; r.code != exitFail || r.stderr != want {
		t.Errorf("rapport without a display = %d, stderr %q; want %d, %q", r.code, r.stderr, exitFail, want)
	}
	if len(r.display.errShown) != 0 {
		t.Errorf("rapport without a display showed %d error windows, want none", len(r.display.errShown))
	}
	// The record was closed, and opens again as it was.
	if got := countMembers(t, path, model.MemberFilter{}); got != 0 {
		t.Errorf("the record holds %d members, want 0", got)
	}
}

// makeNewerRecord makes a record at path as a later Rapport, with a schema this
// one does not know, would leave it.
func makeNewerRecord(t *testing.T, path string) {
	t.Helper()
	st, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (9999, '2031-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
}

func TestDemo(t *testing.T) {
	dir := isolate(t)
	path := filepath.Join(dir, "demo.db")
	sampleSize := len(model.SampleCommunity(time.Now()))
	ctx := context.Background()

	r := runArgs(t, "demo", "--db", path)
	want := "Added the sample community (" + strconv.Itoa(sampleSize) + " members, "
	if r.code != exitOK || !strings.HasPrefix(r.stdout, want) || !strings.HasSuffix(r.stdout, " follow-ups) to "+path+".\n") || r.stderr != "" {
		t.Fatalf("rapport demo on a new record = %d, stdout %q, stderr %q; want 0, %q, nothing", r.code, r.stdout, r.stderr, want)
	}
	if len(r.display.ran)+len(r.display.errShown) != 0 {
		t.Errorf("rapport demo opened windows, want none")
	}
	if got := countMembers(t, path, model.MemberFilter{}); got != sampleSize {
		t.Errorf("after demo the record holds %d members, want %d", got, sampleSize)
	}

	// A record with members is refused without --force, and left as it was.
	r = runArgs(t, "--db", path, "demo")
	if r.code != exitFail || !strings.Contains(r.stderr, "already holds "+strconv.Itoa(sampleSize)+" members") ||
		!strings.Contains(r.stderr, "--force") {
		t.Errorf("rapport demo again = %d, stderr %q; want %d, saying it holds %d members and naming --force",
			r.code, r.stderr, exitFail, sampleSize)
	}
	if got := countMembers(t, path, model.MemberFilter{}); got != sampleSize {
		t.Errorf("after a refused demo the record holds %d members, want %d", got, sampleSize)
	}

	// With --force, members of the same name are not added twice.
	r = runArgs(t, "demo", "--db", path, "--force")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "Added 0 sample members") {
		t.Errorf("rapport demo --force on the sample = %d, stdout %q, stderr %q; want 0, adding none", r.code, r.stdout, r.stderr)
	}

	// With --force, a record of realDB members gets the sample beside them.
	realDB := filepath.Join(dir, "realDB.db")
	st, err := storage.Open(ctx, realDB)
	if err != nil {
		t.Fatal(err)
	}
	keep := model.Member{Name: "Ngozi Eze", Tags: []string{"maintainer"}}
	if err := st.CreateMember(ctx, &keep); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	r = runArgs(t, "demo", "--force", "--db", realDB)
	want = "Added " + strconv.Itoa(sampleSize) + ` sample members, tagged "sample", to ` + realDB + " beside its own.\n"
	if r.code != exitOK || r.stdout != want {
		t.Errorf("rapport demo --force = %d, stdout %q, stderr %q; want 0, %q", r.code, r.stdout, r.stderr, want)
	}
	for _, c := range []struct {
		what string
		f    model.MemberFilter
		want int
	}{
		{"members", model.MemberFilter{}, sampleSize + 1},
		{"members tagged sample", model.MemberFilter{Tag: sampleTag}, sampleSize},
		{"members found by the name Ngozi", model.MemberFilter{Text: "Ngozi"}, 1},
	} {
		if got := countMembers(t, realDB, c.f); got != c.want {
			t.Errorf("after demo --force the record holds %d %s, want %d", got, c.what, c.want)
		}
	}
}

// countMembers counts the members of the record at path that f selects.
func countMembers(t *testing.T, path string, f model.MemberFilter) int {
	t.Helper()
	st, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.CountMembers(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMetadataMatchesFyneApp keeps the version, build and ID compiled into the
// binary in step with FyneApp.toml, which packaging reads.
func TestMetadataMatchesFyneApp(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	details := map[string]string{}
	section := ""
	for sc := bufio.NewScanner(f); sc.Scan(); {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			section = line
			continue
		}
		if key, value, ok := strings.Cut(line, "="); ok && section == "[Details]" {
			details[strings.TrimSpace(key)] = strings.Trim(strings.TrimSpace(value), `"`)
		}
	}
	for _, c := range []struct{ key, want string }{
		{"Version", version},
		{"Build", strconv.Itoa(buildNumber)},
		{"ID", appID},
		{"Name", "Rapport"},
	} {
		if got := details[c.key]; got != c.want {
			t.Errorf("FyneApp.toml Details.%s = %q, want %q as in cmd/rapport", c.key, got, c.want)
		}
	}
}

// demoRecord makes a record holding the sample community, and returns its
// path.
func demoRecord(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "guild.db")
	if r := runArgs(t, "demo", "--db", path); r.code != exitOK {
		t.Fatalf("rapport demo = %d, stderr %q", r.code, r.stderr)
	}
	return path
}

// openRecordForTest opens the record at path for a look inside, closed when the
// test ends.
func openRecordForTest(t *testing.T, path string) *storage.Store {
	t.Helper()
	st, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestExportICS(t *testing.T) {
	dir := isolate(t)
	path := demoRecord(t, dir)
	st := openRecordForTest(t, path)
	open, err := st.OpenFollowUps(context.Background())
	if err != nil || len(open) == 0 {
		t.Fatalf("the sample has %d open follow-ups (%v), want some", len(open), err)
	}
	st.Close() // rapport refuses a record open elsewhere

	r := runArgs(t, "export", "--format", "ics", "--db", path)
	if r.code != exitOK || r.stderr != "" {
		t.Fatalf("rapport export --format ics = %d, stderr %q; want 0, nothing", r.code, r.stderr)
	}
	ics := r.stdout
	unfolded := strings.ReplaceAll(ics, "\r\n ", "")
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"calendars", strings.Count(ics, "BEGIN:VCALENDAR\r\n"), 1},
		{"to-dos", strings.Count(ics, "BEGIN:VTODO\r\n"), len(open)},
		{"to-dos ended", strings.Count(ics, "END:VTODO\r\n"), len(open)},
		{"lines longer than 75 octets", longLines(ics), 0},
	} {
		if c.got != c.want {
			t.Errorf("the export holds %d %s, want %d", c.got, c.what, c.want)
		}
	}
	name := open[0].Names[0]
	if !strings.Contains(unfolded, name) {
		t.Errorf("the export does not name %s, who the first open follow-up is for", name)
	}
	if n, ok := pythonTodos(t, ics); ok && n != len(open) {
		t.Errorf("python3-icalendar reads %d to-dos, want %d", n, len(open))
	}

	// To a file: the same calendar, readable by its owner alone.
	out := filepath.Join(dir, "promises.ics")
	r = runArgs(t, "export", "--db", path, "--format", "ics", "-o", out)
	if want := "Wrote " + strconv.Itoa(len(open)) + " open follow-ups to " + out + ".\n"; r.code != exitOK || r.stdout != want {
		t.Fatalf("rapport export -o = %d, stdout %q, stderr %q; want 0, %q", r.code, r.stdout, r.stderr, want)
	}
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := withoutStamps(string(written)), withoutStamps(ics); got != want {
		t.Errorf("the file holds\n%s\nwant what stdout had\n%s", got, want)
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the export has mode %v (%v), want 0600", info.Mode().Perm(), err)
	}
}

// longLines counts the lines of a calendar longer than RFC 5545 allows.
func longLines(ics string) int {
	n := 0
	for _, l := range strings.Split(ics, "\r\n") {
		if len(l) > 75 {
			n++
		}
	}
	return n
}

// withoutStamps drops the DTSTAMP lines, which say when a calendar was
// written.
func withoutStamps(ics string) string {
	var keep []string
	for _, l := range strings.Split(ics, "\r\n") {
		if !strings.HasPrefix(l, "DTSTAMP:") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\r\n")
}

// pythonTodos counts the to-dos of a calendar as Debian's python3-icalendar
// reads it; ok is false when it is not installed.
func pythonTodos(t *testing.T, ics string) (n int, ok bool) {
	t.Helper()
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import icalendar").Run(); err != nil {
		t.Logf("python3-icalendar is missing (apt-get install python3-icalendar); the export is not read by it: %v", err)
		return 0, false
	}
	cmd := exec.Command(python, "-c", `
import icalendar, sys
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
print(len(cal.walk("VTODO")))`)
	cmd.Stdin = strings.NewReader(ics)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python3-icalendar refused the export: %v\n%s", err, out)
	}
	n, err = strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("python3-icalendar answered %q", out)
	}
	return n, true
}

func TestExportFailures(t *testing.T) {
	dir := isolate(t)
	empty := filepath.Join(dir, "empty.db")
	if r := runArgs(t, "demo", "--db", filepath.Join(dir, "other.db")); r.code != exitOK {
		t.Fatal(r.stderr)
	}
	openRecordForTest(t, empty).Close()
	out := filepath.Join(dir, "calendar.ics")
	if err := os.WriteFile(out, []byte("what was there\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "typo.db")
	for _, c := range []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"no open follow-up", []string{"export", "--format", "ics", "--db", empty, "-o", out}, "no open follow-up"},
		{"no member", []string{"export", "--format", "vcard", "--db", empty, "-o", out}, "the record has no member"},
		{"no record", []string{"export", "--format", "ics", "--db", missing, "-o", out}, missing + ": no record there"},
		{"no folder", []string{"export", "--format", "ics", "--db", empty, "-o", filepath.Join(dir, "nowhere", "x.ics")}, "cannot write beside"},
	} {
		r := runArgs(t, c.args...)
		if r.code != exitFail || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("%s: rapport %s = %d, stdout %q, stderr %q; want %d, saying %q",
				c.name, strings.Join(c.args, " "), r.code, r.stdout, r.stderr, exitFail, c.want)
		}
	}
	// What was there is still there, and nothing else was left beside it.
	if got, err := os.ReadFile(out); err != nil || string(got) != "what was there\n" {
		t.Errorf("after failed exports %s holds %q (%v), want what was there", out, got, err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an export from %s created it (%v), want it left missing", missing, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("a failed export left %s behind", e.Name())
		}
	}
}

func TestExportVCard(t *testing.T) {
	dir := isolate(t)
	path := demoRecord(t, dir)
	st := openRecordForTest(t, path)
	ctx := context.Background()
	docs, err := st.CountMembers(ctx, model.MemberFilter{Tag: "docs"})
	if err != nil {
		t.Fatal(err)
	}
	all, err := st.Members(ctx, model.MemberFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	st.Close() // rapport refuses a record open elsewhere

	var private model.Member // someone with private notes
	for _, m := range all {
		if m.PrivateNotes != "" {
			private = m
			break
		}
	}
	id := strconv.FormatInt(private.ID, 10)
	tests := []struct {
		name       string
		args       []string
		cards      int
		version    string
		has, lacks string
	}{
		{"everyone", []string{"--format", "vcard"}, len(all), "4.0", "FN:" + all[0].Name, "X-RAPPORT-PRIVATE-NOTE"},
		{"a tag", []string{"--format", "vcard", "--tag", "docs"}, docs, "4.0", "CATEGORIES:", "X-RAPPORT-PRIVATE-NOTE"},
		{"one member, 3.0", []string{"--format", "vcard3", "--member", id}, 1, "3.0", "FN:" + private.Name, "X-RAPPORT-PRIVATE-NOTE"},
		{"private notes asked for", []string{"--format", "VCARD", "--member", id, "--private-notes"}, 1, "4.0", "X-RAPPORT-PRIVATE-NOTE", "VERSION:3.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runArgs(t, append([]string{"export", "--db", path}, tt.args...)...)
			if r.code != exitOK || r.stderr != "" {
				t.Fatalf("rapport export %s = %d, stderr %q", strings.Join(tt.args, " "), r.code, r.stderr)
			}
			unfolded := strings.ReplaceAll(r.stdout, "\r\n ", "")
			if got := strings.Count(r.stdout, "BEGIN:VCARD\r\n"); got != tt.cards {
				t.Errorf("%d cards, want %d", got, tt.cards)
			}
			if got := strings.Count(r.stdout, "VERSION:"+tt.version+"\r\n"); got != tt.cards {
				t.Errorf("%d cards of version %s, want %d", got, tt.version, tt.cards)
			}
			if !strings.Contains(unfolded, tt.has) || strings.Contains(unfolded, tt.lacks) {
				t.Errorf("the cards lack %q or hold %q:\n%s", tt.has, tt.lacks, r.stdout)
			}
		})
	}
	r := runArgs(t, "export", "--db", path, "--format", "vcard", "--member", "99999")
	if r.code != exitFail || !strings.Contains(r.stderr, "member 99999 is not in the record") {
		t.Errorf("an export of a member not in the record = %d, stderr %q; want %d naming the member", r.code, r.stderr, exitFail)
	}
}

func TestDemoLarge(t *testing.T) {
	dir := isolate(t)
	path := filepath.Join(dir, "large.db")
	defer func(s storage.LargeSizes) { largeSizes = s }(largeSizes)
	largeSizes = storage.LargeSizes{Members: 300, Conversations: 2_000, FollowUps: 500}

	r := runArgs(t, "demo", "--large", "--db", path)
	want := "Added a large generated community (300 members, 2000 conversations, 500 follow-ups) to " + path + " in "
	if r.code != exitOK || !strings.HasPrefix(r.stdout, want) {
		t.Fatalf("rapport demo --large = %d, stdout %q, stderr %q; want 0, %q…", r.code, r.stdout, r.stderr, want)
	}
	last := "members 300/300  conversations 2000/2000  follow-ups 500/500  keep-in-touch 300/300\n"
	if !strings.HasPrefix(r.stderr, "\rmembers ") || !strings.HasSuffix(r.stderr, "\r"+last) || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("progress on stderr %q; want one line updated with \\r, ending %q", r.stderr, last)
	}
	st := openRecordForTest(t, path)
	ctx := context.Background()
	n1, err1 := st.CountMembers(ctx, model.MemberFilter{})
	n2, err2 := st.CountConversations(ctx, model.ConversationFilter{})
	n3, err3 := st.CountFollowUps(ctx, model.FollowUpFilter{})
	if err := errors.Join(err1, err2, err3); err != nil || n1 != 300 || n2 != 2000 || n3 != 500 {
		t.Errorf("the record holds %d members, %d conversations, %d follow-ups (%v); want 300, 2000, 500", n1, n2, n3, err)
	}
	st.Close()

	r = runArgs(t, "demo", "--large", "--db", path)
	if r.code != exitFail || !strings.Contains(r.stderr, "already holds 300 members") {
		t.Errorf("rapport demo --large again = %d, stderr %q; want %d, saying it holds 300 members", r.code, r.stderr, exitFail)
	}
}

// TestReadmeShowsUsage keeps the README's command-line section what
// rapport -h prints.
func TestReadmeShowsUsage(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "`rapport -h` prints:\n\n```\n"+usage+"```\n") {
		t.Errorf("README.md does not show the usage as rapport -h prints it:\n%s", usage)
	}
}
