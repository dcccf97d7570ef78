package model

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// SampleHistory is two years of conversations and follow-ups with members (the
// sample community, with their IDs), ending at now, so that a first look at
// Rapport finds a Today worth reading: each member has a rhythm of their own
// (about weekly for core maintainers, monthly, quarterly, now and then), a few
// were never contacted, a few broke off their rhythm and are going quiet, and
// newcomers were met once or twice. Some conversations have several
// participants; some led to promises, of which most were kept, a few dropped,
// some are late and some fall due today and this week.
//
// The result depends on members and now alone (a fixed seed), and members are
// left as they are. Conversations come oldest first with provisional IDs 1..n,
// which the follow-ups' ConversationID refer to; a store maps them to its own.
// HandledBy and CreatedBy are empty, for the store to stamp with the manager
// ("me"). Days (due days, working hours) are those of now's location.
func SampleHistory(members []Member, now time.Time) ([]Conversation, []FollowUp) {
	g := &historyGen{
		rnd:   rand.New(rand.NewPCG(0x5a4d_91e2, 0x0c0f_fee5)),
		now:   now,
		loc:   now.Location(),
		today: Day(now, now.Location()),
		start: now.AddDate(-2, 0, 0),
	}
	var events []sampleEvent
	for i, m := range members {
		events = append(events, g.memberEvents(i, m)...)
	}
	slices.SortStableFunc(events, func(a, b sampleEvent) int { return a.at.Compare(b.at) })
	convs, kinds := g.conversations(members, events)
	return convs, g.followUps(convs, kinds)
}

// historyGen holds what the generation of one history shares.
type historyGen struct {
	rnd          *rand.Rand
	now          time.Time
	loc          *time.Location
	today, start time.Time
}

// rhythmKind is how often the manager talks with a member.
type rhythmKind int

const (
	rhythmNever     rhythmKind = iota // added, never talked with
	rhythmWeekly                      // core maintainers
	rhythmFortnight                   // the moderation team, a busy maintainer
	rhythmMonthly
	rhythmQuarterly
	rhythmIrregular // gaps of a week to four months
	rhythmSporadic  // once or twice in two years: no rhythm yet
	rhythmQuiet     // regular until some months ago, silent since: going quiet
	rhythmNewcomer  // met once or twice since they arrived
)

// sampleRhythms are the members whose story in SampleCommunity says how
// their rhythm goes.
var sampleRhythms = map[string]rhythmKind{
	"Emre Kaya":        rhythmQuiet, // quieter since the move to Matrix
	"Jürgen Weiß":      rhythmQuiet, // stepped back as maintainer
	"Nimali Perera":    rhythmQuiet, // close to burning out
	"Oksana Kovalenko": rhythmIrregular,
}

// otherRhythms deal the rhythms of members the rules leave open, in turn.
var otherRhythms = []rhythmKind{
	rhythmMonthly, rhythmQuarterly, rhythmQuiet, rhythmMonthly, rhythmSporadic,
	rhythmQuarterly, rhythmMonthly, rhythmIrregular, rhythmNever, rhythmMonthly, rhythmQuarterly,
}

// rhythmOf is the i-th member's rhythm: their story's, else one their tags
// and cadence suggest, else the next of otherRhythms.
func rhythmOf(i int, m Member) rhythmKind {
	if k, ok := sampleRhythms[m.Name]; ok {
		return k
	}
	has := func(tag string) bool {
		return slices.ContainsFunc(m.Tags, func(t string) bool { return strings.EqualFold(t, tag) })
	}
	switch {
	case has("newcomer"):
		if i%4 == 3 {
			return rhythmNever
		}
		return rhythmNewcomer
	case has("maintainer") && m.CadenceDays > 0 && m.CadenceDays <= 30:
		return rhythmWeekly
	case has("maintainer"), has("moderator") && has("key"):
		return rhythmFortnight
	case has("key"):
		return rhythmMonthly
	}
	return otherRhythms[i%len(otherRhythms)]
}

// sampleEvent is a moment the manager talked with one member, before they
// are gathered into conversations.
type sampleEvent struct {
	at     time.Time
	member int // index in members
	kind   rhythmKind
	used   bool
}

