package vcard

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"rapport/model"
)

// EncodeOptions say how to write cards.
type EncodeOptions struct {
	Version             Version   // V4 when empty
	IncludePrivateNotes bool      // write PrivateNotes as X-RAPPORT-PRIVATE-NOTE
	Now                 time.Time // REV for a member with no UpdatedAt; no REV when both are zero
}

// prodID names the writer of the cards.
const prodID = "-//Rapport//Rapport vCard//EN"

// Property names of Rapport's own fields.
const (
	propHowWeMet    = "X-RAPPORT-HOW-WE-MET"
	propCaresAbout  = "X-RAPPORT-CARES-ABOUT"
	propPrivateNote = "X-RAPPORT-PRIVATE-NOTE"
	propCadence     = "X-RAPPORT-CADENCE"
)

// Labels of the sections appended to NOTE for address books that show NOTE only.
const (
	labelHowWeMet   = "How we met: "
	labelCaresAbout = "Cares about: "
)

// Encode writes members as vCards, one card each, in the order given.
func Encode(w io.Writer, members []model.Member, opt EncodeOptions) error {
	v := opt.Version
	if v == "" {
		v = V4
	}
	if v != V4 && v != V3 {
		return fmt.Errorf("vcard: cannot write version %q (only %s and %s)", v, V4, V3)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	for i := range members {
		e := encoder{w: bw, v: v}
		e.card(&members[i], opt)
		if e.err != nil {
			return e.err
		}
	}
	return bw.Flush()
}

type encoder struct {
	w      *bufio.Writer
	v      Version
	err    error
	extras []extra
}

// extra is a line of VCardExtra, read to know which field it may stand for.
type extra struct {
	text string
	kind kind
	key  string
	ok   bool // key is a valid value of its field
	used bool
}

func (e *encoder) card(m *model.Member, opt EncodeOptions) {
	e.readExtras(m.VCardExtra)
	e.line("BEGIN:VCARD")
	e.line("VERSION:" + string(e.v))
	e.line("PRODID:" + prodID)
	if uid := strings.TrimSpace(m.UID); uid != "" {
		e.line("UID:" + escapeText(uid))
	}
	e.line("FN:" + escapeText(m.Name))
	if x := e.takeN(m.Name); x != "" {
		e.line(x)
	} else {
		e.line(genN(m.Name))
	}
	if m.Pronouns != "" {
		e.field(kindPronouns, m.Pronouns, genPronouns(m.Pronouns, e.v))
	}
	for _, a := range m.Emails {
		e.field(kindEmail, a, genEmail(a))
	}
	for _, p := range m.Phones {
		e.field(kindPhone, p, genPhone(p))
	}
	if m.Organisation != "" {
		e.field(kindOrg, normWS(m.Organisation), genOrg(m.Organisation))
	}
	if m.Role != "" {
		e.field(kindRole, normWS(m.Role), genRole(m.Role))
	}
	if m.Location != "" {
		e.field(kindLocation, normWS(m.Location), genLocation(m.Location))
	}
	if m.TimeZone != "" {
		e.field(kindTimeZone, normWS(m.TimeZone), genTimeZone(m.TimeZone, e.v))
	}
	if m.Birthday != "" {
		e.field(kindBirthday, m.Birthday, genBirthday(m.Birthday, e.v))
	}
	for _, id := range m.Identities {
		if strings.TrimSpace(id.Handle) == "" && strings.TrimSpace(id.URL) == "" {
			continue
		}
		e.field(kindIdentity, identityKey(id), genIdentity(id, e.v))
	}
	if len(m.Tags) > 0 {
		e.line(genCategories(m.Tags))
	}
	if note := composeNote(m.Notes, m.HowWeMet, m.CaresAbout); note != "" {
		e.line("NOTE:" + escapeText(note))
	}
	if m.HowWeMet != "" {
		e.line(propHowWeMet + ":" + escapeText(m.HowWeMet))
	}
	if m.CaresAbout != "" {
		e.line(propCaresAbout + ":" + escapeText(m.CaresAbout))
	}
	if opt.IncludePrivateNotes && m.PrivateNotes != "" {
		e.line(propPrivateNote + ":" + escapeText(m.PrivateNotes))
	}
	if m.CadenceDays != 0 {
		e.line(fmt.Sprintf("%s:%d", propCadence, m.CadenceDays))
	}
	if len(m.Photo) > 0 {
		e.photo(m.Photo, m.PhotoType)
	}
	e.restOfExtras(m)
	rev := m.UpdatedAt
	if rev.IsZero() {
		rev = opt.Now
	}
	if !rev.IsZero() {
		e.line("REV:" + rev.UTC().Format("20060102T150405Z"))
	}
	e.line("END:VCARD")
}

// readExtras reads the member's kept lines to know which field each may stand
// for.
func (e *encoder) readExtras(lines []string) {
	e.extras = e.extras[:0]
	for _, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			l = strings.NewReplacer("\r", "", "\n", "").Replace(l)
		}
		x := extra{text: l}
		if p, ok := parseProp(rawLine{0, []byte(l)}, "4.0", func(int, string, ...any) {}); ok && isPropertyStart([]byte(l)) {
			switch p.name {
			case "BEGIN", "END", "VERSION":
				continue // would break the card
			}
			x.kind, x.key, x.ok = keyOf(&p)
		} else {
			continue // not a content line: writing it would break the card
		}
		e.extras = append(e.extras, x)
	}
}

