package storage

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"rapport/model"
)

// largeItem is a generated feedback item for LoadLarge: its team and the
// item it duplicates are positions in the teams and items plus one, its
// raises' members positions in the members plus one, their conversations
// the generated conversations' ids; its history comes oldest first, its
// creation first.
type largeItem struct {
	f       model.Feedback
	ask     int    // what it was made from, a position in largeAsks
	area    string // what it is about, one of largeAreas
	raises  []model.Raise
	changes []model.StatusChange
}

// The product teams of the generated community, and what their items say.
var (
	largeTeams = []model.ProductTeam{
		{Name: "Core", Contact: "Ines Silva", Reach: "core@example.org"},
		{Name: "Docs", Contact: "Amara Okafor", Reach: "https://chat.example.org/#docs"},
		{Name: "QA", Contact: "Tomasz Nowak", Reach: "qa@example.org"},
		{Name: "Design", Contact: "Zoë Lefèvre", Reach: "https://forum.example.org/c/design"},
		{Name: "Translations", Contact: "Nguyễn Thị Lan", Reach: "https://translate.example.org/projects/guild"},
		{Name: "Infrastructure", Contact: "Chen Wei", Reach: "infra@example.org"},
	}
	// largeAsks are what members ask for: a title, its kind, the team it
	// goes to (a position in largeTeams) and what members say of it.
	largeAsks = []struct {
		title  string
		kind   model.FeedbackKind
		team   int
		quotes []string
	}{
		{"Crash in {area} after upgrading", model.KindBug, 0, []string{"It crashes as soon as I open {area}.", "Same crash here since the update.", "Crashes on Windows too, log attached on the forum."}},
		{"Dark mode for {area}", model.KindIdea, 3, []string{"A dark theme for {area}, please; my eyes hurt after midnight.", "+1 for dark mode.", "Low light mode would help a lot."}},
		{"{area} is slow on big communities", model.KindComplaint, 0, []string{"{area} takes seconds on our forum of 50k users.", "It got slower in the last release.", "We gave up on {area} for now."}},
		{"Document {area}", model.KindQuestion, 1, []string{"How does {area} work? I could not find it in the docs.", "The guide skips {area} entirely.", "An example of {area} would save me a day."}},
		{"Translate {area}", model.KindIdea, 4, []string{"Our students need {area} in their language.", "Happy to help translate {area}.", "Half of {area} is still in English."}},
		{"Thank you for {area}", model.KindPraise, 3, []string{"The new {area} is lovely.", "{area} made my week.", "Thank you for listening about {area}."}},
		{"Flaky tests around {area}", model.KindBug, 2, []string{"The CI job for {area} fails one time in five.", "Re-running the {area} tests fixes it, which worries me."}},
		{"Mirror downloads for {area}", model.KindComplaint, 5, []string{"Downloads of {area} time out from here.", "A mirror closer to us would help."}},
	}
	largeOutcomes = map[model.FeedbackStatus][]string{
		model.FeedbackShipped:  {"in {v}", "fixed in {v}", "out with {v}, thanks to the reports", ""},
		model.FeedbackDeclined: {"out of scope for the core; a plugin could do it", "not for now: the team has no one for it", ""},
	}
	// largeFinal deals the final statuses of generated items: most are
	// closed, since they span two years.
	largeFinal = []model.FeedbackStatus{
		model.FeedbackNew, model.FeedbackHandedOff, model.FeedbackAcknowledged, model.FeedbackPlanned, model.FeedbackPlanned,
		model.FeedbackShipped, model.FeedbackShipped, model.FeedbackShipped, model.FeedbackDeclined, model.FeedbackDuplicate,
	}
)

// feedback is n items raised quotes times in all by members, over the last
// two years: each raise said in one of the conversations of its time (by
// one who took part) or elsewhere (a link), a few asked for by many. Items
// move towards their final status after their raises; of those whose loop
// closed weeks ago most members were told. A duplicate's raises are on the
// item it duplicates, and it has none.
func (g *largeGen) feedback(members []model.Member, convs []model.Conversation, n, quotes int) []largeItem {
	if n == 0 {
		return nil
	}
	items := make([]largeItem, n)
	var open []int // the items that can take raises, and be duplicated
	for j := range items {
		it := &items[j]
		it.ask, it.area = g.rnd.IntN(len(largeAsks)), g.one(largeAreas)
		ask := largeAsks[it.ask]
		it.f = model.Feedback{
			Kind:      ask.kind,
			TeamID:    int64(ask.team + 1),
			Status:    largeFinal[g.rnd.IntN(len(largeFinal))],
			CreatedBy: g.me,
		}
		born := g.now.Add(-g.days(float64(largeHistory) * g.rnd.Float64()))
		title := []rune(g.fill(strings.ReplaceAll(ask.title, "{area}", it.area), born))
		title[0] = unicode.ToUpper(title[0])
		it.f.Title = string(title) + fmt.Sprintf(" (#%d)", j+1)
		it.f.CreatedAt = born
		if it.f.Status == model.FeedbackDuplicate && len(open) == 0 {
			it.f.Status = model.FeedbackNew
		}
		if it.f.Status != model.FeedbackDuplicate {
			open = append(open, j)
		}
	}
	// Each item that can take raises gets one, and the rest go to a few
	// popular ones more than to the others.
	counts := make([]int, n)
	for k := range quotes {
		if k < len(open) {
			counts[open[k]]++
			continue
		}
		counts[open[int(float64(len(open))*math.Pow(g.rnd.Float64(), 3))]]++
	}
	for j := range items {
		it := &items[j]
		for range counts[j] {
			it.raises = append(it.raises, g.raise(members, convs, it.f.CreatedAt, it.ask, it.area))
		}
		slices.SortStableFunc(it.raises, func(a, b model.Raise) int { return a.Date.Compare(b.Date) })
		if len(it.raises) > 0 {
			it.f.CreatedAt = earliest(it.raises[0].Date.Add(time.Duration(10+g.rnd.IntN(600))*time.Minute), g.now)
		}
		g.history(it, j, open)
	}
	return items
}

