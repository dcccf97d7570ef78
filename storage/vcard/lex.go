package vcard

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// This file turns the bytes of a file into cards of clean content lines,
// repairing on the way what real clients write and go-vcard cannot read.

// rawLine is a logical (unfolded) line and the physical line it started on.
type rawLine struct {
	line int
	b    []byte
}

// rawCard is the lines between a BEGIN:VCARD and its END:VCARD.
type rawCard struct {
	num   int // 1-based, in the order of the BEGIN lines
	line  int // line of BEGIN:VCARD
	lines []rawLine
}

// param is one parameter of a property: its name in upper case and its values
// as meant (quotes removed, RFC 6868 decoded in 4.0).
type param struct {
	name   string
	values []string
}

// prop is one property of a card after repair.
type prop struct {
	line   int
	group  string
	name   string // upper case
	params []param
	value  string // the value as written (still escaped), valid UTF-8
	text   string // the content line to keep: as written, or rebuilt when repaired
}

// param returns the first value of the named parameter.
func (p *prop) param(name string) string {
	for _, q := range p.params {
		if q.name == name && len(q.values) > 0 {
			return q.values[0]
		}
	}
	return ""
}

// types returns the TYPE values in lower case.
func (p *prop) types() []string {
	var ts []string
	for _, q := range p.params {
		if q.name == "TYPE" {
			for _, v := range q.values {
				ts = append(ts, strings.ToLower(v))
			}
		}
	}
	return ts
}

// lexer splits a file into cards and reports what it has to leave out.
type lexer struct {
	file     string
	cards    []*rawCard
	open     []*rawCard // nested cards: the innermost last
	problems []Problem

	garbageLine  int // first line of a run of text outside any card
	garbageCount int
	garbageText  string
}

func (lx *lexer) problem(line, card int, format string, args ...any) {
	lx.problems = append(lx.problems, Problem{File: lx.file, Line: line, Card: card, Reason: sprintf(format, args...)})
}

// lex reads the whole file.
func lex(file string, data []byte) ([]*rawCard, []Problem) {
	lx := &lexer{file: file}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))

	// Physical lines: LF, CRLF and CR CR LF all end a line; a file with no LF
	// at all (old Mac) is split on CR.
	sep := byte('\n')
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		sep = '\r'
	}

	var cur []byte // the logical line being assembled
	curLine := 0
	curOwned := false // cur is our own buffer (safe to append to)
	var hdr header    // cur's header, once complete
	hdrDone := false

	// Unfolded lines are assembled one after the other in shared blocks of
	// memory: cur, when owned, is the tail of the block, and grows into its
	// free room.
	var block []byte
	curStart := 0 // where cur begins in the block
	appendCur := func(p []byte) {
		if !curOwned {
			need := len(cur) + len(p)
			if cap(block)-len(block) < need {
				block = make([]byte, 0, max(64<<10, 2*need))
			}
			curStart = len(block)
			block = append(block, cur...)
			cur = block[curStart:]
			curOwned = true
		}
		cur = append(cur, p...)
	}
	// The header is scanned once it is complete; hdrSeen keeps a line that
	// has no ':' yet from being rescanned from its start at every fold.
	hdrSeen := 0
	curHeader := func() header {
		if !hdrDone {
			if bytes.IndexByte(cur[hdrSeen:], ':') < 0 {
				hdrSeen = len(cur)
				return header{}
			}
			if h, ok := scanHeader(cur); ok {
				hdr, hdrDone = h, true
			} else {
				hdrSeen = len(cur)
				return header{}
			}
		}
		return hdr
	}
	flush := func() {
		if curOwned {
			if cap(cur) > 0 && curStart < cap(block) && &cur[:1][0] == &block[:cap(block)][curStart] {
				block = block[:curStart+len(cur)] // still in the block: keep its bytes
			}
			cur = cur[:len(cur):len(cur)] // what follows is the next line's
		}
		if cur != nil {
			lx.logical(rawLine{curLine, cur})
		}
		cur, curOwned, hdrDone, hdrSeen = nil, false, false, 0
	}

	n := 0
	for len(data) > 0 {
		n++
		var p []byte
		if i := bytes.IndexByte(data, sep); i >= 0 {
			p, data = data[:i], data[i+1:]
		} else {
			p, data = data, nil
		}
		p = bytes.TrimRight(p, "\r")

		if cur != nil {
			h := curHeader()
			switch {
			// A quoted-printable soft line break: the next line continues the
			// value whatever it starts with (even '#' or a space).
			case h.qp && bytes.HasSuffix(cur, []byte("=")) && !isCardBoundary(p):
				cur = cur[:len(cur)-1]
				appendCur(p)
				continue
			// A base64 block (2.1): indented or not, until a blank line.
			case h.b64 && len(p) > 0 && (p[0] == ' ' || p[0] == '\t' || isBase64Line(p)):
				appendCur(bytes.TrimSpace(p))
				continue
			// Folding: drop the line break and the one space or tab after it,
			// byte by byte, so a character split by the fold is whole again.
			case len(p) > 0 && (p[0] == ' ' || p[0] == '\t'):
				appendCur(p[1:])
				continue
			// A value continued after a backslash at the end of the line, the
			// way some 2.1 writers break an address.
			case len(p) > 0 && endsWithEscape(cur) && !isPropertyStart(p):
				cur = cur[:len(cur)-1]
				appendCur([]byte(`\n`))
				appendCur(p)
				continue
			}
		}
		flush()
		if len(bytes.TrimSpace(p)) == 0 {
			continue
		}
		if p[0] == '#' { // a comment some writers put in; no client means it as data
			continue
		}
		cur, curLine = p, n
	}
	flush()
	lx.endGarbage()
	for i := len(lx.open) - 1; i >= 0; i-- {
		c := lx.open[i]
		lx.problem(c.line, c.num, "no END:VCARD: the file ends inside this card; what it held is imported")
	}
	if len(lx.cards) == 0 {
		lx.problem(0, 0, "no vCard in this file (no BEGIN:VCARD)")
	}
	return lx.cards, lx.problems
}

