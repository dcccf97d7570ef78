package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"rapport/model"
)

func TestTimeline(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	a := mustCreate(t, s, newMember("Amara Okafor")).ID
	b := mustCreate(t, s, newMember("Björn Öberg")).ID
	day := func(n int) time.Time { return model.Day(daysAgo(n), time.UTC) }
	old := mustTalk(t, s, daysAgo(10), a)
	mustFollowUp(t, s, "long done", day(20), true, a)
	dueLastWeek := mustFollowUp(t, s, "due last week", day(7), false, a, b)
	both := mustTalk(t, s, daysAgo(5), b, a)
	recent := mustTalk(t, s, daysAgo(1), a)
	ahead := mustFollowUp(t, s, "due in three days", day(-3), true, a)
	mustTalk(t, s, daysAgo(2), b)            // not Amara's
	deleted := mustTalk(t, s, daysAgo(3), a) // deleted below
	sameDay := mustFollowUp(t, s, "due the day of the old talk", day(10), false, a)
	if err := s.DeleteConversation(ctx, deleted.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFollowUpStatus(ctx, 1, model.FollowUpDone); err != nil {
		t.Fatal(err)
	}
	// Newest first; a follow-up stands on its due day, below the
	// conversations of that day.
	want := []string{
		"follow-up " + ahead.What,
		fmt.Sprint("conversation ", recent.ID),
		fmt.Sprint("conversation ", both.ID),
		"follow-up " + dueLastWeek.What,
		fmt.Sprint("conversation ", old.ID),
		"follow-up " + sameDay.What,
		"follow-up long done",
	}
	describe := func(es []model.TimelineEntry) []string {
		var out []string
		for _, e := range es {
			switch {
			case e.Conversation != nil && e.FollowUp == nil:
				out = append(out, fmt.Sprint("conversation ", e.Conversation.ID))
				if !e.At.Equal(e.Conversation.At) {
					t.Errorf("conversation %d stands at %v, want %v", e.Conversation.ID, e.At, e.Conversation.At)
				}
			case e.FollowUp != nil && e.Conversation == nil:
				out = append(out, "follow-up "+e.FollowUp.What)
				if !e.At.Equal(e.FollowUp.Due) {
					t.Errorf("follow-up %q stands at %v, want its due day %v", e.FollowUp.What, e.At, e.FollowUp.Due)
				}
			default:
				t.Errorf("entry %+v is not one conversation or one follow-up", e)
			}
		}
		return out
	}
	all, err := s.Timeline(ctx, a, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if got := describe(all); !slices.Equal(got, want) {
		t.Errorf("Timeline = %q\nwant %q", got, want)
	}
	for _, e := range all {
		if e.Conversation != nil && e.Conversation.ID == both.ID && !slices.Equal(e.Conversation.Names, []string{"Björn Öberg", "Amara Okafor"}) {
			t.Errorf("names of the shared conversation = %q", e.Conversation.Names)
		}
		if e.FollowUp != nil && e.FollowUp.ID == dueLastWeek.ID && !slices.Equal(e.FollowUp.Names, []string{"Amara Okafor", "Björn Öberg"}) {
			t.Errorf("names of the shared follow-up = %q", e.FollowUp.Names)
		}
	}
	for _, limit := range []int{1, 2, 3} {
		var got []string
		for offset := 0; offset < len(want)+limit; offset += limit {
			page, err := s.Timeline(ctx, a, offset, limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) > limit {
				t.Errorf("page of %d holds %d", limit, len(page))
			}
			got = append(got, describe(page)...)
		}
		if !slices.Equal(got, want) {
			t.Errorf("pages of %d = %q\nwant %q", limit, got, want)
		}
	}

	// A member in the trash keeps their timeline; one not in the record has
	// none.
	if err := s.TrashMember(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Timeline(ctx, a, 0, 100); err != nil || len(got) != len(want) {
		t.Errorf("timeline of a trashed member = %d entries, %v; want %d", len(got), err, len(want))
	}
	if _, err := s.Timeline(ctx, 404, 0, 10); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Timeline(404) = %v, want ErrNotFound", err)
	}
}
