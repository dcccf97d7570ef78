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
	// undo takes the change back; it runs on Fyne's goroutine.
	undo func() error
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
	if u.members == nil || u.form != nil || len(u.undos) == 0 {
		return
	}
	e := u.undos[len(u.undos)-1]
	u.undos = u.undos[:len(u.undos)-1]
	u.undoBar.hide()
	u.refreshMenu()
	if err := e.undo(); err != nil {
		if !errors.Is(err, model.ErrNotFound) {
			u.undos = append(u.undos, e) // still undoable: Undo can try again
			u.refreshMenu()
		}
		u.showError(err)
		return
	}
	if e.undone != nil {
		e.undone()
	}
}

// forgetDeleted drops id from what Undo can bring back, once the member left the
// trash another way (restored or deleted forever).
func (u *UI) forgetDeleted(id int64) {
	for i := len(u.undos) - 1; i >= 0; i-- {
		if u.undos[i].memberID == id {
			last := i == len(u.undos)-1
			u.undos = append(u.undos[:i], u.undos[i+1:]...)
			if last {
				u.undoBar.hide()
			}
		}
	}
	u.refreshMenu()
}

// trashMember moves m to the trash and offers to undo it.
func (u *UI) trashMember(m model.Member) {
	if err := u.st.TrashMember(u.ctx(), m.ID); err != nil {
		u.showError(err)
		return
	}
	u.members.removed(m.ID)
	u.trash.reload()
	u.recordChanged()
	u.pushUndo(undoEntry{
		menu:     fmt.Sprintf("Undo delete of %s", m.Name),
		message:  fmt.Sprintf("%s was moved to the trash.", m.Name),
		memberID: m.ID,
		undo:     func() error { return u.st.RestoreMember(u.ctx(), m.ID) },
		undone: func() {
			u.trash.removed(m.ID)
			u.goToMembers()
			u.members.showSaved(m)
			u.recordChanged()
		},
	})
}
