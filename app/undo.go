package app

import (
	"errors"
	"fmt"

	"rapport/model"
)

// undoEntry is one change the user can take back with Undo: a member moved to
// the trash, a promise marked done, a member snoozed, a conversation deleted.
type undoEntry struct {
	// menu is how Edit › Undo names it; message is what the bar says.
	menu, message string
	// memberID is the member a move to the trash was about, so that the entry
	// goes once they leave the trash another way; 0 for other changes.
	memberID int64
	// importBatch is the import an entry takes back; 0 for other changes.
	importBatch int64
	// undo takes the change back; it runs on Fyne's goroutine, unless
	// progress is set.
	undo func() error
	// progress, when set, says what undo does: it may take a while, so it
	// runs in the background with a progress bar.
	progress string
	// undone shows the screens as they are again once undo worked.
	undone func()
}

// pushUndo offers to take back a change just made.
func (u *UI) pushUndo(e undoEntry) {
	u.undos = append(u.undos, e)
	u.undoBar.show(e.message)
	u.refreshMenu()
}

// lastUndo is the change Undo would take back.
func (u *UI) lastUndo() (undoEntry, bool) {
	if len(u.undos) == 0 {
		return undoEntry{}, false
	}
	return u.undos[len(u.undos)-1], true
}

// undoLast takes back the latest change still on the stack.
func (u *UI) undoLast() {
	if u.nav == nil || u.form != nil || u.undoing || len(u.undos) == 0 {
		return
	}
	e := u.undos[len(u.undos)-1]
	u.undos = u.undos[:len(u.undos)-1]
	u.undoBar.hide()
	u.refreshMenu()
	u.runUndo(e, true)
}

// runUndo takes e back, on Fyne's goroutine or, when e says what it does, in
// the background. Should it fail, an entry taken off the stack goes back on
// it (Undo can try again), unless what it would undo is gone.
func (u *UI) runUndo(e undoEntry, fromStack bool) {
	finish := func(err error) {
		if err != nil {
			if fromStack && !errors.Is(err, model.ErrNotFound) {
				u.undos = append(u.undos, e)
				u.refreshMenu()
			}
			u.showError(err)
			return
		}
		if e.undone != nil {
			e.undone()
		}
	}
	if e.progress == "" {
		finish(e.undo())
		return
	}
	u.undoing = true
	prog := u.startProgress("Undo", e.progress, nil)
	st := u.st
	u.goDo(func() func() {
		err := e.undo()
		return func() {
			u.undoing = false
			prog.finish()
			if u.st == st {
				finish(err)
			}
		}
	})
}

// forgetUndo drops the entries drop picks from what Undo can take back.
func (u *UI) forgetUndo(drop func(undoEntry) bool) {
	for i := len(u.undos) - 1; i >= 0; i-- {
		if drop(u.undos[i]) {
			if i == len(u.undos)-1 {
				u.undoBar.hide()
			}
			u.undos = append(u.undos[:i], u.undos[i+1:]...)
		}
	}
	u.refreshMenu()
}

// forgetDeleted drops id from what Undo can bring back, once the member left the
// trash another way (restored or deleted forever).
func (u *UI) forgetDeleted(id int64) {
	u.forgetUndo(func(e undoEntry) bool { return e.memberID == id })
}

// trashMember moves m to the trash and offers to undo it.
func (u *UI) trashMember(m model.Member) {
	if err := u.st.TrashMember(u.ctx(), m.ID); err != nil {
		u.showError(err)
		return
	}
	if u.members != nil {
		u.members.removed(m.ID)
	}
	if u.trash != nil {
		u.trash.reload()
	}
	u.recordChanged()
	u.pushUndo(undoEntry{
		menu:     fmt.Sprintf("Undo delete of %s", m.Name),
		message:  fmt.Sprintf("%s was moved to the trash.", m.Name),
		memberID: m.ID,
		undo:     func() error { return u.st.RestoreMember(u.ctx(), m.ID) },
		undone: func() {
			if u.trash != nil {
				u.trash.removed(m.ID)
			}
			u.goToMembers()
			u.build(screenMembers)
			u.members.showSaved(m)
			u.recordChanged()
		},
	})
}
