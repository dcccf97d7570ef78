package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// More field names of a handoff.
const (
	FieldHandoffNarrative  = "narrative"
	FieldHandoffKeyMembers = "key members"
)

// RecentDays is how far before a handoff's date a conversation makes a
// member worth suggesting as key.
const RecentDays = 30

// KeyTag is the tag that marks a member the manager holds as key.
const KeyTag = "key"

// NarrativeTitle returns the title of the narrative section named key, or ""
// when no section has that key.
func NarrativeTitle(key string) string {
	for _, s := range NarrativeSections {
		if s.Key == key {
			return s.Title
		}
	}
	return ""
}

// Normalize trims what the user typed and drops narrative sections left
// empty. Key members stay as listed, so that Validate can name a repeat.
func (h *Handoff) Normalize() {
	for _, s := range []*string{&h.From, &h.To, &h.Tag} {
		*s = strings.Join(strings.Fields(*s), " ")
	}
	for k, v := range h.Narrative {
		if v = strings.TrimSpace(v); v == "" {
			delete(h.Narrative, k)
		} else {
			h.Narrative[k] = v
		}
	}
	for i := range h.KeyMembers {
		h.KeyMembers[i].Introductions = strings.TrimSpace(h.KeyMembers[i].Introductions)
	}
}

// Validate returns a ValidationError naming every wrong field, or nil.
func (h Handoff) Validate() error {
	var v ValidationError
	add := func(field, problem string) { v = append(v, FieldError{field, problem}) }
	switch from := strings.TrimSpace(h.From); {
	case from == "":
		add(FieldHandoffFrom, "is required: who hands over")
	case len([]rune(from)) > maxNameLength:
		add(FieldHandoffFrom, fmt.Sprintf("is longer than %d characters", maxNameLength))
	}
	if len([]rune(strings.TrimSpace(h.To))) > maxNameLength {
		add(FieldHandoffTo, fmt.Sprintf("is longer than %d characters", maxNameLength))
	}
	if h.Date.IsZero() {
		add(FieldHandoffDate, "is required")
	}
	switch tag := strings.TrimSpace(h.Tag); {
	case len([]rune(tag)) > maxTagLength:
		add(FieldHandoffTag, fmt.Sprintf("%q is longer than %d characters", tag, maxTagLength))
	case strings.ContainsAny(tag, ",;"):
		add(FieldHandoffTag, fmt.Sprintf("%q cannot hold a comma or semicolon", tag))
	}
	keys := make([]string, 0, len(h.Narrative))
	for k := range h.Narrative {
		keys = append(keys, k)
	}
	slices.Sort(keys) // one message for the same mistake, whatever the map's order
	for _, k := range keys {
		if NarrativeTitle(k) == "" {
			add(FieldHandoffNarrative, fmt.Sprintf("has no section %q", k))
			break
		}
	}
	for _, k := range keys {
		if len(h.Narrative[k]) > maxFreeTextLength {
			add(FieldHandoffNarrative, fmt.Sprintf("%q is longer than %d characters", NarrativeTitle(k), maxFreeTextLength))
			break
		}
	}
	seen := make(map[int64]bool, len(h.KeyMembers))
	for _, km := range h.KeyMembers {
		switch {
		case km.MemberID == 0:
			add(FieldHandoffKeyMembers, "names no member")
		case seen[km.MemberID]:
			add(FieldHandoffKeyMembers, fmt.Sprintf("lists member %d more than once", km.MemberID))
		case len(km.Introductions) > maxFreeTextLength:
			add(FieldHandoffKeyMembers, fmt.Sprintf("introductions are longer than %d characters", maxFreeTextLength))
		default:
			seen[km.MemberID] = true
			continue
		}
		break
	}
	if len(v) == 0 {
		return nil
	}
	return v
}

// handoffView is a record as of a handoff's day: the living members by id,
// and where the day ends (what happened from then on is not part of it).
type handoffView struct {
	rec     HandoffRecord
	loc     *time.Location
	asOf    time.Time // midnight of the handoff's day
	end     time.Time // midnight of the day after
	members map[int64]*Member
}

