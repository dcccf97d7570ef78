// Package handoff writes a handoff (a model.HandoffDocument) as Markdown and
// as one self-contained HTML file that prints well: the title (from, to, the
// day, the scope), the outgoing manager's narrative section by section, then
// the record's own account: the key members, every open promise, feedback
// in flight, members waiting to hear back and members going quiet. Both
// writers say the same things in the same order; the phrases they share are
// in this file.
package handoff

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"rapport/model"
	"rapport/storage/markdown"
)

// Markdown writes d as a Markdown document. The narrative goes in as the
// manager wrote it (it is their Markdown); everything else is escaped.
func Markdown(w io.Writer, d model.HandoffDocument) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	doc := newDocument(d)
	p("# %s\n\n", markdown.Inline(doc.title()))
	p("%s\n", markdown.Inline(doc.subtitle()))
	p("\n%s\n", markdown.Inline(doc.status()))

	p("\n## In their words\n")
	if !doc.narrativeWritten() {
		p("\n%s\n", notWrittenAtAll)
	} else {
		for _, s := range model.NarrativeSections {
			p("\n### %s\n\n", markdown.Inline(s.Title))
			if text := strings.TrimSpace(d.Handoff.Narrative[s.Key]); text != "" {
				p("%s\n", strings.ReplaceAll(text, "\r\n", "\n"))
			} else {
				p("_%s_\n", notWritten)
			}
		}
	}

	a := d.Account
	if a.Members == 0 {
		p("\n## What the record holds\n\n%s\n", markdown.Inline(doc.noMembers()))
		return bw.Flush()
	}

	p("\n## Key members\n")
	if len(a.KeyMembers) == 0 {
		p("\n%s\n", noKeyMembers)
	}
	for _, km := range a.KeyMembers {
		m := km.Member
		p("\n### %s\n\n", markdown.Inline(doc.memberHeading(m)))
		if about := memberAbout(m); about != "" {
			p("%s\n\n", markdown.Inline(about))
		}
		for _, f := range doc.memberFacts(km) {
			if !f.block {
				p("- **%s:** %s\n", f.label, markdown.Inline(f.text))
				continue
			}
			p("- **%s:**\n\n%s\n\n", f.label, markdown.Block(f.text, "  > "))
		}
		if len(km.OpenPromises) > 0 {
			p("- **Open promises:**\n")
			for _, pr := range km.OpenPromises {
				p("  - %s\n", doc.promiseLine(pr, false).markdown())
			}
		}
		if len(km.WaitingOn) > 0 {
			p("- **Waiting on:**\n")
			for _, f := range km.WaitingOn {
				p("  - %s\n", waitingOnLine(f).markdown())
			}
		}
		if km.Member.PrivateNotes != "" {
			p("- **Private notes (included by %s):**\n\n%s\n", markdown.Inline(doc.from()), markdown.Block(km.Member.PrivateNotes, "  > "))
		}
	}

	p("\n## Open promises and follow-ups\n\n")
	if len(a.OpenPromises) == 0 {
		p("%s\n", noPromises)
	}
	for _, pr := range a.OpenPromises {
		p("- %s\n", doc.promiseLine(pr, true).markdown())
	}

	p("\n## Feedback in flight\n")
	if len(a.FeedbackInFlight) == 0 {
		p("\n%s\n", noFeedback)
	}
	for _, t := range a.FeedbackInFlight {
		p("\n### %s\n\n", markdown.Inline(teamHeading(t.Team)))
		for _, f := range t.Items {
			p("- %s\n", feedbackLine(f).markdown())
		}
	}

	p("\n## Waiting to hear back\n\n")
	if len(a.WaitingToHear) == 0 {
		p("%s\n", noneWaiting)
	}
	for _, hb := range a.WaitingToHear {
		p("- %s\n", doc.hearBackLine(hb).markdown())
	}

	p("\n## Going quiet\n\n")
	if len(a.GoingQuiet) == 0 {
		p("%s\n", noneQuiet)
	} else {
		p("%s\n\n", quietIntro)
	}
	for _, q := range a.GoingQuiet {
		p("- %s\n", doc.quietLine(q).markdown())
	}
	return bw.Flush()
}

// What a document says where there is nothing to list.
const (
	notWrittenAtAll = "The narrative is not written yet."
	notWritten      = "Not written."
	noKeyMembers    = "No key members were chosen."
	noPromises      = "No promise or follow-up is open."
	noFeedback      = "No feedback is in flight."
	noneWaiting     = "Nobody is waiting to hear back."
	noneQuiet       = "Nobody is going quiet."
	quietIntro      = "Silent for more than twice their usual gap between conversations, longest silent first."
	privacyNote     = "Private notes are left out unless included for a member."
)

