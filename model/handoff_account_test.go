package model

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// handoffDay is the day the handoffs of these tests are written as of, in
// a zone an hour east of UTC.
var (
	handoffZone = time.FixedZone("UTC+1", 3600)
	handoffDay  = time.Date(2026, 3, 2, 15, 0, 0, 0, handoffZone)
)

// daysBefore is noon n days before the handoff's day (negative: after).
func daysBefore(n int) time.Time {
	return time.Date(2026, 3, 2-n, 12, 0, 0, 0, handoffZone)
}

// handoffRecord is a small record: Amara (key, private notes, three
// conversations and one after the day), Björn (raised feedback in flight
// and one whose loop closed untold), Chen (in the trash), Dana (going
// quiet, tagged Key), Eve (nothing open), and follow-ups, feedback and
// teams around them.
func handoffRecord() HandoffRecord {
	members := []Member{
		{ID: 1, Name: "Amara", HowWeMet: "docs sprint", CaresAbout: "newcomers", PrivateNotes: "tired lately",
			LastContacted: daysBefore(2), CreatedAt: daysBefore(400)},
		{ID: 2, Name: "Björn", PrivateNotes: "moving house", LastContacted: daysBefore(40), CreatedAt: daysBefore(300)},
		{ID: 3, Name: "Chen", PrivateNotes: "secret", TrashedAt: daysBefore(5), LastContacted: daysBefore(3)},
		{ID: 4, Name: "Dana", Tags: []string{"Key"}, LastContacted: daysBefore(90)},
		{ID: 5, Name: "Eve"},
		{ID: 6, Name: "Abel", LastContacted: daysBefore(90)},
	}
	convs := []Conversation{
		{ID: 10, At: daysBefore(30), Channel: "chat", HandledBy: "Sam", Participants: []int64{1}},
		{ID: 11, At: daysBefore(20), Channel: "email", HandledBy: "Ines", Participants: []int64{1, 3}},
		{ID: 12, At: daysBefore(2), Channel: "chat", HandledBy: "Sam", Participants: []int64{1}},
		{ID: 13, At: daysBefore(-1), Channel: "call", HandledBy: "Kim", Participants: []int64{1}},          // after the day
		{ID: 14, At: daysBefore(10), Channel: "video", Participants: []int64{1}, TrashedAt: daysBefore(9)}, // deleted
		{ID: 15, At: daysBefore(40), Channel: "forum", HandledBy: "Sam", Participants: []int64{2}},
	}
	fus := []FollowUp{
		{ID: 20, What: "send the guide", Due: daysBefore(-3), Members: []int64{1}, Promise: true, Status: FollowUpOpen, CreatedAt: daysBefore(10)},
		{ID: 21, What: "review the PR", Due: daysBefore(4), Members: []int64{2, 1}, Status: FollowUpOpen, CreatedAt: daysBefore(10)},
		{ID: 22, What: "only Chen's", Due: daysBefore(4), Members: []int64{3}, Promise: true, Status: FollowUpOpen, CreatedAt: daysBefore(10)},
		{ID: 23, What: "made later", Due: daysBefore(-5), Members: []int64{1}, Promise: true, Status: FollowUpOpen, CreatedAt: daysBefore(-1)},
		{ID: 24, What: "tell Björn", Due: daysBefore(0), Members: []int64{2}, Promise: true, Status: FollowUpOpen, CreatedAt: daysBefore(3)},
		{ID: 25, What: "done already", Due: daysBefore(4), Members: []int64{1}, Promise: true, Status: FollowUpDone, CreatedAt: daysBefore(10)},
		{ID: 26, What: "also due then", Due: daysBefore(4), Members: []int64{6}, Status: FollowUpOpen, CreatedAt: daysBefore(10)},
	}
	feedback := []Feedback{
		{ID: 30, Title: "Dark mode", Kind: KindIdea, Status: FeedbackPlanned, TeamID: 1, CreatedAt: daysBefore(50), StatusChangedAt: daysBefore(20)},
		{ID: 31, Title: "Crash", Kind: KindBug, Status: FeedbackShipped, TeamID: 1, Outcome: "fixed in 4.9", CreatedAt: daysBefore(50), StatusChangedAt: daysBefore(3)},
		{ID: 32, Title: "Typo", Kind: KindBug, Status: FeedbackNew, CreatedAt: daysBefore(5), StatusChangedAt: daysBefore(5)},
		{ID: 33, Title: "Alpha", Kind: KindIdea, Status: FeedbackNew, TeamID: 2, CreatedAt: daysBefore(5), StatusChangedAt: daysBefore(5)},
		{ID: 34, Title: "Binned", Kind: KindIdea, Status: FeedbackNew, TeamID: 2, CreatedAt: daysBefore(5), StatusChangedAt: daysBefore(5), TrashedAt: daysBefore(1)},
		{ID: 35, Title: "Shipped later", Kind: KindBug, Status: FeedbackShipped, TeamID: 1, CreatedAt: daysBefore(50), StatusChangedAt: daysBefore(-1)},
		{ID: 36, Title: "Beta", Kind: KindIdea, Status: FeedbackHandedOff, TeamID: 1, CreatedAt: daysBefore(5), StatusChangedAt: daysBefore(5)},
		{ID: 37, Title: "Aardvark", Kind: KindIdea, Status: FeedbackPlanned, TeamID: 1, CreatedAt: daysBefore(5), StatusChangedAt: daysBefore(5)},
	}
	raises := []Raise{
		{FeedbackID: 30, MemberID: 2, Date: daysBefore(50)},
		{FeedbackID: 30, MemberID: 1, Date: daysBefore(40)},
		{FeedbackID: 30, MemberID: 3, Date: daysBefore(40)}, // in the trash: not counted
		{FeedbackID: 31, MemberID: 2, Date: daysBefore(50)},
		{FeedbackID: 31, MemberID: 1, Date: daysBefore(45), ToldAt: daysBefore(1)},
		{FeedbackID: 31, MemberID: 6, Date: daysBefore(45)},
		{FeedbackID: 32, MemberID: 2, Date: daysBefore(5)},
		{FeedbackID: 33, MemberID: 4, Date: daysBefore(5)},
		{FeedbackID: 34, MemberID: 4, Date: daysBefore(5)},
		{FeedbackID: 35, MemberID: 2, Date: daysBefore(50)},
		{FeedbackID: 36, MemberID: 2, Date: daysBefore(5)},
		{FeedbackID: 37, MemberID: 5, Date: daysBefore(-1)}, // raised after the day
	}
	return HandoffRecord{
		Members:       members,
		QuietAfter:    map[int64]time.Time{4: daysBefore(30), 2: daysBefore(-10), 3: daysBefore(60), 6: daysBefore(30)},
		Conversations: convs,
		FollowUps:     fus,
		Feedback:      feedback,
		Raises:        raises,
		Teams:         []ProductTeam{{ID: 1, Name: "Core"}, {ID: 2, Name: "Apps"}},
		LoopPromises:  map[int64]int64{24: 31},
	}
}

