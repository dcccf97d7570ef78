package contactcsv

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"rapport/model"
)

// members holds what a CSV file carries, with the characters that need
// quoting, formula-looking values and identities of every form.
func members() []model.Member {
	ms := []model.Member{
		{
			Name: "Amara Okafor-Ñúñez", Pronouns: "she/they",
			Emails:       []string{"amara@example.org", "a.okafor@work.example"},
			Phones:       []string{"+234 803 555 0199", "(030) 1234-567 x12"},
			Organisation: "Ünïcode Collective; Lagos, e.V.", Role: "Maintainer, docs & i18n",
			Location: "Lagos, Nigeria", TimeZone: "Africa/Lagos", Birthday: "--04-15",
			Tags: []string{"maintainer", "docs", "évènements"},
			Identities: []model.Identity{
				{Platform: "GitHub", Handle: "amara-o"},
				{Platform: "Matrix", Handle: "@amara:matrix.org"},
				{Platform: "Discourse", Handle: "amara", URL: "https://discuss.example.org/u/amara"},
				{Platform: "Website", URL: "https://amara.example.org/about?lang=en,fr;v=2"},
				{Platform: "IRC", Handle: "ircs://irc.libera.chat/amara"},
			},
			HowWeMet:     "FOSDEM 2024; she asked about \"plural rules\".",
			CaresAbout:   "Translations,\nonboarding newcomers",
			Notes:        "- first point\n- second point\n\nA paragraph with ; and , and \"quotes\".",
			PrivateNotes: "=HYPERLINK(\"https://evil.example\")",
			CadenceDays:  30,
			UID:          "urn:uuid:4f1c2b8e-9d3a-4c5e-8f7a-1b2c3d4e5f60",
		},
		{Name: "Chen Wei", Emails: []string{"chen@example.org"}, Birthday: "1990-02-28", Notes: "'=not a formula"},
		{Name: "@bjorn", Role: "+cmd|' /C calc'!A0", Location: "-", Organisation: "'quoted'"},
	}
	for i := range ms {
		ms[i].Normalize()
	}
	return ms
}

func encode(t testing.TB, ms []model.Member, opt EncodeOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, ms, opt); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return buf.Bytes()
}

func decode(t testing.TB, data []byte, mapping Mapping) ([]model.Member, []Problem) {
	t.Helper()
	ms, problems, err := Decode(bytes.NewReader(data), "members.csv", mapping)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return ms, problems
}

func TestRoundTrip(t *testing.T) {
	for _, private := range []bool{true, false} {
		want := members()
		data := encode(t, want, EncodeOptions{IncludePrivateNotes: private})
		header, err := ReadHeader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if p, ok := DetectPreset(header); !ok || p.Name != RapportPreset.Name {
			t.Errorf("DetectPreset(%q) = %q, %v; want the Rapport preset", header, p.Name, ok)
		}
		got, problems := decode(t, data, DefaultMapping(header))
		if len(problems) > 0 {
			t.Errorf("problems: %v", problems)
		}
		if !private {
			for i := range want {
				want[i].PrivateNotes = ""
			}
		}
		if !reflect.DeepEqual(canon(got), canon(want)) {
			t.Errorf("private notes %v: round trip\n got %+v\nwant %+v\nCSV:\n%s", private, got, want, data)
		}
	}
}

func TestEncode(t *testing.T) {
	data := string(encode(t, members()[1:], EncodeOptions{}))
	want := bom + "Name,Pronouns,Emails,Phones,Organisation,Role,Location,Time zone,Birthday,Tags,Identities,How we met,Cares about,Notes,Keep in touch (days),UID\r\n" +
		"Chen Wei,,chen@example.org,,,,,,1990-02-28,,,,,''=not a formula,,\r\n" +
		`'@bjorn,,,,'quoted','+cmd|' /C calc'!A0,-,,,,,,,,,` + "\r\n"
	if data != want {
		t.Errorf("Encode:\n got %q\nwant %q", data, want)
	}
}