func newHandoffView(h Handoff, rec HandoffRecord, loc *time.Location) handoffView {
	if loc == nil {
		loc = time.UTC
	}
	v := handoffView{rec: rec, loc: loc, asOf: Day(h.Date, loc), members: make(map[int64]*Member, len(rec.Members))}
	v.end = v.asOf.AddDate(0, 0, 1)
	for i := range rec.Members {
		if m := &rec.Members[i]; !m.InTrash() {
			v.members[m.ID] = m
		}
	}
	return v
}

// before reports whether t happened before the handoff's day ended; a zero
// time (not known) counts as before.
func (v handoffView) before(t time.Time) bool { return t.IsZero() || t.Before(v.end) }

// names are the names of the living members among ids, in their order.
func (v handoffView) names(ids []int64) []string {
	var out []string
	for _, id := range ids {
		if m := v.members[id]; m != nil {
			out = append(out, m.Name)
		}
	}
	return out
}

// openPromises are the open follow-ups made by the day's end with a living
// member, soonest due first.
func (v handoffView) openPromises() []HandoffPromise {
	var out []HandoffPromise
	for _, f := range v.rec.FollowUps {
		if (f.Status != FollowUpOpen && f.Status != "") || !v.before(f.CreatedAt) {
			continue
		}
		names := v.names(f.Members)
		if len(names) == 0 {
			continue
		}
		out = append(out, HandoffPromise{FollowUp: f, Names: names, Late: Day(f.Due, v.loc).Before(v.asOf)})
	}
	slices.SortFunc(out, func(a, b HandoffPromise) int {
		return cmp.Or(Day(a.Due, v.loc).Compare(Day(b.Due, v.loc)),
			strings.Compare(a.Names[0], b.Names[0]), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// feedbackState is what the account says of one item: the living members
// who raised it by the day's end, and whether each was told its outcome.
type feedbackState struct {
	item    *Feedback
	team    string
	raisers []int64
	told    map[int64]bool
}

// feedback are the items not in the trash that living members raised by the
// day's end, by id.
func (v handoffView) feedback() map[int64]*feedbackState {
	teams := make(map[int64]string, len(v.rec.Teams))
	for _, t := range v.rec.Teams {
		teams[t.ID] = t.Name
	}
	items := make(map[int64]*feedbackState, len(v.rec.Feedback))
	for i := range v.rec.Feedback {
		f := &v.rec.Feedback[i]
		// An item whose loop closed after the day was in flight then, at a
		// status the record no longer holds: it is left out.
		if f.InTrash() || !f.Status.Valid() || !v.before(f.CreatedAt) || (ClosesLoop(f.Status) && !v.before(f.StatusChangedAt)) {
			continue
		}
		items[f.ID] = &feedbackState{item: f, team: teams[f.TeamID], told: map[int64]bool{}}
	}
	for _, r := range v.rec.Raises {
		st := items[r.FeedbackID]
		if st == nil || v.members[r.MemberID] == nil || !v.before(r.Date) {
			continue
		}
		if _, ok := st.told[r.MemberID]; !ok {
			st.raisers = append(st.raisers, r.MemberID)
		}
		// Told is one answer per member and item: any of their raises says it.
		st.told[r.MemberID] = st.told[r.MemberID] || (r.Told() && v.before(r.ToldAt))
	}
	for id, st := range items {
		if len(st.raisers) == 0 {
			delete(items, id)
		}
	}
	return items
}

// closed reports whether an item's loop closed (by the day's end, as
// feedback keeps no other).
func (v handoffView) closed(st *feedbackState) bool { return ClosesLoop(st.item.Status) }

func (st *feedbackState) line(told bool) HandoffFeedback {
	return HandoffFeedback{
		ID: st.item.ID, Title: st.item.Title, Kind: st.item.Kind, Status: st.item.Status,
		Team: st.team, Raisers: len(st.raisers), Told: told,
	}
}

// statusRank places a status in the order of FeedbackStatuses.
func statusRank(s FeedbackStatus) int { return slices.Index(FeedbackStatuses, s) }

func compareFeedback(a, b HandoffFeedback) int {
	return cmp.Or(cmp.Compare(statusRank(a.Status), statusRank(b.Status)),
		strings.Compare(a.Title, b.Title), cmp.Compare(a.ID, b.ID))
}

// BuildHandoffAccount is the record's own account of where things stand as
// of the handoff's day (h.Date in loc): what rec holds, without what is in
// the trash or happened after that day, for the key members h names and for
// the whole of rec's scope. It is a pure function of h and rec; every list
// has one order, ties broken by name then id.
//
// Going quiet reads rec.QuietAfter, which the record keeps from all of a
// member's conversations: for a handoff dated in the past it says how things
// stand now rather than then.
func BuildHandoffAccount(h Handoff, rec HandoffRecord, loc *time.Location) HandoffAccount {
	v := newHandoffView(h, rec, loc)
	acc := HandoffAccount{AsOf: v.asOf, From: h.From, To: h.To, Tag: h.Tag, Members: len(v.members)}
	acc.OpenPromises = v.openPromises()
	items := v.feedback()

	ids := make([]int64, 0, len(items))
	for id := range items {
		ids = append(ids, id)
	}
	slices.Sort(ids)

	byTeam := map[string][]HandoffFeedback{}
	for _, id := range ids {
		if st := items[id]; !v.closed(st) {
			byTeam[st.team] = append(byTeam[st.team], st.line(false))
		}
	}
	teams := make([]string, 0, len(byTeam))
	for t := range byTeam {
		teams = append(teams, t)
	}
	// Teams by name; the items no team was chosen for come last.
	slices.SortFunc(teams, func(a, b string) int {
		return cmp.Or(cmp.Compare(boolRank(a == ""), boolRank(b == "")), strings.Compare(a, b))
	})
	for _, t := range teams {
		list := byTeam[t]
		slices.SortFunc(list, compareFeedback)
		acc.FeedbackInFlight = append(acc.FeedbackInFlight, HandoffTeamFeedback{Team: t, Items: list})
	}

	promiseFor := map[[2]int64]int64{} // (item, member) → the open promise to tell them
	for _, p := range acc.OpenPromises {
		if item, ok := rec.LoopPromises[p.ID]; ok {
			for _, m := range p.Members {
				promiseFor[[2]int64{item, m}] = max(promiseFor[[2]int64{item, m}], p.ID)
			}
		}
	}
	for _, id := range ids {
		st := items[id]
		if !v.closed(st) {
			continue
		}
		for _, m := range st.raisers {
			if st.told[m] {
				continue
			}
			acc.WaitingToHear = append(acc.WaitingToHear, HearBack{
				MemberID: m, Name: v.members[m].Name, FeedbackID: id, Title: st.item.Title,
				Status: st.item.Status, Outcome: st.item.Outcome, ClosedAt: st.item.StatusChangedAt,
				FollowUpID: promiseFor[[2]int64{id, m}],
			})
		}
	}
	slices.SortFunc(acc.WaitingToHear, func(a, b HearBack) int {
		return cmp.Or(a.ClosedAt.Compare(b.ClosedAt), strings.Compare(a.Name, b.Name),
			cmp.Compare(a.MemberID, b.MemberID), cmp.Compare(a.FeedbackID, b.FeedbackID))
	})

	for _, m := range v.members {
		qa := rec.QuietAfter[m.ID]
		if qa.IsZero() || !qa.Before(v.asOf) {
			continue
		}
		acc.GoingQuiet = append(acc.GoingQuiet, MemberDue{
			ID: m.ID, Name: m.Name, Added: m.CreatedAt, LastContacted: m.LastContacted,
			QuietAfter: qa, SnoozeUntil: m.SnoozeUntil,
		})
	}
	slices.SortFunc(acc.GoingQuiet, func(a, b MemberDue) int {
		return cmp.Or(a.LastContacted.Compare(b.LastContacted), strings.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})

	seen := map[int64]bool{}
	for _, km := range h.KeyMembers {
		m := v.members[km.MemberID]
		if m == nil || seen[km.MemberID] {
			continue
		}
		seen[km.MemberID] = true
		acc.KeyMembers = append(acc.KeyMembers, v.keyMember(km, *m, acc.OpenPromises, ids, items))
	}
	return acc
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// keyMember is one key member's part of the account.
func (v handoffView) keyMember(km KeyMember, m Member, promises []HandoffPromise, ids []int64, items map[int64]*feedbackState) HandoffMember {
	if !km.IncludePrivate {
		m.PrivateNotes = ""
	}
	hm := HandoffMember{Member: m, Introductions: km.Introductions}
	var times []time.Time
	channels, handlers := map[string]int{}, map[string]int{}
	for _, c := range v.rec.Conversations {
		if c.InTrash() || !c.At.Before(v.end) || !slices.Contains(c.Participants, m.ID) {
			continue
		}
		times = append(times, c.At)
		if hm.FirstConversation.IsZero() || c.At.Before(hm.FirstConversation) {
			hm.FirstConversation = c.At
		}
		if c.At.After(hm.LastConversation) {
			hm.LastConversation = c.At
		}
		channels[c.Channel]++
		if c.HandledBy != "" {
			handlers[c.HandledBy]++
		}
	}
	hm.Conversations = len(times)
	hm.Channels = mostFirst(channels)
	hm.HandledBy = mostFirst(handlers)
	if _, median, ok := rhythm(times); ok {
		hm.RhythmDays = max(1, int((median+12*time.Hour)/(24*time.Hour)))
	}
	for _, p := range promises {
		if slices.Contains(p.Members, m.ID) {
			hm.OpenPromises = append(hm.OpenPromises, p)
		}
	}
	for _, id := range ids {
		st := items[id]
		if _, raised := st.told[m.ID]; !raised {
			continue
		}
		if told := st.told[m.ID]; !v.closed(st) || !told {
			hm.WaitingOn = append(hm.WaitingOn, st.line(told))
		}
	}
	slices.SortFunc(hm.WaitingOn, compareFeedback)
	return hm
}

// mostFirst lists the keys of counts, the most counted first, ties by name.
func mostFirst(counts map[string]int) []string {
	out := make([]string, 0, len(counts))
	for k := range counts {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b)) })
	return out
}

// SuggestKeyMembers suggests living members the manager could name as key,
// with why in plain words: open promises or follow-ups, feedback in flight
// or an outcome they wait to hear, a conversation in the RecentDays before
// the handoff's day, a KeyTag tag. It never ranks by reach: those with more
// reasons come first, then by name. Members h names already are left out;
// limit ≤ 0 returns all.
func SuggestKeyMembers(h Handoff, rec HandoffRecord, loc *time.Location, limit int) []KeySuggestion {
	v := newHandoffView(h, rec, loc)
	chosen := map[int64]bool{}
	for _, km := range h.KeyMembers {
		chosen[km.MemberID] = true
	}
	promises, followUps := map[int64]int{}, map[int64]int{}
	for _, p := range v.openPromises() {
		for _, id := range p.Members {
			if p.Promise {
				promises[id]++
			} else {
				followUps[id]++
			}
		}
	}
	inFlight, waiting := map[int64]int{}, map[int64]int{}
	for _, st := range v.feedback() {
		closed := v.closed(st)
		for _, id := range st.raisers {
			switch {
			case !closed:
				inFlight[id]++
			case !st.told[id]:
				waiting[id]++
			}
		}
	}
	recent := v.asOf.AddDate(0, 0, -RecentDays)
	var out []KeySuggestion
	for _, m := range v.members {
		if chosen[m.ID] {
			continue
		}
		var reasons []string
		if n := promises[m.ID]; n > 0 {
			reasons = append(reasons, Plural(n, "open promise", "open promises"))
		}
		if n := followUps[m.ID]; n > 0 {
			reasons = append(reasons, Plural(n, "open follow-up", "open follow-ups"))
		}
		if n := inFlight[m.ID]; n > 0 {
			reasons = append(reasons, "feedback in flight")
		}
		if n := waiting[m.ID]; n > 0 {
			reasons = append(reasons, "waiting to hear back")
		}
		if last := m.LastContacted; !last.IsZero() && !last.Before(recent) && last.Before(v.end) {
			reasons = append(reasons, talkedAgo(int(v.asOf.Sub(Day(last, v.loc)).Hours()/24+0.5)))
		}
		if slices.ContainsFunc(m.Tags, func(t string) bool { return strings.EqualFold(t, KeyTag) }) {
			reasons = append(reasons, "tagged key")
		}
		if len(reasons) > 0 {
			out = append(out, KeySuggestion{MemberID: m.ID, Name: m.Name, Reasons: reasons})
		}
	}
	slices.SortFunc(out, func(a, b KeySuggestion) int {
		return cmp.Or(cmp.Compare(len(b.Reasons), len(a.Reasons)), strings.Compare(a.Name, b.Name), cmp.Compare(a.MemberID, b.MemberID))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

func talkedAgo(days int) string {
	switch {
	case days <= 0:
		return "talked today"
	case days == 1:
		return "talked yesterday"
	}
	return fmt.Sprintf("talked %d days ago", days)
}
