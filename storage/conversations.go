package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"rapport/model"
)

// conversationColumns are what scanConversation reads, in its order.
const conversationColumns = `c.id, c.at, c.channel, c.subject, c.notes, c.link, c.handled_by, c.tone,
	c.created_at, c.updated_at, c.trashed_at`

// Conversation returns the conversation with id, living or deleted, with its
// participants.
func (s *Store) Conversation(ctx context.Context, id int64) (model.Conversation, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.Conversation{}, fmt.Errorf("conversation %d: %w", id, err)
	}
	defer tx.Rollback()
	c, err := findConversation(ctx, tx, id)
	if err != nil {
		return model.Conversation{}, fmt.Errorf("conversation %d: %w", id, err)
	}
	return c.Conversation, nil
}

// Conversations returns one page of conversations, newest first (then by
// id, so that pages neither overlap nor skip), with their participants'
// names.
func (s *Store) Conversations(ctx context.Context, f model.ConversationFilter) ([]model.ConversationItem, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("conversations: %w", err)
	}
	defer tx.Rollback()
	query, args := conversationsQuery(f)
	cs, err := queryConversations(ctx, tx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("conversations: %w", err)
	}
	return cs, nil
}

// CountConversations counts what Conversations returns for f without
// Offset and Limit.
func (s *Store) CountConversations(ctx context.Context, f model.ConversationFilter) (int, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return 0, fmt.Errorf("count conversations: %w", err)
	}
	defer tx.Rollback()
	query, args := countConversationsQuery(f)
	var n int
	if err := tx.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count conversations: %w", err)
	}
	return n, nil
}

// ConversationHandlers lists who handled the living conversations, each
// once whatever its case, sorted without case: the choices of the
// conversations list's filter.
func (s *Store) ConversationHandlers(ctx context.Context) ([]string, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("conversation handlers: %w", err)
	}
	defer tx.Rollback()
	// Each step seeks the next name in conversations_handled_by, so the few
	// names cost a few seeks, not a walk over every conversation.
	rows, err := tx.QueryContext(ctx, handlersQuery)
	if err != nil {
		return nil, fmt.Errorf("conversation handlers: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("conversation handlers: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("conversation handlers: %w", err)
	}
	return names, nil
}

const handlersQuery = `
	WITH RECURSIVE handler (name) AS (
		SELECT min(handled_by) FROM conversations INDEXED BY conversations_handled_by
		WHERE trashed_at IS NULL
		UNION ALL
		SELECT (SELECT min(handled_by) FROM conversations INDEXED BY conversations_handled_by
			WHERE trashed_at IS NULL AND handled_by > handler.name)
		FROM handler WHERE name IS NOT NULL
	)
	SELECT name FROM handler WHERE name IS NOT NULL AND name <> ''`

// CreateConversation normalizes and validates c, stamps it (created and
// updated now, handled by "me" unless c says by whom) and adds it, setting
// c.ID and the stamps. Each participant's last contact and check-in follow.
// A ValidationError comes back as it is; a participant who is not in the
// record is ErrNotFound.
func (s *Store) CreateConversation(ctx context.Context, c *model.Conversation) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("create conversation: %w", err)
	}
	defer tx.Rollback()
	n := *c // c changes only once the conversation is stored
	n.At = n.At.UTC()
	n.CreatedAt, n.UpdatedAt, n.TrashedAt = tx.now, tx.now, time.Time{}
	if err := prepareConversation(ctx, tx, &n); err != nil {
		return fmt.Errorf("create conversation: %w", err)
	}
	if err := insertConversation(ctx, tx, &n); err != nil {
		return fmt.Errorf("create conversation: %w", dbError(err))
	}
	if err := refreshContacts(ctx, tx, n.Participants); err != nil {
		return fmt.Errorf("create conversation: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create conversation: %w", dbError(err))
	}
	*c = n
	return nil
}

