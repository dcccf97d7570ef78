package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Field names of conversations and follow-ups.
const (
	FieldWhen         = "when"
	FieldChannel      = "channel"
	FieldParticipants = "participants"
	FieldLink         = "link"
	FieldTone         = "tone"
	FieldWhat         = "what"
	FieldDue          = "due"
	FieldMembers      = "members"
	FieldStatus       = "status"
)

// Channels where a conversation can take place.
var Channels = []string{"forum", "chat", "email", "call", "video", "event", "issue tracker", "in person", "other"}

// Tones a conversation can be remembered by; "" means not noted.
var Tones = []string{"warm", "neutral", "tense"}

// Conversation is one exchange with one or more members.
type Conversation struct {
	ID           int64
	At           time.Time
	Channel      string // one of Channels
	Subject      string
	Notes        string
	Link         string
	Participants []int64 // member IDs, at least one
	HandledBy    string  // the manager who had the conversation
	Tone         string  // one of Tones or ""
	CreatedAt    time.Time
	UpdatedAt    time.Time
	TrashedAt    time.Time // zero unless the conversation was deleted and can be restored
}

// InTrash reports whether the conversation was deleted and can still be restored.
func (c Conversation) InTrash() bool { return !c.TrashedAt.IsZero() }

// Normalize trims what the user typed and drops repeated participants.
func (c *Conversation) Normalize() {
	c.Channel = strings.ToLower(strings.TrimSpace(c.Channel))
	c.Tone = strings.ToLower(strings.TrimSpace(c.Tone))
	c.Subject = strings.Join(strings.Fields(c.Subject), " ")
	c.HandledBy = strings.Join(strings.Fields(c.HandledBy), " ")
	c.Notes = strings.TrimSpace(c.Notes)
	c.Link = strings.TrimSpace(c.Link)
	var ps []int64
	for _, id := range c.Participants {
		if !slices.Contains(ps, id) {
			ps = append(ps, id)
		}
	}
	c.Participants = ps
}

// Validate returns a ValidationError naming every wrong field, or nil.
func (c Conversation) Validate() error {
	var v ValidationError
	if c.At.IsZero() {
		v = append(v, FieldError{FieldWhen, "is required"})
	}
	if !slices.Contains(Channels, c.Channel) {
		v = append(v, FieldError{FieldChannel, fmt.Sprintf("must be one of %s", strings.Join(Channels, ", "))})
	}
	if len(c.Participants) == 0 {
		v = append(v, FieldError{FieldParticipants, "needs at least one member"})
	}
	if c.Link != "" {
		if err := CheckURL(c.Link); err != nil {
			v = append(v, FieldError{FieldLink, err.Error()})
		}
	}
	if c.Tone != "" && !slices.Contains(Tones, c.Tone) {
		v = append(v, FieldError{FieldTone, fmt.Sprintf("must be one of %s, or empty", strings.Join(Tones, ", "))})
	}
	if len(v) == 0 {
		return nil
	}
	return v
}

// FollowUpStatus is where a follow-up stands.
type FollowUpStatus string

// Follow-up statuses. Done and dropped keep their history.
const (
	FollowUpOpen    FollowUpStatus = "open"
	FollowUpDone    FollowUpStatus = "done"
	FollowUpDropped FollowUpStatus = "dropped"
)

// FollowUp is something the manager means to do for or with members. When Promise
// is set it is owed to them, and shown as a promise.
type FollowUp struct {
	ID              int64
	What            string
	Due             time.Time // a day; the time of day is ignored
	Members         []int64
	ConversationID  int64 // 0 when it came from no conversation
	Promise         bool
	Status          FollowUpStatus
	StatusChangedAt time.Time
	CreatedBy       string
	CreatedAt       time.Time
	// Owner is the manager the follow-up is up to now, when promises were
	// given to another (a take-over); "" means CreatedBy, which is never
	// rewritten.
	Owner string
}

// OwnedBy is the manager the follow-up is up to now.
func (f FollowUp) OwnedBy() string {
	if f.Owner != "" {
		return f.Owner
	}
	return f.CreatedBy
}

// Normalize trims what the user typed and drops repeated members.
func (f *FollowUp) Normalize() {
	f.What = strings.TrimSpace(f.What)
	f.CreatedBy = strings.Join(strings.Fields(f.CreatedBy), " ")
	f.Owner = strings.Join(strings.Fields(f.Owner), " ")
	var ms []int64
	for _, id := range f.Members {
		if !slices.Contains(ms, id) {
			ms = append(ms, id)
		}
	}
	f.Members = ms
}

// Validate returns a ValidationError naming every wrong field, or nil.
func (f FollowUp) Validate() error {
	var v ValidationError
	if strings.TrimSpace(f.What) == "" {
		v = append(v, FieldError{FieldWhat, "is required"})
	}
	if f.Due.IsZero() {
		v = append(v, FieldError{FieldDue, "is required"})
	}
	if len(f.Members) == 0 {
		v = append(v, FieldError{FieldMembers, "needs at least one member"})
	}
	switch f.Status {
	case FollowUpOpen, FollowUpDone, FollowUpDropped, "":
	default:
		v = append(v, FieldError{FieldStatus, fmt.Sprintf("%q is not open, done or dropped", f.Status)})
	}
	if len(v) == 0 {
		return nil
	}
	return v
}

