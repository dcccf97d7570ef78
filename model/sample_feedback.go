package model

import (
	"fmt"
	"slices"
	"time"
)

// SampleTeams are the product teams of the sample community.
func SampleTeams() []ProductTeam {
	return []ProductTeam{
		{Name: "Core", Contact: "Chen Wei", Reach: "core@example.org"},
		{Name: "Docs", Contact: "Amara Okafor", Reach: "https://forum.example.org/c/docs"},
		{Name: "QA", Contact: "Tomasz Wiśniewski", Reach: "qa@example.org"},
		{Name: "Design", Contact: "Zoë Lefèvre", Reach: "https://forum.example.org/c/design"},
	}
}

// SampleItem is one feedback item of the sample community, as a store adds
// it: recorded, raised by its members, moved, and its outcome told to some.
type SampleItem struct {
	// Feedback is the item as recorded: new, TeamID a position in
	// SampleTeams plus one, CreatedAt when it was recorded.
	Feedback Feedback
	// Raises are by the members SampleFeedback was given (their IDs), each
	// said in one of their conversations (ConversationID is a
	// SampleHistory conversation's ID) or elsewhere (SourceLink).
	Raises []Raise
	Moves  []SampleMove // after it was recorded, oldest first
	// Told are the members told of its outcome after its last move, and
	// when.
	Told   []int64
	ToldAt time.Time
}

// SampleMove is a move of a sample item.
type SampleMove struct {
	To          FeedbackStatus
	At          time.Time
	Note        string
	DuplicateOf int // for a duplicate: the item it duplicates, a position in SampleFeedback's items plus one
}

// sampleAsk is a sample item, its raises and moves in days before now.
type sampleAsk struct {
	title, detail string
	kind          FeedbackKind
	team          int // a position in SampleTeams
	tracker       string
	raises        []sampleRaise
	moves         []sampleStep
	told          []string
	toldDays      int
}

type sampleRaise struct {
	name, quote string
	days        int
}

type sampleStep struct {
	to   FeedbackStatus
	days int
	note string
	dup  int // a position in sampleAsks plus one
}

