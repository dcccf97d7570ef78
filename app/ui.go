// Package app is Rapport's desktop user interface, built with Fyne. It reads and
// writes the record only through the Store interface.
package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// UI is Rapport's main window and everything shown in it.
type UI struct {
	app  fyne.App
	win  fyne.Window
	open Opener
	// do runs f on Fyne's goroutine; background work reports through it.
	do   func(f func())
	jobs sync.WaitGroup

	st       Store
	me       model.Manager
	settings model.Settings
	closed   bool
	// errorShown holds the errors on screen now.
	errorShown map[string]bool

	// The main view; nil while the welcome screen shows.
	welcome *welcomeScreen
	nav     *widget.List
	members *membersScreen
	trash   *trashScreen
	undoBar *undoBar
	screen  int

	// deleted holds the members moved to the trash in this session, the latest
	// last, so that Undo can bring them back.
	deleted []model.Member
	// form is the form dialog open right now, if any; Esc and Ctrl+Enter reach it
	// even when none of its entries has the focus.
	form dialogForm
}

// dialogForm is a form shown in a dialog.
type dialogForm interface {
	save()
	cancel()
}

// Screens in the navigation, in order.
const (
	screenMembers = iota
	screenTrash
)

// NewUI builds the main window on a for the record st; open is used by File › New/Open record.
func NewUI(a fyne.App, st Store, open Opener) *UI {
	return newUI(a, st, open, fyne.Do)
}

func newUI(a fyne.App, st Store, open Opener, do func(func())) *UI {
	a.Settings().SetTheme(NewTheme())
	u := &UI{app: a, open: open, do: do}
	u.win = a.NewWindow("Rapport")
	u.win.SetMaster()
	u.win.Resize(fyne.NewSize(1100, 700))
	u.win.SetOnClosed(u.closeStore)
	u.addShortcuts()
	u.setStore(st)
	return u
}

// Window is the main window; cmd/rapport shows it with ShowAndRun.
func (u *UI) Window() fyne.Window { return u.win }

// ctx is the context of store calls made on behalf of the user.
func (u *UI) ctx() context.Context { return context.Background() }

// goDo runs work off Fyne's goroutine, then the function it returns on Fyne's
// goroutine, unless the window was closed meanwhile.
func (u *UI) goDo(work func() func()) {
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		done := work()
		u.do(func() {
			if done != nil && !u.closed {
				done()
			}
		})
	}()
}

// background runs work on the current record off Fyne's goroutine, then the
// function it returns on Fyne's goroutine, unless the record was replaced
// meanwhile (so that results never land in the wrong record's screens).
func (u *UI) background(work func(ctx context.Context, st Store) func()) {
	st := u.st
	u.goDo(func() func() {
		done := work(u.ctx(), st)
		return func() {
			if done != nil && u.st == st {
				done()
			}
		}
	})
}

// showError tells the user what went wrong; nothing they typed is dropped.
// The same error, when several background reads meet it at once, is shown once.
func (u *UI) showError(err error) {
	if err == nil || u.closed || u.errorShown[err.Error()] {
		return
	}
	msg := err.Error()
	if u.errorShown == nil {
		u.errorShown = map[string]bool{}
	}
	u.errorShown[msg] = true
	d := dialog.NewError(err, u.win)
	d.SetOnClosed(func() { delete(u.errorShown, msg) })
	d.Show()
}

// recordName is the record's file name without its extension.
func recordName(path string) string {
	base := filepath.Base(path)
	if name := strings.TrimSuffix(base, filepath.Ext(base)); name != "" {
		return name
	}
	return base
}

// setStore shows the record st: the welcome screen when nobody has said who
// they are yet, else the main view.
func (u *UI) setStore(st Store) {
	u.st = st
	u.deleted = nil
	u.welcome, u.nav, u.members, u.trash, u.undoBar = nil, nil, nil, nil, nil
	u.win.SetTitle("Rapport — " + recordName(st.Path()))
	u.rememberRecent(st.Path())

	u.settings = model.DefaultSettings
	if s, err := st.Settings(u.ctx()); err != nil {
		u.showError(err)
	} else {
		u.settings = s
	}
	me, err := st.Me(u.ctx())
	switch {
	case errors.Is(err, model.ErrNotFound):
		u.showWelcome()
		return
	case err != nil:
		u.showError(err)
	}
	u.me = me
	u.showMain()
}

// switchStore replaces the record shown by st and closes the previous one.
func (u *UI) switchStore(st Store) {
	old := u.st
	if u.form != nil {
		u.form.cancel()
	}
	u.setStore(st)
	if old != nil {
		if err := old.Close(); err != nil {
			u.showError(fmt.Errorf("closing %s: %w", old.Path(), err))
		}
	}
}

// closeStore closes the record when the window goes away.
func (u *UI) closeStore() {
	if u.closed {
		return
	}
	u.closed = true
	if u.st != nil {
		_ = u.st.Close()
	}
}

func (u *UI) quit() {
	u.closeStore()
	u.app.Quit()
}

