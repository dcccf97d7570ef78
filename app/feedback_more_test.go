package app

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
	"rapport/storage"
)

// TestTimelineShowsFeedbackTheMemberRaised: a member's timeline holds the
// items they raised, with their words, and the entry opens the item.
func TestTimelineShowsFeedbackTheMemberRaised(t *testing.T) {
	var rec record
	var item model.Feedback
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		item = mustFeedback(st, model.Feedback{Title: "Dark mode", Kind: model.KindIdea},
			model.Raise{MemberID: ids["Amara Okafor"], Quote: "My eyes hurt at night"})
	}, model.Member{Name: "Amara Okafor"}, model.Member{Name: "Chen Wei"}))

	h.u.openMember(rec.ids["Amara Okafor"])
	h.settle()
	a := h.u.members.activity
	if len(a.entries) != 1 || a.entries[0].Feedback == nil || a.entries[0].Feedback.FeedbackID != item.ID {
		t.Fatalf("Amara's timeline holds %+v, want the item she raised", a.entries)
	}
	for _, want := range []string{"Dark mode", "“My eyes hurt at night”"} {
		if !h.shows(want) {
			t.Errorf("the timeline does not show %q: %q", want, h.screenTexts())
		}
	}
	var open *widget.Button
	walkVisible(a.timeline, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && open == nil {
			open = b
		}
	})
	if open == nil {
		t.Fatal("the feedback entry has no button to open it")
	}
	test.Tap(open)
	h.settle()
	if h.u.screen != screenFeedback || h.u.feedback.detail.id != item.ID {
		t.Fatalf("the entry opens screen %d with item %d, want item %d on Feedback", h.u.screen, h.u.feedback.detail.id, item.ID)
	}

	h.u.openMember(rec.ids["Chen Wei"])
	h.settle()
	if n := len(h.u.members.activity.entries); n != 0 {
		t.Errorf("Chen, who raised nothing, has %d timeline entries", n)
	}
}

// TestGlobalSearchFindsFeedbackByQuote: a word of a member's words finds the
// item in its own group, and Enter opens it.
func TestGlobalSearchFindsFeedbackByQuote(t *testing.T) {
	var rec record
	var item model.Feedback
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		item = mustFeedback(st, model.Feedback{Title: "Dark mode", Kind: model.KindIdea},
			model.Raise{MemberID: ids["Amara Okafor"], Quote: "My eyes hurt during night shifts"})
	}, model.Member{Name: "Amara Okafor"}))

	h.shortcut(ctrl(fyne.KeyK))
	f, ok := h.u.form.(*searchForm)
	if !ok {
		t.Fatalf("Ctrl+K opened %T, want the search", h.u.form)
	}
	test.Type(h.u.win.Canvas().Focused(), "shifts")
	h.waitFor("the item among the results", func() bool { return f.searched == "shifts" && len(f.hits) > 0 })
	if !h.shows("Feedback") || !h.shows("Dark mode  ·  idea  ·  new") {
		t.Fatalf("the results show no Feedback group: %q", h.screenTexts())
	}
	h.key(fyne.KeyReturn)
	h.settle()
	if h.u.screen != screenFeedback || h.u.feedback.detail.id != item.ID {
		t.Fatalf("Enter shows screen %d with item %d, want item %d on Feedback", h.u.screen, h.u.feedback.detail.id, item.ID)
	}
	if h.u.form != nil {
		t.Error("the search stays open after Enter")
	}
}