// field writes a field's property, or the kept line that says the same with
// more (a TYPE, a group) in its place.
func (e *encoder) field(k kind, key, generated string) {
	for i := range e.extras {
		x := &e.extras[i]
		if !x.used && x.kind == k && x.key == key {
			x.used = true
			e.line(x.text)
			return
		}
	}
	e.line(generated)
}

// takeN returns the kept N line when it still fits the name.
func (e *encoder) takeN(name string) string {
	for i := range e.extras {
		x := &e.extras[i]
		if !x.used && x.kind == kindN && nWordsIn(x.key, name) {
			x.used = true
			return x.text
		}
	}
	return ""
}

// restOfExtras writes the kept lines not written in place of a field, except
// those that stood for a value the member no longer has (an email or phone or
// identity removed since, an N of a former name).
func (e *encoder) restOfExtras(m *model.Member) {
	for i := range e.extras {
		x := &e.extras[i]
		if x.used {
			continue
		}
		switch x.kind {
		case kindN:
			continue
		case kindEmail, kindPhone, kindIdentity:
			if x.ok {
				continue // a valid value the member no longer has: removed
			}
		}
		e.line(x.text)
	}
}

func (e *encoder) photo(data []byte, mt string) {
	if mt == "" {
		mt = sniffImage(data)
	}
	enc := base64.StdEncoding.EncodeToString(data)
	if e.v == V4 {
		e.line("PHOTO:data:" + cleanURI(mt) + ";base64," + enc)
		return
	}
	typ := strings.ToUpper(strings.TrimPrefix(mt, "image/"))
	e.line("PHOTO;ENCODING=b;TYPE=" + paramValue(typ, e.v) + ":" + enc)
}

// line writes one content line folded at 75 octets (RFC 6350 §3.2), never
// inside a UTF-8 character: continuation lines start with a space.
func (e *encoder) line(s string) {
	if e.err != nil {
		return
	}
	w := e.w
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if cut == 0 { // cannot happen with valid UTF-8
			cut = limit
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = 74
	}
	w.WriteString(s)
	_, e.err = w.WriteString("\r\n")
}

// genN splits a display name: the last word is the family name, the words
// before it the given name; one word alone is a given name.
func genN(name string) string {
	words := strings.Fields(name)
	var family, given string
	switch len(words) {
	case 0:
	case 1:
		given = words[0]
	default:
		family = words[len(words)-1]
		given = strings.Join(words[:len(words)-1], " ")
	}
	return "N:" + escapeText(family) + ";" + escapeText(given) + ";;;"
}

func genEmail(a string) string { return "EMAIL:" + escapeText(a) }
func genPhone(p string) string { return "TEL:" + escapeText(p) }
func genOrg(o string) string   { return "ORG:" + escapeText(o) }
func genRole(r string) string  { return "TITLE:" + escapeText(r) }

func genPronouns(p string, v Version) string {
	if v == V4 {
		return "PRONOUNS:" + escapeText(p) // RFC 9554
	}
	return "X-PRONOUNS:" + escapeText(p)
}

// genLocation writes the free-text location as the locality of an address.
func genLocation(l string) string { return "ADR:;;;" + escapeText(l) + ";;;" }

// genTimeZone writes a zone name as text and an offset as a UTC offset.
func genTimeZone(tz string, v Version) string {
	if sign, hh, mm, ok := utcOffset(tz); ok {
		if v == V4 {
			return "TZ;VALUE=utc-offset:" + sign + hh + mm
		}
		return "TZ:" + sign + hh + ":" + mm
	}
	if v == V4 {
		return "TZ:" + escapeText(tz)
	}
	return "TZ;VALUE=text:" + escapeText(tz)
}

