package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"rapport/model"
	"rapport/storage"
	"rapport/storage/feedbackreport"
)

// testReports writes reports with the writers cmd/rapport wires into the
// window: storage/feedbackreport.
type testReports struct{}

var _ Reports = testReports{}

func (testReports) WriteFeedbackReport(w io.Writer, r model.FeedbackReport, format ReportFormat) error {
	switch format {
	case ReportMarkdown:
		return feedbackreport.Markdown(w, r)
	case ReportCSV:
		return feedbackreport.CSV(w, r)
	}
	return fmt.Errorf("cannot write a report as %q", format)
}

// TestFeedbackReportForATeam: the report form writes a team's report to the
// file picked, naming members, or numbering them once anonymised.
func TestFeedbackReportForATeam(t *testing.T) {
	var rec record
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		docs := model.ProductTeam{Name: "Docs"}
		if err := st.CreateTeam(ctx, &docs); err != nil {
			panic(err)
		}
		other := model.ProductTeam{Name: "Apps"}
		if err := st.CreateTeam(ctx, &other); err != nil {
			panic(err)
		}
		mustFeedback(st, model.Feedback{Title: "Offline docs", Kind: model.KindIdea, TeamID: docs.ID},
			model.Raise{MemberID: ids["Amara Okafor"], Quote: "I read on the train"})
		mustFeedback(st, model.Feedback{Title: "Faster sync", Kind: model.KindBug, TeamID: other.ID},
			model.Raise{MemberID: ids["Chen Wei"], Quote: "Sync takes ages"})
	}, model.Member{Name: "Amara Okafor", Emails: []string{"amara@example.org"}}, model.Member{Name: "Chen Wei"}))

	h.u.goTo(screenFeedback)
	h.settle()
	if h.u.feedback.report.Visible() {
		t.Fatal("Report for a team… shows before the UI has anything to write reports with")
	}
	h.u.SetReports(testReports{})
	h.settle()

	dir := t.TempDir()
	write := func(anonymise bool) string {
		t.Helper()
		h.tap("Report for a team…")
		f, ok := h.u.form.(*reportForm)
		if !ok {
			t.Fatalf("no report form is open (form = %T)", h.u.form)
		}
		if f.statuses[model.FeedbackDuplicate].Checked || !f.statuses[model.FeedbackNew].Checked {
			t.Errorf("the form starts with duplicate ticked or new not: want every status but duplicate")
		}
		save := h.button("Save…")
		for _, c := range f.statuses {
			c.SetChecked(false)
		}
		if !save.Disabled() {
			t.Error("Save… is enabled with no status ticked")
		}
		for st, c := range f.statuses {
			c.SetChecked(st != model.FeedbackDuplicate)
		}
		if save.Disabled() {
			t.Error("Save… stays disabled once statuses are ticked again")
		}
		f.team.SetSelected("Docs")
		f.anonymise.SetChecked(anonymise)
		o, ok := f.options()
		if !ok {
			t.Fatal("the form says its choices are incomplete")
		}
		f.cancel()
		h.settle()
		path := filepath.Join(dir, fmt.Sprintf("docs-%v.md", anonymise))
		h.u.reportTo(path, o)
		h.waitFor("the report", func() bool {
			_, err := os.Stat(path)
			return err == nil
		})
		h.settle()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	named := write(false)
	for _, want := range []string{"Offline docs", "Amara Okafor", "I read on the train"} {
		if !strings.Contains(named, want) {
			t.Errorf("the report lacks %q:\n%s", want, named)
		}
	}
	if strings.Contains(named, "Faster sync") {
		t.Errorf("the Docs report holds another team's item:\n%s", named)
	}

	anon := write(true)
	for _, gone := range []string{"Amara Okafor", "amara@example.org"} {
		if strings.Contains(anon, gone) {
			t.Errorf("the anonymised report holds %q:\n%s", gone, anon)
		}
	}
	if !strings.Contains(anon, "member 1") {
		t.Errorf("the anonymised report does not number the member:\n%s", anon)
	}
}

// TestDeleteFeedbackAndUndo: Delete in the item's detail takes it off the
// list, and Undo brings it back.
func TestDeleteFeedbackAndUndo(t *testing.T) {
	var rec record
	var item model.Feedback
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		item = mustFeedback(st, model.Feedback{Title: "Dark mode", Kind: model.KindIdea},
			model.Raise{MemberID: ids["Amara Okafor"], Quote: "My eyes hurt at night"})
	}, model.Member{Name: "Amara Okafor"}))

	h.u.openFeedback(item.ID)
	h.settle()
	if h.u.feedback.detail.id != item.ID {
		t.Fatalf("the detail shows item %d, want %d", h.u.feedback.detail.id, item.ID)
	}
	h.tap("Delete")
	h.settle()
	if n := h.u.feedback.pager.length(); n != 0 {
		t.Fatalf("the list holds %d items after the delete, want none", n)
	}
	if h.u.feedback.detail.id != 0 {
		t.Errorf("the detail still shows item %d after its delete", h.u.feedback.detail.id)
	}
	if _, err := h.u.st.Feedback(context.Background(), item.ID); err != nil {
		t.Fatalf("the deleted item cannot be read: %v", err)
	}

	h.shortcut(&fyne.ShortcutUndo{})
	h.settle()
	if n := h.u.feedback.pager.length(); n != 1 {
		t.Fatalf("the list holds %d items after Undo, want the item back", n)
	}
	if h.u.feedback.detail.id != item.ID {
		t.Errorf("after Undo the detail shows item %d, want %d", h.u.feedback.detail.id, item.ID)
	}
}
