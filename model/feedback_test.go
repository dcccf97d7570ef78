package model

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestCanMove checks every pair of statuses: a row per status it comes
// from, a column per status it goes to, in the order of FeedbackStatuses.
// Refused moves name why, in words a user reads by the status.
func TestCanMove(t *testing.T) {
	const (
		ok = ""
		no = "-"
	)
	same := "already"
	teamFirst := "hand it off to a team first"
	reopen := "re-open it first"
	table := map[FeedbackStatus][7]string{
		//                   new    handed off  acknowledged  planned    shipped  declined  duplicate
		FeedbackNew:          {same, ok, teamFirst, teamFirst, ok, ok, ok},
		FeedbackHandedOff:    {ok, same, ok, ok, ok, ok, ok},
		FeedbackAcknowledged: {ok, ok, same, ok, ok, ok, ok},
		FeedbackPlanned:      {ok, ok, ok, same, ok, ok, ok},
		FeedbackShipped:      {ok, ok, ok, ok, same, reopen, reopen},
		FeedbackDeclined:     {ok, ok, ok, ok, reopen, same, reopen},
		FeedbackDuplicate:    {ok, ok, ok, ok, reopen, reopen, same},
	}
	if len(table) != len(FeedbackStatuses) {
		t.Fatalf("the table has %d rows, want one per status (%d)", len(table), len(FeedbackStatuses))
	}
	for _, from := range FeedbackStatuses {
		for j, to := range FeedbackStatuses {
			want := table[from][j]
			err := CanMove(from, to)
			switch {
			case want == ok && err != nil:
				t.Errorf("CanMove(%s, %s) = %v, want allowed", from, to, err)
			case want != ok && err == nil:
				t.Errorf("CanMove(%s, %s) allowed, want refused (%s)", from, to, want)
			case want != ok:
				var v ValidationError
				if !errors.As(err, &v) || !errors.Is(err, ErrInvalid) || v.Problem(FieldStatus) == "" {
					t.Errorf("CanMove(%s, %s) = %v, want a ValidationError on %s", from, to, err, FieldStatus)
				} else if !strings.Contains(v.Problem(FieldStatus), want) {
					t.Errorf("CanMove(%s, %s) = %q, want it to say %q", from, to, v.Problem(FieldStatus), want)
				}
			}
		}
	}
	for _, c := range []struct{ from, to FeedbackStatus }{{"", FeedbackNew}, {FeedbackNew, "done"}, {"Shipped", FeedbackNew}} {
		if err := CanMove(c.from, c.to); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "is not one of new, handed off") {
			t.Errorf("CanMove(%q, %q) = %v, want it to list the statuses", c.from, c.to, err)
		}
	}
}

func TestReopens(t *testing.T) {
	var got []string
	for _, from := range FeedbackStatuses {
		for _, to := range FeedbackStatuses {
			if CanMove(from, to) == nil && Reopens(from, to) {
				got = append(got, string(from)+"→"+string(to))
			}
		}
	}
	want := []string{
		"shipped→new", "shipped→handed off", "shipped→acknowledged", "shipped→planned",
		"declined→new", "declined→handed off", "declined→acknowledged", "declined→planned",
		"duplicate→new", "duplicate→handed off", "duplicate→acknowledged", "duplicate→planned",
	}
	if !slices.Equal(got, want) {
		t.Errorf("moves that re-open:\n%v\nwant\n%v", got, want)
	}
	if (StatusChange{From: FeedbackShipped, To: FeedbackPlanned}).Reopens() != true ||
		(StatusChange{To: FeedbackNew}).Reopens() != false {
		t.Error("StatusChange.Reopens disagrees with Reopens")
	}
}

func TestClosesLoop(t *testing.T) {
	var got []FeedbackStatus
	for _, s := range FeedbackStatuses {
		if ClosesLoop(s) {
			got = append(got, s)
		}
	}
	if want := []FeedbackStatus{FeedbackShipped, FeedbackDeclined, FeedbackDuplicate}; !slices.Equal(got, want) {
		t.Errorf("statuses that close the loop = %v, want %v", got, want)
	}
}

