package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// TestFeedbackManyMembers records an item from a conversation and has many
// members raise it, some more than once; the item, its page and the list
// say who and how many.
func TestFeedbackManyMembers(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
		t.Fatal(err)
	}
	core := mustTeam(t, s, "Core")
	var members []int64
	for i := range 30 {
		members = append(members, mustCreate(t, s, newMember(fmt.Sprintf("Member %02d", i))).ID)
	}
	talk := mustTalk(t, s, daysAgo(9), members[0], members[1])
	f := mustFeedback(t, s, model.Feedback{Title: " Dark  mode for the editor ", Kind: "Idea", TeamID: core.ID, Detail: "Asked on the forum and in calls."},
		model.Raise{MemberID: members[0], Quote: "  Please add a dark mode.\n\nMy eyes hurt.  ", ConversationID: talk.ID},
		model.Raise{MemberID: members[1], Quote: "+1 to dark mode", ConversationID: talk.ID, SourceLink: "https://forum.example.org/t/9/2"})
	if f.Title != "Dark mode for the editor" || f.Kind != model.KindIdea || f.Status != model.FeedbackNew || f.CreatedBy != "Sam Rivera" ||
		!f.CreatedAt.Equal(fixedNow) || !f.StatusChangedAt.Equal(fixedNow) || !f.HandedOffAt.IsZero() {
		t.Errorf("CreateFeedback left %+v", f)
	}
	for i, m := range members[2:] {
		at(s, fixedNow.Add(time.Duration(i+1)*time.Minute), func() { mustRaise(t, s, f.ID, m, fmt.Sprintf("me too (%d)", i)) })
	}
	again := model.Raise{FeedbackID: f.ID, MemberID: members[0], Quote: "Still waiting for dark mode", Date: daysAgo(1)}
	if err := s.AddRaise(ctx, &again); err != nil {
		t.Fatal(err)
	}

	d := mustDetail(t, s, f.ID)
	if d.Members != 30 || d.Quotes != 31 || d.Told != 0 || d.TeamName != "Core" {
		t.Errorf("item counts %d members, %d quotes, %d told, team %q; want 30, 31, 0, Core", d.Members, d.Quotes, d.Told, d.TeamName)
	}
	if len(d.Raises) != 31 {
		t.Fatalf("the item's page shows %d raises, want 31", len(d.Raises))
	}
	first := d.Raises[0] // the conversation's, nine days ago
	if first.Name != "Member 00" || first.Quote != "Please add a dark mode.\n\nMy eyes hurt." || !first.Date.Equal(talk.At) || first.ConversationID != talk.ID {
		t.Errorf("first raise %+v; want Member 00's, trimmed, dated and linked to the conversation", first)
	}
	if r := d.Raises[2]; r.Name != "Member 00" || r.Quote != "Still waiting for dark mode" || !r.Date.Equal(daysAgo(1)) {
		t.Errorf("third raise %+v; want Member 00's second, a day ago", r)
	}
	if r := d.Raises[3]; r.Name != "Member 02" || !r.Date.Equal(fixedNow.Add(time.Minute)) {
		t.Errorf("fourth raise %+v; want Member 02's, dated when added", r)
	}
	if want := []model.StatusChange{{ID: 1, FeedbackID: f.ID, To: model.FeedbackNew, By: "Sam Rivera", At: fixedNow}}; !slices.Equal(d.History, want) {
		t.Errorf("history %+v, want its creation %+v", d.History, want)
	}
	if len(d.Loop) != 30 || d.Loop[0].Name != "Member 00" || d.Loop[0].Told() {
		t.Errorf("close-the-loop list %v, want the 30 members, none told", loopOf(d))
	}

	items, err := s.FeedbackItems(ctx, model.FeedbackFilter{})
	if err != nil || len(items) != 1 || items[0].Members != 30 || items[0].Quotes != 31 {
		t.Errorf("FeedbackItems = %+v, %v; want the item with 30 members", items, err)
	}
	checkFeedbackCopies(t, s)

	// Each raise can be corrected and removed; a removed one comes back
	// as it was.
	r := d.Raises[2].Raise
	r.Quote, r.SourceLink = "me too (corrected)", "https://forum.example.org/t/9/7"
	if err := s.UpdateRaise(ctx, &r); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveRaise(ctx, d.Raises[4].ID); err != nil {
		t.Fatal(err)
	}
	d2 := mustDetail(t, s, f.ID)
	if d2.Quotes != 30 || d2.Members != 29 || d2.Raises[2].Quote != "me too (corrected)" || d2.Raises[2].SourceLink != "https://forum.example.org/t/9/7" {
		t.Errorf("after UpdateRaise and RemoveRaise: %d quotes, %d members, third %+v", d2.Quotes, d2.Members, d2.Raises[2])
	}
	back := d.Raises[4].Raise
	back.ID = 0
	if err := s.AddRaise(ctx, &back); err != nil {
		t.Fatal(err)
	}
	if d3 := mustDetail(t, s, f.ID); d3.Quotes != 31 || d3.Members != 30 {
		t.Errorf("after putting the raise back: %d quotes, %d members; want 31, 30", d3.Quotes, d3.Members)
	}

	for _, c := range []struct {
		name string
		err  error
		is   error
	}{
		{"no quote", s.AddRaise(ctx, &model.Raise{FeedbackID: f.ID, MemberID: members[3]}), model.ErrInvalid},
		{"no such item", s.AddRaise(ctx, &model.Raise{FeedbackID: 999, MemberID: members[3], Quote: "x"}), model.ErrNotFound},
		{"no such member", s.AddRaise(ctx, &model.Raise{FeedbackID: f.ID, MemberID: 999, Quote: "x"}), model.ErrNotFound},
		{"no such conversation", s.AddRaise(ctx, &model.Raise{FeedbackID: f.ID, MemberID: members[3], Quote: "x", ConversationID: 999}), model.ErrNotFound},
		{"no such raise", s.RemoveRaise(ctx, 999), model.ErrNotFound},
		{"closed at birth", s.CreateFeedback(ctx, &model.Feedback{Title: "x", Kind: model.KindBug, Status: model.FeedbackShipped}), model.ErrInvalid},
		{"handed off to nobody", s.CreateFeedback(ctx, &model.Feedback{Title: "x", Kind: model.KindBug, Status: model.FeedbackHandedOff}), model.ErrInvalid},
		{"no such team", s.CreateFeedback(ctx, &model.Feedback{Title: "x", Kind: model.KindBug, TeamID: 999}), model.ErrNotFound},
		{"a bad raise", s.CreateFeedback(ctx, &model.Feedback{Title: "x", Kind: model.KindBug}, model.Raise{MemberID: members[0]}), model.ErrInvalid},
		{"no such item to update", s.UpdateFeedback(ctx, &model.Feedback{ID: 999, Title: "x", Kind: model.KindBug}), model.ErrNotFound},
	} {
		if !errors.Is(c.err, c.is) {
			t.Errorf("%s: %v, want %v", c.name, c.err, c.is)
		}
	}
	if n, _ := s.CountFeedback(ctx, model.FeedbackFilter{}); n != 1 {
		t.Errorf("%d items after refused changes, want 1", n)
	}
}

