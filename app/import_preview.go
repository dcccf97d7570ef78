package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// The choices an import's preview offers for each contact.
const (
	choiceMerge = "Merge"
	choiceSkip  = "Skip"
	choiceAdd   = "Add as new" // a contact matching a member
	choiceNew   = "Add"        // a contact matching no one
)

// ruleText says how a contact matched: "by email".
func ruleText(r model.MatchRule) string {
	switch r {
	case model.MatchUID:
		return "by vCard UID"
	case model.MatchEmail:
		return "by email"
	case model.MatchPhone:
		return "by phone"
	case model.MatchName:
		return "by name"
	}
	return ""
}

// importPreview shows what an import would do before anything is written: how
// many contacts are new, which match members already in the record and by
// which rule, with what merging them would leave out, and each problem of the
// files with its file and line. The user picks merge, skip or add for each
// contact; Import writes them as one batch.
type importPreview struct {
	u     *UI
	job   *importJob
	dlg   *dialog.CustomDialog
	items []model.ImportItem // the preview's, with the actions chosen
	p     model.ImportPreview
	// matches and fresh index items: those matching a member or an earlier
	// contact, and the others.
	matches, fresh []int
	problems       []ContactProblem

	tabs        *container.AppTabs
	matchList   *widget.List
	newList     *widget.List
	problemList *widget.List
	problemText *widget.Label
	will        *widget.Label
	importBtn   *widget.Button
	// heights caches a row's height by its number of conflicts.
	heights map[int]float32

	busy bool // the import is being written
	stop context.CancelFunc
	done bool
}

// showImportPreview shows what job would import.
func showImportPreview(j *importJob, pv model.ImportPreview, problems []ContactProblem) *importPreview {
	u := j.u
	p := &importPreview{u: u, job: j, p: pv, items: pv.Items, problems: problems, heights: map[int]float32{}}
	for i, it := range p.items {
		if it.IsNew() {
			p.fresh = append(p.fresh, i)
		} else {
			p.matches = append(p.matches, i)
		}
	}

	p.matchList = widget.NewList(func() int { return len(p.matches) },
		func() fyne.CanvasObject { return newImportRow(p) },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*importRow).set(p.matches[id]) })
	p.newList = widget.NewList(func() int { return len(p.fresh) },
		func() fyne.CanvasObject { return newImportRow(p) },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*importRow).set(p.fresh[id]) })
	for id, i := range p.matches {
		if n := len(p.items[i].Conflicts); n > 0 {
			p.matchList.SetItemHeight(id, p.rowHeight(n))
		}
	}

	p.problemText = wrapLabel("")
	p.problemText.Selectable = true
	p.problemText.Hide()
	p.problemList = widget.NewList(func() int { return len(p.problems) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.problems[id].Text) })
	p.problemList.OnSelected = func(id widget.ListItemID) {
		p.problemText.SetText(p.problems[id].Text)
		p.problemText.Show()
	}

	matchTab := container.NewTabItem(fmt.Sprintf("Matches (%d)", len(p.matches)), p.matchesPane())
	newTab := container.NewTabItem(fmt.Sprintf("New (%d)", len(p.fresh)), p.newPane())
	problemTab := container.NewTabItem(fmt.Sprintf("Problems (%d)", len(p.problems)), p.problemsPane())
	p.tabs = container.NewAppTabs(matchTab, newTab, problemTab)
	switch {
	case len(p.matches) > 0:
		p.tabs.Select(matchTab)
	case len(p.fresh) > 0:
		p.tabs.Select(newTab)
	default:
		p.tabs.Select(problemTab)
	}

	title := headingLabel(j.source())
	summary := wrapLabel(p.summary())
	p.will = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.will.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(container.NewVBox(title, summary), p.will, nil, nil, p.tabs)

	p.dlg = dialog.NewCustomWithoutButtons("Import contacts", content, u.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), p.cancel)
	p.importBtn = widget.NewButtonWithIcon("Import", theme.DownloadIcon(), p.save)
	p.importBtn.Importance = widget.HighImportance
	p.dlg.SetButtons([]fyne.CanvasObject{cancel, p.importBtn})
	p.showWill()
	size := u.win.Canvas().Size()
	p.dlg.Resize(fyne.NewSize(fyne.Max(fyne.Min(920, size.Width-40), 480), fyne.Max(fyne.Min(640, size.Height-40), 400)))
	u.showDialogForm(p, p.dlg, func() {
		if !p.busy {
			p.job.finish()
		}
	})
	return p
}

// summary says what the files hold: how many contacts, new or matching whom.
func (p *importPreview) summary() string {
	if len(p.items) == 0 {
		return fmt.Sprintf("No contact could be read: %s below.", model.Plural(len(p.problems), "problem is", "problems are"))
	}
	parts := []string{fmt.Sprintf("%d new", p.p.New)}
	if p.p.Matched > 0 {
		var rules []string
		for _, r := range model.MatchRules {
			if n := p.p.ByRule[r]; n > 0 {
				rules = append(rules, fmt.Sprintf("%d %s", n, ruleText(r)))
			}
		}
		parts = append(parts, fmt.Sprintf("%d already in the record (%s)", p.p.Matched, strings.Join(rules, ", ")))
	}
	if p.p.Repeats > 0 {
		parts = append(parts, fmt.Sprintf("%d the same person as an earlier contact of the import", p.p.Repeats))
	}
	s := model.Plural(len(p.items), "contact", "contacts") + ": " + strings.Join(parts, ", ") + "."
	if len(p.problems) > 0 {
		s += " " + model.Plural(len(p.problems), "problem", "problems") + " to look at."
	}
	return s + " Nothing is written until you press Import."
}

