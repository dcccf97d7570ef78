package model

import "time"

// Field names of a handoff.
const (
	FieldHandoffFrom = "from"
	FieldHandoffTo   = "to"
	FieldHandoffDate = "date"
	FieldHandoffTag  = "scope"
)

// NarrativeSection is one part of the narrative the outgoing manager writes,
// with the prompt the guided editor shows beside it.
type NarrativeSection struct {
	Key    string // stable name, kept in the record
	Title  string
	Prompt string
}

// NarrativeSections are the parts of a handoff's narrative, in the order a
// successor reads them.
var NarrativeSections = []NarrativeSection{
	{"purpose", "Purpose and norms",
		"Why does this community exist, and what does it expect of its members and of you? Where are the norms written down, and which unwritten ones matter?"},
	{"standing", "Where things stand",
		"What is going on right now: discussions, tensions, projects, what is about to happen, what you would do next week if you stayed."},
	{"people", "People to introduce",
		"Whom should your successor meet first, and who can introduce them? Who knew whom, and why it matters."},
	{"risks", "Risks and sensitive situations",
		"Conflicts, people who are struggling, promises that are hard to keep, anything that needs care. Write what the successor needs to act well, no more."},
	{"rituals", "Rituals and calendar",
		"Meetings, calls, releases, newsletters, events and their rhythm; what must not be forgotten and when it comes round."},
	{"access", "Accounts and access to hand over",
		"Name the accounts, groups and tools the successor needs and who grants them. Never write passwords, keys or other secrets here."},
}

// Handoff is what the outgoing manager hands over when the role changes hands:
// their narrative and the key members they chose, from, to, as of a day, for
// the whole community or one tag. The record's own account of where things
// stand is generated from it (BuildHandoffAccount).
type Handoff struct {
	ID   int64
	From string    // the outgoing manager
	To   string    // the successor; "" while not known yet
	Date time.Time // the day it is written as of
	Tag  string    // the scope: one tag, or "" for the whole community

	// Narrative holds what the outgoing manager wrote, by NarrativeSection
	// key; a section not written is absent or "".
	Narrative map[string]string
	// KeyMembers are the members the manager chose, in the order they chose.
	KeyMembers []KeyMember

	Version    int       // how many times it was saved; each save is kept
	CreatedAt  time.Time //
	UpdatedAt  time.Time // when the latest version was saved
	SavedBy    string    // who saved the latest version
	FinishedAt time.Time // when it was handed over; zero while a draft
}

// Finished reports whether the handoff was handed over (not a draft any more).
func (h Handoff) Finished() bool { return !h.FinishedAt.IsZero() }

// KeyMember is a member the manager chose for the successor to know.
type KeyMember struct {
	MemberID int64
	// IncludePrivate puts the member's private notes in the handoff; they
	// are left out unless the manager ticks this for the member.
	IncludePrivate bool
	// Introductions are the introductions to make for this member, in the
	// manager's words ("introduce to the docs team").
	Introductions string
}

// HandoffRecord is what a handoff's account is built from: the part of the
// record that concerns it, as the store holds it. Members in the trash and
// items in the trash may be present; the account leaves them out.
type HandoffRecord struct {
	// Members are the living members in scope, with LastContacted set, and
	// QuietAfter by member id (see QuietAfter; absent without a rhythm).
	// A store may leave out what the account does not read: of members who
	// are not key, all but their name, tags and dates; of feedback, details
	// and quotes.
	Members    []Member
	QuietAfter map[int64]time.Time
	// Conversations are every conversation of the key members.
	Conversations []Conversation
	// FollowUps are the open follow-ups of members in scope.
	FollowUps []FollowUp
	// Feedback are the items members in scope raised that are in flight or
	// whose loop closed, with their Raises and the Teams they are for.
	Feedback []Feedback
	Raises   []Raise
	Teams    []ProductTeam
	// LoopPromises maps the open follow-ups that close an item's loop with
	// a member (among FollowUps) to that item's id.
	LoopPromises map[int64]int64
}

// HandoffAccount is the record's own account of where things stand as of a
// handoff's date: a pure function of the record and that date.
type HandoffAccount struct {
	AsOf       time.Time
	From, To   string
	Tag        string
	Members    int // living members in scope
	KeyMembers []HandoffMember
	// OpenPromises are all open follow-ups in scope, soonest due first.
	OpenPromises []HandoffPromise
	// FeedbackInFlight are the items not yet closed, by team then status.
	FeedbackInFlight []HandoffTeamFeedback
	// WaitingToHear are members owed word of an item whose loop closed.
	WaitingToHear []HearBack
	// GoingQuiet are members silent for long against their own rhythm.
	GoingQuiet []MemberDue
}

// HandoffMember is one key member in the account.
type HandoffMember struct {
	Member Member // PrivateNotes empty unless the manager included them
	// History of the relationship in a few lines.
	Conversations     int
	FirstConversation time.Time // zero when never
	LastConversation  time.Time
	Channels          []string // most used first
	RhythmDays        int      // median days between conversations; 0 without a rhythm
	HandledBy         []string // who had the conversations, most first
	OpenPromises      []HandoffPromise
	WaitingOn         []HandoffFeedback // items they raised, in flight or owed word of
	Introductions     string
}

// HandoffPromise is an open follow-up with the names of its members.
type HandoffPromise struct {
	FollowUp
	Names []string
	Late  bool // due before the handoff's date
}

// HandoffFeedback is an item in the account, with how many members raised it.
type HandoffFeedback struct {
	ID      int64
	Title   string
	Kind    FeedbackKind
	Status  FeedbackStatus
	Team    string
	Raisers int
	Told    bool // for a member's own line: whether they were told the outcome
}

// HandoffTeamFeedback is a team's items in flight, by status.
type HandoffTeamFeedback struct {
	Team  string // "" for items no team was chosen for
	Items []HandoffFeedback
}

// KeySuggestion is a member the account suggests the manager consider as key,
// with why: never a reach ranking, only what is open between them.
type KeySuggestion struct {
	MemberID int64
	Name     string
	Reasons  []string // "2 open promises", "feedback in flight", "talked 3 days ago", "tagged key"
}

// HandoffDocument is what the Markdown and HTML writers render.
type HandoffDocument struct {
	Handoff Handoff
	Account HandoffAccount
}
