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
// syntax error: the words (searchWords) each quoted as a string and matched
// as a prefix, all required. It returns "" when no word is left, meaning no
// text filter.
func matchQuery(text string) string {
	words := searchWords(text)
	for i, w := range words {
		words[i] = quoteWord(w)
	}
	return strings.Join(words, " AND ")
}

// searchWords are the words of what the user typed: runs of letters, digits
// and their marks, the first maxSearchTokens of them, each cut to its first
// maxSearchTokenRune runes. Quotes, operators (AND, OR, NOT, NEAR), column
// filters, parentheses and symbols become separators or plain words.
func searchWords(text string) []string {
	var words []string
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	}) {
		if len(words) == maxSearchTokens {
			break
		}
		if r := []rune(tok); len(r) > maxSearchTokenRune {
			tok = string(r[:maxSearchTokenRune])
		}
		words = append(words, tok)
	}
	return words
}

// quoteWord makes a word an FTS5 string matched as a prefix. A word holds no
// quote; doubling them anyway keeps the string safe whatever the separators
// of searchWords become.
func quoteWord(w string) string { return `"` + strings.ReplaceAll(w, `"`, `""`) + `"*` }

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
	return indexMembers(ctx, tx, []*model.Member{m})
}

// indexMembers adds members, as stored, to the search indexes as indexMember
// does, many rows per statement: FTS5 writes out what it holds in memory at
// every statement, so one statement per member costs many small segments and
// their merging.
func indexMembers(ctx context.Context, tx *tx, ms []*model.Member) error {
	const cols = 12
	const chunk = 1000 // rows per statement: 12,000 parameters, under SQLite's limit of 32,766
	for _, trashed := range []bool{false, true} {
		var rows []*model.Member
		for _, m := range ms {
			if m.InTrash() == trashed {
				rows = append(rows, m)
			}
		}
		for len(rows) > 0 {
			part := rows[:min(chunk, len(rows))]
			rows = rows[len(part):]
			args := make([]any, 0, cols*len(part))
			for _, m := range part {
				handles := make([]string, 0, len(m.Identities))
				for _, id := range m.Identities {
					if id.Handle != "" {
						handles = append(handles, id.Handle)
					} else {
						handles = append(handles, id.URL) // found by its address alone
					}
				}
				args = append(args, m.ID, m.Name, strings.Join(m.Emails, " "), strings.Join(handles, " "), strings.Join(m.Tags, " "),
					m.Organisation, m.Role, m.Location, m.HowWeMet, m.CaresAbout, m.Notes, m.PrivateNotes)
			}
			values := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), ", len(part)), ", ")
			if _, err := tx.exec(ctx, `
				INSERT INTO `+searchTable(trashed)+` (
					rowid, name, emails, handles, tags, organisation, role, location,
					how_we_met, cares_about, notes, private_notes
				) VALUES `+values, args...); err != nil {
				return err
			}
		}
	}
	return nil
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
