package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// The history factory: conversations and follow-ups for the members of a
// record filled by fillRecord, generated without randomness. Each member
// talks with the manager at a rhythm of their own (a gap of 5 to 64 days,
// silent for up to 150 days now), with one or two others now and then; a
// core of members is in many conversations, a few are never contacted. It writes rows directly, many per statement, as
// only a test may: the store's own writes stay one per conversation.

var (
	handlers = []string{"Sam Rivera", "Alex Kim", "Jo Park"}
	subjects = []string{
		"Release planning for the plugin API", "Onboarding the translation team", "Crash on startup after upgrade",
		"Docs sprint at the spring meetup", "Mentoring a first contribution", "Feedback on the roadmap",
		"Moderation of the forum thread", "Security report follow-up", "Design review of the settings page",
		"Björn's question about keyboard layouts", "Café meetup in Umeå", "Accessibility of the welcome flow",
	}
	talk = []string{
		"Asked for a review of the draft; agreed to pair next week.",
		"Shared the release checklist and the known issues.",
		"Wants clearer guidance for newcomers in the contributor guide.",
		"Reported the regression and tested the fix on Windows.",
		"Talked through moderation norms after the heated thread.",
		"Offered to host the monthly call in their time zone.",
	}
	promises = []string{
		"Send the slides from the meetup", "Introduce them to the docs team", "Review the pull request",
		"Share the roadmap draft", "Answer the question about licensing", "Invite them to the maintainers' call",
	}
)

// mix spreads i over 32 bits, differently for each salt.
func mix(i, salt int) uint32 {
	x := uint64(i)*0x9E3779B97F4A7C15 + uint64(salt)*0xBF58476D1CE4E5B9
	x ^= x >> 31
	x *= 0x94D049BB133111EB
	x ^= x >> 29
	return uint32(x)
}

// coreMembers are the first members, in a tenth of the conversations with
// others: on the large record, about a thousand conversations each.
const coreMembers = 20

// neverContacted says which generated members have no conversation.
func neverContacted(id int64) bool { return id%97 == 0 }

// historyConversation is the i-th generated conversation among members
// 1..members.
func historyConversation(i, members int) model.Conversation {
	p := int64(i%members) + 1
	if neverContacted(p) {
		p--
	}
	round := i / members
	gap := 5 + int(mix(int(p), 1)%60)
	silent := int(mix(int(p), 2) % 150)
	at := fixedNow.Add(-time.Duration(silent+round*gap)*24*time.Hour - time.Duration(mix(i, 3)%12)*time.Hour)
	c := model.Conversation{
		At:           at.UTC(),
		Channel:      model.Channels[mix(i, 4)%uint32(len(model.Channels))],
		Subject:      subjects[mix(i, 5)%uint32(len(subjects))],
		Notes:        talk[mix(i, 6)%uint32(len(talk))],
		HandledBy:    handlers[mix(i, 7)%uint32(len(handlers))],
		Tone:         []string{"", "warm", "neutral", "tense"}[mix(i, 8)%4],
		Participants: []int64{p},
		CreatedAt:    at.UTC(),
		UpdatedAt:    at.UTC(),
	}
	for k := range int(mix(i, 9) % 3) { // up to two others
		o := int64(mix(i, 10+k)%uint32(members)) + 1
		if mix(i, 30+k)%10 == 0 {
			o = int64(mix(i, 31+k)%coreMembers) + 1 // the core, in many conversations
		}
		if !neverContacted(o) && o != p && (len(c.Participants) < 2 || c.Participants[1] != o) {
			c.Participants = append(c.Participants, o)
		}
	}
	return c
}