const discourseCSV = `id,name,username,email,title,created_at,last_seen_at,last_posted_at,last_emailed_at,trust_level,approved,suspended_at,suspended_till,silenced_till,active,admin,moderator,ip_address,staged,secondary_emails,topics_entered,posts_read_count,time_read,topic_count,post_count,likes_given,likes_received,location,website,views,Company (custom user field),group_names
1,"""Okafor, Amara""",amara,amara@example.org,Leader,2023-01-05 10:00:00 UTC,2025-03-01 08:00:00 UTC,,,3,true,,,,true,false,true,192.0.2.1,false,a.okafor@work.example;amara@old.example,120,3000,7200,14,230,80,95,"""Lagos, Nigeria""",https://amara.example.org,310,Lagos Dev Collective,docs;translators
2,,bwei,chen@example.org,,2024-06-01 12:00:00 UTC,,,,0,false,,,,true,false,false,,false,,0,0,0,0,0,0,0,,,0,,
`

func TestDecodeDiscourse(t *testing.T) {
	header, err := ReadHeader(strings.NewReader(discourseCSV))
	if err != nil {
		t.Fatal(err)
	}
	p, ok := DetectPreset(header)
	if !ok || p.Name != DiscoursePreset.Name {
		t.Fatalf("DetectPreset = %q, %v; want %q", p.Name, ok, DiscoursePreset.Name)
	}
	got, problems := decode(t, []byte(discourseCSV), p.Mapping(header))
	if len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
	want := []model.Member{
		{
			Name:   "Okafor, Amara",
			Emails: []string{"amara@example.org", "a.okafor@work.example", "amara@old.example"},
			Role:   "Leader", Location: "Lagos, Nigeria",
			Identities: []model.Identity{{Platform: "Discourse", Handle: "amara"}, {Platform: "Website", URL: "https://amara.example.org"}},
			Tags:       []string{"docs", "translators"},
			Notes:      "Company: Lagos Dev Collective",
		},
		{Name: "bwei", Emails: []string{"chen@example.org"}, Identities: []model.Identity{{Platform: "Discourse", Handle: "bwei"}}},
	}
	if !reflect.DeepEqual(canon(got), canon(want)) {
		t.Errorf("Discourse export:\n got %+v\nwant %+v", got, want)
	}
}

const googleCSV = "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,Website 1 - Value,Custom Field 1 - Label,Custom Field 1 - Value\r\n" +
	"Grace,Brewster,Hopper,,,,Rear Adm.,,Amazing Grace,,US Navy,Rear Admiral,Research,1906-12-09,\"Wrote the first compiler.\nAsk about COBOL.\",https://lh3.googleusercontent.com/x,* myContacts ::: * starred ::: Navy,* Work,grace@navy.example ::: g.hopper@navy.example,Other,grace@example.com,Mobile,+1 555 0199 0100,Work,\"1 Main St\nArlington\",1 Main St,Arlington,,VA,22201,USA,,,example.com/grace,Shoe size,7\r\n" +
	",,,,,,,,Ada,,,,,--12-10,,,* myContacts,,,,,,,,,,,,,,,,,,,\r\n"

func TestDecodeGoogle(t *testing.T) {
	header, err := ReadHeader(strings.NewReader(googleCSV))
	if err != nil {
		t.Fatal(err)
	}
	p, ok := DetectPreset(header)
	if !ok || p.Name != GooglePreset.Name {
		t.Fatalf("DetectPreset = %q, %v; want %q", p.Name, ok, GooglePreset.Name)
	}
	got, problems := decode(t, []byte(googleCSV), p.Mapping(header))
	want := []model.Member{
		{
			Name:         "Grace Brewster Hopper",
			Organisation: "US Navy, Research", Role: "Rear Admiral", Location: "Arlington, VA, USA",
			Birthday:   "1906-12-09",
			Emails:     []string{"grace@navy.example", "g.hopper@navy.example", "grace@example.com"},
			Phones:     []string{"+1 555 0199 0100"},
			Tags:       []string{"starred", "Navy"},
			Identities: []model.Identity{{Platform: "Website", URL: "https://example.com/grace"}},
			Notes:      "Wrote the first compiler.\nAsk about COBOL.\n\nNickname: Amazing Grace",
		},
		{Name: "Ada", Birthday: "--12-10"},
	}
	if !reflect.DeepEqual(canon(got), canon(want)) {
		t.Errorf("Google export:\n got %+v\nwant %+v", got, want)
	}
	wantProblems := []string{
		"members.csv:1: column 36 (Custom Field 1 - Value): the column is not mapped to a field: its values (1 rows) are not imported",
	}
	if got := errorTexts(problems); !reflect.DeepEqual(got, wantProblems) {
		t.Errorf("problems:\n got %q\nwant %q", got, wantProblems)
	}
}

