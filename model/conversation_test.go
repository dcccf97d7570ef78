package model

import (
	"errors"
	"slices"
	"testing"
	"time"
)

var berlin = time.FixedZone("UTC+1", 3600)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, berlin) }

func TestConversationValidate(t *testing.T) {
	valid := func() Conversation {
		return Conversation{At: date(2026, 11, 2), Channel: "chat", Participants: []int64{1}, Tone: "warm"}
	}
	tests := []struct {
		name   string
		edit   func(*Conversation)
		fields []string
	}{
		{"valid", func(*Conversation) {}, nil},
		{"no time", func(c *Conversation) { c.At = time.Time{} }, []string{FieldWhen}},
		{"unknown channel", func(c *Conversation) { c.Channel = "pigeon" }, []string{FieldChannel}},
		{"no participants", func(c *Conversation) { c.Participants = nil }, []string{FieldParticipants}},
		{"bad link", func(c *Conversation) { c.Link = "ftp://x" }, []string{FieldLink}},
		{"good link", func(c *Conversation) { c.Link = "https://forum.example.org/t/1" }, nil},
		{"unknown tone", func(c *Conversation) { c.Tone = "angry" }, []string{FieldTone}},
		{"no tone", func(c *Conversation) { c.Tone = "" }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := valid()
			tt.edit(&c)
			c.Normalize()
			assertFields(t, c.Validate(), tt.fields)
		})
	}
}

func TestConversationNormalize(t *testing.T) {
	c := Conversation{Channel: " Issue Tracker ", Participants: []int64{3, 1, 3}, Subject: " a  b "}
	c.Normalize()
	if c.Channel != "issue tracker" || c.Subject != "a b" || !slices.Equal(c.Participants, []int64{3, 1}) {
		t.Errorf("Normalize() = %+v, want channel %q, subject %q, participants [3 1]", c, "issue tracker", "a b")
	}
}

func TestFollowUpValidate(t *testing.T) {
	tests := []struct {
		name   string
		f      FollowUp
		fields []string
	}{
		{"valid", FollowUp{What: "send the slides", Due: date(2026, 12, 1), Members: []int64{2}}, nil},
		{"empty", FollowUp{}, []string{FieldWhat, FieldDue, FieldMembers}},
		{"bad status", FollowUp{What: "x", Due: date(2026, 12, 1), Members: []int64{2}, Status: "maybe"}, []string{FieldStatus}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assertFields(t, tt.f.Validate(), tt.fields) })
	}
}

func assertFields(t *testing.T, err error, want []string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("Validate() = %v, want nil", err)
		}
		return
	}
	var v ValidationError
	if !errors.As(err, &v) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("Validate() = %v, want a ValidationError", err)
	}
	var got []string
	for _, fe := range v {
		got = append(got, fe.Field)
	}
	if !slices.Equal(got, want) {
		t.Errorf("fields = %v, want %v", got, want)
	}
}

func TestUrgencyOf(t *testing.T) {
	now := time.Date(2026, 11, 28, 23, 30, 0, 0, berlin) // late evening: the day must not slip
	tests := []struct {
		due  time.Time
		want Urgency
	}{
		{date(2026, 11, 27), Late},
		{time.Date(2026, 11, 28, 0, 0, 0, 0, berlin), DueToday},
		{time.Date(2026, 11, 28, 22, 45, 0, 0, time.UTC), DueToday}, // 23:45 in Berlin
		{date(2026, 11, 29), DueThisWeek},
		{date(2026, 12, 4), DueThisWeek},
		{date(2026, 12, 5), DueLater},
	}
	for _, tt := range tests {
		if got := UrgencyOf(tt.due, now, berlin); got != tt.want {
			t.Errorf("UrgencyOf(%v) = %d, want %d", tt.due, got, tt.want)
		}
	}
}

