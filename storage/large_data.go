package storage

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"

	"rapport/model"
)

// largeData is a generated community for LoadLarge. Participants and the
// members of follow-ups are positions in members plus one; conversations
// have ids 1..n, oldest first, which the follow-ups' and raises'
// ConversationID refer to.
type largeData struct {
	members []model.Member
	convs   []model.Conversation
	fus     []model.FollowUp
	items   []largeItem
}

// largeHistory is how far back the generated conversations go, in days.
const largeHistory = 730

// generateLarge makes the community LoadLarge adds: the same for the same
// sizes, now and manager, since its randomness has a fixed seed. me handles
// most conversations and made the follow-ups; two colleagues handled the
// others.
func generateLarge(sizes LargeSizes, now time.Time, me string) largeData {
	g := &largeGen{
		rnd:   rand.New(rand.NewPCG(0x1a49_e5ee, 0xd00d_f00d)),
		now:   now,
		loc:   now.Location(),
		today: model.Day(now, now.Location()),
		me:    me,
	}
	var d largeData
	d.members = make([]model.Member, sizes.Members)
	for i := range d.members {
		d.members[i] = g.member(i, sizes.Members)
	}
	d.convs = g.conversations(d.members, sizes.Conversations)
	d.fus = g.followUps(d.members, d.convs, sizes.FollowUps)
	d.items = g.feedback(d.members, d.convs, sizes.Feedback, sizes.Quotes)
	return d
}

type largeGen struct {
	rnd        *rand.Rand
	now, today time.Time
	loc        *time.Location
	me         string
}

func (g *largeGen) one(xs []string) string { return xs[g.rnd.IntN(len(xs))] }

func (g *largeGen) days(n float64) time.Duration { return time.Duration(n * float64(24*time.Hour)) }

// Parts of generated names: syllables, some with the letters of the
// languages the community speaks, so that search meets diacritics.
var (
	nameStarts = []string{"a", "ka", "ri", "no", "mi", "le", "sa", "to", "ra", "el", "in", "ya", "zu", "be", "da", "fe",
		"go", "hi", "jo", "ku", "lo", "ma", "ne", "o", "pa", "ro", "si", "ta", "u", "vi", "wa", "yo", "ze", "bjö", "jé", "ña", "ši", "ło"}
	nameMiddles = []string{"ra", "li", "na", "ko", "mi", "sa", "de", "ri", "lo", "ta", "ne", "vi", "ma", "ju", "ké", "ö", "ya"}
	firstEnds   = []string{"", "", "n", "a", "o", "ia", "el", "ra", "s", "ko", "ne", "ël"}
	lastEnds    = []string{"sen", "ova", "ez", "ić", "ani", "ski", "berg", "oğlu", "wa", "ur", "dóttir", "ian", "er", "mann", "ee", "ó", "owski", "ashi"}
	largeTags   = []string{"contributor", "contributor", "contributor", "maintainer", "docs", "translator", "design", "security",
		"moderator", "event host", "mentor", "release", "triage", "sponsor", "accessibility", "key"}
	largePlaces = []struct{ place, zone string }{
		{"Lagos", "Africa/Lagos"}, {"Nairobi", "Africa/Nairobi"}, {"Umeå", "Europe/Stockholm"}, {"Kraków", "Europe/Warsaw"},
		{"Lyon", "Europe/Paris"}, {"São Paulo", "America/Sao_Paulo"}, {"Lima", "America/Lima"}, {"Toronto", "America/Toronto"},
		{"Austin", "America/Chicago"}, {"Bengaluru", "Asia/Kolkata"}, {"Hà Nội", "Asia/Ho_Chi_Minh"}, {"Kyoto", "Asia/Tokyo"},
		{"Seoul", "Asia/Seoul"}, {"Auckland", "Pacific/Auckland"}, {"Reykjavík", "Atlantic/Reykjavik"}, {"İzmir", "Europe/Istanbul"},
		{"Beirut", "Asia/Beirut"}, {"Tbilisi", "Asia/Tbilisi"}, {"Accra", "Africa/Accra"}, {"Valencia", "Europe/Madrid"},
	}
	largeMet = []string{
		"Answered questions on the forum for weeks before saying hello.", "Met at the spring meetup; wants to help with onboarding.",
		"Their first pull request fixed a typo in the installer.", "Introduced by a maintainer after a good review.",
		"Reported a crash on startup and tested the fix.", "Came from the translation platform with a whole language done.",
		"Ran a workshop at the summit.", "Their company sponsors the CI runners.",
	}
	largeCares = []string{
		"Documentation newcomers can follow.", "Offline-first sync; clear error messages.", "Translations that read naturally.",
		"Accessibility of every screen.", "Fast reviews and kind ones.", "Packaging for distributions.", "A calm forum.",
		"Windows support that is not an afterthought.", "Reproducible builds.", "Getting students to a first contribution.",
	}
	largeAreas = []string{"the installer", "sync", "the settings page", "plugins", "the CLI", "search", "the importer",
		"notifications", "the updater", "the API docs", "the welcome flow", "keyboard shortcuts", "dark mode", "the release notes"}
	largeCities = []string{"Lagos", "Umeå", "Lyon", "Lima", "Kyoto", "Valencia", "Accra", "Toronto", "Kraków", "Bengaluru"}
	largeTopics = []string{
		"Release planning for {v}", "Review of pull request #{n}", "Question about {area}", "Bug in {area}",
		"Docs review: {area}", "Translating {area}", "Design review of {area}", "Meetup in {city}", "Mentoring session",
		"Onboarding a new contributor", "Moderation: thread about {area}", "Sponsorship check-in", "Security report on {area}",
		"Catching up after {v}", "Talk proposal for the summit", "Accessibility pass on {area}", "Triage of {area} issues",
		"Roadmap for {area}", "Stepping back for a while", "Thanks for the help with {area}",
	}
	largeOpenings = []string{"Talked through", "Went over", "Asked about", "Followed up on", "Shared notes on", "Disagreed a little about",
		"Agreed on", "Looked again at", "Got feedback on", "Planned"}
	largeDetails = []string{
		"the open questions in {area}; a draft comes next week.", "what blocks {v}; two issues left.",
		"the review comments on #{n}; they will split the change.", "how newcomers get stuck in {area}.",
		"the meetup in {city}: room, speakers, snacks.", "the flaky CI job that fails on #{n}.",
		"moderation of the thread about {area}.", "credit for translators in the {v} notes.",
		"the contrast of {area} in dark mode.", "time off after a long cycle.",
	}
	largeWhats = []string{
		"Send the notes about {area}", "Review pull request #{n}", "Introduce them to the {area} maintainers",
		"Answer their question about {area}", "Share the {v} release notes draft", "Invite them to the maintainers' call",
		"Send the slides from {city}", "Open an issue about {area}", "Check how the first contribution went",
		"Find a reviewer for #{n}",
	}
	largeHandlers = []string{"Alex Kim", "Jo Park"}
)

