package storage

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"rapport/model"
)

// MembersForExport returns the living members f selects, in full (photo and
// card lines included), sorted by name without case and then by id, for a
// vCard or CSV export. A filter naming no member is invalid; IDs that are
// not living members of the record are ErrNotFound, named, unless a tag
// narrows them too.
func (s *Store) MembersForExport(ctx context.Context, f model.ExportFilter) ([]model.Member, error) {
	tag := cleanTag(f.Tag)
	if !f.All && tag == "" && len(f.IDs) == 0 {
		return nil, fmt.Errorf("export: %w: choose all members, a tag or members", model.ErrInvalid)
	}
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	defer tx.Rollback()
	var query string
	var args []any
	switch {
	case f.All:
		query = `SELECT ` + memberColumns + ` FROM members AS m INDEXED BY members_living_name
			WHERE m.trashed_at IS NULL
			ORDER BY m.name COLLATE NOCASE, m.id`
	case len(f.IDs) == 0:
		// The tag's page, whole: member_tags_page lists it in name order.
		query = `SELECT ` + memberColumns + ` FROM member_tags AS t INDEXED BY member_tags_page
			CROSS JOIN members AS m ON m.id = t.member_id
			WHERE t.tag = ? AND t.member_trashed = 0
			ORDER BY t.member_name, t.member_id`
		args = []any{tag}
	default:
		query = `SELECT ` + memberColumns + ` FROM members AS m
			WHERE m.id IN (SELECT value FROM json_each(?)) AND m.trashed_at IS NULL`
		args = []any{idList(f.IDs)}
		if tag != "" {
			query += ` AND m.id IN (SELECT member_id FROM member_tags WHERE tag = ?)`
			args = append(args, tag)
		}
		query += ` ORDER BY m.name COLLATE NOCASE, m.id`
	}
	ms, err := queryMembers(ctx, tx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if !f.All && tag == "" {
		if missing := missingIDs(f.IDs, ms); len(missing) > 0 {
			return nil, fmt.Errorf("export: %w: %s not in the record, or in the trash", model.ErrNotFound, countedIDs(missing))
		}
	}
	return ms, nil
}

// queryMembers reads the members a query selects (memberColumns), with their
// lists: one query per list, whatever their number.
func queryMembers(ctx context.Context, tx *tx, query string, args ...any) ([]model.Member, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ms []model.Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if err := loadLists(ctx, tx, ms); err != nil {
		return nil, err
	}
	return ms, nil
}

// membersByID reads the members with ids, living or in the trash, in full;
// ids that are no member are absent from the map.
func membersByID(ctx context.Context, tx *tx, ids []int64) (map[int64]model.Member, error) {
	byID := make(map[int64]model.Member, len(ids))
	if len(ids) == 0 {
		return byID, nil
	}
	ms, err := queryMembers(ctx, tx, `SELECT `+memberColumns+` FROM members AS m
		WHERE m.id IN (SELECT value FROM json_each(?))`, idList(ids))
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		byID[m.ID] = m
	}
	return byID, nil
}

// missingIDs lists the ids that are not among ms.
func missingIDs(ids []int64, ms []model.Member) []int64 {
	found := make(map[int64]bool, len(ms))
	for _, m := range ms {
		found[m.ID] = true
	}
	var missing []int64
	for _, id := range ids {
		if !found[id] && !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	return missing
}

// countedIDs names ids for a message: "member 12", "members 12, 15 and 3 more".
func countedIDs(ids []int64) string {
	const shown = 5
	parts := make([]string, 0, shown)
	for _, id := range ids[:min(len(ids), shown)] {
		parts = append(parts, strconv.FormatInt(id, 10))
	}
	s := "member " + parts[0]
	if len(ids) > 1 {
		s = "members " + strings.Join(parts, ", ")
	}
	if len(ids) > shown {
		s += fmt.Sprintf(" and %d more", len(ids)-shown)
	}
	if len(ids) == 1 {
		return s + " is"
	}
	return s + " are"
}