// dateLayout writes a day as people say it: "2 March 2026".
const dateLayout = "2 January 2006"

// document holds what both writers derive from a handoff document.
type document struct {
	d   model.HandoffDocument
	loc *time.Location // the manager's time zone: the account's day's
}

func newDocument(d model.HandoffDocument) document {
	loc := d.Account.AsOf.Location()
	if d.Account.AsOf.IsZero() {
		loc = d.Handoff.Date.Location()
	}
	return document{d: d, loc: loc}
}

// day writes t as a day in the manager's time zone.
func (doc document) day(t time.Time) string { return t.In(doc.loc).Format(dateLayout) }

func (doc document) asOf() time.Time {
	if !doc.d.Account.AsOf.IsZero() {
		return doc.d.Account.AsOf
	}
	return doc.d.Handoff.Date
}

func (doc document) from() string {
	if f := oneLine(doc.d.Handoff.From); f != "" {
		return f
	}
	return "the outgoing manager"
}

func (doc document) to() string {
	if t := oneLine(doc.d.Handoff.To); t != "" {
		return t
	}
	return "a successor not named yet"
}

// title is "Handoff: Sam Rivera → Alex Kim".
func (doc document) title() string { return "Handoff: " + doc.from() + " → " + doc.to() }

// subtitle is "As of 2 March 2026 · the whole community · 48 members".
func (doc document) subtitle() string {
	s := "As of " + doc.day(doc.asOf()) + " · " + scopeText(doc.d.Handoff.Tag)
	if n := doc.d.Account.Members; n > 0 {
		s += " · " + count(n, "member", "members")
	}
	return s
}

// status says whether the handoff was handed over, and what it leaves out.
func (doc document) status() string {
	s := "A draft, not handed over yet."
	if doc.d.Handoff.Finished() {
		s = "Handed over on " + doc.day(doc.d.Handoff.FinishedAt) + "."
	}
	return s + " " + privacyNote
}

func (doc document) narrativeWritten() bool {
	for _, s := range model.NarrativeSections {
		if strings.TrimSpace(doc.d.Handoff.Narrative[s.Key]) != "" {
			return true
		}
	}
	return false
}

// noMembers is the whole account of a record without members in scope.
func (doc document) noMembers() string {
	if doc.d.Handoff.Tag != "" {
		return "No members tagged “" + oneLine(doc.d.Handoff.Tag) + "” in this record yet, so there is nothing more to hand over."
	}
	return "No members in this record yet, so there is nothing more to hand over."
}

func scopeText(tag string) string {
	if tag = oneLine(tag); tag != "" {
		return "members tagged “" + tag + "”"
	}
	return "the whole community"
}

// memberHeading is a key member's name with their pronouns.
func (doc document) memberHeading(m model.Member) string {
	if m.Pronouns != "" {
		return oneLine(m.Name) + " (" + oneLine(m.Pronouns) + ")"
	}
	return oneLine(m.Name)
}

