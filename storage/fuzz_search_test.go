package storage

import (
	"context"
	"errors"
	"testing"
	"unicode/utf8"

	"rapport/model"
)

// FuzzSearch types arbitrary text into every search box the record answers:
// the member list (living and trash, with its count), the global search and
// the feedback suggestions. Each answers, with results or none; the only
// error allowed is a clean refusal (model.ErrInvalid), and none may panic.
// The seeds are the hostile inputs of search_test.go; they run with every
// `go test`, and `go test -fuzz FuzzSearch` explores from them.
func FuzzSearch(f *testing.F) {
	for _, text := range hostileInputs {
		f.Add(text)
	}
	f.Add("Amara Okafor")
	f.Add("kanelbullar")
	f.Add("roadmap")
	s := fuzzSearchRecord(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, text string) {
		clean := func(what string, err error) {
			t.Helper()
			if err != nil && !errors.Is(err, model.ErrInvalid) {
				t.Errorf("%s(%.60q): %v", what, text, err)
			}
		}
		for _, trashed := range []bool{false, true} {
			filter := model.MemberFilter{Text: text, Trashed: trashed, Limit: 50}
			ms, err := s.Members(ctx, filter)
			clean("Members", err)
			n, err := s.CountMembers(ctx, filter)
			clean("CountMembers", err)
			if err == nil && len(ms) > n {
				t.Errorf("Members(%.60q, trashed %v) gave %d members, CountMembers %d", text, trashed, len(ms), n)
			}
		}
		r, err := s.GlobalSearch(ctx, text, 5)
		clean("GlobalSearch", err)
		if matchQuery(text) == "" && len(r.Members)+len(r.Conversations)+len(r.FollowUps)+len(r.Feedback) > 0 {
			t.Errorf("GlobalSearch(%.60q), a text without words, found %+v", text, r)
		}
		_, err = s.SuggestFeedback(ctx, text, 5)
		clean("SuggestFeedback", err)
		for _, w := range searchWords(text) {
			if !utf8.ValidString(w) && utf8.ValidString(text) {
				t.Errorf("searchWords(%.60q) made invalid UTF-8 %q of valid text", text, w)
			}
		}
	})
}

// fuzzSearchRecord is a small record with something of every kind the
// global search finds, one of them in the trash.
func fuzzSearchRecord(tb testing.TB) *Store {
	tb.Helper()
	ctx := context.Background()
	s := MustOpenDB(tb)
	amara := mustCreate(tb, s, fullMember())
	bjorn := newMember("Björn Öberg", "newcomer")
	bjorn.Identities = []model.Identity{{Platform: "Discourse", Handle: "bjorn_o"}}
	bjorn = mustCreate(tb, s, bjorn)
	gone := mustCreate(tb, s, newMember("Gone Gunnar"))
	c := model.Conversation{At: daysAgo(2), Channel: "forum", Subject: "Café meetup in Umeå", Notes: "Björn brought kanelbullar.",
		Participants: []int64{bjorn.ID, amara.ID}}
	if err := s.CreateConversation(ctx, &c); err != nil {
		tb.Fatal(err)
	}
	mustFollowUp(tb, s, "Roadmap slides for Björn", fixedNow, true, bjorn.ID)
	mustFeedback(tb, s, model.Feedback{Title: "Roadmap in Swedish", Kind: model.KindIdea},
		model.Raise{MemberID: bjorn.ID, Quote: "Could the roadmap be in Swedish?", Date: daysAgo(1)})
	if err := s.TrashMember(ctx, gone.ID); err != nil {
		tb.Fatal(err)
	}
	return s
}