// memberEvents are the i-th member's moments of contact, by their rhythm,
// from when they entered the record (or two years ago) until now.
func (g *historyGen) memberEvents(i int, m Member) []sampleEvent {
	from := g.start
	if m.CreatedAt.After(from) {
		from = m.CreatedAt
	}
	kind := rhythmOf(i, m)
	days := g.now.Sub(from).Hours() / 24
	var ts []time.Time
	every := func(gap float64, until time.Time) {
		t := from.Add(g.days(g.rnd.Float64() * gap))
		for t.Before(until) {
			ts = append(ts, t)
			t = t.Add(g.days(gap * (0.8 + 0.4*g.rnd.Float64())))
		}
	}
	switch kind {
	case rhythmWeekly:
		every(8, g.now)
	case rhythmFortnight:
		every(15, g.now)
	case rhythmMonthly:
		every(float64(min(max(m.CadenceDays, 28), 45)), g.now)
	case rhythmQuarterly:
		every(85, g.now)
	case rhythmIrregular:
		for t := from.Add(g.days(g.rnd.Float64() * 30)); t.Before(g.now); t = t.Add(g.days(7 + g.rnd.Float64()*110)) {
			ts = append(ts, t)
		}
	case rhythmSporadic:
		for range 1 + g.rnd.IntN(2) {
			ts = append(ts, from.Add(g.days(g.rnd.Float64()*days)))
		}
	case rhythmQuiet:
		// Regular for a while, then silent for three to five gaps: long
		// against their own rhythm.
		gap := min(30, days/9)
		every(gap, g.now.Add(-g.days(gap*(3+2*g.rnd.Float64()))))
	case rhythmNewcomer:
		first := from.Add(g.days(1 + g.rnd.Float64()*min(20, max(days-2, 0))))
		ts = append(ts, first)
		if second := first.Add(g.days(6 + g.rnd.Float64()*10)); g.rnd.IntN(3) == 0 {
			ts = append(ts, second)
		}
	}
	var es []sampleEvent
	for _, t := range ts {
		t = g.workingHours(t)
		if t.After(from) && t.Before(g.now) {
			es = append(es, sampleEvent{at: t, member: i, kind: kind})
		}
	}
	return es
}

// days is n days as a duration.
func (g *historyGen) days(n float64) time.Duration { return time.Duration(n * float64(24*time.Hour)) }

// workingHours moves t to a time between 08:00 and 19:00 of its day, in
// now's location, to the quarter hour.
func (g *historyGen) workingHours(t time.Time) time.Time {
	d := Day(t, g.loc)
	return time.Date(d.Year(), d.Month(), d.Day(), 8+g.rnd.IntN(11), 15*g.rnd.IntN(4), 0, 0, g.loc)
}

// sociable says whether a member of this rhythm may be drawn into someone
// else's conversation: it moves one of their own by a few days at most, so
// their rhythm stays theirs.
func sociable(k rhythmKind) bool {
	switch k {
	case rhythmWeekly, rhythmFortnight, rhythmMonthly, rhythmQuarterly:
		return true
	}
	return false
}

// conversations gathers events into conversations, oldest first: now and
// then an event takes along one or two other members whose own event falls
// within three days and who cares about what they met about, as a call, a
// sprint or a meetup does. topics holds the topic of each conversation, for
// its follow-ups.
func (g *historyGen) conversations(members []Member, events []sampleEvent) ([]Conversation, []*sampleTopic) {
	var convs []Conversation
	var topics []*sampleTopic
	for i := range events {
		e := &events[i]
		if e.used {
			continue
		}
		e.used = true
		ps := []int{e.member}
		t := g.topicFor(members[e.member])
		if sociable(e.kind) && g.rnd.IntN(7) == 0 {
			// Those who care about what the group met about.
			group := g.groupTopicFor(members[e.member])
			for j := i + 1; j < len(events) && len(ps) < 3 && events[j].at.Sub(e.at) < 3*24*time.Hour; j++ {
				o := &events[j]
				if !o.used && sociable(o.kind) && !slices.Contains(ps, o.member) && group.concerns(members[o.member]) {
					o.used = true
					ps = append(ps, o.member)
				}
			}
			if len(ps) > 1 {
				t = group
			}
		}
		c := Conversation{
			ID:      int64(len(convs) + 1),
			At:      e.at,
			Channel: t.channels[g.rnd.IntN(len(t.channels))],
			Subject: g.fill(t.subject, e.at),
			Notes:   g.fill(t.notes, e.at),
			Tone:    t.tone,
		}
		if c.Tone == "" {
			c.Tone = []string{"", "", "warm", "neutral"}[g.rnd.IntN(4)]
		}
		for _, p := range ps {
			c.Participants = append(c.Participants, members[p].ID)
		}
		c.Link = g.link(c.Channel)
		// Logged the same day, a little after.
		c.CreatedAt = c.At.Add(time.Duration(10+g.rnd.IntN(240)) * time.Minute)
		if c.CreatedAt.After(g.now) {
			c.CreatedAt = g.now
		}
		c.UpdatedAt = c.CreatedAt
		convs = append(convs, c)
		topics = append(topics, t)
	}
	return convs, topics
}

// topicFor picks what a conversation with m was about, from the topics of
// their tags and the ones anyone may have.
func (g *historyGen) topicFor(m Member) *sampleTopic {
	pool := slices.Clone(anyoneTopics)
	for _, tag := range m.Tags {
		pool = append(pool, tagTopics[strings.ToLower(tag)]...)
		pool = append(pool, tagTopics[strings.ToLower(tag)]...) // their own matter more
	}
	return g.pick(pool)
}

// groupTopicFor picks what a conversation of m with others was about: one
// that concerns them.
func (g *historyGen) groupTopicFor(m Member) *sampleTopic {
	var pool []sampleTopic
	for _, t := range groupTopics {
		if t.concerns(m) {
			pool = append(pool, t)
		}
	}
	return g.pick(pool)
}

