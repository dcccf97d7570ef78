package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
	"rapport/storage"
)

// teamsDialog is the teams dialog open now.
func (h *harness) teamsDialog() *teamsDialog {
	h.t.Helper()
	d, ok := h.u.form.(*teamsDialog)
	if !ok {
		h.t.Fatalf("no teams dialog is open (form = %T)", h.u.form)
	}
	return d
}

// storedTeam reads the team called name from the record.
func (h *harness) storedTeam(name string) (model.ProductTeam, bool) {
	h.t.Helper()
	teams, err := h.st.Teams(context.Background(), true)
	if err != nil {
		h.t.Fatal(err)
	}
	for _, t := range teams {
		if t.Name == name {
			return t, true
		}
	}
	return model.ProductTeam{}, false
}

// tapInRow taps the button labelled text on the teams list's row for team.
func (h *harness) tapInRow(d *teamsDialog, team, text string) {
	h.t.Helper()
	for i, t := range d.teams {
		if t.Name != team {
			continue
		}
		var found bool
		walkVisible(d.list.Objects[i], func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == text && !found {
				found = true
				test.Tap(b)
			}
		})
		if !found {
			h.t.Fatalf("the row of %s has no button %q", team, text)
		}
		h.settle()
		return
	}
	h.t.Fatalf("the teams dialog lists no %s", team)
}

func TestTeamsDialogAddsEditsArchivesAndDeletes(t *testing.T) {
	var rec record
	h := newHarness(t, seedDaily(&rec, func(ctx context.Context, st *storage.Store, _ map[string]int64) {
		docs := model.ProductTeam{Name: "Docs"}
		if err := st.CreateTeam(ctx, &docs); err != nil {
			panic(err)
		}
		mustFeedback(st, model.Feedback{Title: "Offline docs", Kind: model.KindIdea, TeamID: docs.ID})
	}, model.Member{Name: "Amara Okafor"}))
	h.u.goTo(screenFeedback)
	h.settle()
	h.tap("Teams…")
	d := h.teamsDialog()
	if !h.shows("Docs") {
		t.Fatalf("the dialog does not list Docs: %q", h.screenTexts())
	}

	// Add a team; a reach that is neither link nor email is refused in place.
	h.tap("Add a team")
	h.typeIn(d.name, "QA")
	h.typeIn(d.reach, "#qa on Matrix")
	h.tap("Save team")
	if p := d.fields[model.FieldReach].problem; !strings.Contains(p, "neither a web address nor an email address") {
		t.Fatalf("the reach field says %q", p)
	}
	if _, ok := h.storedTeam("QA"); ok {
		t.Fatal("a team with a wrong reach was stored")
	}
	d.reach.SetText("qa@example.org")
	h.tap("Save team")
	qa, ok := h.storedTeam("QA")
	if !ok || qa.Reach != "qa@example.org" {
		t.Fatalf("the team added is %+v (found %v)", qa, ok)
	}

	// Edit its contact.
	h.tapInRow(d, "QA", "Edit")
	d.contact.SetText("Noor Haddad")
	h.tap("Save team")
	if qa, _ = h.storedTeam("QA"); qa.Contact != "Noor Haddad" || qa.Reach != "qa@example.org" {
		t.Fatalf("after the edit the team is %+v", qa)
	}
	if !h.shows("Noor Haddad · qa@example.org") {
		t.Errorf("the list does not show the new contact: %q", h.screenTexts())
	}

	// Archive it.
	h.tapInRow(d, "QA", "Archive")
	if qa, _ = h.storedTeam("QA"); !qa.Archived() {
		t.Fatal("the store does not say QA is archived")
	}
	if !h.shows("QA (archived)") {
		t.Errorf("the list does not show QA as archived: %q", h.screenTexts())
	}

	// Deleting a team with feedback is refused, saying to archive it.
	h.tapInRow(d, "Docs", "Delete")
	h.tap("Delete team")
	if !strings.Contains(d.problem.Text, "archive the team instead") || !d.problem.Visible() {
		t.Errorf("the refusal shows %q", d.problem.Text)
	}
	if _, ok := h.storedTeam("Docs"); !ok {
		t.Fatal("Docs was deleted though feedback points at it")
	}

	// A team no feedback points at goes.
	h.tapInRow(d, "QA", "Delete")
	h.tap("Delete team")
	if _, ok := h.storedTeam("QA"); ok {
		t.Fatal("QA is still in the record")
	}
	if h.shows("QA (archived)") {
		t.Error("the list still shows QA")
	}
	h.tap("Close")
	if h.u.form != nil {
		t.Errorf("the dialog is still the form open: %T", h.u.form)
	}
}