// historyFollowUp is the j-th generated follow-up: due from 400 days ago to
// 60 days ahead, a quarter of them open, half of them promises.
func historyFollowUp(j, members, conversations int) model.FollowUp {
	m := int64(mix(j, 20)%uint32(members)) + 1
	due := model.Day(fixedNow, time.UTC).AddDate(0, 0, int(mix(j, 21)%460)-400)
	f := model.FollowUp{
		What:      promises[mix(j, 22)%uint32(len(promises))],
		Due:       due,
		Members:   []int64{m},
		Promise:   mix(j, 26)%2 == 0,
		Status:    model.FollowUpDone,
		CreatedBy: handlers[mix(j, 23)%uint32(len(handlers))],
		CreatedAt: due.AddDate(0, 0, -14),
	}
	f.StatusChangedAt = f.CreatedAt
	switch j % 20 {
	case 0, 1, 2, 3, 4:
		f.Status = model.FollowUpOpen
	case 5:
		f.Status, f.StatusChangedAt = model.FollowUpDropped, due
	default:
		f.StatusChangedAt = due
	}
	if j%3 == 0 && conversations > 0 {
		f.ConversationID = int64(mix(j, 24)%uint32(conversations)) + 1
	}
	if j%7 == 0 {
		if o := int64(mix(j, 25)%uint32(members)) + 1; o != m {
			f.Members = append(f.Members, o)
		}
	}
	return f
}

// fillHistory adds conversations and follow-ups to a record whose members
// 1..members were added by fillRecord, in one transaction, and brings the
// members' keep-in-touch state up to date as the store does.
func fillHistory(tb testing.TB, s *Store, members, conversations, followUps int) {
	tb.Helper()
	ctx := context.Background()
	tx, err := s.begin(ctx, true)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	var convRows, partRows [][]any
	for i := range conversations {
		c := historyConversation(i, members)
		at := formatTime(c.At)
		convRows = append(convRows, []any{i + 1, at, c.Channel, c.Subject, c.Notes, c.HandledBy, c.Tone, at, at})
		for pos, id := range c.Participants {
			partRows = append(partRows, []any{i + 1, pos, id, at})
		}
	}
	bulkInsert(tb, tx, "conversations", "id, at, channel, subject, notes, handled_by, tone, created_at, updated_at", convRows)
	bulkInsert(tb, tx, "conversation_participants", "conversation_id, position, member_id, at", partRows)
	var fuRows, fmRows [][]any
	for j := range followUps {
		f := historyFollowUp(j, members, conversations)
		due := f.Due.Format(time.DateOnly)
		fuRows = append(fuRows, []any{j + 1, f.What, due, nullID(f.ConversationID), f.Promise, f.Status,
			formatTime(f.StatusChangedAt), f.CreatedBy, formatTime(f.CreatedAt)})
		for pos, id := range f.Members {
			fmRows = append(fmRows, []any{j + 1, pos, id, due})
		}
	}
	bulkInsert(tb, tx, "follow_ups", "id, what, due, conversation_id, promise, status, status_changed_at, created_by, created_at", fuRows)
	bulkInsert(tb, tx, "follow_up_members", "follow_up_id, position, member_id, due", fmRows)
	for _, q := range []string{
		`INSERT INTO conversation_search (rowid, subject, notes) SELECT id, subject, notes FROM conversations`,
		`INSERT INTO follow_up_search (rowid, what) SELECT id, what FROM follow_ups`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			tb.Fatal(err)
		}
	}
	ids := make([]int64, members)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	if err := refreshContacts(ctx, tx, ids); err != nil {
		tb.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// bulkInsert inserts rows into table, many per statement.
func bulkInsert(tb testing.TB, tx *tx, table, columns string, rows [][]any) {
	tb.Helper()
	if len(rows) == 0 {
		return
	}
	width := len(rows[0])
	per := 30_000 / width // under SQLite's limit of bound values
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	for start := 0; start < len(rows); start += per {
		end := min(start+per, len(rows))
		args := make([]any, 0, (end-start)*width)
		for _, r := range rows[start:end] {
			args = append(args, r...)
		}
		q := fmt.Sprintf("INSERT INTO %s (%s) VALUES %s", table, columns,
			strings.TrimSuffix(strings.Repeat(one+", ", end-start), ", "))
		if _, err := tx.ExecContext(context.Background(), q, args...); err != nil {
			tb.Fatalf("insert into %s: %v", table, err)
		}
	}
}
