package vcard

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"rapport/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestEncodeGolden(t *testing.T) {
	for _, v := range []Version{V4, V3} {
		t.Run(string(v), func(t *testing.T) {
			got := encode(t, []model.Member{richMember()}, EncodeOptions{Version: v, IncludePrivateNotes: true})
			path := filepath.Join("testdata", "rich-"+string(v)+".vcf.golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want := readFile(t, path)
			if !bytes.Equal(got, want) {
				t.Errorf("export differs from %s (run go test -update to rewrite it after checking):\n%s", path, got)
			}
		})
	}
}

// TestEncodeFolding checks RFC 6350 §3.2 on every physical line: at most 75
// octets, CRLF, valid UTF-8 (so no character is split), continuation lines
// starting with one space.
func TestEncodeFolding(t *testing.T) {
	for _, v := range []Version{V4, V3} {
		out := encode(t, []model.Member{richMember(), validRichMember()}, EncodeOptions{Version: v, IncludePrivateNotes: true})
		if !bytes.HasSuffix(out, []byte("\r\n")) {
			t.Fatalf("%s: output does not end with CRLF", v)
		}
		lines := strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n")
		folded := 0
		for i, l := range lines {
			if len(l) > 75 {
				t.Errorf("%s line %d: %d octets: %q", v, i+1, len(l), l)
			}
			if !utf8.ValidString(l) {
				t.Errorf("%s line %d: not valid UTF-8 (a character split by the fold): %q", v, i+1, l)
			}
			if strings.ContainsAny(l, "\r\n") {
				t.Errorf("%s line %d: bare CR or LF", v, i+1)
			}
			if strings.HasPrefix(l, " ") {
				folded++
			}
		}
		if folded < 10 {
			t.Errorf("%s: only %d continuation lines; the long lines were not folded", v, folded)
		}
		// The emoji line comes back whole.
		if !strings.Contains(unfold(string(out)), escapeText(emojiLine)) {
			t.Errorf("%s: the emoji line does not unfold back", v)
		}
	}
}

func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

func TestEncodeEscaping(t *testing.T) {
	out := unfold(string(encode(t, []model.Member{richMember()}, EncodeOptions{IncludePrivateNotes: true})))
	for _, want := range []string{
		"FN:Amara Okafor-Ñúñez\r\n",
		"N:Okafor-Ñúñez;Amara;;;\r\n",
		`ORG:Ünïcode Collective\; Lagos\, e.V.` + "\r\n",
		`TITLE:Maintainer\, docs & i18n` + "\r\n",
		"CATEGORIES:maintainer,docs\\, i18n,évènements\r\n",
		`C:\\Users\\amara\\src and \\\\share\\docs\, plus a literal \\n in a string.\n`,
		"ADR:;;;Lagos\\, Nigeria;;;\r\n",
		"URL:https://amara.example.org/about?lang=en,fr;v=2\r\n",
		"X-SOCIALPROFILE;TYPE=github;X-USER=amara-o:https://github.com/amara-o\r\n",
		"X-SOCIALPROFILE;TYPE=matrix;X-USER=\"@amara:matrix.org\":https://matrix.to/#/@amara:matrix.org\r\n",
		"IMPP:ircs://irc.libera.chat/amara\r\n",
		"PHOTO:data:image/png;base64,iVBORw0KGgo",
		"BDAY:--0415\r\n",
		"PRONOUNS:she/they\r\n",
		"X-RAPPORT-PRIVATE-NOTE:Prefers not to be @-mentioned on weekends\\; ask before tagging.\r\n",
		"REV:20261128T195700Z\r\n",
		"TEL;TYPE=cell:+234 803 555 0199\r\nTEL:+49 30 1234-567\r\n", // the kept line stands in for the plain one
	} {
		if !strings.Contains(out, want) {
			t.Errorf("4.0 export lacks %q", want)
		}
	}
	if strings.Contains(out, `\:`) {
		t.Error("4.0 export escapes a colon")
	}
}

func TestEncodeVersion3(t *testing.T) {
	out := unfold(string(encode(t, []model.Member{richMember()}, EncodeOptions{Version: V3})))
	for _, want := range []string{
		"VERSION:3.0\r\n",
		"X-PRONOUNS:she/they\r\n",
		"BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15\r\n",
		"TZ;VALUE=text:Africa/Lagos\r\n",
		"PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgo",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("3.0 export lacks %q", want)
		}
	}
	if strings.Contains(out, "PRIVATE-NOTE") || strings.Contains(out, "weekends") {
		t.Error("private notes exported without IncludePrivateNotes")
	}
}

