package storage

import (
	"context"
	"errors"
	"slices"
	"testing"

	"rapport/model"
)

func TestMergeMembersByHand(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	keep := mustCreate(t, s, model.Member{Name: "Amara Okafor", Emails: []string{"amara@example.org"}, Tags: []string{"docs"},
		Notes: "Runs the docs sprint.", Identities: []model.Identity{{Platform: "GitHub", Handle: "amara-o"}}})
	gone := mustCreate(t, s, model.Member{Name: "A. Okafor", Emails: []string{"a@work.example"}, Phones: []string{"+234 803 555 0100"},
		Tags: []string{"mentor"}, Notes: "Met at FOSDEM.", Pronouns: "she/her", VCardExtra: []string{"X-A:1"},
		Identities: []model.Identity{{Platform: "Matrix", Handle: "@amara:matrix.org"}}})
	other := mustCreate(t, s, model.Member{Name: "Chen Wei"})
	onlyKeep := mustTalk(t, s, daysAgo(10), keep.ID)
	onlyGone := mustTalk(t, s, daysAgo(2), gone.ID, other.ID)
	both := mustTalk(t, s, daysAgo(5), keep.ID, gone.ID)
	promise := mustFollowUp(t, s, "Send the slides", daysAgo(-3), true, gone.ID)
	before := allMembers(t, s)
	beforeCheckIns := checkInAts(t, s)

	later := fixedNow.Add(3600e9)
	var mergeID int64
	at(s, later, func() {
		var err error
		if mergeID, err = s.MergeMembers(ctx, keep.ID, gone.ID); err != nil {
			t.Fatalf("MergeMembers: %v", err)
		}
	})
	got := allMembers(t, s)
	want := keep
	want.Emails = []string{"amara@example.org", "a@work.example"}
	want.Phones = []string{"+234 803 555 0100"}
	want.Tags = []string{"docs", "mentor"}
	want.Notes = "Runs the docs sprint.\n\nMet at FOSDEM."
	want.Pronouns = "she/her"
	want.VCardExtra = []string{"X-A:1"}
	want.Identities = []model.Identity{{Platform: "GitHub", Handle: "amara-o"}, {Platform: "Matrix", Handle: "@amara:matrix.org"}}
	want.UpdatedAt = later
	if d := memberDiff(got[keep.ID], want); d != "" {
		t.Errorf("kept member:\n%s", d)
	}
	if g := got[gone.ID]; !g.TrashedAt.Equal(later) {
		t.Errorf("other member: trashed at %v, want %v", g.TrashedAt, later)
	}
	if g := got[keep.ID]; !g.LastContacted.Equal(daysAgo(2)) {
		t.Errorf("kept member last contacted %v, want %v (the conversation it took over)", g.LastContacted, daysAgo(2))
	}
	for _, c := range []struct {
		id   int64
		want []int64
	}{{onlyKeep.ID, []int64{keep.ID}}, {onlyGone.ID, []int64{keep.ID, other.ID}}, {both.ID, []int64{keep.ID, gone.ID}}} {
		conv, err := s.Conversation(ctx, c.id)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(conv.Participants, c.want) {
			t.Errorf("conversation %d: participants %v, want %v", c.id, conv.Participants, c.want)
		}
	}
	if f, err := s.FollowUp(ctx, promise.ID); err != nil || !slices.Equal(f.Members, []int64{keep.ID}) {
		t.Errorf("follow-up members = %v, %v; want the kept member", f.Members, err)
	}
	if n := searchNames(t, s, "work.example"); !slices.Equal(n, []string{"Amara Okafor"}) {
		t.Errorf("search for the other's email = %v, want the kept member", n)
	}
	checkCopies(t, s)
	merges, err := s.MemberMerges(ctx, gone.ID)
	wantMerge := model.MemberMerge{ID: mergeID, KeptID: keep.ID, GoneID: gone.ID, At: later}
	if err != nil || len(merges) != 1 || merges[0] != wantMerge {
		t.Errorf("MemberMerges = %+v, %v; want [%+v]", merges, err, wantMerge)
	}

	if err := s.UndoMerge(ctx, mergeID); err != nil {
		t.Fatalf("UndoMerge: %v", err)
	}
	sameRecord(t, allMembers(t, s), before)
	if got := checkInAts(t, s); !mapsEqual(got, beforeCheckIns) {
		t.Errorf("check-ins after undo = %v, want %v", got, beforeCheckIns)
	}
	if conv, err := s.Conversation(ctx, onlyGone.ID); err != nil || !slices.Equal(conv.Participants, []int64{gone.ID, other.ID}) {
		t.Errorf("conversation after undo: participants %v, %v", conv.Participants, err)
	}
	if f, err := s.FollowUp(ctx, promise.ID); err != nil || !slices.Equal(f.Members, []int64{gone.ID}) {
		t.Errorf("follow-up members after undo = %v, %v", f.Members, err)
	}
	checkCopies(t, s)
	if err := s.UndoMerge(ctx, mergeID); !errors.Is(err, model.ErrConflict) {
		t.Errorf("UndoMerge twice = %v, want ErrConflict", err)
	}
}

func TestUndoMergeRefusesAfterAChange(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	keep := mustCreate(t, s, model.Member{Name: "Amara Okafor"})
	gone := mustCreate(t, s, model.Member{Name: "Amara O.", Emails: []string{"amara@example.org"}})
	mergeID, err := s.MergeMembers(ctx, keep.ID, gone.ID)
	if err != nil {
		t.Fatal(err)
	}
	m := allMembers(t, s)[keep.ID]
	m.Role = "maintainer"
	if err := s.UpdateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoMerge(ctx, mergeID); !errors.Is(err, model.ErrConflict) {
		t.Errorf("UndoMerge after a change = %v, want ErrConflict", err)
	}
	if got := allMembers(t, s)[keep.ID]; got.Role != "maintainer" || len(got.Emails) != 1 {
		t.Errorf("kept member after a refused undo: %+v", got)
	}
}

func TestMergeMembersRefuses(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	a := mustCreate(t, s, model.Member{Name: "Amara"})
	b := mustCreate(t, s, model.Member{Name: "Björn"})
	c := mustCreate(t, s, model.Member{Name: "Chen"})
	if err := s.TrashMember(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		keep, gone int64
		want       error
	}{
		{a.ID, a.ID, model.ErrInvalid},
		{a.ID, 99, model.ErrNotFound},
		{99, b.ID, model.ErrNotFound},
		{a.ID, c.ID, model.ErrConflict},
		{c.ID, a.ID, model.ErrConflict},
	}
	for _, tt := range tests {
		if _, err := s.MergeMembers(ctx, tt.keep, tt.gone); !errors.Is(err, tt.want) {
			t.Errorf("MergeMembers(%d, %d) = %v, want %v", tt.keep, tt.gone, err, tt.want)
		}
	}
	if err := s.UndoMerge(ctx, 42); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("UndoMerge(42) = %v, want ErrNotFound", err)
	}
}
