package storage

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"rapport/model"
)

func TestLoadSample(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
		t.Fatal(err)
	}
	sample := model.SampleCommunity(fixedNow)
	if err := s.LoadSample(ctx); err != nil {
		t.Fatalf("LoadSample: %v", err)
	}
	count := func() int {
		t.Helper()
		living, err1 := s.CountMembers(ctx, model.MemberFilter{})
		trashed, err2 := s.CountMembers(ctx, model.MemberFilter{Trashed: true})
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		return living + trashed
	}
	if n := count(); n != len(sample) {
		t.Errorf("record holds %d members after LoadSample, want %d", n, len(sample))
	}
	checkCopies(t, s)
	for _, want := range sample {
		want.Normalize()
		found, err := s.Members(ctx, model.MemberFilter{Text: want.Name, Trashed: want.InTrash(), Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var got *model.Member
		for i := range found {
			if found[i].Name == want.Name {
				got = &found[i]
			}
		}
		if got == nil {
			t.Errorf("sample member %q not found by name", want.Name)
			continue
		}
		if want.CreatedBy == "" && got.CreatedBy != "Sam Rivera" {
			t.Errorf("%q created by %q, want Sam Rivera", want.Name, got.CreatedBy)
		}
		if !got.CreatedAt.Equal(want.CreatedAt) {
			t.Errorf("%q created at %v, want %v", want.Name, got.CreatedAt, want.CreatedAt)
		}
	}
	checkSampleHistory(t, s)

	err := s.LoadSample(ctx)
	if !errors.Is(err, model.ErrConflict) {
		t.Errorf("second LoadSample = %v, want ErrConflict", err)
	}
	if n := count(); n != len(sample) {
		t.Errorf("record holds %d members after a refused LoadSample, want %d", n, len(sample))
	}
}

func TestLoadSampleRefusesTrashedMembers(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	m := mustCreate(t, s, newMember("Real Person"))
	if err := s.TrashMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadSample(ctx); !errors.Is(err, model.ErrConflict) {
		t.Errorf("LoadSample with a member in the trash = %v, want ErrConflict", err)
	}
	if n, _ := s.CountMembers(ctx, model.MemberFilter{}); n != 0 {
		t.Errorf("%d living members after a refused LoadSample, want 0", n)
	}
}

// checkSampleHistory checks that the sample's history is in the record,
// handled by me, and that Today has something on every list it is meant to
// make interesting.
func checkSampleHistory(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	sample := model.SampleCommunity(fixedNow)
	for i := range sample {
		sample[i].ID = int64(i + 1)
	}
	convs, fus := model.SampleHistory(sample, fixedNow)
	nc, err1 := s.CountConversations(ctx, model.ConversationFilter{})
	nf, err2 := s.CountFollowUps(ctx, model.FollowUpFilter{})
	mine, err3 := s.CountConversations(ctx, model.ConversationFilter{HandledBy: "Sam Rivera"})
	today, err4 := s.Today(ctx)
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.Fatal(err)
	}
	var promises int // made as the sample's feedback closed its loops
	if err := s.db.QueryRow(`SELECT count(*) FROM feedback_promises`).Scan(&promises); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"conversations", nc, len(convs)},
		{"conversations handled by Sam Rivera", mine, len(convs)},
		{"follow-ups", nf, len(fus) + promises},
	} {
		if c.got != c.want {
			t.Errorf("after LoadSample the record holds %d %s, want %d", c.got, c.what, c.want)
		}
	}
	for _, c := range []struct {
		what  string
		total int
	}{
		{"late promises", today.Late.Total},
		{"promises due this week", today.DueToday.Total + today.DueThisWeek.Total},
		{"check-ins", today.CheckIn.Total},
		{"members going quiet", today.GoingQuiet.Total},
		{"members never contacted", today.NeverContacted.Total},
		{"members waiting to hear back", today.WaitingToHear.Total},
	} {
		if c.total == 0 {
			t.Errorf("Today after LoadSample has no %s, want some", c.what)
		}
	}
	// The keep-in-touch state is what logging each conversation leaves.
	for _, d := range today.GoingQuiet.Items {
		var ts []time.Time
		for _, c := range convs {
			if slices.Contains(c.Participants, d.ID) {
				ts = append(ts, c.At)
			}
		}
		if q, _, _ := model.GoingQuiet(ts, fixedNow); !q || !d.QuietAfter.Equal(model.QuietAfter(ts)) || !d.LastContacted.Equal(slices.MaxFunc(ts, time.Time.Compare)) {
			t.Errorf("%s is going quiet after %v, last contacted %v; the sample's conversations say %v, %v, %v",
				d.Name, d.QuietAfter, d.LastContacted, q, model.QuietAfter(ts), slices.MaxFunc(ts, time.Time.Compare))
		}
	}
}

// TestLoadSampleFeedback: the sample's feedback is in the record as if
// recorded and moved by hand: teams, items in every status, their history,
// promises to tell members, some kept; and members waiting to hear back.
func TestLoadSampleFeedback(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadSample(ctx); err != nil {
		t.Fatal(err)
	}
	teams, err := s.Teams(ctx, false)
	if err != nil || len(teams) != len(model.SampleTeams()) {
		t.Errorf("Teams = %d, %v; want the sample's %d", len(teams), err, len(model.SampleTeams()))
	}
	board, err := s.CountFeedbackByStatus(ctx, model.FeedbackFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range model.FeedbackStatuses {
		if board[st] == 0 {
			t.Errorf("no sample item is %s: %v", st, board)
		}
	}
	items, err := s.FeedbackItems(ctx, model.FeedbackFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	told, owed := 0, 0
	for _, it := range items {
		d := mustDetail(t, s, it.ID)
		if d.History[0].By != "Sam Rivera" || d.History[len(d.History)-1].To != d.Status {
			t.Errorf("%q: history %+v does not end at its status %s", d.Title, d.History, d.Status)
		}
		for _, l := range d.Loop {
			if l.Told() {
				told++
			} else if l.PromiseStatus == model.FollowUpOpen {
				owed++
			}
		}
	}
	if told == 0 || owed == 0 {
		t.Errorf("%d members told and %d owed word in the sample, want some of each", told, owed)
	}
	if got := waiting(t, s); len(got) == 0 {
		t.Error("nobody waits to hear back in the sample, want some on a first look")
	}
	checkFeedbackCopies(t, s)
}
