package ical

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"rapport/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var (
	berlin = time.FixedZone("UTC+1", 3600)
	now    = time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)
)

// followUps is a small export: promises to one and to several members, a
// follow-up that is no promise, text that must be escaped and folded, and
// follow-ups that are not open and stay out.
func followUps() []model.FollowUpItem {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, berlin) }
	created := time.Date(2025, 3, 1, 16, 4, 5, 0, time.UTC)
	return []model.FollowUpItem{
		{FollowUp: model.FollowUp{ID: 7, What: "Send the slides from the meetup", Due: day(3, 14), Promise: true,
			Status: model.FollowUpOpen, CreatedBy: "Sam Rivera", CreatedAt: created}, Names: []string{"Amara Okafor"}},
		{FollowUp: model.FollowUp{ID: 12, What: "Introduce them to the docs team; ask Zoë first, then Łukasz\nand the translators (fr, de, sv)",
			Due: day(3, 20), Promise: true, Status: model.FollowUpOpen, CreatedBy: "Sam Rivera", CreatedAt: created},
			Names: []string{"Björn Öberg", "Chen Wei", "José Núñez"}},
		{FollowUp: model.FollowUp{ID: 15, What: `Check the C:\docs path, and the "release" tag`, Due: day(4, 2),
			Status: model.FollowUpOpen}, Names: []string{"Dana Müller"}},
		{FollowUp: model.FollowUp{ID: 16, What: "Already done", Due: day(3, 1), Promise: true, Status: model.FollowUpDone},
			Names: []string{"Amara Okafor"}},
		{FollowUp: model.FollowUp{ID: 17, What: "Dropped", Due: day(3, 1), Status: model.FollowUpDropped},
			Names: []string{"Amara Okafor"}},
	}
}

func TestWriteFollowUpsGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteFollowUps(&buf, followUps(), now); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "followups.ics")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("WriteFollowUps wrote\n%s\nwant (%s)\n%s", buf.Bytes(), golden, want)
	}
	checkLines(t, buf.String())
}

// checkLines checks what RFC 5545 asks of every line: CRLF ends, at most 75
// octets, valid UTF-8.
func checkLines(t *testing.T, ics string) {
	t.Helper()
	if !strings.HasSuffix(ics, "\r\n") {
		t.Error("the calendar does not end with CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(ics, "\r\n"), "\r\n") {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare line break: %q", i+1, l)
		}
		if len(l) > maxLine {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d is not valid UTF-8: %q", i+1, l)
		}
	}
}

func TestWriteFollowUpsEmpty(t *testing.T) {
	closed := followUps()[3:] // done and dropped
	for _, items := range [][]model.FollowUpItem{nil, closed} {
		var buf bytes.Buffer
		if err := WriteFollowUps(&buf, items, now); !errors.Is(err, ErrEmpty) {
			t.Errorf("WriteFollowUps of %d closed follow-ups = %v, want ErrEmpty", len(items), err)
		}
		if buf.Len() != 0 {
			t.Errorf("WriteFollowUps without an open follow-up wrote %q, want nothing", buf.String())
		}
	}
}

type failingWriter struct{ after int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.after <= 0 {
		return 0, errors.New("disk full")
	}
	w.after--
	return len(p), nil
}

func TestWriteFollowUpsError(t *testing.T) {
	for _, after := range []int{0, 3, 10} {
		if err := WriteFollowUps(&failingWriter{after}, followUps(), now); err == nil || err.Error() != "disk full" {
			t.Errorf("after %d writes: error %v, want the writer's", after, err)
		}
	}
}

