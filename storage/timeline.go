package storage

import (
	"context"
	"fmt"

	"rapport/model"
)

// timelineQuery pages through a member's timeline, newest first: their
// conversations (not deleted) by when they took place, their follow-ups of
// any status by due day and, withFeedback, their raises of feedback items
// (not deleted) by when they raised them. Each side walks its index
// backwards and SQLite merges them, so a page reads about as many rows as it
// shows. A due day (2006-01-02) sorts below the conversations of that day.
func timelineQuery(withFeedback bool) string {
	q := `
	SELECT 'conversation' AS kind, conversation_id AS id, at AS key
	FROM conversation_participants INDEXED BY conversation_participants_member
	WHERE member_id = ?1 AND trashed = 0
	UNION ALL
	SELECT 'follow-up', follow_up_id, due
	FROM follow_up_members INDEXED BY follow_up_members_member
	WHERE member_id = ?1`
	if withFeedback {
		q += `
	UNION ALL
	SELECT 'feedback', id, raised_at
	FROM feedback_raises INDEXED BY feedback_raises_member
	WHERE member_id = ?1 AND item_trashed = 0`
	}
	return q + `
	ORDER BY key DESC, id DESC
	LIMIT ?2 OFFSET ?3`
}

// Timeline returns one page of a member's timeline, newest first:
// conversations they took part in, and follow-ups for them on their due
// day. A member in the trash keeps theirs. It leaves out the feedback they
// raised, for screens that show no such entry; TimelineWithFeedback has it.
func (s *Store) Timeline(ctx context.Context, memberID int64, offset, limit int) ([]model.TimelineEntry, error) {
	return s.timeline(ctx, memberID, offset, limit, false)
}

// TimelineWithFeedback is Timeline with the feedback the member raised, on
// the day they raised it: each raise with its item's title, kind, status and
// team. Deleted items are left out.
func (s *Store) TimelineWithFeedback(ctx context.Context, memberID int64, offset, limit int) ([]model.TimelineEntry, error) {
	return s.timeline(ctx, memberID, offset, limit, true)
}

func (s *Store) timeline(ctx context.Context, memberID int64, offset, limit int, withFeedback bool) ([]model.TimelineEntry, error) {
	if limit <= 0 {
		limit = model.DefaultPageSize
	}
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("timeline of member %d: %w", memberID, err)
	}
	defer tx.Rollback()
	if _, err := memberState(ctx, tx, memberID); err != nil {
		return nil, fmt.Errorf("timeline of member %d: %w", memberID, err)
	}
	type ref struct {
		kind string
		id   int64
	}
	rows, err := tx.QueryContext(ctx, timelineQuery(withFeedback), memberID, limit, max(offset, 0))
	if err != nil {
		return nil, fmt.Errorf("timeline of member %d: %w", memberID, err)
	}
	defer rows.Close()
	var refs []ref
	var conversations, followUps, raises []int64
	for rows.Next() {
		var r ref
		var key string
		if err := rows.Scan(&r.kind, &r.id, &key); err != nil {
			return nil, fmt.Errorf("timeline of member %d: %w", memberID, err)
		}
		refs = append(refs, r)
		switch r.kind {
		case "conversation":
			conversations = append(conversations, r.id)
		case "follow-up":
			followUps = append(followUps, r.id)
		default:
			raises = append(raises, r.id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("timeline of member %d: %w", memberID, err)
	}
	rows.Close()
	if len(refs) == 0 {
		return nil, nil
	}
	cs, err := queryConversations(ctx, tx, `SELECT `+conversationColumns+` FROM conversations AS c
		WHERE c.id IN (SELECT value FROM json_each(?))`, idList(conversations))
	if err != nil {
		return nil, fmt.Errorf("timeline of member %d: %w", memberID, err)
	}
	fs, err := queryFollowUps(ctx, tx, `SELECT `+followUpColumns+` FROM follow_ups AS f
		WHERE f.id IN (SELECT value FROM json_each(?))`, idList(followUps))
	if err != nil {
		return nil, fmt.Errorf("timeline of member %d: %w", memberID, err)
	}
	byRaise, err := raisedFeedback(ctx, tx, raises)
	if err != nil {
		return nil, fmt.Errorf("timeline of member %d: %w", memberID, err)
	}
	byConversation := make(map[int64]*model.ConversationItem, len(cs))
	for i := range cs {
		byConversation[cs[i].ID] = &cs[i]
	}
	byFollowUp := make(map[int64]*model.FollowUpItem, len(fs))
	for i := range fs {
		byFollowUp[fs[i].ID] = &fs[i]
	}
	entries := make([]model.TimelineEntry, 0, len(refs))
	for _, r := range refs {
		var e model.TimelineEntry
		switch r.kind {
		case "conversation":
			e.Conversation = byConversation[r.id]
			if e.Conversation == nil {
				continue // not within one transaction; a guard all the same
			}
			e.At = e.Conversation.At
		case "follow-up":
			e.FollowUp = byFollowUp[r.id]
			if e.FollowUp == nil {
				continue
			}
			e.At = e.FollowUp.Due
		default:
			e.Feedback = byRaise[r.id]
			if e.Feedback == nil {
				continue
			}
			e.At = e.Feedback.Date
		}
		entries = append(entries, e)
	}
	return entries, nil
}
