package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MemberExport is everything the record holds about one member, for the
// member who asks for it: their fields (private notes included: the export
// is for them), lists, contact card, and what they took part in.
//
// Other people in it are counted, never named: a conversation with others
// says "and N others" (OtherParticipants) and a shared follow-up how many
// others it is for, since the other members' names and details are their
// own data, not this member's, and the export may leave the manager's hands.
type MemberExport struct {
	ExportedAt    time.Time            `json:"exported_at"`
	Member        ExportedMember       `json:"member"`
	Conversations []ExportedTalk       `json:"conversations"`
	FollowUps     []ExportedFollowUp   `json:"follow_ups"`
	Feedback      []ExportedQuote      `json:"feedback"`
	Imports       []ExportedImport     `json:"imports"`
	Merges        []ExportedMerge      `json:"merges"`
	Identities    []ExportedIdentity   `json:"identities"`
	Card          ExportedCardLeftover `json:"contact_card"`
}

// WriteJSON writes the export as JSON: indented, with the keys of every
// object sorted, so that the same record gives the same bytes and two
// exports compare line by line.
func (e MemberExport) WriteJSON(w io.Writer) error {
	raw, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("member export: %w", err)
	}
	// Decoded into maps, the keys come out sorted; numbers stay as written.
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return fmt.Errorf("member export: %w", err)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("member export: %w", err)
	}
	return nil
}

// StaleBackup is a backup taken before an erase: it still holds what was
// erased.
type StaleBackup struct {
	Path  string
	Taken time.Time
	Size  int64
}

