package vcard

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	govcard "github.com/emersion/go-vcard"

	"rapport/model"
)

// fixture decodes one of this package's fixtures.
func fixture(t *testing.T, name string) ([]Card, []string) {
	t.Helper()
	cards, problems := decode(t, readFile(t, filepath.Join("testdata", "hazards", name)), name)
	var ps []string
	for _, p := range problems {
		ps = append(ps, p.Error())
	}
	for _, c := range cards {
		checkMember(t, c.Member)
	}
	return cards, ps
}

// checkMember asserts what every decoded member must be: valid for the
// record, and valid UTF-8 in every string.
func checkMember(t testing.TB, m model.Member) {
	t.Helper()
	if err := m.Validate(); err != nil {
		t.Errorf("member %q does not validate: %v", m.Name, err)
	}
	walkStrings(reflect.ValueOf(m), func(s string) {
		if !utf8.ValidString(s) {
			t.Errorf("member %q holds invalid UTF-8: %q", m.Name, s)
		}
	})
}

func walkStrings(v reflect.Value, f func(string)) {
	switch v.Kind() {
	case reflect.String:
		f(v.String())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			walkStrings(v.Field(i), f)
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // photo bytes
		}
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), f)
		}
	}
}

func names(cards []Card) []string {
	var ns []string
	for _, c := range cards {
		ns = append(ns, c.Member.Name)
	}
	return ns
}

