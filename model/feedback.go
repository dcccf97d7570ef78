package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Field names of feedback, its raises and product teams.
const (
	FieldTitle       = "title"
	FieldDetail      = "detail"
	FieldKind        = "kind"
	FieldTeam        = "team"
	FieldTrackerLink = "tracker link"
	FieldOutcome     = "outcome"
	FieldDuplicateOf = "duplicate of"
	FieldMember      = "member"
	FieldQuote       = "quote"
	FieldSource      = "source"
	FieldContact     = "contact"
	FieldReach       = "reach"
)

// maxTitleLength bounds a feedback item's title and a team's name: a line
// on a card, not a text.
const maxTitleLength = 200

// ProductTeam is a team feedback is handed to: product, QA, docs, design…
type ProductTeam struct {
	ID         int64
	Name       string
	Contact    string // the person to talk to
	Reach      string // where to reach them: a web address or an email address
	CreatedAt  time.Time
	UpdatedAt  time.Time
	ArchivedAt time.Time // zero unless archived: kept for the feedback that points at it, offered for no new one
}

// Archived reports whether the team is archived.
func (t ProductTeam) Archived() bool { return !t.ArchivedAt.IsZero() }

// Normalize trims what the user typed.
func (t *ProductTeam) Normalize() {
	t.Name = strings.Join(strings.Fields(t.Name), " ")
	t.Contact = strings.Join(strings.Fields(t.Contact), " ")
	t.Reach = strings.TrimSpace(t.Reach)
}

// Validate returns a ValidationError naming every wrong field, or nil.
func (t ProductTeam) Validate() error {
	var v ValidationError
	switch {
	case t.Name == "":
		v = append(v, FieldError{FieldName, "is required"})
	case len([]rune(t.Name)) > maxTitleLength:
		v = append(v, FieldError{FieldName, fmt.Sprintf("is longer than %d characters", maxTitleLength)})
	}
	if len([]rune(t.Contact)) > maxNameLength {
		v = append(v, FieldError{FieldContact, fmt.Sprintf("is longer than %d characters", maxNameLength)})
	}
	if t.Reach != "" && CheckEmail(t.Reach) != nil {
		if err := CheckURL(t.Reach); err != nil {
			v = append(v, FieldError{FieldReach, fmt.Sprintf("%q is neither a web address nor an email address", t.Reach)})
		}
	}
	if len(v) == 0 {
		return nil
	}
	return v
}

// FeedbackKind is what a member's feedback is.
type FeedbackKind string

// Kinds of feedback.
const (
	KindBug       FeedbackKind = "bug"
	KindIdea      FeedbackKind = "idea"
	KindComplaint FeedbackKind = "complaint"
	KindQuestion  FeedbackKind = "question"
	KindPraise    FeedbackKind = "praise"
)

// FeedbackKinds lists the kinds in the order forms offer them.
var FeedbackKinds = []FeedbackKind{KindBug, KindIdea, KindComplaint, KindQuestion, KindPraise}

// FeedbackStatus is where a feedback item stands with its product team.
type FeedbackStatus string

// Feedback statuses: an item goes new → handed off → acknowledged → planned
// → shipped, or is declined, or is found to duplicate another. The last
// three close the loop (ClosesLoop); an item can be re-opened from them.
const (
	FeedbackNew          FeedbackStatus = "new"
	FeedbackHandedOff    FeedbackStatus = "handed off"
	FeedbackAcknowledged FeedbackStatus = "acknowledged"
	FeedbackPlanned      FeedbackStatus = "planned"
	FeedbackShipped      FeedbackStatus = "shipped"
	FeedbackDeclined     FeedbackStatus = "declined"
	FeedbackDuplicate    FeedbackStatus = "duplicate"
)

// FeedbackStatuses lists the statuses in the order of the board's columns.
var FeedbackStatuses = []FeedbackStatus{
	FeedbackNew, FeedbackHandedOff, FeedbackAcknowledged, FeedbackPlanned,
	FeedbackShipped, FeedbackDeclined, FeedbackDuplicate,
}

// Valid reports whether s is one of FeedbackStatuses.
func (s FeedbackStatus) Valid() bool { return slices.Contains(FeedbackStatuses, s) }