// name is a generated name: one to three syllables and an ending, twice.
func (g *largeGen) name() string {
	part := func(ends []string) string {
		s := g.one(nameStarts)
		for range g.rnd.IntN(2) + 1 {
			s += g.one(nameMiddles)
		}
		s += g.one(ends)
		r := []rune(s)
		r[0] = unicode.ToUpper(r[0])
		return string(r)
	}
	return part(firstEnds) + " " + part(lastEnds)
}

// slug is name in lower-case ASCII letters, for handles and addresses.
func slug(name string, i int) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return fmt.Sprintf("%s%d", b.String(), i)
}

// member is the i-th of n generated members. They entered the record over
// three years, in order; the last weeks' are newcomers.
func (g *largeGen) member(i, n int) model.Member {
	name := g.name()
	s := slug(name, i)
	created := g.now.Add(-g.days(1100 * float64(n-i) / float64(n))).Add(-g.days(g.rnd.Float64() / 2))
	tags := []string{g.one(largeTags)}
	for range g.rnd.IntN(3) {
		if t := g.one(largeTags); !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	if g.now.Sub(created) < 60*24*time.Hour {
		tags = append([]string{"newcomer"}, tags[:1]...)
	}
	place := largePlaces[g.rnd.IntN(len(largePlaces))]
	ids := []model.Identity{{Platform: "GitHub", Handle: s}}
	if g.rnd.IntN(2) == 0 {
		ids = append(ids, model.Identity{Platform: "Matrix", Handle: "@" + s + ":matrix.org"})
	}
	if g.rnd.IntN(3) == 0 {
		ids = append(ids, model.Identity{Platform: "Discourse", Handle: s})
	}
	if g.rnd.IntN(5) == 0 {
		ids = append(ids, model.Identity{Platform: "Mastodon", Handle: "@" + s + "@fosstodon.org"})
	}
	return model.Member{
		Name:        name,
		Pronouns:    []string{"she/her", "he/him", "they/them", "", "she/they"}[g.rnd.IntN(5)],
		Emails:      []string{s + "@example.org"},
		Role:        tags[0],
		Location:    place.place,
		TimeZone:    place.zone,
		HowWeMet:    g.one(largeMet),
		CaresAbout:  g.one(largeCares),
		Tags:        tags,
		Identities:  ids,
		CadenceDays: []int{0, 0, 14, 30, 30, 60, 90, 180}[g.rnd.IntN(8)],
		CreatedAt:   created,
		UpdatedAt:   created,
		CreatedBy:   g.me,
	}
}

// conversations are n conversations, oldest first. Each member but a few
// never contacted talks with the manager at a rhythm of their own (a gap of
// five days to half a year), from when they entered the record or two years
// ago; some broke off a while ago and are going quiet. Now and then one or
// two others take part too, often from a core of busy members.
func (g *largeGen) conversations(members []model.Member, n int) []model.Conversation {
	if n == 0 {
		return nil
	}
	type rhythm struct {
		from, until time.Time
		weight      float64
	}
	rs := make([]rhythm, len(members))
	total := 0.0
	for i, m := range members {
		if i%29 == 7 { // never contacted
			continue
		}
		from := latest(m.CreatedAt, g.now.AddDate(0, 0, -largeHistory))
		until := g.now
		window := until.Sub(from).Hours() / 24
		if window < 1 {
			continue
		}
		gap := 5 * math.Pow(36, g.rnd.Float64()) // 5 to 180 days
		if g.rnd.IntN(14) == 0 {
			until = from.Add(g.days(window * 0.6)) // broke off
		}
		rs[i] = rhythm{from, until, max(window/gap, 1)}
		total += rs[i].weight
	}
	if total == 0 { // nobody to talk with yet: the first member, today
		rs[0] = rhythm{g.today, g.now, 1}
		total = 1
	}
	// One each for everyone contacted, as far as n goes, and the rest of n
	// shared by weight, rounded so that the shares add up to n.
	counts := make([]int, len(members))
	contacted := 0
	for _, r := range rs {
		if r.weight > 0 {
			contacted++
		}
	}
	rest := max(n-contacted, 0)
	given := 0
	for i, r := range rs {
		if r.weight > 0 && given < n {
			counts[i] = 1 + int(r.weight/total*float64(rest))
			given += counts[i]
		}
	}
	for i := 0; given < n; i = (i + 1) % len(members) {
		if rs[i].weight > 0 {
			counts[i]++
			given++
		}
	}
	type event struct {
		at     time.Time
		member int
	}
	events := make([]event, 0, n)
	for i, c := range counts {
		r := rs[i]
		span := r.until.Sub(r.from)
		for k := range c {
			// Evenly spaced, each moved by up to a third of a gap.
			f := (float64(k) + 0.5 + (g.rnd.Float64()-0.5)*0.66) / float64(c)
			at := g.workingHours(r.from.Add(time.Duration(f * float64(span))))
			if at.Before(r.from) { // on the day they entered the record, but earlier
				at = r.from
			}
			events = append(events, event{at, i})
		}
	}
	slices.SortStableFunc(events, func(a, b event) int { return a.at.Compare(b.at) })
	core := max(len(members)/100, 1)
	convs := make([]model.Conversation, len(events))
	for k, e := range events {
		c := &convs[k]
		c.ID = int64(k + 1)
		c.At = e.at
		c.Participants = []int64{int64(e.member + 1)}
		if g.rnd.IntN(8) == 0 {
			for range 1 + g.rnd.IntN(2) {
				o := g.rnd.IntN(len(members))
				if g.rnd.IntN(3) == 0 {
					o = g.rnd.IntN(core)
				}
				if id := int64(o + 1); counts[o] > 0 && !slices.Contains(c.Participants, id) && members[o].CreatedAt.Before(e.at) {
					c.Participants = append(c.Participants, id)
				}
			}
		}
		c.Channel = model.Channels[g.rnd.IntN(len(model.Channels))]
		c.Subject = g.fill(g.one(largeTopics), e.at)
		c.Notes = g.fill(g.one(largeOpenings)+" "+g.one(largeDetails), e.at)
		switch {
		case c.Channel == "issue tracker":
			c.Link = fmt.Sprintf("https://git.example.org/guild/guild/pulls/%d", 100+g.rnd.IntN(20_000))
		case c.Channel == "forum" && g.rnd.IntN(2) == 0:
			c.Link = fmt.Sprintf("https://forum.example.org/t/%d", 100+g.rnd.IntN(50_000))
		}
		c.HandledBy = g.me
		if g.rnd.IntN(7) == 0 {
			c.HandledBy = g.one(largeHandlers)
		}
		c.Tone = []string{"", "", "", "", "warm", "warm", "warm", "neutral", "neutral", "tense"}[g.rnd.IntN(10)]
		c.CreatedAt = earliest(c.At.Add(time.Duration(5+g.rnd.IntN(300))*time.Minute), g.now)
		c.UpdatedAt = c.CreatedAt
	}
	return convs
}

// workingHours moves t to a quarter hour between 08:00 and 19:00 of its
// day in the manager's time zone, but never past now.
func (g *largeGen) workingHours(t time.Time) time.Time {
	d := model.Day(t, g.loc)
	at := time.Date(d.Year(), d.Month(), d.Day(), 8+g.rnd.IntN(11), 15*g.rnd.IntN(4), 0, 0, g.loc)
	if !at.Before(g.now) {
		at = g.now.Add(-time.Duration(1+g.rnd.IntN(120)) * time.Minute)
	}
	return at
}

// fill puts a release, a number, an area and a city into a text; the
// release is the one of the time, every eight weeks.
func (g *largeGen) fill(s string, at time.Time) string {
	if strings.Contains(s, "{v}") {
		s = strings.ReplaceAll(s, "{v}", fmt.Sprintf("4.%d", 3+int(at.Sub(g.now.AddDate(0, 0, -largeHistory)).Hours()/24/56)))
	}
	if strings.Contains(s, "{n}") {
		s = strings.ReplaceAll(s, "{n}", fmt.Sprint(100+g.rnd.IntN(20_000)))
	}
	if strings.Contains(s, "{area}") {
		s = strings.ReplaceAll(s, "{area}", g.one(largeAreas))
	}
	if strings.Contains(s, "{city}") {
		s = strings.ReplaceAll(s, "{city}", g.one(largeCities))
	}
	return s
}

// followUps are n follow-ups: most came of a conversation and fall due one
// to three weeks after it, the others were noted on their own, due from
// over a year ago to two months ahead. Those due long ago were mostly done,
// some dropped; of the last three weeks' some are still open, and those to
// come are open.
func (g *largeGen) followUps(members []model.Member, convs []model.Conversation, n int) []model.FollowUp {
	fus := make([]model.FollowUp, n)
	for j := range fus {
		f := &fus[j]
		f.ID = int64(j + 1)
		f.Promise = g.rnd.IntN(5) < 3
		f.CreatedBy = g.me
		if len(convs) > 0 && g.rnd.IntN(10) < 7 {
			c := &convs[g.rnd.IntN(len(convs))]
			f.ConversationID = c.ID
			f.Members = []int64{c.Participants[0]}
			if len(c.Participants) > 1 && g.rnd.IntN(3) == 0 {
				f.Members = slices.Clone(c.Participants)
			}
			f.Due = model.Day(c.At, g.loc).AddDate(0, 0, 1+g.rnd.IntN(21))
			f.CreatedAt = c.CreatedAt
			f.What = g.fill(g.one(largeWhats), c.At)
		} else {
			m := g.rnd.IntN(len(members))
			f.Members = []int64{int64(m + 1)}
			f.Due = g.today.AddDate(0, 0, g.rnd.IntN(460)-400)
			f.CreatedAt = earliest(latest(f.Due.AddDate(0, 0, -14), members[m].CreatedAt), g.now)
			f.What = g.fill(g.one(largeWhats), f.CreatedAt)
		}
		f.Status = model.FollowUpOpen
		switch r := g.rnd.IntN(20); {
		case !f.Due.Before(g.today):
		case f.Due.After(g.today.AddDate(0, 0, -21)) && r < 6:
		case r < 3:
			f.Status = model.FollowUpDropped
		default:
			f.Status = model.FollowUpDone
		}
		switch f.Status {
		case model.FollowUpDone:
			f.StatusChangedAt = f.Due.Add(g.days(0.7 - 3*g.rnd.Float64()))
		case model.FollowUpDropped:
			f.StatusChangedAt = f.Due.Add(g.days(7 + 30*g.rnd.Float64()))
		default:
			f.StatusChangedAt = f.CreatedAt
		}
		f.StatusChangedAt = earliest(latest(f.StatusChangedAt, f.CreatedAt), g.now)
	}
	return fus
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
