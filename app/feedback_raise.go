package app

import (
	"fmt"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// raiseEditForm changes one member's words of an item: the quote, when they
// said it and the link to where.
type raiseEditForm struct {
	u     *UI
	dlg   *dialog.CustomDialog
	done  bool
	raise model.Raise
	row   *quoteRow
}

// editRaise opens the form to change r.
func (u *UI) editRaise(r model.RaiseItem) {
	if u.form != nil {
		return
	}
	showRaiseEditForm(u, r)
}

func showRaiseEditForm(u *UI, r model.RaiseItem) *raiseEditForm {
	f := &raiseEditForm{u: u, raise: r.Raise}
	f.row = newQuoteRow(pickedMember{ID: r.MemberID, Name: r.Name}, r.Date, f.save, f.cancel)
	f.row.quote.SetText(r.Quote)
	f.row.link.SetText(r.SourceLink)
	content := container.NewVScroll(container.NewPadded(f.row.view(r.Name, r.ConversationID != 0)))
	f.dlg = dialog.NewCustomWithoutButtons("Edit their words", content, u.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.cancel)
	saveBtn := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), f.save)
	saveBtn.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, saveBtn})
	size := u.win.Canvas().Size()
	f.dlg.Resize(fyne.NewSize(fyne.Max(fyne.Min(600, size.Width-40), 380), fyne.Max(fyne.Min(420, size.Height-40), 300)))
	u.showDialogForm(f, f.dlg, nil)
	u.win.Canvas().Focus(f.row.quote)
	return f
}

func (f *raiseEditForm) save() {
	if f.done {
		return
	}
	r, ok := f.row.raise(f.u.now(), f.raise.ConversationID)
	if !ok {
		return
	}
	r.ID, r.FeedbackID, r.ToldAt, r.CreatedAt = f.raise.ID, f.raise.FeedbackID, f.raise.ToldAt, f.raise.CreatedAt
	if err := f.u.st.UpdateRaise(f.u.ctx(), &r); err != nil {
		f.u.showError(err)
		return
	}
	f.done = true
	f.dlg.Hide()
	f.u.feedbackChanged(r.FeedbackID)
}

func (f *raiseEditForm) cancel() {
	f.done = true
	f.dlg.Hide()
}

// confirmRemoveRaise asks before removing r's words from their item.
func (u *UI) confirmRemoveRaise(r model.RaiseItem) {
	c := dialog.NewConfirm("Remove these words?",
		fmt.Sprintf("%s's words “%s” leave the item; Undo brings them back.", r.Name, excerpt(r.Quote, 60)),
		func(ok bool) {
			if ok {
				u.removeRaise(r)
			}
		}, u.win)
	c.SetConfirmText("Remove")
	c.Show()
}

// removeRaise removes r and offers to undo it, adding the same words back.
func (u *UI) removeRaise(r model.RaiseItem) {
	if err := u.st.RemoveRaise(u.ctx(), r.ID); err != nil {
		u.showError(err)
		return
	}
	u.feedbackChanged(r.FeedbackID)
	what := excerpt(r.Quote, 40)
	u.pushUndo(undoEntry{
		menu:    fmt.Sprintf("Undo removal of “%s”", what),
		message: fmt.Sprintf("%s's words “%s” were removed.", r.Name, what),
		undo: func() error {
			back := r.Raise
			back.ID = 0
			return u.st.AddRaise(u.ctx(), &back)
		},
		undone: func() { u.feedbackChanged(r.FeedbackID) },
	})
}

// raiseSource is where r was said, for the item's detail: the conversation
// (titled title), which it opens, or the link.
func (u *UI) raiseSource(r model.RaiseItem, title string) fyne.CanvasObject {
	if r.ConversationID != 0 {
		if title == "" {
			title = "a conversation"
		}
		b := widget.NewButtonWithIcon(excerpt(title, 60), theme.MailComposeIcon(), func() { u.openConversation(r.ConversationID) })
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	if link, err := url.Parse(r.SourceLink); err == nil && r.SourceLink != "" {
		h := widget.NewHyperlink(r.SourceLink, link)
		h.Wrapping = fyne.TextWrapBreak
		return h
	}
	return nil
}
