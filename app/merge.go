package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// mergeForm makes two members who are the same person one: the member whose
// detail it was opened from and another, picked by typing their name. Before
// anything is written it shows what the merge keeps: the member that stays
// (either of the two), their fields once merged, and the values of the
// other one that are left out where both differ.
type mergeForm struct {
	u      *UI
	dlg    *dialog.CustomDialog
	first  model.Member
	other  *model.Member // nil until picked
	keep   bool          // keep first (true) or other
	picker *memberPicker
	result *fyne.Container
	merge  *widget.Button
	// gen counts the members picked; only the latest one's read shows.
	gen      int
	finished bool
}

// mergeMember opens the merge of m with another member: their detail's
// Merge with….
func (u *UI) mergeMember(m model.Member) {
	if u.nav == nil || u.form != nil || m.InTrash() {
		return
	}
	f := &mergeForm{u: u, first: m, keep: true}
	f.picker = newMemberPicker(u, "Type the other member's name")
	f.picker.noNew, f.picker.except = true, m.ID
	f.picker.entry.onSave, f.picker.entry.onCancel = f.save, f.cancel
	f.picker.onChange = f.picked
	f.result = container.NewVBox(quietText("Pick the other record of " + m.Name + " to see what the merge keeps."))

	intro := wrapLabel(fmt.Sprintf("Is %s in the record twice? Merge the two into one member: "+
		"nothing either holds is lost, and you can undo it.", m.Name))
	top := container.NewVBox(intro, f.picker, widget.NewSeparator())
	content := container.NewBorder(top, nil, nil, nil, container.NewVScroll(f.result))
	f.dlg = dialog.NewCustomWithoutButtons("Merge "+m.Name+" with…", content, u.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.cancel)
	f.merge = widget.NewButtonWithIcon("Merge", theme.ConfirmIcon(), f.save)
	f.merge.Importance = widget.HighImportance
	f.merge.Disable()
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.merge})
	size := u.win.Canvas().Size()
	f.dlg.Resize(fyne.NewSize(fyne.Max(fyne.Min(640, size.Width-40), 420), fyne.Max(fyne.Min(600, size.Height-40), 360)))
	u.showDialogForm(f, f.dlg, nil)
	u.win.Canvas().Focus(f.picker.entry)
}

// picked reads the member just picked, who replaces one picked before.
func (f *mergeForm) picked() {
	if len(f.picker.picked) > 1 {
		f.picker.remove(f.picker.picked[0].ID) // runs picked again
		return
	}
	f.gen++
	gen := f.gen
	if len(f.picker.picked) == 0 {
		f.other = nil
		f.merge.Disable()
		f.result.Objects = []fyne.CanvasObject{quietText("Pick the other record of " + f.first.Name + " to see what the merge keeps.")}
		f.result.Refresh()
		return
	}
	id := f.picker.picked[0].ID
	f.u.background(func(ctx context.Context, st Store) func() {
		m, err := st.Member(ctx, id)
		return func() {
			if gen != f.gen || f.finished {
				return
			}
			if err != nil {
				f.u.showError(err)
				return
			}
			f.other = &m
			f.keep = true
			f.showResult()
		}
	})
}

// kept and gone are the member that stays and the one that goes to the trash.
func (f *mergeForm) kept() model.Member {
	if f.keep {
		return f.first
	}
	return *f.other
}

func (f *mergeForm) gone() model.Member {
	if f.keep {
		return *f.other
	}
	return f.first
}

// showResult shows what the merge keeps.
func (f *mergeForm) showResult() {
	keep, gone := f.kept(), f.gone()
	merged, conflicts := model.CombineMembers(keep, gone)
	title := headingLabel("Keep " + keep.Name)
	swap := widget.NewButtonWithIcon("Keep "+gone.Name+" instead", theme.ViewRefreshIcon(), func() {
		f.keep = !f.keep
		f.showResult()
	})
	swap.Importance = widget.LowImportance

	grid := container.New(layout.NewFormLayout())
	add := func(key, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		grid.Add(widget.NewLabelWithStyle(key, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(textValue(value))
	}
	add("Name", merged.Name)
	add("Pronouns", merged.Pronouns)
	add("Role", merged.Role)
	add("Organisation", merged.Organisation)
	add("Location", merged.Location)
	add("Emails", strings.Join(merged.Emails, "\n"))
	add("Phones", strings.Join(merged.Phones, "\n"))
	var places []string
	for _, id := range merged.Identities {
		places = append(places, joinNonEmpty(" ", id.Platform, firstNonEmpty(id.Handle, id.URL)))
	}
	add("Elsewhere", strings.Join(places, "\n"))
	add("Tags", strings.Join(merged.Tags, ", "))

	objs := []fyne.CanvasObject{
		container.NewBorder(nil, nil, nil, swap, title),
		wrapLabel(fmt.Sprintf("%s's conversations and promises move to %s, their notes are added to %s's, "+
			"and %s goes to the trash.", gone.Name, keep.Name, keep.Name, gone.Name)),
	}
	if len(conflicts) > 0 {
		objs = append(objs, widget.NewLabelWithStyle(fmt.Sprintf("Where the two differ, %s's value stays:", keep.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, c := range conflicts {
			l := wrapLabel(capitalize(c.String()))
			l.Importance = widget.WarningImportance
			objs = append(objs, l)
		}
	}
	objs = append(objs, widget.NewLabelWithStyle("After the merge", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), grid)
	f.result.Objects = objs
	f.result.Refresh()
	f.merge.SetText(fmt.Sprintf("Merge into %s", keep.Name))
	f.merge.Enable()
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// save merges the two; the bar at the bottom offers to undo it.
func (f *mergeForm) save() {
	if f.finished || f.other == nil {
		return
	}
	u := f.u
	keep, gone := f.kept(), f.gone()
	st := u.st
	id, err := st.MergeMembers(u.ctx(), keep.ID, gone.ID)
	if err != nil {
		u.showError(err)
		return
	}
	f.finished = true
	f.dlg.Hide()
	show := func() {
		u.goToMembers()
		u.build(screenMembers)
		u.members.showSaved(keep)
		if u.trash != nil {
			u.trash.reload()
		}
		u.recordChanged()
	}
	show()
	u.pushUndo(undoEntry{
		menu:    fmt.Sprintf("Undo merge of %s into %s", gone.Name, keep.Name),
		message: fmt.Sprintf("%s was merged into %s and moved to the trash.", gone.Name, keep.Name),
		undo:    func() error { return st.UndoMerge(u.ctx(), id) },
		undone:  show,
	})
}

func (f *mergeForm) cancel() {
	f.finished = true
	f.dlg.Hide()
}
