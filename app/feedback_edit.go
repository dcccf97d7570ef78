package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// noTeamChoice is the team choice for an item not handed to a team.
const noTeamChoice = "No team yet"

// duplicateLimit bounds how many items the duplicate picker offers.
const duplicateLimit = 8

// feedbackEditForm changes what an item is: its title, detail, kind, team,
// tracker link and outcome. Where it stands moves from its Move to… menu.
type feedbackEditForm struct {
	u    *UI
	dlg  *dialog.CustomDialog
	done bool
	item model.Feedback

	title   *formEntry
	detail  *formEntry
	kind    *widget.Select
	team    *widget.Select
	tracker *formEntry
	outcome *formEntry
	teams   []model.ProductTeam

	fields  map[string]*formField
	general *widget.Label
}

// editFeedback opens the edit form on item.
func (u *UI) editFeedback(item model.FeedbackItem) {
	if u.form != nil {
		return
	}
	showFeedbackEditForm(u, item)
}

func showFeedbackEditForm(u *UI, item model.FeedbackItem) *feedbackEditForm {
	f := &feedbackEditForm{u: u, item: item.Feedback, fields: map[string]*formField{}}
	entry := func(multi bool, placeholder, text string) *formEntry {
		e := newFormEntry(multi, placeholder)
		e.onSave, e.onCancel = f.save, f.cancel
		e.SetText(text)
		return e
	}
	f.title = entry(false, "What they asked for, in a few words", item.Title)
	f.detail = entry(true, "What it is about, for the team", item.Detail)
	f.tracker = entry(false, "https://… where the team tracks it", item.TrackerLink)
	f.outcome = entry(true, "What became of it, in words members are told", item.Outcome)
	kinds := make([]string, len(model.FeedbackKinds))
	for i, k := range model.FeedbackKinds {
		kinds[i] = string(k)
	}
	f.kind = widget.NewSelect(kinds, func(string) { f.fields[model.FieldKind].setProblem("") })
	f.kind.Selected = string(item.Kind)
	f.team = widget.NewSelect([]string{noTeamChoice}, func(string) { f.fields[model.FieldTeam].setProblem("") })
	f.team.Selected = noTeamChoice
	if item.TeamName != "" {
		f.team.Selected = item.TeamName
	}

	f.general = widget.NewLabel("")
	f.general.Importance = widget.DangerImportance
	f.general.Wrapping = fyne.TextWrapWord
	f.general.Hide()

	grid := container.New(layout.NewFormLayout())
	row := func(key, label, hint string, input fyne.CanvasObject, focus fyne.Focusable) {
		field := newFormField(label, hint, focus)
		f.fields[key] = field
		grid.Add(widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(container.NewVBox(input, field.view()))
	}
	row(model.FieldTitle, "Title", "", f.title, f.title)
	row(model.FieldDetail, "Detail", "", f.detail, f.detail)
	row(model.FieldKind, "Kind", "", f.kind, f.kind)
	row(model.FieldTeam, "Team", "Who it goes to: product, QA, docs…", f.team, f.team)
	row(model.FieldTrackerLink, "Tracker link", "Where the team tracks it: an issue, a ticket.", f.tracker, f.tracker)
	row(model.FieldOutcome, "Outcome", "What members are told became of it.", f.outcome, f.outcome)

	content := container.NewBorder(f.general, nil, nil, nil, container.NewVScroll(container.NewPadded(grid)))
	f.dlg = dialog.NewCustomWithoutButtons("Edit feedback", content, u.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.cancel)
	saveBtn := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), f.save)
	saveBtn.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, saveBtn})
	size := u.win.Canvas().Size()
	f.dlg.Resize(fyne.NewSize(fyne.Max(fyne.Min(700, size.Width-40), 420), fyne.Max(fyne.Min(620, size.Height-40), 360)))
	u.showDialogForm(f, f.dlg, nil)
	f.loadTeams()
	u.win.Canvas().Focus(f.title)
	return f
}

// loadTeams reads the teams into the choice; an archived team the item is
// with stays offered.
func (f *feedbackEditForm) loadTeams() {
	f.u.background(func(ctx context.Context, st Store) func() {
		teams, err := st.Teams(ctx, true)
		return func() {
			if err != nil {
				f.u.showError(err)
				return
			}
			var keep []model.ProductTeam
			options := []string{noTeamChoice}
			for _, t := range teams {
				if t.ID == f.item.TeamID || !t.Archived() {
					keep = append(keep, t)
					options = append(options, t.Name)
				}
			}
			f.teams = keep
			f.team.Options = options
			f.team.Refresh()
		}
	})
}

// collect reads the form over the item edited.
func (f *feedbackEditForm) collect() model.Feedback {
	item := f.item
	item.Title = f.title.Text
	item.Detail = f.detail.Text
	item.Kind = model.FeedbackKind(f.kind.Selected)
	item.TrackerLink = f.tracker.Text
	item.Outcome = f.outcome.Text
	if f.team.Selected == noTeamChoice {
		item.TeamID = 0
	} else if i := slices.IndexFunc(f.teams, func(t model.ProductTeam) bool { return t.Name == f.team.Selected }); i >= 0 {
		item.TeamID = f.teams[i].ID
	}
	return item
}