func TestDetectPreset(t *testing.T) {
	tests := []struct {
		header []string
		want   string // "" for none
	}{
		{[]string{"Name", "Given Name", "Additional Name", "Family Name", "Group Membership", "E-mail 1 - Type", "E-mail 1 - Value"}, GooglePreset.Name},
		{[]string{"First Name", "Last Name", "Labels"}, GooglePreset.Name},
		{[]string{"id", "username", "email", "trust_level"}, DiscoursePreset.Name},
		{[]string{"\ufeffName", "Emails", "Identities"}, RapportPreset.Name},
		{[]string{"Name", "Emails", "Identities", "Shoe size"}, ""},
		{[]string{"Full name", "E-mail"}, ""},
	}
	for _, tt := range tests {
		p, ok := DetectPreset(trimHeader(tt.header))
		if p.Name != tt.want || ok != (tt.want != "") {
			t.Errorf("DetectPreset(%q) = %q, %v; want %q", tt.header, p.Name, ok, tt.want)
		}
	}
}

func TestDefaultMappingGuesses(t *testing.T) {
	header := []string{"Full name", "E-mail", "Company", "GitHub", "Mastodon handle", "Shoe size", "Comments"}
	got := DefaultMapping(header)
	want := Mapping{"Full name": Name, "E-mail": Emails, "Company": Organisation, "GitHub": IdentityOn("GitHub"),
		"Mastodon handle": IdentityOn("Mastodon"), "Comments": Notes}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DefaultMapping(%q) =\n %v\nwant %v", header, got, want)
	}
}

func TestDecodeProblems(t *testing.T) {
	mapping := Mapping{"name": Name, "email": Emails, "phone": Phones, "birthday": Birthday, "tags": Tags, "days": Cadence, "ids": Identities}
	tests := []struct {
		name     string
		csv      string
		members  []model.Member
		problems []string
	}{
		{"bad values kept in the notes",
			"name,email,phone,birthday,tags,days,ids\n" +
				"Amara,amara@example.org; nope,call me,April 15,ok;" + strings.Repeat("x", 61) + ",0,GitHub:amara; amara-o\n",
			[]model.Member{{Name: "Amara", Emails: []string{"amara@example.org"}, Tags: []string{"ok"},
				Identities: []model.Identity{{Platform: "GitHub", Handle: "amara"}},
				Notes: "email: nope\n\nphone: call me\n\nbirthday: April 15\n\ntags: " + strings.Repeat("x", 61) +
					"\n\ndays: 0\n\nids: amara-o"}},
			[]string{
				`members.csv:2: column 2 (email): "nope" is not an email address; kept in the notes`,
				`members.csv:2: column 3 (phone): "call me" is not a phone number; kept in the notes`,
				`members.csv:2: column 4 (birthday): "April 15" is not a date like 1990-04-15 or --04-15; kept in the notes`,
				`members.csv:2: column 5 (tags): "` + strings.Repeat("x", 61) + `" is longer than a tag can be (60 characters); kept in the notes`,
				`members.csv:2: column 6 (days): keep in touch must be between 1 and 3650 days; kept in the notes`,
				`members.csv:2: column 7 (ids): "amara-o" is not written Platform:handle; kept in the notes`,
			}},
		{"ragged rows",
			"name,email\nShort\nLong,a@example.org,extra\nTrailing,b@example.org,,\n",
			[]model.Member{{Name: "Short"}, {Name: "Trailing", Emails: []string{"b@example.org"}}},
			[]string{
				"members.csv:2: the row has 1 cells and the header 2: the missing ones are taken as empty",
				"members.csv:3: the row has 3 cells and the header 2: its cells no longer line up with the columns (a separator inside a value that is not quoted?); the row is left out",
			}},
		{"bad quotes, the rows after still read",
			"name,email\nAmara \"the\" Great,a@example.org\n\"Chen\" Wei,c@example.org\nBjörn,b@example.org\n",
			[]model.Member{{Name: "Björn", Emails: []string{"b@example.org"}}},
			[]string{
				`members.csv:2: a " inside a value that does not start with one (quote the whole value and double the " inside) (at character 7); the row is left out`,
				`members.csv:3: a quoted value is not closed, or a " inside it is not doubled (at character 6); the row is left out`,
			}},
		{"no name",
			"name,email,shoe\n,,42\nBjörn,,\n",
			[]model.Member{{Name: "Björn"}},
			[]string{
				"members.csv:1: column 3 (shoe): the column is not mapped to a field: its values (1 rows) are not imported",
				"members.csv:2: no name (and no nickname, handle, email or organisation to name them by); the row is left out",
			}},
		{"named by email, blank rows skipped",
			"name,email\n\n,,\n,amara@example.org\n",
			[]model.Member{{Name: "amara@example.org", Emails: []string{"amara@example.org"}}},
			nil},
		{"semicolons and a byte order mark",
			bom + "name;email;tags\r\n\"Okafor; Amara\";amara@example.org;a,b\r\n",
			[]model.Member{{Name: "Okafor; Amara", Emails: []string{"amara@example.org"}, Tags: []string{"a", "b"}}},
			nil},
		{"tabs",
			"name\temail\nAmara\tamara@example.org\n",
			[]model.Member{{Name: "Amara", Emails: []string{"amara@example.org"}}},
			nil},
		{"Windows-1252",
			"name,email\nBj\xf6rn \x96 \x80,b@example.org\n",
			[]model.Member{{Name: "Björn – €", Emails: []string{"b@example.org"}}},
			[]string{"members.csv: the file is not UTF-8: it was read as Windows-1252, as Excel writes CSV on Windows; check the accented letters"}},
		{"UTF-16",
			utf16LE("name,email\r\nZoë,z@example.org\r\n"),
			[]model.Member{{Name: "Zoë", Emails: []string{"z@example.org"}}},
			nil},
		{"empty file", "", nil, []string{"members.csv: the file is empty: a CSV file starts with a row of column names"}},
		{"display name in an email",
			"name,email\nAmara,Amara Okafor <amara@example.org>\n",
			[]model.Member{{Name: "Amara", Emails: []string{"amara@example.org"}}},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems := decode(t, []byte(tt.csv), mapping)
			if !reflect.DeepEqual(canon(got), canon(tt.members)) {
				t.Errorf("members:\n got %+v\nwant %+v", got, tt.members)
			}
			if got := errorTexts(problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.problems)
			}
		})
	}
}