func TestEncodeFieldForms(t *testing.T) {
	cases := []struct {
		got, want string
	}{
		{genN("Ada"), "N:;Ada;;;"},
		{genN("Ada King Lovelace"), "N:Lovelace;Ada King;;;"},
		{genN(""), "N:;;;;"},
		{genBirthday("1990-04-15", V4), "BDAY:19900415"},
		{genBirthday("1990-04-15", V3), "BDAY:1990-04-15"},
		{genBirthday("--02-29", V4), "BDAY:--0229"},
		{genTimeZone("-05:00", V4), "TZ;VALUE=utc-offset:-0500"},
		{genTimeZone("+0530", V3), "TZ:+05:30"},
		{genTimeZone("Europe/Berlin", V4), "TZ:Europe/Berlin"},
		{genIdentity(model.Identity{Platform: "Discord", Handle: "amara#1234"}, V4), "X-SOCIALPROFILE;TYPE=discord;X-USER=amara#1234:"},
		{genIdentity(model.Identity{Platform: "Codeberg", Handle: "amara", URL: "https://codeberg.org/amara"}, V4), "X-SOCIALPROFILE;TYPE=Codeberg;X-USER=amara:https://codeberg.org/amara"},
		{genIdentity(model.Identity{Platform: "Website", URL: "https://github.com/amara-o"}, V4), "X-SOCIALPROFILE;TYPE=website:https://github.com/amara-o"},
		{genIdentity(model.Identity{Platform: "Matrix", Handle: "matrix:u/amara:matrix.org"}, V4), "IMPP:matrix:u/amara:matrix.org"},
		{genIdentity(model.Identity{Platform: "Other", Handle: `say "hi"^`}, V4), `X-SOCIALPROFILE;TYPE=other;X-USER=say ^'hi^'^^:`},
		{genIdentity(model.Identity{Platform: "Other", Handle: `say "hi", ok`}, V3), `X-SOCIALPROFILE;TYPE=other;X-USER="say 'hi', ok":`},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestEncodeControlCharacters(t *testing.T) {
	out := string(encode(t, []model.Member{{Name: "A\x00da\x07", Notes: "tab\there\x1b[0m", Identities: []model.Identity{{Platform: "Other", Handle: "a\x01b:c"}}}}, EncodeOptions{}))
	if !strings.Contains(out, "FN:Ada\r\n") || !strings.Contains(out, "NOTE:tab\there[0m\r\n") || !strings.Contains(out, `X-USER="ab:c"`) {
		t.Errorf("control characters written:\n%q", out)
	}
}

func TestEncodeRev(t *testing.T) {
	m := model.Member{Name: "Ada"}
	if out := string(encode(t, []model.Member{m}, EncodeOptions{})); strings.Contains(out, "REV:") {
		t.Errorf("REV written with no date: %s", out)
	}
	out := string(encode(t, []model.Member{m}, EncodeOptions{Now: rev.Add(90 * 60e9)}))
	if !strings.Contains(out, "REV:20261128T212700Z\r\n") {
		t.Errorf("REV from Now missing: %s", out)
	}
	if err := Encode(&bytes.Buffer{}, nil, EncodeOptions{Version: "2.1"}); err == nil {
		t.Error("Encode accepted version 2.1")
	}
}

// TestEncodeExtrasKept: kept lines that stand for a value the member no longer
// has are not written; the others are, re-folded.
func TestEncodeExtrasKept(t *testing.T) {
	m := model.Member{
		Name:   "Ada Lovelace",
		Emails: []string{"ada@example.org"},
		VCardExtra: []string{
			"EMAIL;TYPE=work:ada@example.org",             // stands in for the plain line
			"EMAIL;TYPE=home:old@example.org",             // removed since: dropped
			"EMAIL;TYPE=home:not an address",              // never a field: kept
			"N:Byron;Augusta Ada;;;",                      // an N of a former name: dropped
			"ADR;TYPE=home:;;1 St James's Sq;London;;;UK", // another address: kept
			"BEGIN:VCARD",                      // would break the card
			"no colon here",                    // not a content line
			"X-FOO:" + strings.Repeat("é", 60), // re-folded
		},
	}
	out := string(encode(t, []model.Member{m}, EncodeOptions{}))
	u := unfold(out)
	for _, want := range []string{"EMAIL;TYPE=work:ada@example.org\r\n", "EMAIL;TYPE=home:not an address\r\n", "ADR;TYPE=home:;;1 St James's Sq;London;;;UK\r\n", "N:Lovelace;Ada;;;\r\n", "X-FOO:" + strings.Repeat("é", 60) + "\r\n"} {
		if !strings.Contains(u, want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range []string{"old@example.org", "Byron", "no colon", "EMAIL:ada@example.org"} {
		if strings.Contains(u, bad) {
			t.Errorf("export has %q:\n%s", bad, out)
		}
	}
	if strings.Count(out, "BEGIN:VCARD") != 1 {
		t.Errorf("a kept BEGIN line was written:\n%s", out)
	}
}
