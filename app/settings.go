package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// settingsForm changes who the manager is and the keep-in-touch defaults: the
// record's and each tag's.
type settingsForm struct {
	u        *UI
	dlg      *dialog.CustomDialog
	name     *formEntry
	days     *formEntry
	nameMsg  *formField
	daysMsg  *formField
	tags     []*tagCadenceRow
	remind   *widget.Check
	finished bool
}

// tagCadenceRow is one tag's default cadence in the settings; was is what the
// record holds, 0 for none.
type tagCadenceRow struct {
	tag  string
	was  int
	days *formEntry
	msg  *formField
}

// tagRowsMaxHeight is as tall as the tag defaults grow before they scroll.
const tagRowsMaxHeight = 220

func (u *UI) showSettings() {
	if u.nav == nil || u.form != nil {
		return
	}
	f := &settingsForm{u: u}
	f.name = newFormEntry(false, "The name your community knows you by")
	f.name.SetText(u.me.Name)
	f.days = newFormEntry(false, "")
	f.days.SetText(strconv.Itoa(u.settings.DefaultCadenceDays))
	for _, e := range []*formEntry{f.name, f.days} {
		e.onSave, e.onCancel = f.save, f.cancel
	}
	f.nameMsg = newFormField("Your name", "Stamps the members you add from now on.", f.name)
	f.daysMsg = newFormField("Keep in touch", "For members without a cadence of their own.", f.days)
	f.name.onLeave = func() { f.nameMsg.setProblem(nameProblem(f.name.Text)) }
	f.days.onLeave = func() { f.daysMsg.setProblem(defaultDaysProblem(f.days.Text)) }
	f.name.OnChanged = func(s string) {
		if f.nameMsg.problem != "" {
			f.nameMsg.setProblem(nameProblem(s))
		}
	}
	f.days.OnChanged = func(s string) {
		if f.daysMsg.problem != "" {
			f.daysMsg.setProblem(defaultDaysProblem(s))
		}
	}

	tagPart := f.tagCadences()

	f.remind = widget.NewCheck("Remind me when a promise falls due", nil)
	f.remind.Checked = u.reminders.enabled()

	days := container.NewHBox(container.NewGridWrap(fyne.NewSize(120, f.days.MinSize().Height), f.days), widget.NewLabel("days"))
	grid := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle("Your name", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewVBox(f.name, f.nameMsg.view()),
		widget.NewLabelWithStyle("Keep in touch every", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewVBox(days, f.daysMsg.view()),
		widget.NewLabelWithStyle("Keep in touch by tag", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		tagPart,
		widget.NewLabelWithStyle("Reminders", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewVBox(f.remind, quietCaption(fmt.Sprintf("A desktop notification at %d:00 on the day a promise is due.", reminderHour))),
	)
	f.dlg = dialog.NewCustomWithoutButtons("Settings", grid, u.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.cancel)
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), f.save)
	save.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	f.dlg.Resize(fyne.NewSize(520, f.dlg.MinSize().Height))
	u.showDialogForm(f, f.dlg, nil)
	u.win.Canvas().Focus(f.name)
}

// tagCadences makes a row for each tag in use, with the default it carries,
// and lays them out, scrolling when there are many.
func (f *settingsForm) tagCadences() fyne.CanvasObject {
	u := f.u
	hint := "For members without a cadence of their own; the shortest among a member's tags applies. Empty means no default."
	tags, err := u.st.Tags(u.ctx())
	if err != nil {
		u.showError(err)
		return quietCaption("The tags could not be read.")
	}
	if len(tags) == 0 {
		return quietCaption("Once members have tags, each tag can have a default here.")
	}
	cadences, err := u.st.TagCadences(u.ctx())
	if err != nil {
		u.showError(err)
		return quietCaption("The tag defaults could not be read.")
	}
	rows := container.New(layout.NewFormLayout())
	for _, tag := range tags {
		r := &tagCadenceRow{tag: tag, was: tagCadence(cadences, tag)}
		r.days = newFormEntry(false, "none")
		if r.was > 0 {
			r.days.SetText(strconv.Itoa(r.was))
		}
		r.days.onSave, r.days.onCancel = f.save, f.cancel
		r.msg = newFormField("The "+tag+" default", "", r.days)
		r.days.onLeave = func() { r.msg.setProblem(tagDaysProblem(r.days.Text)) }
		r.days.OnChanged = func(s string) {
			if r.msg.problem != "" {
				r.msg.setProblem(tagDaysProblem(s))
			}
		}
		entry := container.NewHBox(container.NewGridWrap(fyne.NewSize(120, r.days.MinSize().Height), r.days), widget.NewLabel("days"))
		rows.Add(widget.NewLabelWithStyle(tag, fyne.TextAlignTrailing, fyne.TextStyle{}))
		rows.Add(container.NewVBox(entry, r.msg.view()))
		f.tags = append(f.tags, r)
	}
	scroll := container.NewVScroll(rows)
	scroll.SetMinSize(fyne.NewSize(0, min(rows.MinSize().Height, tagRowsMaxHeight)))
	return container.NewVBox(quietCaption(hint), scroll)
}

// tagCadence is the default the tag carries in cadences, 0 for none; tags
// compare without case, as the record compares them.
func tagCadence(cadences map[string]int, tag string) int {
	if days, ok := cadences[tag]; ok {
		return days
	}
	for name, days := range cadences {
		if strings.EqualFold(name, tag) {
			return days
		}
	}
	return 0
}

// tagDaysProblem checks a tag's default: empty for none, else days.
func tagDaysProblem(s string) string {
	_, problem := parseTagDays(s)
	return problem
}

// parseTagDays reads a tag's default, 0 for none, and what is wrong with it.
func parseTagDays(s string) (int, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, ""
	}
	days, err := strconv.Atoi(s)
	if err != nil {
		return 0, "needs a number of days, or nothing for no default"
	}
	if err := model.CheckCadence(days, false); err != nil {
		return 0, err.Error()
	}
	return days, ""
}

