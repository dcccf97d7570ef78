package model

import "time"

// TodayLimit is how many rows each list of Today holds; its Total says how
// many are waiting in all.
const TodayLimit = 50

// Section is one list of Today: the first TodayLimit items and how many there
// are in all, for the small bar that shows how much waits (a picture, not a
// score).
type Section[T any] struct {
	Items []T
	Total int
}

// Today is what waits for the manager on a day. Follow-ups are sorted by due
// day, members by how long they have waited; a member may be on more than one
// list, and nobody in the trash is on any.
type Today struct {
	Day time.Time // midnight of today in the manager's time zone

	Late        Section[FollowUpItem] // open, due before today
	DueToday    Section[FollowUpItem] // open, due today
	DueThisWeek Section[FollowUpItem] // open, due in the six days after today

	CheckIn        Section[MemberDue] // NextCheckIn on or before today
	GoingQuiet     Section[MemberDue] // silent for long against their own rhythm (GoingQuiet)
	NeverContacted Section[MemberDue] // no conversation yet, longest in the record first

	// WaitingToHear are members waiting to hear back: they raised feedback
	// whose loop closed (shipped, declined) and were not told yet, one line
	// per member and item, longest waiting first.
	WaitingToHear Section[HearBack]
}

// MemberDue is a member on one of Today's lists, with the dates that put them
// there.
type MemberDue struct {
	ID            int64
	Name          string
	Added         time.Time // when they entered the record
	LastContacted time.Time // zero when never contacted
	CheckIn       time.Time // when their next check-in is due (NextCheckIn)
	QuietAfter    time.Time // see QuietAfter; zero without a rhythm yet
	SnoozeUntil   time.Time // zero when not snoozed
}

// TimelineEntry is one row of a member's timeline: exactly one of its
// pointers is set. At orders the timeline: when a conversation took place,
// the day a follow-up is due, when they raised feedback.
type TimelineEntry struct {
	At           time.Time
	Conversation *ConversationItem
	FollowUp     *FollowUpItem
	Feedback     *RaisedFeedback
}

// SearchResults are what a global search finds, grouped by kind, each kind
// cut to the limit asked for; More says that a kind has more than it shows.
type SearchResults struct {
	Members       []Member           // sorted by name
	Conversations []ConversationItem // most recently logged first
	FollowUps     []FollowUpItem     // most recently made first
	Feedback      []FeedbackItem     // most recently recorded first

	MoreMembers, MoreConversations, MoreFollowUps bool
	MoreFeedback                                  bool
}
