package app

import (
	"context"
	"time"

	"rapport/model"
)

// Store is what the UI needs from the record. cmd/rapport passes a *storage.Store;
// tests pass the same on a temporary file.
type Store interface {
	HandoffStore
	BackupStore
	PrivacyStore

	// Path is the file the record lives in, shown in the title and About.
	Path() string

	Member(ctx context.Context, id int64) (model.Member, error)
	// Members returns one page, sorted by name, of living or trashed members.
	Members(ctx context.Context, f model.MemberFilter) ([]model.Member, error)
	// CountMembers counts what Members would return without Offset and Limit.
	CountMembers(ctx context.Context, f model.MemberFilter) (int, error)
	// CreateMember validates m, stamps it and sets m.ID and the times.
	CreateMember(ctx context.Context, m *model.Member) error
	UpdateMember(ctx context.Context, m *model.Member) error
	TrashMember(ctx context.Context, id int64) error
	RestoreMember(ctx context.Context, id int64) error
	// PurgeMember removes a trashed member for good.
	PurgeMember(ctx context.Context, id int64) error
	// Tags lists every tag in use by living members, sorted.
	Tags(ctx context.Context) ([]string, error)

	// Me is the manager using the record; ErrNotFound before the welcome.
	Me(ctx context.Context) (model.Manager, error)
	SetMe(ctx context.Context, name string) (model.Manager, error)
	Settings(ctx context.Context) (model.Settings, error)
	SetSettings(ctx context.Context, s model.Settings) error
	// TagCadences returns the default keep-in-touch cadence, in days, that
	// each tag carries; a tag that carries none is absent.
	TagCadences(ctx context.Context) (map[string]int, error)
	// SetTagCadence gives a tag a default cadence for the members who carry
	// it and have none of their own; 0 takes it away.
	SetTagCadence(ctx context.Context, tag string, days int) error

	// Conversation returns the conversation with id, living or deleted.
	Conversation(ctx context.Context, id int64) (model.Conversation, error)
	// Conversations returns one page of conversations, newest first, with
	// their participants' names.
	Conversations(ctx context.Context, f model.ConversationFilter) ([]model.ConversationItem, error)
	// CountConversations counts what Conversations would return without Offset and Limit.
	CountConversations(ctx context.Context, f model.ConversationFilter) (int, error)
	// ConversationHandlers lists who handled the living conversations, sorted.
	ConversationHandlers(ctx context.Context) ([]string, error)
	// CreateConversation validates c, stamps it and sets c.ID; each
	// participant's last contact and check-in follow.
	CreateConversation(ctx context.Context, c *model.Conversation) error
	UpdateConversation(ctx context.Context, c *model.Conversation) error
	// DeleteConversation moves a conversation to the trash; RestoreConversation
	// brings it back.
	DeleteConversation(ctx context.Context, id int64) error
	RestoreConversation(ctx context.Context, id int64) error

	// FollowUps returns one page of follow-ups, soonest due first, with their
	// members' names.
	FollowUps(ctx context.Context, f model.FollowUpFilter) ([]model.FollowUpItem, error)
	// CreateFollowUp validates f, stamps it and sets f.ID.
	CreateFollowUp(ctx context.Context, f *model.FollowUp) error
	// UpdateFollowUp changes what, due day, members and source; not the status.
	UpdateFollowUp(ctx context.Context, f *model.FollowUp) error
	// SetFollowUpStatus marks a follow-up open, done or dropped.
	SetFollowUpStatus(ctx context.Context, id int64, status model.FollowUpStatus) error

	// Timeline returns one page of a member's timeline, newest first: the
	// conversations they took part in and the follow-ups for them.
	Timeline(ctx context.Context, memberID int64, offset, limit int) ([]model.TimelineEntry, error)
	// TimelineWithFeedback is Timeline with the feedback the member raised,
	// on the day they raised it.
	TimelineWithFeedback(ctx context.Context, memberID int64, offset, limit int) ([]model.TimelineEntry, error)
	// GlobalSearch finds text among members, conversations and follow-ups,
	// up to limitPerKind of each.
	GlobalSearch(ctx context.Context, text string, limitPerKind int) (model.SearchResults, error)

	// Today is what waits for the manager today.
	Today(ctx context.Context) (model.Today, error)
	// SnoozeMember leaves a member out of Today until the day of until; a zero
	// until ends the snooze.
	SnoozeMember(ctx context.Context, id int64, until time.Time) error

	// PreviewImport says what importing incoming would do, writing nothing:
	// which members match one already in the record, and by which rule.
	PreviewImport(ctx context.Context, incoming []model.Member) (model.ImportPreview, error)
	// Import carries out a preview's items, as the user chose for each, as
	// one batch named after source; UndoImport takes the batch back.
	Import(ctx context.Context, source string, items []model.ImportItem) (int64, model.ImportResult, error)
	// ImportBatches lists the imports, newest first.
	ImportBatches(ctx context.Context) ([]model.ImportBatch, error)
	UndoImport(ctx context.Context, batchID int64) error
	// MergeMembers makes two members one: keep takes gone's fields where its
	// own are empty, both sets of lists and gone's conversations; gone goes
	// to the trash. It returns the merge's id for UndoMerge.
	MergeMembers(ctx context.Context, keepID, goneID int64) (int64, error)
	UndoMerge(ctx context.Context, mergeID int64) error
	// MembersForExport returns the living members f selects, in full, sorted
	// by name.
	MembersForExport(ctx context.Context, f model.ExportFilter) ([]model.Member, error)

	// Feedback returns an item with its raises, history and close-the-loop list.
	Feedback(ctx context.Context, id int64) (model.FeedbackDetail, error)
	// FeedbackItems returns one page of feedback items, most recently changed first.
	FeedbackItems(ctx context.Context, f model.FeedbackFilter) ([]model.FeedbackItem, error)
	// CountFeedback counts what FeedbackItems would return without Offset and Limit.
	CountFeedback(ctx context.Context, f model.FeedbackFilter) (int, error)
	// CountFeedbackByStatus counts the items f selects per status, its Status aside.
	CountFeedbackByStatus(ctx context.Context, f model.FeedbackFilter) (map[model.FeedbackStatus]int, error)
	// FeedbackBoard reads the board at once: the counts per status, f's
	// Status aside, and the first perColumn cards of each column.
	FeedbackBoard(ctx context.Context, f model.FeedbackFilter, perColumn int) (model.FeedbackBoard, error)
	// SuggestFeedback finds the living items a new one titled title may repeat.
	SuggestFeedback(ctx context.Context, title string, limit int) ([]model.FeedbackItem, error)
	// CreateFeedback validates f and its raises, adds them and sets f.ID.
	CreateFeedback(ctx context.Context, f *model.Feedback, raises ...model.Raise) error
	// SetFeedbackStatus moves an item; closing its loop promises word to its members.
	SetFeedbackStatus(ctx context.Context, id int64, to model.FeedbackStatus, note string) error
	// UpdateFeedback changes an item's title, detail, kind, team, tracker link
	// and outcome; not its status.
	UpdateFeedback(ctx context.Context, f *model.Feedback) error
	// MarkDuplicate marks item id a duplicate of ofID and moves its raises there.
	MarkDuplicate(ctx context.Context, id, ofID int64) error
	// MarkTold records that a member was told an item's outcome; UnmarkTold takes it back.
	MarkTold(ctx context.Context, feedbackID, memberID int64) error
	UnmarkTold(ctx context.Context, feedbackID, memberID int64) error
	// DeleteFeedback moves an item to the trash; RestoreFeedback brings it back.
	DeleteFeedback(ctx context.Context, id int64) error
	RestoreFeedback(ctx context.Context, id int64) error
	// FeedbackReport is what a team is handed: its items at statuses (all
	// but duplicate when none), with how many members raised each and their words.
	FeedbackReport(ctx context.Context, teamID int64, statuses []model.FeedbackStatus) (model.FeedbackReport, error)
	// AddRaise adds a member's raise of an existing item.
	AddRaise(ctx context.Context, r *model.Raise) error
	// UpdateRaise changes a raise's quote, date and source; RemoveRaise
	// removes it.
	UpdateRaise(ctx context.Context, r *model.Raise) error
	RemoveRaise(ctx context.Context, id int64) error
	// Teams lists the product teams, sorted by name.
	Teams(ctx context.Context, withArchived bool) ([]model.ProductTeam, error)
	// CreateTeam validates t, adds it and sets t.ID.
	CreateTeam(ctx context.Context, t *model.ProductTeam) error
	// UpdateTeam validates t and stores its name, contact and reach.
	UpdateTeam(ctx context.Context, t *model.ProductTeam) error
	// SetTeamArchived archives a team, or brings it back.
	SetTeamArchived(ctx context.Context, id int64, archived bool) error
	// DeleteTeam removes a team no feedback points at; ErrConflict while
	// some does.
	DeleteTeam(ctx context.Context, id int64) error

	// LoadSample adds the sample community; it refuses a record that has members.
	LoadSample(ctx context.Context) error
	Close() error
}

// Opener opens (creating when needed) the record at path; File › Open and New use it.
type Opener func(ctx context.Context, path string) (Store, error)