func TestDecodeUnknownField(t *testing.T) {
	if _, _, err := Decode(strings.NewReader("a\n1\n"), "x.csv", Mapping{"a": "shoe size"}); err == nil {
		t.Error("Decode with a mapping to an unknown field: no error")
	}
}

func TestHeaderKey(t *testing.T) {
	a := HeaderKey([]string{"\ufeffName", " Email ", "Tags"})
	b := HeaderKey([]string{"name", "email", "TAGS"})
	c := HeaderKey([]string{"name", "tags", "email"})
	if a != b || a == c {
		t.Errorf("HeaderKey: %q, %q (same shape), %q (other order)", a, b, c)
	}
	// The key is saved in preferences: it must never change.
	if want := "csv-94b5cc02d52fc8a19e47e0f2"; a != want {
		t.Errorf("HeaderKey = %q, want %q", a, want)
	}
}

func TestGuard(t *testing.T) {
	for _, s := range []string{"=1+1", "@SUM(A1)", "+cmd", "-cmd", "'=x", "''=x", "'", "'a", "+49 30 1234", "-5", "--04-15", "-", "plain", ""} {
		g := guard(s)
		if got := unguard(g); got != s {
			t.Errorf("unguard(guard(%q)) = %q (guarded %q)", s, got, g)
		}
		if g != "" && (g[0] == '=' || g[0] == '@' || (g[0] == '+' || g[0] == '-') && guarded(g)) {
			t.Errorf("guard(%q) = %q, which a spreadsheet runs", s, g)
		}
	}
}

// canon makes empty lists nil, as Normalize leaves some of them empty.
func canon(ms []model.Member) []model.Member {
	out := make([]model.Member, len(ms))
	for i, m := range ms {
		for _, l := range []*[]string{&m.Emails, &m.Phones, &m.Tags, &m.VCardExtra} {
			if len(*l) == 0 {
				*l = nil
			}
		}
		if len(m.Identities) == 0 {
			m.Identities = nil
		}
		out[i] = m
	}
	return out
}

func errorTexts(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Error())
	}
	return out
}

func utf16LE(s string) string {
	var b []byte
	b = append(b, 0xFF, 0xFE)
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}
