package app

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// prefRecent is the preference holding the records opened last, newest first.
const (
	prefRecent = "recentRecords"
	maxRecent  = 5
)

// refreshMenu builds the main menu for what the window shows now.
func (u *UI) refreshMenu() {
	mod := fyne.KeyModifierShortcutDefault
	inMain := u.nav != nil

	newMember := fyne.NewMenuItem("New member…", u.newMember)
	newMember.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: mod}
	newMember.Disabled = !inMain
	logConv := fyne.NewMenuItem("Log conversation…", func() { u.logConversation() })
	logConv.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: mod}
	logConv.Disabled = !inMain
	recordFb := fyne.NewMenuItem("Record feedback…", func() { u.recordFeedback(feedbackStart{}) })
	recordFb.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyB, Modifier: mod}
	recordFb.Disabled = !inMain

	var recentItems []*fyne.MenuItem
	for _, path := range u.recent() {
		item := fyne.NewMenuItem(path, func() { u.openRecent(path) })
		item.Checked = u.st != nil && samePath(path, u.st.Path())
		recentItems = append(recentItems, item)
	}
	recent := fyne.NewMenuItem("Recent records", nil)
	if len(recentItems) > 0 {
		recent.ChildMenu = fyne.NewMenu("", recentItems...)
	} else {
		recent.Disabled = true
	}

	importItem := fyne.NewMenuItem("Import contacts…", u.showImportContacts)
	importItem.Disabled = !inMain || u.contacts == nil
	exportItem := fyne.NewMenuItem("Export contacts…", u.showExportContacts)
	exportItem.Disabled = !inMain || u.contacts == nil

	var reportItems []*fyne.MenuItem
	if u.reports != nil {
		reportItem := fyne.NewMenuItem("Feedback report…", u.showFeedbackReport)
		reportItem.Disabled = !inMain
		reportItems = append(reportItems, reportItem)
	}

	saveHandoff := fyne.NewMenuItem("Save handoff draft", u.saveHandoffDraft)
	saveHandoff.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: mod}
	saveHandoff.Disabled = !inMain || !u.editingHandoff()

	backUp := fyne.NewMenuItem("Back up now", u.backUpNow)
	backUp.Disabled = u.st == nil
	backupItems := []*fyne.MenuItem{backUp}
	if u.backups != nil {
		backupItems = append(backupItems, fyne.NewMenuItem("Restore from backup…", u.showRestoreBackups))
	}

	settings := fyne.NewMenuItem("Settings…", u.showSettings)
	settings.Disabled = !inMain

	quit := fyne.NewMenuItem("Quit", u.quit)
	quit.IsQuit = true
	quit.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: mod}

	fileItems := []*fyne.MenuItem{
		newMember,
		logConv,
		recordFb,
		saveHandoff,
		fyne.NewMenuItemSeparator(),
		importItem,
		exportItem,
	}
	fileItems = append(fileItems, reportItems...)
	fileItems = append(fileItems,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("New record…", u.showNewRecord),
		fyne.NewMenuItem("Open record…", u.showOpenRecord),
		recent,
		fyne.NewMenuItemSeparator(),
	)
	fileItems = append(fileItems, backupItems...)
	fileItems = append(fileItems,
		fyne.NewMenuItemSeparator(),
		settings,
		fyne.NewMenuItemSeparator(),
		quit,
	)
	file := fyne.NewMenu("File", fileItems...)

	// Undo carries no shortcut of its own in the menu: Ctrl+Z still undoes typing
	// in an entry, and undoes the last delete everywhere else.
	undo := fyne.NewMenuItem("Undo", u.undoLast)
	if e, ok := u.lastUndo(); ok && inMain {
		undo.Label = e.menu
	} else {
		undo.Disabled = true
	}
	find := fyne.NewMenuItem("Find member", u.focusSearch)
	find.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: mod}
	find.Disabled = !inMain
	search := fyne.NewMenuItem("Search everything…", u.showSearch)
	search.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: mod}
	search.Disabled = !inMain
	// Undo import reaches the latest import until the next one, whatever
	// was done since; right after it, Undo says it already.
	undoImport := fyne.NewMenuItem("Undo import…", u.confirmUndoImport)
	if u.lastImport != nil && inMain {
		undoImport.Label = "Undo import of " + u.lastImport.Source + "…"
	} else {
		undoImport.Disabled = true
	}
	editItems := []*fyne.MenuItem{undo, undoImport}
	if e, ok := u.lastUndo(); ok && inMain && u.lastImport != nil && e.importBatch == u.lastImport.ID {
		editItems = editItems[:1]
	}
	edit := fyne.NewMenu("Edit", append(editItems, fyne.NewMenuItemSeparator(), find, search)...)

	goItem := func(label string, screen int) *fyne.MenuItem {
		item := fyne.NewMenuItem(label, func() { u.goTo(screen) })
		item.Disabled = !inMain
		item.Checked = inMain && u.screen == screen
		return item
	}
	view := fyne.NewMenu("Go",
		goItem("Today", screenToday),
		goItem("Members", screenMembers),
		goItem("Conversations", screenConversations),
		goItem("Feedback", screenFeedback),
		goItem("Handoff", screenHandoff),
		goItem("Trash", screenTrash),
	)

	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard shortcuts", u.showShortcuts),
		fyne.NewMenuItem("About Rapport", u.showAbout),
	)
	u.win.SetMainMenu(fyne.NewMainMenu(file, edit, view, help))
}

