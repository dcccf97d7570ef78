package vcard

import (
	"bytes"
	"encoding/base64"
	"io"
	"net/url"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"rapport/internal/parallel"
	"rapport/model"
)

// Limits the model sets (model.Member.Validate).
const (
	maxName     = 200
	maxTag      = 60
	maxFreeText = 100_000
)

// Decode reads every card in r; name names the file in problems. Good cards
// come back even when others are bad: each card that cannot be imported, and
// each part of a card left out or kept only as written, is a Problem. The error
// is for reading r only. Decode never panics.
func Decode(r io.Reader, name string) ([]Card, []Problem, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, nil, err
	}
	raws, problems := lex(name, data)
	cards, ok, cardProblems := decodeCards(name, raws)
	kept := cards[:0]
	for i := range cards {
		problems = append(problems, cardProblems[i]...)
		if ok[i] {
			kept = append(kept, cards[i])
		}
	}
	clear(cards[len(kept):]) // the cards left out are not held on to
	cards = kept
	sort.SliceStable(problems, func(i, j int) bool {
		a, b := problems[i].Line, problems[j].Line
		if a == 0 || b == 0 {
			return a != 0 && b == 0
		}
		return a < b
	})
	return cards, problems, nil
}

// cardsPerTurn is how many cards a worker of decodeCards takes at a time:
// enough that handing them out costs nothing, few enough that the workers
// finish together.
const cardsPerTurn = 128

// decodeCards decodes each card, on as many cores as the program may use:
// the cards are independent, and an address book has thousands.
// Whatever the number of workers, cards[i], ok[i] and problems[i] are what
// decoding raws[i] alone gives.
func decodeCards(name string, raws []*rawCard) (cards []Card, ok []bool, problems [][]Problem) {
	cards, ok, problems = make([]Card, len(raws)), make([]bool, len(raws)), make([][]Problem, len(raws))
	parallel.Each(len(raws), cardsPerTurn, func() func(int) {
		sc := &scratch{} // one per worker, as is its decoder
		d := &cardDecoder{}
		return func(i int) {
			*d = cardDecoder{file: name, num: raws[i].num, scratch: sc}
			cards[i], ok[i] = d.decode(raws[i])
			problems[i] = d.problems
		}
	})
	return cards, ok, problems
}

// cardDecoder turns one card's lines into a member.
type cardDecoder struct {
	file     string
	num      int
	problems []Problem
	m        model.Member
	extras   []string
	scratch  *scratch
}

// scratch is memory the cards of a file reuse one after the other: nothing
// decoded keeps a reference to it.
type scratch struct {
	props []prop
}

func (d *cardDecoder) problem(line int, format string, args ...any) {
	d.problems = append(d.problems, Problem{File: d.file, Line: line, Card: d.num, Reason: sprintf(format, args...)})
}

// keep keeps a property as written, in VCardExtra.
func (d *cardDecoder) keep(p *prop) { d.extras = append(d.extras, p.text) }

// shadow keeps a property that a field holds when writing the field back
// would not give the same line (it has a TYPE, a group, a structure …).
func (d *cardDecoder) shadow(p *prop, k kind, value string, id model.Identity) {
	if p.text != generated(k, value, id, V4) && p.text != generated(k, value, id, V3) {
		d.keep(p)
	}
}

func (d *cardDecoder) decode(rc *rawCard) (Card, bool) {
	card := Card{Line: rc.line, Version: cardVersion(rc)}
	props := d.props(rc, card.Version, d.scratch.props[:0])
	defer func() { d.scratch.props = props[:0] }()
	if !d.mapMember(rc, props) {
		return card, false
	}
	card.Member = d.m
	return card, true
}

// cardVersion is what the card's VERSION line says.
func cardVersion(rc *rawCard) string {
	for _, l := range rc.lines {
		if len(l.b) > 8 && bytes.EqualFold(l.b[:8], []byte("VERSION:")) {
			return strings.TrimSpace(strings.ToValidUTF8(string(l.b[8:]), "\uFFFD"))
		}
	}
	return ""
}