// sampleAsks are what the sample community asked its teams for: every
// status, a duplicate, loops closed and told, closed and not yet told (so
// that Today has members waiting to hear back), and open.
var sampleAsks = []sampleAsk{
	{
		title: "Crash when importing contacts with photos", kind: KindBug, team: 0,
		detail:  "Cards exported from Android phones carry the photo inline; the importer stops at the first one.",
		tracker: "https://git.example.org/guild/guild/issues/1812",
		raises: []sampleRaise{
			{"Priya Raghunathan", "Importing our clinic's contacts crashes as soon as a card has a photo.", 30},
			{"Kwame Mensah", "Same crash with the moderators' shared address book; cards without photos go in fine.", 24},
			{"Mateus Oliveira", "Crashes here too, with cards exported from an Android phone.", 20},
		},
		moves: []sampleStep{
			{FeedbackHandedOff, 19, "sent to #core with three sample cards", 0},
			{FeedbackAcknowledged, 17, "", 0},
			{FeedbackPlanned, 12, "for the next patch release", 0},
			{FeedbackShipped, 3, "fixed in the patch release", 0},
		},
		told: []string{"Priya Raghunathan"}, toldDays: 2,
	},
	{
		title: "Dark mode for the whole app", kind: KindIdea, team: 3,
		detail:  "Today only the editor is dark; the settings and the welcome screens are not.",
		tracker: "https://git.example.org/guild/guild/issues/1650",
		raises: []sampleRaise{
			{"Zoë Lefèvre", "Dark mode should cover every screen, not only the editor; the settings page is blinding.", 60},
			{"Björn Öberg", "Is there a dark theme? I work late and the white hurts.", 10},
		},
		moves: []sampleStep{
			{FeedbackHandedOff, 55, "", 0},
			{FeedbackAcknowledged, 40, "", 0},
			{FeedbackPlanned, 9, "in the design sprint for the next release", 0},
		},
	},
	{
		title: "Vietnamese plural forms in the release notes", kind: KindBug, team: 1,
		tracker: "https://git.example.org/guild/guild/issues/1433",
		raises: []sampleRaise{
			{"Nguyễn Thị Lan", "The release notes say \"1 bản cập nhật(s)\": Vietnamese has no plural like that.", 120},
			{"Sakura Tanaka", "Japanese counters break the same way in the notes.", 100},
		},
		moves: []sampleStep{
			{FeedbackHandedOff, 98, "", 0},
			{FeedbackPlanned, 90, "", 0},
			{FeedbackShipped, 60, "the notes generator uses each language's plural rules now", 0},
		},
		told: []string{"Nguyễn Thị Lan", "Sakura Tanaka"}, toldDays: 58,
	},
	{
		title: "Offline mode for clinics and meetups", kind: KindIdea, team: 0,
		detail: "Keep working without a connection for hours, and sync afterwards.",
		raises: []sampleRaise{
			{"Priya Raghunathan", "Clinics lose the connection for hours; the app should keep working and sync later.", 200},
			{"Wanjiru Kamau", "Our meetup venues have no Wi-Fi; offline would save the workshops.", 150},
			{"Kwame Mensah", "+1: the moderators' laptops travel a lot.", 90},
		},
		moves: []sampleStep{
			{FeedbackHandedOff, 140, "", 0},
			{FeedbackAcknowledged, 80, "on the roadmap discussion list", 0},
		},
	},
	{
		title: "Reference for plugin hooks", kind: KindQuestion, team: 1,
		raises: []sampleRaise{
			{"Chen Wei", "Where is the reference for plugin hooks? I keep reading the source.", 45},
			{"José Martínez García", "My students ask how plugins register; is there a page I can send them?", 35},
		},
		moves: []sampleStep{{FeedbackHandedOff, 30, "asked Amara for the docs sprint", 0}},
	},
	{
		title: "A heads-up before releases that touch updates", kind: KindComplaint, team: 0,
		raises: []sampleRaise{
			{"Ólafur Sigurðsson", "The last release changed the update checker without a word to the security reviewers.", 70},
		},
		moves: []sampleStep{
			{FeedbackHandedOff, 66, "", 0},
			{FeedbackAcknowledged, 60, "added to the release checklist draft", 0},
		},
	},
	{
		title: "Shortcuts that work on a Swedish keyboard", kind: KindIdea, team: 0,
		raises: []sampleRaise{
			{"Björn Öberg", "The [ and ] shortcuts need AltGr on a Swedish keyboard; could they be remapped?", 8},
		},
	},
	{
		title: "Flaky Windows CI", kind: KindBug, team: 2,
		tracker: "https://git.example.org/guild/guild/issues/1790",
		raises: []sampleRaise{
			{"Tomasz Wiśniewski", "Windows CI fails one run in five on the file watcher tests.", 50},
			{"Mateus Oliveira", "My pull request went red three times for the same Windows test.", 28},
		},
		moves: []sampleStep{
			{FeedbackHandedOff, 45, "", 0},
			{FeedbackAcknowledged, 40, "", 0},
			{FeedbackPlanned, 20, "QA is rewriting the watcher tests", 0},
		},
	},
	{
		title: "Documentation in Spanish", kind: KindIdea, team: 1,
		raises: []sampleRaise{
			{"José Martínez García", "Students in Valencia would contribute sooner with docs in Spanish.", 150},
			{"Camila Restrepo", "A Spanish docs tree would help the Latin American forum too.", 130},
		},
		moves: []sampleStep{
			{FeedbackHandedOff, 125, "", 0},
			{FeedbackDeclined, 25, "no one can keep a second docs tree up to date yet; translations are welcome on the translation platform", 0},
		},
		told: []string{"José Martínez García"}, toldDays: 23,
	},
	{
		title: "Thank you for the new contributor guide", kind: KindPraise, team: 1,
		raises: []sampleRaise{
			{"Siddharth Menon", "The new contributor guide got me from clone to a first pull request in one evening. Thank you!", 12},
			{"Elif Yılmaz", "Thanks for the guide, the screenshots helped.", 9},
		},
		moves: []sampleStep{{FeedbackHandedOff, 5, "passed on to the docs team", 0}},
	},
	{
		title: "Night theme for the editor", kind: KindIdea, team: 3,
		raises: []sampleRaise{
			{"Sakura Tanaka", "A night theme for the editor, please: I translate at night.", 33},
			{"Yuki Nakamura", "Our developers keep asking for a darker editor.", 26},
		},
		moves: []sampleStep{{FeedbackDuplicate, 20, "", 2}},
		told:  []string{"Sakura Tanaka"}, toldDays: 18,
	},
	{
		title: "Focus outlines vanish in dark mode", kind: KindBug, team: 3,
		raises: []sampleRaise{
			{"Zoë Lefèvre", "Keyboard focus disappears on the dark settings page.", 14},
			{"Aroha Ngata", "I cannot see where focus is when I moderate with the keyboard.", 11},
		},
		moves: []sampleStep{
			{FeedbackHandedOff, 10, "", 0},
			{FeedbackShipped, 2, "outlines meet the contrast guidelines in both themes now", 0},
		},
	},
}

