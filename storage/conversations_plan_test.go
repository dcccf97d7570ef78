package storage

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// TestConversationQueryPlans fails when a query behind Today, a timeline,
// the conversations and follow-ups lists or the global search stops walking
// its index: a lost or renamed index, or a change that makes SQLite read
// every conversation (or sort every match) to show one page.
func TestConversationQueryPlans(t *testing.T) {
	s := MustOpenDB(t)
	fillRecord(t, s, 300)
	fillHistory(t, s, 300, 1500, 300)
	b := todayBounds(fixedNow, time.UTC)
	type query func() (string, []any)
	dueCount := func(l dueList) query {
		return func() (string, []any) { return `SELECT count(*) FROM ` + l.from(), l.args(b) }
	}
	duePage := func(l dueList) query {
		return func() (string, []any) {
			return `SELECT ` + followUpColumns + ` FROM ` + l.from() + ` ORDER BY f.due, f.id LIMIT ?`, append(l.args(b), 50)
		}
	}
	memberCount := func(l memberList) query {
		return func() (string, []any) { return `SELECT count(*) FROM ` + l.from(), l.args(b) }
	}
	memberPage := func(l memberList) query {
		return func() (string, []any) {
			return `SELECT m.id, m.name FROM ` + l.from() + ` ORDER BY ` + l.order + ` LIMIT ?`, append(l.args(b), 50)
		}
	}
	conversations := func(f model.ConversationFilter) query {
		return func() (string, []any) { return conversationsQuery(f) }
	}
	countConversations := func(f model.ConversationFilter) query {
		return func() (string, []any) { return countConversationsQuery(f) }
	}
	followUps := func(f model.FollowUpFilter) query {
		return func() (string, []any) { return followUpsQuery(f, time.UTC) }
	}
	countFollowUps := func(f model.FollowUpFilter) query {
		return func() (string, []any) {
			w := followUpWalk(f, time.UTC)
			return `SELECT count(*) FROM ` + w.from, w.args
		}
	}
	// The follow-ups of one conversation are a handful, found by the
	// index and then sorted: a sort of those is no sort of every match.
	sortsFew := map[string]bool{"follow-ups of a conversation": true}
	fixed := func(q string, args ...any) query { return func() (string, []any) { return q, args } }
	week := model.ConversationFilter{From: daysAgo(7), To: fixedNow}
	tests := []struct {
		name  string
		query query
		part  string // the part of the plan that must walk the index; "" for all
		want  string // what a step there must say
	}{
		{"late count", dueCount(lateList), "", "COVERING INDEX follow_ups_status (status=? AND due<?)"},
		{"late", duePage(lateList), "", "INDEX follow_ups_status (status=? AND due<?)"},
		{"due today count", dueCount(dueTodayList), "", "COVERING INDEX follow_ups_status (status=? AND due=?)"},
		{"due today", duePage(dueTodayList), "", "INDEX follow_ups_status (status=? AND due=?)"},
		{"due this week count", dueCount(dueThisWeekList), "", "COVERING INDEX follow_ups_status (status=? AND due>? AND due<?)"},
		{"due this week", duePage(dueThisWeekList), "", "INDEX follow_ups_status (status=? AND due>? AND due<?)"},
		{"check-in count", memberCount(checkInList), "", "COVERING INDEX members_check_in (check_in_at<?)"},
		{"check-in", memberPage(checkInList), "", "INDEX members_check_in (check_in_at<?)"},
		{"quiet count", memberCount(quietList), "", "COVERING INDEX members_quiet (quiet_after>? AND quiet_after<?)"},
		{"quiet", memberPage(quietList), "", "INDEX members_quiet (quiet_after>? AND quiet_after<?)"},
		{"never contacted count", memberCount(neverContactedList), "", "COVERING INDEX members_never_contacted"},
		{"never contacted", memberPage(neverContactedList), "", "INDEX members_never_contacted"},
		{"timeline", fixed(timelineQuery(false), 5, 50, 100), "MERGE (UNION ALL)", "COVERING INDEX conversation_participants_member (member_id=? AND trashed=?)"},
		{"timeline follow-ups", fixed(timelineQuery(false), 5, 50, 100), "MERGE (UNION ALL)", "COVERING INDEX follow_up_members_member (member_id=?)"},
		{"contact times", fixed(contactTimes, 5), "", "COVERING INDEX conversation_participants_member (member_id=? AND trashed=?)"},
		{"conversations", conversations(model.ConversationFilter{Offset: 100}), "CO-ROUTINE page", "INDEX conversations_at"},
		{"conversations of a week", conversations(week), "CO-ROUTINE page", "INDEX conversations_at (at>? AND at<?)"},
		{"conversations by channel", conversations(model.ConversationFilter{Channel: "chat"}), "CO-ROUTINE page", "INDEX conversations_channel (channel=?)"},
		{"conversations by handler", conversations(model.ConversationFilter{HandledBy: "sam rivera"}), "CO-ROUTINE page", "INDEX conversations_handled_by (handled_by=?)"},
		{"conversations by channel and handler", conversations(model.ConversationFilter{Channel: "chat", HandledBy: "sam rivera"}), "CO-ROUTINE page", "INDEX conversations_channel (channel=?)"},
		{"conversations of a member", conversations(model.ConversationFilter{MemberID: 5}), "CO-ROUTINE page", "INDEX conversation_participants_member (member_id=? AND trashed=?)"},
		{"conversations of a member by channel", conversations(model.ConversationFilter{MemberID: 5, Channel: "chat"}), "CO-ROUTINE page", "INDEX conversation_participants_member (member_id=? AND trashed=?)"},
		{"deleted conversations", conversations(model.ConversationFilter{Trashed: true}), "CO-ROUTINE page", "INDEX conversations_trashed"},
		{"count conversations", countConversations(model.ConversationFilter{}), "", "SCAN conversations USING COVERING INDEX conversations_count"},
		{"count deleted conversations", countConversations(model.ConversationFilter{Trashed: true}), "", "INDEX conversations_trashed"},
		{"count conversations of a week", countConversations(week), "", "INDEX conversations_at (at>? AND at<?)"},
		{"count conversations by channel", countConversations(model.ConversationFilter{Channel: "chat"}), "", "INDEX conversations_channel (channel=?)"},
		{"count conversations of a member", countConversations(model.ConversationFilter{MemberID: 5}), "", "COVERING INDEX conversation_participants_member (member_id=? AND trashed=?)"},
		{"participants", fixed(listParticipants, "[1,2,3]"), "", "SEARCH p USING PRIMARY KEY (conversation_id=?)"},
		{"follow-up members", fixed(listFollowUpMembers, "[1,2,3]"), "", "SEARCH fm USING PRIMARY KEY (follow_up_id=?)"},
		{"handlers", fixed(handlersQuery), "", "INDEX conversations_handled_by (handled_by>?)"},
		{"follow-ups", followUps(model.FollowUpFilter{}), "CO-ROUTINE page", "INDEX follow_ups_due"},
		{"open follow-ups", followUps(model.FollowUpFilter{Status: model.FollowUpOpen}), "CO-ROUTINE page", "INDEX follow_ups_status (status=?)"},
		{"done promises due before", followUps(model.FollowUpFilter{Status: model.FollowUpDone, Promise: true, DueBefore: fixedNow}), "CO-ROUTINE page", "INDEX follow_ups_status (status=? AND due<?)"},
		{"follow-ups of a member", followUps(model.FollowUpFilter{MemberID: 5, Status: model.FollowUpOpen}), "CO-ROUTINE page", "INDEX follow_up_members_member (member_id=?)"},
		{"follow-ups of a conversation", followUps(model.FollowUpFilter{ConversationID: 7}), "CO-ROUTINE page", "INDEX follow_ups_conversation (conversation_id=?)"},
		{"follow-ups of a member and conversation", followUps(model.FollowUpFilter{MemberID: 5, ConversationID: 7}), "CO-ROUTINE page", "INDEX follow_up_members_member (member_id=?)"},
		{"count follow-ups of a conversation", countFollowUps(model.FollowUpFilter{ConversationID: 7, Status: model.FollowUpOpen}), "", "INDEX follow_ups_conversation (conversation_id=?)"},
		{"search conversations", fixed(searchConversations, `"rel"*`, 11), "", "conversation_search VIRTUAL TABLE INDEX"},
		{"search follow-ups", fixed(searchFollowUps, `"rev"*`, 11), "", "follow_up_search VIRTUAL TABLE INDEX"},
	}
	// Plans must hold on a record without statistics and on one that has
	// them (ANALYZE, or PRAGMA optimize run by anyone).
	for _, stats := range []bool{false, true} {
		if stats {
			if _, err := s.db.Exec(`ANALYZE`); err != nil {
				t.Fatal(err)
			}
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s stats=%v", tt.name, stats), func(t *testing.T) {
				query, args := tt.query()
				plan := queryPlan(t, s, query, args...)
				part := under(plan, tt.part)
				found := false
				for _, p := range part {
					if strings.Contains(p.detail, tt.want) {
						found = true
					}
					if readsAll(p.detail) && !(sortsFew[tt.name] && strings.Contains(p.detail, "TEMP B-TREE FOR ORDER BY")) {
						t.Errorf("step %q reads more than the page needs", p.detail)
					}
				}
				if !found {
					t.Errorf("plan lacks %q", tt.want)
				}
				if t.Failed() {
					t.Logf("query: %s\nplan:\n%s", query, strings.Join(strings.Fields(fmt.Sprint(plan)), " "))
				}
			})
		}
	}
}

// readsAll says whether a step of a plan reads a whole table or sorts what
// it read: a scan without an index (but of a page already picked, of the
// ids given, or of a recursive step), a sort, or an index SQLite builds.
func readsAll(detail string) bool {
	if strings.Contains(detail, "TEMP B-TREE") || strings.Contains(detail, "AUTOMATIC") {
		return true
	}
	if !strings.HasPrefix(detail, "SCAN ") || strings.Contains(detail, " USING ") {
		return false
	}
	for _, ok := range []string{"SCAN page", "SCAN json_each", "SCAN handler", "SCAN CONSTANT ROW", "VIRTUAL TABLE"} {
		if strings.HasPrefix(detail, ok) || strings.Contains(detail, ok) {
			return false
		}
	}
	return true
}