// raise is one member's raise of an item born at born, about area: said in a
// conversation of the weeks after (by its first participant), or now and
// then on the forum or the tracker by anyone in the record by then.
func (g *largeGen) raise(members []model.Member, convs []model.Conversation, born time.Time, ask int, area string) model.Raise {
	at := earliest(born.Add(g.days(120*math.Pow(g.rnd.Float64(), 2))), g.now)
	quote := []rune(g.fill(strings.ReplaceAll(largeAsks[ask].quotes[g.rnd.IntN(len(largeAsks[ask].quotes))], "{area}", area), at))
	quote[0] = unicode.ToUpper(quote[0])
	r := model.Raise{Quote: string(quote)}
	if len(convs) > 0 && g.rnd.IntN(5) < 3 {
		i := sort.Search(len(convs), func(i int) bool { return !convs[i].At.Before(at) })
		c := convs[min(i, len(convs)-1)]
		r.MemberID, r.ConversationID, r.Date = c.Participants[0], c.ID, c.At
		return r
	}
	m := g.rnd.IntN(len(members))
	for members[m].CreatedAt.After(at) && m > 0 { // members are in the order they came
		m = g.rnd.IntN(m)
	}
	r.MemberID = int64(m + 1)
	r.Date = latest(at, members[m].CreatedAt)
	if g.rnd.IntN(2) == 0 {
		r.SourceLink = fmt.Sprintf("https://forum.example.org/t/%d/%d", 100+g.rnd.IntN(50_000), 1+g.rnd.IntN(40))
	} else {
		r.SourceLink = fmt.Sprintf("https://git.example.org/guild/guild/issues/%d", 100+g.rnd.IntN(20_000))
	}
	return r
}

// history moves the j-th item from new towards its final status, a step
// every few days after its last raise, never past now (an item whose steps
// would not fit stops at the last that does); a duplicate duplicates an
// earlier item that takes raises (open lists them, in order). Members of a loop closed weeks ago were mostly
// told, a few days after.
func (g *largeGen) history(it *largeItem, j int, open []int) {
	f := &it.f
	final := f.Status
	var path []model.FeedbackStatus
	switch final {
	case model.FeedbackNew:
	case model.FeedbackDuplicate, model.FeedbackDeclined:
		path = []model.FeedbackStatus{model.FeedbackHandedOff, final}
	default:
		for _, st := range []model.FeedbackStatus{model.FeedbackHandedOff, model.FeedbackAcknowledged, model.FeedbackPlanned, model.FeedbackShipped} {
			path = append(path, st)
			if st == final {
				break
			}
		}
	}
	f.Status = model.FeedbackNew
	it.changes = []model.StatusChange{{To: model.FeedbackNew, By: g.me, At: f.CreatedAt}}
	when := f.CreatedAt
	if n := len(it.raises); n > 0 {
		when = latest(when, it.raises[n-1].Date)
	}
	for _, st := range path {
		next := when.Add(g.days(1 + 20*g.rnd.Float64()))
		if !next.Before(g.now) {
			break
		}
		c := model.StatusChange{From: f.Status, To: st, By: g.me, At: next}
		if g.rnd.IntN(7) == 0 {
			c.By = g.one(largeHandlers)
		}
		switch st {
		case model.FeedbackHandedOff:
			f.HandedOffAt = next
			f.TrackerLink = fmt.Sprintf("https://git.example.org/guild/guild/issues/%d", 100+g.rnd.IntN(20_000))
		case model.FeedbackShipped, model.FeedbackDeclined:
			f.Outcome = g.fill(g.one(largeOutcomes[st]), next)
			c.Note = f.Outcome
		case model.FeedbackDuplicate:
			// An earlier item, which goes into the record first.
			f.DuplicateOf = int64(open[g.rnd.IntN(sort.SearchInts(open, j))] + 1)
			c.DuplicateOf = f.DuplicateOf
		}
		it.changes = append(it.changes, c)
		f.Status, when = st, next
	}
	f.StatusChangedAt, f.UpdatedAt = when, when
	if f.Status != model.FeedbackShipped && f.Status != model.FeedbackDeclined {
		return
	}
	told := map[int64]time.Time{}
	for i := range it.raises {
		r := &it.raises[i]
		t, ok := told[r.MemberID]
		if !ok {
			if g.now.Sub(when) > 21*24*time.Hour && g.rnd.IntN(10) != 0 {
				t = earliest(when.Add(g.days(1+6*g.rnd.Float64())), g.now)
			}
			told[r.MemberID] = t
		}
		r.ToldAt = t
	}
}