func TestParseFeedbackStatus(t *testing.T) {
	tests := []struct {
		in   string
		want FeedbackStatus
	}{
		{"new", FeedbackNew}, {"Handed off", FeedbackHandedOff}, {"handed-off", FeedbackHandedOff},
		{"HANDED_OFF", FeedbackHandedOff}, {"  shipped ", FeedbackShipped}, {"duplicate", FeedbackDuplicate},
		{"done", ""}, {"", ""}, {"handedoff", ""},
	}
	for _, tt := range tests {
		got, err := ParseFeedbackStatus(tt.in)
		if got != tt.want || (tt.want == "") != (err != nil) {
			t.Errorf("ParseFeedbackStatus(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if k, err := ParseFeedbackKind(" Bug "); k != KindBug || err != nil {
		t.Errorf("ParseFeedbackKind(Bug) = %q, %v", k, err)
	}
	if _, err := ParseFeedbackKind("rant"); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "bug, idea, complaint, question, praise") {
		t.Errorf("ParseFeedbackKind(rant) = %v, want the kinds listed", err)
	}
}

func TestFeedbackValidate(t *testing.T) {
	valid := func() Feedback {
		return Feedback{ID: 4, Title: "Dark mode for the editor", Kind: KindIdea, Status: FeedbackNew}
	}
	tests := []struct {
		name   string
		edit   func(*Feedback)
		fields []string
	}{
		{"valid", func(*Feedback) {}, nil},
		{"empty status is new", func(f *Feedback) { f.Status = "" }, nil},
		{"no title", func(f *Feedback) { f.Title = "  " }, []string{FieldTitle}},
		{"long title", func(f *Feedback) { f.Title = strings.Repeat("é", 201) }, []string{FieldTitle}},
		{"kind in capitals", func(f *Feedback) { f.Kind = " Bug" }, nil},
		{"unknown kind", func(f *Feedback) { f.Kind = "rant" }, []string{FieldKind}},
		{"no kind", func(f *Feedback) { f.Kind = "" }, []string{FieldKind}},
		{"unknown status", func(f *Feedback) { f.Status = "done" }, []string{FieldStatus}},
		{"tracker link", func(f *Feedback) { f.TrackerLink = "https://git.example.org/guild/issues/4" }, nil},
		{"bad tracker link", func(f *Feedback) { f.TrackerLink = "issue 4" }, []string{FieldTrackerLink}},
		{"duplicate of another", func(f *Feedback) { f.Status, f.DuplicateOf = FeedbackDuplicate, 9 }, nil},
		{"duplicate of nothing", func(f *Feedback) { f.Status = FeedbackDuplicate }, []string{FieldDuplicateOf}},
		{"duplicate of itself", func(f *Feedback) { f.Status, f.DuplicateOf = FeedbackDuplicate, 4 }, []string{FieldDuplicateOf}},
		{"duplicate of, not a duplicate", func(f *Feedback) { f.DuplicateOf = 9 }, []string{FieldDuplicateOf}},
		{"everything wrong", func(f *Feedback) { *f = Feedback{Kind: "x", Status: "y", TrackerLink: "z"} },
			[]string{FieldTitle, FieldKind, FieldStatus, FieldTrackerLink}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := valid()
			tt.edit(&f)
			f.Normalize()
			assertFields(t, f.Validate(), tt.fields)
		})
	}
}

func TestFeedbackNormalize(t *testing.T) {
	f := Feedback{Title: "  Dark   mode ", Detail: "\n line one\n line two \n", Kind: " IDEA ", TrackerLink: " https://x.example.org/1 ", Outcome: " in 4.9 "}
	f.Normalize()
	want := Feedback{Title: "Dark mode", Detail: "line one\n line two", Kind: KindIdea, TrackerLink: "https://x.example.org/1", Outcome: "in 4.9"}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("Normalize() = %+v, want %+v", f, want)
	}
}

