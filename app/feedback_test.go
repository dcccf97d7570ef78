package app

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
	"rapport/storage"
)

// feedbackForm is the feedback form open now.
func (h *harness) feedbackForm() *feedbackForm {
	h.t.Helper()
	f, ok := h.u.form.(*feedbackForm)
	if !ok {
		h.t.Fatalf("no feedback form is open (form = %T)", h.u.form)
	}
	return f
}

// hearBackNames lists who Today says waits to hear back, as "name: title".
func (h *harness) hearBackNames() []string {
	var names []string
	for _, r := range h.u.today.rows {
		if r.kind == rowHearBack {
			names = append(names, r.hb.Name+": "+r.hb.Title)
		}
	}
	return names
}

// menuLabels lists the items of the pop-up menu on screen.
func (h *harness) menuLabels() []string {
	var labels []string
	for _, o := range h.u.win.Canvas().Overlays().List() {
		walkVisible(o, func(o fyne.CanvasObject) {
			if menu, ok := o.(*widget.PopUpMenu); ok {
				for _, item := range menu.Items {
					mi := reflect.ValueOf(item).Elem().FieldByName("Item").Interface().(*fyne.MenuItem)
					labels = append(labels, mi.Label)
				}
			}
		})
	}
	return labels
}

func mustFeedback(st *storage.Store, f model.Feedback, raises ...model.Raise) model.Feedback {
	if err := st.CreateFeedback(context.Background(), &f, raises...); err != nil {
		panic(err)
	}
	return f
}

func TestRecordFeedbackFromAConversationAndCloseTheLoop(t *testing.T) {
	var rec record
	var conv model.Conversation
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		conv = mustConversation(st, model.Conversation{
			At: testNow.Add(-2 * time.Hour), Channel: "call", Subject: "Docs call",
			Participants: []int64{ids["Amara Okafor"], ids["Björn Öberg"]},
		})
	}, model.Member{Name: "Amara Okafor"}, model.Member{Name: "Björn Öberg"}))

	h.u.openConversation(conv.ID)
	h.settle()
	h.tap("Record feedback")
	f := h.feedbackForm()
	if len(f.quotes) != 2 {
		t.Fatalf("the form opens with %d members who raised it, want the conversation's 2", len(f.quotes))
	}
	h.typeIn(f.title, "Offline docs")
	f.kind.SetSelected(string(model.KindIdea))
	f.team.SetSelected(newTeamChoice)
	h.typeIn(f.teamName, "Docs team")
	h.tap("Add team")
	h.waitFor("the new team to be chosen", func() bool { return f.team.Selected == "Docs team" })
	h.typeIn(f.quotes[0].quote, "I read the docs on the train")
	h.typeIn(f.quotes[1].quote, "A PDF would do")
	f.save()
	h.settle()
	if h.u.form != nil {
		t.Fatalf("the form stays open: %q", h.screenTexts())
	}

	items, err := h.st.FeedbackItems(context.Background(), model.FeedbackFilter{})
	if err != nil || len(items) != 1 {
		t.Fatalf("the record holds %v (%v), want one item", items, err)
	}
	item, err := h.st.Feedback(context.Background(), items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if item.Title != "Offline docs" || item.TeamName != "Docs team" || len(item.Raises) != 2 {
		t.Fatalf("recorded %+v", item)
	}
	for _, r := range item.Raises {
		if r.ConversationID != conv.ID {
			t.Errorf("%s's raise has conversation %d, want %d", r.Name, r.ConversationID, conv.ID)
		}
	}
	if h.u.screen != screenFeedback || h.u.feedback.detail.id != item.ID || !h.shows("Offline docs") {
		t.Fatalf("after saving, screen %d shows %q", h.u.screen, h.screenTexts())
	}
	if !h.shows("“I read the docs on the train”") {
		t.Errorf("the quotes do not show: %q", h.screenTexts())
	}

	h.tap("Move to…")
	h.tapMenuItem("Shipped")
	h.settle()
	if got, _ := h.st.Feedback(context.Background(), item.ID); got.Status != model.FeedbackShipped {
		t.Fatalf("after Move to › Shipped the item is %s", got.Status)
	}

	h.u.goTo(screenToday)
	h.settle()
	titles := strings.Join(h.todayTitles(), "\n")
	for _, name := range []string{"Amara Okafor", "Björn Öberg"} {
		if !strings.Contains(titles, "tell "+name+" about Offline docs") {
			t.Errorf("Today holds no promise to tell %s:\n%s", name, titles)
		}
	}
	want := []string{"Amara Okafor: Offline docs", "Björn Öberg: Offline docs"}
	if got := h.hearBackNames(); !slices.Equal(got, want) {
		t.Fatalf("waiting to hear back: %q, want %q", got, want)
	}
	if h.u.hearBack != 2 {
		t.Errorf("the navigation says %d wait on Feedback, want 2", h.u.hearBack)
	}

	row := h.todayRowView("Amara Okafor")
	test.Tap(row.told)
	h.settle()
	got, err := h.st.Feedback(context.Background(), item.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range got.Loop {
		if told := l.Name == "Amara Okafor"; l.Told() != told {
			t.Errorf("%s told: %v, want %v", l.Name, l.Told(), told)
		}
	}
	if got := h.hearBackNames(); !slices.Equal(got, want[1:]) {
		t.Errorf("after Mark told, waiting to hear back: %q, want %q", got, want[1:])
	}
}

func TestMoveMenuOffersOnlyAllowedMoves(t *testing.T) {
	var rec record
	var item model.Feedback
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		item = mustFeedback(st, model.Feedback{Title: "Dark mode", Kind: model.KindIdea},
			model.Raise{MemberID: ids["Amara Okafor"], Quote: "My eyes!"})
	}, model.Member{Name: "Amara Okafor"}))

	h.u.openFeedback(item.ID)
	h.settle()
	h.tap("Move to…")
	want := []string{"Handed off", "Shipped", "Declined", "Mark as duplicate of…"}
	if got := h.menuLabels(); !slices.Equal(got, want) {
		t.Fatalf("a new item's menu offers %q, want %q", got, want)
	}
	// Handing it off without a team is refused by the record, and said so.
	h.tapMenuItem("Handed off")
	h.settle()
	if got, _ := h.st.Feedback(context.Background(), item.ID); got.Status != model.FeedbackNew {
		t.Fatalf("handed off without a team: the item is %s", got.Status)
	}
	if len(h.u.errorShown) == 0 {
		t.Error("the refusal is not shown")
	}

	for _, from := range model.FeedbackStatuses {
		for _, to := range moveChoices(from) {
			if err := model.CanMove(from, to); err != nil {
				t.Errorf("from %s the menu offers %s: %v", from, to, err)
			}
		}
	}
	if got := moveChoices(model.FeedbackShipped); slices.Contains(got, model.FeedbackDeclined) {
		t.Errorf("a shipped item offers %q", got)
	}
}