// feedback adds the teams and the feedback items with their raises and
// history, many rows per statement, then indexes the items as
// indexFeedback does. The raises' copies of their item's and member's state
// are the triggers' to write; no promise is made, so the members of a
// closed loop not told yet wait to hear back without one.
func (l *largeLoad) feedback(ctx context.Context) error {
	items := l.data.items
	if len(items) == 0 {
		return nil
	}
	teams := make([]int64, len(largeTeams))
	for i, t := range largeTeams {
		t.CreatedAt, t.UpdatedAt = l.tx.now.AddDate(-2, 0, 0), l.tx.now.AddDate(-2, 0, 0)
		t.Normalize()
		if err := t.Validate(); err != nil {
			return fmt.Errorf("team %q: %w", t.Name, err)
		}
		if err := insertTeam(ctx, l.tx, &t); err != nil {
			return fmt.Errorf("team %q: %w", t.Name, teamError(err, t.Name))
		}
		teams[i] = t.ID
	}
	base, err := nextIDs(ctx, l.tx, "feedback")
	if err != nil {
		return err
	}
	rows := newBulk(l.tx, "feedback", `id, title, detail, kind, team_id, status, tracker_link, outcome, duplicate_of,
		created_by, created_at, updated_at, status_changed_at, handed_off_at`)
	changes := newBulk(l.tx, "feedback_changes", "feedback_id, from_status, to_status, changed_by, at, note, duplicate_of")
	raises := newBulk(l.tx, "feedback_raises", `feedback_id, position, member_id, quote, raised_at, conversation_id,
		source_link, told_at, created_at`)
	changes.after, raises.after = rows, rows
	quotes := 0
	for j := range items {
		it := &items[j]
		f := it.f
		f.ID = base + int64(j+1)
		f.TeamID = teams[f.TeamID-1]
		if f.DuplicateOf != 0 {
			f.DuplicateOf += base
		}
		f.Normalize()
		if err := f.Validate(); err != nil {
			return fmt.Errorf("feedback %q: %w", f.Title, err)
		}
		if err := rows.add(ctx, f.ID, f.Title, f.Detail, f.Kind, f.TeamID, f.Status, f.TrackerLink, f.Outcome, nullID(f.DuplicateOf),
			f.CreatedBy, formatTime(f.CreatedAt), formatTime(f.UpdatedAt), formatTime(f.StatusChangedAt), nullTime(f.HandedOffAt)); err != nil {
			return dbError(err)
		}
		for _, c := range it.changes {
			if c.DuplicateOf != 0 {
				c.DuplicateOf += base
			}
			if err := changes.add(ctx, f.ID, c.From, c.To, c.By, formatTime(c.At), c.Note, nullID(c.DuplicateOf)); err != nil {
				return dbError(err)
			}
		}
		for pos, r := range it.raises {
			r.MemberID = l.ids[r.MemberID-1]
			if r.ConversationID != 0 {
				r.ConversationID += l.convBase
			}
			r.Normalize()
			if err := r.Validate(); err != nil {
				return fmt.Errorf("raise of %q: %w", f.Title, err)
			}
			if err := raises.add(ctx, f.ID, pos, r.MemberID, r.Quote, formatTime(r.Date), nullID(r.ConversationID),
				r.SourceLink, nullTime(r.ToldAt), formatTime(r.Date)); err != nil {
				return dbError(err)
			}
		}
		quotes += len(it.raises)
		if (j+1)%(largeBatch/5) == 0 {
			l.p.Feedback, l.p.Quotes = j+1, quotes
			if err := l.report(ctx); err != nil {
				return err
			}
		}
	}
	for _, b := range []*bulk{rows, changes, raises} {
		if err := b.flush(ctx); err != nil {
			return dbError(err)
		}
	}
	if _, err := l.tx.ExecContext(ctx, `
		INSERT INTO feedback_search (rowid, title, detail, quotes)
		SELECT f.id, f.title, f.detail, coalesce(q.quotes, '')
		FROM feedback AS f LEFT JOIN (
			SELECT feedback_id, group_concat(quote, ' ') AS quotes FROM feedback_raises
			WHERE feedback_id > ?1 AND member_trashed = 0 GROUP BY feedback_id
		) AS q ON q.feedback_id = f.id
		WHERE f.id > ?1 ORDER BY f.id`, base); err != nil {
		return err
	}
	l.p.Feedback, l.p.Quotes = len(items), quotes
	return l.report(ctx)
}
