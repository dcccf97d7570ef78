package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"rapport/model"
)

// HandoffRecord gathers, in one read, the part of the record h's account is
// built from (model.BuildHandoffAccount), in h's scope (its tag, or the
// whole community): the living members with their keep-in-touch times,
// every conversation of h's key members, the open follow-ups, and the
// feedback items in flight or whose loop closed with a member not told yet,
// with their raises and the teams. Each part is one query, or a few over a
// list of ids; no conversation of anyone but the key members is read. It
// reads what the account uses: the key members whole, of the others their
// name, tags and dates; items without their detail, raises without their
// quotes.
func (s *Store) HandoffRecord(ctx context.Context, h model.Handoff) (model.HandoffRecord, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.HandoffRecord{}, fmt.Errorf("handoff record: %w", err)
	}
	defer tx.Rollback()
	rec, err := handoffRecord(ctx, tx, h)
	if err != nil {
		return model.HandoffRecord{}, fmt.Errorf("handoff record: %w", err)
	}
	return rec, nil
}

// KeySuggestions suggests members h could name as key, as
// model.SuggestKeyMembers finds them in h's record as of h's day.
func (s *Store) KeySuggestions(ctx context.Context, h model.Handoff, limit int) ([]model.KeySuggestion, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("key suggestions: %w", err)
	}
	defer tx.Rollback()
	scope := h
	scope.KeyMembers = nil // their conversations are not needed to suggest others
	rec, err := handoffRecord(ctx, tx, scope)
	if err != nil {
		return nil, fmt.Errorf("key suggestions: %w", err)
	}
	return model.SuggestKeyMembers(h, rec, tx.loc, limit), nil
}

// PreviewHandoff builds the document of h as it stands, saved or not: its
// account as of its day in the manager's time zone.
func (s *Store) PreviewHandoff(ctx context.Context, h model.Handoff) (model.HandoffDocument, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.HandoffDocument{}, fmt.Errorf("handoff preview: %w", err)
	}
	defer tx.Rollback()
	rec, err := handoffRecord(ctx, tx, h)
	if err != nil {
		return model.HandoffDocument{}, fmt.Errorf("handoff preview: %w", err)
	}
	return model.HandoffDocument{Handoff: h, Account: model.BuildHandoffAccount(h, rec, tx.loc)}, nil
}

// handoffRecord is HandoffRecord within tx, so that a caller that saves or
// fixes an account reads the same state it writes.
func handoffRecord(ctx context.Context, tx *tx, h model.Handoff) (model.HandoffRecord, error) {
	var rec model.HandoffRecord
	var err error
	if rec.Members, rec.QuietAfter, err = handoffMembers(ctx, tx, h); err != nil {
		return rec, fmt.Errorf("members: %w", err)
	}
	inScope := make(map[int64]bool, len(rec.Members))
	for _, m := range rec.Members {
		inScope[m.ID] = true
	}
	var keys []int64
	for _, km := range h.KeyMembers {
		if inScope[km.MemberID] && !slices.Contains(keys, km.MemberID) {
			keys = append(keys, km.MemberID)
		}
	}
	if rec.Conversations, err = handoffConversations(ctx, tx, keys); err != nil {
		return rec, fmt.Errorf("conversations: %w", err)
	}
	if rec.FollowUps, err = handoffFollowUps(ctx, tx, inScope); err != nil {
		return rec, fmt.Errorf("follow-ups: %w", err)
	}
	if rec.Feedback, rec.Raises, err = handoffFeedback(ctx, tx, inScope); err != nil {
		return rec, fmt.Errorf("feedback: %w", err)
	}
	if rec.Teams, err = allTeams(ctx, tx); err != nil {
		return rec, fmt.Errorf("teams: %w", err)
	}
	if rec.LoopPromises, err = openLoopPromises(ctx, tx); err != nil {
		return rec, fmt.Errorf("promises to tell: %w", err)
	}
	return rec, nil
}

