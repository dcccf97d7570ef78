package storage

import (
	"context"
	"fmt"

	"rapport/model"
)

// timelineQuery pages through a member's timeline, newest first: their
// conversations (not deleted) by when they took place, and their follow-ups
// of any status by due day. Each side walks its index backwards and SQLite
// merges the two, so a page reads about as many rows as it shows. A due day
// (2006-01-02) sorts below the conversations of that day.
const timelineQuery = `
	SELECT 'conversation' AS kind, conversation_id AS id, at AS key
	FROM conversation_participants INDEXED BY conversation_participants_member
	WHERE member_id = ? AND trashed = 0
	UNION ALL
	SELECT 'follow-up', follow_up_id, due
	FROM follow_up_members INDEXED BY follow_up_members_member
	WHERE member_id = ?
	ORDER BY key DESC, id DESC
	LIMIT ? OFFSET ?`

// Timeline returns one page of a member's timeline, newest first:
// conversations they took part in, and follow-ups for them on their due
// day. A member in the trash keeps theirs.
func (s *Store) Timeline(ctx context.Context, memberID int64, offset, limit int) ([]model.TimelineEntry, error) {
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
	rows, err := tx.QueryContext(ctx, timelineQuery, memberID, memberID, limit, max(offset, 0))
	if err != nil {
		return nil, fmt.Errorf("timeline of member %d: %w", memberID, err)
	}
	defer rows.Close()
	var refs []ref
	var conversations, followUps []int64
	for rows.Next() {
		var r ref
		var key string
		if err := rows.Scan(&r.kind, &r.id, &key); err != nil {
			return nil, fmt.Errorf("timeline of member %d: %w", memberID, err)
		}
		refs = append(refs, r)
		if r.kind == "conversation" {
			conversations = append(conversations, r.id)
		} else {
			followUps = append(followUps, r.id)
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
		if r.kind == "conversation" {
			e.Conversation = byConversation[r.id]
			if e.Conversation == nil {
				continue // not within one transaction; a guard all the same
			}
			e.At = e.Conversation.At
		} else {
			e.FollowUp = byFollowUp[r.id]
			if e.FollowUp == nil {
				continue
			}
			e.At = e.FollowUp.Due
		}
		entries = append(entries, e)
	}
	return entries, nil
}