// TestEditFeedbackKeepsTrackerLinkAndOutcome: Edit changes what an item is;
// a bad link is said under its field and nothing is stored until it is fixed.
func TestEditFeedbackKeepsTrackerLinkAndOutcome(t *testing.T) {
	var rec record
	var item model.Feedback
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		item = mustFeedback(st, model.Feedback{Title: "Dark mode", Kind: model.KindIdea},
			model.Raise{MemberID: ids["Amara Okafor"], Quote: "My eyes!"})
	}, model.Member{Name: "Amara Okafor"}))

	h.u.openFeedback(item.ID)
	h.settle()
	h.tap("Edit")
	f, ok := h.u.form.(*feedbackEditForm)
	if !ok {
		t.Fatalf("Edit opened %T, want the edit form", h.u.form)
	}
	if f.title.Text != "Dark mode" || f.kind.Selected != string(model.KindIdea) || f.team.Selected != noTeamChoice {
		t.Fatalf("the form opens with %q, %q, %q", f.title.Text, f.kind.Selected, f.team.Selected)
	}
	f.title.SetText("")
	f.save()
	h.settle()
	if h.u.form == nil || f.fields[model.FieldTitle].problem == "" {
		t.Fatalf("an empty title is not refused under its field: %q", h.screenTexts())
	}
	h.typeIn(f.title, "Dark mode for the app")
	h.typeIn(f.tracker, "not a link")
	f.save()
	h.settle()
	if h.u.form == nil || f.fields[model.FieldTrackerLink].problem == "" {
		t.Fatalf("a tracker link that is no link is not refused under its field: %q", h.screenTexts())
	}
	if got, _ := h.st.Feedback(context.Background(), item.ID); got.Title != "Dark mode" {
		t.Fatalf("a refused edit was stored: %q", got.Title)
	}
	f.tracker.SetText("")
	h.typeIn(f.tracker, "https://tracker.example.org/issues/42")
	h.typeIn(f.outcome, "Ships in 5.0")
	f.save()
	h.settle()
	if h.u.form != nil {
		t.Fatalf("the form stays open: %q", h.screenTexts())
	}
	got, err := h.st.Feedback(context.Background(), item.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Dark mode for the app" || got.TrackerLink != "https://tracker.example.org/issues/42" || got.Outcome != "Ships in 5.0" {
		t.Fatalf("the record holds %q, %q, %q", got.Title, got.TrackerLink, got.Outcome)
	}
	if !h.shows("Ships in 5.0") || !h.shows("https://tracker.example.org/issues/42") {
		t.Errorf("the detail does not show the change: %q", h.screenTexts())
	}
}

// TestMarkDuplicateMovesTheQuotes: Move to › Mark as duplicate of… picks the
// other item by a word typed, and its members' words move there.
func TestMarkDuplicateMovesTheQuotes(t *testing.T) {
	var rec record
	var dup, keep model.Feedback
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		keep = mustFeedback(st, model.Feedback{Title: "Dark mode", Kind: model.KindIdea},
			model.Raise{MemberID: ids["Amara Okafor"], Quote: "My eyes!"})
		dup = mustFeedback(st, model.Feedback{Title: "Night theme", Kind: model.KindIdea},
			model.Raise{MemberID: ids["Chen Wei"], Quote: "Too bright at night"})
		mustFeedback(st, model.Feedback{Title: "Faster search", Kind: model.KindBug},
			model.Raise{MemberID: ids["Chen Wei"], Quote: "Search is slow"})
	}, model.Member{Name: "Amara Okafor"}, model.Member{Name: "Chen Wei"}))

	h.u.openFeedback(dup.ID)
	h.settle()
	h.tap("Move to…")
	h.tapMenuItem("Mark as duplicate of…")
	h.settle()
	f, ok := h.u.form.(*duplicateForm)
	if !ok {
		t.Fatalf("Mark as duplicate of… opened %T", h.u.form)
	}
	h.typeIn(f.entry, "dark")
	h.waitFor("the other item", func() bool { return f.searched == "dark" && len(f.found) > 0 })
	if len(f.found) != 1 || f.found[0].ID != keep.ID {
		t.Fatalf("typing “dark” offers %+v, want only Dark mode", f.found)
	}
	h.tap("Dark mode  ·  new · 1 member · 0 told")
	if h.u.form != nil {
		t.Fatalf("the picker stays open: %q", h.screenTexts())
	}
	ctx := context.Background()
	got, err := h.st.Feedback(ctx, dup.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != model.FeedbackDuplicate || got.DuplicateOf != keep.ID {
		t.Fatalf("Night theme is %s of %d, want a duplicate of %d", got.Status, got.DuplicateOf, keep.ID)
	}
	kept, err := h.st.Feedback(ctx, keep.ID)
	if err != nil {
		t.Fatal(err)
	}
	var quotes []string
	for _, r := range kept.Raises {
		quotes = append(quotes, r.Name+": "+r.Quote)
	}
	if want := []string{"Amara Okafor: My eyes!", "Chen Wei: Too bright at night"}; !slices.Equal(quotes, want) {
		t.Errorf("Dark mode holds %q, want %q", quotes, want)
	}
}
