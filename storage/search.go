package storage

import (
	"context"
	"strings"
	"unicode"

	"rapport/model"
)

// Limits on what a search sends to FTS5. Longer input still searches: its
// first words, each cut to its first runes, which with prefix matching finds
// a superset of what the whole would.
const (
	maxSearchTokens    = 16
	maxSearchTokenRune = 64
)

// matchQuery turns what the user typed into an FTS5 query that cannot be a
// syntax error: the words (runs of letters, digits and their marks) each
// quoted as a string and matched as a prefix, all required. Quotes, operators
// (AND, OR, NOT, NEAR), column filters, parentheses and symbols become
// separators or plain words. It returns "" when no word is left, meaning no
// text filter.
func matchQuery(text string) string {
	var b strings.Builder
	n := 0
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	}) {
		if n == maxSearchTokens {
			break
		}
		if r := []rune(tok); len(r) > maxSearchTokenRune {
			tok = string(r[:maxSearchTokenRune])
		}
		if n > 0 {
			b.WriteString(" AND ")
		}
		// A word holds no quote; doubling them anyway keeps the string safe
		// whatever the separators above become.
		b.WriteString(`"` + strings.ReplaceAll(tok, `"`, `""`) + `"*`)
		n++
	}
	return b.String()
}

// searchTable is the full-text index of living members or of the trash.
func searchTable(trashed bool) string {
	if trashed {
		return "trashed_member_search"
	}
	return "member_search"
}

// indexMember adds m, as stored, to the search index of the living or of
// the trash, whichever it belongs to. Migration 0002 indexes members the
// same way.
func indexMember(ctx context.Context, tx *tx, m *model.Member) error {
	handles := make([]string, 0, len(m.Identities))
	for _, id := range m.Identities {
		if id.Handle != "" {
			handles = append(handles, id.Handle)
		} else {
			handles = append(handles, id.URL) // found by its address alone
		}
	}
	_, err := tx.exec(ctx, `
		INSERT INTO `+searchTable(m.InTrash())+` (
			rowid, name, emails, handles, tags, organisation, role, location,
			how_we_met, cares_about, notes, private_notes
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ID, m.Name, strings.Join(m.Emails, " "), strings.Join(handles, " "), strings.Join(m.Tags, " "),
		m.Organisation, m.Role, m.Location, m.HowWeMet, m.CaresAbout, m.Notes, m.PrivateNotes)
	return err
}

// unindexMember drops member id from both search indexes.
func unindexMember(ctx context.Context, tx *tx, id int64) error {
	for _, trashed := range []bool{false, true} {
		if _, err := tx.exec(ctx, `DELETE FROM `+searchTable(trashed)+` WHERE rowid = ?`, id); err != nil {
			return err
		}
	}
	return nil
}
