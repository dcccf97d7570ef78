package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// checkTakeOver asks, once a record shows, whether it came from a handoff
// nobody took over yet; if so the new manager is asked their name.
func (u *UI) checkTakeOver() {
	u.background(func(ctx context.Context, st Store) func() {
		h, err := st.PendingTakeOver(ctx)
		return func() {
			switch {
			case errors.Is(err, model.ErrNotFound):
			case err != nil:
				u.showError(err)
			default:
				showTakeOver(u, h)
			}
		}
	})
}

// takeOverForm asks who takes the record over from the handoff's author.
type takeOverForm struct {
	u        *UI
	h        model.Handoff
	dlg      *dialog.CustomDialog
	name     *formEntry
	nameMsg  *formField
	finished bool
}

func showTakeOver(u *UI, h model.Handoff) *takeOverForm {
	if u.form != nil {
		u.form.cancel()
	}
	f := &takeOverForm{u: u, h: h}
	f.name = newFormEntry(false, "The name your community knows you by")
	f.name.SetText(h.To)
	f.name.onSave, f.name.onCancel = f.save, f.cancel
	f.nameMsg = newFormField("Your name", "You become the manager using this record. Past conversations still say who handled them.", f.name)
	f.name.OnChanged = func(s string) {
		if f.nameMsg.problem != "" && strings.TrimSpace(s) != "" {
			f.nameMsg.setProblem("")
		}
	}
	when := ""
	if !h.FinishedAt.IsZero() {
		when = " on " + formatDate(h.FinishedAt)
	} else if !h.Date.IsZero() {
		when = " as of " + formatDate(h.Date)
	}
	intro := wrapLabel(fmt.Sprintf("%s handed this record over%s. Who is taking over as community manager?", h.From, when))
	content := container.NewVBox(intro,
		widget.NewLabelWithStyle("Your name", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		f.name, f.nameMsg.view())
	f.dlg = dialog.NewCustomWithoutButtons("Taking over from "+h.From, content, u.win)
	later := widget.NewButtonWithIcon("Later", theme.CancelIcon(), f.cancel)
	take := widget.NewButtonWithIcon("Take over", theme.ConfirmIcon(), f.save)
	take.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{later, take})
	f.dlg.Resize(fyne.NewSize(520, f.dlg.MinSize().Height))
	u.showDialogForm(f, f.dlg, nil)
	u.win.Canvas().Focus(f.name)
	return f
}

// save makes the name typed the manager, then offers the promises.
func (f *takeOverForm) save() {
	if f.finished {
		return
	}
	name := strings.TrimSpace(f.name.Text)
	if name == "" {
		f.nameMsg.setProblem("is required")
		f.u.win.Canvas().Focus(f.name)
		return
	}
	me, err := f.u.st.TakeOver(f.u.ctx(), name)
	var ve model.ValidationError
	if errors.As(err, &ve) {
		f.nameMsg.setProblem(ve.Problem(model.FieldManagerName))
		return
	}
	if err != nil {
		f.u.showError(err)
		return
	}
	f.finished = true
	f.dlg.Hide()
	f.u.me = me
	f.u.recordChanged()
	f.u.offerReassign(f.h.From, me.Name)
}

// cancel leaves the question for the next time the record opens.
func (f *takeOverForm) cancel() {
	f.finished = true
	f.dlg.Hide()
}

// offerReassign counts the open promises from still owns and offers to give
// them to the new manager in one step.
func (u *UI) offerReassign(from, to string) {
	u.background(func(ctx context.Context, st Store) func() {
		n, err := st.PromisesOwnedBy(ctx, from)
		return func() {
			if err != nil {
				u.showError(err)
				return
			}
			if n == 0 {
				dialog.ShowInformation("Welcome, "+to, fmt.Sprintf("You now keep this record. %s left no open promise to carry on.", from), u.win)
				return
			}
			d := dialog.NewConfirm("Welcome, "+to,
				fmt.Sprintf("You now keep this record. %s still owns %s.", from, model.Plural(n, "open promise or follow-up", "open promises and follow-ups")),
				func(ok bool) {
					if ok {
						u.reassignPromises(from)
					}
				}, u.win)
			d.SetConfirmText(fmt.Sprintf("Reassign %s from %s to you", model.Plural(n, "open promise", "open promises"), from))
			d.SetDismissText("Not now")
			d.Show()
		}
	})
}

// reassignPromises gives from's open promises to the manager, as one step.
func (u *UI) reassignPromises(from string) {
	n, err := u.st.ReassignPromises(u.ctx(), from)
	if err != nil {
		u.showError(err)
		return
	}
	u.recordChanged()
	dialog.ShowInformation("Promises reassigned",
		fmt.Sprintf("%s moved from %s to you. They are recorded as reassigned; the conversations still say who had them.", capitalize(model.Plural(n, "open promise", "open promises")), from), u.win)
}
