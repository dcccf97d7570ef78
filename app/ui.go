// Package app is Rapport's desktop user interface, built with Fyne. It reads and
// writes the record only through the Store interface.
package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

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
	// closing counts the records switched away from and still closing; the
	// window waits for them when it closes, so that none is left half done,
	// and opening one of them again (closingPaths) waits for it to let go.
	closing      sync.WaitGroup
	closingPaths map[string]int
	// now is the clock the forms read "now", "today" and "yesterday" by.
	now func() time.Time

	st       Store
	me       model.Manager
	settings model.Settings
	// tagCadences are the tags' default cadences, as the record holds them.
	tagCadences map[string]int
	closed      bool
	// errorShown holds the errors on screen now.
	errorShown map[string]bool
	// infos are the dialogs open that only tell something, the newest last:
	// Esc closes the newest.
	infos []dialog.Dialog

	// The main view; nil while the welcome screen shows. Of the screens, Today
	// is made with the main view and the others the first time they are needed
	// (see build), so they are nil until then.
	welcome       *welcomeScreen
	nav           *widget.List
	screens       *fyne.Container
	today         *todayScreen
	members       *membersScreen
	conversations *conversationsScreen
	feedback      *feedbackScreen
	handoffs      *handoffScreen
	trash         *trashScreen
	undoBar       *undoBar
	screen        int
	// waiting is what the navigation says waits on Today: late promises and
	// those due today.
	waiting int
	// hearBack is what the navigation says waits on Feedback: members owed
	// word of an item whose loop closed.
	hearBack int

	// undos holds the changes made in this session that Undo can take back,
	// the latest last.
	undos []undoEntry
	// form is the form dialog open right now, if any; Esc and Ctrl+Enter reach it
	// even when none of its entries has the focus.
	form dialogForm
	// reminders schedules the desktop notifications of promises falling due.
	reminders *reminders
	// undoing is set while an undo runs in the background.
	undoing bool

	// contacts reads and writes vCard and CSV files; nil until SetContacts.
	contacts Contacts
	// reports writes the reports handed to product teams; nil until SetReports.
	reports Reports
	// handoffWriters writes handoffs; nil until SetHandoffWriters.
	handoffWriters HandoffWriters
	// backups lists and restores the record's backups; nil until SetBackups.
	backups Backups
	// importJob is the import under way, from the files picked to the
	// batch written; nil when none is.
	importJob *importJob
	// lastImport is the import Edit › Undo import takes back; nil for none.
	lastImport *model.ImportBatch
}

// dialogForm is a form shown in a dialog.
type dialogForm interface {
	save()
	cancel()
}

// showDialogForm shows dlg with f as the form being filled in (u.form) until
// it closes; closed, if not nil, runs when it does.
func (u *UI) showDialogForm(f dialogForm, dlg dialog.Dialog, closed func()) {
	dlg.SetOnClosed(func() {
		if u.form == f {
			u.form = nil
		}
		if closed != nil {
			closed()
		}
	})
	u.form = f
	dlg.Show()
}

// Screens in the navigation, in order.
const (
	screenToday = iota
	screenMembers
	screenConversations
	screenFeedback
	screenHandoff
	screenTrash
)

// NewUI builds the main window on a for the record st; open is used by File › New/Open record.
func NewUI(a fyne.App, st Store, open Opener) *UI {
	return newUI(a, st, open, fyne.Do)
}

func newUI(a fyne.App, st Store, open Opener, do func(func())) *UI {
	a.Settings().SetTheme(NewTheme())
	// Fyne loads a text style's faces the first time a text of that style
	// is measured (the theme's font, the emoji and symbol fonts, a system
	// font for the language): tens of milliseconds for each style, which
	// the first screen waited for. They load on another core while the
	// window is made instead.
	var faces sync.WaitGroup
	faces.Go(loadTextFaces)
	u := &UI{app: a, open: open, do: do, now: time.Now}
	u.reminders = newReminders(u)
	u.win = a.NewWindow("Rapport")
	u.win.SetMaster()
	u.win.Resize(fyne.NewSize(1100, 700))
	u.win.SetOnClosed(u.closeStore)
	u.win.SetOnDropped(u.dropped)
	u.addShortcuts()
	faces.Wait() // Fyne's text shaping is not safe on two goroutines at once
	u.setStore(st)
	return u
}

