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

// settingsForm changes who the manager is and the default keep-in-touch cadence.
type settingsForm struct {
	u        *UI
	dlg      *dialog.CustomDialog
	name     *formEntry
	days     *formEntry
	nameMsg  *formField
	daysMsg  *formField
	remind   *widget.Check
	finished bool
}

func (u *UI) showSettings() {
	if u.members == nil || u.form != nil {
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

	f.remind = widget.NewCheck("Remind me when a promise falls due", nil)
	f.remind.Checked = u.reminders.enabled()

	days := container.NewHBox(container.NewGridWrap(fyne.NewSize(120, f.days.MinSize().Height), f.days), widget.NewLabel("days"))
	grid := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle("Your name", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewVBox(f.name, f.nameMsg.view()),
		widget.NewLabelWithStyle("Keep in touch every", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewVBox(days, f.daysMsg.view()),
		widget.NewLabelWithStyle("Reminders", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewVBox(f.remind, quiet(captionLabelText(fmt.Sprintf("A desktop notification at %d:00 on the day a promise is due.", reminderHour)))),
	)
	f.dlg = dialog.NewCustomWithoutButtons("Settings", grid, u.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.cancel)
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), f.save)
	save.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	f.dlg.SetOnClosed(func() {
		if u.form == dialogForm(f) {
			u.form = nil
		}
	})
	f.dlg.Resize(fyne.NewSize(520, f.dlg.MinSize().Height))
	u.form = f
	f.dlg.Show()
	u.win.Canvas().Focus(f.name)
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
	if nameProb != "" || daysProb != "" {
		if nameProb != "" {
			f.u.win.Canvas().Focus(f.name)
		} else {
			f.u.win.Canvas().Focus(f.days)
		}
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
		u.members.refreshDetail()
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