// handoffMembers reads the living members in h's scope, in id order, and
// when each goes quiet. Of most it reads what the account uses (name,
// tags, when they were added and last talked to, their snooze); the key
// members it reads whole, with all their lists.
func handoffMembers(ctx context.Context, tx *tx, h model.Handoff) ([]model.Member, map[int64]time.Time, error) {
	query := `SELECT m.id, m.name, m.created_at, m.last_contacted, m.snooze_until, m.quiet_after
		FROM members AS m WHERE m.trashed_at IS NULL`
	var args []any
	if h.Tag != "" {
		query += ` AND m.id IN (` + taggedMembers + `)`
		args = append(args, h.Tag)
	}
	// Counted first: a record's members are many, and a member is big to
	// copy as a slice of them grows.
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+query+`)`, args...).Scan(&n); err != nil {
		return nil, nil, err
	}
	rows, err := tx.QueryContext(ctx, query+` ORDER BY m.id`, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	ms := make([]model.Member, 0, n)
	quiet := map[int64]time.Time{}
	for rows.Next() {
		var m model.Member
		var created string
		var last, snooze, qa sql.NullString
		if err := rows.Scan(&m.ID, &m.Name, &created, &last, &snooze, &qa); err != nil {
			return nil, nil, err
		}
		if m.CreatedAt, err = parseTime(created); err != nil {
			return nil, nil, err
		}
		if m.LastContacted, m.SnoozeUntil, err = keepInTouchTimes(last, snooze); err != nil {
			return nil, nil, err
		}
		if qa.Valid {
			if quiet[m.ID], err = parseTime(qa.String); err != nil {
				return nil, nil, err
			}
		}
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows.Close()

	index := make(map[int64]int, len(ms))
	for i, m := range ms {
		index[m.ID] = i
	}
	var keys []int64
	for _, km := range h.KeyMembers {
		if _, ok := index[km.MemberID]; ok && !slices.Contains(keys, km.MemberID) {
			keys = append(keys, km.MemberID)
		}
	}
	if len(keys) > 0 {
		rows, err := tx.QueryContext(ctx, `SELECT `+memberColumns+` FROM members AS m
			WHERE m.id IN (SELECT value FROM json_each(?))`, idList(keys))
		if err != nil {
			return nil, nil, err
		}
		defer rows.Close()
		var full []model.Member
		for rows.Next() {
			m, err := scanMember(rows)
			if err != nil {
				return nil, nil, err
			}
			full = append(full, m)
		}
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
		rows.Close()
		if err := loadLists(ctx, tx, full); err != nil {
			return nil, nil, err
		}
		for _, m := range full {
			ms[index[m.ID]] = m
		}
	}

	query, args = `SELECT t.member_id, t.tag FROM member_tags AS t WHERE t.member_trashed = 0 ORDER BY t.member_id, t.position`, nil
	if h.Tag != "" {
		query = `SELECT t.member_id, t.tag FROM member_tags AS t
			WHERE t.member_id IN (` + taggedMembers + `) ORDER BY t.member_id, t.position`
		args = append(args, h.Tag)
	}
	if rows, err = tx.QueryContext(ctx, query, args...); err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			return nil, nil, err
		}
		if i, ok := index[id]; ok && !slices.Contains(keys, id) {
			ms[i].Tags = append(ms[i].Tags, tag)
		}
	}
	return ms, quiet, rows.Err()
}

// taggedMembers selects the ids of the living members with a tag (the
// argument), without case: a range of member_tags_page.
const taggedMembers = `SELECT t.member_id FROM member_tags AS t INDEXED BY member_tags_page
	WHERE t.tag = ? AND t.member_trashed = 0`

// listMemberConversations reads the conversations, not deleted, of the
// members given as a JSON array of ids, each once, oldest first.
const listMemberConversations = `
	SELECT ` + conversationColumns + ` FROM conversations AS c
	WHERE c.id IN (SELECT p.conversation_id FROM conversation_participants AS p INDEXED BY conversation_participants_member
		WHERE p.member_id IN (SELECT value FROM json_each(?)) AND p.trashed = 0)
	ORDER BY c.at, c.id`

// handoffConversations reads every conversation of the key members, with
// their participants.
func handoffConversations(ctx context.Context, tx *tx, keys []int64) ([]model.Conversation, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	items, err := queryConversations(ctx, tx, listMemberConversations, idList(keys))
	if err != nil {
		return nil, err
	}
	cs := make([]model.Conversation, len(items))
	for i, it := range items {
		cs[i] = it.Conversation
	}
	return cs, nil
}

// listOpenFollowUps reads the open follow-ups of living members, soonest
// due first: a walk of follow_ups_status.
const listOpenFollowUps = `
	SELECT ` + followUpColumns + ` FROM follow_ups AS f INDEXED BY follow_ups_status
	WHERE f.status = 'open' AND f.hidden = 0
	ORDER BY f.due, f.id`

// listOpenFollowUpMembers reads the members of every open follow-up of
// living members, in each follow-up's order: the same walk, joined to its
// members, in place of a list of ids as long as the follow-ups.
const listOpenFollowUpMembers = `
	SELECT fm.follow_up_id, fm.member_id
	FROM follow_ups AS f INDEXED BY follow_ups_status
	CROSS JOIN follow_up_members AS fm ON fm.follow_up_id = f.id
	WHERE f.status = 'open' AND f.hidden = 0
	ORDER BY fm.follow_up_id, fm.position`