// loadTextFaces measures a text in each style the screens use, so that Fyne
// loads their faces.
func loadTextFaces() {
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		fyne.MeasureText("Rapport", theme.TextSize(), style)
	}
}

// Window is the main window; cmd/rapport shows it with ShowAndRun.
func (u *UI) Window() fyne.Window { return u.win }

// prefs are the user's preferences, kept by Fyne across runs.
func (u *UI) prefs() fyne.Preferences { return u.app.Preferences() }

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
	u.showInfo(d, func() { delete(u.errorShown, msg) })
}

// showInfo shows d, a dialog that only tells something, so that Esc closes it
// as its button does; closed runs when it closes, if not nil.
func (u *UI) showInfo(d dialog.Dialog, closed func()) {
	u.infos = append(u.infos, d)
	d.SetOnClosed(func() {
		u.infos = slices.DeleteFunc(u.infos, func(o dialog.Dialog) bool { return o == d })
		if closed != nil {
			closed()
		}
	})
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
	u.undos = nil
	if u.importJob != nil {
		u.importJob.finish()
	}
	u.lastImport = nil
	u.welcome, u.nav, u.screens, u.today, u.members, u.conversations, u.feedback, u.trash, u.undoBar = nil, nil, nil, nil, nil, nil, nil, nil, nil
	u.handoffs = nil
	u.waiting, u.hearBack = 0, 0
	u.win.SetTitle("Rapport — " + recordName(st.Path()))
	u.rememberRecent(st.Path())

	u.settings = model.DefaultSettings
	if s, err := st.Settings(u.ctx()); err != nil {
		u.showError(err)
	} else {
		u.settings = s
	}
	u.loadTagCadences()
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
	u.reminders.plan(model.Today{}) // the promises of the record closing are no longer shown
	u.setStore(st)
	if old == nil {
		return
	}
	// Closing waits for whatever still reads the old record, such as its day's
	// backup being copied: in the background, so that the window goes on with
	// the new record meanwhile.
	path := old.Path()
	if u.closingPaths == nil {
		u.closingPaths = map[string]int{}
	}
	u.closingPaths[path]++
	u.closing.Add(1)
	u.goDo(func() func() {
		err := old.Close()
		u.closing.Done()
		return func() {
			if u.closingPaths[path]--; u.closingPaths[path] == 0 {
				delete(u.closingPaths, path)
			}
			if err != nil {
				u.showError(fmt.Errorf("closing %s: %w", path, err))
			}
		}
	})
}