// SampleFeedback is what the sample community asked its product teams
// (SampleTeams) for, up to now: about a dozen items in every status, each
// raised by one or several members in their words, said in one of their
// conversations (convs, SampleHistory's) when they had one in the days
// before, else on the forum. Some items shipped or were declined and their
// members were told; of others some members were not told yet, so that
// Today has members waiting to hear back. A member missing from members is
// left out; so is an item left without a raise.
func SampleFeedback(members []Member, convs []Conversation, now time.Time) []SampleItem {
	byName := map[string]Member{}
	for _, m := range members {
		byName[m.Name] = m
	}
	ago := func(days int) time.Time {
		d := Day(now, now.Location()).AddDate(0, 0, -days)
		return d.Add(10*time.Hour + time.Duration(days%7)*47*time.Minute)
	}
	var items []SampleItem
	kept := map[int]int{} // position in sampleAsks to position in items, plus one
	for i, a := range sampleAsks {
		it := SampleItem{Feedback: Feedback{
			Title: a.title, Detail: a.detail, Kind: a.kind, TeamID: int64(a.team + 1),
			Status: FeedbackNew, TrackerLink: a.tracker,
		}}
		for j, r := range a.raises {
			m, ok := byName[r.name]
			if !ok {
				continue
			}
			it.Raises = append(it.Raises, sampleRaiseOf(m, convs, ago(r.days), r.quote, i*10+j))
		}
		if len(it.Raises) == 0 {
			continue
		}
		first := slices.MinFunc(it.Raises, func(x, y Raise) int { return x.Date.Compare(y.Date) })
		it.Feedback.CreatedAt = first.Date.Add(2 * time.Hour)
		last := it.Feedback.CreatedAt
		for _, st := range a.moves {
			at := ago(st.days)
			if !at.After(last) { // never before what came first
				at = last.Add(time.Hour)
			}
			if at.After(now) {
				break
			}
			mv := SampleMove{To: st.to, At: at, Note: st.note}
			if st.dup != 0 {
				if mv.DuplicateOf = kept[st.dup-1]; mv.DuplicateOf == 0 {
					break
				}
			}
			it.Moves = append(it.Moves, mv)
			last = at
		}
		for _, name := range a.told {
			if m, ok := byName[name]; ok {
				it.Told = append(it.Told, m.ID)
			}
		}
		if len(it.Told) > 0 {
			it.ToldAt = ago(a.toldDays)
			if !it.ToldAt.After(last) {
				it.ToldAt = last.Add(time.Hour)
			}
			if it.ToldAt.After(now) {
				it.ToldAt = now
			}
		}
		items = append(items, it)
		kept[i] = len(items)
	}
	return items
}

// sampleRaiseOf is m's raise, said on the day at: in their latest
// conversation of the two weeks before, when they had one, else on the
// forum; never before they entered the record. n makes its forum address.
func sampleRaiseOf(m Member, convs []Conversation, at time.Time, quote string, n int) Raise {
	r := Raise{MemberID: m.ID, Quote: quote, Date: at}
	if r.Date.Before(m.CreatedAt) {
		r.Date = m.CreatedAt.Add(24 * time.Hour)
	}
	for i := len(convs) - 1; i >= 0; i-- {
		c := convs[i]
		if c.At.After(r.Date) || !slices.Contains(c.Participants, m.ID) {
			continue
		}
		if r.Date.Sub(c.At) <= 14*24*time.Hour {
			r.ConversationID, r.Date = c.ID, c.At
			return r
		}
		break
	}
	r.SourceLink = fmt.Sprintf("https://forum.example.org/t/%d", 2400+n*7)
	return r
}