func TestEffectiveCadence(t *testing.T) {
	defaults := map[string]int{"maintainer": 30, "newcomer": 14, "sponsor": 0}
	tests := []struct {
		name string
		own  int
		tags []string
		want int
	}{
		{"own wins", 60, []string{"newcomer"}, 60},
		{"shortest tag", 0, []string{"maintainer", "Newcomer"}, 14},
		{"tag without default", 0, []string{"sponsor"}, 90},
		{"no tags", 0, nil, 90},
	}
	for _, tt := range tests {
		if got := EffectiveCadence(tt.own, tt.tags, defaults, 90); got != tt.want {
			t.Errorf("%s: EffectiveCadence = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestNextCheckIn(t *testing.T) {
	added := date(2026, 1, 1)
	tests := []struct {
		name          string
		last, snoozed time.Time
		want          time.Time
	}{
		{"never contacted counts from added", time.Time{}, time.Time{}, date(2026, 1, 31)},
		{"from last contact", date(2026, 11, 1), time.Time{}, date(2026, 12, 1)},
		{"snooze pushes later", date(2026, 11, 1), date(2026, 12, 10), date(2026, 12, 10)},
		{"past snooze ignored", date(2026, 11, 1), date(2026, 11, 5), date(2026, 12, 1)},
	}
	for _, tt := range tests {
		if got := NextCheckIn(tt.last, added, 30, tt.snoozed); !got.Equal(tt.want) {
			t.Errorf("%s: NextCheckIn = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestGoingQuiet(t *testing.T) {
	weekly := []time.Time{date(2026, 10, 1), date(2026, 10, 8), date(2026, 10, 15), date(2026, 10, 22)}
	tests := []struct {
		name     string
		contacts []time.Time
		now      time.Time
		want     bool
	}{
		{"weekly, quiet for 10 days", weekly, date(2026, 11, 1), false},
		{"weekly, quiet for 15 days", weekly, date(2026, 11, 6), true},
		{"unordered input", []time.Time{weekly[3], weekly[0], weekly[2], weekly[1]}, date(2026, 11, 6), true},
		{"two conversations are no rhythm", weekly[:2], date(2027, 6, 1), false},
		{"quarterly member after 4 months is fine", []time.Time{date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1)}, date(2026, 11, 1), false},
		{"same-day burst uses a day floor", []time.Time{date(2026, 11, 1), date(2026, 11, 1), date(2026, 11, 1)}, date(2026, 11, 2), false},
	}
	for _, tt := range tests {
		if got, _, _ := GoingQuiet(tt.contacts, tt.now); got != tt.want {
			t.Errorf("%s: GoingQuiet = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestFollowUpNormalize(t *testing.T) {
	f := FollowUp{What: "  send the slides \n", Members: []int64{4, 2, 4, 2}, CreatedBy: " Sam   Rivera "}
	f.Normalize()
	if f.What != "send the slides" || f.CreatedBy != "Sam Rivera" || !slices.Equal(f.Members, []int64{4, 2}) {
		t.Errorf("Normalize() = %+v, want what %q, created by %q, members [4 2]", f, "send the slides", "Sam Rivera")
	}
}

func TestQuietAfter(t *testing.T) {
	weekly := []time.Time{date(2026, 10, 1), date(2026, 10, 8), date(2026, 10, 15), date(2026, 10, 22)}
	tests := []struct {
		name     string
		contacts []time.Time
		want     time.Time
	}{
		{"none", nil, time.Time{}},
		{"two are no rhythm", weekly[:2], time.Time{}},
		{"weekly", weekly, date(2026, 11, 5)},
		{"unordered", []time.Time{weekly[2], weekly[0], weekly[3], weekly[1]}, date(2026, 11, 5)},
		{"even gaps take the mean of the middle two", []time.Time{date(2026, 1, 1), date(2026, 1, 3), date(2026, 1, 9)}, date(2026, 1, 17)},
		{"same-day burst: a day is the floor", []time.Time{date(2026, 11, 1), date(2026, 11, 1), date(2026, 11, 1)}, date(2026, 11, 3)},
	}
	for _, tt := range tests {
		got := QuietAfter(tt.contacts)
		if !got.Equal(tt.want) {
			t.Errorf("%s: QuietAfter = %v, want %v", tt.name, got, tt.want)
		}
		if got.IsZero() {
			continue
		}
		// QuietAfter is exactly where GoingQuiet turns: a store that keeps it
		// agrees with the rule.
		if q, _, _ := GoingQuiet(tt.contacts, got); q {
			t.Errorf("%s: GoingQuiet at QuietAfter = true, want false", tt.name)
		}
		if q, _, _ := GoingQuiet(tt.contacts, got.Add(time.Nanosecond)); !q {
			t.Errorf("%s: GoingQuiet just after QuietAfter = false, want true", tt.name)
		}
	}
}

func TestConversationInTrash(t *testing.T) {
	if (Conversation{}).InTrash() || !(Conversation{TrashedAt: date(2026, 1, 1)}).InTrash() {
		t.Error("InTrash does not follow TrashedAt")
	}
}