// props reads the card's lines into properties, appended to props: each
// line's group, name, parameters and value, repaired (parseProp). The value
// stays escaped: mapMember unescapes what it reads.
func (d *cardDecoder) props(rc *rawCard, version string, props []prop) []prop {
	for _, l := range rc.lines {
		p, ok := parseProp(l, version, d.problem)
		if !ok {
			d.problem(l.line, "a property with no value (no ':'), left out: %s", snippet(string(l.b)))
			continue
		}
		if p.name == "BEGIN" || p.name == "END" { // a card's frame, never its content
			d.problem(l.line, "%s inside a card, left out", snippet(p.text))
			continue
		}
		props = append(props, p)
	}
	return props
}

// mapMember maps the properties onto the member.
func (d *cardDecoder) mapMember(rc *rawCard, props []prop) bool {
	m := &d.m
	hasTitle := false
	for i := range props {
		if props[i].name == "TITLE" {
			hasTitle = true
		}
	}
	var (
		fnProp, nProp            *prop
		nickname, orgName        string
		noteProps                []*prop
		how, cares, priv         *prop
		notes                    []string
		badTags                  []string
		badTagLine, cadenceLines int
	)
	for i := range props {
		p := &props[i]
		switch p.name {
		case "", "VERSION", "PRODID", "BEGIN", "END":
			// file metadata, or a line already reported
		case "FN":
			if v := normWS(unescapeText(p.value)); fnProp == nil && v != "" {
				m.Name, fnProp = v, p
			} else {
				d.keep(p)
			}
		case "N":
			if nProp == nil {
				nProp = p
			} else {
				d.keep(p)
			}
		case "NICKNAME":
			if nickname == "" {
				for _, n := range listValues(p.value) {
					if n = normWS(n); n != "" {
						nickname = n
						break
					}
				}
			}
			d.keep(p)
		case "EMAIL":
			if a, ok := emailOf(p); ok {
				m.Emails = append(m.Emails, a)
				d.shadow(p, kindEmail, a, model.Identity{})
			} else if a != "" {
				d.keep(p)
				d.problem(p.line, "EMAIL %s is not an email address; kept on the card as written", snippet(a))
			}
		case "TEL":
			if t, ok := phoneOf(p); ok {
				m.Phones = append(m.Phones, t)
				d.shadow(p, kindPhone, t, model.Identity{})
			} else if t != "" {
				d.keep(p)
				d.problem(p.line, "TEL %s is not a phone number; kept on the card as written", snippet(t))
			}
		case "ORG":
			if v := readable(p.value); m.Organisation == "" && v != "" {
				m.Organisation = v
				orgName = v
				d.shadow(p, kindOrg, v, model.Identity{})
			} else {
				d.keep(p)
			}
		case "TITLE", "ROLE":
			if v := normWS(unescapeText(p.value)); m.Role == "" && v != "" && (p.name == "TITLE" || !hasTitle) {
				m.Role = v
				d.shadow(p, kindRole, v, model.Identity{})
			} else {
				d.keep(p)
			}
		case "PRONOUNS", "X-PRONOUNS":
			if v := normWS(unescapeText(p.value)); m.Pronouns == "" && v != "" {
				m.Pronouns = v
				d.shadow(p, kindPronouns, v, model.Identity{})
			} else {
				d.keep(p)
			}
		case "ADR":
			if v := readable(p.value); m.Location == "" && v != "" {
				m.Location = v
				d.shadow(p, kindLocation, v, model.Identity{})
			} else {
				d.keep(p)
			}
		case "TZ":
			if v := normWS(unescapeText(p.value)); m.TimeZone == "" && v != "" {
				m.TimeZone = v
				d.shadow(p, kindTimeZone, v, model.Identity{})
			} else {
				d.keep(p)
			}
		case "BDAY":
			if m.Birthday != "" {
				d.keep(p)
			} else if b, ok := birthdayOf(p); ok {
				m.Birthday = b
				d.shadow(p, kindBirthday, b, model.Identity{})
			} else {
				d.keep(p)
				d.problem(p.line, "BDAY %s is not a date like 1990-04-15 or --04-15; kept on the card as written", snippet(b))
			}
		case "CATEGORIES":
			// A tag cannot hold a comma or semicolon (model.Member.Validate):
			// one written with escaped commas is a list of tags.
			for _, t := range strings.FieldsFunc(strings.Join(listValues(p.value), ","), func(r rune) bool { return r == ',' || r == ';' }) {
				t = normWS(t)
				switch {
				case t == "":
				case utf8.RuneCountInString(t) > maxTag:
					badTags = append(badTags, t)
					if badTagLine == 0 {
						badTagLine = p.line
					}
				default:
					m.Tags = append(m.Tags, t)
				}
			}
		case "NOTE":
			if v := unescapeText(p.value); strings.TrimSpace(v) != "" {
				notes = append(notes, v)
				noteProps = append(noteProps, p)
			}
		case "PHOTO":
			d.photo(p)
		case "UID":
			if v := strings.TrimSpace(unescapeText(p.value)); m.UID == "" && v != "" {
				m.UID = v
			} else if v != "" {
				d.keep(p)
			}
		case "REV":
			// when the card last changed: kept when readable, else left out (metadata)
			if t, ok := revOf(p.value); ok && m.UpdatedAt.IsZero() {
				m.UpdatedAt = t
			}
		case propHowWeMet:
			if how == nil {
				how = p
				m.HowWeMet = unescapeText(p.value)
			} else {
				d.keep(p)
			}
		case propCaresAbout:
			if cares == nil {
				cares = p
				m.CaresAbout = unescapeText(p.value)
			} else {
				d.keep(p)
			}
		case propPrivateNote:
			if priv == nil {
				priv = p
				m.PrivateNotes = unescapeText(p.value)
			} else {
				d.keep(p)
			}
		case propCadence:
			if c, ok := cadenceOf(p.value); ok && cadenceLines == 0 && c != 0 {
				m.CadenceDays = c
			} else {
				d.keep(p)
				if !ok {
					d.problem(p.line, "%s %s is not a number of days from %d to %d; kept on the card as written", propCadence, snippet(p.value), model.MinCadenceDays, model.MaxCadenceDays)
				}
			}
			cadenceLines++
		default:
			if id, ok := identityOf(p); ok {
				m.Identities = append(m.Identities, id)
				d.shadow(p, kindIdentity, "", id)
			} else {
				d.keep(p)
			}
		}
	}

	// The name: FN, else N, else a nickname, the organisation or an email.
	if m.Name == "" && nProp != nil {
		m.Name = nameOfN(nProp.value)
	}
	if nProp != nil && nProp.text != genN(m.Name) {
		d.keep(nProp)
	}
	if m.Name == "" {
		m.Name = firstNonEmpty(nickname, orgName)
	}
	if m.Name == "" && len(m.Emails) > 0 {
		m.Name = m.Emails[0]
	}
	if m.Name == "" {
		d.problem(rc.line, "no name (FN or N), and no nickname, organisation or email to name it by; card left out")
		return false
	}
	if utf8.RuneCountInString(m.Name) > maxName {
		m.Name = string([]rune(m.Name)[:maxName])
		if fnProp != nil {
			d.keep(fnProp)
		}
		d.problem(rc.line, "name longer than %d characters, shortened; the full name is kept on the card", maxName)
	}

	// NOTE, less the paragraphs this package adds for other address books.
	note := strings.Join(notes, "\n\n")
	if sfx := composeNote("", m.HowWeMet, m.CaresAbout); sfx != "" {
		if note == sfx {
			note = ""
		} else if strings.HasSuffix(note, "\n\n"+sfx) {
			note = note[:len(note)-len(sfx)-2]
		}
	}
	m.Notes = note
	for _, f := range []struct {
		text  *string
		props []*prop
		what  string
	}{
		{&m.Notes, noteProps, "NOTE"},
		{&m.HowWeMet, []*prop{how}, propHowWeMet},
		{&m.CaresAbout, []*prop{cares}, propCaresAbout},
		{&m.PrivateNotes, []*prop{priv}, propPrivateNote},
	} {
		if len(strings.TrimSpace(*f.text)) <= maxFreeText {
			continue
		}
		*f.text = truncate(strings.TrimSpace(*f.text), maxFreeText)
		line := rc.line
		for _, p := range f.props {
			if p != nil {
				d.keep(p)
				line = p.line
			}
		}
		d.problem(line, "%s longer than %d characters, shortened; the full text is kept on the card", f.what, maxFreeText)
	}
	if len(badTags) > 0 {
		esc := make([]string, len(badTags))
		for i, t := range badTags {
			esc[i] = escapeText(t)
		}
		d.extras = append(d.extras, "CATEGORIES:"+strings.Join(esc, ","))
		d.problem(badTagLine, "CATEGORIES %s: a tag has at most %d characters; kept on the card as written", snippet(strings.Join(badTags, " | ")), maxTag)
	}

	m.VCardExtra = d.extras
	m.Normalize()
	if err := m.Validate(); err != nil {
		d.problem(rc.line, "card left out: %v", err)
		return false
	}
	return true
}