func (p *importPreview) matchesPane() fyne.CanvasObject {
	if len(p.matches) == 0 {
		return container.NewPadded(lowLabel("None of these contacts is in the record yet."))
	}
	hint := quietCaption("Merging fills the member's empty fields and adds the emails, phones, places and tags they lack. " +
		"Where the two say something different, the record's value stays; what is left out is listed under the contact.")
	bulk := container.NewHBox(forAllLabel(),
		p.bulkButton("Merge", model.ImportMerge, p.matches),
		p.bulkButton("Skip", model.ImportSkip, p.matches),
		p.bulkButton("Add as new", model.ImportAdd, p.matches))
	return container.NewBorder(container.NewVBox(hint, bulk), nil, nil, nil, p.matchList)
}

func (p *importPreview) newPane() fyne.CanvasObject {
	if len(p.fresh) == 0 {
		return container.NewPadded(lowLabel("Every contact matches someone already in the record."))
	}
	bulk := container.NewHBox(forAllLabel(),
		p.bulkButton("Add", model.ImportAdd, p.fresh),
		p.bulkButton("Skip", model.ImportSkip, p.fresh))
	return container.NewBorder(bulk, nil, nil, nil, p.newList)
}

func (p *importPreview) problemsPane() fyne.CanvasObject {
	if len(p.problems) == 0 {
		return container.NewPadded(lowLabel("No problems: everything in the files was read."))
	}
	hint := quietCaption("The contacts these name were left out, or kept in part: the rest imports all the same. Pick one to read it in full.")
	copyAll := widget.NewButtonWithIcon("Copy all", theme.ContentCopyIcon(), func() {
		texts := make([]string, len(p.problems))
		for i, pr := range p.problems {
			texts[i] = pr.Text
		}
		p.u.app.Clipboard().SetContent(strings.Join(texts, "\n"))
	})
	copyAll.Importance = widget.LowImportance
	top := container.NewBorder(nil, nil, nil, copyAll, hint)
	return container.NewBorder(top, p.problemText, nil, nil, p.problemList)
}

func (p *importPreview) bulkButton(label string, a model.ImportAction, which []int) *widget.Button {
	b := widget.NewButton(label, func() {
		for _, i := range which {
			p.items[i].Action = a
		}
		p.matchList.Refresh()
		p.newList.Refresh()
		p.showWill()
	})
	b.Importance = widget.LowImportance
	return b
}

// setAction chooses what to do with item i.
func (p *importPreview) setAction(i int, a model.ImportAction) {
	if p.items[i].Action == a {
		return
	}
	p.items[i].Action = a
	p.showWill()
}

// counts is what Import would do with the actions chosen, counted as the
// record counts them.
func (p *importPreview) counts() (added, merged, skipped int) {
	for _, it := range p.items {
		switch {
		case it.Action == model.ImportSkip:
			skipped++
		case it.Action == model.ImportAdd:
			added++
		case it.Match == nil && it.DuplicateOf > 0 && p.items[it.DuplicateOf-1].Action == model.ImportSkip:
			added++ // what it repeats is left out: it comes in on its own
		default:
			merged++
		}
	}
	return added, merged, skipped
}

// showWill says what pressing Import does.
func (p *importPreview) showWill() {
	added, merged, skipped := p.counts()
	var parts []string
	if added > 0 {
		parts = append(parts, "adds "+model.Plural(added, "member", "members"))
	}
	if merged > 0 {
		parts = append(parts, "merges "+model.Plural(merged, "contact", "contacts")+" into members already there")
	}
	if skipped > 0 {
		parts = append(parts, "skips "+fmt.Sprint(skipped))
	}
	switch {
	case len(p.items) == 0:
		p.will.SetText("There is nothing to import.")
	case added+merged == 0:
		p.will.SetText("Every contact is skipped: there is nothing to import.")
	default:
		p.will.SetText("Import " + joinWords(parts) + ". You can undo it as a whole.")
	}
	if added+merged == 0 || p.busy {
		p.importBtn.Disable()
	} else {
		p.importBtn.Enable()
	}
}

