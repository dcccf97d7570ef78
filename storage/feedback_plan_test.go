package storage

import (
	"fmt"
	"strings"
	"testing"

	"rapport/model"
)

// TestFeedbackQueryPlans fails when a query behind the feedback list, the
// board, Today's "waiting to hear back", a timeline or a team's report
// stops walking its index.
func TestFeedbackQueryPlans(t *testing.T) {
	s := MustOpenDB(t)
	fillRecord(t, s, 300)
	fillHistory(t, s, 300, 1500, 300)
	fillFeedback(t, s, 300, 1500, 200, 1000)
	type query func() (string, []any)
	page := func(f model.FeedbackFilter) query {
		return func() (string, []any) {
			w := feedbackWalk(f, false)
			return `SELECT ` + w.id + ` FROM ` + w.from + ` ORDER BY ` + w.order + ` LIMIT 50 OFFSET 100`, w.args
		}
	}
	count := func(f model.FeedbackFilter) query {
		return func() (string, []any) {
			w := feedbackWalk(f, false)
			return `SELECT count(*) FROM ` + w.from, w.args
		}
	}
	board := func(f model.FeedbackFilter) query {
		return func() (string, []any) {
			w := feedbackWalk(f, true)
			return `SELECT f.status, count(*) FROM ` + w.from + ` GROUP BY f.status`, w.args
		}
	}
	column := func(f model.FeedbackFilter) query {
		return func() (string, []any) {
			w := feedbackWalk(f, false)
			return boardColumn(w), append(w.args, 20)
		}
	}
	boardSearched := func(f model.FeedbackFilter) query {
		return func() (string, []any) {
			w := feedbackWalk(f, true)
			return boardSearch(w), w.args
		}
	}
	fixed := func(q string, args ...any) query { return func() (string, []any) { return q, args } }
	// One team's or one kind's items are a part of the whole, grouped by
	// status once found, and a page's raises are counted per item: a sort
	// of those is no sort of every item. Counting the members waiting
	// counts the pairs the walk yields.
	sortsFew := map[string]string{
		"board of a team":  "TEMP B-TREE FOR GROUP BY",
		"board of a kind":  "TEMP B-TREE FOR GROUP BY",
		"counts of a page": "TEMP B-TREE FOR count(DISTINCT)",
		"waiting count":    "SCAN (subquery-1)",
		// A team's or a kind's matches are sorted into columns; a
		// board's cards, read by id, into their order.
		"board of a search of a team": "TEMP B-TREE FOR ORDER BY",
		"board of a search of a kind": "TEMP B-TREE FOR ORDER BY",
		"cards of a board":            "TEMP B-TREE FOR ORDER BY",
	}
	tests := []struct {
		name  string
		query query
		part  string // the part of the plan that must walk the index; "" for all
		want  string // what a step there must say
	}{
		{"list", page(model.FeedbackFilter{}), "", "INDEX feedback_updated"},
		{"list of a status", page(model.FeedbackFilter{Status: model.FeedbackShipped}), "", "INDEX feedback_status (status=?)"},
		{"list of a team", page(model.FeedbackFilter{TeamID: 2}), "", "INDEX feedback_team (team_id=? AND trashed_at=?)"},
		{"list of a team and status", page(model.FeedbackFilter{TeamID: 2, Status: model.FeedbackPlanned}), "", "INDEX feedback_team (team_id=? AND trashed_at=?)"},
		{"list of a kind", page(model.FeedbackFilter{Kind: model.KindBug}), "", "INDEX feedback_kind (kind=?)"},
		{"list of a search", page(model.FeedbackFilter{Text: "crash"}), "", "INDEX feedback_updated"},
		{"deleted", page(model.FeedbackFilter{Trashed: true}), "", "INDEX feedback_trashed"},
		{"count", count(model.FeedbackFilter{}), "", "COVERING INDEX feedback_updated"},
		{"count of a team", count(model.FeedbackFilter{TeamID: 2}), "", "COVERING INDEX feedback_team (team_id=? AND trashed_at=?)"},
		{"board", board(model.FeedbackFilter{}), "", "COVERING INDEX feedback_status"},
		{"board of a team", board(model.FeedbackFilter{TeamID: 2}), "", "COVERING INDEX feedback_team (team_id=? AND trashed_at=?)"},
		{"board of a kind", board(model.FeedbackFilter{Kind: model.KindIdea}), "", "INDEX feedback_kind (kind=?)"},
		{"board of a search", board(model.FeedbackFilter{Text: "crash"}), "", "INDEX feedback_status"},
		{"board's column", column(model.FeedbackFilter{Status: model.FeedbackPlanned}), "CO-ROUTINE page", "INDEX feedback_status (status=?)"},
		{"board's column of a team", column(model.FeedbackFilter{TeamID: 2, Status: model.FeedbackPlanned}), "CO-ROUTINE page", "INDEX feedback_team (team_id=? AND trashed_at=?)"},
		{"board's column of a kind", column(model.FeedbackFilter{Kind: model.KindBug, Status: model.FeedbackPlanned}), "CO-ROUTINE page", "INDEX feedback_status (status=?)"},
		{"board of a search, in columns", boardSearched(model.FeedbackFilter{Text: "crash"}), "", "COVERING INDEX feedback_status"},
		{"board of a search of a team", boardSearched(model.FeedbackFilter{Text: "crash", TeamID: 2}), "", "COVERING INDEX feedback_team (team_id=? AND trashed_at=?)"},
		{"board of a search of a kind", boardSearched(model.FeedbackFilter{Text: "crash", Kind: model.KindBug}), "", "COVERING INDEX feedback_kind (kind=?)"},
		{"cards of a board", fixed(boardCardsByID, "[1,2,3]"), "", "INTEGER PRIMARY KEY (rowid=?)"},
		{"counts of a page", fixed(listFeedbackCounts, "[1,2,3]"), "", "(feedback_id=?)"},
		{"waiting count", fixed(`SELECT count(*) FROM (` + waitingPairs + `)`), "", "COVERING INDEX feedback_raises_waiting"},
		{"waiting", fixed(waitingPairs + ` ORDER BY r.loop_closed_at, r.feedback_id, r.member_id LIMIT 50`), "", "COVERING INDEX feedback_raises_waiting"},
		{"timeline with feedback", fixed(timelineQuery(true), 5, 50, 100), "MERGE (UNION ALL)", "COVERING INDEX feedback_raises_member (member_id=? AND item_trashed=?)"},
		{"timeline conversations", fixed(timelineQuery(true), 5, 50, 100), "MERGE (UNION ALL)", "COVERING INDEX conversation_participants_member (member_id=? AND trashed=?)"},
		{"search feedback", fixed(searchFeedback, `"cra"*`, 11), "", "feedback_search VIRTUAL TABLE INDEX"},
	}
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
				found := false
				for _, p := range under(plan, tt.part) {
					if strings.Contains(p.detail, tt.want) {
						found = true
					}
					if few := sortsFew[tt.name]; readsAll(p.detail) && (few == "" || !strings.Contains(p.detail, few)) {
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