func TestCheckMove(t *testing.T) {
	tests := []struct {
		name  string
		f     Feedback
		to    FeedbackStatus
		field string // "" when allowed
	}{
		{"hand off with a team", Feedback{Status: FeedbackNew, TeamID: 2}, FeedbackHandedOff, ""},
		{"hand off without a team", Feedback{Status: FeedbackNew}, FeedbackHandedOff, FieldTeam},
		{"re-open to planned without a team", Feedback{Status: FeedbackShipped}, FeedbackPlanned, FieldTeam},
		{"ship without a team", Feedback{Status: FeedbackNew}, FeedbackShipped, ""},
		{"decline without a team", Feedback{Status: FeedbackNew}, FeedbackDeclined, ""},
		{"re-open to new without a team", Feedback{Status: FeedbackDeclined}, FeedbackNew, ""},
		{"a refused move, team or not", Feedback{Status: FeedbackShipped, TeamID: 2}, FeedbackDeclined, FieldStatus},
	}
	for _, tt := range tests {
		err := tt.f.CheckMove(tt.to)
		var v ValidationError
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%s: CheckMove = %v, want allowed", tt.name, err)
		case tt.field != "" && (!errors.As(err, &v) || v.Problem(tt.field) == ""):
			t.Errorf("%s: CheckMove = %v, want refused on %s", tt.name, err, tt.field)
		}
	}
}

func TestCanBeDuplicateOf(t *testing.T) {
	item := Feedback{ID: 1, Title: "Dark mode", Status: FeedbackHandedOff}
	tests := []struct {
		name   string
		f      Feedback
		target Feedback
		field  string // "" when allowed
	}{
		{"an open item", item, Feedback{ID: 2, Title: "Night theme", Status: FeedbackPlanned}, ""},
		{"of a shipped item", item, Feedback{ID: 2, Title: "Night theme", Status: FeedbackShipped}, ""},
		{"of itself", item, item, FieldDuplicateOf},
		{"of a deleted item", item, Feedback{ID: 2, Title: "Night theme", Status: FeedbackNew, TrashedAt: date(2026, 1, 2)}, FieldDuplicateOf},
		{"of a duplicate", item, Feedback{ID: 2, Title: "Night theme", Status: FeedbackDuplicate, DuplicateOf: 3}, FieldDuplicateOf},
		{"a shipped item", Feedback{ID: 1, Status: FeedbackShipped}, Feedback{ID: 2, Status: FeedbackNew}, FieldStatus},
		{"a duplicate already", Feedback{ID: 1, Status: FeedbackDuplicate, DuplicateOf: 2}, Feedback{ID: 3, Status: FeedbackNew}, FieldStatus},
	}
	for _, tt := range tests {
		err := tt.f.CanBeDuplicateOf(tt.target)
		var v ValidationError
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%s: CanBeDuplicateOf = %v, want allowed", tt.name, err)
		case tt.field != "" && (!errors.As(err, &v) || v.Problem(tt.field) == ""):
			t.Errorf("%s: CanBeDuplicateOf = %v, want refused on %s", tt.name, err, tt.field)
		}
	}
}

func TestProductTeamValidate(t *testing.T) {
	tests := []struct {
		name   string
		team   ProductTeam
		fields []string
	}{
		{"name only", ProductTeam{Name: "Docs"}, nil},
		{"reach by email", ProductTeam{Name: "QA", Contact: "Ines Silva", Reach: "qa@example.org"}, nil},
		{"reach by link", ProductTeam{Name: "Core", Reach: "https://chat.example.org/#core"}, nil},
		{"reach by mailto", ProductTeam{Name: "Core", Reach: "mailto:core@example.org"}, nil},
		{"no name", ProductTeam{Name: "   "}, []string{FieldName}},
		{"long name", ProductTeam{Name: strings.Repeat("x", 201)}, []string{FieldName}},
		{"reach by neither", ProductTeam{Name: "Design", Reach: "#design on Matrix"}, []string{FieldReach}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.team.Normalize()
			assertFields(t, tt.team.Validate(), tt.fields)
		})
	}
}

