// Package markdown escapes text for the Markdown documents Rapport writes
// (feedback reports, handoffs), so that what members and managers typed reads
// as text, never as formatting.
package markdown

import (
	"strings"
	"unicode"
)

// special are the characters Markdown reads as formatting within a line;
// & because it would begin an entity.
const special = "\\`*_[]<>&"

// Inline escapes what Markdown would read as formatting in a line of text,
// its words one space apart.
func Inline(s string) string {
	if !spaced(s) {
		s = strings.Join(strings.Fields(s), " ")
	}
	if !strings.ContainsAny(s, special) {
		return escapeLineStart(s)
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		if strings.ContainsRune(special, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return escapeLineStart(b.String())
}

// spaced reports whether s has its words one space apart already, as
// joining its strings.Fields would leave them: most lines are.
func spaced(s string) bool {
	space := true // before the first word, a space would be one too many
	for _, r := range s {
		if unicode.IsSpace(r) {
			if r != ' ' || space {
				return false
			}
			space = true
			continue
		}
		space = false
	}
	return !space || s == ""
}

// Block writes a text of several lines, each escaped and prefixed (a block
// quote's "> "): a line followed by another ends in a hard break (two
// spaces), so that the text keeps its lines; blank lines stay paragraph
// breaks.
func Block(s, prefix string) string {
	lines := strings.Split(strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n"), "\n")
	for i := range lines {
		lines[i] = Inline(lines[i])
	}
	for i, l := range lines {
		switch {
		case l == "":
			lines[i] = strings.TrimRight(prefix, " ")
		case i+1 < len(lines) && lines[i+1] != "":
			lines[i] = prefix + l + "  "
		default:
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// escapeLineStart keeps a line that begins like a heading, a list item or
// a block quote a line of text.
func escapeLineStart(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '>', '-', '+', '=':
		return `\` + s
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ') {
		return s[:i] + `\` + s[i:]
	}
	return s
}
