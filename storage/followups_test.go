package storage

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"rapport/model"
)

func TestFollowUpRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	s.Now = func() time.Time { return fixedNow.In(honolulu) }
	if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
		t.Fatal(err)
	}
	amara := mustCreate(t, s, newMember("Amara Okafor")).ID
	chen := mustCreate(t, s, newMember("Chen Wei")).ID
	c := mustTalk(t, s, daysAgo(1), amara)
	f := model.FollowUp{
		What: "  Send the slides\n", Promise: true, Members: []int64{chen, amara, chen}, ConversationID: c.ID,
		// 03:00 UTC on the 20th is still the 19th in Honolulu.
		Due: time.Date(2025, 3, 20, 3, 0, 0, 0, time.UTC),
	}
	if err := s.CreateFollowUp(ctx, &f); err != nil {
		t.Fatalf("CreateFollowUp: %v", err)
	}
	want := model.FollowUp{
		ID: f.ID, What: "Send the slides", Promise: true, Members: []int64{chen, amara}, ConversationID: c.ID,
		Due: time.Date(2025, 3, 19, 0, 0, 0, 0, honolulu), Status: model.FollowUpOpen,
		StatusChangedAt: fixedNow, CreatedBy: "Sam Rivera", CreatedAt: fixedNow,
	}
	check := func(where string, got model.FollowUp) {
		t.Helper()
		if got.ID != want.ID || got.What != want.What || got.Promise != want.Promise || !slices.Equal(got.Members, want.Members) ||
			got.ConversationID != want.ConversationID || !got.Due.Equal(want.Due) || got.Status != want.Status ||
			!got.StatusChangedAt.Equal(want.StatusChangedAt) || got.CreatedBy != want.CreatedBy || !got.CreatedAt.Equal(want.CreatedAt) {
			t.Errorf("%s = %+v\nwant %+v", where, got, want)
		}
	}
	check("after CreateFollowUp", f)
	got, err := s.FollowUp(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	check("FollowUp", got)
	page, err := s.FollowUps(ctx, model.FollowUpFilter{})
	if err != nil || len(page) != 1 {
		t.Fatalf("FollowUps = %d, %v; want the follow-up", len(page), err)
	}
	check("FollowUps()[0]", page[0].FollowUp)
	if !slices.Equal(page[0].Names, []string{"Chen Wei", "Amara Okafor"}) {
		t.Errorf("Names = %q, want both members in order", page[0].Names)
	}

	// An update changes what was asked, and keeps the status and the stamps.
	if err := s.SetFollowUpStatus(ctx, f.ID, model.FollowUpDone); err != nil {
		t.Fatal(err)
	}
	edit := f
	edit.What, edit.Members, edit.ConversationID, edit.Promise = "Send the recording", []int64{amara}, 0, false
	edit.Status, edit.CreatedBy = model.FollowUpOpen, "Someone Else"
	at(s, fixedNow.Add(time.Hour), func() {
		if err := s.UpdateFollowUp(ctx, &edit); err != nil {
			t.Fatal(err)
		}
	})
	want.What, want.Members, want.ConversationID, want.Promise, want.Status = "Send the recording", []int64{amara}, 0, false, model.FollowUpDone
	check("after UpdateFollowUp", edit)
	got, err = s.FollowUp(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	check("FollowUp after update", got)
}

func TestFollowUpStatus(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	m := mustCreate(t, s, newMember("Amara")).ID
	f := mustFollowUp(t, s, "review the pull request", fixedNow, true, m)
	steps := []struct {
		status  model.FollowUpStatus
		at      time.Time
		wantAt  time.Time
		listed  model.FollowUpStatus // the status filter that lists it
		hidden  model.FollowUpStatus // one that does not
		comment string
	}{
		{model.FollowUpDone, fixedNow.Add(time.Hour), fixedNow.Add(time.Hour), model.FollowUpDone, model.FollowUpOpen, "done"},
		{model.FollowUpDone, fixedNow.Add(2 * time.Hour), fixedNow.Add(time.Hour), model.FollowUpDone, model.FollowUpOpen, "done again keeps the time"},
		{model.FollowUpOpen, fixedNow.Add(3 * time.Hour), fixedNow.Add(3 * time.Hour), model.FollowUpOpen, model.FollowUpDone, "opened again"},
		{model.FollowUpDropped, fixedNow.Add(4 * time.Hour), fixedNow.Add(4 * time.Hour), model.FollowUpDropped, model.FollowUpOpen, "dropped"},
	}
	for _, st := range steps {
		at(s, st.at, func() {
			if err := s.SetFollowUpStatus(ctx, f.ID, st.status); err != nil {
				t.Fatalf("%s: %v", st.comment, err)
			}
		})
		got, err := s.FollowUp(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != st.status || !got.StatusChangedAt.Equal(st.wantAt) {
			t.Errorf("%s: status %q changed at %v, want %q at %v", st.comment, got.Status, got.StatusChangedAt, st.status, st.wantAt)
		}
		for status, want := range map[model.FollowUpStatus]int{st.listed: 1, st.hidden: 0} {
			if n, err := s.CountFollowUps(ctx, model.FollowUpFilter{Status: status}); err != nil || n != want {
				t.Errorf("%s: CountFollowUps(%s) = %d, %v; want %d", st.comment, status, n, err, want)
			}
		}
	}
	if err := s.SetFollowUpStatus(ctx, f.ID, "maybe"); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("SetFollowUpStatus(maybe) = %v, want ErrInvalid", err)
	}
	if err := s.SetFollowUpStatus(ctx, 404, model.FollowUpDone); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("SetFollowUpStatus(404) = %v, want ErrNotFound", err)
	}
}