// utcOffset reads +hh, +hhmm or +hh:mm.
func utcOffset(s string) (sign, hh, mm string, ok bool) {
	if len(s) < 3 || (s[0] != '+' && s[0] != '-') {
		return
	}
	sign, rest := s[:1], strings.ReplaceAll(s[1:], ":", "")
	if !isDigits(rest) {
		return
	}
	switch len(rest) {
	case 2:
		return sign, rest, "00", true
	case 4:
		return sign, rest[:2], rest[2:], true
	}
	return
}

// genBirthday writes 19900415 / --0415 (4.0) or 1990-04-15 (3.0). vCard 3.0
// dates need a year: a day without one is written as Apple writes it.
func genBirthday(b string, v Version) string {
	yearless := strings.HasPrefix(b, "--")
	if v == V4 {
		return "BDAY:" + bdayV4(b, yearless)
	}
	if yearless {
		return "BDAY;X-APPLE-OMIT-YEAR=1604:1604-" + b[2:]
	}
	return "BDAY:" + b
}

func bdayV4(b string, yearless bool) string {
	if yearless {
		return "--" + strings.ReplaceAll(b[2:], "-", "")
	}
	return strings.ReplaceAll(b, "-", "")
}

// genIdentity writes a plain website as URL, a matrix:/xmpp:/irc: handle as
// IMPP, and anything else as X-SOCIALPROFILE with the platform as TYPE, the
// handle as X-USER and the link as value.
func genIdentity(id model.Identity, v Version) string {
	handle := strings.TrimSpace(id.Handle)
	platform := strings.TrimSpace(id.Platform)
	sc := uriScheme(handle)
	switch {
	case id.URL == "" && imppSchemes[sc] && strings.EqualFold(schemePlatforms[sc], platform):
		return "IMPP:" + cleanURI(handle)
	case platform == "Website" && handle == "" && id.URL != "" && guessPlatform(id.URL) == "Website":
		return "URL:" + cleanURI(id.URL)
	}
	if platform == "" {
		platform = "Other"
	}
	s := "X-SOCIALPROFILE;TYPE=" + paramValue(platformType(platform), v)
	if handle != "" {
		s += ";X-USER=" + paramValue(handle, v)
	}
	return s + ":" + cleanURI(id.Link())
}

// genCategories writes tags comma-separated, a comma inside a tag escaped.
func genCategories(tags []string) string {
	esc := make([]string, len(tags))
	for i, t := range tags {
		esc[i] = escapeText(t)
	}
	return "CATEGORIES:" + strings.Join(esc, ",")
}

// composeNote is the NOTE written: the notes, then how we met and what they
// care about as labelled paragraphs.
func composeNote(notes, howWeMet, caresAbout string) string {
	parts := make([]string, 0, 3)
	if notes != "" {
		parts = append(parts, notes)
	}
	if howWeMet != "" {
		parts = append(parts, labelHowWeMet+howWeMet)
	}
	if caresAbout != "" {
		parts = append(parts, labelCaresAbout+caresAbout)
	}
	return strings.Join(parts, "\n\n")
}

// keyOf reads the field a property stands for and its value there.
func keyOf(p *prop) (k kind, key string, ok bool) {
	switch p.name {
	case "N":
		return kindN, p.value, true
	case "EMAIL":
		key, ok = emailOf(p)
		return kindEmail, key, ok
	case "TEL":
		key, ok = phoneOf(p)
		return kindPhone, key, ok
	case "ORG":
		key = readable(p.value)
		return kindOrg, key, key != ""
	case "TITLE", "ROLE":
		key = normWS(unescapeText(p.value))
		return kindRole, key, key != ""
	case "PRONOUNS", "X-PRONOUNS":
		key = normWS(unescapeText(p.value))
		return kindPronouns, key, key != ""
	case "ADR":
		key = readable(p.value)
		return kindLocation, key, key != ""
	case "TZ":
		key = normWS(unescapeText(p.value))
		return kindTimeZone, key, key != ""
	case "BDAY":
		key, ok = birthdayOf(p)
		return kindBirthday, key, ok
	}
	if id, isID := identityOf(p); isID {
		return kindIdentity, identityKey(id), true
	}
	return kindNone, "", false
}

// generated returns the line the encoder writes for a field value in a
// version, so that the decoder keeps a line only when it says more.
func generated(k kind, value string, id model.Identity, v Version) string {
	switch k {
	case kindN:
		return genN(value)
	case kindEmail:
		return genEmail(value)
	case kindPhone:
		return genPhone(value)
	case kindOrg:
		return genOrg(value)
	case kindRole:
		return genRole(value)
	case kindLocation:
		return genLocation(value)
	case kindPronouns:
		return genPronouns(value, v)
	case kindTimeZone:
		return genTimeZone(value, v)
	case kindBirthday:
		return genBirthday(value, v)
	case kindIdentity:
		return genIdentity(id, v)
	}
	return ""
}