// recent lists the records opened last, newest first.
func (u *UI) recent() []string {
	return u.app.Preferences().StringList(prefRecent)
}

// rememberRecent puts path first among the recent records.
func (u *UI) rememberRecent(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := slices.DeleteFunc(slices.Clone(u.recent()), func(p string) bool { return samePath(p, path) })
	list = append([]string{path}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	u.app.Preferences().SetStringList(prefRecent, list)
}

func (u *UI) forgetRecent(path string) {
	list := slices.DeleteFunc(slices.Clone(u.recent()), func(p string) bool { return samePath(p, path) })
	u.app.Preferences().SetStringList(prefRecent, list)
	u.refreshMenu()
}

func samePath(a, b string) bool {
	if abs, err := filepath.Abs(a); err == nil {
		a = abs
	}
	if abs, err := filepath.Abs(b); err == nil {
		b = abs
	}
	return a == b
}

// openRecent opens a record from the Recent records menu, if it is still there.
func (u *UI) openRecent(path string) {
	if _, err := os.Stat(path); err != nil {
		u.forgetRecent(path)
		u.showError(fmt.Errorf("the record %s is no longer there; it was taken off the recent records", path))
		return
	}
	u.openRecord(path)
}

// shortcutName spells a shortcut the way this system's keyboard says it.
func shortcutName(key string) string {
	if runtime.GOOS == "darwin" {
		return "⌘" + key
	}
	return "Ctrl+" + key
}

// showShortcuts lists the keyboard shortcuts.
func (u *UI) showShortcuts() {
	rows := [][2]string{
		{shortcutName("L"), "Log a conversation"},
		{shortcutName("B"), "Record feedback"},
		{shortcutName("K"), "Search members, conversations and promises"},
		{shortcutName("N"), "Add a member"},
		{shortcutName("S"), "Save the handoff draft being written"},
		{shortcutName("F"), "Search members"},
		{shortcutName("Z"), "Undo the last delete, done, snooze, merge or import"},
		{"Enter", "Save the form"},
		{shortcutName("Enter"), "Save the form from a multi-line field"},
		{"Esc", "Close the form without saving, or a message"},
		{"Up, Down, Space", "Move in a list and open the member"},
		{"Up, Down, Enter", "Pick a member while typing a name; open a search result"},
		{"Backspace", "Take the last member off a conversation, in an empty name box"},
		{shortcutName("Q"), "Quit"},
	}
	grid := container.New(layout.NewFormLayout())
	for _, r := range rows {
		grid.Add(widget.NewLabelWithStyle(r[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(r[1]))
	}
	u.showInfo(dialog.NewCustom("Keyboard shortcuts", "Close", grid, u.win), nil)
}

// showAbout tells the version and where the record lives.
func (u *UI) showAbout() {
	version := u.app.Metadata().Version
	if version == "" {
		version = "dev"
	}
	title := widget.NewLabelWithStyle("Rapport", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	purpose := widget.NewLabel("A private record of the people who make your community.")
	purpose.Wrapping = fyne.TextWrapWord
	where := widget.NewLabel(u.st.Path())
	where.Selectable = true
	where.Wrapping = fyne.TextWrapBreak
	content := container.NewVBox(
		title,
		widget.NewLabel("Version "+version),
		purpose,
		widget.NewSeparator(),
		widget.NewLabelWithStyle("This record lives in", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		where,
		quietText("It stays on this computer: nothing is sent anywhere."),
	)
	d := dialog.NewCustom("About Rapport", "Close", content, u.win)
	d.Resize(fyne.NewSize(480, d.MinSize().Height))
	u.showInfo(d, nil)
}