func wantProblems(t *testing.T, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Hazard 1: quoted-printable, soft line breaks and CHARSET.
func TestDecodeQuotedPrintable(t *testing.T) {
	cards, problems := fixture(t, "1-quoted-printable.vcf")
	if len(cards) != 1 {
		t.Fatalf("%d cards", len(cards))
	}
	m := cards[0].Member
	if m.Name != "Amara Núñez" { // FN in ISO-8859-1
		t.Errorf("name %q", m.Name)
	}
	if m.Notes != "First line\nSecond\ttabbed line with a space" { // =0D=0A, =09, soft breaks
		t.Errorf("notes %q", m.Notes)
	}
	if m.Organisation != "ACME \uFFFD\uFFFD Ltd" { // Shift_JIS: the ASCII kept
		t.Errorf("organisation %q", m.Organisation)
	}
	if m.Role != "café \uFFFD\uFFFD" { // a cut UTF-8 sequence
		t.Errorf("role %q", m.Role)
	}
	if !slices.Equal(m.VCardExtra, []string{"X-NOTE-WINDOWS:“quoted” €"}) { // windows-1252, no ENCODING left
		t.Errorf("extra %q", m.VCardExtra)
	}
	wantProblems(t, problems, []string{
		"1-quoted-printable.vcf:9: card 1: CHARSET=SHIFT_JIS cannot be read; unreadable characters replaced by U+FFFD (2)",
		"1-quoted-printable.vcf:10: card 1: text is not valid UTF-8; unreadable characters replaced by U+FFFD (2)",
	})
}

// Hazard 2: bare 2.1 parameters (go-vcard reads TEL;WORK:x as WORK=x, no value).
func TestDecodeBareParams(t *testing.T) {
	cards, problems := fixture(t, "2-bare-params.vcf")
	m := cards[0].Member
	if !slices.Equal(m.Phones, []string{"+1 555 0100", "+1 555 0101"}) || !slices.Equal(m.Emails, []string{"bare@example.org"}) {
		t.Errorf("phones %q emails %q", m.Phones, m.Emails)
	}
	if !slices.Equal(m.VCardExtra, []string{"TEL;TYPE=WORK,VOICE:+1 555 0100", "TEL;TYPE=CELL:+1 555 0101", "EMAIL;TYPE=INTERNET,PREF:bare@example.org"}) {
		t.Errorf("extra %q", m.VCardExtra)
	}
	if !slices.Equal(m.Photo, tinyPNG) || m.PhotoType != "image/png" { // PHOTO;PNG;BASE64
		t.Errorf("photo %d bytes %q", len(m.Photo), m.PhotoType)
	}
	wantProblems(t, problems, nil)
}

// Hazard 3: TYPE="a,b",PREF (go-vcard drops the whole line).
func TestDecodeQuotedTypeList(t *testing.T) {
	cards, problems := fixture(t, "3-quoted-type-list.vcf")
	m := cards[0].Member
	if !slices.Equal(m.Phones, []string{"+1 555 0102"}) || !slices.Equal(m.Emails, []string{"quoted@example.org"}) {
		t.Errorf("phones %q emails %q", m.Phones, m.Emails)
	}
	if !slices.Equal(m.VCardExtra, []string{`TEL;TYPE="work,voice",PREF:+1 555 0102`, `EMAIL;TYPE="internet,home":quoted@example.org`}) {
		t.Errorf("extra %q", m.VCardExtra)
	}
	want := []model.Identity{{Platform: "GitHub", Handle: "quoted:handle, really", URL: "https://github.com/quoted"}}
	if !reflect.DeepEqual(m.Identities, want) {
		t.Errorf("identities %+v", m.Identities)
	}
	wantProblems(t, problems, nil)
}

// Hazard 4: CR CR LF and mixed line ends.
func TestDecodeLineEnds(t *testing.T) {
	cards, problems := fixture(t, "4-line-ends.vcf")
	if got := names(cards); !slices.Equal(got, []string{"Line Ends", "Second Card"}) {
		t.Fatalf("names %q", got)
	}
	if n := cards[0].Member.Notes; n != "folded across a CR CR LF fold" {
		t.Errorf("notes %q", n)
	}
	if e := cards[0].Member.Emails; !slices.Equal(e, []string{"ends@example.org"}) {
		t.Errorf("emails %q", e)
	}
	if cards[1].Line != 8 {
		t.Errorf("second card at line %d, want 8", cards[1].Line)
	}
	wantProblems(t, problems, nil)
}

// Hazard 5: a fold inside a UTF-8 character.
func TestDecodeFoldInsideCharacter(t *testing.T) {
	cards, problems := fixture(t, "5-fold-in-utf8.vcf")
	m := cards[0].Member
	if m.Name != "Zoë Ñúñez" || m.Notes != "party 🎉 time" {
		t.Errorf("name %q notes %q", m.Name, m.Notes)
	}
	wantProblems(t, problems, nil)
}

// Hazard 6: photos in 2.1, 3.0 and 4.0, and a corrupt one.
func TestDecodePhotos(t *testing.T) {
	cards, problems := fixture(t, "6-photos.vcf")
	if got := names(cards); !slices.Equal(got, []string{"Photo TwoOne", "Photo Three", "Photo Four", "Photo Corrupt"}) {
		t.Fatalf("names %q", got)
	}
	for _, c := range cards[:3] {
		if !slices.Equal(c.Member.Photo, tinyPNG) || c.Member.PhotoType != "image/png" {
			t.Errorf("%s: photo %d bytes %q", c.Member.Name, len(c.Member.Photo), c.Member.PhotoType)
		}
	}
	if e := cards[0].Member.Emails; !slices.Equal(e, []string{"two@example.org"}) {
		t.Errorf("the line after the 2.1 base64 block was lost: %q", e)
	}
	if m := cards[3].Member; len(m.Photo) != 0 || !slices.Equal(m.Emails, []string{"corrupt@example.org"}) {
		t.Errorf("corrupt photo card: photo %d bytes, emails %q", len(m.Photo), m.Emails)
	}
	wantProblems(t, problems, []string{"6-photos.vcf:24: card 4: PHOTO is not valid base64; the photo is left out"})
}

// Hazard 7: garbage. go-vcard reports text without cards as io.EOF, a silent
// end; here it is a Problem with its line, and the cards around it come in.
func TestDecodeGarbage(t *testing.T) {
	junk := "This is not a vCard.\r\nNor is this line\r\n"
	if _, err := govcard.NewDecoder(strings.NewReader(junk)).Decode(); !errors.Is(err, io.EOF) {
		t.Logf("go-vcard now reports %v for text with no card (it used to be io.EOF)", err)
	}
	_, ps := decode(t, []byte(junk), "junk.vcf")
	if len(ps) == 0 || ps[0].Error() != `junk.vcf:1: text outside any card, left out (2 lines): "This is not a vCard."` {
		t.Errorf("problems %v", ps)
	}

	cards, problems := fixture(t, "7-garbage.vcf")
	if got := names(cards); !slices.Equal(got, []string{"Between Garbage", "Unterminated"}) {
		t.Fatalf("names %q", got)
	}
	if e := cards[1].Member.Emails; !slices.Equal(e, []string{"unterminated@example.org"}) {
		t.Errorf("emails %q", e)
	}
	wantProblems(t, problems, []string{
		`7-garbage.vcf:1: text outside any card, left out (2 lines): "This is not a vCard."`,
		`7-garbage.vcf:6: card 1: not a property, left out (a line): "this line has no colon"`,
		`7-garbage.vcf:8: text outside any card, left out (a line): "more junk: not a card"`,
		`7-garbage.vcf:9: card 2: no END:VCARD: the file ends inside this card; what it held is imported`,
	})
	// An END with a parameter would end the card early in go-vcard.
	cards, ps = decode(t, []byte("BEGIN:VCARD\nFN:x\nitem1.END;X=1:VCARD\nEMAIL:a@example.org\nEND:VCARD\n"), "end.vcf")
	if len(cards) != 1 || !slices.Equal(cards[0].Member.Emails, []string{"a@example.org"}) || len(ps) != 1 || ps[0].Line != 3 {
		t.Errorf("END with a parameter: %d cards, problems %v", len(cards), ps)
	}
	for _, in := range []string{"", "\r\n\r\n", "BEGIN:VCARD\r\n", "END:VCARD\r\n"} {
		cards, ps := decode(t, []byte(in), "x.vcf")
		if len(cards) != 0 || len(ps) == 0 {
			t.Errorf("%q: %d cards, problems %v", in, len(cards), ps)
		}
	}
}

// Hazard 8: '#' comments, a nested card (AGENT), no VERSION, BEGIN:vCard,
// item groups with X-ABLabel.
func TestDecodeStructure(t *testing.T) {
	cards, problems := fixture(t, "8-structure.vcf")
	if got := names(cards); !slices.Equal(got, []string{"Pat Parent", "Agent Smith", "No Version"}) {
		t.Fatalf("names %q", got)
	}
	if got := []int{cards[0].Line, cards[1].Line, cards[2].Line}; !slices.Equal(got, []int{2, 6, 14}) {
		t.Errorf("lines %v", got)
	}
	if got := []string{cards[0].Version, cards[1].Version, cards[2].Version}; !slices.Equal(got, []string{"2.1", "2.1", ""}) {
		t.Errorf("versions %q", got)
	}
	m := cards[0].Member
	if !slices.Equal(m.Phones, []string{"+1 555 0103"}) {
		t.Errorf("phones %q", m.Phones)
	}
	if !slices.Equal(m.VCardExtra, []string{"AGENT:", "item1.TEL:+1 555 0103", "item1.X-ABLabel:_$!<Mobile>!$_"}) {
		t.Errorf("extra %q", m.VCardExtra)
	}
	wantProblems(t, problems, nil)
	// The group and its label are written back together, in place of the phone.
	out := string(encode(t, []model.Member{m}, EncodeOptions{}))
	if !strings.Contains(out, "item1.TEL:+1 555 0103\r\n") || !strings.Contains(out, "item1.X-ABLabel:_$!<Mobile>!$_\r\n") || strings.Contains(out, "\r\nTEL:") {
		t.Errorf("export:\n%s", out)
	}
}

// Names from an email or organisation; values the record cannot hold are kept
// as written, with a problem.
func TestDecodeNamesAndValues(t *testing.T) {
	cards, problems := fixture(t, "9-names-and-values.vcf")
	if got := names(cards); !slices.Equal(got, []string{"only@example.org", "Only Org, Dept", "Bad Values"}) {
		t.Fatalf("names %q", got)
	}
	m := cards[2].Member
	if len(m.Emails) != 0 || m.Birthday != "" || m.CadenceDays != 0 || !slices.Equal(m.Tags, []string{"ok", "a", "b"}) {
		t.Errorf("member %+v", m)
	}
	if !slices.Equal(m.VCardExtra, []string{"EMAIL:not-an-email", "BDAY:sometime", "X-RAPPORT-CADENCE:9999", "CATEGORIES:this tag is far too long to be a tag in the record because it goes on"}) {
		t.Errorf("extra %q", m.VCardExtra)
	}
	wantProblems(t, problems, []string{
		"9-names-and-values.vcf:9: card 3: no name (FN or N), and no nickname, organisation or email to name it by; card left out",
		`9-names-and-values.vcf:16: card 4: EMAIL "not-an-email" is not an email address; kept on the card as written`,
		`9-names-and-values.vcf:17: card 4: BDAY "sometime" is not a date like 1990-04-15 or --04-15; kept on the card as written`,
		`9-names-and-values.vcf:18: card 4: CATEGORIES "this tag is far too long to be a tag in …": a tag has at most 60 characters; kept on the card as written`,
		`9-names-and-values.vcf:19: card 4: X-RAPPORT-CADENCE "9999" is not a number of days from 1 to 3650; kept on the card as written`,
	})
}

func TestDecodeValues(t *testing.T) {
	in := "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Values\r\n" +
		"BDAY:19900415\r\nX-PRONOUNS:they/them\r\nTZ:Europe/Berlin\r\nREV:2012-03-05T13:32:54Z\r\n" +
		"URL:https://github.com/ada\r\nURL:https://social.example/@ada\r\nURL:https://matrix.to/#/@ada:matrix.org\r\n" +
		"X-TWITTER:ada\r\nIMPP:xmpp:ada@example.org\r\nX-SOCIALPROFILE;TYPE=twitter:x-apple:adal\r\n" +
		"TEL;VALUE=uri:tel:+1-555-0105;ext=7\r\nEMAIL:Ada L <ada@example.org>\r\n" +
		"NOTE:one\r\nNOTE:two\\, three\r\nEND:VCARD\r\n"
	cards, problems := decode(t, []byte(in), "values.vcf")
	if len(problems) > 0 || len(cards) != 1 {
		t.Fatalf("%d cards, problems %v", len(cards), problems)
	}
	m := cards[0].Member
	checkMember(t, m)
	if m.Birthday != "1990-04-15" || m.Pronouns != "they/them" || m.TimeZone != "Europe/Berlin" || m.UpdatedAt.Format("2006-01-02T15:04:05Z") != "2012-03-05T13:32:54Z" {
		t.Errorf("member %+v", m)
	}
	if m.Notes != "one\n\ntwo, three" || !slices.Equal(m.Phones, []string{"+1-555-0105 x7"}) || !slices.Equal(m.Emails, []string{"ada@example.org"}) {
		t.Errorf("notes %q phones %q emails %q", m.Notes, m.Phones, m.Emails)
	}
	want := []model.Identity{
		{Platform: "GitHub", Handle: "ada"},
		{Platform: "Mastodon", Handle: "@ada@social.example"},
		{Platform: "Matrix", Handle: "@ada:matrix.org"},
		{Platform: "Twitter", Handle: "ada"},
		{Platform: "XMPP", Handle: "xmpp:ada@example.org"},
		{Platform: "Twitter", Handle: "adal"},
	}
	if !reflect.DeepEqual(m.Identities, want) {
		t.Errorf("identities\n%+v\nwant\n%+v", m.Identities, want)
	}
	for _, c := range []struct{ in, want string }{{"--0415", "--04-15"}, {"--04-15", "--04-15"}, {"1990-04-15T10:00:00Z", "1990-04-15"}, {"19900415", "1990-04-15"}} {
		p := prop{value: c.in}
		if got, ok := birthdayOf(&p); !ok || got != c.want {
			t.Errorf("BDAY %q read as %q %v", c.in, got, ok)
		}
	}
}

var cardCount = regexp.MustCompile(`\[(\d+) card`)

// TestRealFiles reads every file other clients wrote: no panic, the cards
// the manifest counts (a card with no name at all is a problem instead), and
// members the record accepts.
func TestRealFiles(t *testing.T) {
	dir := sharedDir(t)
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	n := 0
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		m := cardCount.FindStringSubmatch(sc.Text())
		if len(cols) < 2 || m == nil {
			t.Errorf("manifest line without a card count: %q", sc.Text())
			continue
		}
		want, _ := strconv.Atoi(m[1])
		n++
		t.Run(cols[0], func(t *testing.T) {
			cards, problems := decode(t, readFile(t, filepath.Join(dir, cols[0])), cols[0])
			noName := 0
			for _, p := range problems {
				if p.File != cols[0] || p.Line <= 0 || !utf8.ValidString(p.Reason) {
					t.Errorf("problem without file or line: %#v", p)
				}
				if strings.HasPrefix(p.Reason, "no name") {
					noName++
				}
			}
			if len(cards)+noName != want {
				t.Errorf("%d cards and %d without a name, want %d cards", len(cards), noName, want)
			}
			for _, c := range cards {
				checkMember(t, c.Member)
			}
		})
	}
	if n < 39 {
		t.Errorf("manifest lists %d files", n)
	}
}

