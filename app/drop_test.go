package app

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"rapport/model"
	"rapport/storage"
)

// A follow-up that is no longer needed is dropped from Today, not deleted: the
// record keeps it as dropped, and Undo brings it back.
func TestDropAFollowUpFromToday(t *testing.T) {
	rec := &record{}
	var fu model.FollowUp
	h := newHarness(t, seedDaily(rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		fu = mustFollowUp(st, model.FollowUp{What: "Ask Chen about the release date", Due: testNow.AddDate(0, 0, -1),
			Members: []int64{ids["Chen Wei"]}})
	}, community()...))
	const title = "Late: Ask Chen about the release date"
	if !slices.Contains(h.todayTitles(), title) {
		t.Fatalf("Today holds %q, want the late follow-up", h.todayTitles())
	}
	v := h.todayRowView("Ask Chen about the release date")
	test.Tap(v.snoozeBtn)
	h.tapMenuItem("Drop it: no longer needed")
	got, err := h.st.FollowUp(context.Background(), fu.ID)
	if err != nil || got.Status != model.FollowUpDropped || got.StatusChangedAt.IsZero() {
		t.Fatalf("the follow-up is %q changed %v (err %v), want dropped with a time", got.Status, got.StatusChangedAt, err)
	}
	if slices.Contains(h.todayTitles(), title) {
		t.Errorf("the dropped follow-up stays on Today: %q", h.todayTitles())
	}
	h.shortcut(&fyne.ShortcutUndo{})
	if got, _ := h.st.FollowUp(context.Background(), fu.ID); got.Status != model.FollowUpOpen {
		t.Errorf("after Undo the follow-up is %q, want open", got.Status)
	}
}