func promiseIDs(ps []HandoffPromise) []int64 {
	var ids []int64
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	return ids
}

func TestBuildHandoffAccount(t *testing.T) {
	rec := handoffRecord()
	h := Handoff{From: "Sam", To: "Alex", Date: handoffDay, KeyMembers: []KeyMember{
		{MemberID: 2},
		{MemberID: 3, IncludePrivate: true}, // in the trash
		{MemberID: 1, IncludePrivate: true, Introductions: "to the docs team"},
		{MemberID: 99}, // not in the record or out of scope
	}}
	a := BuildHandoffAccount(h, rec, handoffZone)

	if want := time.Date(2026, 3, 2, 0, 0, 0, 0, handoffZone); !a.AsOf.Equal(want) {
		t.Errorf("AsOf = %v, want %v", a.AsOf, want)
	}
	if a.Members != 5 {
		t.Errorf("Members = %d, want 5 (Chen is in the trash)", a.Members)
	}
	var keys []string
	for _, km := range a.KeyMembers {
		keys = append(keys, km.Member.Name)
	}
	if want := []string{"Björn", "Amara"}; !slices.Equal(keys, want) {
		t.Fatalf("key members = %v, want %v (the manager's order, without Chen in the trash or an unknown id)", keys, want)
	}
	bjorn, amara := a.KeyMembers[0], a.KeyMembers[1]

	tests := []struct {
		name      string
		got, want any
	}{
		{"Björn's private notes, not included", bjorn.Member.PrivateNotes, ""},
		{"Amara's private notes, included", amara.Member.PrivateNotes, "tired lately"},
		{"Amara's how we met", amara.Member.HowWeMet, "docs sprint"},
		{"Amara's introductions", amara.Introductions, "to the docs team"},
		{"Amara's conversations (not deleted, not after the day)", amara.Conversations, 3},
		{"Amara's first conversation", amara.FirstConversation, daysBefore(30)},
		{"Amara's last conversation", amara.LastConversation, daysBefore(2)},
		{"Amara's channels, most used first", amara.Channels, []string{"chat", "email"}},
		{"Amara's rhythm: the median of 10 and 18 days", amara.RhythmDays, 14},
		{"Amara's handlers, most first", amara.HandledBy, []string{"Sam", "Ines"}},
		{"Amara's open promises", promiseIDs(amara.OpenPromises), []int64{21, 20}},
		{"Amara waits on", amara.WaitingOn, []HandoffFeedback{
			{ID: 30, Title: "Dark mode", Kind: KindIdea, Status: FeedbackPlanned, Team: "Core", Raisers: 2},
		}},
		{"Björn's rhythm, too few conversations", bjorn.RhythmDays, 0},
		{"Björn's conversations", bjorn.Conversations, 1},
		{"Björn waits on, status order then title", bjorn.WaitingOn, []HandoffFeedback{
			{ID: 32, Title: "Typo", Kind: KindBug, Status: FeedbackNew, Raisers: 1},
			{ID: 36, Title: "Beta", Kind: KindIdea, Status: FeedbackHandedOff, Team: "Core", Raisers: 1},
			{ID: 30, Title: "Dark mode", Kind: KindIdea, Status: FeedbackPlanned, Team: "Core", Raisers: 2},
			{ID: 31, Title: "Crash", Kind: KindBug, Status: FeedbackShipped, Team: "Core", Raisers: 3},
		}},
		// By due day, then the first member's name, then id; Chen's and the
		// done one are out, and the one made after the day.
		{"open promises", promiseIDs(a.OpenPromises), []int64{26, 21, 24, 20}},
		{"late promises", []bool{a.OpenPromises[0].Late, a.OpenPromises[2].Late, a.OpenPromises[3].Late}, []bool{true, false, false}},
		{"promise names skip the trash", a.OpenPromises[1].Names, []string{"Björn", "Amara"}},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}

	var flight []string
	for _, tf := range a.FeedbackInFlight {
		for _, it := range tf.Items {
			flight = append(flight, tf.Team+"/"+it.Title)
		}
	}
	// Teams by name, no team last; statuses in board order, then titles.
	// Binned is deleted, Shipped later closed after the day, Aardvark was
	// raised after it.
	if want := []string{"Apps/Alpha", "Core/Beta", "Core/Dark mode", "/Typo"}; !slices.Equal(flight, want) {
		t.Errorf("feedback in flight = %v, want %v", flight, want)
	}

	var waiting []string
	for _, hb := range a.WaitingToHear {
		waiting = append(waiting, hb.Name+"/"+hb.Title)
	}
	if want := []string{"Abel/Crash", "Björn/Crash"}; !slices.Equal(waiting, want) {
		t.Errorf("waiting to hear back = %v, want %v (Amara was told)", waiting, want)
	}
	if len(a.WaitingToHear) == 2 && (a.WaitingToHear[1].FollowUpID != 24 || a.WaitingToHear[0].FollowUpID != 0) {
		t.Errorf("promises to tell = %d, %d, want 0, 24", a.WaitingToHear[0].FollowUpID, a.WaitingToHear[1].FollowUpID)
	}

	var quiet []string
	for _, q := range a.GoingQuiet {
		quiet = append(quiet, q.Name)
	}
	// Dana and Abel were silent as long: by name. Björn's quiet-after is to
	// come, Chen is in the trash.
	if want := []string{"Abel", "Dana"}; !slices.Equal(quiet, want) {
		t.Errorf("going quiet = %v, want %v", quiet, want)
	}
}

