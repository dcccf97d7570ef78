package storage

import (
	"fmt"
	"strings"

	"rapport/model"
)

// pageQuery is the query behind Members. The inner query picks the page's
// ids by walking an index in list order (the name index of the living or of
// the trash, or the tag index), so it stops once the page is full; the outer
// one reads those members. INDEXED BY holds each plan, and fails loudly
// should the index go.
func pageQuery(f model.MemberFilter) (string, []any) {
	limit, offset := f.Limit, max(f.Offset, 0)
	if limit <= 0 {
		limit = model.DefaultPageSize
	}
	tag, match := cleanTag(f.Tag), matchQuery(f.Text)
	var ids string
	var args []any
	if tag == "" {
		ids = fmt.Sprintf(`
			SELECT m.id AS id FROM members AS m INDEXED BY %s
			WHERE %s %s
			ORDER BY m.name COLLATE NOCASE, m.id LIMIT ? OFFSET ?`,
			nameIndex(f.Trashed), trashedCond(f.Trashed), matchCond("m.id", f.Trashed, match))
	} else {
		ids = fmt.Sprintf(`
			SELECT t.member_id AS id FROM member_tags AS t INDEXED BY member_tags_page
			WHERE t.tag = ? AND t.member_trashed = %d %s
			ORDER BY t.member_name, t.member_id LIMIT ? OFFSET ?`,
			b2i(f.Trashed), matchCond("t.member_id", f.Trashed, match))
		args = append(args, tag)
	}
	if match != "" {
		args = append(args, match)
	}
	return `SELECT ` + memberColumns + ` FROM (` + ids + `) AS page
		CROSS JOIN members AS m ON m.id = page.id
		ORDER BY m.name COLLATE NOCASE, m.id`, append(args, limit, offset)
}

// countQuery is the query behind CountMembers; but for a search within a
// tag, each form counts within one index.
func countQuery(f model.MemberFilter) (string, []any) {
	tag, match := cleanTag(f.Tag), matchQuery(f.Text)
	switch {
	case tag == "" && match == "":
		return fmt.Sprintf(`SELECT count(*) FROM members AS m INDEXED BY %s WHERE %s`,
			nameIndex(f.Trashed), trashedCond(f.Trashed)), nil
	case tag == "":
		return fmt.Sprintf(`SELECT count(*) FROM %[1]s WHERE %[1]s MATCH ?`, searchTable(f.Trashed)), []any{match}
	case match == "":
		return fmt.Sprintf(`SELECT count(*) FROM member_tags AS t INDEXED BY member_tags_page
			WHERE t.tag = ? AND t.member_trashed = %d`, b2i(f.Trashed)), []any{tag}
	}
	return fmt.Sprintf(`SELECT count(*) FROM member_tags AS t INDEXED BY member_tags_page
		WHERE t.tag = ? AND t.member_trashed = %d %s`,
		b2i(f.Trashed), matchCond("t.member_id", f.Trashed, match)), []any{tag, match}
}

// matchCond narrows a walk to the members matching a search (match from
// matchQuery; "" for none). The unary + on the id keeps SQLite from starting
// at the matches instead, which would sort them all to show the first few.
func matchCond(id string, trashed bool, match string) string {
	if match == "" {
		return ""
	}
	return fmt.Sprintf(`AND +%[1]s IN (SELECT rowid FROM %[2]s WHERE %[2]s MATCH ?)`, id, searchTable(trashed))
}

// cleanTag spaces a tag as model.Member.Normalize does; member_tags.tag
// compares without case (COLLATE NOCASE).
func cleanTag(tag string) string { return strings.Join(strings.Fields(tag), " ") }

// nameIndex is the partial index that lists the living members, or the
// trash, by name (migration 0001).
func nameIndex(trashed bool) string {
	if trashed {
		return "members_trashed_name"
	}
	return "members_living_name"
}

// trashedCond selects the living members or the trash (members AS m) in the
// words of the name indexes' WHERE, so that SQLite can use them.
func trashedCond(trashed bool) string {
	if trashed {
		return "m.trashed_at IS NOT NULL"
	}
	return "m.trashed_at IS NULL"
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
