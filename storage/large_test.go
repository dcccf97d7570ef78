package storage

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"rapport/model"
)

// smallLarge is a large record cut down so that the normal paths can build
// the same one in a test.
var smallLarge = LargeSizes{Members: 150, Conversations: 1000, FollowUps: 500, Feedback: 80, Quotes: 400}

// TestLoadLarge builds the generated record twice: with LoadLarge, and
// through the store's normal paths (CreateMember, CreateConversation,
// CreateFollowUp), one change at a time. Everything derived must agree:
// Today, every member's keep-in-touch state, the search.
func TestLoadLarge(t *testing.T) {
	ctx := context.Background()
	bulk, normal := MustOpenDB(t), MustOpenDB(t)
	for _, s := range []*Store{bulk, normal} {
		if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetTagCadence(ctx, "maintainer", 21); err != nil {
			t.Fatal(err)
		}
	}
	var reports []LargeProgress
	if err := bulk.LoadLarge(ctx, smallLarge, func(p LargeProgress) { reports = append(reports, p) }); err != nil {
		t.Fatalf("LoadLarge: %v", err)
	}
	want := LargeProgress{Members: smallLarge.Members, Conversations: smallLarge.Conversations, FollowUps: smallLarge.FollowUps,
		Contacts: smallLarge.Members, Feedback: smallLarge.Feedback, Quotes: smallLarge.Quotes, Sizes: smallLarge}
	if len(reports) == 0 || reports[len(reports)-1] != want {
		t.Errorf("last progress %+v, want %+v", reports[len(reports)-1:], want)
	}
	for i := 1; i < len(reports); i++ {
		a, b := reports[i-1], reports[i]
		if b.Members < a.Members || b.Conversations < a.Conversations || b.FollowUps < a.FollowUps || b.Contacts < a.Contacts ||
			b.Feedback < a.Feedback || b.Quotes < a.Quotes {
			t.Errorf("progress went back from %+v to %+v", a, b)
		}
	}

	d := generateLarge(smallLarge, fixedNow, "Sam Rivera")
	ids := make([]int64, len(d.members))
	for i, m := range d.members {
		at(normal, m.CreatedAt, func() { ids[i] = mustCreate(t, normal, m).ID })
	}
	for _, c := range d.convs {
		for j, p := range c.Participants {
			c.Participants[j] = ids[p-1]
		}
		at(normal, c.CreatedAt, func() {
			if err := normal.CreateConversation(ctx, &c); err != nil {
				t.Fatalf("CreateConversation(%+v): %v", c, err)
			}
		})
	}
	for _, f := range d.fus {
		for j, p := range f.Members {
			f.Members[j] = ids[p-1]
		}
		if err := normal.CreateFollowUp(ctx, &f); err != nil {
			t.Fatalf("CreateFollowUp(%+v): %v", f, err)
		}
	}

	for _, c := range []struct {
		what      string
		count     func(*Store) (int, error)
		wantTotal int
	}{
		{"members", func(s *Store) (int, error) { return s.CountMembers(ctx, model.MemberFilter{}) }, smallLarge.Members},
		{"conversations", func(s *Store) (int, error) { return s.CountConversations(ctx, model.ConversationFilter{}) }, smallLarge.Conversations},
		{"follow-ups", func(s *Store) (int, error) { return s.CountFollowUps(ctx, model.FollowUpFilter{}) }, smallLarge.FollowUps},
		{"open follow-ups", func(s *Store) (int, error) {
			return s.CountFollowUps(ctx, model.FollowUpFilter{Status: model.FollowUpOpen})
		}, -1},
		{"conversations handled by Sam", func(s *Store) (int, error) {
			return s.CountConversations(ctx, model.ConversationFilter{HandledBy: "sam rivera"})
		}, -1},
	} {
		got, err1 := c.count(bulk)
		wantN, err2 := c.count(normal)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		if got != wantN || (c.wantTotal >= 0 && got != c.wantTotal) {
			t.Errorf("LoadLarge made %d %s, the normal paths %d (want %d)", got, c.what, wantN, c.wantTotal)
		}
	}
	checkCopies(t, bulk)

	if got, want := keepInTouchState(t, bulk), keepInTouchState(t, normal); !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Errorf("member %d after LoadLarge: %+v\nthrough the normal paths: %+v", i+1, got[i], want[i])
			}
		}
	}
	gotToday, err1 := bulk.Today(ctx)
	wantToday, err2 := normal.Today(ctx)
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if got, want := todayKeys(gotToday), todayKeys(wantToday); !reflect.DeepEqual(got, want) {
		t.Errorf("Today after LoadLarge:\n%v\nthrough the normal paths:\n%v", got, want)
	}
	for name, total := range map[string]int{
		"late": gotToday.Late.Total, "due this week": gotToday.DueThisWeek.Total, "check-in": gotToday.CheckIn.Total,
		"going quiet": gotToday.GoingQuiet.Total, "never contacted": gotToday.NeverContacted.Total,
	} {
		if total == 0 {
			t.Errorf("Today of the generated record has nobody %s, want some", name)
		}
	}
	for _, text := range []string{"release", "krakow", "sync", "pull request", d.members[7].Name} {
		got, err1 := bulk.GlobalSearch(ctx, text, 5)
		want, err2 := normal.GlobalSearch(ctx, text, 5)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		if g, w := searchKeys(got), searchKeys(want); !reflect.DeepEqual(g, w) {
			t.Errorf("GlobalSearch(%q) after LoadLarge finds %v, through the normal paths %v", text, g, w)
		}
	}
}