// ClosesLoop reports whether an item that reaches s has an outcome its
// members are owed: shipped, declined, or a duplicate of another item.
func ClosesLoop(s FeedbackStatus) bool {
	return s == FeedbackShipped || s == FeedbackDeclined || s == FeedbackDuplicate
}

// ParseFeedbackStatus reads a status as people type it: without case, with
// a hyphen or an underscore for the space ("handed-off").
func ParseFeedbackStatus(s string) (FeedbackStatus, error) {
	st := FeedbackStatus(strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '-' || r == '_'
	}), " "))
	if !st.Valid() {
		return "", ValidationError{{FieldStatus, fmt.Sprintf("%q is not one of %s", s, statusList())}}
	}
	return st, nil
}

// ParseFeedbackKind reads a kind without case.
func ParseFeedbackKind(s string) (FeedbackKind, error) {
	k := FeedbackKind(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(FeedbackKinds, k) {
		return "", ValidationError{{FieldKind, fmt.Sprintf("%q is not one of %s", s, kindList())}}
	}
	return k, nil
}

func statusList() string {
	parts := make([]string, len(FeedbackStatuses))
	for i, s := range FeedbackStatuses {
		parts[i] = string(s)
	}
	return strings.Join(parts, ", ")
}

func kindList() string {
	parts := make([]string, len(FeedbackKinds))
	for i, k := range FeedbackKinds {
		parts[i] = string(k)
	}
	return strings.Join(parts, ", ")
}

// CanMove says whether an item may go from one status to another, and if
// not, why, as a ValidationError on its status. The rules:
//   - an item moves, never stays: the same status is refused;
//   - acknowledged and planned are the team's answers, so an item reaches
//     them only once handed off (from new it is refused);
//   - any other move between open statuses is allowed, back as well as
//     forward: plans change, an item goes to the wrong team;
//   - an open item may be shipped, declined or marked a duplicate;
//   - a closed item (shipped, declined, duplicate) may be re-opened to any
//     open status, but not moved to another closed one: its members were
//     told one outcome, and re-opening says so in its history first.
func CanMove(from, to FeedbackStatus) error {
	refuse := func(format string, args ...any) error {
		return ValidationError{{FieldStatus, fmt.Sprintf(format, args...)}}
	}
	switch {
	case !from.Valid():
		return refuse("%q is not one of %s", from, statusList())
	case !to.Valid():
		return refuse("%q is not one of %s", to, statusList())
	case from == to:
		return refuse("is %s already", to)
	case ClosesLoop(from) && ClosesLoop(to):
		return refuse("cannot go from %s to %s: re-open it first (move it back to an open status)", from, to)
	case from == FeedbackNew && (to == FeedbackAcknowledged || to == FeedbackPlanned):
		return refuse("cannot go from new to %s: hand it off to a team first", to)
	}
	return nil
}

// Reopens reports whether moving from one status to another re-opens a
// closed item.
func Reopens(from, to FeedbackStatus) bool { return ClosesLoop(from) && !ClosesLoop(to) }

// Feedback is one item members raised for a product team: a bug, an idea, a
// complaint, a question or praise, raised by one or many members (Raise).
type Feedback struct {
	ID          int64
	Title       string
	Detail      string
	Kind        FeedbackKind
	TeamID      int64 // the team it is for; 0 until one is chosen
	Status      FeedbackStatus
	TrackerLink string // where the team tracks it
	Outcome     string // what became of it, in words members are told
	CreatedBy   string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// StatusChangedAt is when it last moved; the loop of a closed item
	// closed then.
	StatusChangedAt time.Time
	HandedOffAt     time.Time // when it was first handed off; zero until then
	DuplicateOf     int64     // the item it duplicates, when Status is duplicate
	TrashedAt       time.Time // zero unless deleted; a deleted item can be restored
}

// InTrash reports whether the item was deleted and can still be restored.
func (f Feedback) InTrash() bool { return !f.TrashedAt.IsZero() }

// Normalize trims what the user typed.
func (f *Feedback) Normalize() {
	f.Title = strings.Join(strings.Fields(f.Title), " ")
	f.Detail = strings.TrimSpace(f.Detail)
	f.Kind = FeedbackKind(strings.ToLower(strings.TrimSpace(string(f.Kind))))
	f.TrackerLink = strings.TrimSpace(f.TrackerLink)
	f.Outcome = strings.TrimSpace(f.Outcome)
	f.CreatedBy = strings.Join(strings.Fields(f.CreatedBy), " ")
}

// Validate returns a ValidationError naming every wrong field, or nil. An
// empty status is taken for new.
func (f Feedback) Validate() error {
	var v ValidationError
	add := func(field, problem string) { v = append(v, FieldError{field, problem}) }
	switch {
	case f.Title == "":
		add(FieldTitle, "is required")
	case len([]rune(f.Title)) > maxTitleLength:
		add(FieldTitle, fmt.Sprintf("is longer than %d characters", maxTitleLength))
	}
	if len(f.Detail) > maxFreeTextLength {
		add(FieldDetail, fmt.Sprintf("is longer than %d characters", maxFreeTextLength))
	}
	if !slices.Contains(FeedbackKinds, f.Kind) {
		add(FieldKind, fmt.Sprintf("must be one of %s", kindList()))
	}
	if f.Status != "" && !f.Status.Valid() {
		add(FieldStatus, fmt.Sprintf("%q is not one of %s", f.Status, statusList()))
	}
	if f.TrackerLink != "" {
		if err := CheckURL(f.TrackerLink); err != nil {
			add(FieldTrackerLink, err.Error())
		}
	}
	if len(f.Outcome) > maxFreeTextLength {
		add(FieldOutcome, fmt.Sprintf("is longer than %d characters", maxFreeTextLength))
	}
	switch {
	case f.Status == FeedbackDuplicate && f.DuplicateOf == 0:
		add(FieldDuplicateOf, "is required for a duplicate")
	case f.Status != FeedbackDuplicate && f.DuplicateOf != 0:
		add(FieldDuplicateOf, "is only for a duplicate")
	case f.DuplicateOf != 0 && f.DuplicateOf == f.ID:
		add(FieldDuplicateOf, "cannot be the item itself")
	}
	if len(v) == 0 {
		return nil
	}
	return v
}

// CheckMove is CanMove for this item: moving it to handed off, or past it
// to acknowledged or planned, also needs a team to hand it to.
func (f Feedback) CheckMove(to FeedbackStatus) error {
	if err := CanMove(f.Status, to); err != nil {
		return err
	}
	if f.TeamID == 0 && (to == FeedbackHandedOff || to == FeedbackAcknowledged || to == FeedbackPlanned) {
		return ValidationError{{FieldTeam, fmt.Sprintf("is required before it is %s: choose the team it goes to", to)}}
	}
	return nil
}

// CanBeDuplicateOf says whether f may be marked a duplicate of target: not
// of itself, not of a deleted item, and not of a duplicate (mark it a
// duplicate of the item that one duplicates), and only from an open status.
func (f Feedback) CanBeDuplicateOf(target Feedback) error {
	refuse := func(format string, args ...any) error {
		return ValidationError{{FieldDuplicateOf, fmt.Sprintf(format, args...)}}
	}
	switch {
	case target.ID == f.ID:
		return refuse("cannot be the item itself")
	case target.InTrash():
		return refuse("%q is deleted: restore it first", target.Title)
	case target.Status == FeedbackDuplicate:
		return refuse("%q is itself a duplicate: mark this one a duplicate of the item it duplicates", target.Title)
	}
	return CanMove(f.Status, FeedbackDuplicate)
}

// Raise is one member raising a feedback item, in their own words: the
// normal path when a second person asks for the same thing is a new raise
// of the same item. A member may raise an item more than once (each quote
// their own); whether they were told its outcome is one answer per member
// and item, kept on each of their raises of it.
type Raise struct {
	ID             int64
	FeedbackID     int64
	MemberID       int64
	Quote          string    // what they said, as they said it
	Date           time.Time // when they said it; a store takes its source conversation's time, or now, when zero
	ConversationID int64     // the conversation of the record it was said in; 0 for none
	SourceLink     string    // where it was said, when not (only) in the record: a forum post, an issue…
	ToldAt         time.Time // when they were told its outcome; zero for not yet
	CreatedAt      time.Time
}

// Told reports whether the member was told the outcome.
func (r Raise) Told() bool { return !r.ToldAt.IsZero() }

// Normalize trims what the user typed; the quote keeps its lines.
func (r *Raise) Normalize() {
	r.Quote = strings.TrimSpace(r.Quote)
	r.SourceLink = strings.TrimSpace(r.SourceLink)
}

// Validate returns a ValidationError naming every wrong field, or nil.
func (r Raise) Validate() error {
	var v ValidationError
	if r.MemberID == 0 {
		v = append(v, FieldError{FieldMember, "is required: who raised it"})
	}
	switch {
	case r.Quote == "":
		v = append(v, FieldError{FieldQuote, "is required: what they said, in their words"})
	case len(r.Quote) > maxFreeTextLength:
		v = append(v, FieldError{FieldQuote, fmt.Sprintf("is longer than %d characters", maxFreeTextLength)})
	}
	if r.SourceLink != "" {
		if err := CheckURL(r.SourceLink); err != nil {
			v = append(v, FieldError{FieldSource, err.Error()})
		}
	}
	if len(v) == 0 {
		return nil
	}
	return v
}

// StatusChange is one move of a feedback item, kept in its history: who
// moved it, when, and why.
type StatusChange struct {
	ID          int64
	FeedbackID  int64
	From        FeedbackStatus // "" for the item's creation
	To          FeedbackStatus
	By          string
	At          time.Time
	Note        string
	DuplicateOf int64 // the item it was found to duplicate, for a move to duplicate
}

// Reopens reports whether the change re-opened a closed item.
func (c StatusChange) Reopens() bool { return Reopens(c.From, c.To) }

// LoopPromiseDays is how many days after an item's loop closes the promise
// to tell each member falls due.
const LoopPromiseDays = 3

// OutcomeText says what became of an item in a few words, for the promise
// to tell its members and for reports: its status, then the outcome note
// when there is one ("shipped — in 4.9"); a duplicate names the item it
// duplicates.
func OutcomeText(status FeedbackStatus, outcome, duplicateOf string) string {
	s := string(status)
	if status == FeedbackDuplicate && duplicateOf != "" {
		s = fmt.Sprintf("duplicate of “%s”", duplicateOf)
	}
	if outcome = strings.Join(strings.Fields(outcome), " "); outcome != "" {
		s += " — " + outcome
	}
	return s
}

// LoopPromiseText is what the promise to close the loop with a member says:
// "tell <member> about <item>: <outcome>".
func LoopPromiseText(member, item, outcome string) string {
	return fmt.Sprintf("tell %s about %s: %s", member, item, outcome)
}

// Raiser is a member who raised an item, as the loop sees them.
type Raiser struct {
	MemberID       int64
	Name           string
	Told           bool  // told the item's outcome already
	Trashed        bool  // in the trash: owed nothing until restored
	ConversationID int64 // where they last raised it, for the promise's source; 0 for none
}

// LoopPromises are the promises a status change owes: none unless it
// closes the loop; else one open promise per member who raised the item,
// is not in the trash, has not been told, and has none for this change yet
// (promised lists those). A member who raised it several times is owed
// one. Each is due LoopPromiseDays after the change, on a day in loc, and
// says LoopPromiseText with OutcomeText; CreatedBy and CreatedAt are the
// change's.
func LoopPromises(item Feedback, change StatusChange, raisers []Raiser, promised []int64, duplicateTitle string, loc *time.Location) []FollowUp {
	if !ClosesLoop(change.To) {
		return nil
	}
	outcome := OutcomeText(change.To, item.Outcome, duplicateTitle)
	due := Day(change.At, loc).AddDate(0, 0, LoopPromiseDays)
	var fs []FollowUp
	seen := slices.Clone(promised)
	for _, r := range raisers {
		if r.Told || r.Trashed || slices.Contains(seen, r.MemberID) {
			continue
		}
		seen = append(seen, r.MemberID)
		fs = append(fs, FollowUp{
			What:            LoopPromiseText(r.Name, item.Title, outcome),
			Due:             due,
			Members:         []int64{r.MemberID},
			ConversationID:  r.ConversationID,
			Promise:         true,
			Status:          FollowUpOpen,
			StatusChangedAt: change.At,
			CreatedBy:       change.By,
			CreatedAt:       change.At,
		})
	}
	return fs
}

// MoveRaises is the duplicate merging rule: the raises of an item found to
// duplicate another move to it (targetID), each keeping its member, quote,
// date and source, after the target's own (positions are left to the
// store). A member already on the target keeps both quotes, and whether
// they were told is the target's answer for them; the others have not
// heard the target's outcome yet. It returns the moved raises; dup and
// target are left as they are.
func MoveRaises(dup, target []Raise, targetID int64) []Raise {
	told := map[int64]time.Time{}
	for _, r := range target {
		if _, ok := told[r.MemberID]; !ok || r.Told() {
			told[r.MemberID] = r.ToldAt
		}
	}
	moved := make([]Raise, len(dup))
	for i, r := range dup {
		r.FeedbackID = targetID
		r.ToldAt = told[r.MemberID] // zero when not on the target
		moved[i] = r
	}
	return moved
}

// FeedbackFilter selects a page of feedback items, most recently changed
// first.
type FeedbackFilter struct {
	TeamID  int64          // only this team's; 0 for all
	Kind    FeedbackKind   // only this kind; empty for all
	Status  FeedbackStatus // only this status; empty for all (the board counts ignore it)
	Text    string         // search as typed, over titles, details and quotes; empty for all
	Trashed bool           // the deleted items instead of the living
	Offset  int
	Limit   int // 0 means DefaultPageSize
}

// FeedbackItem is a feedback item as lists and the board show it: with its
// team's name and how many members raised it and were told. Members in the
// trash are not counted.
type FeedbackItem struct {
	Feedback
	TeamName string
	Members  int // how many members raised it
	Told     int // how many of them were told its outcome
	Quotes   int // how many raises: a member may raise it more than once
}

// FeedbackBoard is the board: a column per status, each with how many items
// stand at it and its first cards.
type FeedbackBoard struct {
	Counts  map[FeedbackStatus]int            // per status; a status no item has is left out
	Columns map[FeedbackStatus][]FeedbackItem // per status, most recently changed first
}

// RaiseItem is a raise with its member's name.
type RaiseItem struct {
	Raise
	Name string
}

// LoopMember is one line of an item's close-the-loop list: a member who
// raised it (or, for a duplicate, was owed word of it), whether they were
// told, and the promise to tell them when there is one.
type LoopMember struct {
	MemberID      int64
	Name          string
	ToldAt        time.Time      // zero: not yet
	FollowUpID    int64          // the latest promise to tell them about this item; 0 for none
	PromiseStatus FollowUpStatus // its status; "" for none
}

// Told reports whether the member was told.
func (l LoopMember) Told() bool { return !l.ToldAt.IsZero() }

// FeedbackDetail is everything an item's page shows.
type FeedbackDetail struct {
	FeedbackItem
	DuplicateTitle string         // the title of the item it duplicates, when it is a duplicate
	Raises         []RaiseItem    // oldest first; those of members in the trash are left out
	History        []StatusChange // oldest first, its creation first
	// Loop lists, per member, whether they were told, by name. For a
	// duplicate, whose raises moved to the other item, it lists the
	// members owed word of the duplicate.
	Loop []LoopMember
}

// RaisedFeedback is a member's raise of an item, on their timeline, with
// where the item stands.
type RaisedFeedback struct {
	Raise
	Title    string
	Kind     FeedbackKind
	Status   FeedbackStatus
	TeamName string
}

// HearBack is one line of Today's "waiting to hear back": a member who
// raised an item whose loop is closed and has not been told its outcome.
type HearBack struct {
	MemberID   int64
	Name       string
	FeedbackID int64
	Title      string
	Status     FeedbackStatus
	Outcome    string
	ClosedAt   time.Time // when the loop closed: they have waited since
	FollowUpID int64     // the open promise to tell them; 0 for none
}