// memberAbout is "maintainer · Acme · Lagos", what of it is known.
func memberAbout(m model.Member) string {
	var parts []string
	for _, s := range []string{m.Role, m.Organisation, m.Location, m.TimeZone} {
		if s = oneLine(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// fact is one labelled line (or block, for texts of several lines) about a
// key member.
type fact struct {
	label string
	text  string
	block bool
}

// memberFacts are what a key member's entry says before their lists.
func (doc document) memberFacts(km model.HandoffMember) []fact {
	m := km.Member
	var fs []fact
	add := func(label, text string) {
		if text = strings.TrimSpace(text); text != "" {
			fs = append(fs, fact{label, text, strings.Contains(text, "\n")})
		}
	}
	add("How we met", m.HowWeMet)
	add("Cares about", m.CaresAbout)
	add("History", doc.historyText(km))
	add("Where to find them", whereToFind(m))
	add("Introductions", km.Introductions)
	return fs
}

// historyText is the relationship's history in a few words.
func (doc document) historyText(km model.HandoffMember) string {
	if km.Conversations == 0 {
		return "no conversation logged yet."
	}
	var b strings.Builder
	if km.Conversations == 1 {
		fmt.Fprintf(&b, "1 conversation, on %s", doc.day(km.FirstConversation))
	} else {
		fmt.Fprintf(&b, "%d conversations, the first on %s, the last on %s",
			km.Conversations, doc.day(km.FirstConversation), doc.day(km.LastConversation))
	}
	if len(km.Channels) > 0 {
		b.WriteString("; " + channelText(km.Channels))
	}
	if km.RhythmDays > 0 {
		b.WriteString("; " + rhythmText(km.RhythmDays))
	}
	if len(km.HandledBy) > 0 {
		b.WriteString("; handled by " + andList(km.HandledBy))
	}
	b.WriteString(".")
	return b.String()
}

// channelText names the channels most used, three at most.
func channelText(cs []string) string {
	switch {
	case len(cs) == 1:
		return "by " + cs[0]
	case len(cs) > 3:
		return "mostly by " + cs[0] + ", also " + strings.Join(cs[1:3], ", ") + " and others"
	}
	return "mostly by " + cs[0] + ", also " + andList(cs[1:])
}

func rhythmText(days int) string {
	switch {
	case days == 1:
		return "about every day"
	case days%7 == 0 && days <= 56:
		if days == 7 {
			return "about every week"
		}
		return "about every " + strconv.Itoa(days/7) + " weeks"
	}
	return "about every " + strconv.Itoa(days) + " days"
}

// whereToFind is where a member can be reached: addresses, then identities.
func whereToFind(m model.Member) string {
	var parts []string
	parts = append(parts, m.Emails...)
	for _, id := range m.Identities {
		if id.Handle != "" {
			parts = append(parts, id.Platform+" "+id.Handle)
		} else {
			parts = append(parts, id.Platform+" "+id.URL)
		}
	}
	for i := range parts {
		parts[i] = oneLine(parts[i])
	}
	return strings.Join(parts, ", ")
}

// line is one item of a list: its lead (a day, a name, a status), set
// apart, then the rest.
type line struct{ lead, rest string }

// markdown writes the line with its lead in bold.
func (l line) markdown() string {
	if l.lead == "" {
		return markdown.Inline(l.rest)
	}
	return "**" + markdown.Inline(l.lead) + "**" + markdown.Inline(l.rest)
}

// promiseLine is an open promise or follow-up: when it is due, what, and
// for whom (withNames; a member's own list leaves them out).
func (doc document) promiseLine(p model.HandoffPromise, withNames bool) line {
	kind := "follow-up"
	if p.Promise {
		kind = "promise"
	}
	lead := doc.day(p.Due)
	if p.Late {
		lead += " (late)"
	}
	rest := ", " + kind + ": " + oneLine(p.What)
	if withNames && len(p.Names) > 0 {
		rest += " — for " + andList(p.Names)
	}
	return line{lead, rest}
}

// waitingOnLine is an item a key member raised, and where it stands for them.
func waitingOnLine(f model.HandoffFeedback) line {
	s := "“" + oneLine(f.Title) + "” (" + string(f.Kind) + "), " + string(f.Status)
	if f.Team != "" {
		s += " with " + oneLine(f.Team)
	}
	if model.ClosesLoop(f.Status) && !f.Told {
		s += "; not told yet"
	}
	return line{rest: s}
}

// feedbackLine is an item in flight under its team.
func feedbackLine(f model.HandoffFeedback) line {
	return line{string(f.Status), ": “" + oneLine(f.Title) + "” (" + string(f.Kind) + "), raised by " +
		count(f.Raisers, "member", "members")}
}

func teamHeading(team string) string {
	if team = oneLine(team); team != "" {
		return team
	}
	return "No team chosen yet"
}

// hearBackLine is a member owed word of an outcome.
func (doc document) hearBackLine(hb model.HearBack) line {
	rest := ": “" + oneLine(hb.Title) + "”, " + model.OutcomeText(hb.Status, hb.Outcome, "") +
		"; waiting since " + doc.day(hb.ClosedAt)
	if hb.FollowUpID != 0 {
		rest += "; a promise to tell them is open"
	}
	return line{oneLine(hb.Name), rest}
}

// quietLine is a member going quiet.
func (doc document) quietLine(q model.MemberDue) line {
	return line{oneLine(q.Name), ": last conversation on " + doc.day(q.LastContacted) +
		", quiet since " + doc.day(q.QuietAfter)}
}

// count is "1 member", "3 members".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// andList is "a", "a and b", "a, b and c".
func andList(ss []string) string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s = oneLine(s); s != "" {
			out = append(out, s)
		}
	}
	switch len(out) {
	case 0:
		return ""
	case 1:
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
}

// oneLine folds a text's spaces and line breaks into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