func TestFollowUpRefused(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	m := mustCreate(t, s, newMember("Amara")).ID
	tests := []struct {
		name string
		f    model.FollowUp
		is   error
	}{
		{"empty", model.FollowUp{What: "   "}, model.ErrInvalid},
		{"bad status", model.FollowUp{What: "x", Due: fixedNow, Members: []int64{m}, Status: "later"}, model.ErrInvalid},
		{"unknown member", model.FollowUp{What: "x", Due: fixedNow, Members: []int64{404}}, model.ErrNotFound},
		{"unknown conversation", model.FollowUp{What: "x", Due: fixedNow, Members: []int64{m}, ConversationID: 404}, model.ErrNotFound},
	}
	for _, tt := range tests {
		f := tt.f
		if err := s.CreateFollowUp(ctx, &f); !errors.Is(err, tt.is) {
			t.Errorf("%s: CreateFollowUp = %v, want %v", tt.name, err, tt.is)
		}
		if f.ID != 0 {
			t.Errorf("%s: ID = %d after a refused create, want 0", tt.name, f.ID)
		}
	}
	missing := model.FollowUp{ID: 404, What: "x", Due: fixedNow, Members: []int64{m}}
	if err := s.UpdateFollowUp(ctx, &missing); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("UpdateFollowUp(404) = %v, want ErrNotFound", err)
	}
	if _, err := s.FollowUp(ctx, 404); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("FollowUp(404) = %v, want ErrNotFound", err)
	}
	if n, err := s.CountFollowUps(ctx, model.FollowUpFilter{}); err != nil || n != 0 {
		t.Errorf("CountFollowUps = %d, %v after refused creates; want 0", n, err)
	}
}