func TestFeedbackListFiltersByStatus(t *testing.T) {
	var rec record
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		for _, title := range []string{"Dark mode", "Faster search", "Crash on start"} {
			f := mustFeedback(st, model.Feedback{Title: title, Kind: model.KindBug},
				model.Raise{MemberID: ids["Amara Okafor"], Quote: "Please: " + title})
			if title == "Crash on start" {
				if err := st.SetFeedbackStatus(ctx, f.ID, model.FeedbackShipped, "in 4.9"); err != nil {
					panic(err)
				}
			}
		}
	}, model.Member{Name: "Amara Okafor"}))

	h.u.goTo(screenFeedback)
	h.settle()
	s := h.u.feedback
	if s.pager.count != 3 {
		t.Fatalf("the list holds %d items, want 3", s.pager.count)
	}
	if !h.shows("new 2") || !h.shows("shipped 1") {
		t.Errorf("the counts per status do not show: %q", h.screenTexts())
	}
	s.status.SetSelected(string(model.FeedbackShipped))
	h.settle()
	if s.pager.count != 1 || !slices.Equal(listNames(s.list), []string{"Crash on start"}) {
		t.Fatalf("filtered by shipped, the list shows %q", listNames(s.list))
	}
	if !h.shows("bug · no team yet · shipped — 1 member · 0 told") {
		t.Errorf("the row does not say who was told: %q", h.screenTexts())
	}
	s.status.SetSelected(allStatuses)
	h.typeIn(s.text, "search")
	h.settle()
	if !slices.Equal(listNames(s.list), []string{"Faster search"}) {
		t.Errorf("searching “search”, the list shows %q", listNames(s.list))
	}
}

func TestFeedbackFormAddsToASuggestedItem(t *testing.T) {
	var rec record
	var item model.Feedback
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		item = mustFeedback(st, model.Feedback{Title: "Dark mode for the app", Kind: model.KindIdea},
			model.Raise{MemberID: ids["Amara Okafor"], Quote: "My eyes!"})
	}, model.Member{Name: "Amara Okafor"}, model.Member{Name: "Chen Wei"}))

	h.shortcut(ctrl(fyne.KeyB))
	f := h.feedbackForm()
	h.typeIn(f.title, "dark mode")
	h.waitFor("a suggestion", func() bool { return len(f.suggested) > 0 })
	h.tap("Dark mode for the app  ·  new · 1 member · 0 told")
	if f.target == nil || f.target.ID != item.ID {
		t.Fatalf("picking the suggestion sets target %v", f.target)
	}
	h.pick(f.who, "Chen")
	h.typeIn(f.quotes[0].quote, "Night shifts need it")
	f.save()
	h.settle()
	got, err := h.st.Feedback(context.Background(), item.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Raises) != 2 || got.Raises[1].Name != "Chen Wei" {
		t.Fatalf("the item's raises: %+v", got.Raises)
	}
	if n, _ := h.st.CountFeedback(context.Background(), model.FeedbackFilter{}); n != 1 {
		t.Errorf("the record holds %d items, want 1", n)
	}
}

func TestBoardMovesACardBetweenColumns(t *testing.T) {
	var rec record
	var item model.Feedback
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		item = mustFeedback(st, model.Feedback{Title: "Export to CSV", Kind: model.KindIdea},
			model.Raise{MemberID: ids["Amara Okafor"], Quote: "For my spreadsheet"})
	}, model.Member{Name: "Amara Okafor"}))

	h.u.goTo(screenFeedback)
	h.settle()
	h.tap("Board")
	s := h.u.feedback
	if !s.boardMode || len(s.board.Objects) != len(model.FeedbackStatuses) {
		t.Fatalf("the board shows %d columns", len(s.board.Objects))
	}
	if !h.shows("New  1") || !h.shows("Export to CSV") {
		t.Fatalf("the board does not show the card in its column: %q", h.screenTexts())
	}
	h.tap("Move to…")
	h.tapMenuItem("Declined")
	if got, _ := h.st.Feedback(context.Background(), item.ID); got.Status != model.FeedbackDeclined {
		t.Fatalf("moved on the board, the item is %s", got.Status)
	}
	h.u.goTo(screenFeedback)
	h.settle()
	if len(s.boardItems[model.FeedbackDeclined]) != 1 || len(s.boardItems[model.FeedbackNew]) != 0 {
		t.Errorf("after the move the board holds %v", s.boardItems)
	}
}