// keepInTouchState is each member's derived state, in id order.
func keepInTouchState(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.db.Query(`SELECT id || ' ' || coalesce(last_contacted, '-') || ' ' || coalesce(quiet_after, '-') || ' ' || check_in_at
		FROM members ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		out = append(out, line)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// todayKeys is what Today shows, without the stamps of when rows were made.
func todayKeys(td model.Today) map[string][]string {
	out := map[string][]string{}
	for name, sec := range map[string]model.Section[model.FollowUpItem]{"late": td.Late, "today": td.DueToday, "week": td.DueThisWeek} {
		out[name] = []string{fmt.Sprint(sec.Total)}
		for _, f := range sec.Items {
			out[name] = append(out[name], fmt.Sprint(f.ID, f.What, f.Due.Format(time.DateOnly), f.Status, f.Names))
		}
	}
	for name, sec := range map[string]model.Section[model.MemberDue]{"check-in": td.CheckIn, "quiet": td.GoingQuiet, "never": td.NeverContacted} {
		out[name] = []string{fmt.Sprint(sec.Total)}
		for _, m := range sec.Items {
			out[name] = append(out[name], fmt.Sprint(m.ID, m.Name, m.Added, m.CheckIn, m.QuietAfter, m.LastContacted))
		}
	}
	return out
}

// searchKeys is what a global search found.
func searchKeys(r model.SearchResults) []string {
	var out []string
	for _, m := range r.Members {
		out = append(out, fmt.Sprint("member ", m.ID))
	}
	for _, c := range r.Conversations {
		out = append(out, fmt.Sprint("conversation ", c.ID))
	}
	for _, f := range r.FollowUps {
		out = append(out, fmt.Sprint("follow-up ", f.ID))
	}
	return append(out, fmt.Sprint(r.MoreMembers, r.MoreConversations, r.MoreFollowUps))
}

func TestLoadLargeRefused(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	mustCreate(t, s, newMember("Real Person"))
	cancelled, cancel := context.WithCancel(ctx)
	empty := MustOpenDB(t)
	tests := []struct {
		name  string
		s     *Store
		ctx   context.Context
		sizes LargeSizes
		is    error
	}{
		{"a record with members", s, ctx, smallLarge, model.ErrConflict},
		{"negative", empty, ctx, LargeSizes{Members: -1}, model.ErrInvalid},
		{"conversations without members", empty, ctx, LargeSizes{Conversations: 10}, model.ErrInvalid},
		{"cancelled", empty, cancelled, smallLarge, context.Canceled},
	}
	calls := 0
	err := empty.LoadLarge(cancelled, smallLarge, func(LargeProgress) {
		if calls++; calls == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("LoadLarge cancelled on its way = %v, want context.Canceled", err)
	}
	for _, tt := range tests {
		if err := tt.s.LoadLarge(tt.ctx, tt.sizes, nil); !errors.Is(err, tt.is) {
			t.Errorf("%s: LoadLarge = %v, want %v", tt.name, err, tt.is)
		}
	}
	for _, c := range []struct {
		s    *Store
		want int
	}{{s, 1}, {empty, 0}} {
		if n, err := c.s.CountMembers(ctx, model.MemberFilter{}); err != nil || n != c.want {
			t.Errorf("after a refused LoadLarge the record holds %d members (%v), want %d", n, err, c.want)
		}
	}
	if n, err := empty.CountConversations(ctx, model.ConversationFilter{}); err != nil || n != 0 {
		t.Errorf("after a cancelled LoadLarge the record holds %d conversations (%v), want none", n, err)
	}
}

// BenchmarkLoadLarge loads a tenth of the large record; `rapport demo
// --large` reports the time of the whole.
func BenchmarkLoadLarge(b *testing.B) {
	tenth := LargeSizes{Members: LargeRecord.Members / 10, Conversations: LargeRecord.Conversations / 10, FollowUps: LargeRecord.FollowUps / 10,
		Feedback: LargeRecord.Feedback / 10, Quotes: LargeRecord.Quotes / 10}
	for b.Loop() {
		b.StopTimer()
		s := MustOpenDB(b)
		b.StartTimer()
		if err := s.LoadLarge(context.Background(), tenth, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLoadLargeFeedback checks the feedback LoadLarge adds: as many items
// and quotes as asked, in every status, every copy the store derives as its
// own paths would keep it, the search as indexFeedback would build it, and
// members waiting to hear back.
func TestLoadLargeFeedback(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	if err := s.LoadLarge(ctx, smallLarge, nil); err != nil {
		t.Fatal(err)
	}
	n, err := s.CountFeedback(ctx, model.FeedbackFilter{})
	if err != nil || n != smallLarge.Feedback {
		t.Errorf("LoadLarge made %d feedback items (%v), want %d", n, err, smallLarge.Feedback)
	}
	var quotes, duplicates, withoutRaise int
	if err := s.db.QueryRow(`SELECT count(*) FROM feedback_raises`).Scan(&quotes); err != nil || quotes != smallLarge.Quotes {
		t.Errorf("LoadLarge made %d quotes (%v), want %d", quotes, err, smallLarge.Quotes)
	}
	if err := s.db.QueryRow(`
		SELECT count(*) FILTER (WHERE status = 'duplicate'),
			count(*) FILTER (WHERE status <> 'duplicate' AND id NOT IN (SELECT feedback_id FROM feedback_raises))
		FROM feedback`).Scan(&duplicates, &withoutRaise); err != nil || withoutRaise != 0 {
		t.Errorf("%d items but duplicates have no raise (%v), want none", withoutRaise, err)
	}
	board, err := s.CountFeedbackByStatus(ctx, model.FeedbackFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range model.FeedbackStatuses {
		if board[st] == 0 {
			t.Errorf("no generated item is %s; the board is %v", st, board)
		}
	}
	if board[model.FeedbackDuplicate] != duplicates {
		t.Errorf("the board counts %d duplicates, the record holds %d", board[model.FeedbackDuplicate], duplicates)
	}
	checkFeedbackCopies(t, s)
	td, err := s.Today(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if td.WaitingToHear.Total == 0 {
		t.Error("nobody waits to hear back in the generated record, want some")
	}
	var told, closed int
	if err := s.db.QueryRow(`
		SELECT count(*) FILTER (WHERE told_at IS NOT NULL), count(*) FROM feedback_raises WHERE loop_closed_at IS NOT NULL`).Scan(&told, &closed); err != nil {
		t.Fatal(err)
	}
	if told == 0 || told == closed {
		t.Errorf("%d of %d raises of closed items told, want most but not all", told, closed)
	}

	// The search holds what indexFeedback would put in it.
	words := []string{"crash", "dark", "translate", "sync", "forum"}
	before := map[string]int{}
	for _, w := range words {
		if before[w], err = s.CountFeedback(ctx, model.FeedbackFilter{Text: w}); err != nil {
			t.Fatal(err)
		}
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := queryIDs(ctx, tx, `SELECT id FROM feedback`)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if err := reindexFeedback(ctx, tx, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, w := range words {
		if after, err := s.CountFeedback(ctx, model.FeedbackFilter{Text: w}); err != nil || after != before[w] || after == 0 && w != "forum" {
			t.Errorf("search %q finds %d items after LoadLarge, %d indexed afresh (%v)", w, before[w], after, err)
		}
	}
}
