package vcard

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rapport/model"
)

// interopMembers are exported for the other parsers to read.
func interopMembers() []model.Member {
	return append([]model.Member{richMember()}, roundTripMembers()...)
}

// expected lists what a parser should read from the export of members: the
// lines the checkers print.
func expected(members []model.Member) []string {
	esc := strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace
	var want []string
	for _, m := range members {
		want = append(want, "CARD", "FN "+esc(m.Name))
		for _, e := range m.Emails {
			want = append(want, "EMAIL "+esc(e))
		}
		if n := composeNote(m.Notes, m.HowWeMet, m.CaresAbout); n != "" {
			want = append(want, "NOTE "+esc(n))
		}
		for _, t := range m.Tags {
			want = append(want, "CATEGORY "+esc(t))
		}
	}
	return want
}

// compare checks that got holds the wanted lines in order (the checkers print
// more: versions, photos).
func compare(t *testing.T, who string, got string, want []string) {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(got, "\n"), "\n") {
		for _, p := range []string{"CARD", "FN ", "EMAIL ", "NOTE ", "CATEGORY "} {
			if strings.HasPrefix(l, p) {
				if p == "CARD" {
					l = "CARD"
				}
				lines = append(lines, l)
				break
			}
		}
	}
	lines, want = byCard(lines), byCard(want)
	if !slices.Equal(lines, want) {
		t.Errorf("%s read:\n%s\nwant:\n%s", who, strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// TestPythonVobject pipes the export to Debian's python3-vobject.
func TestPythonVobject(t *testing.T) {
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		t.Skip("python3-vobject check skipped: /usr/bin/python3 not found (apt-get install python3-vobject)")
	}
	if err := exec.Command(py, "-c", "import vobject").Run(); err != nil {
		t.Skip("python3-vobject check skipped: vobject not importable (apt-get install python3-vobject)")
	}
	members := interopMembers()
	for _, v := range []Version{V4, V3} {
		out := encode(t, members, EncodeOptions{Version: v})
		cmd := exec.Command(py, filepath.Join("testdata", "interop", "check.py"))
		cmd.Stdin = bytes.NewReader(out)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		got, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: vobject failed: %v\n%s", v, err, stderr.String())
		}
		compare(t, "vobject "+string(v), string(got), expected(members))
	}
}

// TestEzVcard pipes the export to ez-vcard (Debian's libez-vcard-java, which
// needs libvinnie-java) and asserts it reads the values back with no parse
// warning and no validation warning.
func TestEzVcard(t *testing.T) {
	java, err := exec.LookPath("java")
	if err != nil {
		t.Skip("ez-vcard check skipped: java not found (apt-get install default-jdk-headless)")
	}
	if _, err := exec.LookPath("javac"); err != nil { // running Check.java needs the JDK's compiler
		t.Skip("ez-vcard check skipped: javac not found (apt-get install default-jdk-headless)")
	}
	var cp []string
	for _, jar := range []string{"/usr/share/java/ez-vcard.jar", "/usr/share/java/vinnie.jar"} {
		if _, err := os.Stat(jar); err != nil {
			t.Skipf("ez-vcard check skipped: %s not found (apt-get install libez-vcard-java libvinnie-java)", jar)
		}
		cp = append(cp, jar)
	}
	members := interopMembers()
	for _, v := range []Version{V4, V3} {
		out := encode(t, members, EncodeOptions{Version: v, IncludePrivateNotes: true})
		cmd := exec.Command(java, "-cp", strings.Join(cp, ":"), filepath.Join("testdata", "interop", "Check.java"))
		cmd.Stdin = bytes.NewReader(out)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		got, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: ez-vcard failed: %v\n%s", v, err, stderr.String())
		}
		for _, l := range strings.Split(string(got), "\n") {
			if strings.HasPrefix(l, "WARNING") || strings.HasPrefix(l, "VALIDATION") {
				t.Errorf("%s: ez-vcard: %s", v, l)
			}
		}
		if n := strings.Count(string(got), "CARD "+string(v)); n != len(members) {
			t.Errorf("%s: ez-vcard read %d cards of version %s, want %d:\n%s", v, n, v, len(members), got)
		}
		if !strings.Contains(string(got), fmt.Sprintf("PHOTO png %d\n", len(tinyPNG))) {
			t.Errorf("%s: ez-vcard did not read the photo:\n%s", v, got)
		}
		compare(t, "ez-vcard "+string(v), string(got), expected(members))
	}
}

// byCard orders each card's lines by property (parsers list them grouped by
// name), keeping the order of values within a property.
func byCard(lines []string) []string {
	rank := func(l string) int {
		for i, p := range []string{"CARD", "FN ", "EMAIL ", "NOTE ", "CATEGORY "} {
			if strings.HasPrefix(l, p) {
				return i
			}
		}
		return 9
	}
	out := slices.Clone(lines)
	start := 0
	for i := 1; i <= len(out); i++ {
		if i == len(out) || out[i] == "CARD" {
			slices.SortStableFunc(out[start:i], func(a, b string) int { return rank(a) - rank(b) })
			start = i
		}
	}
	return out
}
