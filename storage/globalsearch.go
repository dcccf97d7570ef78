package storage

import (
	"context"
	"fmt"

	"rapport/model"
)

// defaultSearchLimit is how many of each kind GlobalSearch returns when the
// caller names no limit.
const defaultSearchLimit = 10

// Queries behind GlobalSearch. FTS5 hands out its matches by rowid, newest
// first, so a kind costs about as many rows as it shows, however many
// match.
const (
	searchConversations = `
		SELECT ` + conversationColumns + `
		FROM conversation_search CROSS JOIN conversations AS c ON c.id = conversation_search.rowid
		WHERE conversation_search MATCH ?
		ORDER BY conversation_search.rowid DESC LIMIT ?`
	searchFollowUps = `
		SELECT ` + followUpColumns + `
		FROM follow_up_search CROSS JOIN follow_ups AS f ON f.id = follow_up_search.rowid
		WHERE follow_up_search MATCH ? AND f.hidden = 0
		ORDER BY follow_up_search.rowid DESC LIMIT ?`
	searchFeedback = `
		SELECT ` + feedbackColumns + `
		FROM feedback_search CROSS JOIN feedback AS f ON f.id = feedback_search.rowid
		WHERE feedback_search MATCH ?
		ORDER BY feedback_search.rowid DESC LIMIT ?`
)

// GlobalSearch finds text, as the member search does (every word, as a
// prefix, diacritics folded, whatever is typed), among living members,
// conversations that are not deleted (subject and notes), follow-ups
// (what) but those whose members are all in the trash, and feedback items
// that are not deleted (title, detail and the quotes of members not in the
// trash). Each kind holds up to limitPerKind results (0: a default) and
// says when there are more.
func (s *Store) GlobalSearch(ctx context.Context, text string, limitPerKind int) (model.SearchResults, error) {
	var r model.SearchResults
	match := matchQuery(text)
	if match == "" {
		return r, nil
	}
	limit := limitPerKind
	if limit <= 0 {
		limit = defaultSearchLimit
	}
	tx, err := s.begin(ctx, false)
	if err != nil {
		return r, fmt.Errorf("search %q: %w", text, err)
	}
	defer tx.Rollback()
	// One more than shown says whether there are more.
	query, args := pageQuery(model.MemberFilter{Text: text, Limit: limit + 1})
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return r, fmt.Errorf("search %q: members: %w", text, err)
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return r, fmt.Errorf("search %q: members: %w", text, err)
		}
		r.Members = append(r.Members, m)
	}
	if err := rows.Err(); err != nil {
		return r, fmt.Errorf("search %q: members: %w", text, err)
	}
	rows.Close()
	r.Members, r.MoreMembers = cut(r.Members, limit)
	if err := loadLists(ctx, tx, r.Members); err != nil {
		return r, fmt.Errorf("search %q: members: %w", text, err)
	}
	if r.Conversations, err = queryConversations(ctx, tx, searchConversations, match, limit+1); err != nil {
		return r, fmt.Errorf("search %q: conversations: %w", text, err)
	}
	r.Conversations, r.MoreConversations = cut(r.Conversations, limit)
	if r.FollowUps, err = queryFollowUps(ctx, tx, searchFollowUps, match, limit+1); err != nil {
		return r, fmt.Errorf("search %q: follow-ups: %w", text, err)
	}
	r.FollowUps, r.MoreFollowUps = cut(r.FollowUps, limit)
	if r.Feedback, err = queryFeedback(ctx, tx, searchFeedback, match, limit+1); err != nil {
		return r, fmt.Errorf("search %q: feedback: %w", text, err)
	}
	r.Feedback, r.MoreFeedback = cut(r.Feedback, limit)
	return r, nil
}

// cut keeps the first n of s and says whether it dropped any.
func cut[T any](s []T, n int) ([]T, bool) {
	if len(s) > n {
		return s[:n], true
	}
	return s, false
}