// photo reads PHOTO: a data: URI, or base64 (2.1 BASE64, 3.0 ENCODING=b). A
// photo given by URL is kept as written; a second photo too.
func (d *cardDecoder) photo(p *prop) {
	v := strings.TrimSpace(p.value)
	if v == "" {
		return // an empty PHOTO holds nothing
	}
	if len(d.m.Photo) > 0 {
		d.keep(p)
		return
	}
	var data []byte
	var mt string
	var err error
	enc := strings.ToUpper(p.param("ENCODING"))
	switch {
	case len(v) > 5 && strings.EqualFold(v[:5], "data:"):
		comma := strings.IndexByte(v, ',')
		if comma < 0 {
			d.problem(p.line, "PHOTO is a data: URI with no data; the photo is left out")
			return
		}
		meta, payload := v[5:comma], v[comma+1:]
		if strings.HasSuffix(strings.ToLower(meta), ";base64") {
			mt = meta[:len(meta)-len(";base64")]
			data, err = decodeBase64(payload)
		} else {
			mt = meta
			var s string
			s, err = url.PathUnescape(payload)
			data = []byte(s)
		}
		if i := strings.IndexByte(mt, ';'); i >= 0 {
			mt = mt[:i]
		}
		mt = strings.ToLower(strings.TrimSpace(mt))
	case enc == "B" || enc == "BASE64":
		data, err = decodeBase64(v)
		mt = mediaType(firstNonEmpty(p.param("MEDIATYPE"), p.param("TYPE")))
	default:
		d.keep(p) // a URL: nothing to hold here, kept as written
		return
	}
	if err != nil || len(data) == 0 {
		d.problem(p.line, "PHOTO is not valid base64; the photo is left out")
		return
	}
	if mt == "" {
		mt = sniffImage(data)
	}
	d.m.Photo, d.m.PhotoType = data, mt
}

// decodeBase64 reads base64 with or without padding, ignoring white space.
func decodeBase64(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, s)
	if b, err := base64.StdEncoding.DecodeString(s); err == nil {
		return b, nil
	}
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return nil, err
	}
	return b, nil
}

// truncate cuts s to at most n bytes, between characters.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// readAll reads r whole, in one allocation when r tells its size.
func readAll(r io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	if l, ok := r.(interface{ Len() int }); ok {
		buf.Grow(l.Len() + bytes.MinRead)
	} else if f, ok := r.(interface{ Stat() (os.FileInfo, error) }); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			buf.Grow(int(fi.Size()) + bytes.MinRead)
		}
	}
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}