// closeStore closes the record when the window goes away.
func (u *UI) closeStore() {
	if u.closed {
		return
	}
	u.keepHandoffDraft() // nothing typed is lost; the record cannot ask any more
	u.closed = true
	u.closing.Wait()
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

// navItem is one line of the navigation.
type navItem struct {
	name string
	icon func() fyne.Resource // asked for when drawn, so it follows the theme
}

var navItems = []navItem{
	screenToday:         {"Today", theme.HomeIcon},
	screenMembers:       {"Members", theme.AccountIcon},
	screenConversations: {"Conversations", theme.MailComposeIcon},
	screenFeedback:      {"Feedback", theme.InfoIcon},
	screenHandoff:       {"Handoff", theme.MailForwardIcon},
	screenTrash:         {"Trash", theme.DeleteIcon},
}

// showMain shows the three panes: navigation, list and detail. It opens on
// Today once the record has members, else on the members, whose empty list
// offers to add the first. Only Today and the screen shown first are built
// before the window first shows; Today always is, as it counts what waits for
// the navigation and plans the reminders.
func (u *UI) showMain() {
	u.welcome = nil
	u.today = newTodayScreen(u)
	u.undoBar = newUndoBar(u.undoLast)

	u.nav = widget.NewList(
		func() int { return len(navItems) },
		func() fyne.CanvasObject {
			count := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
			return container.NewBorder(nil, nil, widget.NewIcon(theme.AccountIcon()), count, widget.NewLabel("Members"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(navItems[i].name)
			row.Objects[1].(*widget.Icon).SetResource(navItems[i].icon())
			count := ""
			if i == screenToday && u.waiting > 0 {
				count = strconv.Itoa(u.waiting)
			}
			if i == screenFeedback && u.hearBack > 0 {
				count = strconv.Itoa(u.hearBack)
			}
			row.Objects[2].(*widget.Label).SetText(count)
		})
	u.nav.OnSelected = u.showScreen

	search := widget.NewButtonWithIcon("Search  "+shortcutName("K"), theme.SearchIcon(), u.showSearch)
	search.Alignment = widget.ButtonAlignLeading
	logBtn := widget.NewButtonWithIcon("Log conversation", theme.ContentAddIcon(), func() { u.logConversation() })
	logBtn.Importance = widget.HighImportance
	navPane := container.NewBorder(container.NewPadded(search), container.NewPadded(logBtn), nil, nil, u.nav)

	u.screens = container.NewStack(u.today)
	split := container.NewHSplit(navPane, u.screens)
	split.Offset = 0.16
	u.win.SetContent(container.NewBorder(nil, u.undoBar, nil, nil, split))
	u.screen = -1
	// A record with members starts on Today, an empty one on Members; one
	// member is enough to tell, rather than counting them all.
	start := screenMembers
	if page, err := u.st.Members(u.ctx(), model.MemberFilter{Limit: 1}); err == nil && len(page) > 0 {
		start = screenToday
	}
	u.nav.Select(start)
	if start != screenToday {
		u.today.reload() // for the navigation's count of what waits
	}
	u.loadLastImport()
	u.checkTakeOver()
}

// showScreen switches to screen i of the navigation, building it the first
// time.
func (u *UI) showScreen(i int) {
	if u.nav == nil || i == u.screen {
		return
	}
	if u.screen == screenHandoff && !u.keepHandoffDraft() {
		u.nav.Select(screenHandoff) // the draft could not be kept: stay with it
		return
	}
	u.screen = i
	view := u.build(i)
	for _, o := range u.screens.Objects {
		if o != view {
			o.Hide()
		}
	}
	view.Show()
	switch i {
	case screenToday:
		u.today.reload()
	case screenConversations:
		u.conversations.reload()
	case screenFeedback:
		u.feedback.reload()
	case screenHandoff:
		u.handoffs.reload()
	case screenTrash:
		u.trash.reload()
	}
	u.refreshMenu()
}

// build returns screen i, made the first time it is needed, hidden among the
// others. Whatever shows or opens something on a screen builds it first; what
// only refreshes a screen skips one not made yet, as it reads the record when
// it is made.
func (u *UI) build(i int) fyne.CanvasObject {
	if o := u.built(i); o != nil {
		return o
	}
	var o fyne.CanvasObject
	switch i {
	case screenMembers:
		u.members = newMembersScreen(u)
		o = u.members
	case screenConversations:
		u.conversations = newConversationsScreen(u)
		o = u.conversations
	case screenFeedback:
		u.feedback = newFeedbackScreen(u)
		o = u.feedback
	case screenHandoff:
		u.handoffs = newHandoffScreen(u)
		o = u.handoffs
	default:
		u.trash = newTrashScreen(u)
		o = u.trash
	}
	o.Hide()
	u.screens.Add(o)
	return o
}

// built is screen i when it has been made, else nil.
func (u *UI) built(i int) fyne.CanvasObject {
	switch {
	case i == screenToday:
		return u.today
	case i == screenMembers && u.members != nil:
		return u.members
	case i == screenConversations && u.conversations != nil:
		return u.conversations
	case i == screenFeedback && u.feedback != nil:
		return u.feedback
	case i == screenHandoff && u.handoffs != nil:
		return u.handoffs
	case i == screenTrash && u.trash != nil:
		return u.trash
	}
	return nil
}

// goTo shows screen i, selecting it in the navigation.
func (u *UI) goTo(i int) {
	if u.nav != nil && u.screen != i {
		u.nav.Select(i)
	}
}

func (u *UI) goToMembers() { u.goTo(screenMembers) }

// setWaiting shows in the navigation how many promises wait: late or due today.
func (u *UI) setWaiting(n int) {
	if n == u.waiting || u.nav == nil {
		return
	}
	u.waiting = n
	u.nav.RefreshItem(screenToday)
}

// setHearBack shows in the navigation how many members wait to hear what
// became of what they raised.
func (u *UI) setHearBack(n int) {
	if n == u.hearBack || u.nav == nil {
		return
	}
	u.hearBack = n
	u.nav.RefreshItem(screenFeedback)
}

// newMember opens the form for a new member.
func (u *UI) newMember() {
	if u.nav == nil || u.form != nil {
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
	if u.nav == nil {
		return
	}
	u.build(screenMembers)
	u.members.showSaved(m)
	u.recordChanged()
}

// focusSearch puts the cursor in the members' search box.
func (u *UI) focusSearch() {
	if u.nav == nil || u.form != nil {
		return
	}
	u.goToMembers()
	u.build(screenMembers)
	u.win.Canvas().Focus(u.members.search)
}

// memberAdded shows a member just added elsewhere (from a picker) in the list.
func (u *UI) memberAdded(model.Member) {
	if u.nav == nil {
		return
	}
	if u.members != nil {
		u.members.reloadList()
	}
	u.recordChanged()
}

// openMember shows the member with id on the Members screen.
func (u *UI) openMember(id int64) {
	if u.nav == nil {
		return
	}
	u.goToMembers()
	u.build(screenMembers)
	u.members.open(id)
}

// openConversation shows the conversation with id on the Conversations screen.
func (u *UI) openConversation(id int64) {
	if u.nav == nil {
		return
	}
	u.goTo(screenConversations)
	u.build(screenConversations)
	u.conversations.open(id)
}

// conversationLogged shows c, just logged or changed, wherever it shows.
func (u *UI) conversationLogged(c model.Conversation) {
	if u.nav == nil {
		return
	}
	if u.conversations != nil {
		u.conversations.changed(c.ID)
	}
	u.recordChanged()
}

// recordChanged brings the screens that sum the record up (Today, the member
// shown, the conversation shown) up to date after a change.
func (u *UI) recordChanged() {
	if u.nav == nil {
		return
	}
	u.today.reload()
	if u.members != nil {
		u.members.refreshDetail()
	}
	if u.conversations != nil {
		u.conversations.refreshDetail()
	}
	if u.feedback != nil {
		if u.feedback.Visible() {
			u.feedback.reload()
		}
		u.feedback.refreshDetail()
	}
}

// addShortcuts registers the keyboard shortcuts on the window's canvas; the menu
// carries the same ones so that they work while an entry has the focus.
func (u *UI) addShortcuts() {
	c := u.win.Canvas()
	mod := fyne.KeyModifierShortcutDefault
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: mod}, func(fyne.Shortcut) { u.newMember() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: mod}, func(fyne.Shortcut) { u.focusSearch() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: mod}, func(fyne.Shortcut) { u.quit() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: mod}, func(fyne.Shortcut) { u.logConversation() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: mod}, func(fyne.Shortcut) { u.showSearch() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyB, Modifier: mod}, func(fyne.Shortcut) { u.recordFeedback(feedbackStart{}) })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: mod}, func(fyne.Shortcut) { u.saveHandoffDraft() })
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { u.undoLast() })
	save := func(fyne.Shortcut) {
		if u.form != nil {
			u.form.save()
		}
	}
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: mod}, save)
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEnter, Modifier: mod}, save)
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name != fyne.KeyEscape {
			return
		}
		switch {
		case len(u.infos) > 0:
			u.infos[len(u.infos)-1].Hide()
		case u.form != nil:
			u.form.cancel()
		}
	})
}