// TestFeedbackHistory moves an item through its statuses: every move is
// kept with who, when and why; refused moves say why and change nothing.
func TestFeedbackHistory(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
		t.Fatal(err)
	}
	docs := mustTeam(t, s, "Docs")
	amara := mustCreate(t, s, newMember("Amara Okafor")).ID
	f := mustFeedback(t, s, model.Feedback{Title: "Explain the plugin API", Kind: model.KindQuestion},
		model.Raise{MemberID: amara, Quote: "How do plugins register?"})

	steps := []struct {
		to   model.FeedbackStatus
		note string
		team int64  // set before the move; 0 leaves it
		err  string // the refusal, "" when it moves
	}{
		{model.FeedbackPlanned, "", 0, "hand it off to a team first"},
		{model.FeedbackHandedOff, "", 0, "team is required"},
		{model.FeedbackHandedOff, "sent to the docs channel", docs.ID, ""},
		{model.FeedbackHandedOff, "", 0, "is handed off already"},
		{model.FeedbackAcknowledged, "", 0, ""},
		{model.FeedbackPlanned, "for the 4.10 docs sprint", 0, ""},
		{model.FeedbackShipped, "the plugin guide is out", 0, ""},
		{model.FeedbackDeclined, "", 0, "re-open it first"},
		{model.FeedbackPlanned, "the guide misses hooks", 0, ""},
		{model.FeedbackShipped, "", 0, ""},
	}
	var want []string
	want = append(want, "→ new by Sam Rivera")
	for i, st := range steps {
		if st.team != 0 {
			f.TeamID = st.team
			if err := s.UpdateFeedback(ctx, &f); err != nil {
				t.Fatal(err)
			}
		}
		when := fixedNow.Add(time.Duration(i+1) * time.Hour)
		var err error
		at(s, when, func() { err = s.SetFeedbackStatus(ctx, f.ID, st.to, st.note) })
		if st.err != "" {
			var v model.ValidationError
			if !errors.As(err, &v) || !strings.Contains(err.Error(), st.err) {
				t.Errorf("step %d: SetFeedbackStatus(%s) = %v, want a ValidationError saying %q", i, st.to, err, st.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("step %d: SetFeedbackStatus(%s): %v", i, st.to, err)
		}
		want = append(want, fmt.Sprintf("→ %s by Sam Rivera at %s %s", st.to, when.Format(time.TimeOnly), st.note))
	}
	d := mustDetail(t, s, f.ID)
	var got []string
	for i, c := range d.History {
		line := fmt.Sprintf("→ %s by %s", c.To, c.By)
		if i > 0 {
			line = strings.TrimSpace(fmt.Sprintf("%s at %s %s", line, c.At.Format(time.TimeOnly), c.Note))
			if c.From != d.History[i-1].To {
				t.Errorf("change %d from %s, want from %s", i, c.From, d.History[i-1].To)
			}
		}
		got = append(got, line)
	}
	for i := range want {
		want[i] = strings.TrimSpace(want[i])
	}
	if !slices.Equal(got, want) {
		t.Errorf("history:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !d.History[5].Reopens() {
		t.Errorf("the move from shipped to planned is not a re-opening: %+v", d.History[5])
	}
	// The re-opening cleared the outcome; closing again without a note
	// leaves it empty. It was first handed off at the third step.
	if d.Status != model.FeedbackShipped || d.Outcome != "" || !d.HandedOffAt.Equal(fixedNow.Add(3*time.Hour)) {
		t.Errorf("item now %s, outcome %q, handed off %v", d.Status, d.Outcome, d.HandedOffAt)
	}
	if err := s.SetFeedbackStatus(ctx, f.ID, model.FeedbackDuplicate, ""); !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), "duplicate of is required") {
		t.Errorf("SetFeedbackStatus(duplicate) = %v, want it to ask for the item it duplicates", err)
	}
	if err := s.SetFeedbackStatus(ctx, 999, model.FeedbackNew, ""); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("SetFeedbackStatus of no item = %v, want ErrNotFound", err)
	}
}