func TestRaiseValidate(t *testing.T) {
	tests := []struct {
		name   string
		r      Raise
		fields []string
	}{
		{"quote and member", Raise{MemberID: 3, Quote: "Please add dark mode"}, nil},
		{"with a source link", Raise{MemberID: 3, Quote: "+1", SourceLink: "https://forum.example.org/t/12/4"}, nil},
		{"with a conversation and a link", Raise{MemberID: 3, Quote: "+1", ConversationID: 8, SourceLink: "https://forum.example.org/t/12/4"}, nil},
		{"blank quote", Raise{MemberID: 3, Quote: " \n "}, []string{FieldQuote}},
		{"nobody", Raise{Quote: "x"}, []string{FieldMember}},
		{"bad link", Raise{MemberID: 3, Quote: "x", SourceLink: "forum post 12"}, []string{FieldSource}},
		{"empty", Raise{}, []string{FieldMember, FieldQuote}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.r.Normalize()
			assertFields(t, tt.r.Validate(), tt.fields)
		})
	}
	r := Raise{Quote: "  first line\n  second line \n"}
	r.Normalize()
	if r.Quote != "first line\n  second line" {
		t.Errorf("Normalize kept quote %q, want its lines kept and its ends trimmed", r.Quote)
	}
}

func TestOutcomeText(t *testing.T) {
	tests := []struct {
		status            FeedbackStatus
		outcome, dupTitle string
		want              string
	}{
		{FeedbackShipped, "", "", "shipped"},
		{FeedbackShipped, " in 4.9,\n out on Friday ", "", "shipped — in 4.9, out on Friday"},
		{FeedbackDeclined, "out of scope for the core", "", "declined — out of scope for the core"},
		{FeedbackDuplicate, "", "Night theme", "duplicate of “Night theme”"},
		{FeedbackDuplicate, "tracked there", "Night theme", "duplicate of “Night theme” — tracked there"},
	}
	for _, tt := range tests {
		if got := OutcomeText(tt.status, tt.outcome, tt.dupTitle); got != tt.want {
			t.Errorf("OutcomeText(%s, %q, %q) = %q, want %q", tt.status, tt.outcome, tt.dupTitle, got, tt.want)
		}
	}
	if got, want := LoopPromiseText("Amara Okafor", "Dark mode", "shipped — in 4.9"), "tell Amara Okafor about Dark mode: shipped — in 4.9"; got != want {
		t.Errorf("LoopPromiseText = %q, want %q", got, want)
	}
}

