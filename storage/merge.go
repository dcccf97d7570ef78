package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"rapport/model"
)

// movedRow is a row of a memberLinks table that a merge moved: the entry's
// key and the member's position in it.
type movedRow [2]int64

// MergeMembers makes two living members one, as the manager asks when they
// find the same person twice: keep takes gone's fields where its own are
// empty, both sets of emails, phones, identities, tags and card lines, both
// texts (model.CombineMembers), gone's places in conversations and
// follow-ups, and every feedback quote of gone's; gone goes to the trash. It
// returns the merge's id, for UndoMerge. Where both were in the same
// conversation or follow-up, gone's place stays with gone (in the trash),
// since keep has one already; both quotes of an item both raised stay with
// keep.
func (s *Store) MergeMembers(ctx context.Context, keepID, goneID int64) (int64, error) {
	fail := func(err error) (int64, error) {
		return 0, fmt.Errorf("merge member %d into %d: %w", goneID, keepID, err)
	}
	if keepID == goneID {
		return fail(fmt.Errorf("%w: a member cannot be merged into themselves", model.ErrInvalid))
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	keep, err := findMember(ctx, tx, keepID)
	if err != nil {
		return fail(err)
	}
	gone, err := findMember(ctx, tx, goneID)
	if err != nil {
		return fail(err)
	}
	for _, m := range []model.Member{keep, gone} {
		if m.InTrash() {
			return fail(fmt.Errorf("%w: %q is in the trash: restore them first", model.ErrConflict, m.Name))
		}
	}
	before, err := json.Marshal(keep)
	if err != nil {
		return fail(err)
	}
	merged, _ := model.CombineMembers(keep, gone)
	merged.UpdatedAt = tx.now
	if err := rewriteMember(ctx, tx, &merged); err != nil {
		return fail(dbError(err))
	}
	moved := map[string][]movedRow{}
	for _, l := range memberLinks {
		rows, err := moveLinks(ctx, tx, l.table, l.key, l.many, goneID, keepID)
		if err != nil {
			return fail(err)
		}
		if len(rows) > 0 {
			moved[l.table] = rows
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE members SET trashed_at = ? WHERE id = ?`, formatTime(tx.now), goneID); err != nil {
		return fail(dbError(err))
	}
	gone.TrashedAt = tx.now
	for _, m := range []*model.Member{&merged, &gone} {
		if err := unindexMember(ctx, tx, m.ID); err != nil {
			return fail(err)
		}
		if err := indexMember(ctx, tx, m); err != nil {
			return fail(err)
		}
	}
	// Last contacts follow the conversations; check-ins the cadence and tags.
	if err := refreshContacts(ctx, tx, []int64{keepID, goneID}); err != nil {
		return fail(err)
	}
	movedJSON, err := json.Marshal(moved)
	if err != nil {
		return fail(err)
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO member_merges (kept_id, gone_id, at, kept_before, moved, fingerprint) VALUES (?, ?, ?, ?, ?, ?)`,
		keepID, goneID, formatTime(tx.now), string(before), string(movedJSON), fingerprint(merged))
	if err != nil {
		return fail(dbError(err))
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return id, nil
}

// moveLinks gives member to's place to from's rows in table, except in the
// entries where to has one already (unless to may hold many), and returns
// the rows moved.
func moveLinks(ctx context.Context, tx *tx, table, key string, many bool, from, to int64) ([]movedRow, error) {
	query := `UPDATE ` + table + ` SET member_id = ?1 WHERE member_id = ?2`
	if !many {
		query += ` AND ` + key + ` NOT IN (SELECT ` + key + ` FROM ` + table + ` WHERE member_id = ?1)`
	}
	rows, err := tx.QueryContext(ctx, query+` RETURNING `+key+`, position`, to, from)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var moved []movedRow
	for rows.Next() {
		var r movedRow
		if err := rows.Scan(&r[0], &r[1]); err != nil {
			return nil, err
		}
		moved = append(moved, r)
	}
	return moved, rows.Err()
}

// UndoMerge takes a merge back: the member kept is put back as it was
// before, the other comes back from the trash, and the conversations and
// follow-ups it brought return to it. A kept member changed since the merge
// makes it ErrConflict (undoing would lose the change), and so does a merge
// undone already.
func (s *Store) UndoMerge(ctx context.Context, mergeID int64) error {
	fail := func(err error) error { return fmt.Errorf("undo merge %d: %w", mergeID, err) }
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	var keptID, goneID int64
	var before, movedJSON, stored string
	var undone sql.NullString
	err = tx.QueryRowContext(ctx, `
		SELECT kept_id, gone_id, kept_before, moved, fingerprint, undone_at FROM member_merges WHERE id = ?`, mergeID).
		Scan(&keptID, &goneID, &before, &movedJSON, &stored, &undone)
	if errors.Is(err, sql.ErrNoRows) {
		return fail(model.ErrNotFound)
	}
	if err != nil {
		return fail(err)
	}
	if undone.Valid {
		return fail(fmt.Errorf("%w: it was undone already", model.ErrConflict))
	}
	kept, err := findMember(ctx, tx, keptID)
	if err != nil {
		return fail(err)
	}
	gone, err := findMember(ctx, tx, goneID)
	if err != nil {
		return fail(err)
	}
	if fingerprint(kept) != stored {
		return fail(fmt.Errorf("%w: %q changed since the merge; undoing it would lose those changes", model.ErrConflict, kept.Name))
	}
	var was model.Member
	if err := json.Unmarshal([]byte(before), &was); err != nil {
		return fail(fmt.Errorf("member %d as it was: %w", keptID, err))
	}
	var moved map[string][]movedRow
	if err := json.Unmarshal([]byte(movedJSON), &moved); err != nil {
		return fail(fmt.Errorf("rows moved: %w", err))
	}
	for _, l := range memberLinks {
		for _, r := range moved[l.table] {
			// A row deleted since (its conversation removed) is gone.
			if _, err := tx.exec(ctx, `UPDATE `+l.table+` SET member_id = ? WHERE `+l.key+` = ? AND position = ? AND member_id = ?`,
				goneID, r[0], r[1], keptID); err != nil {
				return fail(err)
			}
		}
	}
	was.ID, was.TrashedAt = keptID, kept.TrashedAt
	if err := rewriteMember(ctx, tx, &was); err != nil {
		return fail(dbError(err))
	}
	if gone.InTrash() {
		if _, err := tx.ExecContext(ctx, `UPDATE members SET trashed_at = NULL WHERE id = ?`, goneID); err != nil {
			return fail(dbError(err))
		}
		gone.TrashedAt = time.Time{}
	}
	for _, m := range []*model.Member{&was, &gone} {
		if err := unindexMember(ctx, tx, m.ID); err != nil {
			return fail(err)
		}
		if err := indexMember(ctx, tx, m); err != nil {
			return fail(err)
		}
	}
	if err := refreshContacts(ctx, tx, []int64{keptID, goneID}); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE member_merges SET undone_at = ? WHERE id = ?`, formatTime(tx.now), mergeID); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// MemberMerges lists the merges a member took part in, kept or gone, newest
// first, so that the member's page (or the trash) can offer to undo them.
func (s *Store) MemberMerges(ctx context.Context, memberID int64) ([]model.MemberMerge, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("merges of member %d: %w", memberID, err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `
		SELECT id, kept_id, gone_id, at, undone_at FROM member_merges WHERE kept_id = ?1
		UNION
		SELECT id, kept_id, gone_id, at, undone_at FROM member_merges WHERE gone_id = ?1
		ORDER BY id DESC`, memberID)
	if err != nil {
		return nil, fmt.Errorf("merges of member %d: %w", memberID, err)
	}
	defer rows.Close()
	var ms []model.MemberMerge
	for rows.Next() {
		var m model.MemberMerge
		var at string
		var undone sql.NullString
		if err := rows.Scan(&m.ID, &m.KeptID, &m.GoneID, &at, &undone); err != nil {
			return nil, fmt.Errorf("merges of member %d: %w", memberID, err)
		}
		if m.At, err = parseTime(at); err == nil {
			m.UndoneAt, err = parseNullTime(undone)
		}
		if err != nil {
			return nil, fmt.Errorf("merges of member %d: %w", memberID, err)
		}
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("merges of member %d: %w", memberID, err)
	}
	return ms, nil
}