// TestClosingTheLoop: shipping an item promises word to each member who
// raised it, once; keeping a promise marks them told; re-opening drops what
// was not kept, and closing again promises word only to those not told.
func TestClosingTheLoop(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	s.Now = func() time.Time { return fixedNow.In(honolulu) } // 13 March there
	if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
		t.Fatal(err)
	}
	core := mustTeam(t, s, "Core")
	amara := mustCreate(t, s, newMember("Amara Okafor")).ID
	bjorn := mustCreate(t, s, newMember("Björn Öberg")).ID
	chen := mustCreate(t, s, newMember("Chen Wei")).ID
	zoe := mustCreate(t, s, newMember("Zoë Lefèvre")).ID
	talk := mustTalk(t, s, daysAgo(20), amara)
	f := mustFeedback(t, s, model.Feedback{Title: "Crash on import", Kind: model.KindBug, TeamID: core.ID},
		model.Raise{MemberID: amara, Quote: "It crashes on my cards", ConversationID: talk.ID},
		model.Raise{MemberID: bjorn, Quote: "Crashes here too"},
		model.Raise{MemberID: chen, Quote: "Same"},
		model.Raise{MemberID: amara, Quote: "Still crashing"},
		model.Raise{MemberID: zoe, Quote: "And here"})
	if err := s.TrashMember(ctx, zoe); err != nil {
		t.Fatal(err)
	}
	mustStatus(t, s, f.ID, model.FeedbackHandedOff, "")
	if got := loopPromises(t, s, f.ID); len(got) != 0 {
		t.Errorf("handing off promised %v, want nothing", got)
	}
	mustStatus(t, s, f.ID, model.FeedbackShipped, "fixed in 4.9")

	want := []string{
		"tell Amara Okafor about Crash on import: shipped — fixed in 4.9 (open)",
		"tell Björn Öberg about Crash on import: shipped — fixed in 4.9 (open)",
		"tell Chen Wei about Crash on import: shipped — fixed in 4.9 (open)",
	}
	if got := loopPromises(t, s, f.ID); !slices.Equal(got, want) {
		t.Errorf("promises after shipping:\n%q\nwant\n%q", got, want)
	}
	td, err := s.Today(ctx)
	if err != nil {
		t.Fatal(err)
	}
	promises := td.DueThisWeek.Items
	if len(promises) != 3 || !promises[0].Promise || promises[0].ConversationID != talk.ID ||
		!promises[0].Due.Equal(time.Date(2025, 3, 16, 0, 0, 0, 0, honolulu)) || promises[0].CreatedBy != "Sam Rivera" {
		t.Errorf("Today's promises this week: %+v; want the three, due three days after 13 March, Amara's from her conversation", promises)
	}
	if got, want := waiting(t, s), []string{"Amara Okafor: Crash on import", "Björn Öberg: Crash on import", "Chen Wei: Crash on import"}; !slices.Equal(got, want) {
		t.Errorf("waiting to hear back = %q, want %q", got, want)
	}
	if h := td.WaitingToHear.Items[0]; h.FollowUpID != promises[0].ID || h.Status != model.FeedbackShipped || h.Outcome != "fixed in 4.9" ||
		!h.ClosedAt.Equal(fixedNow) || h.FeedbackID != f.ID || h.MemberID != amara {
		t.Errorf("Amara waiting: %+v; want her promise, the outcome and when it shipped", h)
	}

	// Keeping Björn's promise marks him told; Amara is told directly.
	if err := s.SetFollowUpStatus(ctx, promises[1].ID, model.FollowUpDone); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkTold(ctx, f.ID, amara); err != nil {
		t.Fatal(err)
	}
	d := mustDetail(t, s, f.ID)
	if got, want := loopOf(d), []string{"Amara Okafor told done", "Björn Öberg told done", "Chen Wei not yet open"}; !slices.Equal(got, want) {
		t.Errorf("close-the-loop list %q, want %q", got, want)
	}
	if d.Told != 2 || d.Members != 3 {
		t.Errorf("item counts %d told of %d, want 2 of 3 (Zoë is in the trash)", d.Told, d.Members)
	}
	for _, r := range d.Raises {
		if r.Told() != (r.MemberID != chen) {
			t.Errorf("%s's raise %q told at %v", r.Name, r.Quote, r.ToldAt)
		}
	}
	if got := waiting(t, s); !slices.Equal(got, []string{"Chen Wei: Crash on import"}) {
		t.Errorf("waiting to hear back = %q, want Chen alone", got)
	}
	// Taken back, and kept again.
	if err := s.SetFollowUpStatus(ctx, promises[1].ID, model.FollowUpOpen); err != nil {
		t.Fatal(err)
	}
	if got := waiting(t, s); !slices.Equal(got, []string{"Björn Öberg: Crash on import", "Chen Wei: Crash on import"}) {
		t.Errorf("after opening Björn's promise again, waiting = %q", got)
	}
	if err := s.SetFollowUpStatus(ctx, promises[1].ID, model.FollowUpDone); err != nil {
		t.Fatal(err)
	}
	if err := s.UnmarkTold(ctx, f.ID, amara); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkTold(ctx, f.ID, amara); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkTold(ctx, f.ID, amara); err != nil {
		t.Errorf("MarkTold again = %v, want nothing to change", err)
	}

	// Re-opened: Chen's promise no longer stands. Closed again: only Chen
	// (and Zoë, back from the trash) are owed word; Amara and Björn were
	// told.
	at(s, fixedNow.Add(24*time.Hour), func() { mustStatus(t, s, f.ID, model.FeedbackPlanned, "crashes again on 4.9.1") })
	if err := s.RestoreMember(ctx, zoe); err != nil {
		t.Fatal(err)
	}
	if got := waiting(t, s); len(got) != 0 {
		t.Errorf("waiting to hear back about a re-opened item: %q", got)
	}
	at(s, fixedNow.Add(48*time.Hour), func() { mustStatus(t, s, f.ID, model.FeedbackShipped, "fixed again in 4.9.2") })
	want = []string{
		"tell Amara Okafor about Crash on import: shipped — fixed in 4.9 (done)",
		"tell Björn Öberg about Crash on import: shipped — fixed in 4.9 (done)",
		"tell Chen Wei about Crash on import: shipped — fixed in 4.9 (dropped)",
		"tell Chen Wei about Crash on import: shipped — fixed again in 4.9.2 (open)",
		"tell Zoë Lefèvre about Crash on import: shipped — fixed again in 4.9.2 (open)",
	}
	if got := loopPromises(t, s, f.ID); !slices.Equal(got, want) {
		t.Errorf("promises after re-opening and shipping again:\n%q\nwant\n%q", got, want)
	}
	if got := waiting(t, s); !slices.Equal(got, []string{"Chen Wei: Crash on import", "Zoë Lefèvre: Crash on import"}) {
		t.Errorf("waiting after shipping again = %q", got)
	}
	checkFeedbackCopies(t, s)

	if err := s.MarkTold(ctx, f.ID, 999); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("MarkTold of a member who did not raise it = %v, want ErrNotFound", err)
	}
	mustStatus(t, s, f.ID, model.FeedbackPlanned, "")
	if err := s.MarkTold(ctx, f.ID, chen); !errors.Is(err, model.ErrConflict) {
		t.Errorf("MarkTold while the item is open = %v, want ErrConflict", err)
	}
}