// TestLoopPromises: a change that closes the loop owes one promise per
// member who raised the item and was not told, exactly once per member and
// change, whatever the order of calls.
func TestLoopPromises(t *testing.T) {
	item := Feedback{ID: 7, Title: "Dark mode", Status: FeedbackShipped, Outcome: "in 4.9"}
	at := time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC) // already 2 March in Berlin
	shipped := StatusChange{ID: 20, FeedbackID: 7, From: FeedbackPlanned, To: FeedbackShipped, By: "Sam Rivera", At: at}
	amara := Raiser{MemberID: 1, Name: "Amara Okafor", ConversationID: 40}
	bjorn := Raiser{MemberID: 2, Name: "Björn Öberg"}
	chen := Raiser{MemberID: 3, Name: "Chen Wei", Told: true}
	zoe := Raiser{MemberID: 4, Name: "Zoë Lefèvre", Trashed: true}
	tests := []struct {
		name     string
		change   StatusChange
		raisers  []Raiser
		promised []int64
		want     []int64 // the members owed a promise, in order
	}{
		{"each member once", shipped, []Raiser{amara, bjorn}, nil, []int64{1, 2}},
		{"a member who raised it twice", shipped, []Raiser{amara, bjorn, amara}, nil, []int64{1, 2}},
		{"told already", shipped, []Raiser{amara, chen}, nil, []int64{1}},
		{"in the trash", shipped, []Raiser{zoe, bjorn}, nil, []int64{2}},
		{"promised for this change already", shipped, []Raiser{amara, bjorn}, []int64{1}, []int64{2}},
		{"all promised", shipped, []Raiser{amara, bjorn}, []int64{2, 1}, nil},
		{"declined", StatusChange{ID: 21, To: FeedbackDeclined, At: at}, []Raiser{amara}, nil, []int64{1}},
		{"duplicate", StatusChange{ID: 22, To: FeedbackDuplicate, At: at}, []Raiser{amara}, nil, []int64{1}},
		{"planned owes nothing", StatusChange{ID: 23, From: FeedbackAcknowledged, To: FeedbackPlanned, At: at}, []Raiser{amara, bjorn}, nil, nil},
		{"re-opening owes nothing", StatusChange{ID: 24, From: FeedbackShipped, To: FeedbackPlanned, At: at}, []Raiser{amara}, nil, nil},
		{"nobody raised it", shipped, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := LoopPromises(item, tt.change, tt.raisers, tt.promised, "", berlin)
			var got []int64
			for _, f := range fs {
				if len(f.Members) != 1 {
					t.Fatalf("promise %q is for %v, want one member", f.What, f.Members)
				}
				got = append(got, f.Members[0])
				if err := f.Validate(); err != nil || !f.Promise || f.Status != FollowUpOpen {
					t.Errorf("promise %+v: Validate() = %v, promise %v, status %q; want a valid open promise", f, err, f.Promise, f.Status)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("promises for members %v, want %v", got, tt.want)
			}
			// Whatever was made, asking again with it owes nothing more.
			if again := LoopPromises(item, tt.change, tt.raisers, append(slices.Clone(tt.promised), got...), "", berlin); len(again) != 0 {
				t.Errorf("asking again owes %d more promises, want none", len(again))
			}
		})
	}

	fs := LoopPromises(item, shipped, []Raiser{amara}, nil, "", berlin)
	want := FollowUp{
		What:            "tell Amara Okafor about Dark mode: shipped — in 4.9",
		Due:             time.Date(2026, 3, 5, 0, 0, 0, 0, berlin),
		Members:         []int64{1},
		ConversationID:  40,
		Promise:         true,
		Status:          FollowUpOpen,
		StatusChangedAt: at,
		CreatedBy:       "Sam Rivera",
		CreatedAt:       at,
	}
	if len(fs) != 1 || !reflect.DeepEqual(fs[0], want) {
		t.Errorf("LoopPromises = %+v\nwant [%+v]", fs, want)
	}
	dup := LoopPromises(Feedback{Title: "Dark mode"}, StatusChange{To: FeedbackDuplicate, At: at}, []Raiser{bjorn}, nil, "Night theme", berlin)
	if len(dup) != 1 || dup[0].What != "tell Björn Öberg about Dark mode: duplicate of “Night theme”" {
		t.Errorf("duplicate's promise = %+v, want it to name the item it duplicates", dup)
	}
}

// TestMoveRaises: a duplicate's raises move to the item it duplicates with
// their quotes; a member already there keeps both quotes and the told state
// they have there.
func TestMoveRaises(t *testing.T) {
	told := time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)
	dup := []Raise{
		{ID: 1, FeedbackID: 5, MemberID: 1, Quote: "dark mode please", ConversationID: 11, Date: date(2026, 1, 3)},
		{ID: 2, FeedbackID: 5, MemberID: 2, Quote: "my eyes hurt at night", SourceLink: "https://forum.example.org/t/9", Date: date(2026, 1, 4), ToldAt: told},
		{ID: 3, FeedbackID: 5, MemberID: 3, Quote: "same as Amara", Date: date(2026, 1, 5)},
		{ID: 6, FeedbackID: 5, MemberID: 1, Quote: "asking again", Date: date(2026, 1, 9)},
	}
	target := []Raise{
		{ID: 4, FeedbackID: 9, MemberID: 3, Quote: "a night theme", Date: date(2025, 12, 1), ToldAt: told},
		{ID: 5, FeedbackID: 9, MemberID: 4, Quote: "low light", Date: date(2025, 12, 2)},
	}
	given := slices.Clone(dup)
	moved := MoveRaises(dup, target, 9)
	if !reflect.DeepEqual(dup, given) {
		t.Error("MoveRaises changed the raises it was given")
	}
	if len(moved) != len(dup) {
		t.Fatalf("moved %d raises, want all %d", len(moved), len(dup))
	}
	for i, r := range moved {
		d := dup[i]
		if r.ID != d.ID || r.FeedbackID != 9 || r.MemberID != d.MemberID || r.Quote != d.Quote || !r.Date.Equal(d.Date) ||
			r.ConversationID != d.ConversationID || r.SourceLink != d.SourceLink {
			t.Errorf("raise %d moved as %+v, want %+v on item 9 with its quote, date and source", d.ID, r, d)
		}
	}
	wantTold := map[int64]time.Time{
		1: {},   // not on the target: has not heard its outcome
		2: {},   // told of the duplicate's, not of the target's
		3: told, // on the target already, and told there
	}
	for _, r := range moved {
		if !r.ToldAt.Equal(wantTold[r.MemberID]) {
			t.Errorf("member %d's moved raise told at %v, want %v", r.MemberID, r.ToldAt, wantTold[r.MemberID])
		}
	}
	// Every quote is kept: the target holds both of Chen's.
	var quotes []string
	for _, r := range append(slices.Clone(target), moved...) {
		if r.MemberID == 3 {
			quotes = append(quotes, r.Quote)
		}
	}
	if want := []string{"a night theme", "same as Amara"}; !slices.Equal(quotes, want) {
		t.Errorf("member 3's quotes on the target = %q, want %q", quotes, want)
	}
}

