package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// How the forms write a moment and a day, and read them back.
const (
	whenFormat = "2006-01-02 15:04"
	dayFormat  = "2006-01-02"
)

// parseWhen reads when something took place, as a person types it:
// "2026-11-28 14:30", "2026-11-28" (at noon), "today", "yesterday", "now",
// each of the last optionally followed by a time ("yesterday 9:30"), or just a
// time ("14:30", today). now is the moment the form takes for "now", and its
// zone the one the answer is in.
func parseWhen(s string, now time.Time) (time.Time, error) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	if s == "" {
		return time.Time{}, fmt.Errorf("is required")
	}
	loc := now.Location()
	for _, layout := range []string{whenFormat, "2006-01-02T15:04", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	if t, err := time.ParseInLocation(dayFormat, s, loc); err == nil {
		return t.Add(12 * time.Hour), nil
	}
	word, clock, _ := strings.Cut(s, " ")
	var day time.Time
	switch word {
	case "now", "today":
		day = now
	case "yesterday":
		day = now.AddDate(0, 0, -1)
	default:
		if h, m, ok := parseClock(s); ok {
			return time.Date(now.Year(), now.Month(), now.Day(), h, m, 0, 0, loc), nil
		}
		return time.Time{}, fmt.Errorf("%q is not a time like 2026-11-28 14:30, today or yesterday", s)
	}
	if clock == "" {
		return day, nil
	}
	h, m, ok := parseClock(clock)
	if !ok {
		return time.Time{}, fmt.Errorf("%q is not a time of day like 14:30", clock)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, loc), nil
}

// parseClock reads a time of day: "14:30", "9:05", "9".
func parseClock(s string) (hour, minute int, ok bool) {
	hs, ms, hasMinutes := strings.Cut(strings.TrimSpace(s), ":")
	h, err := strconv.Atoi(hs)
	if err != nil || h < 0 || h > 23 || len(hs) > 2 {
		return 0, 0, false
	}
	if !hasMinutes {
		return h, 0, true
	}
	m, err := strconv.Atoi(ms)
	if err != nil || m < 0 || m > 59 || len(ms) != 2 {
		return 0, 0, false
	}
	return h, m, true
}

// parseDay reads a due day: "2026-12-01", "today", "tomorrow", "in 3 days",
// "in 2 weeks", "in a month", "next week", "next month", or a weekday's name
// (the next one to come). The day is returned at noon in now's zone, so that
// it names the same calendar day wherever it is read.
func parseDay(s string, now time.Time) (time.Time, error) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	if s == "" {
		return time.Time{}, fmt.Errorf("is required")
	}
	loc := now.Location()
	today := time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, loc)
	if t, err := time.ParseInLocation(dayFormat, s, loc); err == nil {
		return t.Add(12 * time.Hour), nil
	}
	switch s {
	case "today":
		return today, nil
	case "tomorrow":
		return today.AddDate(0, 0, 1), nil
	case "next week":
		return today.AddDate(0, 0, 7), nil
	case "next month":
		return today.AddDate(0, 1, 0), nil
	}
	if rest, ok := strings.CutPrefix(s, "in "); ok {
		n, unit, _ := strings.Cut(rest, " ")
		count, err := strconv.Atoi(n)
		if n == "a" || n == "an" || n == "one" {
			count, err = 1, nil
		}
		if err == nil && count >= 0 && count <= 3650 {
			switch strings.TrimSuffix(unit, "s") {
			case "day":
				return today.AddDate(0, 0, count), nil
			case "week":
				return today.AddDate(0, 0, 7*count), nil
			case "month":
				return today.AddDate(0, count, 0), nil
			}
		}
	}
	for d := 1; d <= 7; d++ {
		day := today.AddDate(0, 0, d)
		if name := strings.ToLower(day.Weekday().String()); s == name || s == name[:3] {
			return day, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a day like 2026-12-01, tomorrow or in 2 weeks", s)
}

// relativeDay says how a day stands against today: "today", "tomorrow",
// "3 days late", "in 5 days", or the date further out.
func relativeDay(day, today time.Time) string {
	d := calendarDays(today, day)
	switch {
	case d == 0:
		return "due today"
	case d == 1:
		return "due tomorrow"
	case d == -1:
		return "a day late"
	case d < 0:
		return fmt.Sprintf("%d days late", -d)
	case d < 7:
		return "due " + day.Format("Monday")
	}
	return "due " + day.Format(dateFormat)
}

// calendarDays is how many calendar days b is after a (negative when before).
func calendarDays(a, b time.Time) int {
	ad := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	bd := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(bd.Sub(ad).Hours() / 24)
}

// sinceText says how long ago t was, in the words people use: "today",
// "yesterday", "12 days ago", "3 months ago", "2 years ago".
func sinceText(t, now time.Time) string {
	d := calendarDays(t, now)
	switch {
	case d <= 0:
		return "today"
	case d == 1:
		return "yesterday"
	case d < 60:
		return fmt.Sprintf("%d days ago", d)
	case d < 730:
		return fmt.Sprintf("%d months ago", d/30)
	}
	return fmt.Sprintf("%d years ago", d/365)
}

// startOfDay is midnight at the start of t's day, in t's zone.
func startOfDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}