func (u *UI) showWelcome() {
	u.welcome = newWelcomeScreen(u)
	u.win.SetContent(u.welcome)
	u.refreshMenu()
	u.win.Canvas().Focus(u.welcome.name)
}

// showMain shows the three panes: navigation, list and detail.
func (u *UI) showMain() {
	u.welcome = nil
	u.members = newMembersScreen(u)
	u.trash = newTrashScreen(u)
	u.undoBar = newUndoBar(u.undoDelete)

	names := []string{"Members", "Trash"}
	icons := []fyne.Resource{theme.AccountIcon(), theme.DeleteIcon()}
	u.nav = widget.NewList(
		func() int { return len(names) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.AccountIcon()), widget.NewLabel("Members"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(icons[i])
			row.Objects[1].(*widget.Label).SetText(names[i])
		})
	u.nav.OnSelected = u.showScreen

	screens := container.NewStack(u.members, u.trash)
	split := container.NewHSplit(u.nav, screens)
	split.Offset = 0.15
	u.win.SetContent(container.NewBorder(nil, u.undoBar, nil, nil, split))
	u.screen = -1
	u.nav.Select(screenMembers)
	u.refreshMenu()
}

// showScreen switches between Members and Trash.
func (u *UI) showScreen(i int) {
	if u.members == nil || i == u.screen {
		return
	}
	u.screen = i
	if i == screenTrash {
		u.members.Hide()
		u.trash.Show()
		u.trash.reload()
	} else {
		u.trash.Hide()
		u.members.Show()
	}
}

func (u *UI) goToMembers() {
	if u.nav != nil && u.screen != screenMembers {
		u.nav.Select(screenMembers)
	}
}

// newMember opens the form for a new member.
func (u *UI) newMember() {
	if u.members == nil || u.form != nil {
		return
	}
	u.goToMembers()
	showMemberForm(u, model.Member{})
}

// editMember opens the form on m.
func (u *UI) editMember(m model.Member) {
	if u.form != nil {
		return
	}
	showMemberForm(u, m)
}

// memberSaved shows m, just created or changed, in the list and the detail.
func (u *UI) memberSaved(m model.Member) {
	if u.members == nil {
		return
	}
	u.members.showSaved(m)
}

// focusSearch puts the cursor in the members' search box.
func (u *UI) focusSearch() {
	if u.members == nil || u.form != nil {
		return
	}
	u.goToMembers()
	u.win.Canvas().Focus(u.members.search)
}

// trashMember moves m to the trash and offers to undo it.
func (u *UI) trashMember(m model.Member) {
	if err := u.st.TrashMember(u.ctx(), m.ID); err != nil {
		u.showError(err)
		return
	}
	u.deleted = append(u.deleted, m)
	u.undoBar.show(fmt.Sprintf("%s was moved to the trash.", m.Name))
	u.members.removed(m.ID)
	u.trash.reload()
	u.refreshMenu()
}

// undoDelete brings back the member deleted last.
func (u *UI) undoDelete() {
	if u.members == nil || u.form != nil || len(u.deleted) == 0 {
		return
	}
	m := u.deleted[len(u.deleted)-1]
	u.deleted = u.deleted[:len(u.deleted)-1]
	u.undoBar.hide()
	u.refreshMenu()
	if err := u.st.RestoreMember(u.ctx(), m.ID); err != nil {
		if !errors.Is(err, model.ErrNotFound) {
			u.deleted = append(u.deleted, m) // still in the trash: Undo can try again
			u.refreshMenu()
		}
		u.showError(err)
		return
	}
	u.trash.removed(m.ID)
	u.goToMembers()
	u.members.showSaved(m)
}

// forgetDeleted drops id from what Undo can bring back, once the member left the
// trash another way (restored or deleted forever).
func (u *UI) forgetDeleted(id int64) {
	for i, m := range u.deleted {
		if m.ID == id {
			u.deleted = append(u.deleted[:i], u.deleted[i+1:]...)
			if i == len(u.deleted) {
				u.undoBar.hide()
			}
			break
		}
	}
	u.refreshMenu()
}

// lastDeleted is the member Undo would bring back.
func (u *UI) lastDeleted() (model.Member, bool) {
	if len(u.deleted) == 0 {
		return model.Member{}, false
	}
	return u.deleted[len(u.deleted)-1], true
}

// addShortcuts registers the keyboard shortcuts on the window's canvas; the menu
// carries the same ones so that they work while an entry has the focus.
func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	mod := fyne.KeyModifierShortcutDefault
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: mod}, func(fyne.Shortcut) { u.newMember() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: mod}, func(fyne.Shortcut) { u.focusSearch() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: mod}, func(fyne.Shortcut) { u.quit() })
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { u.undoDelete() })
	save := func(fyne.Shortcut) {
		if u.form != nil {
			u.form.save()
		}
	}
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: mod}, save)
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEnter, Modifier: mod}, save)
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape && u.form != nil {
			u.form.cancel()
		}
	})
}