// TestEscaping checks the TEXT values as they are written: go-ical escapes
// what RFC 5545 asks (backslash, semicolon, comma, line feed) once, and
// clean leaves it nothing it would refuse or pass on raw.
func TestEscaping(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b`, `a\\b`},
		{"a;b,c", `a\;b\,c`},
		{"one\ntwo\r\nthree\rfour", `one\ntwo\nthree\nfour`},
		{"tab\there", "tab\there"},
		{"bell\x07 and \x00nul\x7f", "bell and nul"},
		{"bad \xff utf-8", "bad \uFFFD utf-8"},
		{`\n is not a line break`, `\\n is not a line break`},
		{`already \, escaped`, `already \\\, escaped`},
		{"Zoë: 🙂", "Zoë: 🙂"},
	}
	for _, tt := range tests {
		item := model.FollowUpItem{FollowUp: model.FollowUp{ID: 1, What: tt.in, Due: now, Status: model.FollowUpOpen}}
		var buf bytes.Buffer
		if err := WriteFollowUps(&buf, []model.FollowUpItem{item}, now); err != nil {
			t.Errorf("WriteFollowUps(%q): %v", tt.in, err)
			continue
		}
		unfolded := strings.ReplaceAll(buf.String(), "\r\n ", "")
		var got string
		for _, l := range strings.Split(unfolded, "\r\n") {
			if v, ok := strings.CutPrefix(l, "SUMMARY:"); ok {
				got = v
			}
		}
		if got != tt.want {
			t.Errorf("SUMMARY of %q = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFoldWriter writes lines in pieces, cut anywhere, even inside a
// character: each comes out folded whole, in one Write.
func TestFoldWriter(t *testing.T) {
	line := "SUMMARY:" + strings.Repeat("Zoë ж 🙂 ", 20)
	in := "BEGIN:VTODO\r\n" + line + "\r\nEND:VTODO\r\n"
	want := Fold("BEGIN:VTODO") + Fold(line) + Fold("END:VTODO")
	for _, size := range []int{1, 2, 3, 7, 75, len(in)} {
		var out writes
		fw := &foldWriter{w: &out}
		for p := in; len(p) > 0; {
			n := min(size, len(p))
			if k, err := fw.Write([]byte(p[:n])); k != n || err != nil {
				t.Fatalf("Write = %d, %v; want %d, nil", k, err, n)
			}
			p = p[n:]
		}
		if err := fw.flush(); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(out, ""); got != want {
			t.Errorf("pieces of %d: wrote %q, want %q", size, got, want)
		}
		if len(out) != 3 {
			t.Errorf("pieces of %d: %d writes, want one per line (3)", size, len(out))
		}
	}
}

// writes records each Write.
type writes []string

func (w *writes) Write(p []byte) (int, error) {
	*w = append(*w, string(p))
	return len(p), nil
}

func TestFold(t *testing.T) {
	tests := []struct {
		name string
		line string
		want []int // octets of each physical line, leading space included
	}{
		{"short", "SUMMARY:hello", []int{13}},
		{"exactly 75", strings.Repeat("a", 75), []int{75}},
		{"76", strings.Repeat("a", 76), []int{75, 2}},
		{"three lines", strings.Repeat("a", 75+74+10), []int{75, 75, 11}},
		// é is two octets at 74–75: it moves whole to the next line.
		{"two octets across the limit", strings.Repeat("a", 74) + "é" + "b", []int{74, 4}},
		{"three octets across the limit", strings.Repeat("a", 73) + "€" + "b", []int{73, 5}},
		{"four octets across the limit", strings.Repeat("a", 72) + "🙂🙂", []int{72, 9}},
		{"four octets ending the limit", strings.Repeat("a", 71) + "🙂" + "b", []int{75, 2}},
		{"all multi-octet", strings.Repeat("ж", 80), []int{74, 75, 13}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Fold(tt.line)
			if !strings.HasSuffix(got, "\r\n") {
				t.Fatalf("Fold(%q) = %q does not end with CRLF", tt.line, got)
			}
			lines := strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n")
			var sizes []int
			for i, l := range lines {
				sizes = append(sizes, len(l))
				if !utf8.ValidString(l) {
					t.Errorf("line %d splits a character: %q", i+1, l)
				}
				if i > 0 && !strings.HasPrefix(l, " ") {
					t.Errorf("line %d does not start with a space: %q", i+1, l)
				}
			}
			if !slices.Equal(sizes, tt.want) {
				t.Errorf("line sizes = %v, want %v", sizes, tt.want)
			}
			if unfolded := strings.ReplaceAll(strings.TrimSuffix(got, "\r\n"), "\r\n ", ""); unfolded != tt.line {
				t.Errorf("unfolded = %q, want %q", unfolded, tt.line)
			}
		})
	}
}

// TestReadByPythonICalendar reads the export with Debian's
// python3-icalendar, a parser Rapport does not share code with.
func TestReadByPythonICalendar(t *testing.T) {
	const python = "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		t.Skipf("%s is missing: install python3 and python3-icalendar to run this check", python)
	}
	if out, err := exec.Command(python, "-c", "import icalendar").CombinedOutput(); err != nil {
		t.Skipf("python3-icalendar is missing (apt-get install python3-icalendar): %v\n%s", err, out)
	}
	var buf bytes.Buffer
	if err := WriteFollowUps(&buf, followUps(), now); err != nil {
		t.Fatal(err)
	}
	const script = `
import icalendar, json, sys
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = {"version": str(cal["VERSION"]), "prodid": str(cal["PRODID"]), "todos": []}
for c in cal.walk("VTODO"):
    out["todos"].append({
        "uid": str(c["UID"]),
        "summary": str(c["SUMMARY"]),
        "description": str(c["DESCRIPTION"]),
        "due": c.decoded("DUE").isoformat(),
        "status": str(c["STATUS"]),
        "dtstamp": c.decoded("DTSTAMP").isoformat(),
    })
json.dump(out, sys.stdout)
`
	cmd := exec.Command(python, "-c", script)
	cmd.Stdin = &buf
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3-icalendar refused the export: %v\n%s", err, stderr.String())
	}
	type todo struct {
		UID, Summary, Description, Due, Status, DTStamp string
	}
	var got struct {
		Version, ProdID string
		Todos           []todo
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("reading python's answer %q: %v", out, err)
	}
	stamp := "2025-03-14T09:26:53+00:00"
	want := []todo{
		{"followup-7@rapport", "Promise to Amara Okafor: Send the slides from the meetup",
			"Promised to Amara Okafor.\nNoted by Sam Rivera on 1 March 2025.", "2025-03-14", "NEEDS-ACTION", stamp},
		{"followup-12@rapport",
			"Promise to Björn Öberg, Chen Wei, José Núñez: Introduce them to the docs team; ask Zoë first, then Łukasz\nand the translators (fr, de, sv)",
			"Promised to Björn Öberg, Chen Wei, José Núñez.\nNoted by Sam Rivera on 1 March 2025.", "2025-03-20", "NEEDS-ACTION", stamp},
		{"followup-15@rapport", `Check the C:\docs path, and the "release" tag`, "With Dana Müller.", "2025-04-02", "NEEDS-ACTION", stamp},
	}
	if got.Version != "2.0" || got.ProdID == "" {
		t.Errorf("calendar version %q, product %q", got.Version, got.ProdID)
	}
	if len(got.Todos) != len(want) {
		t.Fatalf("python read %d to-dos, want %d: %+v", len(got.Todos), len(want), got.Todos)
	}
	for i := range want {
		if got.Todos[i] != want[i] {
			t.Errorf("to-do %d as python reads it:\n%+v\nwant\n%+v", i, got.Todos[i], want[i])
		}
	}
}