// showProblems puts each problem under its field, and the rest on top.
func (f *feedbackEditForm) showProblems(err error) {
	showFieldProblems(f.fields, f.general, err)
}

func (f *feedbackEditForm) save() {
	if f.done {
		return
	}
	item := f.collect()
	if err := f.u.st.UpdateFeedback(f.u.ctx(), &item); err != nil {
		f.showProblems(err)
		return
	}
	f.done = true
	f.dlg.Hide()
	f.u.feedbackChanged(item.ID)
}

func (f *feedbackEditForm) cancel() {
	f.done = true
	f.dlg.Hide()
}

// duplicateForm picks the item another one duplicates, searching as typed.
type duplicateForm struct {
	u     *UI
	dlg   *dialog.CustomDialog
	done  bool
	item  model.Feedback
	entry *formEntry
	list  *fyne.Container
	// problem says why the pick was refused.
	problem *widget.Label

	found    []model.FeedbackItem
	searched string
	gen      int
	debounce *time.Timer
}

// markDuplicateOf opens the picker of the item f duplicates.
func (u *UI) markDuplicateOf(item model.Feedback) {
	if u.form != nil {
		return
	}
	showDuplicateForm(u, item)
}

func showDuplicateForm(u *UI, item model.Feedback) *duplicateForm {
	f := &duplicateForm{u: u, item: item}
	f.entry = newFormEntry(false, "Type a word of the other item's title or quotes")
	f.entry.onCancel = f.cancel
	f.entry.onSave = f.save
	f.entry.OnChanged = func(string) { f.searchLater() }
	f.list = container.NewVBox()
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Hide()
	intro := wrapLabel(fmt.Sprintf("“%s” repeats which item? Its members' words move there.", excerpt(item.Title, 60)))
	content := container.NewBorder(container.NewVBox(intro, f.entry, f.problem), nil, nil, nil, container.NewVScroll(f.list))
	f.dlg = dialog.NewCustomWithoutButtons("Mark as duplicate", content, u.win)
	f.dlg.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.cancel)})
	size := u.win.Canvas().Size()
	f.dlg.Resize(fyne.NewSize(fyne.Max(fyne.Min(600, size.Width-40), 400), fyne.Max(fyne.Min(480, size.Height-40), 300)))
	u.showDialogForm(f, f.dlg, func() {
		if f.debounce != nil {
			f.debounce.Stop()
		}
	})
	u.win.Canvas().Focus(f.entry)
	f.search()
	return f
}

func (f *duplicateForm) searchLater() {
	if f.debounce != nil {
		f.debounce.Stop()
	}
	f.debounce = time.AfterFunc(pickerDelay, func() {
		f.u.do(func() {
			if !f.done {
				f.search()
			}
		})
	})
}

// search lists the living items matching what was typed, but the item itself
// and the duplicates.
func (f *duplicateForm) search() {
	if f.debounce != nil {
		f.debounce.Stop()
	}
	text := strings.TrimSpace(f.entry.Text)
	f.gen++
	gen := f.gen
	f.u.background(func(ctx context.Context, st Store) func() {
		items, err := st.FeedbackItems(ctx, model.FeedbackFilter{Text: text, Limit: duplicateLimit + 1})
		return func() {
			if gen != f.gen || f.done {
				return
			}
			if err != nil {
				f.u.showError(err)
				return
			}
			f.searched = text
			f.show(items)
		}
	})
}

func (f *duplicateForm) show(items []model.FeedbackItem) {
	f.found = nil
	for _, it := range items {
		if it.ID != f.item.ID && it.Status != model.FeedbackDuplicate && len(f.found) < duplicateLimit {
			f.found = append(f.found, it)
		}
	}
	var objs []fyne.CanvasObject
	for _, it := range f.found {
		b := widget.NewButton(it.Title+"  ·  "+string(it.Status)+" · "+loopText(it), func() { f.pick(it) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		objs = append(objs, b)
	}
	if len(objs) == 0 {
		objs = append(objs, captionLabel("No other item matches."))
	}
	f.list.Objects = objs
	f.list.Refresh()
}

// pick marks the item a duplicate of it.
func (f *duplicateForm) pick(it model.FeedbackItem) {
	if f.done {
		return
	}
	if err := f.u.st.MarkDuplicate(f.u.ctx(), f.item.ID, it.ID); err != nil {
		f.problem.SetText(problemOf(err))
		f.problem.Show()
		return
	}
	f.done = true
	f.dlg.Hide()
	f.u.feedbackChanged(f.item.ID)
}

// save picks the first item found, once the search is for what was typed.
func (f *duplicateForm) save() {
	if f.searched == strings.TrimSpace(f.entry.Text) && len(f.found) > 0 {
		f.pick(f.found[0])
	}
}

func (f *duplicateForm) cancel() {
	f.done = true
	f.dlg.Hide()
}