func TestFollowUpsFilterAndPages(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	const members, followUps = 30, 400
	fillRecord(t, s, members)
	fillHistory(t, s, members, 100, followUps)
	trashed := int64(4)
	if err := s.TrashMember(ctx, trashed); err != nil {
		t.Fatal(err)
	}
	// Every follow-up, read one by one: what the filters are checked against.
	var all []model.FollowUpItem
	for id := int64(1); id <= followUps; id++ {
		f, err := s.FollowUp(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, model.FollowUpItem{FollowUp: f})
	}
	slices.SortFunc(all, func(a, b model.FollowUpItem) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	hiddenWithTrash := func(f model.FollowUpItem) bool { return slices.Equal(f.Members, []int64{trashed}) }
	// The conversation most follow-ups came of, and a member of its first.
	came := map[int64]int{}
	var busy int64
	for _, f := range all {
		if c := f.ConversationID; c != 0 {
			if came[c]++; came[c] > came[busy] {
				busy = c
			}
		}
	}
	var busyMember int64
	for _, f := range all {
		if f.ConversationID == busy && busyMember == 0 {
			busyMember = f.Members[0]
		}
	}
	before := model.Day(fixedNow, time.UTC).AddDate(0, 0, -30)
	tests := []struct {
		name string
		f    model.FollowUpFilter
		keep func(model.FollowUpItem) bool
	}{
		{"all", model.FollowUpFilter{}, func(f model.FollowUpItem) bool { return !hiddenWithTrash(f) }},
		{"open", model.FollowUpFilter{Status: model.FollowUpOpen},
			func(f model.FollowUpItem) bool { return f.Status == model.FollowUpOpen && !hiddenWithTrash(f) }},
		{"dropped promises", model.FollowUpFilter{Status: model.FollowUpDropped, Promise: true},
			func(f model.FollowUpItem) bool {
				return f.Status == model.FollowUpDropped && f.Promise && !hiddenWithTrash(f)
			}},
		{"due before", model.FollowUpFilter{DueBefore: before},
			func(f model.FollowUpItem) bool { return f.Due.Before(before) && !hiddenWithTrash(f) }},
		{"member", model.FollowUpFilter{MemberID: 9}, func(f model.FollowUpItem) bool { return slices.Contains(f.Members, 9) }},
		{"member in the trash keeps theirs", model.FollowUpFilter{MemberID: trashed, Status: model.FollowUpOpen},
			func(f model.FollowUpItem) bool {
				return slices.Contains(f.Members, trashed) && f.Status == model.FollowUpOpen
			}},
		{"conversation", model.FollowUpFilter{ConversationID: busy},
			func(f model.FollowUpItem) bool { return f.ConversationID == busy }},
		{"conversation's done", model.FollowUpFilter{ConversationID: busy, Status: model.FollowUpDone},
			func(f model.FollowUpItem) bool { return f.ConversationID == busy && f.Status == model.FollowUpDone }},
		{"member's of a conversation", model.FollowUpFilter{MemberID: busyMember, ConversationID: busy},
			func(f model.FollowUpItem) bool {
				return f.ConversationID == busy && slices.Contains(f.Members, busyMember)
			}},
		{"member's open promises due before", model.FollowUpFilter{MemberID: 9, Status: model.FollowUpOpen, Promise: true, DueBefore: fixedNow.AddDate(0, 0, 60)},
			func(f model.FollowUpItem) bool {
				return slices.Contains(f.Members, 9) && f.Status == model.FollowUpOpen && f.Promise
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []int64
			for _, f := range all {
				if tt.keep(f) {
					want = append(want, f.ID)
				}
			}
			if len(want) == 0 {
				t.Fatal("the filter keeps nothing; the test needs some")
			}
			var got []int64
			f := tt.f
			for f.Limit, f.Offset = 9, 0; f.Offset < len(want)+9; f.Offset += 9 {
				page, err := s.FollowUps(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, fu := range page {
					got = append(got, fu.ID)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("pages of %+v = %v\nwant %v", tt.f, got, want)
			}
			if n, err := s.CountFollowUps(ctx, tt.f); err != nil || n != len(want) {
				t.Errorf("CountFollowUps(%+v) = %d, %v; want %d", tt.f, n, err, len(want))
			}
		})
	}
	open, err := s.OpenFollowUps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountFollowUps(ctx, model.FollowUpFilter{Status: model.FollowUpOpen}); len(open) != n || n == 0 {
		t.Errorf("OpenFollowUps = %d follow-ups, want %d", len(open), n)
	}
	for _, f := range open {
		if f.Status != model.FollowUpOpen || len(f.Names) != len(f.Members) || hiddenWithTrash(f) {
			t.Errorf("OpenFollowUps holds %+v", f)
		}
	}
}