// logical handles one unfolded line: framing cards, and text outside them.
func (lx *lexer) logical(l rawLine) {
	if !isPropertyStart(l.b) {
		lx.garbage(l)
		return
	}
	if name, value, ok := boundary(l.b); ok {
		lx.endGarbage()
		isCard := strings.EqualFold(value, "VCARD")
		switch {
		case name == "BEGIN" && isCard:
			c := &rawCard{num: len(lx.cards) + 1, line: l.line}
			if n := len(lx.cards); n > 0 { // cards of a file are alike: room for as many lines as the last
				c.lines = make([]rawLine, 0, len(lx.cards[n-1].lines)+2)
			}
			lx.cards = append(lx.cards, c)
			lx.open = append(lx.open, c)
		case name == "END" && isCard && len(lx.open) > 0:
			lx.open = lx.open[:len(lx.open)-1]
		case name == "END" && isCard:
			lx.problem(l.line, 0, "END:VCARD without a BEGIN:VCARD before it")
		case len(lx.open) > 0:
			c := lx.open[len(lx.open)-1]
			lx.problem(l.line, c.num, "%s inside a card, left out", snippet(name+":"+value))
		default:
			lx.garbage(l)
		}
		return
	}
	if len(lx.open) == 0 {
		lx.garbage(l)
		return
	}
	lx.endGarbage()
	c := lx.open[len(lx.open)-1]
	c.lines = append(c.lines, l)
}

// garbage counts a line that is not a property, so that a run of them is one
// problem: inside a card, or outside any.
func (lx *lexer) garbage(l rawLine) {
	if lx.garbageCount == 0 {
		lx.garbageLine = l.line
		lx.garbageText = string(l.b)
	}
	lx.garbageCount++
}

func (lx *lexer) endGarbage() {
	if lx.garbageCount == 0 {
		return
	}
	what := "a line"
	if lx.garbageCount > 1 {
		what = fmt.Sprintf("%d lines", lx.garbageCount)
	}
	if len(lx.open) > 0 {
		c := lx.open[len(lx.open)-1]
		lx.problem(lx.garbageLine, c.num, "not a property, left out (%s): %s", what, snippet(lx.garbageText))
	} else {
		lx.problem(lx.garbageLine, 0, "text outside any card, left out (%s): %s", what, snippet(lx.garbageText))
	}
	lx.garbageCount = 0
}

