package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
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
func (d *fakeDisplay) ShowError(_ context.Context, err error) { d.errShown = append(d.errShown, err) }

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
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}, {"demo", "--help"}} {
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
	want := "Added the sample community (" + strconv.Itoa(sampleSize) + " members) to " + path + ".\n"
	if r.code != exitOK || r.stdout != want || r.stderr != "" {
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