// The account is a function of the record: the order of its rows does not
// change it.
func TestBuildHandoffAccountDeterministic(t *testing.T) {
	h := Handoff{From: "Sam", Date: handoffDay, KeyMembers: []KeyMember{{MemberID: 1}, {MemberID: 2}}}
	want := BuildHandoffAccount(h, handoffRecord(), handoffZone)
	rec := handoffRecord()
	slices.Reverse(rec.Members)
	slices.Reverse(rec.Conversations)
	slices.Reverse(rec.FollowUps)
	slices.Reverse(rec.Feedback)
	slices.Reverse(rec.Raises)
	if got := BuildHandoffAccount(h, rec, handoffZone); !reflect.DeepEqual(got, want) {
		t.Errorf("the account changed with the order of the record's rows:\n got %+v\nwant %+v", got, want)
	}
}

func TestBuildHandoffAccountEmpty(t *testing.T) {
	h := Handoff{From: "Sam", Date: handoffDay, KeyMembers: []KeyMember{{MemberID: 1}}}
	got := BuildHandoffAccount(h, HandoffRecord{}, handoffZone)
	want := HandoffAccount{AsOf: time.Date(2026, 3, 2, 0, 0, 0, 0, handoffZone), From: "Sam"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("account of an empty record = %+v, want %+v", got, want)
	}
}