// joinWords joins parts as a sentence does: "a, b and c".
func joinWords(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// rowHeight is the height of a contact's row listing n conflicts.
func (p *importPreview) rowHeight(n int) float32 {
	if h, ok := p.heights[n]; ok {
		return h
	}
	r := newImportRow(p)
	r.conflicts.SetText(strings.Repeat("x\n", n-1) + "x")
	r.conflicts.Show()
	h := r.MinSize().Height
	p.heights[n] = h
	return h
}

// save writes the import as the user chose, in the background; Cancel in the
// progress calls it off and leaves the record as it was.
func (p *importPreview) save() {
	if p.busy || p.done {
		return
	}
	if added, merged, _ := p.counts(); added+merged == 0 {
		return
	}
	u := p.u
	items := slices.Clone(p.items)
	ctx, stop := context.WithCancel(u.ctx())
	p.busy, p.stop = true, stop
	p.importBtn.Disable()
	source := p.job.source()
	prog := u.startProgress("Importing contacts", fmt.Sprintf("Importing %s from %s…", model.Plural(len(items), "contact", "contacts"), source), stop)
	st := u.st
	u.goDo(func() func() {
		batch, res, err := st.Import(ctx, source, items)
		return func() {
			prog.finish()
			stop()
			p.busy = false
			if p.done || u.st != st || !p.job.active() {
				return
			}
			if err != nil {
				p.showWill()
				if !cancelled(err) {
					u.showError(err)
				}
				return // the preview stays: choose again, or cancel
			}
			p.close()
			u.imported(batch, source, res)
		}
	})
}

// cancel closes the preview without importing; while the import is being
// written, it calls it off.
func (p *importPreview) cancel() {
	if p.busy {
		p.stop()
		return
	}
	p.close()
}

func (p *importPreview) close() {
	if p.done {
		return
	}
	p.done = true
	p.dlg.Hide()
	p.job.finish()
}

// importRow is one contact of the preview: its name, where it was read and
// whom it matches, what merging would leave out, and the choice of what to
// do with it.
type importRow struct {
	widget.BaseWidget
	p         *importPreview
	i         int // the item shown
	name      *widget.Label
	sub       *quietLabel
	conflicts *widget.Label
	action    *widget.Select
}

func newImportRow(p *importPreview) *importRow {
	r := &importRow{p: p, i: -1}
	r.name = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.sub = newQuietLabel("")
	r.sub.SizeName = theme.SizeNameCaptionText
	r.sub.Truncation = fyne.TextTruncateEllipsis
	r.conflicts = widget.NewLabel("")
	r.conflicts.SizeName = theme.SizeNameCaptionText
	r.conflicts.Importance = widget.WarningImportance
	r.conflicts.Truncation = fyne.TextTruncateEllipsis
	r.conflicts.Hide()
	r.action = widget.NewSelect(nil, r.chosen)
	r.ExtendBaseWidget(r)
	return r
}

func (r *importRow) CreateRenderer() fyne.WidgetRenderer {
	text := container.NewVBox(container.New(&rowLayout{}, r.name, r.sub), r.conflicts)
	action := container.NewVBox(container.New(&fixedWidth{width: 150}, r.action), layout.NewSpacer())
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, action, text))
}

// set shows item i.
func (r *importRow) set(i int) {
	r.i = i
	it := r.p.items[i]
	r.name.SetText(it.Incoming.Name)
	var conflicts []string
	switch {
	case it.Match != nil:
		r.sub.SetText(fmt.Sprintf("%s · matches %s %s", it.Origin, it.Match.Name, ruleText(it.MatchedBy)))
		for _, c := range it.Conflicts {
			conflicts = append(conflicts, capitalize(c.String()))
		}
	case it.DuplicateOf > 0:
		first := r.p.items[it.DuplicateOf-1]
		r.sub.SetText(fmt.Sprintf("%s · the same person as %s (%s) %s", it.Origin, first.Incoming.Name, first.Origin, ruleText(it.MatchedBy)))
		for _, c := range it.Conflicts {
			conflicts = append(conflicts, capitalize(c.String()))
		}
	default:
		r.sub.SetText(joinNonEmpty(" · ", it.Origin, firstOf(it.Incoming.Emails), it.Incoming.Organisation, it.Incoming.Role))
	}
	r.conflicts.SetText(strings.Join(conflicts, "\n"))
	if len(conflicts) > 0 {
		r.conflicts.Show()
	} else {
		r.conflicts.Hide()
	}
	options := []string{choiceMerge, choiceSkip, choiceAdd}
	if it.IsNew() {
		options = []string{choiceNew, choiceSkip}
	}
	r.action.OnChanged = nil
	r.action.Options = options
	r.action.SetSelected(choiceOf(it))
	r.action.OnChanged = r.chosen
}

func (r *importRow) chosen(choice string) {
	if r.i < 0 {
		return
	}
	a := model.ImportAdd
	switch choice {
	case choiceMerge:
		a = model.ImportMerge
	case choiceSkip:
		a = model.ImportSkip
	}
	r.p.setAction(r.i, a)
}

// choiceOf is the choice that shows an item's action.
func choiceOf(it model.ImportItem) string {
	switch it.Action {
	case model.ImportMerge:
		return choiceMerge
	case model.ImportSkip:
		return choiceSkip
	}
	if it.IsNew() {
		return choiceNew
	}
	return choiceAdd
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// forAllLabel introduces the buttons that choose for every contact of a tab.
func forAllLabel() *quietLabel { return newQuietLabel("For all of them:") }
