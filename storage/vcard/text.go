package vcard

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// escapeText escapes a TEXT value (RFC 6350 §3.4, RFC 2426 §4): backslash,
// newline, comma and semicolon. Other control characters (but tab), which a
// TEXT value cannot hold, are left out.
func escapeText(s string) string {
	if !strings.ContainsAny(s, "\\\r\n,;") && !hasControl(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case '\r':
			b.WriteString(`\n`)
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case '\n':
			b.WriteString(`\n`)
		case ',':
			b.WriteString(`\,`)
		case ';':
			b.WriteString(`\;`)
		case '\t':
			b.WriteByte(c)
		default:
			if c >= ' ' && c != 0x7f {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' || c == 0x7f {
			return true
		}
	}
	return false
}

// unescapeText reverses escapeText and the escapes other clients write (\N, and
// Gmail's \: and \"). An unknown escape keeps its backslash. Control
// characters (but tab), which a TEXT value cannot hold, are left out.
func unescapeText(s string) string {
	if hasControl(s) {
		s = strings.Map(func(r rune) rune {
			if r < ' ' && r != '\t' || r == 0x7f {
				return -1
			}
			return r
		}, s)
	}
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch d := s[i]; d {
		case 'n', 'N':
			b.WriteByte('\n')
		case '\\', ',', ';', ':', '"':
			b.WriteByte(d)
		default:
			b.WriteByte('\\')
			b.WriteByte(d)
		}
	}
	return b.String()
}

// splitEscaped splits an escaped value on sep where sep is not escaped; the
// parts stay escaped.
func splitEscaped(s string, sep byte) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// components splits a structured value (N, ADR, ORG) into unescaped parts.
func components(s string) []string {
	parts := splitEscaped(s, ';')
	for i, p := range parts {
		parts[i] = unescapeText(p)
	}
	return parts
}

// listValues splits a list value (CATEGORIES, NICKNAME) into unescaped items.
func listValues(s string) []string {
	parts := splitEscaped(s, ',')
	for i, p := range parts {
		parts[i] = unescapeText(p)
	}
	return parts
}

// unescapeURI reads a URI value. URIs are not escaped in vCard, but some
// clients escape them as text anyway (Gmail writes http\://); a backslash is
// never part of a URI, so dropping it before : , ; \ is safe.
func unescapeURI(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(`:,;\`, s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// cleanURI keeps a URI on one line.
func cleanURI(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// paramValue writes one parameter value: quoted when it holds ':' ';' or ',',
// with RFC 6868 escapes in 4.0 (3.0 has none: a double quote becomes a single
// quote and a newline a space).
func paramValue(v string, version Version) string {
	if version == V4 {
		if strings.ContainsAny(v, "^\"\r\n") {
			v = strings.NewReplacer("^", "^^", "\"", "^'", "\r\n", "^n", "\n", "^n", "\r", "^n").Replace(v)
		}
	} else if strings.ContainsAny(v, "\"\r\n") {
		v = strings.NewReplacer("\"", "'", "\r\n", " ", "\n", " ", "\r", " ").Replace(v)
	}
	if hasControl(v) {
		v = cleanURI(v)
	}
	if strings.ContainsAny(v, ":;,") {
		return `"` + v + `"`
	}
	return v
}

// decodeCaret reverses RFC 6868 (^^ ^n ^').
func decodeCaret(v string) string {
	if !strings.Contains(v, "^") {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '^' && i+1 < len(v) {
			switch v[i+1] {
			case '^':
				b.WriteByte('^')
				i++
				continue
			case 'n', 'N':
				b.WriteByte('\n')
				i++
				continue
			case '\'':
				b.WriteByte('"')
				i++
				continue
			}
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// snippet quotes the start of s for a message.
func snippet(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		s = string(r[:40]) + "…"
	}
	return `"` + strings.Map(func(r rune) rune {
		if r < ' ' {
			return ' '
		}
		return r
	}, s) + `"`
}

func sprintf(format string, args ...any) string {
	return strings.ToValidUTF8(fmt.Sprintf(format, args...), "\uFFFD")
}