// What happened after the handoff's day is not part of its account.
func TestBuildHandoffAccountCutOff(t *testing.T) {
	h := Handoff{From: "Sam", KeyMembers: []KeyMember{{MemberID: 1}}}
	tests := []struct {
		date          time.Time
		conversations int
		promises      []int64
	}{
		{handoffDay, 3, []int64{21, 20}},
		{daysBefore(-1), 4, []int64{21, 20, 23}},
		{daysBefore(3), 2, []int64{21, 20}},
		{daysBefore(25), 1, nil},
	}
	for _, tt := range tests {
		h.Date = tt.date
		a := BuildHandoffAccount(h, handoffRecord(), handoffZone)
		if len(a.KeyMembers) != 1 {
			t.Fatalf("as of %v: %d key members, want 1", tt.date, len(a.KeyMembers))
		}
		km := a.KeyMembers[0]
		if km.Conversations != tt.conversations {
			t.Errorf("as of %v: %d conversations, want %d", tt.date.Format(time.DateOnly), km.Conversations, tt.conversations)
		}
		if got := promiseIDs(km.OpenPromises); !slices.Equal(got, tt.promises) {
			t.Errorf("as of %v: open promises %v, want %v", tt.date.Format(time.DateOnly), got, tt.promises)
		}
	}
}