// TestMarkDuplicate: a duplicate's members move to the other item with
// every quote; a member on both keeps both; each is owed word of where it
// went, and of the other item's outcome when it comes.
func TestMarkDuplicate(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	core := mustTeam(t, s, "Core")
	amara := mustCreate(t, s, newMember("Amara Okafor")).ID
	bjorn := mustCreate(t, s, newMember("Björn Öberg")).ID
	chen := mustCreate(t, s, newMember("Chen Wei")).ID
	dark := mustFeedback(t, s, model.Feedback{Title: "Dark mode", Kind: model.KindIdea, TeamID: core.ID},
		model.Raise{MemberID: amara, Quote: "dark mode please", Date: daysAgo(30)},
		model.Raise{MemberID: bjorn, Quote: "my eyes hurt at night", Date: daysAgo(20)},
		model.Raise{MemberID: amara, Quote: "any news on dark mode?", Date: daysAgo(10)})
	night := mustFeedback(t, s, model.Feedback{Title: "Night theme", Kind: model.KindIdea, TeamID: core.ID},
		model.Raise{MemberID: chen, Quote: "a night theme", Date: daysAgo(40)},
		model.Raise{MemberID: bjorn, Quote: "low light mode", Date: daysAgo(25)})
	mustStatus(t, s, night.ID, model.FeedbackHandedOff, "")

	at(s, fixedNow.Add(time.Hour), func() {
		if err := s.MarkDuplicate(ctx, dark.ID, night.ID); err != nil {
			t.Fatalf("MarkDuplicate: %v", err)
		}
	})
	dup, target := mustDetail(t, s, dark.ID), mustDetail(t, s, night.ID)
	if dup.Status != model.FeedbackDuplicate || dup.DuplicateOf != night.ID || dup.DuplicateTitle != "Night theme" || len(dup.Raises) != 0 || dup.Members != 0 {
		t.Errorf("the duplicate: %s of %d (%q), %d raises, %d members", dup.Status, dup.DuplicateOf, dup.DuplicateTitle, len(dup.Raises), dup.Members)
	}
	wantQuotes := []string{
		"Chen Wei: a night theme", "Amara Okafor: dark mode please", "Björn Öberg: low light mode",
		"Björn Öberg: my eyes hurt at night", "Amara Okafor: any news on dark mode?",
	}
	if got := quotesOf(target); !slices.Equal(got, wantQuotes) {
		t.Errorf("quotes of the other item:\n%q\nwant every one, oldest first:\n%q", got, wantQuotes)
	}
	if target.Members != 3 || target.Quotes != 5 || !target.UpdatedAt.Equal(fixedNow.Add(time.Hour)) {
		t.Errorf("the other item counts %d members and %d quotes, updated %v; want 3, 5, now", target.Members, target.Quotes, target.UpdatedAt)
	}
	last := dup.History[len(dup.History)-1]
	if last.From != model.FeedbackNew || last.To != model.FeedbackDuplicate || last.DuplicateOf != night.ID {
		t.Errorf("the duplicate's last change %+v", last)
	}
	want := []string{
		"tell Amara Okafor about Dark mode: duplicate of “Night theme” (open)",
		"tell Björn Öberg about Dark mode: duplicate of “Night theme” (open)",
	}
	if got := loopPromises(t, s, dark.ID); !slices.Equal(got, want) {
		t.Errorf("promises of the duplicate %q, want %q", got, want)
	}
	if got := loopOf(dup); !slices.Equal(got, []string{"Amara Okafor not yet open", "Björn Öberg not yet open"}) {
		t.Errorf("the duplicate's close-the-loop list: %q", got)
	}
	// Telling Amara where it went is recorded on the duplicate, not as
	// word of the other item's outcome.
	if err := s.MarkTold(ctx, dark.ID, amara); err != nil {
		t.Fatal(err)
	}
	if got := loopOf(mustDetail(t, s, dark.ID)); !slices.Equal(got, []string{"Amara Okafor told done", "Björn Öberg not yet open"}) {
		t.Errorf("after telling Amara, the duplicate's list: %q", got)
	}
	mustStatus(t, s, night.ID, model.FeedbackShipped, "in 4.9")
	want = []string{
		"tell Chen Wei about Night theme: shipped — in 4.9 (open)",
		"tell Björn Öberg about Night theme: shipped — in 4.9 (open)",
		"tell Amara Okafor about Night theme: shipped — in 4.9 (open)",
	}
	if got := loopPromises(t, s, night.ID); !slices.Equal(got, want) {
		t.Errorf("promises of the other item once shipped:\n%q\nwant\n%q", got, want)
	}

	// The search finds the other item by the duplicate's quotes.
	found, err := s.FeedbackItems(ctx, model.FeedbackFilter{Text: "eyes hurt"})
	if err != nil || len(found) != 1 || found[0].ID != night.ID {
		t.Errorf("search for a moved quote = %+v, %v; want the other item", found, err)
	}
	for _, c := range []struct {
		name    string
		err     error
		is      error
		problem string
	}{
		{"raise a duplicate", s.AddRaise(ctx, &model.Raise{FeedbackID: dark.ID, MemberID: chen, Quote: "x"}), model.ErrConflict, "add the raise to the item it duplicates"},
		{"of itself", s.MarkDuplicate(ctx, night.ID, night.ID), model.ErrInvalid, "cannot be the item itself"},
		{"of a duplicate", s.MarkDuplicate(ctx, night.ID, dark.ID), model.ErrInvalid, "itself a duplicate"},
		{"of nothing", s.MarkDuplicate(ctx, night.ID, 999), model.ErrNotFound, "999"},
	} {
		if !errors.Is(c.err, c.is) || !strings.Contains(c.err.Error(), c.problem) {
			t.Errorf("%s: %v, want %v saying %q", c.name, c.err, c.is, c.problem)
		}
	}
	// Re-opened, a duplicate duplicates nothing; its members stay where
	// they went.
	mustStatus(t, s, dark.ID, model.FeedbackNew, "not the same after all")
	if d := mustDetail(t, s, dark.ID); d.DuplicateOf != 0 || d.Status != model.FeedbackNew || len(d.Raises) != 0 {
		t.Errorf("re-opened duplicate: %+v", d.FeedbackItem)
	}
	checkFeedbackCopies(t, s)
}