// isCardBoundary reports whether a physical line is BEGIN:VCARD or END:VCARD,
// which never continue a value.
func isCardBoundary(p []byte) bool {
	name, value, ok := boundary(p)
	return ok && (name == "BEGIN" || name == "END") && strings.EqualFold(value, "VCARD")
}

// boundary reads BEGIN:x and END:x lines.
func boundary(b []byte) (name, value string, ok bool) {
	i := bytes.IndexByte(b, ':')
	if i < 3 || i > 5 {
		return "", "", false
	}
	name = strings.ToUpper(string(bytes.TrimSpace(b[:i])))
	if name != "BEGIN" && name != "END" {
		return "", "", false
	}
	return name, strings.TrimSpace(string(b[i+1:])), true
}

// isPropertyStart reports whether a line starts like a content line: an
// optional group, a name, then ';' or ':'.
func isPropertyStart(p []byte) bool {
	i := 0
	for pass := 0; pass < 2; pass++ {
		start := i
		for i < len(p) && isNameByte(p[i]) {
			i++
		}
		if i == start || i == len(p) {
			return false
		}
		switch p[i] {
		case ';', ':':
			return true
		case '.':
			if pass == 0 {
				i++
				continue
			}
		}
		return false
	}
	return false
}

func isNameByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

func isBase64Line(p []byte) bool {
	for _, c := range p {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=' || c == ' ' || c == '\t') {
			return false
		}
	}
	return true
}

