package app

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"rapport/model"
	"rapport/storage"
)

// storedRaises is the raises the store holds for item, oldest first.
func (h *harness) storedRaises(id int64) []model.RaiseItem {
	h.t.Helper()
	item, err := h.st.Feedback(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	return item.Raises
}

// TestAddWhoRaisedItWithDateAndLink: a raise added to an item keeps the day
// it was said and the link to where; a link that is no link is refused
// beside its field.
func TestAddWhoRaisedItWithDateAndLink(t *testing.T) {
	var rec record
	var item model.Feedback
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		item = mustFeedback(st, model.Feedback{Title: "Dark mode", Kind: model.KindIdea},
			model.Raise{MemberID: ids["Amara Okafor"], Quote: "My eyes hurt at night"})
	}, model.Member{Name: "Amara Okafor"}, model.Member{Name: "Chen Wei"}))

	h.u.openFeedback(item.ID)
	h.settle()
	h.tap("Add who raised it")
	f := h.feedbackForm()
	h.pick(f.who, "Chen Wei")
	if len(f.quotes) != 1 {
		t.Fatalf("the form has %d rows of words, want Chen's", len(f.quotes))
	}
	r := f.quotes[0]
	if r.when.Text != "today" {
		t.Errorf("the day starts as %q, want today", r.when.Text)
	}
	r.quote.SetText("Please, a dark theme")
	r.when.SetText("2026-03-10")
	r.link.SetText("not a link")
	f.save()
	h.settle()
	if h.u.form == nil || r.linkField.problem == "" {
		t.Fatalf("a source link that is no link is not refused beside it: %q", h.screenTexts())
	}
	if n := len(h.storedRaises(item.ID)); n != 1 {
		t.Fatalf("a refused raise was stored: %d raises", n)
	}
	r.link.SetText("https://forum.example.com/t/42")
	f.save()
	h.settle()
	if h.u.form != nil {
		t.Fatalf("the form stays open: %q", h.screenTexts())
	}
	raises := h.storedRaises(item.ID)
	if len(raises) != 2 {
		t.Fatalf("the store holds %d raises, want 2", len(raises))
	}
	got := raises[0]
	if got.Quote != "Please, a dark theme" {
		got = raises[1]
	}
	if got.Quote != "Please, a dark theme" || got.SourceLink != "https://forum.example.com/t/42" || got.Date.Format(dayFormat) != "2026-03-10" {
		t.Fatalf("the store holds %q, %q, %v", got.Quote, got.SourceLink, got.Date)
	}
	if !h.shows("https://forum.example.com/t/42") {
		t.Errorf("the detail does not show the source link: %q", h.screenTexts())
	}
}

// TestEditAndRemoveTheirWords: a quote is edited in place, and a removed
// quote comes back with Undo.
func TestEditAndRemoveTheirWords(t *testing.T) {
	var rec record
	var item model.Feedback
	said := testNow.Add(-72 * time.Hour)
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		item = mustFeedback(st, model.Feedback{Title: "Dark mode", Kind: model.KindIdea},
			model.Raise{MemberID: ids["Amara Okafor"], Quote: "My eyes hurt at night", Date: said, SourceLink: "https://forum.example.com/t/7"})
	}, model.Member{Name: "Amara Okafor"}))

	h.u.openFeedback(item.ID)
	h.settle()
	h.tap("Edit words")
	f, ok := h.u.form.(*raiseEditForm)
	if !ok {
		t.Fatalf("Edit words opened %T", h.u.form)
	}
	if f.row.quote.Text != "My eyes hurt at night" || f.row.link.Text != "https://forum.example.com/t/7" {
		t.Fatalf("the form opens with %q, %q", f.row.quote.Text, f.row.link.Text)
	}
	f.row.quote.SetText("My eyes hurt when I work at night")
	f.save()
	h.settle()
	raises := h.storedRaises(item.ID)
	if len(raises) != 1 || raises[0].Quote != "My eyes hurt when I work at night" || raises[0].SourceLink != "https://forum.example.com/t/7" {
		t.Fatalf("after the edit the store holds %+v", raises)
	}
	if !h.shows("“My eyes hurt when I work at night”") {
		t.Errorf("the detail does not show the new words: %q", h.screenTexts())
	}

	h.tap("Remove")
	h.tap("Remove") // the confirmation
	if n := len(h.storedRaises(item.ID)); n != 0 {
		t.Fatalf("after the removal the store holds %d raises", n)
	}
	h.shortcut(&fyne.ShortcutUndo{})
	h.settle()
	raises = h.storedRaises(item.ID)
	if len(raises) != 1 || raises[0].Quote != "My eyes hurt when I work at night" || raises[0].SourceLink != "https://forum.example.com/t/7" {
		t.Fatalf("after Undo the store holds %+v", raises)
	}
	if !h.shows("“My eyes hurt when I work at night”") {
		t.Errorf("the detail does not show the words back: %q", h.screenTexts())
	}
}

// TestWordsFromAConversationKeepItsDayAndSource: the words recorded from a
// conversation start on its day, keep its time, and the detail names the
// conversation, which opens it.
func TestWordsFromAConversationKeepItsDayAndSource(t *testing.T) {
	var rec record
	var conv model.Conversation
	at := testNow.Add(-50 * time.Hour)
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		conv = mustConversation(st, model.Conversation{
			At: at, Channel: "call", Subject: "Docs call",
			Participants: []int64{ids["Amara Okafor"]},
		})
	}, model.Member{Name: "Amara Okafor"}))

	h.u.openConversation(conv.ID)
	h.settle()
	h.tap("Record feedback")
	f := h.feedbackForm()
	if len(f.quotes) != 1 || f.quotes[0].when.Text != at.Local().Format(dayFormat) {
		t.Fatalf("the words start on %q, want the conversation's day", f.quotes[0].when.Text)
	}
	h.typeIn(f.title, "Offline docs")
	f.quotes[0].quote.SetText("I read the docs on the train")
	f.save()
	h.settle()
	if h.u.form != nil {
		t.Fatalf("the form stays open: %q", h.screenTexts())
	}
	id := h.u.feedback.detail.id
	raises := h.storedRaises(id)
	if len(raises) != 1 || raises[0].ConversationID != conv.ID || !raises[0].Date.Equal(at) {
		t.Fatalf("the store holds %+v, want the conversation's words at its time", raises)
	}
	h.tap("Docs call")
	if h.u.screen == screenFeedback {
		t.Errorf("the conversation's name does not open it")
	}
}
