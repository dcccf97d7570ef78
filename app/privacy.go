package app

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// exportEverything asks where to put everything the record holds about m,
// as JSON, for a member who asks for their data.
func (u *UI) exportEverything(m model.Member) {
	u.askWhere(saveFile{
		title: "Export everything about " + m.Name, confirm: "Export",
		name: exportFileName(m.Name) + ".json", ext: ".json", dirPref: prefExportDir,
	}, func(path string) { u.exportEverythingTo(path, m) })
}

// exportFileName makes a name a file name: its words joined by dashes,
// without the characters file systems refuse.
func exportFileName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return -1
		}
		return r
	}, name)
	if f := strings.Join(strings.Fields(name), "-"); f != "" {
		return f
	}
	return "member"
}

// exportEverythingTo writes the export of m to path in the background. The
// file is created readable by the owner alone (writeWhole), as it holds the
// private notes.
func (u *UI) exportEverythingTo(path string, m model.Member) {
	st := u.st
	u.writeInBackground("Exporting", "Exporting everything about "+m.Name+"…", func(ctx context.Context) (int, error) {
		e, err := st.MemberExport(ctx, m.ID)
		if err != nil {
			return 0, err
		}
		return 1, writeWhole(ctx, path, func(w io.Writer) error { return e.WriteJSON(w) })
	}, func(int) {
		l := wrapLabel(fmt.Sprintf("Everything the record holds about %s went to %s.\n"+
			"Their private notes are in it: hand it to them alone.", m.Name, path))
		l.Wrapping = fyne.TextWrapBreak
		d := dialog.NewCustom("Member's data exported", "Close", l, u.win)
		d.Resize(fyne.NewSize(480, d.MinSize().Height))
		d.Show()
	})
}

// eraseMember reads what erasing m would take away, then asks. m may be
// living or in the trash.
func (u *UI) eraseMember(m model.Member) {
	u.background(func(ctx context.Context, st Store) func() {
		plan, err := st.ErasePlan(ctx, m.ID)
		return func() {
			if err != nil {
				u.showError(err)
				return
			}
			u.confirmErase(m, plan)
		}
	})
}

// eraseDialog is the confirmation of an erase: it names what will go and
// wants the member's name typed before it erases.
type eraseDialog struct {
	dlg   *dialog.CustomDialog
	name  *widget.Entry
	erase *widget.Button
}

// confirmErase shows what erasing m takes away and erases once the
// manager typed their name and pressed Erase.
func (u *UI) confirmErase(m model.Member, plan model.Erasure) {
	var goes strings.Builder
	for _, l := range plan.Lines() {
		goes.WriteString("• " + l + "\n")
	}
	how := "it cannot be undone, and nothing goes to the trash."
	if m.InTrash() {
		// Beside Delete forever, which leaves what they shared as it was.
		how = "it cannot be undone and, unlike Delete forever, it also takes their name out of what others share and out of the file."
	}
	intro := wrapLabel("Erasing removes " + m.Name + " from this record for good, as they may ask: " + how + " This goes:")
	list := wrapLabel(strings.TrimSuffix(goes.String(), "\n"))
	ask := wrapLabel("Type their name, " + m.Name + ", to erase them:")
	e := &eraseDialog{name: widget.NewEntry()}
	e.name.SetPlaceHolder(m.Name)
	e.erase = widget.NewButtonWithIcon("Erase for good", theme.DeleteIcon(), func() {
		e.dlg.Hide()
		u.runErase(m)
	})
	e.erase.Importance = widget.DangerImportance
	e.erase.Disable()
	e.name.OnChanged = func(s string) {
		if sameName(s, m.Name) {
			e.erase.Enable()
		} else {
			e.erase.Disable()
		}
	}
	cancel := widget.NewButton("Cancel", func() { e.dlg.Hide() })
	content := container.NewVBox(intro, list, ask, e.name, container.NewHBox(layout.NewSpacer(), cancel, e.erase))
	e.dlg = dialog.NewCustomWithoutButtons("Erase "+m.Name+"?", content, u.win)
	e.dlg.Resize(fyne.NewSize(560, e.dlg.MinSize().Height))
	e.dlg.Show()
	u.win.Canvas().Focus(e.name)
}

// sameName compares what was typed with a name, spaces and case aside.
func sameName(typed, name string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(typed), " "), strings.Join(strings.Fields(name), " "))
}

// runErase erases m in the background, then takes them off every screen and
// offers to delete the backups that still hold them.
func (u *UI) runErase(m model.Member) {
	// One transaction, then the file rebuilt: it cannot stop half-way, so
	// the progress offers no Cancel.
	prog := u.startProgress("Erasing", "Erasing "+m.Name+" and rebuilding the record without them…", nil)
	st := u.st
	ctx := u.ctx()
	u.goDo(func() func() {
		done, err := st.EraseMember(ctx, m.ID)
		var backups []model.StaleBackup
		if err == nil {
			backups, err = st.StaleBackups(ctx, done.ErasedAt)
		}
		return func() {
			prog.finish()
			if u.st != st {
				return
			}
			u.forgetDeleted(m.ID)
			if u.members != nil {
				u.members.removed(m.ID)
			}
			if u.trash != nil {
				u.trash.removed(m.ID)
			}
			if u.conversations != nil {
				u.conversations.reload()
			}
			u.recordChanged()
			if err != nil {
				u.showError(err)
				return
			}
			u.showStaleBackups(m.Name, backups)
		}
	})
}

// showStaleBackups says the erase is done and lists the backups taken
// before it, which still hold the member, each with a Delete button.
func (u *UI) showStaleBackups(name string, backups []model.StaleBackup) {
	if len(backups) == 0 {
		dialog.ShowInformation("Erased", name+" was erased. No backup of the record is older than the erase.", u.win)
		return
	}
	rows := container.NewVBox()
	count := wrapLabel("")
	left := len(backups)
	setCount := func() {
		if left == 0 {
			count.SetText(name + " was erased, and the backups taken before are deleted.")
			return
		}
		count.SetText(fmt.Sprintf("%s was erased, but %s taken before still hold them. "+
			"Delete them unless you must keep them:", name, model.Plural(left, "backup", "backups")))
	}
	setCount()
	var deleteAll *widget.Button
	var buttons []*widget.Button
	for _, b := range backups {
		label := widget.NewLabel(filepath.Base(b.Path) + " · " + formatDate(b.Taken))
		var del *widget.Button
		del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() {
			if err := u.st.DeleteStaleBackup(u.ctx(), b.Path); err != nil {
				u.showError(err)
				return
			}
			label.SetText(filepath.Base(b.Path) + " · deleted")
			del.Disable()
			left--
			setCount()
			if left == 0 {
				deleteAll.Disable()
			}
		})
		buttons = append(buttons, del)
		rows.Add(container.NewBorder(nil, nil, nil, del, label))
	}
	deleteAll = widget.NewButtonWithIcon("Delete all", theme.DeleteIcon(), func() {
		for _, b := range buttons {
			if !b.Disabled() {
				b.OnTapped()
			}
		}
	})
	deleteAll.Importance = widget.DangerImportance
	content := container.NewBorder(count, deleteAll, nil, nil, container.NewVScroll(rows))
	d := dialog.NewCustom("Erased", "Close", content, u.win)
	d.Resize(fyne.NewSize(560, 420))
	d.Show()
}