// TestTrashedMemberKeepsQuotes: a member in the trash leaves the items they
// raised, their counts, the search and Today, and comes back to them when
// restored; purged, they take with them what was theirs alone.
func TestTrashedMemberKeepsQuotes(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	amara := mustCreate(t, s, newMember("Amara Okafor")).ID
	bjorn := mustCreate(t, s, newMember("Björn Öberg")).ID
	shared := mustFeedback(t, s, model.Feedback{Title: "Crash on import", Kind: model.KindBug},
		model.Raise{MemberID: amara, Quote: "crashes with kanelbullar in the name"},
		model.Raise{MemberID: bjorn, Quote: "crashes for me too"})
	alone := mustFeedback(t, s, model.Feedback{Title: "Swedish keyboard layout", Kind: model.KindIdea},
		model.Raise{MemberID: bjorn, Quote: "å ä ö need dead keys"})
	mustStatus(t, s, shared.ID, model.FeedbackShipped, "")

	look := func() string {
		t.Helper()
		d := mustDetail(t, s, shared.ID)
		found, err := s.FeedbackItems(ctx, model.FeedbackFilter{Text: "dead keys"})
		if err != nil {
			t.Fatal(err)
		}
		tl, err := s.TimelineWithFeedback(ctx, bjorn, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("quotes %q, members %d, found %d, waiting %q, timeline %d",
			quotesOf(d), d.Members, len(found), waiting(t, s), len(tl))
	}
	before := look()
	if want := `quotes ["Amara Okafor: crashes with kanelbullar in the name" "Björn Öberg: crashes for me too"], members 2, found 1, ` +
		`waiting ["Amara Okafor: Crash on import" "Björn Öberg: Crash on import"], timeline 3`; before != want {
		t.Errorf("before the trash: %s\nwant %s", before, want)
	}
	if err := s.TrashMember(ctx, bjorn); err != nil {
		t.Fatal(err)
	}
	if got, want := look(), `quotes ["Amara Okafor: crashes with kanelbullar in the name"], members 1, found 0, `+
		`waiting ["Amara Okafor: Crash on import"], timeline 3`; got != want {
		t.Errorf("Björn in the trash: %s\nwant %s", got, want)
	}
	checkFeedbackCopies(t, s)
	if err := s.RestoreMember(ctx, bjorn); err != nil {
		t.Fatal(err)
	}
	if got := look(); got != before {
		t.Errorf("Björn restored: %s\nwant as before: %s", got, before)
	}
	checkFeedbackCopies(t, s)

	if err := s.TrashMember(ctx, bjorn); err != nil {
		t.Fatal(err)
	}
	if err := s.PurgeMember(ctx, bjorn); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Feedback(ctx, alone.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("the item only Björn raised after his purge: %v, want ErrNotFound", err)
	}
	if d := mustDetail(t, s, shared.ID); d.Quotes != 1 || len(d.History) != 2 {
		t.Errorf("the shared item after Björn's purge: %d quotes, %d changes; want Amara's quote and its history", d.Quotes, len(d.History))
	}
	checkFeedbackCopies(t, s)
}

// TestMergeMovesRaises: two records of one member merged by hand keep every
// quote on the member kept; undone, the quotes go back.
func TestMergeMovesRaises(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	keep := mustCreate(t, s, newMember("Amara Okafor")).ID
	gone := mustCreate(t, s, newMember("A. Okafor")).ID
	both := mustFeedback(t, s, model.Feedback{Title: "Dark mode", Kind: model.KindIdea},
		model.Raise{MemberID: keep, Quote: "dark mode please"}, model.Raise{MemberID: gone, Quote: "dark mode, really"})
	only := mustFeedback(t, s, model.Feedback{Title: "Crash", Kind: model.KindBug}, model.Raise{MemberID: gone, Quote: "it crashes"})
	mergeID, err := s.MergeMembers(ctx, keep, gone)
	if err != nil {
		t.Fatal(err)
	}
	if got := quotesOf(mustDetail(t, s, both.ID)); !slices.Equal(got, []string{"Amara Okafor: dark mode please", "Amara Okafor: dark mode, really"}) {
		t.Errorf("after the merge, quotes of an item both raised: %q", got)
	}
	if d := mustDetail(t, s, only.ID); d.Members != 1 || d.Raises[0].MemberID != keep {
		t.Errorf("after the merge, the item only the other raised: %+v", d.Raises)
	}
	if err := s.UndoMerge(ctx, mergeID); err != nil {
		t.Fatal(err)
	}
	if got := quotesOf(mustDetail(t, s, both.ID)); !slices.Equal(got, []string{"Amara Okafor: dark mode please", "A. Okafor: dark mode, really"}) {
		t.Errorf("after undoing the merge: %q", got)
	}
	checkFeedbackCopies(t, s)
}

// TestFeedbackListAndBoard pages through items with every filter and
// counts the board's columns.
func TestFeedbackListAndBoard(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	core, docs := mustTeam(t, s, "Core"), mustTeam(t, s, "Docs")
	amara := mustCreate(t, s, newMember("Amara Okafor")).ID
	kinds := model.FeedbackKinds
	for i := range 40 {
		team := core.ID
		if i%4 == 0 {
			team = docs.ID
		}
		var f model.Feedback
		at(s, fixedNow.Add(time.Duration(i)*time.Minute), func() {
			f = mustFeedback(t, s, model.Feedback{Title: fmt.Sprintf("Item %02d", i), Kind: kinds[i%len(kinds)], TeamID: team},
				model.Raise{MemberID: amara, Quote: fmt.Sprintf("quote number %d", i)})
		})
		switch i % 5 {
		case 1:
			at(s, fixedNow.Add(time.Duration(i)*time.Minute), func() { mustStatus(t, s, f.ID, model.FeedbackHandedOff, "") })
		case 2:
			at(s, fixedNow.Add(time.Duration(i)*time.Minute), func() { mustStatus(t, s, f.ID, model.FeedbackShipped, "") })
		}
	}
	deleted := mustFeedback(t, s, model.Feedback{Title: "Deleted item", Kind: model.KindBug, TeamID: core.ID})
	if err := s.DeleteFeedback(ctx, deleted.ID); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		filter model.FeedbackFilter
		want   []string // titles, in list order
	}{
		{"all", model.FeedbackFilter{Limit: 3}, []string{"Item 39", "Item 38", "Item 37"}},
		{"second page", model.FeedbackFilter{Offset: 3, Limit: 3}, []string{"Item 36", "Item 35", "Item 34"}},
		{"docs", model.FeedbackFilter{TeamID: docs.ID, Limit: 3}, []string{"Item 36", "Item 32", "Item 28"}},
		{"shipped", model.FeedbackFilter{Status: model.FeedbackShipped, Limit: 3}, []string{"Item 37", "Item 32", "Item 27"}},
		{"praise", model.FeedbackFilter{Kind: " Praise", Limit: 3}, []string{"Item 39", "Item 34", "Item 29"}},
		{"docs, shipped", model.FeedbackFilter{TeamID: docs.ID, Status: model.FeedbackShipped}, []string{"Item 32", "Item 12"}},
		{"bugs, handed off", model.FeedbackFilter{Kind: model.KindBug, Status: model.FeedbackHandedOff}, nil},
		{"ideas, handed off", model.FeedbackFilter{Kind: model.KindIdea, Status: model.FeedbackHandedOff},
			[]string{"Item 36", "Item 31", "Item 26", "Item 21", "Item 16", "Item 11", "Item 06", "Item 01"}},
		{"text", model.FeedbackFilter{Text: "number 7"}, []string{"Item 07"}},
		{"text in a team", model.FeedbackFilter{TeamID: core.ID, Text: "item 1"}, []string{"Item 19", "Item 18", "Item 17", "Item 15", "Item 14", "Item 13", "Item 11", "Item 10", "Item 01"}},
		{"deleted", model.FeedbackFilter{Trashed: true}, []string{"Deleted item"}},
		{"deleted of docs", model.FeedbackFilter{Trashed: true, TeamID: docs.ID}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := s.FeedbackItems(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, it := range items {
				got = append(got, it.Title)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("FeedbackItems = %q, want %q", got, tt.want)
			}
			if tt.filter.Limit == 0 {
				if n, err := s.CountFeedback(ctx, tt.filter); err != nil || n != len(tt.want) {
					t.Errorf("CountFeedback = %d, %v; want %d", n, err, len(tt.want))
				}
			}
		})
	}
	// Pages neither overlap nor skip.
	var all []string
	for off := 0; ; off += 7 {
		page, err := s.FeedbackItems(ctx, model.FeedbackFilter{Offset: off, Limit: 7})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, it := range page {
			all = append(all, it.Title)
		}
	}
	if n := len(all); n != 40 || len(slices.Compact(slices.Sorted(slices.Values(all)))) != 40 {
		t.Errorf("paging read %d items (%d different), want 40", n, len(slices.Compact(slices.Sorted(slices.Values(all)))))
	}
	for _, c := range []struct {
		name   string
		filter model.FeedbackFilter
		want   map[model.FeedbackStatus]int
	}{
		{"all", model.FeedbackFilter{Status: model.FeedbackShipped}, map[model.FeedbackStatus]int{"new": 24, "handed off": 8, "shipped": 8}},
		{"docs", model.FeedbackFilter{TeamID: docs.ID}, map[model.FeedbackStatus]int{"new": 6, "handed off": 2, "shipped": 2}},
		{"ideas", model.FeedbackFilter{Kind: model.KindIdea}, map[model.FeedbackStatus]int{"handed off": 8}},
		{"text", model.FeedbackFilter{Text: "quote 2"}, map[model.FeedbackStatus]int{"new": 6, "handed off": 2, "shipped": 3}},
		{"deleted", model.FeedbackFilter{Trashed: true}, map[model.FeedbackStatus]int{"new": 1}},
	} {
		got, err := s.CountFeedbackByStatus(ctx, c.filter)
		if err != nil || !mapsEqual(got, c.want) {
			t.Errorf("%s: CountFeedbackByStatus = %v, %v; want %v", c.name, got, err, c.want)
		}
	}
	if err := s.RestoreFeedback(ctx, deleted.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountFeedback(ctx, model.FeedbackFilter{Text: "deleted"}); n != 1 {
		t.Errorf("a restored item is found %d times, want once", n)
	}
	if err := s.PurgeFeedback(ctx, deleted.ID); !errors.Is(err, model.ErrConflict) {
		t.Errorf("PurgeFeedback of a living item = %v, want ErrConflict", err)
	}
	if err := s.DeleteFeedback(ctx, deleted.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.PurgeFeedback(ctx, deleted.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Feedback(ctx, deleted.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a purged item: %v, want ErrNotFound", err)
	}
	checkFeedbackCopies(t, s)
}

// TestFeedbackSearch finds items by their titles, details and quotes,
// diacritics folded, as the list, the suggestions and the global search;
// whatever is typed, they answer.
func TestFeedbackSearch(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	bjorn := mustCreate(t, s, newMember("Björn Öberg")).ID
	jose := mustCreate(t, s, newMember("José Núñez")).ID
	items := map[string]int64{}
	for _, f := range []struct {
		title, detail, quote string
		member               int64
	}{
		{"Café mode for the welcome screen", "", "Make it feel like fika", bjorn},
		{"Crash when the name has an ñ", "Núñez breaks the importer", "Mi apellido rompe la importación", jose},
		{"Dark mode", "", "Kanelbullar at night need a dark screen", bjorn},
		{"Résumé template for mentors", "", "A CV template, please", jose},
	} {
		items[f.title] = mustFeedback(t, s, model.Feedback{Title: f.title, Detail: f.detail, Kind: model.KindIdea},
			model.Raise{MemberID: f.member, Quote: f.quote}).ID
	}
	dup := mustFeedback(t, s, model.Feedback{Title: "Dark theme", Kind: model.KindIdea}, model.Raise{MemberID: jose, Quote: "oscuro"})
	if err := s.MarkDuplicate(ctx, dup.ID, items["Dark mode"]); err != nil {
		t.Fatal(err)
	}
	titles := func(its []model.FeedbackItem) []string {
		var out []string
		for _, it := range its {
			out = append(out, it.Title)
		}
		return out
	}
	for _, c := range []struct {
		text string
		want []string // newest first
	}{
		{"cafe", []string{"Café mode for the welcome screen"}},
		{"CAFÉ", []string{"Café mode for the welcome screen"}},
		{"resume", []string{"Résumé template for mentors"}},
		{"nunez", []string{"Crash when the name has an ñ"}},       // in the detail
		{"importacion", []string{"Crash when the name has an ñ"}}, // in a quote
		{"kanel", []string{"Dark mode"}},
		{"oscuro", []string{"Dark mode"}}, // a quote moved from the duplicate
		{"dark", []string{"Dark theme", "Dark mode"}},
		{"mode", []string{"Dark mode", "Café mode for the welcome screen"}},
		{"fika dark", nil},
	} {
		got, err := s.FeedbackItems(ctx, model.FeedbackFilter{Text: c.text})
		if err != nil || !slices.Equal(titles(got), c.want) {
			t.Errorf("FeedbackItems(Text %q) = %q, %v; want %q", c.text, titles(got), err, c.want)
		}
		r, err := s.GlobalSearch(ctx, c.text, 10)
		if err != nil || !slices.Equal(titles(r.Feedback), c.want) {
			t.Errorf("GlobalSearch(%q) finds feedback %q, %v; want %q", c.text, titles(r.Feedback), err, c.want)
		}
	}
	r, err := s.GlobalSearch(ctx, "mode", 1)
	if err != nil || len(r.Feedback) != 1 || !r.MoreFeedback {
		t.Errorf("GlobalSearch(mode, 1) = %q, more %v, %v; want one and more", titles(r.Feedback), r.MoreFeedback, err)
	}

	// Suggestions while a new title is typed: any word, titles and quotes,
	// best first; not details, not duplicates.
	for _, c := range []struct {
		title string
		want  []string
	}{
		{"dark", []string{"Dark mode"}},
		{"Dark screen at night", []string{"Dark mode", "Café mode for the welcome screen"}},
		{"crash on import", []string{"Crash when the name has an ñ"}},
		{"mode", []string{"Dark mode", "Café mode for the welcome screen"}},
		{"café", []string{"Café mode for the welcome screen"}},
		{"nunez", nil}, // in a detail only
		{"", nil},
	} {
		got, err := s.SuggestFeedback(ctx, c.title, 5)
		if err != nil || !slices.Equal(titles(got), c.want) {
			t.Errorf("SuggestFeedback(%q) = %q, %v; want %q", c.title, titles(got), err, c.want)
		}
	}
	if got, _ := s.SuggestFeedback(ctx, "a dark welcome screen for the cafe", 5); len(got) < 2 || got[0].Title != "Café mode for the welcome screen" {
		t.Errorf("SuggestFeedback of a long title = %q, want the best match first", titles(got))
	}

	for _, text := range hostileInputs {
		if _, err := s.FeedbackItems(ctx, model.FeedbackFilter{Text: text}); err != nil {
			t.Errorf("FeedbackItems(Text %.40q): %v", text, err)
		}
		if _, err := s.CountFeedback(ctx, model.FeedbackFilter{Text: text}); err != nil {
			t.Errorf("CountFeedback(Text %.40q): %v", text, err)
		}
		if _, err := s.CountFeedbackByStatus(ctx, model.FeedbackFilter{Text: text, Kind: model.FeedbackKind(text)}); err != nil {
			t.Errorf("CountFeedbackByStatus(Text %.40q): %v", text, err)
		}
		if _, err := s.SuggestFeedback(ctx, text, 5); err != nil {
			t.Errorf("SuggestFeedback(%.40q): %v", text, err)
		}
		if _, err := s.GlobalSearch(ctx, text, 5); err != nil {
			t.Errorf("GlobalSearch(%.40q): %v", text, err)
		}
	}
	if n, err := s.CountFeedback(ctx, model.FeedbackFilter{}); err != nil || n != 5 {
		t.Errorf("after hostile searches: %d items, %v; want 5", n, err)
	}
	checkFeedbackCopies(t, s)
}

// TestTimelineWithFeedback: a member's timeline shows the feedback they
// raised, on the day they raised it, with where it stands; Timeline, for
// the screens without such entries, does not.
func TestTimelineWithFeedback(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	core := mustTeam(t, s, "Core")
	a := mustCreate(t, s, newMember("Amara Okafor")).ID
	talk := mustTalk(t, s, daysAgo(5), a)
	mustFollowUp(t, s, "send the slides", daysAgo(3), true, a)
	f := mustFeedback(t, s, model.Feedback{Title: "Dark mode", Kind: model.KindIdea, TeamID: core.ID},
		model.Raise{MemberID: a, Quote: "dark mode please", ConversationID: talk.ID, Date: talk.At.Add(time.Hour)},
		model.Raise{MemberID: a, Quote: "still want it", Date: daysAgo(1)})
	gone := mustFeedback(t, s, model.Feedback{Title: "Deleted", Kind: model.KindBug}, model.Raise{MemberID: a, Quote: "x", Date: daysAgo(2)})
	if err := s.DeleteFeedback(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	mustStatus(t, s, f.ID, model.FeedbackHandedOff, "")
	es, err := s.TimelineWithFeedback(ctx, a, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		switch {
		case e.Feedback != nil && e.Conversation == nil && e.FollowUp == nil:
			got = append(got, fmt.Sprintf("feedback %q: %s, %s, %s, %s", e.Feedback.Quote, e.Feedback.Title, e.Feedback.Kind, e.Feedback.Status, e.Feedback.TeamName))
			if !e.At.Equal(e.Feedback.Date) {
				t.Errorf("raise %q stands at %v, want %v", e.Feedback.Quote, e.At, e.Feedback.Date)
			}
		case e.Conversation != nil:
			got = append(got, "conversation")
		case e.FollowUp != nil:
			got = append(got, "follow-up")
		}
	}
	want := []string{
		`feedback "still want it": Dark mode, idea, handed off, Core`,
		"follow-up",
		`feedback "dark mode please": Dark mode, idea, handed off, Core`,
		"conversation",
	}
	if !slices.Equal(got, want) {
		t.Errorf("TimelineWithFeedback =\n%q\nwant\n%q", got, want)
	}
	if es, err := s.Timeline(ctx, a, 0, 10); err != nil || len(es) != 2 {
		t.Errorf("Timeline = %d entries, %v; want the conversation and the follow-up", len(es), err)
	}
	if page, err := s.TimelineWithFeedback(ctx, a, 1, 2); err != nil || len(page) != 2 || page[0].FollowUp == nil || page[1].Feedback == nil {
		t.Errorf("TimelineWithFeedback(offset 1, limit 2) = %+v, %v", page, err)
	}
}

// TestFeedbackReport gathers a team's report: its living items of the
// statuses asked, their members' quotes and contacts, and nothing private.
func TestFeedbackReport(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
		t.Fatal(err)
	}
	core, docs := mustTeam(t, s, "Core"), mustTeam(t, s, "Docs")
	amara := fullMember() // private notes and all
	amara.ID = mustCreate(t, s, amara).ID
	chen := mustCreate(t, s, model.Member{Name: "Chen Wei", PrivateNotes: "prefers email", Notes: "a note about Chen"}).ID
	gone := mustCreate(t, s, newMember("Gone Gunnar")).ID
	c := model.Conversation{At: daysAgo(3), Channel: "forum", Subject: "Crash", Notes: "PRIVATE conversation notes",
		Link: "https://forum.example.org/t/77", Participants: []int64{chen}}
	if err := s.CreateConversation(ctx, &c); err != nil {
		t.Fatal(err)
	}
	crash := mustFeedback(t, s, model.Feedback{Title: "Crash on import", Kind: model.KindBug, TeamID: core.ID,
		TrackerLink: "https://git.example.org/guild/issues/1"},
		model.Raise{MemberID: amara.ID, Quote: "it crashes", Date: daysAgo(10), SourceLink: "https://forum.example.org/t/70"},
		model.Raise{MemberID: chen, Quote: "same here", ConversationID: c.ID},
		model.Raise{MemberID: gone, Quote: "me too", Date: daysAgo(9)})
	if err := s.TrashMember(ctx, gone); err != nil {
		t.Fatal(err)
	}
	at(s, fixedNow.Add(time.Hour), func() { mustStatus(t, s, crash.ID, model.FeedbackShipped, "fixed in 4.9") })
	dark := mustFeedback(t, s, model.Feedback{Title: "Dark mode", Kind: model.KindIdea, TeamID: core.ID})
	dup := mustFeedback(t, s, model.Feedback{Title: "Night theme", Kind: model.KindIdea, TeamID: core.ID})
	if err := s.MarkDuplicate(ctx, dup.ID, dark.ID); err != nil {
		t.Fatal(err)
	}
	mustFeedback(t, s, model.Feedback{Title: "Docs typo", Kind: model.KindBug, TeamID: docs.ID})
	deleted := mustFeedback(t, s, model.Feedback{Title: "Deleted", Kind: model.KindBug, TeamID: core.ID})
	if err := s.DeleteFeedback(ctx, deleted.ID); err != nil {
		t.Fatal(err)
	}

	r, err := s.FeedbackReport(ctx, core.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Team.Name != "Core" || r.By != "Sam Rivera" || !r.At.Equal(fixedNow) || len(r.Statuses) != 6 || slices.Contains(r.Statuses, model.FeedbackDuplicate) {
		t.Errorf("report of %q by %q at %v, statuses %v", r.Team.Name, r.By, r.At, r.Statuses)
	}
	want := []model.ReportItem{
		{ID: dark.ID, Title: "Dark mode", Kind: model.KindIdea, Status: model.FeedbackNew},
		{ID: crash.ID, Title: "Crash on import", Kind: model.KindBug, Status: model.FeedbackShipped, Outcome: "fixed in 4.9",
			TrackerLink: "https://git.example.org/guild/issues/1", Members: 2, Quotes: []model.ReportQuote{
				{Member: "Amara Okafor", Contact: "amara@example.org", Quote: "it crashes", Date: daysAgo(10), Source: "https://forum.example.org/t/70"},
				{Member: "Chen Wei", Quote: "same here", Date: daysAgo(3), Source: "https://forum.example.org/t/77"},
			}},
	}
	if fmt.Sprint(r.Items) != fmt.Sprint(want) {
		t.Errorf("report items:\n%+v\nwant\n%+v", r.Items, want)
	}
	leak := fmt.Sprintf("%+v", r)
	for _, private := range []string{amara.PrivateNotes, amara.Notes, "prefers email", "a note about Chen", "PRIVATE", "Gone Gunnar", "me too", "Deleted"} {
		if strings.Contains(leak, private) {
			t.Errorf("the report holds %q", private)
		}
	}
	dups, err := s.FeedbackReport(ctx, core.ID, []model.FeedbackStatus{model.FeedbackDuplicate})
	if err != nil || len(dups.Items) != 1 || dups.Items[0].DuplicateOf != "Dark mode" {
		t.Errorf("report of duplicates = %+v, %v; want Night theme, duplicate of Dark mode", dups.Items, err)
	}
	if _, err := s.FeedbackReport(ctx, 999, nil); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("report of no team = %v, want ErrNotFound", err)
	}
	if _, err := s.FeedbackReport(ctx, core.ID, []model.FeedbackStatus{"done"}); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("report of an unknown status = %v, want ErrInvalid", err)
	}
}

// TestMigrateFromVersion4 opens a record as schema 4 left it: its members,
// conversations and follow-ups are intact, and feedback can be recorded
// about them.
func TestMigrateFromVersion4(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/record.db"
	old, err := open(ctx, path, 4)
	if err != nil {
		t.Fatal(err)
	}
	old.Now = func() time.Time { return fixedNow }
	amara := mustCreate(t, old, newMember("Amara Okafor", "docs"))
	talk := mustTalk(t, old, daysAgo(3), amara.ID)
	promise := mustFollowUp(t, old, "send the slides", daysAgo(-2), true, amara.ID)
	var n int
	if err := old.db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'feedback'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("schema 4 has feedback (%d, %v)", n, err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	s := mustOpenPath(t, path)
	if v, err := schemaVersion(ctx, s.db); err != nil || v != latestVersion(t) {
		t.Errorf("schema after Open = %d, %v; want %d", v, err, latestVersion(t))
	}
	if got, err := s.Member(ctx, amara.ID); err != nil || memberDiff(got, amara) != "" {
		t.Errorf("member after migrating: %v\n%s", err, memberDiff(got, amara))
	}
	if got, err := s.Conversation(ctx, talk.ID); err != nil || conversationDiff(got, talk) != "" {
		t.Errorf("conversation after migrating: %v\n%s", err, conversationDiff(got, talk))
	}
	if got, err := s.FollowUp(ctx, promise.ID); err != nil || got.What != promise.What || !got.Due.Equal(promise.Due) {
		t.Errorf("follow-up after migrating: %+v, %v", got, err)
	}
	td, err := s.Today(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(td.DueThisWeek.Items) != 1 || td.DueThisWeek.Items[0].ID != promise.ID || td.NeverContacted.Total != 0 || td.WaitingToHear.Total != 0 {
		t.Errorf("Today after migrating: %v; want the promise due this week, nobody waiting", todayKeys(td))
	}
	if _, err := os.Stat(path + ".before-v5.bak"); err != nil {
		t.Errorf("no copy of the record before migrating: %v", err)
	}
	f := mustFeedback(t, s, model.Feedback{Title: "Dark mode", Kind: model.KindIdea},
		model.Raise{MemberID: amara.ID, Quote: "dark mode please", ConversationID: talk.ID})
	mustStatus(t, s, f.ID, model.FeedbackShipped, "")
	if got := waiting(t, s); !slices.Equal(got, []string{"Amara Okafor: Dark mode"}) {
		t.Errorf("waiting to hear back on the migrated record: %q", got)
	}
	checkCopies(t, s)
	checkFeedbackCopies(t, s)
}

func TestSuggestionWords(t *testing.T) {
	for _, c := range []struct {
		title string
		want  []string
	}{
		{"Crash when importing a card with a photo", []string{"Crash", "importing", "card", "photo"}},
		{"Crash when importing a card with", []string{"Crash", "importing", "card", "with"}}, // "with" may become "without"
		{"Crash when importing a card with ", []string{"Crash", "importing", "card"}},
		{"Crash w", []string{"Crash"}},
		{"Dark screen at night", []string{"Dark", "screen", "night"}},
		{"The", []string{"The"}},
		{"the ", []string{"the"}},   // nothing else to look for
		{"a b", []string{"a", "b"}}, // as before: one-letter words when there is nothing else
		{"WHEN it crashes", []string{"crashes"}},
		{"", nil},
	} {
		if got := suggestionWords(c.title); !slices.Equal(got, c.want) {
			t.Errorf("suggestionWords(%q) = %q, want %q", c.title, got, c.want)
		}
	}
}
