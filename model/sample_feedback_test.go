package model

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestSampleFeedback(t *testing.T) {
	zone := time.FixedZone("UTC+2", 2*3600)
	now := time.Date(2025, 3, 14, 9, 26, 53, 0, zone)
	members := SampleCommunity(now)
	byID := map[int64]Member{}
	for i := range members {
		members[i].ID = int64(101 + 3*i)
		byID[members[i].ID] = members[i]
	}
	convs, _ := SampleHistory(members, now)
	items := SampleFeedback(members, convs, now)
	if again := SampleFeedback(members, convs, now); !reflect.DeepEqual(again, items) {
		t.Error("SampleFeedback differs between calls, want the same every time")
	}
	teams := SampleTeams()
	for _, tm := range teams {
		tm.Normalize()
		if err := tm.Validate(); err != nil {
			t.Errorf("team %q: %v", tm.Name, err)
		}
	}
	if n := len(items); n < 10 || n > 14 {
		t.Errorf("%d sample items, want about a dozen", n)
	}
	statuses := map[FeedbackStatus]int{}
	waiting, withConversation, withLink, several := 0, 0, 0, 0
	for i, it := range items {
		f := it.Feedback
		f.Normalize()
		if err := f.Validate(); err != nil || f.Status != FeedbackNew || f.TeamID < 1 || int(f.TeamID) > len(teams) {
			t.Errorf("item %q: Validate() = %v, status %q, team %d; want a valid new item of a sample team", f.Title, err, f.Status, f.TeamID)
		}
		members := map[int64]bool{}
		for _, r := range it.Raises {
			m, ok := byID[r.MemberID]
			if err := r.Validate(); err != nil || !ok {
				t.Errorf("item %q: raise %+v: Validate() = %v, member known %v", f.Title, r, err, ok)
			}
			closed := now
			for _, mv := range it.Moves {
				if ClosesLoop(mv.To) {
					closed = mv.At
				}
			}
			if r.Date.After(closed) || r.Date.Before(m.CreatedAt) {
				t.Errorf("item %q: %s raised it at %v; want after they came (%v) and before it closed (%v)", f.Title, m.Name, r.Date, m.CreatedAt, closed)
			}
			if r.ConversationID != 0 {
				withConversation++
				c := convs[r.ConversationID-1]
				if !slices.Contains(c.Participants, r.MemberID) || !c.At.Equal(r.Date) {
					t.Errorf("item %q: %s's raise from conversation %d, which they did not have then", f.Title, m.Name, c.ID)
				}
			} else if r.SourceLink != "" {
				withLink++
			}
			members[r.MemberID] = true
		}
		if len(members) > 1 {
			several++
		}
		from, last := FeedbackNew, f.CreatedAt
		f.TeamID = 1
		for _, mv := range it.Moves {
			f.Status = from
			if err := f.CheckMove(mv.To); err != nil || !mv.At.After(last) || mv.At.After(now) {
				t.Errorf("item %q: move %s → %s at %v: %v; want an allowed move after %v, before now", f.Title, from, mv.To, mv.At, err, last)
			}
			if (mv.To == FeedbackDuplicate) != (mv.DuplicateOf != 0) || mv.DuplicateOf > i {
				t.Errorf("item %q: move to %s duplicates item %d; want an earlier item, for a duplicate only", f.Title, mv.To, mv.DuplicateOf)
			}
			from, last = mv.To, mv.At
		}
		statuses[from]++
		for _, id := range it.Told {
			if !ClosesLoop(from) || !members[id] || it.ToldAt.Before(last) || it.ToldAt.After(now) {
				t.Errorf("item %q, %s: told %s at %v; want a member of a closed loop, told after it closed", f.Title, from, byID[id].Name, it.ToldAt)
			}
		}
		if (from == FeedbackShipped || from == FeedbackDeclined) && len(it.Told) < len(members) {
			waiting++
		}
	}
	for _, st := range FeedbackStatuses {
		if statuses[st] == 0 {
			t.Errorf("no sample item ends %s, want every status", st)
		}
	}
	if waiting == 0 || withConversation == 0 || withLink == 0 || several < 5 {
		t.Errorf("%d closed items with members not told, %d raises from conversations, %d from links, %d items raised by several; want some of each",
			waiting, withConversation, withLink, several)
	}
	if got := SampleFeedback(nil, nil, now); len(got) != 0 {
		t.Errorf("SampleFeedback without members = %d items, want none", len(got))
	}
}