// UpdateConversation normalizes, validates and stores c in place of the
// conversation with its id, keeping when it was created and whether it is
// deleted; an empty HandledBy is "me" again. The last contact of everyone who
// took part before or after follows.
func (s *Store) UpdateConversation(ctx context.Context, c *model.Conversation) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("update conversation %d: %w", c.ID, err)
	}
	defer tx.Rollback()
	old, err := findConversation(ctx, tx, c.ID)
	if err != nil {
		return fmt.Errorf("update conversation %d: %w", c.ID, err)
	}
	n := *c
	n.At = n.At.UTC()
	n.CreatedAt, n.UpdatedAt, n.TrashedAt = old.CreatedAt, tx.now, old.TrashedAt
	if err := prepareConversation(ctx, tx, &n); err != nil {
		return fmt.Errorf("update conversation %d: %w", c.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE conversations SET
			at = ?, channel = ?, subject = ?, notes = ?, link = ?, handled_by = ?, tone = ?, updated_at = ?
		WHERE id = ?`,
		formatTime(n.At), n.Channel, n.Subject, n.Notes, n.Link, n.HandledBy, n.Tone, formatTime(n.UpdatedAt), n.ID); err != nil {
		return fmt.Errorf("update conversation %d: %w", c.ID, dbError(err))
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM conversation_participants WHERE conversation_id = ?`, n.ID); err != nil {
		return fmt.Errorf("update conversation %d: %w", c.ID, dbError(err))
	}
	if err := insertParticipants(ctx, tx, &n); err != nil {
		return fmt.Errorf("update conversation %d: %w", c.ID, dbError(err))
	}
	if err := unindexConversation(ctx, tx, n.ID); err != nil {
		return fmt.Errorf("update conversation %d: %w", c.ID, err)
	}
	if !n.InTrash() {
		if err := indexConversation(ctx, tx, &n); err != nil {
			return fmt.Errorf("update conversation %d: %w", c.ID, err)
		}
	}
	touched := slices.Concat(old.Participants, n.Participants)
	slices.Sort(touched)
	if err := refreshContacts(ctx, tx, slices.Compact(touched)); err != nil {
		return fmt.Errorf("update conversation %d: %w", c.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("update conversation %d: %w", c.ID, dbError(err))
	}
	*c = n
	return nil
}

// DeleteConversation moves a conversation to the trash, from where
// RestoreConversation brings it back: it leaves the lists, the timelines and
// the search, and its participants' last contact follows. Deleting it again
// changes nothing.
func (s *Store) DeleteConversation(ctx context.Context, id int64) error {
	return s.setConversationTrashed(ctx, id, true)
}

// RestoreConversation brings a deleted conversation back. Restoring a
// living one changes nothing.
func (s *Store) RestoreConversation(ctx context.Context, id int64) error {
	return s.setConversationTrashed(ctx, id, false)
}

func (s *Store) setConversationTrashed(ctx context.Context, id int64, trash bool) error {
	verb := "restore"
	if trash {
		verb = "delete"
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("%s conversation %d: %w", verb, id, err)
	}
	defer tx.Rollback()
	c, err := findConversation(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("%s conversation %d: %w", verb, id, err)
	}
	if c.InTrash() == trash {
		return nil
	}
	var at any // NULL restores
	if trash {
		at = formatTime(tx.now)
	}
	// The participants' copy of the trash state follows by trigger.
	if _, err := tx.ExecContext(ctx, `UPDATE conversations SET trashed_at = ? WHERE id = ?`, at, id); err != nil {
		return fmt.Errorf("%s conversation %d: %w", verb, id, dbError(err))
	}
	if trash {
		err = unindexConversation(ctx, tx, id)
	} else {
		err = indexConversation(ctx, tx, &c.Conversation)
	}
	if err == nil {
		err = refreshContacts(ctx, tx, c.Participants)
	}
	if err != nil {
		return fmt.Errorf("%s conversation %d: %w", verb, id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s conversation %d: %w", verb, id, err)
	}
	return nil
}

// PurgeConversation removes a deleted conversation for good; follow-ups
// that came of it stay, without the link. A living conversation must be
// deleted first (ErrConflict).
func (s *Store) PurgeConversation(ctx context.Context, id int64) error {
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("purge conversation %d: %w", id, err)
	}
	defer tx.Rollback()
	c, err := findConversation(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("purge conversation %d: %w", id, err)
	}
	if !c.InTrash() {
		return fmt.Errorf("purge conversation %d: %w: only a deleted conversation can be removed for good", id, model.ErrConflict)
	}
	// Participants go with it (ON DELETE CASCADE); it already left the
	// search and their last contacts when it was deleted.
	if _, err := tx.ExecContext(ctx, `DELETE FROM conversations WHERE id = ?`, id); err != nil {
		return fmt.Errorf("purge conversation %d: %w", id, dbError(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("purge conversation %d: %w", id, err)
	}
	return nil
}

// prepareConversation stamps who handled c when it does not say, and checks
// that its participants are in the record.
func prepareConversation(ctx context.Context, tx *tx, c *model.Conversation) error {
	if c.HandledBy == "" {
		var err error
		if c.HandledBy, err = myName(ctx, tx); err != nil {
			return err
		}
	}
	return checkMembers(ctx, tx, c.Participants)
}

// checkMembers returns ErrNotFound, naming the member, unless every id is a
// member of the record, living or in the trash.
func checkMembers(ctx context.Context, tx *tx, ids []int64) error {
	for _, id := range ids {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM members WHERE id = ?`, id).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("member %d: %w", id, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// insertConversation adds c as it is (stamps included) and sets c.ID.
func insertConversation(ctx context.Context, tx *tx, c *model.Conversation) error {
	var trashed any
	if c.InTrash() {
		trashed = formatTime(c.TrashedAt)
	}
	res, err := tx.exec(ctx, `
		INSERT INTO conversations (
			at, channel, subject, notes, link, handled_by, tone, created_at, updated_at, trashed_at
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		formatTime(c.At), c.Channel, c.Subject, c.Notes, c.Link, c.HandledBy, c.Tone,
		formatTime(c.CreatedAt), formatTime(c.UpdatedAt), trashed)
	if err != nil {
		return err
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if err := insertParticipants(ctx, tx, c); err != nil {
		return err
	}
	if c.InTrash() {
		return nil
	}
	return indexConversation(ctx, tx, c)
}

// insertParticipants writes c's participants in their order, each with a
// copy of c's time and trash state.
func insertParticipants(ctx context.Context, tx *tx, c *model.Conversation) error {
	for i, id := range c.Participants {
		if _, err := tx.exec(ctx, `
			INSERT INTO conversation_participants (conversation_id, position, member_id, at, trashed)
			VALUES (?, ?, ?, ?, ?)`, c.ID, i, id, formatTime(c.At), c.InTrash()); err != nil {
			return err
		}
	}
	return nil
}

// indexConversation adds c to the search.
func indexConversation(ctx context.Context, tx *tx, c *model.Conversation) error {
	_, err := tx.exec(ctx, `INSERT INTO conversation_search (rowid, subject, notes) VALUES (?, ?, ?)`, c.ID, c.Subject, c.Notes)
	return err
}

func unindexConversation(ctx context.Context, tx *tx, id int64) error {
	_, err := tx.exec(ctx, `DELETE FROM conversation_search WHERE rowid = ?`, id)
	return err
}

// findConversation reads one conversation with its participants.
func findConversation(ctx context.Context, tx *tx, id int64) (model.ConversationItem, error) {
	cs, err := queryConversations(ctx, tx, `SELECT `+conversationColumns+` FROM conversations AS c WHERE c.id = ?`, id)
	if err != nil {
		return model.ConversationItem{}, err
	}
	if len(cs) == 0 {
		return model.ConversationItem{}, model.ErrNotFound
	}
	return cs[0], nil
}

// queryConversations reads the conversations a query selects (its columns
// conversationColumns) in its order, with their participants.
func queryConversations(ctx context.Context, tx *tx, query string, args ...any) ([]model.ConversationItem, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []model.ConversationItem
	for rows.Next() {
		c, err := scanConversation(rows)
		if err != nil {
			return nil, err
		}
		cs = append(cs, model.ConversationItem{Conversation: c})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return cs, loadParticipants(ctx, tx, cs)
}

func scanConversation(sc scanner) (model.Conversation, error) {
	var c model.Conversation
	var at, created, updated string
	var trashed sql.NullString
	if err := sc.Scan(&c.ID, &at, &c.Channel, &c.Subject, &c.Notes, &c.Link, &c.HandledBy, &c.Tone,
		&created, &updated, &trashed); err != nil {
		return c, err
	}
	var err error
	if c.At, err = parseTime(at); err != nil {
		return c, err
	}
	if c.CreatedAt, err = parseTime(created); err != nil {
		return c, err
	}
	if c.UpdatedAt, err = parseTime(updated); err != nil {
		return c, err
	}
	c.TrashedAt, err = parseNullTime(trashed)
	return c, err
}

// listParticipants reads the participants of a page of conversations, given
// their ids as a JSON array, in each conversation's order.
const listParticipants = `
	SELECT p.conversation_id, p.member_id, m.name
	FROM conversation_participants AS p JOIN members AS m ON m.id = p.member_id
	WHERE p.conversation_id IN (SELECT value FROM json_each(?))
	ORDER BY p.conversation_id, p.position`

// loadParticipants fills in the participants of a page of conversations,
// and their names.
func loadParticipants(ctx context.Context, tx *tx, cs []model.ConversationItem) error {
	byID := make(map[int64]*model.ConversationItem, len(cs))
	ids := make([]int64, len(cs))
	for i := range cs {
		byID[cs[i].ID] = &cs[i]
		ids[i] = cs[i].ID
	}
	return loadPeople(ctx, tx, listParticipants, ids, func(id, member int64, name string) {
		c := byID[id]
		c.Participants = append(c.Participants, member)
		c.Names = append(c.Names, name)
	})
}

// loadPeople runs query, which reads (owner id, member id, member name) rows
// for the owners in ids (a conversation's participants, a follow-up's
// members), and hands each row to add, in the query's order.
func loadPeople(ctx context.Context, tx *tx, query string, ids []int64, add func(owner, member int64, name string)) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, query, idList(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var owner, member int64
		var name string
		if err := rows.Scan(&owner, &member, &name); err != nil {
			return err
		}
		add(owner, member, name)
	}
	return rows.Err()
}

// conversationsQuery is the query behind Conversations. As for members
// (pageQuery), the inner query picks the page's ids by walking an index in
// list order: a member's participant rows, or the living conversations of
// a channel, of a manager or of all, or the trash; it stops once the page
// is full. INDEXED BY holds each plan.
func conversationsQuery(f model.ConversationFilter) (string, []any) {
	limit, offset := f.Limit, max(f.Offset, 0)
	if limit <= 0 {
		limit = model.DefaultPageSize
	}
	w := conversationWalk(f)
	return `SELECT ` + conversationColumns + ` FROM (
			SELECT ` + w.id + ` AS id FROM ` + w.from + `
			ORDER BY ` + w.order + ` LIMIT ? OFFSET ?
		) AS page
		CROSS JOIN conversations AS c ON c.id = page.id
		ORDER BY c.at DESC, c.id DESC`, append(w.args, limit, offset)
}

// countConversationsQuery is the query behind CountConversations: the same
// walk, counted. All the living conversations are all of them less the
// deleted: SQLite counts a whole table from the cells of its smallest index
// (conversations_count) about 300 times faster than it walks one.
func countConversationsQuery(f model.ConversationFilter) (string, []any) {
	if all := (model.ConversationFilter{Offset: f.Offset, Limit: f.Limit}); f == all {
		return `SELECT (SELECT count(*) FROM conversations) -
			(SELECT count(*) FROM conversations INDEXED BY conversations_trashed WHERE trashed_at IS NOT NULL)`, nil
	}
	w := conversationWalk(f)
	return `SELECT count(*) FROM ` + w.from, w.args
}

// walk is an index walk over conversations: FROM … WHERE …, the id it
// yields, and its order, newest first.
type walk struct {
	from, id, order string
	args            []any
}

func conversationWalk(f model.ConversationFilter) walk {
	var w walk
	var conds []string
	add := func(cond string, arg any) {
		conds = append(conds, cond)
		w.args = append(w.args, arg)
	}
	if f.MemberID != 0 {
		// The member's rows carry the time and trash state; the
		// conversation itself is read only when a filter needs it.
		w.from = `conversation_participants AS p INDEXED BY conversation_participants_member`
		w.id, w.order = "p.conversation_id", "p.at DESC, p.conversation_id DESC"
		if f.Channel != "" || f.HandledBy != "" {
			w.from += ` CROSS JOIN conversations AS c ON c.id = p.conversation_id`
		}
		add("p.member_id = ?", f.MemberID)
		conds = append(conds, fmt.Sprintf("p.trashed = %d", b2i(f.Trashed)))
		if !f.From.IsZero() {
			add("p.at >= ?", formatTime(f.From))
		}
		if !f.To.IsZero() {
			add("p.at < ?", formatTime(f.To))
		}
	} else {
		index := "conversations_at"
		switch {
		case f.Trashed:
			index = "conversations_trashed"
		case f.Channel != "":
			index = "conversations_channel"
		case f.HandledBy != "":
			index = "conversations_handled_by"
		}
		w.from = `conversations AS c INDEXED BY ` + index
		w.id, w.order = "c.id", "c.at DESC, c.id DESC"
		// In the words of the indexes' WHERE, so that SQLite can use them.
		if f.Trashed {
			conds = append(conds, "c.trashed_at IS NOT NULL")
		} else {
			conds = append(conds, "c.trashed_at IS NULL")
		}
		if !f.From.IsZero() {
			add("c.at >= ?", formatTime(f.From))
		}
		if !f.To.IsZero() {
			add("c.at < ?", formatTime(f.To))
		}
	}
	if f.Channel != "" {
		add("c.channel = ?", strings.ToLower(strings.TrimSpace(f.Channel)))
	}
	if f.HandledBy != "" {
		// handled_by compares without case (COLLATE NOCASE).
		add("c.handled_by = ?", strings.Join(strings.Fields(f.HandledBy), " "))
	}
	w.from += ` WHERE ` + strings.Join(conds, " AND ")
	return w
}

// purgeOnlyTheirs removes, before a member is purged, the conversations and
// follow-ups that are theirs alone; those shared with others stay, without
// them.
func purgeOnlyTheirs(ctx context.Context, tx *tx, memberID int64) error {
	for _, q := range []struct{ ids, del, unindex string }{
		{
			`SELECT p.conversation_id FROM conversation_participants AS p
			WHERE p.member_id = ? AND NOT EXISTS (
				SELECT 1 FROM conversation_participants AS o
				WHERE o.conversation_id = p.conversation_id AND o.member_id <> p.member_id)`,
			`DELETE FROM conversations WHERE id = ?`,
			`DELETE FROM conversation_search WHERE rowid = ?`,
		},
		{
			`SELECT fm.follow_up_id FROM follow_up_members AS fm
			WHERE fm.member_id = ? AND NOT EXISTS (
				SELECT 1 FROM follow_up_members AS o
				WHERE o.follow_up_id = fm.follow_up_id AND o.member_id <> fm.member_id)`,
			`DELETE FROM follow_ups WHERE id = ?`,
			`DELETE FROM follow_up_search WHERE rowid = ?`,
		},
	} {
		ids, err := queryIDs(ctx, tx, q.ids, memberID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.exec(ctx, q.del, id); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, q.unindex, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// queryIDs reads a column of ids.
func queryIDs(ctx context.Context, tx *tx, query string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