func TestRealFileNames(t *testing.T) {
	dir := sharedDir(t)
	for file, want := range map[string][]string{
		"ezvcard__John_Doe_EVOLUTION.vcf":                                {"Mr. John Richter, James Doe Sr."},
		"ezvcard__John_Doe_GMAIL.vcf":                                    {"Mr. John Richter, James Doe Sr."},
		"ezvcard__John_Doe_IPHONE.vcf":                                   {"Mr. John Richter James Doe Sr."},
		"ezvcard__John_Doe_MAC_ADDRESS_BOOK.vcf":                         {"Mr. John Richter,James Doe Sr."},
		"ezvcard__John_Doe_LOTUS_NOTES.vcf":                              {"Mr. Doe John I Johny"},
		"ezvcard__John_Doe_MS_OUTLOOK.vcf":                               {"Mr. John Richter James Doe Sr."},
		"ezvcard__John_Doe_BLACK_BERRY.vcf":                              {"John Doe"},
		"ezvcard__John_Doe_ANDROID.vcf":                                  {"john.doe@company.com", "jane.doe@company.com", "Ñ Ñ Ñ Ñ Ñ", "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ", "Ñ Ñ Ñ Ñ", "ÑÑÑÑ"},
		"ezvcard__outlook-2003.vcf":                                      {"John Doe III"},
		"ezvcard__outlook-2007.vcf":                                      {"Mr. Michael Angstadt Jr."},
		"ezvcard__gmail-list.vcf":                                        {"Arnold Smith", "Chris Beatle", "Doug White"},
		"ezvcard__gmail-single.vcf":                                      {"Greg Dartmouth"},
		"ezvcard__rfc2426-example.vcf":                                   {"Frank Dawson", "Tim Howes"},
		"ezvcard__rfc6350-example.vcf":                                   {"Simon Perreault"},
		"ezvcard__issue114.vcf":                                          {"Dummy, Dummy"},
		"aosp__v21_simple_1.vcf":                                         {"Roid Ando"},
		"aosp__v21_nest.vcf":                                             {"parent", "nest1", "nest2"},
		"aosp__v40_sort_as.vcf":                                          {"安藤 ロイド"},
		"aosp__v21_backslash.vcf":                                        {`A;B\C;D:E\`},
		"aosp__v30_comma_separated.vcf":                                  {"G M F"},
		"sabre__issue153.vcf":                                            {"Test Benutzer"},
		"pyvobject__radicale-1587.vcf":                                   {"Given Family"},
		"aosp__v21_invalid_comment_line.vcf":                             {"Conference Call"},
		"ezvcard__fullcontact.vcf":                                       {"Prefix FirstName MiddleName LastName Suffix"},
		"ezvcard__thunderbird-MoreFunctionsForAddressBook-extension.vcf": {"John Doe"},
	} {
		cards, _ := decode(t, readFile(t, filepath.Join(dir, file)), file)
		if got := names(cards); !slices.Equal(got, want) {
			t.Errorf("%s: names %q, want %q", file, got, want)
		}
	}
}

// TestRealFileValues checks values that need a repair to come out right.
func TestRealFileValues(t *testing.T) {
	dir := sharedDir(t)
	read := func(file string) []Card {
		cards, _ := decode(t, readFile(t, filepath.Join(dir, file)), file)
		return cards
	}
	if n := read("aosp__v21_invalid_comment_line.vcf")[0].Member.Notes; n != "This is an (sharp ->#<- sharp) example. This message must NOT be ignored." {
		t.Errorf("QP soft break onto a '#' line: %q", n)
	}
	if l := read("aosp__v21_adr_multiple_line.vcf")[0].Member.VCardExtra[1]; l != `ADR;TYPE=HOME:;;Hermann v. Brevern\n9999999\nPackstation 999;Hamburg;;99999;Deutschland` {
		t.Errorf("ADR continued after backslashes: %q", l)
	}
	if m := read("aosp__v21_invalid_multiple_line.vcf")[0].Member; !slices.Equal(m.Emails, []string{"omega@example.com"}) {
		t.Errorf("EMAIL continued on an indented line: %q", m.Emails)
	}
	m := read("ezvcard__rfc6350-example.vcf")[0].Member
	if m.Birthday != "--02-03" || !slices.Equal(m.Phones, []string{"+1-418-656-9254 x102", "+1-418-262-6501"}) || m.Location != "Suite D2-630, 2875 Laurier, Quebec, QC, G1V 2M2, Canada" {
		t.Errorf("rfc6350 example: %+v", m)
	}
	if m := read("ezvcard__John_Doe_EVOLUTION.vcf")[0].Member; !strings.Contains(m.Notes, "SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS;") || !slices.Equal(m.Tags, []string{"VIP"}) {
		t.Errorf("Evolution: notes %q tags %q", m.Notes, m.Tags)
	}
	if m := read("ezvcard__John_Doe_IPHONE.vcf")[0].Member; len(m.Photo) == 0 || m.PhotoType != "image/jpeg" || len(m.Phones) != 7 {
		t.Errorf("iPhone (CR CR LF): photo %d %q, phones %q", len(m.Photo), m.PhotoType, m.Phones)
	}
	if m := read("ezvcard__John_Doe_MS_OUTLOOK.vcf")[0].Member; !slices.Contains(m.VCardExtra, "LABEL;TYPE=HOME:Silicon Alley 5,\\nNew York, New York  12345") || len(m.Photo) == 0 {
		t.Errorf("Outlook: LABEL QP not decoded or photo lost: %q", m.VCardExtra)
	}
	if m := read("ezvcard__thunderbird-MoreFunctionsForAddressBook-extension.vcf")[0].Member; !slices.Equal(m.Tags, []string{"category1", "category2", "category3"}) {
		t.Errorf("Thunderbird tags %q", m.Tags)
	}
}

// TestRealFileProblems: malformed files give problems that name the line.
func TestRealFileProblems(t *testing.T) {
	dir := sharedDir(t)
	for _, c := range []struct {
		file string
		line int
		text string
	}{
		{"aosp__v21_malformed_photo.vcf", 5, "PHOTO is not valid base64"},
		{"ezvcard__John_Doe_ANDROID.vcf", 52, "PHOTO is not valid base64"},
		{"ezvcard__John_Doe_ANDROID.vcf", 82, "not valid UTF-8"},
		{"ezvcard__John_Doe_ANDROID.vcf", 44, "is not an email address"},
		{"aosp__v21_japanese_2.vcf", 3, "CHARSET=SHIFT_JIS cannot be read"},
		{"aosp__v21_japanese_2.vcf", 6, "CHARSET=SHIFT_JIS cannot be read"},
		{"aosp__v21_multiple_entry.vcf", 14, "CHARSET=SHIFT_JIS cannot be read"},
		{"aosp__v21_android_custom_prop.vcf", 1, "no name"},
		{"sabre__issue64.vcf", 1, "no name"},
		{"ezvcard__outlook-2003.vcf", 10, `TEL "BusinessPhone" is not a phone number`},
	} {
		_, problems := decode(t, readFile(t, filepath.Join(dir, c.file)), c.file)
		found := false
		for _, p := range problems {
			if p.Line == c.line && strings.Contains(p.Error(), c.file+":"+strconv.Itoa(c.line)+": card") && strings.Contains(p.Reason, c.text) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no problem at line %d with %q in %v", c.file, c.line, c.text, problems)
		}
	}
}

func TestProblemError(t *testing.T) {
	for _, c := range []struct {
		p    Problem
		want string
	}{
		{Problem{"contacts.vcf", 12, 3, "no name (FN or N)"}, "contacts.vcf:12: card 3: no name (FN or N)"},
		{Problem{"contacts.vcf", 1, 0, "text outside any card"}, "contacts.vcf:1: text outside any card"},
		{Problem{"contacts.vcf", 0, 0, "no vCard in this file"}, "contacts.vcf: no vCard in this file"},
	} {
		if got := c.p.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestDecodeReadError(t *testing.T) {
	if _, _, err := Decode(failingReader{}, "x.vcf"); err == nil {
		t.Error("no error for a failing reader")
	}
}

// A file large enough to be decoded on several cores gives the same cards
// and problems, in the same order, as on one.
func TestDecodeOnAnyNumberOfCores(t *testing.T) {
	files, _ := filepath.Glob("testdata/hazards/*.vcf")
	var data []byte
	for len(data) < 400_000 {
		for _, file := range files {
			data = append(data, readFile(t, file)...)
			data = append(data, '\n')
		}
	}
	decode := func(procs int) ([]Card, []Problem) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		cards, problems, err := Decode(bytes.NewReader(data), "many.vcf")
		if err != nil {
			t.Fatal(err)
		}
		return cards, problems
	}
	cards, problems := decode(1)
	if len(cards) < 4*cardsPerTurn || len(problems) < 4*cardsPerTurn {
		t.Fatalf("%d cards, %d problems; want a file large enough for several workers", len(cards), len(problems))
	}
	manyCards, manyProblems := decode(4)
	if !reflect.DeepEqual(manyCards, cards) {
		t.Errorf("cards on 4 cores differ from on 1 (%d and %d)", len(manyCards), len(cards))
	}
	if !reflect.DeepEqual(manyProblems, problems) {
		t.Errorf("problems on 4 cores differ from on 1 (%d and %d)", len(manyProblems), len(problems))
	}
}

func TestNormWS(t *testing.T) {
	for _, s := range []string{
		"", " ", "  ", "a", " a", "a ", "a b", "a  b", "a\tb", "a\nb", "a\r\n", "\va\f",
		"Zoë Müller", "a\u00a0b", "a\u3000 b", "x\u2028y", "\u0085", "ok\u200bzero width",
		"\xff b", "a \xff", "Example Collective, e.V.",
	} {
		want := strings.Join(strings.Fields(s), " ")
		if got := normWS(s); got != want {
			t.Errorf("normWS(%q) = %q, want %q", s, got, want)
		}
	}
}