// concerns says whether a group topic is for m: anyone's, or one of m's tags
// is among its own.
func (t *sampleTopic) concerns(m Member) bool {
	return len(t.tags) == 0 || slices.ContainsFunc(m.Tags, func(tag string) bool {
		return slices.Contains(t.tags, strings.ToLower(tag))
	})
}

func (g *historyGen) pick(ts []sampleTopic) *sampleTopic { return &ts[g.rnd.IntN(len(ts))] }

// fill puts the release of the time into a topic's text: the project ships
// every eight weeks or so.
func (g *historyGen) fill(s string, at time.Time) string {
	minor := 3 + int(at.Sub(g.start).Hours()/24/56)
	return strings.ReplaceAll(s, "{v}", fmt.Sprintf("4.%d", minor))
}

// link is where a conversation on the forum or the tracker can be read
// again; elsewhere there is none. The addresses are the example domains'.
func (g *historyGen) link(channel string) string {
	switch {
	case channel == "forum" && g.rnd.IntN(2) == 0:
		return fmt.Sprintf("https://forum.example.org/t/%d", 1200+g.rnd.IntN(4000))
	case channel == "issue tracker":
		return fmt.Sprintf("https://git.example.org/guild/guild/pulls/%d", 800+g.rnd.IntN(3000))
	}
	return ""
}

// followUps are what came of conversations: a topic that carries a promise
// leads to one about a third of the time, and a few recent conversations
// are given promises that are late, due today and due this week, so that
// Today has some whatever the draw.
func (g *historyGen) followUps(convs []Conversation, topics []*sampleTopic) []FollowUp {
	var fs []FollowUp
	has := make([]bool, len(convs))
	for i, c := range convs {
		t := topics[i]
		if t.promise == "" || g.rnd.IntN(3) != 0 {
			continue
		}
		due := Day(c.At, g.loc).AddDate(0, 0, t.dueIn+g.rnd.IntN(4))
		f := g.followUp(c, t, due)
		if due.Before(g.today) {
			f.Status = g.closed(due)
		} else if g.rnd.IntN(6) == 0 {
			f.Status = FollowUpDone // kept early
		}
		g.stampStatus(&f)
		fs = append(fs, f)
		has[i] = true
	}
	// Promises that wait today: days from today, each on the newest
	// conversation before it that has none yet.
	for _, in := range []int{-2, -6, -13, 0, 1, 3, 5} {
		due := g.today.AddDate(0, 0, in)
		for i := len(convs) - 1; i >= 0; i-- {
			c := convs[i]
			if has[i] || !Day(c.At, g.loc).Before(due) || topics[i].promise == "" {
				continue
			}
			f := g.followUp(c, topics[i], due)
			f.Promise = true
			f.StatusChangedAt = f.CreatedAt
			fs = append(fs, f)
			has[i] = true
			break
		}
	}
	slices.SortStableFunc(fs, func(a, b FollowUp) int { return cmp.Compare(a.ConversationID, b.ConversationID) })
	return fs
}

// followUp is an open follow-up of c, due on due, for c's first participant
// or, after a group conversation, now and then for all of them.
func (g *historyGen) followUp(c Conversation, t *sampleTopic, due time.Time) FollowUp {
	f := FollowUp{
		What:           g.fill(t.promise, c.At),
		Due:            due,
		Members:        []int64{c.Participants[0]},
		ConversationID: c.ID,
		Promise:        !t.notPromise,
		Status:         FollowUpOpen,
		CreatedAt:      c.CreatedAt,
	}
	if len(c.Participants) > 1 && g.rnd.IntN(2) == 0 {
		f.Members = slices.Clone(c.Participants)
	}
	return f
}

// closed is the status of a follow-up due before today: most were kept,
// some dropped; of the last three weeks', some are still open (late).
func (g *historyGen) closed(due time.Time) FollowUpStatus {
	switch n := g.rnd.IntN(20); {
	case due.After(g.today.AddDate(0, 0, -21)) && n < 6:
		return FollowUpOpen
	case n < 2:
		return FollowUpDropped
	default:
		return FollowUpDone
	}
}

// stampStatus sets when f's status last changed: when it was made for an
// open one, around its due day for one kept, some weeks after for one
// dropped; never after now.
func (g *historyGen) stampStatus(f *FollowUp) {
	switch f.Status {
	case FollowUpDone:
		f.StatusChangedAt = f.Due.Add(g.days(-3*g.rnd.Float64() + 0.7))
	case FollowUpDropped:
		f.StatusChangedAt = f.Due.Add(g.days(7 + 30*g.rnd.Float64()))
	default:
		f.StatusChangedAt = f.CreatedAt
	}
	if f.StatusChangedAt.Before(f.CreatedAt) {
		f.StatusChangedAt = f.CreatedAt.Add(time.Hour)
	}
	if f.StatusChangedAt.After(g.now) {
		f.StatusChangedAt = g.now
	}
}
