package vcard

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rapport/model"
)

// exemptProps are properties whose content is not member data, so that
// nothing of them needs to be held on the member:
var exemptProps = map[string]string{
	"BEGIN":   "card framing, not a property of the member",
	"END":     "card framing, not a property of the member",
	"VERSION": "file metadata: the export writes its own version",
	"PRODID":  "file metadata: names the program that wrote the file",
	"REV":     "file metadata: when the card last changed; read into UpdatedAt when readable, written anew",
}

// TestRealFilesLoseNothing reads every real client's file and checks, for
// every property of every card as the lexer hands it to the decoder (unfolded,
// line ends, quoted-printable and 2.1 parameters repaired), that what it held
// is on the decoded member: in the field it maps to, verbatim in VCardExtra,
// or named by a Problem on its line (a value the member cannot hold).
func TestRealFilesLoseNothing(t *testing.T) {
	dir := sharedDir(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(strings.ToLower(e.Name()), ".vcf") {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			checkLosesNothing(t, e.Name(), readFile(t, filepath.Join(dir, e.Name())))
		})
	}
	if n < 39 {
		t.Errorf("%d files in %s", n, dir)
	}
}

// TestFixturesLoseNothing runs the same check on this package's fixtures.
func TestFixturesLoseNothing(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "hazards", "*.vcf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			checkLosesNothing(t, filepath.Base(f), readFile(t, f))
		})
	}
}

func checkLosesNothing(t *testing.T, file string, data []byte) {
	t.Helper()
	raws, _ := lex(file, data)
	cards, problems := decode(t, data, file)
	byLine := map[int]*Card{}
	for i := range cards {
		byLine[cards[i].Line] = &cards[i]
	}
	for _, rc := range raws {
		reported := map[int]bool{}
		for _, p := range problems {
			if p.Card == rc.num {
				reported[p.Line] = true
			}
		}
		c := byLine[rc.line]
		if c == nil {
			if !reported[rc.line] {
				t.Errorf("%s:%d: card %d is not imported and no problem says why", file, rc.line, rc.num)
			}
			continue
		}
		version := c.Version
		for _, l := range rc.lines {
			p, ok := parseProp(l, version, func(int, string, ...any) {})
			if !ok {
				if !reported[l.line] {
					t.Errorf("%s:%d: %q is neither held nor reported", file, l.line, snippet(string(l.b)))
				}
				continue
			}
			if _, ok := exemptProps[p.name]; ok {
				continue
			}
			if reported[p.line] || slices.Contains(c.Member.VCardExtra, p.text) {
				continue
			}
			if !heldInField(&p, &c.Member) {
				t.Errorf("%s:%d: %s is neither held nor reported: %s", file, p.line, p.name, snippet(p.text))
			}
		}
	}
}

// heldInField reports whether the field a property maps to holds its value,
// read the way the decoder reads it (props.go).
func heldInField(p *prop, m *model.Member) bool {
	text := normWS(unescapeText(p.value))
	switch p.name {
	case "FN":
		return text == "" || text == m.Name
	case "N":
		return nameOfN(p.value) == "" || nameOfN(p.value) == m.Name
	case "EMAIL":
		a, _ := emailOf(p)
		return a == "" || slices.Contains(m.Emails, a)
	case "TEL":
		v, _ := phoneOf(p)
		return v == "" || slices.Contains(m.Phones, v)
	case "ORG":
		v := readable(p.value)
		return v == "" || v == m.Organisation
	case "ADR":
		v := readable(p.value)
		return v == "" || v == m.Location
	case "TITLE", "ROLE":
		return text == "" || text == m.Role
	case "PRONOUNS", "X-PRONOUNS":
		return text == "" || text == m.Pronouns
	case "TZ":
		return text == "" || text == m.TimeZone
	case "NOTE":
		v := strings.TrimSpace(unescapeText(p.value))
		return v == "" || strings.Contains(m.Notes, v)
	case "CATEGORIES":
		for _, tag := range strings.FieldsFunc(strings.Join(listValues(p.value), ","), func(r rune) bool { return r == ',' || r == ';' }) {
			if tag = normWS(tag); tag != "" && !slices.ContainsFunc(m.Tags, func(s string) bool { return strings.EqualFold(s, tag) }) {
				return false
			}
		}
		return true
	case "BDAY":
		b, _ := birthdayOf(p)
		return b == "" || b == m.Birthday
	case "PHOTO":
		return strings.TrimSpace(p.value) == "" || len(m.Photo) > 0
	case "UID":
		v := strings.TrimSpace(unescapeText(p.value))
		return v == "" || v == m.UID
	case propHowWeMet:
		return strings.TrimSpace(unescapeText(p.value)) == m.HowWeMet
	case propCaresAbout:
		return strings.TrimSpace(unescapeText(p.value)) == m.CaresAbout
	case propPrivateNote:
		return strings.TrimSpace(unescapeText(p.value)) == m.PrivateNotes
	case propCadence:
		c, _ := cadenceOf(p.value)
		return c == m.CadenceDays
	}
	id, ok := identityOf(p)
	if !ok {
		return strings.TrimSpace(p.value) == "" // an empty property holds nothing
	}
	id.Platform, id.Handle, id.URL = strings.TrimSpace(id.Platform), strings.TrimSpace(id.Handle), strings.TrimSpace(id.URL)
	return slices.ContainsFunc(m.Identities, func(o model.Identity) bool { return identityKey(o) == identityKey(id) })
}