func TestAnonymise(t *testing.T) {
	day := date(2026, 1, 3)
	r := FeedbackReport{
		Team: ProductTeam{Name: "Core"},
		Items: []ReportItem{
			{ID: 1, Title: "Dark mode", Members: 2, Quotes: []ReportQuote{
				{Member: "Amara Okafor", Contact: "amara@example.org", Quote: "Please, dark mode", Date: day, Source: "https://forum.example.org/t/1"},
				{Member: "Ana", Contact: "ana@example.org", Quote: "What Amara Okafor said. Ana agrees.", Date: day},
			}},
			{ID: 2, Title: "Crash on start", Members: 2, Quotes: []ReportQuote{
				{Member: "Ana", Quote: "It crashes. Bananas.", Date: day},
				{Member: "Björn Öberg", Contact: "bjorn@example.org", Quote: "Here too", Date: day, Source: "https://git.example.org/1"},
			}},
		},
	}
	given := FeedbackReport{Team: r.Team, Items: slices.Clone(r.Items)}
	a := r.Anonymise()
	if !a.Anonymised || r.Anonymised {
		t.Errorf("Anonymised = %v on the copy, %v on the original; want true, false", a.Anonymised, r.Anonymised)
	}
	var got []string
	for _, it := range a.Items {
		for _, q := range it.Quotes {
			got = append(got, q.Member+" | "+q.Contact+" | "+q.Quote+" | "+q.Source)
		}
	}
	want := []string{
		"member 1 |  | Please, dark mode | ",
		"member 2 |  | What member 1 said. member 2 agrees. | ",
		"member 2 |  | It crashes. Bananas. | ",
		"member 3 |  | Here too | ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("anonymised quotes:\n%q\nwant\n%q", got, want)
	}
	if !reflect.DeepEqual(r.Items[0].Quotes, given.Items[0].Quotes) {
		t.Error("Anonymise changed the report it was called on")
	}
	if a.Items[1].Members != 2 || a.Items[0].Title != "Dark mode" {
		t.Errorf("Anonymise changed the items: %+v", a.Items)
	}
}

func TestNameScrubber(t *testing.T) {
	scrub := nameScrubber(map[string]string{
		"Ana": "member 1", "Ana Sofía Rojas": "member 2", "Björn Öberg": "member 3", "Li": "member 4",
	})
	tests := []struct{ in, want string }{
		{"Ana said so", "member 1 said so"},
		{"Ana Sofía Rojas said so", "member 2 said so"},
		{"Ana Sofía said so", "member 1 Sofía said so"},
		{"ask Björn Öberg.", "ask member 3."},
		{"Bananas, Anastasia, Lima", "Bananas, Anastasia, Lima"},
		{"(Li) and Li's", "(member 4) and member 4's"},
		{"björn öberg", "björn öberg"}, // names compare exactly
		{"", ""},
		{"AnaAna Ana", "AnaAna member 1"},
	}
	for _, tt := range tests {
		if got := scrub(tt.in); got != tt.want {
			t.Errorf("scrub(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
