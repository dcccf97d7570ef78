package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"

	"rapport/model"
)

// tagRow finds the settings row for tag; it fails the test when there is none.
func tagRow(t *testing.T, f *settingsForm, tag string) *tagCadenceRow {
	t.Helper()
	for _, r := range f.tags {
		if r.tag == tag {
			return r
		}
	}
	t.Fatalf("the settings have no row for the tag %q", tag)
	return nil
}

func tagMembers() []model.Member {
	return []model.Member{
		{Name: "Amara Okafor", Tags: []string{"maintainer", "docs"}},
		{Name: "Bo Lindqvist", Tags: []string{"newcomer"}},
	}
}

func TestSettingsSetTagDefault(t *testing.T) {
	h := newHarness(t, withMe("Sam", tagMembers()...))
	ctx := context.Background()
	h.showMembers()
	h.u.members.open(h.memberID("Bo Lindqvist"))
	h.settle()
	if !h.shows("every 90 days (record default)") {
		t.Fatalf("the detail does not say the record's default applies; it shows %q", h.screenTexts())
	}
	h.u.showSettings()
	f := h.u.form.(*settingsForm)
	if len(f.tags) != 3 {
		t.Fatalf("the settings show %d tag rows, want one for each of the 3 tags in use", len(f.tags))
	}
	h.typeIn(tagRow(t, f, "newcomer").days, "14")
	h.key(fyne.KeyReturn)
	if h.u.form != nil {
		t.Fatalf("the settings stayed open after a good save; the screen shows %q", h.screenTexts())
	}
	got, err := h.st.TagCadences(ctx)
	if err != nil || len(got) != 1 || got["newcomer"] != 14 {
		t.Fatalf("stored tag defaults = %v (err %v), want newcomer: 14", got, err)
	}
	if !h.shows("every 14 days (newcomer default)") {
		t.Errorf("the detail does not follow the tag's default; it shows %q", h.screenTexts())
	}

	// The dialog shows what the record holds, and emptying a row takes it away.
	h.u.showSettings()
	f = h.u.form.(*settingsForm)
	r := tagRow(t, f, "newcomer")
	if r.days.Text != "14" {
		t.Errorf("the newcomer row shows %q, want 14", r.days.Text)
	}
	r.days.SetText("")
	h.typeIn(tagRow(t, f, "docs").days, "45")
	h.key(fyne.KeyReturn)
	if got, err := h.st.TagCadences(ctx); err != nil || len(got) != 1 || got["docs"] != 45 {
		t.Errorf("stored tag defaults = %v (err %v), want docs: 45 alone", got, err)
	}
}

func TestSettingsRefusesBadTagDefault(t *testing.T) {
	h := newHarness(t, withMe("Sam", tagMembers()...))
	ctx := context.Background()
	h.u.showSettings()
	f := h.u.form.(*settingsForm)
	f.days.SetText("30")
	h.typeIn(tagRow(t, f, "docs").days, "20")
	h.typeIn(tagRow(t, f, "newcomer").days, "0")
	h.key(fyne.KeyReturn)
	if h.u.form == nil || !h.shows("The newcomer default must be between 1 and 3650 days.") {
		t.Fatalf("a zero tag default was not refused next to its row; the screen shows %q", h.screenTexts())
	}
	tagRow(t, f, "newcomer").days.SetText("soon")
	h.u.win.Canvas().Focus(f.name)
	h.key(fyne.KeyReturn)
	if h.u.form == nil || !h.shows("The newcomer default needs a number of days, or nothing for no default.") {
		t.Fatalf("a tag default that is no number was not refused; the screen shows %q", h.screenTexts())
	}
	if got, err := h.st.TagCadences(ctx); err != nil || len(got) != 0 {
		t.Errorf("stored tag defaults = %v (err %v), want none", got, err)
	}
	if s, err := h.st.Settings(ctx); err != nil || s.DefaultCadenceDays != 90 {
		t.Errorf("stored default cadence = %d (err %v), want 90 still", s.DefaultCadenceDays, err)
	}
}

func TestSettingsTagRowsScroll(t *testing.T) {
	var ms []model.Member
	for _, tag := range []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "b1", "b2", "b3", "b4", "b5", "b6", "b7"} {
		ms = append(ms, model.Member{Name: "Member " + tag, Tags: []string{tag}})
	}
	h := newHarness(t, withMe("Sam", ms...))
	h.u.showSettings()
	f := h.u.form.(*settingsForm)
	if len(f.tags) != 16 {
		t.Fatalf("the settings show %d tag rows, want 16", len(f.tags))
	}
	if got := f.dlg.MinSize().Height; got > 700 {
		t.Errorf("with 16 tags the settings are %v tall; the rows should scroll", got)
	}
}
