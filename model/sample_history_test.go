package model

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestSampleHistory(t *testing.T) {
	zone := time.FixedZone("UTC+2", 2*3600)
	now := time.Date(2025, 3, 14, 9, 26, 53, 0, zone)
	members := SampleCommunity(now)
	byID := map[int64]Member{}
	for i := range members {
		members[i].ID = int64(101 + 3*i) // IDs are not positions
		byID[members[i].ID] = members[i]
	}
	given := slices.Clone(members)
	convs, fus := SampleHistory(members, now)
	if !reflect.DeepEqual(members, given) {
		t.Error("SampleHistory changed the members it was given")
	}
	again, againFus := SampleHistory(members, now)
	if !reflect.DeepEqual(again, convs) || !reflect.DeepEqual(againFus, fus) {
		t.Error("SampleHistory differs between calls, want the same history every time")
	}

	contacts := map[int64][]time.Time{}
	subjects, channels, tones := map[string]bool{}, map[string]bool{}, map[string]bool{}
	groups := 0
	for i, c := range convs {
		if c.ID != int64(i+1) {
			t.Errorf("conversation %d has ID %d, want %d", i, c.ID, i+1)
		}
		n := c
		n.Normalize()
		if err := n.Validate(); err != nil || !reflect.DeepEqual(n, c) {
			t.Errorf("conversation %d (%q): Validate() = %v, normalized the same %v; want nil, true", c.ID, c.Subject, err, reflect.DeepEqual(n, c))
		}
		if i > 0 && c.At.Before(convs[i-1].At) {
			t.Errorf("conversation %d is before the one ahead of it", c.ID)
		}
		if !c.At.Before(now) || c.CreatedAt.Before(c.At) || c.CreatedAt.After(now) || c.UpdatedAt != c.CreatedAt {
			t.Errorf("conversation %d at %v, logged %v, updated %v; want before now (%v), logged after it", c.ID, c.At, c.CreatedAt, c.UpdatedAt, now)
		}
		if c.HandledBy != "" {
			t.Errorf("conversation %d handled by %q, want empty for the store to stamp", c.ID, c.HandledBy)
		}
		for _, p := range c.Participants {
			m, ok := byID[p]
			if !ok {
				t.Errorf("conversation %d: participant %d is not a member", c.ID, p)
			} else if c.At.Before(m.CreatedAt) {
				t.Errorf("conversation %d with %s at %v, before they entered the record (%v)", c.ID, m.Name, c.At, m.CreatedAt)
			}
			contacts[p] = append(contacts[p], c.At)
		}
		if len(c.Participants) > 1 {
			groups++
		}
		subjects[c.Subject], channels[c.Channel], tones[c.Tone] = true, true, true
	}
	if len(convs) == 0 {
		t.Fatal("SampleHistory made no conversation")
	}
	if first, last := convs[0].At, convs[len(convs)-1].At; first.After(now.AddDate(-2, 0, 14)) || last.Before(now.AddDate(0, 0, -3)) {
		t.Errorf("conversations span %v to %v, want the two years up to now (%v)", first, last, now)
	}

	today := Day(now, zone)
	urgent := map[Urgency]int{}
	statuses := map[FollowUpStatus]int{}
	for _, f := range fus {
		n := f
		n.Normalize()
		if err := n.Validate(); err != nil {
			t.Errorf("follow-up %q: Validate() = %v, want nil", f.What, err)
		}
		if f.ConversationID < 1 || f.ConversationID > int64(len(convs)) {
			t.Errorf("follow-up %q comes of conversation %d, not one of the %d", f.What, f.ConversationID, len(convs))
			continue
		}
		c := convs[f.ConversationID-1]
		for _, m := range f.Members {
			if !slices.Contains(c.Participants, m) {
				t.Errorf("follow-up %q is for member %d, who was not in conversation %d", f.What, m, c.ID)
			}
		}
		if !f.Due.Equal(Day(f.Due, zone)) || !f.Due.After(Day(c.At, zone).AddDate(0, 0, -1)) {
			t.Errorf("follow-up %q due %v, want a day in now's zone, not before its conversation (%v)", f.What, f.Due, c.At)
		}
		if f.CreatedAt != c.CreatedAt || f.StatusChangedAt.Before(f.CreatedAt) || f.StatusChangedAt.After(now) || f.CreatedBy != "" {
			t.Errorf("follow-up %q made %v by %q, status changed %v; want made with its conversation (%v), changed since, by nobody yet",
				f.What, f.CreatedAt, f.CreatedBy, f.StatusChangedAt, c.CreatedAt)
		}
		statuses[f.Status]++
		if f.Status == FollowUpOpen && f.Promise {
			urgent[UrgencyOf(f.Due, now, zone)]++
		}
	}

	quiet, never, once, checkIns := 0, 0, 0, 0
	for _, m := range members {
		ts := contacts[m.ID]
		if q, _, _ := GoingQuiet(ts, now); q {
			quiet++
		}
		switch len(ts) {
		case 0:
			never++
		case 1:
			once++
		}
		var last time.Time
		for _, at := range ts {
			if at.After(last) {
				last = at
			}
		}
		cadence := EffectiveCadence(m.CadenceDays, m.Tags, nil, DefaultSettings.DefaultCadenceDays)
		if !NextCheckIn(last, m.CreatedAt, cadence, time.Time{}).After(today.AddDate(0, 0, 1)) {
			checkIns++
		}
	}

	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"conversations", len(convs), 400},
		{"conversations with several members", groups, 5},
		{"different subjects", len(subjects), 40},
		{"channels", len(channels), 7},
		{"tones, none included", len(tones), 4},
		{"late promises", urgent[Late], 2},
		{"promises due today", urgent[DueToday], 1},
		{"promises due this week", urgent[DueThisWeek], 2},
		{"follow-ups done", statuses[FollowUpDone], 20},
		{"follow-ups dropped", statuses[FollowUpDropped], 2},
		{"members going quiet", quiet, 2},
		{"members never contacted", never, 2},
		{"members met once", once, 2},
		{"members due for a check-in", checkIns, 3},
	} {
		if c.got < c.want {
			t.Errorf("the sample history has %d %s, want at least %d", c.got, c.what, c.want)
		}
	}
	if quiet > len(members)/4 || never > len(members)/5 {
		t.Errorf("%d members going quiet and %d never contacted of %d: the sample looks neglected", quiet, never, len(members))
	}
	t.Logf("%d conversations (%d with several members), %d follow-ups %v, open promises %v; %d quiet, %d never contacted, %d met once, %d due for a check-in",
		len(convs), groups, len(fus), statuses, urgent, quiet, never, once, checkIns)
}