// handoffFollowUps reads the open follow-ups with a member in scope.
func handoffFollowUps(ctx context.Context, tx *tx, inScope map[int64]bool) ([]model.FollowUp, error) {
	rows, err := tx.QueryContext(ctx, listOpenFollowUps)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var fs []model.FollowUp
	index := map[int64]int{}
	for rows.Next() {
		f, err := scanFollowUp(rows, tx.loc)
		if err != nil {
			return nil, err
		}
		index[f.ID] = len(fs)
		fs = append(fs, f)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if rows, err = tx.QueryContext(ctx, listOpenFollowUpMembers); err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, member int64
		if err := rows.Scan(&id, &member); err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok {
			fs[i].Members = append(fs[i].Members, member)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return slices.DeleteFunc(fs, func(f model.FollowUp) bool {
		return !slices.ContainsFunc(f.Members, func(id int64) bool { return inScope[id] })
	}), nil
}

// handoffItemColumns are what handoffFeedback reads of an item: what the
// account says of it, without its detail.
const handoffItemColumns = `f.id, f.title, f.kind, coalesce(f.team_id, 0), f.status, f.outcome, f.created_at, f.status_changed_at`

// listHandoffFeedback reads the items not deleted that are in flight (a
// range of feedback_status per open status) or whose loop closed with a
// living member not told yet (a walk of feedback_raises_waiting); an item
// is never both.
const listHandoffFeedback = `
	SELECT ` + handoffItemColumns + ` FROM feedback AS f INDEXED BY feedback_status
	WHERE f.status IN ('new', 'handed off', 'acknowledged', 'planned') AND f.trashed_at IS NULL
	UNION ALL
	SELECT ` + handoffItemColumns + ` FROM feedback AS f
	WHERE f.id IN (SELECT r.feedback_id FROM feedback_raises AS r INDEXED BY feedback_raises_waiting
		WHERE r.told_at IS NULL AND r.loop_closed_at IS NOT NULL AND r.member_trashed = 0) AND f.trashed_at IS NULL
	ORDER BY 1`

// listItemRaises reads who raised the items given as a JSON array of ids,
// when, and whether they were told: the raises of living members, without
// their quotes.
const listItemRaises = `
	SELECT r.feedback_id, r.member_id, r.raised_at, r.told_at FROM feedback_raises AS r
	WHERE r.feedback_id IN (SELECT value FROM json_each(?)) AND r.member_trashed = 0
	ORDER BY r.feedback_id, r.position`

// handoffFeedback reads the items a member in scope raised that are in
// flight or owed word of (without their detail), and the raises of them by
// members in scope (without their quotes).
func handoffFeedback(ctx context.Context, tx *tx, inScope map[int64]bool) ([]model.Feedback, []model.Raise, error) {
	rows, err := tx.QueryContext(ctx, listHandoffFeedback)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var items []model.Feedback
	for rows.Next() {
		var f model.Feedback
		var created, changed string
		if err := rows.Scan(&f.ID, &f.Title, &f.Kind, &f.TeamID, &f.Status, &f.Outcome, &created, &changed); err != nil {
			return nil, nil, err
		}
		if f.CreatedAt, err = parseTime(created); err != nil {
			return nil, nil, err
		}
		if f.StatusChangedAt, err = parseTime(changed); err != nil {
			return nil, nil, err
		}
		items = append(items, f)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows.Close()
	if len(items) == 0 {
		return nil, nil, nil
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	if rows, err = tx.QueryContext(ctx, listItemRaises, idList(ids)); err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	raises := make([]model.Raise, 0, 4*len(items)) // most items are raised by a few members
	raised := make(map[int64]bool, len(items))
	for rows.Next() {
		var r model.Raise
		var at string
		var told sql.NullString
		if err := rows.Scan(&r.FeedbackID, &r.MemberID, &at, &told); err != nil {
			return nil, nil, err
		}
		if !inScope[r.MemberID] {
			continue
		}
		if r.Date, err = parseTime(at); err != nil {
			return nil, nil, err
		}
		if r.ToldAt, err = parseNullTime(told); err != nil {
			return nil, nil, err
		}
		raises = append(raises, r)
		raised[r.FeedbackID] = true
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	return slices.DeleteFunc(items, func(f model.Feedback) bool { return !raised[f.ID] }), raises, nil
}

// allTeams reads every product team, archived or not: an item in flight may
// be for an archived one.
func allTeams(ctx context.Context, tx *tx) ([]model.ProductTeam, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+teamColumns+` FROM product_teams AS t ORDER BY t.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []model.ProductTeam
	for rows.Next() {
		t, err := scanTeam(rows)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// listOpenLoopPromises reads the open promises to tell a member an item's
// outcome, with the item: the walk of listOpenFollowUps, joined.
const listOpenLoopPromises = `
	SELECT p.follow_up_id, p.feedback_id
	FROM follow_ups AS f INDEXED BY follow_ups_status
	CROSS JOIN feedback_promises AS p ON p.follow_up_id = f.id
	WHERE f.status = 'open' AND f.hidden = 0`

// openLoopPromises maps each open promise to tell a member an item's
// outcome to that item.
func openLoopPromises(ctx context.Context, tx *tx) (map[int64]int64, error) {
	rows, err := tx.QueryContext(ctx, listOpenLoopPromises)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var fu, item int64
		if err := rows.Scan(&fu, &item); err != nil {
			return nil, err
		}
		out[fu] = item
	}
	return out, rows.Err()
}