// ExportedMember is a member's own fields as the export writes them.
type ExportedMember struct {
	ID            int64     `json:"id"`
	Name          string    `json:"name"`
	Pronouns      string    `json:"pronouns"`
	Emails        []string  `json:"emails"`
	Phones        []string  `json:"phones"`
	Organisation  string    `json:"organisation"`
	Role          string    `json:"role"`
	Location      string    `json:"location"`
	TimeZone      string    `json:"time_zone"`
	HowWeMet      string    `json:"how_we_met"`
	CaresAbout    string    `json:"cares_about"`
	Notes         string    `json:"notes"`
	PrivateNotes  string    `json:"private_notes"`
	Tags          []string  `json:"tags"`
	CadenceDays   int       `json:"keep_in_touch_days"`
	UID           string    `json:"uid"`
	Birthday      string    `json:"birthday"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
	CreatedBy     string    `json:"created_by"`
	InTrashSince  string    `json:"in_trash_since"` // "" when not in the trash
	LastContacted string    `json:"last_contacted"` // "" when never
	SnoozedUntil  string    `json:"snoozed_until"`  // "" when not snoozed
}

// ExportedIdentity is where the member can be found.
type ExportedIdentity struct {
	Platform string `json:"platform"`
	Handle   string `json:"handle"`
	URL      string `json:"url"`
}

// ExportedCardLeftover is what a contact card brought that has no field of
// its own: the photo (base64, with its media type) and the card's other
// lines as they were read.
type ExportedCardLeftover struct {
	PhotoType  string   `json:"photo_type"`
	Photo      []byte   `json:"photo_base64"` // encoding/json writes bytes as base64
	OtherLines []string `json:"other_lines"`
}

// ExportedTalk is a conversation the member took part in.
type ExportedTalk struct {
	At                time.Time `json:"at"`
	Channel           string    `json:"channel"`
	Subject           string    `json:"subject"`
	Notes             string    `json:"notes"`
	Link              string    `json:"link"`
	HandledBy         string    `json:"handled_by"`
	Tone              string    `json:"tone"`
	OtherParticipants int       `json:"other_participants"`
	Deleted           bool      `json:"deleted"`
}

// ExportedFollowUp is a follow-up or promise for the member.
type ExportedFollowUp struct {
	What            string    `json:"what"`
	Due             string    `json:"due"` // 2006-01-02
	Promise         bool      `json:"promise"`
	Status          string    `json:"status"`
	StatusChangedAt time.Time `json:"status_changed_at"`
	CreatedBy       string    `json:"created_by"`
	CreatedAt       time.Time `json:"created_at"`
	OtherMembers    int       `json:"other_members"`
}

// ExportedQuote is the member raising a feedback item, in their words, with
// where the item stands.
type ExportedQuote struct {
	Item       string    `json:"item"`
	Kind       string    `json:"kind"`
	Status     string    `json:"status"`
	Team       string    `json:"team"`
	Outcome    string    `json:"outcome"`
	Quote      string    `json:"quote"`
	Date       time.Time `json:"date"`
	SourceLink string    `json:"source_link"`
	ToldAt     string    `json:"told_outcome_at"` // "" when not yet
}

// ExportedImport is an import that added the member or merged into them.
type ExportedImport struct {
	Source   string    `json:"source"`
	At       time.Time `json:"at"`
	Added    bool      `json:"added"` // false: merged into the member already there
	UndoneAt string    `json:"undone_at"`
}

// ExportedMerge is the member made one with a duplicate of theirs.
type ExportedMerge struct {
	At       time.Time `json:"at"`
	Kept     bool      `json:"kept"` // true: the duplicate was merged into them
	UndoneAt string    `json:"undone_at"`
}

// Erasure says what erasing a member takes away, before (a plan) or after
// it is done. Erasing cannot be undone.
type Erasure struct {
	MemberID int64
	Name     string
	// Copies are earlier records of the same person merged into them, in the
	// trash since; they are erased with them.
	Copies int
	// OnlyTheirConversations go; SharedConversations stay without them, and
	// in Scrubbed of those (and of the shared follow-ups, feedback items and
	// handoffs) their name is removed from the text.
	OnlyTheirConversations int
	SharedConversations    int
	OnlyTheirFollowUps     int
	SharedFollowUps        int
	// Quotes are their raises of feedback; the items stay, they are the
	// teams' (FeedbackItems of them).
	Quotes        int
	FeedbackItems int
	Scrubbed      int
	// Imports and Merges are the records of imports and merges about them,
	// which hold copies of their fields for undo.
	Imports int
	Merges  int
	// Handoffs are the handoffs that named them.
	Handoffs int
	// ErasedAt is when it was done; zero for a plan.
	ErasedAt time.Time
}

// Lines says in words what the erasure takes away, one line each, leaving
// out what is none.
func (e Erasure) Lines() []string {
	var lines []string
	add := func(n int, one, many string) {
		switch {
		case n == 1:
			lines = append(lines, one)
		case n > 1:
			lines = append(lines, fmt.Sprintf(many, n))
		}
	}
	lines = append(lines, fmt.Sprintf("%s, with every field, list, note and contact card", e.Name))
	add(e.Copies, "1 earlier copy of them merged into them", "%d earlier copies of them merged into them")
	add(e.OnlyTheirConversations, "1 conversation only with them", "%d conversations only with them")
	add(e.SharedConversations, "their place in 1 shared conversation", "their place in %d shared conversations")
	add(e.OnlyTheirFollowUps, "1 promise or follow-up only for them", "%d promises and follow-ups only for them")
	add(e.SharedFollowUps, "their place in 1 shared follow-up", "their place in %d shared follow-ups")
	add(e.Quotes, "1 feedback quote (the item stays with the team)", "%d feedback quotes (the items stay with the teams)")
	add(e.Scrubbed, "their name, from the text of 1 shared conversation, follow-up, feedback item or handoff",
		"their name, from the text of %d shared conversations, follow-ups, feedback items and handoffs")
	add(e.Imports, "1 import record", "%d import records")
	add(e.Merges, "1 merge record", "%d merge records")
	add(e.Handoffs, "their place in 1 handoff", "their place in %d handoffs")
	return lines
}

// ErasedName stands in the text of what stays (a shared conversation's
// notes, say) where an erased member's name was.
const ErasedName = "[erased]"

// ScrubName replaces every occurrence of name in text, as a whole word or
// words and without regard to case, by ErasedName, and says whether it
// replaced any. It finds the name only as written: a first name alone, a
// nickname or a misspelling stays, since removing every "Sam" would remove
// other people's; and "Sam" inside "Samples" is not the name.
func ScrubName(text, name string) (string, bool) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > len(text) {
		return text, false
	}
	var b strings.Builder
	found := false
	for i := 0; i < len(text); {
		if i+len(name) <= len(text) && strings.EqualFold(text[i:i+len(name)], name) && wordEdge(text[:i], true) && wordEdge(text[i+len(name):], false) {
			b.WriteString(ErasedName)
			i += len(name)
			found = true
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		b.WriteString(text[i : i+size])
		i += size
	}
	if !found {
		return text, false
	}
	return b.String(), true
}

// wordEdge reports whether a match may end (before) or begin (after) at the
// edge of s: s is empty there or has no letter or digit there.
func wordEdge(s string, before bool) bool {
	var r rune
	if before {
		r, _ = utf8.DecodeLastRuneInString(s)
	} else {
		r, _ = utf8.DecodeRuneInString(s)
	}
	return r == utf8.RuneError || !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}