func nameProblem(s string) string {
	if strings.TrimSpace(s) == "" {
		return "is required"
	}
	return ""
}

func defaultDaysProblem(s string) string {
	days, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return "needs a number of days"
	}
	if err := model.CheckCadence(days, false); err != nil {
		return err.Error()
	}
	return ""
}

func (f *settingsForm) save() {
	if f.finished {
		return
	}
	nameProb, daysProb := nameProblem(f.name.Text), defaultDaysProblem(f.days.Text)
	f.nameMsg.setProblem(nameProb)
	f.daysMsg.setProblem(daysProb)
	var firstBad fyne.Focusable
	switch {
	case nameProb != "":
		firstBad = f.name
	case daysProb != "":
		firstBad = f.days
	}
	for _, r := range f.tags {
		prob := tagDaysProblem(r.days.Text)
		r.msg.setProblem(prob)
		if prob != "" && firstBad == nil {
			firstBad = r.days
		}
	}
	if firstBad != nil {
		f.u.win.Canvas().Focus(firstBad)
		return
	}
	u := f.u
	name := strings.TrimSpace(f.name.Text)
	if name != u.me.Name {
		me, err := u.st.SetMe(u.ctx(), name)
		if !f.accepted(err) {
			return
		}
		u.me = me
	}
	days, _ := strconv.Atoi(strings.TrimSpace(f.days.Text))
	if days != u.settings.DefaultCadenceDays {
		s := u.settings
		s.DefaultCadenceDays = days
		if !f.accepted(u.st.SetSettings(u.ctx(), s)) {
			return
		}
		u.settings = s
		if u.members != nil {
			u.members.refreshDetail()
		}
	}
	tagsChanged := false
	for _, r := range f.tags {
		days, _ := parseTagDays(r.days.Text)
		if days == r.was {
			continue
		}
		if err := u.st.SetTagCadence(u.ctx(), r.tag, days); err != nil {
			if tagsChanged {
				u.tagDefaultsChanged()
			}
			var ve model.ValidationError
			if errors.As(err, &ve) {
				problem := ve.Problem(model.FieldCadence)
				if problem == "" {
					problem = ve.Error()
				}
				r.msg.setProblem(problem)
				u.win.Canvas().Focus(r.days)
			} else {
				u.showError(err)
			}
			return
		}
		r.was, tagsChanged = days, true
	}
	if tagsChanged {
		u.tagDefaultsChanged()
	}
	if f.remind.Checked != u.reminders.enabled() {
		u.reminders.setEnabled(f.remind.Checked)
	}
	f.finished = true
	f.dlg.Hide()
}

// accepted reports whether the record took the change, and shows what it said otherwise.
func (f *settingsForm) accepted(err error) bool {
	var ve model.ValidationError
	switch {
	case errors.As(err, &ve):
		f.nameMsg.setProblem(ve.Problem(model.FieldManagerName))
		f.daysMsg.setProblem(ve.Problem(model.FieldDefaultDays))
		return false
	case err != nil:
		f.u.showError(err)
		return false
	}
	return true
}

func (f *settingsForm) cancel() {
	f.finished = true
	f.dlg.Hide()
}

// tagDefaultsChanged brings what follows the tags' defaults up to date: the
// members' check-ins moved with them.
func (u *UI) tagDefaultsChanged() {
	u.loadTagCadences()
	u.recordChanged()
}

// loadTagCadences reads the tags' default cadences, for the detail to say
// which default applies to a member.
func (u *UI) loadTagCadences() {
	u.tagCadences = nil
	tags, err := u.st.TagCadences(u.ctx())
	if err != nil {
		u.showError(err)
		return
	}
	u.tagCadences = tags
}