func TestSuggestKeyMembers(t *testing.T) {
	tests := []struct {
		name  string
		keys  []KeyMember
		limit int
		want  []KeySuggestion
	}{
		// As many reasons: by name.
		{"all", nil, 0, []KeySuggestion{
			{1, "Amara", []string{"1 open promise", "1 open follow-up", "feedback in flight", "talked 2 days ago"}},
			{2, "Björn", []string{"1 open promise", "1 open follow-up", "feedback in flight", "waiting to hear back"}},
			{6, "Abel", []string{"1 open follow-up", "waiting to hear back"}},
			{4, "Dana", []string{"feedback in flight", "tagged key"}},
		}},
		{"limited", nil, 2, []KeySuggestion{
			{1, "Amara", []string{"1 open promise", "1 open follow-up", "feedback in flight", "talked 2 days ago"}},
			{2, "Björn", []string{"1 open promise", "1 open follow-up", "feedback in flight", "waiting to hear back"}},
		}},
		{"chosen ones left out", []KeyMember{{MemberID: 2}, {MemberID: 1}}, 0, []KeySuggestion{
			{6, "Abel", []string{"1 open follow-up", "waiting to hear back"}},
			{4, "Dana", []string{"feedback in flight", "tagged key"}},
		}},
	}
	for _, tt := range tests {
		h := Handoff{From: "Sam", Date: handoffDay, KeyMembers: tt.keys}
		got := SuggestKeyMembers(h, handoffRecord(), handoffZone, tt.limit)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: suggestions = %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := SuggestKeyMembers(Handoff{Date: handoffDay}, HandoffRecord{}, handoffZone, 10); len(got) != 0 {
		t.Errorf("suggestions of an empty record = %v, want none", got)
	}
}

func TestHandoffValidate(t *testing.T) {
	valid := func() Handoff {
		return Handoff{From: "Sam", Date: handoffDay, Narrative: map[string]string{"purpose": "why"},
			KeyMembers: []KeyMember{{MemberID: 1}, {MemberID: 2}}}
	}
	tests := []struct {
		name  string
		edit  func(*Handoff)
		field string // "" for valid
	}{
		{"valid", func(*Handoff) {}, ""},
		{"no successor yet", func(h *Handoff) { h.To = "" }, ""},
		{"no from", func(h *Handoff) { h.From = "  " }, FieldHandoffFrom},
		{"long from", func(h *Handoff) { h.From = strings.Repeat("a", 201) }, FieldHandoffFrom},
		{"long to", func(h *Handoff) { h.To = strings.Repeat("a", 201) }, FieldHandoffTo},
		{"no date", func(h *Handoff) { h.Date = time.Time{} }, FieldHandoffDate},
		{"tag with a comma", func(h *Handoff) { h.Tag = "a,b" }, FieldHandoffTag},
		{"unknown section", func(h *Handoff) { h.Narrative["gossip"] = "x" }, FieldHandoffNarrative},
		{"long section", func(h *Handoff) { h.Narrative["risks"] = strings.Repeat("a", maxFreeTextLength+1) }, FieldHandoffNarrative},
		{"member listed twice", func(h *Handoff) { h.KeyMembers = append(h.KeyMembers, KeyMember{MemberID: 1}) }, FieldHandoffKeyMembers},
		{"no member", func(h *Handoff) { h.KeyMembers = append(h.KeyMembers, KeyMember{}) }, FieldHandoffKeyMembers},
		{"long introductions", func(h *Handoff) { h.KeyMembers[0].Introductions = strings.Repeat("a", maxFreeTextLength+1) }, FieldHandoffKeyMembers},
	}
	for _, tt := range tests {
		h := valid()
		tt.edit(&h)
		err := h.Validate()
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: Validate() = %v, want nil", tt.name, err)
			}
			continue
		}
		var v ValidationError
		if !errors.As(err, &v) || !errors.Is(err, ErrInvalid) || v.Problem(tt.field) == "" {
			t.Errorf("%s: Validate() = %v, want a problem with %s", tt.name, err, tt.field)
		}
	}
}

func TestHandoffNormalize(t *testing.T) {
	h := Handoff{From: "  Sam   Rivera ", To: " Alex\tKim", Tag: " docs ",
		Narrative:  map[string]string{"purpose": "\n why \n", "risks": "  \n "},
		KeyMembers: []KeyMember{{MemberID: 1, Introductions: " to Chen \n"}}}
	h.Normalize()
	want := Handoff{From: "Sam Rivera", To: "Alex Kim", Tag: "docs",
		Narrative:  map[string]string{"purpose": "why"},
		KeyMembers: []KeyMember{{MemberID: 1, Introductions: "to Chen"}}}
	if !reflect.DeepEqual(h, want) {
		t.Errorf("Normalize() = %+v, want %+v", h, want)
	}
}