// Urgency sorts open follow-ups for Today.
type Urgency int

// Urgencies, most pressing first.
const (
	Late Urgency = iota
	DueToday
	DueThisWeek
	DueLater
)

// UrgencyOf places a due day against today in loc: late before today, due today,
// due within the next seven days, or later.
func UrgencyOf(due, now time.Time, loc *time.Location) Urgency {
	d, today := Day(due, loc), Day(now, loc)
	switch {
	case d.Before(today):
		return Late
	case d.Equal(today):
		return DueToday
	case d.Before(today.AddDate(0, 0, 7)):
		return DueThisWeek
	default:
		return DueLater
	}
}

// Day is midnight of t's calendar day in loc.
func Day(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// EffectiveCadence is the keep-in-touch cadence that applies to a member: their
// own, else the shortest default among their tags, else the record's default.
func EffectiveCadence(own int, tags []string, tagDefaults map[string]int, recordDefault int) int {
	if own > 0 {
		return own
	}
	best := 0
	for _, t := range tags {
		for name, days := range tagDefaults {
			if days > 0 && strings.EqualFold(name, t) && (best == 0 || days < best) {
				best = days
			}
		}
	}
	if best > 0 {
		return best
	}
	return recordDefault
}

// NextCheckIn is when a member is due for a check-in: cadence days after the last
// contact (or after they were added, if never contacted), but not before a snooze
// ends.
func NextCheckIn(lastContact, added time.Time, cadenceDays int, snoozeUntil time.Time) time.Time {
	from := lastContact
	if from.IsZero() {
		from = added
	}
	next := from.AddDate(0, 0, cadenceDays)
	if snoozeUntil.After(next) {
		return snoozeUntil
	}
	return next
}

// MinContactsForRhythm is how many conversations a member needs before their own
// rhythm can say they are going quiet.
const MinContactsForRhythm = 3

// GoingQuiet reports whether a member's silence since their last conversation is
// long against their own rhythm: more than twice the median gap between their
// conversations. It needs MinContactsForRhythm conversations; a member with fewer
// is never "quiet" (they are on the never-contacted or check-in lists instead).
// contacts may be in any order.
func GoingQuiet(contacts []time.Time, now time.Time) (quiet bool, silence, median time.Duration) {
	last, median, ok := rhythm(contacts)
	if !ok {
		return false, 0, 0
	}
	return now.After(quietAfter(last, median)), now.Sub(last), median
}

// QuietAfter is the moment after which GoingQuiet reports a member with these
// conversations quiet, or zero when they are too few to have a rhythm. A store
// keeps it per member, so that finding who is going quiet reads no
// conversation.
func QuietAfter(contacts []time.Time) time.Time {
	last, median, ok := rhythm(contacts)
	if !ok {
		return time.Time{}
	}
	return quietAfter(last, median)
}

// rhythm is the last of a member's conversations and the median gap between
// them; ok is false with fewer than MinContactsForRhythm.
func rhythm(contacts []time.Time) (last time.Time, median time.Duration, ok bool) {
	if len(contacts) < MinContactsForRhythm {
		return time.Time{}, 0, false
	}
	ts := slices.Clone(contacts)
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	gaps := make([]time.Duration, 0, len(ts)-1)
	for i := 1; i < len(ts); i++ {
		gaps = append(gaps, ts[i].Sub(ts[i-1]))
	}
	slices.Sort(gaps)
	n := len(gaps)
	median = gaps[n/2]
	if n%2 == 0 {
		median = (gaps[n/2-1] + gaps[n/2]) / 2
	}
	return ts[len(ts)-1], median, true
}

// quietAfter is twice the median gap after the last conversation.
func quietAfter(last time.Time, median time.Duration) time.Time {
	// A rhythm of same-day bursts says nothing about silence; a day is the floor.
	return last.Add(2 * max(median, 24*time.Hour))
}

// ConversationFilter selects a page of conversations, newest first.
type ConversationFilter struct {
	Channel   string    // one of Channels; empty for all
	HandledBy string    // the manager who had them, without case; empty for all
	From, To  time.Time // From inclusive, To exclusive; zero leaves that end open
	MemberID  int64     // only those with this participant; 0 for all
	Trashed   bool      // the deleted conversations instead of the living
	Offset    int
	Limit     int // 0 means DefaultPageSize
}

// FollowUpFilter selects a page of follow-ups, soonest due first.
type FollowUpFilter struct {
	Status         FollowUpStatus // empty for every status
	MemberID       int64          // only those for this member; 0 for all
	ConversationID int64          // only those that came of this conversation; 0 for all
	Promise        bool           // only promises
	DueBefore      time.Time      // only those due before this day; zero for all
	Offset         int
	Limit          int // 0 means DefaultPageSize
}

// ConversationItem is a conversation as lists show it: with the names of its
// participants, in the order of Participants.
type ConversationItem struct {
	Conversation
	Names []string
}

// FollowUpItem is a follow-up as lists show it: with the names of its members,
// in the order of Members.
type FollowUpItem struct {
	FollowUp
	Names []string
}
