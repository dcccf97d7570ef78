package contactcsv

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"rapport/model"
)

const bom = "\ufeff"

// ReadHeader returns the header of a CSV file, as Decode reads it, for a
// mapping dialog to show before the file is imported.
func ReadHeader(r io.Reader) ([]string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	text, _ := decodeText(data)
	header, err := newReader(text).Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("the file is empty: a CSV file starts with a row of column names")
	}
	if err != nil {
		return nil, fmt.Errorf("the header cannot be read: %w", err)
	}
	return trimHeader(header), nil
}

// Decode reads the members in a CSV file, each row mapped to a member's
// fields by mapping; name names the file in problems. Good rows come back
// even when others are bad; the error is for reading r only, or for a
// mapping naming a field that does not exist.
func Decode(r io.Reader, name string, mapping Mapping) ([]model.Member, []Problem, error) {
	for h, f := range mapping {
		if !f.known() {
			return nil, nil, fmt.Errorf("contactcsv: column %q is mapped to %q, which is not a field", h, f)
		}
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	d := decoder{file: name}
	text, warning := decodeText(data)
	if warning != "" {
		d.problem(0, 0, warning)
	}
	cr := newReader(text)
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		d.problem(0, 0, "the file is empty: a CSV file starts with a row of column names")
		return nil, d.problems, nil
	}
	if err != nil {
		d.problem(1, 0, fmt.Sprintf("the header cannot be read (%v): nothing imported", parseReason(err)))
		return nil, d.problems, nil
	}
	header = trimHeader(header)
	d.cols = make([]column, len(header))
	for i, h := range header {
		f, ok := mapping.field(h)
		d.cols[i] = column{num: i + 1, header: h, field: f, mapped: ok}
	}
	unmapped := make([]int, len(header)) // rows with a value, per column left out
	var members []model.Member
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			d.problem(pe.StartLine, 0, fmt.Sprintf("%s; the row is left out", parseReason(err)))
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		if len(rec) > len(header) && !blank(rec[len(header):]) {
			d.problem(line, 0, fmt.Sprintf("the row has %d cells and the header %d: its cells no longer line up with the columns (a separator inside a value that is not quoted?); the row is left out", len(rec), len(header)))
			continue
		}
		if len(rec) < len(header) {
			d.problem(line, 0, fmt.Sprintf("the row has %d cells and the header %d: the missing ones are taken as empty", len(rec), len(header)))
		}
		for i := range min(len(rec), len(header)) {
			if !d.cols[i].mapped && strings.TrimSpace(rec[i]) != "" {
				unmapped[i]++
			}
		}
		if m, ok := d.row(line, rec); ok {
			members = append(members, m)
		}
	}
	for i, n := range unmapped {
		if n > 0 {
			c := d.cols[i]
			d.problems = append(d.problems, Problem{File: name, Line: 1, Column: c.num, Header: c.header,
				Reason: fmt.Sprintf("the column is not mapped to a field: its values (%d rows) are not imported", n)})
		}
	}
	sort.SliceStable(d.problems, func(i, j int) bool {
		a, b := d.problems[i], d.problems[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return members, d.problems, nil
}

// newReader reads text with the separator its first line uses.
func newReader(text string) *csv.Reader {
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = separator(text)
	cr.FieldsPerRecord = -1 // ragged rows are reported, not refused
	return cr
}

func trimHeader(header []string) []string {
	out := make([]string, len(header))
	for i, h := range header {
		out[i] = strings.TrimSpace(strings.TrimPrefix(h, bom))
	}
	return out
}

// parseReason words a CSV syntax error.
func parseReason(err error) string {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	reason := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		reason = `a " inside a value that does not start with one (quote the whole value and double the " inside)`
	case errors.Is(pe.Err, csv.ErrQuote):
		reason = `a quoted value is not closed, or a " inside it is not doubled`
	}
	if pe.Line != pe.StartLine {
		return fmt.Sprintf("%s (at line %d, character %d)", reason, pe.Line, pe.Column)
	}
	return fmt.Sprintf("%s (at character %d)", reason, pe.Column)
}

// separator is the comma, semicolon or tab the header is separated by: the
// one it holds most of outside quotes (a comma when none).
func separator(text string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range text {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if r == '\n' || r == '\r' {
			break
		}
		counts[r]++
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// decodeText turns the file's bytes into text: UTF-8 without its byte order
// mark, UTF-16 with one, else Windows-1252 (with a warning to report).
func decodeText(data []byte) (string, string) {
	switch {
	case bytes.HasPrefix(data, []byte(bom)):
		data = data[len(bom):]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		big := data[0] == 0xFE
		data = data[2:]
		u := make([]uint16, len(data)/2)
		for i := range u {
			if big {
				u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
			} else {
				u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
			}
		}
		return string(utf16.Decode(u)), ""
	}
	if utf8.Valid(data) {
		return string(data), ""
	}
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for _, c := range data {
		switch {
		case c < 0x80 || c >= 0xA0:
			b.WriteRune(rune(c)) // ASCII and Latin-1
		default:
			b.WriteRune(cp1252[c-0x80])
		}
	}
	return b.String(), "the file is not UTF-8: it was read as Windows-1252, as Excel writes CSV on Windows; check the accented letters"
}

// cp1252 is Windows-1252 from 0x80 to 0x9F, where it differs from Latin-1.
var cp1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// column is one column of the file and the field it maps to.
type column struct {
	num    int // 1-based
	header string
	field  Field
	mapped bool
}

type decoder struct {
	file     string
	cols     []column
	problems []Problem
}

func (d *decoder) problem(line, col int, reason string) {
	p := Problem{File: d.file, Line: line, Column: col, Reason: reason}
	if col > 0 && col <= len(d.cols) {
		p.Header = d.cols[col-1].header
	}
	d.problems = append(d.problems, p)
}

// row builds the member of one row, reporting what it cannot hold.
func (d *decoder) row(line int, rec []string) (model.Member, bool) {
	b := builder{d: d, line: line}
	for i := range min(len(rec), len(d.cols)) {
		c := d.cols[i]
		v := strings.TrimSpace(unguard(strings.TrimSpace(rec[i])))
		if v == "" || !c.mapped {
			continue
		}
		b.add(c, v)
	}
	return b.member()
}

// builder gathers one row's values into a member.
type builder struct {
	d    *decoder
	line int
	m    model.Member

	name, first, middle, last, nick []string
	nickCol                         column
	texts                           map[Field][]string
	kept                            []string // values no field could hold, for the notes
}

func (b *builder) add(c column, v string) {
	m := &b.m
	switch f := c.field; f {
	case Ignore:
	case Name:
		b.name = append(b.name, unwrap(v))
	case FirstName:
		b.first = append(b.first, unwrap(v))
	case MiddleName:
		b.middle = append(b.middle, unwrap(v))
	case LastName:
		b.last = append(b.last, unwrap(v))
	case Nickname:
		b.nick, b.nickCol = append(b.nick, unwrap(v)), c
	case Pronouns:
		addLine(&m.Pronouns, unwrap(v))
	case Organisation:
		addLine(&m.Organisation, unwrap(v))
	case Role:
		addLine(&m.Role, unwrap(v))
	case Location:
		addLine(&m.Location, unwrap(v))
	case TimeZone:
		addLine(&m.TimeZone, v)
	case Emails:
		for _, e := range split(v, ";,") {
			e = strings.TrimPrefix(e, "mailto:")
			if a, err := mail.ParseAddress(e); err == nil && model.CheckEmail(e) != nil {
				e = a.Address // "Amara Okafor <amara@example.org>"
			}
			if err := model.CheckEmail(e); err != nil {
				b.keep(c, e, err.Error())
				continue
			}
			m.Emails = append(m.Emails, e)
		}
	case Phones:
		for _, p := range split(v, ";") {
			if err := model.CheckPhone(p); err != nil {
				b.keep(c, p, err.Error())
				continue
			}
			m.Phones = append(m.Phones, p)
		}
	case Website:
		for _, u := range strings.Fields(strings.ReplaceAll(v, ":::", " ")) {
			if !strings.Contains(u, "://") && !strings.HasPrefix(u, "mailto:") {
				u = "https://" + u
			}
			if err := model.CheckURL(u); err != nil {
				b.keep(c, u, err.Error())
				continue
			}
			m.Identities = append(m.Identities, model.Identity{Platform: "Website", URL: u})
		}
	case Identities:
		for _, entry := range splitIdentities(v) {
			id, err := parseIdentity(entry)
			if err != nil {
				b.keep(c, entry, err.Error())
				continue
			}
			m.Identities = append(m.Identities, id)
		}
	case Tags:
		for _, t := range split(unwrap(v), ";,") {
			if t = googleLabel(t); t == "" {
				continue
			}
			if n := len([]rune(t)); n > maxTag {
				b.keep(c, t, fmt.Sprintf("%q is longer than a tag can be (%d characters)", t, maxTag))
				continue
			}
			m.Tags = append(m.Tags, t)
		}
	case Birthday:
		bd, ok := birthday(v)
		if !ok {
			b.keep(c, v, fmt.Sprintf("%q is not a date like 1990-04-15 or --04-15", v))
			break
		}
		if m.Birthday == "" {
			m.Birthday = bd
		} else if m.Birthday != bd {
			b.keep(c, v, "a second birthday")
		}
	case Cadence:
		n, err := strconv.Atoi(v)
		if err == nil {
			err = model.CheckCadence(n, false)
		} else {
			err = fmt.Errorf("%q is not a number of days", v)
		}
		if err != nil {
			b.keep(c, v, "keep in touch "+err.Error())
			break
		}
		if m.CadenceDays == 0 {
			m.CadenceDays = n
		}
	case UID:
		if m.UID == "" {
			m.UID = v
		}
	case HowWeMet, CaresAbout, Notes, PrivateNotes:
		if b.texts == nil {
			b.texts = map[Field][]string{}
		}
		if !namesField(c.header, f) {
			v = label(c.header) + ": " + v
		}
		b.texts[f] = append(b.texts[f], v)
	default:
		platform := f.Platform()
		for _, h := range split(v, ";") {
			m.Identities = append(m.Identities, model.Identity{Platform: platform, Handle: h})
		}
	}
}

// keep puts a value no field can hold in the notes, and says so.
func (b *builder) keep(c column, v, reason string) {
	b.d.problem(b.line, c.num, reason+"; kept in the notes")
	b.kept = append(b.kept, label(c.header)+": "+v)
}

// member finishes the row: its name, from the first of the name columns, the
// first, middle and last name, the nickname, a handle, an email or the
// organisation; its notes; then the checks every member passes.
func (b *builder) member() (model.Member, bool) {
	m := &b.m
	names := [][]string{b.name, append(append(slices.Clone(b.first), b.middle...), b.last...), b.nick}
	for _, parts := range names {
		if n := strings.Join(parts, " "); strings.TrimSpace(n) != "" {
			m.Name = n
			break
		}
	}
	if m.Name == "" {
		for _, id := range m.Identities {
			if id.Handle != "" {
				m.Name = id.Handle
				break
			}
		}
	}
	if m.Name == "" && len(m.Emails) > 0 {
		m.Name = m.Emails[0]
	}
	if m.Name == "" {
		m.Name = m.Organisation
	}
	if m.Name == "" {
		b.d.problem(b.line, 0, "no name (and no nickname, handle, email or organisation to name them by); the row is left out")
		return model.Member{}, false
	}
	if n := strings.Join(b.nick, " "); n != "" && n != m.Name {
		b.kept = append(b.kept, label(b.nickCol.header)+": "+n)
	}
	m.HowWeMet = strings.Join(b.texts[HowWeMet], "\n\n")
	m.CaresAbout = strings.Join(b.texts[CaresAbout], "\n\n")
	m.Notes = strings.Join(append(b.texts[Notes], b.kept...), "\n\n")
	m.PrivateNotes = strings.Join(b.texts[PrivateNotes], "\n\n")
	m.Normalize()
	if err := m.Validate(); err != nil {
		b.d.problem(b.line, 0, fmt.Sprintf("%v; the row is left out", err))
		return model.Member{}, false
	}
	return *m, true
}

const maxTag = 60 // model.Member.Validate's limit

// addLine adds a value to a one-line field, after a comma when several
// columns fill it.
func addLine(dst *string, v string) {
	switch {
	case *dst == "":
		*dst = v
	case !strings.Contains(*dst, v):
		*dst += ", " + v
	}
}

// split cuts a cell holding a list at seps and Google's " ::: ".
func split(v, seps string) []string {
	v = strings.ReplaceAll(v, ":::", seps[:1])
	var out []string
	for _, s := range strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// splitIdentities cuts "Platform:handle <url>; Platform:<url>" at the
// semicolons outside the angle brackets (an address may hold one).
func splitIdentities(v string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '<':
			depth++
		case '>':
			depth = max(depth-1, 0)
		case ';':
			if depth == 0 {
				out = append(out, v[start:i])
				start = i + 1
			}
		}
	}
	out = append(out, v[start:])
	var entries []string
	for _, e := range out {
		if e = strings.TrimSpace(e); e != "" {
			entries = append(entries, e)
		}
	}
	return entries
}

// parseIdentity reads "Platform:handle", "Platform:handle <url>" or
// "Platform:<url>"; a bare web address is a Website.
func parseIdentity(entry string) (model.Identity, error) {
	if strings.HasPrefix(entry, "http://") || strings.HasPrefix(entry, "https://") {
		return model.Identity{Platform: "Website", URL: entry}, model.CheckURL(entry)
	}
	platform, rest, ok := strings.Cut(entry, ":")
	platform, rest = strings.TrimSpace(platform), strings.TrimSpace(rest)
	if !ok || platform == "" || rest == "" {
		return model.Identity{}, fmt.Errorf("%q is not written Platform:handle", entry)
	}
	id := model.Identity{Platform: platform, Handle: rest}
	if strings.HasSuffix(rest, ">") {
		if i := strings.LastIndex(rest, "<"); i >= 0 {
			id.Handle, id.URL = strings.TrimSpace(rest[:i]), rest[i+1:len(rest)-1]
			if err := model.CheckURL(id.URL); err != nil {
				return model.Identity{}, err
			}
		}
	}
	return id, nil
}

// googleLabel takes the "* " off Google's system labels and leaves out
// "myContacts", which every contact carries.
func googleLabel(t string) string {
	if rest, ok := strings.CutPrefix(t, "* "); ok {
		if strings.EqualFold(rest, "myContacts") {
			return ""
		}
		return rest
	}
	return t
}

// birthday reads 1990-04-15, --04-15, 1990/04/15 and a date with a time.
func birthday(v string) (string, bool) {
	v = strings.ReplaceAll(v, "/", "-")
	if model.CheckBirthday(v) == nil {
		return v, true
	}
	if len(v) > 10 && (v[10] == 'T' || v[10] == ' ') && model.CheckBirthday(v[:10]) == nil {
		return v[:10], true
	}
	return "", false
}

// unwrap takes off the quotes a Discourse export puts around a value holding
// a comma, on top of the CSV quoting: "\"Okafor, Amara\"".
func unwrap(v string) string {
	if len(v) > 2 && v[0] == '"' && v[len(v)-1] == '"' && strings.Count(v, `"`) == 2 && strings.Contains(v, ",") {
		return strings.TrimSpace(v[1 : len(v)-1])
	}
	return v
}

// namesField reports whether a column's header is the text field's own name
// ("Notes" for notes), so that its text goes in without a label.
func namesField(header string, f Field) bool {
	h := strings.ToLower(strings.TrimSpace(header))
	return h == string(f) || f == Notes && (h == "note" || h == "comment" || h == "comments")
}

// label is a header as a label in the notes.
func label(header string) string {
	if h := strings.TrimSuffix(strings.TrimSpace(header), " (custom user field)"); h != "" {
		return h
	}
	return "Column"
}

// guarded reports whether a spreadsheet would take s for a formula, or s is
// an apostrophe before such a value (so that unguard gives back what guard
// was given).
func guarded(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '@':
		return true
	case '+', '-':
		if len(s) == 1 {
			return false
		}
		c := s[1]
		return !(c >= '0' && c <= '9' || c == ' ' || c == '(' || c == '.')
	case '\'':
		return guarded(s[1:])
	}
	return false
}

// guard writes s so that a spreadsheet shows it as text.
func guard(s string) string {
	if guarded(s) {
		return "'" + s
	}
	return s
}

// unguard takes off what guard added.
func unguard(s string) string {
	if len(s) > 1 && s[0] == '\'' && guarded(s[1:]) {
		return s[1:]
	}
	return s
}
