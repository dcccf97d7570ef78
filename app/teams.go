package app

import (
	"context"
	"errors"
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

// teamsDialog lists the product teams, archived ones too, and adds, edits,
// archives and deletes them. Adding or editing happens in a form under the
// list.
type teamsDialog struct {
	u     *UI
	dlg   *dialog.CustomDialog
	list  *fyne.Container
	teams []model.ProductTeam
	// problem says why the record refused a change: a team still has feedback.
	problem *widget.Label

	// editing is the team the form edits; a zero ID adds one.
	editing model.ProductTeam
	form    *fyne.Container
	heading *widget.Label
	name    *formEntry
	contact *formEntry
	reach   *formEntry
	fields  map[string]*formField
	general *widget.Label
	add     *widget.Button
}

// showTeams opens the list of product teams.
func (u *UI) showTeams() {
	if u.form != nil {
		return
	}
	showTeamsDialog(u)
}

func showTeamsDialog(u *UI) *teamsDialog {
	d := &teamsDialog{u: u, fields: map[string]*formField{}}
	d.list = container.NewVBox()
	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord
	d.problem.Hide()
	d.general = widget.NewLabel("")
	d.general.Importance = widget.DangerImportance
	d.general.Wrapping = fyne.TextWrapWord
	d.general.Hide()

	entry := func(placeholder string) *formEntry {
		e := newFormEntry(false, placeholder)
		e.onSave, e.onCancel = d.save, d.closeForm
		return e
	}
	d.name = entry("Product, QA, Docs…")
	d.contact = entry("Who to talk to there")
	d.reach = entry("https://… or name@example.org")
	grid := container.New(layout.NewFormLayout())
	row := func(key, label, hint string, e *formEntry) {
		field := newFormField(label, hint, e)
		d.fields[key] = field
		grid.Add(widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(container.NewVBox(e, field.view()))
	}
	row(model.FieldName, "Name", "", d.name)
	row(model.FieldContact, "Contact person", "", d.contact)
	row(model.FieldReach, "How to reach them", "A link or an email address.", d.reach)
	d.heading = headingLabel("")
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), d.closeForm)
	saveBtn := widget.NewButtonWithIcon("Save team", theme.DocumentSaveIcon(), d.save)
	saveBtn.Importance = widget.HighImportance
	d.form = container.NewVBox(widget.NewSeparator(), d.heading, d.general, grid,
		container.NewHBox(layout.NewSpacer(), cancel, saveBtn))
	d.form.Hide()

	d.add = widget.NewButtonWithIcon("Add a team", theme.ContentAddIcon(), func() { d.openForm(model.ProductTeam{}) })
	top := container.NewVBox(container.NewHBox(d.add), d.problem)
	content := container.NewBorder(top, d.form, nil, nil, container.NewVScroll(d.list))
	d.dlg = dialog.NewCustomWithoutButtons("Product teams", content, u.win)
	closeBtn := widget.NewButtonWithIcon("Close", theme.CancelIcon(), d.cancel)
	d.dlg.SetButtons([]fyne.CanvasObject{closeBtn})
	size := u.win.Canvas().Size()
	d.dlg.Resize(fyne.NewSize(fyne.Max(fyne.Min(640, size.Width-40), 420), fyne.Max(fyne.Min(600, size.Height-40), 360)))
	u.showDialogForm(d, d.dlg, u.recordChanged)
	d.load()
	return d
}

// load reads the teams, archived ones too, into the list.
func (d *teamsDialog) load() {
	d.u.background(func(ctx context.Context, st Store) func() {
		teams, err := st.Teams(ctx, true)
		return func() {
			if err != nil {
				d.u.showError(err)
				return
			}
			d.teams = teams
			d.showList()
		}
	})
}

// teamLine says who a team's contact is and how to reach them.
func teamLine(t model.ProductTeam) string {
	line := joinNonEmpty(" · ", t.Contact, t.Reach)
	if line == "" {
		line = "no contact yet"
	}
	return line
}