// endsWithEscape reports whether b ends with an odd number of backslashes.
func endsWithEscape(b []byte) bool {
	n := 0
	for i := len(b) - 1; i >= 0 && b[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// header is what the lexer needs to know of a line before its value ends.
type header struct {
	qp, b64 bool
}

// scanHeader reads the parameters of a line far enough to know how its value
// continues; ok is false while the line has no ':' yet.
func scanHeader(b []byte) (header, bool) {
	end := headerEnd(b)
	if end < 0 {
		return header{}, false
	}
	var h header
	s := b[:end]
	i := bytes.IndexByte(s, ';')
	if i < 0 {
		return h, true
	}
	for _, tok := range bytes.Split(s[i+1:], []byte(";")) {
		v := tok
		if j := bytes.IndexByte(tok, '='); j >= 0 {
			if !bytes.EqualFold(bytes.TrimSpace(tok[:j]), []byte("ENCODING")) {
				continue
			}
			v = tok[j+1:]
		}
		v = bytes.Trim(bytes.TrimSpace(v), `"`)
		switch strings.ToUpper(string(v)) {
		case "QUOTED-PRINTABLE":
			h.qp = true
		case "BASE64", "B":
			h.b64 = true
		}
	}
	return h, true
}

// headerEnd returns the index of the ':' that ends the name and parameters, not
// counting colons inside double quotes; -1 when there is none yet.
func headerEnd(b []byte) int {
	quoted := false
	for i, c := range b {
		switch c {
		case '"':
			quoted = !quoted
		case ':':
			if !quoted {
				return i
			}
		}
	}
	if quoted { // an unclosed quote: fall back on the first colon
		return bytes.IndexByte(b, ':')
	}
	return -1
}

// parseProp repairs and reads one logical line of a card of the given version.
// problems are added through report.
func parseProp(l rawLine, version string, report func(line int, format string, args ...any)) (prop, bool) {
	b := l.b
	p := prop{line: l.line}
	end := headerEnd(b)
	if end < 0 {
		return p, false
	}
	// One copy of the line: the group, name, parameters and value (unless
	// repaired) are parts of it.
	line := string(b)
	head, rawValue := line[:end], b[end+1:]
	repaired := false

	// group and name
	nameEnd := strings.IndexByte(head, ';')
	if nameEnd < 0 {
		nameEnd = len(head)
	}
	name := head[:nameEnd]
	if i := strings.IndexByte(name, '.'); i >= 0 {
		p.group, name = name[:i], name[i+1:]
	}
	p.name = strings.ToUpper(strings.TrimSpace(name))
	if p.name == "" {
		return p, false
	}

	// parameters
	v4 := strings.HasPrefix(version, "4")
	if nameEnd < len(head) {
		var bare bool
		p.params, bare = parseParams(head[nameEnd+1:], v4)
		repaired = repaired || bare
	}
	if !utf8.ValidString(head) {
		repaired = true
		report(l.line, "parameters are not valid UTF-8; unreadable bytes replaced by U+FFFD")
		for i := range p.params {
			for j, v := range p.params[i].values {
				p.params[i].values[j] = strings.ToValidUTF8(v, "\uFFFD")
			}
		}
		p.group = strings.ToValidUTF8(p.group, "\uFFFD")
		p.name = strings.ToValidUTF8(p.name, "\uFFFD")
	}

	// value: quoted-printable, then the charset, into valid UTF-8
	encoding := strings.ToUpper(p.param("ENCODING"))
	charset := p.param("CHARSET")
	value := rawValue
	qp := encoding == "QUOTED-PRINTABLE"
	if qp {
		value = decodeQP(value)
		p.params = dropParam(p.params, "ENCODING")
		repaired = true
	}
	var s string
	if charset != "" {
		var lost int
		var known bool
		s, lost, known = decodeCharset(value, charset)
		switch {
		case !known && lost > 0:
			report(l.line, "CHARSET=%s cannot be read; unreadable characters replaced by U+FFFD (%d)", charset, lost)
		case lost > 0:
			report(l.line, "text is not valid %s; unreadable characters replaced by U+FFFD (%d)", charset, lost)
		}
		p.params = dropParam(p.params, "CHARSET")
		repaired = true
	} else if utf8.Valid(value) {
		if repaired {
			s = string(value)
		} // else the value is read from the line's text below
	} else {
		s = strings.ToValidUTF8(string(value), "\uFFFD")
		report(l.line, "text is not valid UTF-8 and names no CHARSET; unreadable bytes replaced by U+FFFD")
		repaired = true
	}
	if qp {
		// The decoded text is raw: write its line breaks the vCard way.
		s = strings.NewReplacer("\r\n", `\n`, "\r", `\n`, "\n", `\n`).Replace(s)
		s = strings.Map(func(r rune) rune {
			if r < ' ' && r != '\t' {
				return -1
			}
			return r
		}, s)
	}
	if repaired {
		p.value = s
		p.text = buildLine(p.group, p.name, p.params, p.value)
	} else {
		p.text = line
		p.value = line[end+1:]
	}
	return p, true
}

// parseParams reads ";"-separated parameters (after the name). Bare 2.1
// parameters (WORK, QUOTED-PRINTABLE) get their name; bare reports whether any
// did, since the line must then be rebuilt.
func parseParams(s string, v4 bool) (params []param, bare bool) {
	i := 0
	for i <= len(s) {
		// name
		j := i
		for j < len(s) && s[j] != '=' && s[j] != ';' {
			j++
		}
		name := strings.ToUpper(strings.TrimSpace(s[i:j]))
		if j == len(s) || s[j] == ';' {
			if name != "" {
				params = appendParam(params, bareParamName(name), name)
				bare = true
			}
			i = j + 1
			continue
		}
		// values
		j++ // past '='
		var values []string
		for {
			var v string
			if j < len(s) && s[j] == '"' {
				k := strings.IndexByte(s[j+1:], '"')
				if k < 0 { // unclosed: up to the next ';'
					k = strings.IndexByte(s[j+1:], ';')
					if k < 0 {
						k = len(s) - j - 1
					}
					v = s[j+1 : j+1+k]
					j += 1 + k
				} else {
					v = s[j+1 : j+1+k]
					j += 2 + k
				}
				if name == "TYPE" {
					values = append(values, splitTrim(caret(v, v4))...)
				} else {
					values = append(values, caret(v, v4))
				}
				// junk between a closing quote and the next separator
				for j < len(s) && s[j] != ',' && s[j] != ';' {
					j++
				}
			} else {
				k := j
				for k < len(s) && s[k] != ',' && s[k] != ';' {
					k++
				}
				v = caret(s[j:k], v4)
				values = append(values, v)
				j = k
			}
			if j < len(s) && s[j] == ',' {
				j++
				continue
			}
			break
		}
		if name != "" {
			params = append(params, param{name: name, values: values})
		}
		i = j + 1
	}
	return params, bare
}

func caret(v string, v4 bool) string {
	if v4 {
		return decodeCaret(v)
	}
	return v
}

func splitTrim(v string) []string {
	parts := strings.Split(v, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// bareParamName names a 2.1 parameter written without its name.
func bareParamName(v string) string {
	switch v {
	case "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT":
		return "ENCODING"
	case "INLINE", "URL", "URI", "CONTENT-ID", "CID":
		return "VALUE"
	}
	return "TYPE"
}

func appendParam(params []param, name, value string) []param {
	for i := range params {
		if params[i].name == name {
			params[i].values = append(params[i].values, value)
			return params
		}
	}
	return append(params, param{name: name, values: []string{value}})
}

func dropParam(params []param, name string) []param {
	out := params[:0]
	for _, p := range params {
		if p.name != name {
			out = append(out, p)
		}
	}
	return out
}

// buildLine writes a content line (unfolded) from its parts.
func buildLine(group, name string, params []param, value string) string {
	var b strings.Builder
	if group != "" {
		b.WriteString(group)
		b.WriteByte('.')
	}
	b.WriteString(name)
	for _, p := range params {
		b.WriteByte(';')
		b.WriteString(p.name)
		b.WriteByte('=')
		for i, v := range p.values {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(paramValue(v, V4))
		}
	}
	b.WriteByte(':')
	b.WriteString(value)
	return b.String()
}

// decodeQP decodes quoted-printable leniently: "=XX" is a byte, any other "="
// stays as it is (soft line breaks are already joined).
func decodeQP(b []byte) []byte {
	if bytes.IndexByte(b, '=') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '=' && i+2 < len(b) {
			if h, ok := unhex(b[i+1]); ok {
				if l, ok := unhex(b[i+2]); ok {
					out = append(out, h<<4|l)
					i += 2
					continue
				}
			}
		}
		out = append(out, b[i])
	}
	return out
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// cp1252 maps the bytes 0x80–0x9F of Windows-1252 (0 where undefined).
var cp1252 = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

// decodeCharset turns bytes in a named charset into UTF-8. It knows UTF-8,
// US-ASCII, ISO-8859-1 and Windows-1252; for any other charset it keeps ASCII
// and replaces each other character by U+FFFD (Shift_JIS's two-byte characters
// count as one). lost counts the replaced characters.
func decodeCharset(b []byte, charset string) (s string, lost int, known bool) {
	cs := strings.ToUpper(strings.TrimSpace(charset))
	cs = strings.NewReplacer("_", "-", " ", "").Replace(cs)
	switch cs {
	case "UTF-8", "UTF8", "US-ASCII", "ASCII", "ANSI-X3.4-1968":
		if utf8.Valid(b) {
			return string(b), 0, true
		}
		return replaceInvalid(b), countInvalid(b), true
	case "ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1", "L1", "WINDOWS-1252", "CP1252":
		var sb strings.Builder
		sb.Grow(len(b) + len(b)/4)
		for _, c := range b {
			r := rune(c)
			if c >= 0x80 && c < 0xA0 {
				if cs == "WINDOWS-1252" || cs == "CP1252" {
					r = cp1252[c-0x80]
				}
				if r == 0 || r < 0xA0 {
					r = utf8.RuneError
					lost++
				}
			}
			sb.WriteRune(r)
		}
		return sb.String(), lost, true
	}
	if utf8.Valid(b) && !hasHighBytes(b) {
		return string(b), 0, false
	}
	sjis := cs == "SHIFT-JIS" || cs == "SJIS" || cs == "MS-KANJI" || cs == "CP932" || cs == "WINDOWS-31J"
	var sb strings.Builder
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case sjis && c >= 0xA1 && c <= 0xDF: // half-width katakana
			sb.WriteRune(0xFF61 + rune(c-0xA1))
		default:
			if sjis && (c >= 0x81 && c <= 0x9F || c >= 0xE0 && c <= 0xFC) && i+1 < len(b) {
				i++ // the trail byte belongs to this character
			}
			sb.WriteRune(utf8.RuneError)
			lost++
		}
	}
	return sb.String(), lost, false
}

func hasHighBytes(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

func replaceInvalid(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		sb.WriteRune(r) // RuneError for an invalid byte
		b = b[size:]
	}
	return sb.String()
}

func countInvalid(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			n++
		}
		b = b[size:]
	}
	return n
}
