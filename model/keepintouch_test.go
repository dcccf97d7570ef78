package model

import (
	"testing"
	"time"
)

// A due date is a calendar day in the manager's zone, so the days around a
// daylight-saving change must neither slip nor double.
func TestUrgencyAcrossDaylightSaving(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	// Clocks go forward at 02:00 on 29 March 2026 and back at 03:00 on 25 October.
	tests := []struct {
		name string
		now  time.Time
		due  time.Time
		want Urgency
	}{
		{"spring night, same day", time.Date(2026, 3, 29, 1, 30, 0, 0, berlin), time.Date(2026, 3, 29, 0, 0, 0, 0, berlin), DueToday},
		{"spring, day before", time.Date(2026, 3, 29, 23, 59, 0, 0, berlin), time.Date(2026, 3, 28, 0, 0, 0, 0, berlin), Late},
		{"spring, sixth day after", time.Date(2026, 3, 29, 12, 0, 0, 0, berlin), time.Date(2026, 4, 4, 0, 0, 0, 0, berlin), DueThisWeek},
		{"spring, seventh day after", time.Date(2026, 3, 29, 12, 0, 0, 0, berlin), time.Date(2026, 4, 5, 0, 0, 0, 0, berlin), DueLater},
		{"autumn, the long night", time.Date(2026, 10, 25, 2, 30, 0, 0, berlin), time.Date(2026, 10, 25, 0, 0, 0, 0, berlin), DueToday},
		{"autumn, midnight of the next day", time.Date(2026, 10, 26, 0, 0, 0, 0, berlin), time.Date(2026, 10, 25, 0, 0, 0, 0, berlin), Late},
		{"stored as UTC, read in Berlin", time.Date(2026, 10, 25, 23, 30, 0, 0, berlin), time.Date(2026, 10, 25, 22, 30, 0, 0, time.UTC), DueToday},
	}
	for _, tt := range tests {
		if got := UrgencyOf(tt.due, tt.now, berlin); got != tt.want {
			t.Errorf("%s: UrgencyOf(%v, %v) = %d, want %d", tt.name, tt.due, tt.now, got, tt.want)
		}
	}
}

// A cadence counts calendar days: across a clock change the check-in falls on
// the same wall-clock time, not 23 or 25 hours off.
func TestNextCheckInAcrossDaylightSaving(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	last := time.Date(2026, 3, 20, 10, 0, 0, 0, berlin)
	got := NextCheckIn(last, time.Time{}, 14, time.Time{})
	if want := time.Date(2026, 4, 3, 10, 0, 0, 0, berlin); !got.Equal(want) {
		t.Errorf("NextCheckIn(%v, 14 days) = %v, want %v", last, got, want)
	}
	if got := Day(got, berlin); got.Day() != 3 || got.Month() != time.April {
		t.Errorf("Day(check-in) = %v, want 3 April", got)
	}
}

func TestGoingQuietRhythms(t *testing.T) {
	day := func(n int) time.Time { return time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, n) }
	tests := []struct {
		name     string
		contacts []time.Time
		now      time.Time
		want     bool
	}{
		// Irregular: gaps of 1, 2, 30 and 60 days; the median is 16 days, so
		// silence counts against 32 days.
		{"irregular, 31 days silent", []time.Time{day(0), day(1), day(3), day(33), day(93)}, day(124), false},
		{"irregular, 33 days silent", []time.Time{day(0), day(1), day(3), day(33), day(93)}, day(126), true},
		{"new member met once", []time.Time{day(0)}, day(400), false},
		{"new member met twice", []time.Time{day(0), day(7)}, day(400), false},
		{"never contacted", nil, day(400), false},
		{"monthly member, a month late", []time.Time{day(0), day(30), day(60), day(90)}, day(150), false},
		{"monthly member, two months and a day late", []time.Time{day(0), day(30), day(60), day(90)}, day(151), true},
	}
	for _, tt := range tests {
		if got, _, _ := GoingQuiet(tt.contacts, tt.now); got != tt.want {
			t.Errorf("%s: GoingQuiet = %v, want %v", tt.name, got, tt.want)
		}
	}
}