func (d *teamsDialog) showList() {
	d.list.RemoveAll()
	if len(d.teams) == 0 {
		empty := widget.NewLabel("No teams yet: add the teams feedback goes to.")
		empty.Importance = widget.LowImportance
		d.list.Add(empty)
	}
	for _, t := range d.teams {
		name := t.Name
		if t.Archived() {
			name += " (archived)"
		}
		title := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: !t.Archived()})
		title.Truncation = fyne.TextTruncateEllipsis
		sub := newQuietLabel(teamLine(t))
		sub.Truncation = fyne.TextTruncateEllipsis
		edit := widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() { d.openForm(t) })
		archiveText, archiveIcon := "Archive", theme.VisibilityOffIcon()
		if t.Archived() {
			archiveText, archiveIcon = "Unarchive", theme.VisibilityIcon()
		}
		archive := widget.NewButtonWithIcon(archiveText, archiveIcon, func() { d.setArchived(t, !t.Archived()) })
		del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { d.confirmDelete(t) })
		d.list.Add(container.NewBorder(nil, nil, nil, container.NewHBox(edit, archive, del),
			container.NewVBox(title, sub)))
	}
	d.list.Refresh()
}

// openForm shows the form on t; a zero ID adds a team.
func (d *teamsDialog) openForm(t model.ProductTeam) {
	d.editing = t
	d.setProblem("")
	if t.ID == 0 {
		d.heading.SetText("New team")
	} else {
		d.heading.SetText("Edit " + t.Name)
	}
	d.name.SetText(t.Name)
	d.contact.SetText(t.Contact)
	d.reach.SetText(t.Reach)
	d.showProblems(nil)
	d.form.Show()
	d.u.win.Canvas().Focus(d.name)
}

func (d *teamsDialog) closeForm() {
	d.form.Hide()
	d.editing = model.ProductTeam{}
}

// showProblems puts each problem under its field, and the rest above them.
func (d *teamsDialog) showProblems(err error) {
	var ve model.ValidationError
	if err != nil && !errors.As(err, &ve) {
		err = errors.New(refusal(err)) // a conflict, in the words the dialog uses
	}
	showFieldProblems(d.fields, d.general, err)
}

// setProblem shows why the record refused a change, or hides it.
func (d *teamsDialog) setProblem(msg string) {
	d.problem.SetText(msg)
	d.problem.Hidden = msg == ""
	d.problem.Refresh()
}

// save adds or changes the team in the form.
func (d *teamsDialog) save() {
	if !d.form.Visible() {
		return
	}
	t := d.editing
	t.Name, t.Contact, t.Reach = d.name.Text, d.contact.Text, d.reach.Text
	var err error
	if t.ID == 0 {
		err = d.u.st.CreateTeam(d.u.ctx(), &t)
	} else {
		err = d.u.st.UpdateTeam(d.u.ctx(), &t)
	}
	if err != nil {
		d.showProblems(err)
		return
	}
	d.closeForm()
	d.load()
}

func (d *teamsDialog) setArchived(t model.ProductTeam, archived bool) {
	d.setProblem("")
	if err := d.u.st.SetTeamArchived(d.u.ctx(), t.ID, archived); err != nil {
		d.setProblem(refusal(err))
		return
	}
	d.load()
}

// confirmDelete asks before deleting t; the record refuses while feedback
// points at it, and says to archive it instead.
func (d *teamsDialog) confirmDelete(t model.ProductTeam) {
	d.setProblem("")
	c := dialog.NewConfirm(fmt.Sprintf("Delete the team %s?", t.Name),
		"Teams with feedback cannot be deleted: archive them instead.",
		func(ok bool) {
			if ok {
				d.deleteTeam(t)
			}
		}, d.u.win)
	c.SetConfirmText("Delete team")
	c.SetDismissText("Keep it")
	c.SetConfirmImportance(widget.DangerImportance)
	c.Show()
}

func (d *teamsDialog) deleteTeam(t model.ProductTeam) {
	if err := d.u.st.DeleteTeam(d.u.ctx(), t.ID); err != nil {
		d.setProblem(refusal(err))
		return
	}
	if d.editing.ID == t.ID {
		d.closeForm()
	}
	d.load()
}

// cancel closes the dialog; with dialogForm's save, Escape and the save
// shortcut reach it.
func (d *teamsDialog) cancel() { d.dlg.Hide() }

// refusal is what the record said when it refused a change, without the
// words that say which call it was: "1 feedback item is for it…".
func refusal(err error) string {
	msg := problemOf(err)
	if i := strings.Index(msg, model.ErrConflict.Error()+": "); i >= 0 {
		msg = msg[i+len(model.ErrConflict.Error())+2:]
	}
	return problemText("", msg)
}
