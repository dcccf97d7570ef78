package storage

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"rapport/model"
)

// mustFeedback records an item with its raises and returns it as stored.
func mustFeedback(tb testing.TB, s *Store, f model.Feedback, raises ...model.Raise) model.Feedback {
	tb.Helper()
	if err := s.CreateFeedback(context.Background(), &f, raises...); err != nil {
		tb.Fatalf("CreateFeedback(%q): %v", f.Title, err)
	}
	return f
}

// mustRaise adds a member's raise of an item and returns it as stored.
func mustRaise(tb testing.TB, s *Store, feedbackID, memberID int64, quote string) model.Raise {
	tb.Helper()
	r := model.Raise{FeedbackID: feedbackID, MemberID: memberID, Quote: quote}
	if err := s.AddRaise(context.Background(), &r); err != nil {
		tb.Fatalf("AddRaise(%q): %v", quote, err)
	}
	return r
}

// mustStatus moves an item.
func mustStatus(tb testing.TB, s *Store, id int64, to model.FeedbackStatus, note string) {
	tb.Helper()
	if err := s.SetFeedbackStatus(context.Background(), id, to, note); err != nil {
		tb.Fatalf("SetFeedbackStatus(%d, %s): %v", id, to, err)
	}
}

// mustDetail reads an item's page.
func mustDetail(tb testing.TB, s *Store, id int64) model.FeedbackDetail {
	tb.Helper()
	d, err := s.Feedback(context.Background(), id)
	if err != nil {
		tb.Fatalf("Feedback(%d): %v", id, err)
	}
	return d
}

// quotesOf lists an item's raises as "name: quote", in their order.
func quotesOf(d model.FeedbackDetail) []string {
	out := make([]string, len(d.Raises))
	for i, r := range d.Raises {
		out[i] = r.Name + ": " + r.Quote
	}
	return out
}

// loopOf lists an item's close-the-loop list as "name told|not yet
// promise-status".
func loopOf(d model.FeedbackDetail) []string {
	out := make([]string, len(d.Loop))
	for i, l := range d.Loop {
		told := "not yet"
		if l.Told() {
			told = "told"
		}
		out[i] = strings.TrimSpace(fmt.Sprintf("%s %s %s", l.Name, told, l.PromiseStatus))
	}
	return out
}

// loopPromises lists the promises to tell members about an item, as "what
// (status)", oldest first.
func loopPromises(tb testing.TB, s *Store, feedbackID int64) []string {
	tb.Helper()
	rows, err := s.db.Query(`
		SELECT fu.what, fu.status FROM feedback_promises AS p JOIN follow_ups AS fu ON fu.id = p.follow_up_id
		WHERE p.feedback_id = ? ORDER BY fu.id`, feedbackID)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var what, status string
		if err := rows.Scan(&what, &status); err != nil {
			tb.Fatal(err)
		}
		out = append(out, what+" ("+status+")")
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// waiting lists Today's "waiting to hear back" as "name: title".
func waiting(tb testing.TB, s *Store) []string {
	tb.Helper()
	td, err := s.Today(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, h := range td.WaitingToHear.Items {
		out = append(out, h.Name+": "+h.Title)
	}
	if td.WaitingToHear.Total != len(out) {
		tb.Errorf("waiting to hear back: total %d, %d shown", td.WaitingToHear.Total, len(out))
	}
	return out
}

// checkFeedbackCopies fails the test unless what the store derives of
// feedback agrees with it: each raise's copies of its member's and item's
// state, one told answer per member and item, and the search index holding
// exactly the living items with the quotes of living members.
func checkFeedbackCopies(tb testing.TB, s *Store) {
	tb.Helper()
	var n int
	if err := s.db.QueryRow(`
		SELECT count(*) FROM feedback_raises AS r
		JOIN feedback AS f ON f.id = r.feedback_id JOIN members AS m ON m.id = r.member_id
		WHERE r.member_trashed <> (m.trashed_at IS NOT NULL) OR r.item_trashed <> (f.trashed_at IS NOT NULL)
			OR r.loop_closed_at IS NOT (CASE WHEN f.status IN ('shipped', 'declined', 'duplicate') AND f.trashed_at IS NULL
				THEN f.status_changed_at END)`).Scan(&n); err != nil || n != 0 {
		tb.Errorf("%d raises disagree with their member or item (%v)", n, err)
	}
	if err := s.db.QueryRow(`
		SELECT count(*) FROM (SELECT 1 FROM feedback_raises GROUP BY feedback_id, member_id
			HAVING count(DISTINCT coalesce(told_at, '-')) > 1)`).Scan(&n); err != nil || n != 0 {
		tb.Errorf("%d members have two answers to whether they were told of one item (%v)", n, err)
	}
	var living []int64
	rows, err := s.db.Query(`SELECT id FROM feedback WHERE trashed_at IS NULL ORDER BY id`)
	if err != nil {
		tb.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			tb.Fatal(err)
		}
		living = append(living, id)
	}
	rows.Close()
	var indexed []int64
	rows, err = s.db.Query(`SELECT rowid FROM feedback_search ORDER BY rowid`)
	if err != nil {
		tb.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			tb.Fatal(err)
		}
		indexed = append(indexed, id)
	}
	rows.Close()
	if !slices.Equal(indexed, living) {
		tb.Errorf("the feedback search holds items %v, want the living %v", indexed, living)
	}
}
