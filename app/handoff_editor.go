package app

import (
	"context"
	"errors"
	"fmt"
	"maps"
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

// wholeCommunity is the scope choice that covers every member.
const wholeCommunity = "Whole community"

// keySuggestionLimit is how many members the editor suggests as key at a time.
const keySuggestionLimit = 8

// handoffEditor is the guided editor of one handoff: from, to, date and
// scope, one part of the narrative per section with its prompt beside it, the
// key members, and the preview of the document. Every save keeps a version;
// what was typed is kept as a draft before the editor goes away.
type handoffEditor struct {
	widget.BaseWidget
	u *UI
	// h is the handoff as the record holds it (ID 0 until first saved);
	// saved is what the editor held when it was last saved or opened.
	h     model.Handoff
	saved model.Handoff

	title    *widget.Label
	status   *quietLabel
	general  *widget.Label
	from     *formEntry
	to       *formEntry
	date     *formEntry
	scope    *widget.Select
	sections map[string]*formEntry
	fields   map[string]*formField

	keys        []*keyMemberRow
	keyBox      *fyne.Container
	noKeys      fyne.CanvasObject
	picker      *memberPicker
	suggestBox  *fyne.Container
	suggestions []model.KeySuggestion
	suggestGen  int
	// names are the names of the members the editor shows, by id.
	names map[int64]string
	// private tells the members whose private notes the record holds.
	private map[int64]bool

	tabs        *container.AppTabs
	writeTab    *container.TabItem
	previewTab  *container.TabItem
	preview     *handoffPreview
	saveBtn     *widget.Button
	versionsBtn *widget.Button
	handOverBtn *widget.Button
	deleteBtn   *widget.Button
	editable    []fyne.Disableable
	addKeys     *fyne.Container
	keysView    *container.Scroll
}

// keyMemberRow is one key member in the editor: whether their private notes
// go in, and the introductions to make.
type keyMemberRow struct {
	id      int64
	private *widget.Check
	intro   *formEntry
	remove  *widget.Button
	box     fyne.CanvasObject
}

func newHandoffEditor(u *UI, h model.Handoff) *handoffEditor {
	e := &handoffEditor{u: u, h: h, sections: map[string]*formEntry{}, fields: map[string]*formField{},
		names: map[int64]string{}, private: map[int64]bool{}}
	entry := func(multi bool, placeholder string) *formEntry {
		en := newFormEntry(multi, placeholder)
		en.onSave = func() { e.save() }
		e.editable = append(e.editable, en)
		return en
	}
	e.title = headingLabel("")
	e.status = quietText("")
	e.general = widget.NewLabel("")
	e.general.Importance = widget.DangerImportance
	e.general.Wrapping = fyne.TextWrapWord
	e.general.Hide()
	e.from = entry(false, "Your name")
	e.to = entry(false, "Your successor's name, once you know it")
	e.from.OnChanged = func(string) { e.showTitle() }
	e.to.OnChanged = func(string) {
		e.showTitle()
		if field := e.fields[model.FieldHandoffTo]; field.problem != "" {
			field.setProblem("")
		}
	}
	e.date = entry(false, "2026-12-01, today, next week")
	e.scope = widget.NewSelect([]string{wholeCommunity}, nil)
	e.scope.Selected = wholeCommunity
	e.editable = append(e.editable, e.scope)

	grid := container.New(layout.NewFormLayout())
	row := func(key, label, hint string, input fyne.CanvasObject, focus fyne.Focusable) *formField {
		field := newFormField(label, hint, focus)
		e.fields[key] = field
		grid.Add(widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(container.NewVBox(input, field.view()))
		return field
	}
	row(model.FieldHandoffFrom, "From", "", e.from, e.from)
	row(model.FieldHandoffTo, "To", "", e.to, e.to)
	dateField := row(model.FieldHandoffDate, "As of", "The day the record's account is written as of.", e.date, e.date)
	e.date.onLeave = func() { dateField.setProblem(e.dateProblem()) }
	e.date.OnChanged = func(string) {
		if dateField.problem != "" {
			dateField.setProblem(e.dateProblem())
		}
	}
	row(model.FieldHandoffTag, "Scope", "The whole community, or the members of one tag.", e.scope, nil)

	parts := []fyne.CanvasObject{grid}
	for _, sec := range model.NarrativeSections {
		en := entry(true, "")
		en.SetMinRowsVisible(5)
		e.sections[sec.Key] = en
		prompt := quietCaption(sec.Prompt)
		var promptView fyne.CanvasObject = prompt
		if sec.Key == "access" {
			// Secrets written here would travel in every export and bundle.
			prompt.Importance = widget.WarningImportance
			prompt.TextStyle = fyne.TextStyle{Bold: true}
			promptView = container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.WarningIcon())), nil, prompt)
		}
		field := newFormField(sec.Title, "", en)
		e.fields[sec.Key] = field
		parts = append(parts, widget.NewSeparator(), sectionTitle(sec.Title), promptView, en, field.view())
	}

	e.keyBox = container.NewVBox()
	e.noKeys = quietCaption("No key member chosen yet. Add the people your successor should know first; the suggestions below are members with something open.")
	e.picker = newMemberPicker(u, "Add a key member: type part of a name")
	e.picker.noNew = true
	e.picker.onChange = e.picked
	e.suggestBox = container.NewVBox()
	e.addKeys = container.NewVBox(e.picker, sectionTitle("Suggestions"), e.suggestBox)
	keysField := newFormField("Key members", "", e.picker.entry)
	e.fields[model.FieldHandoffKeyMembers] = keysField
	keys := container.NewVBox(headingLabel("Key members"),
		quietCaption("For each, the handoff tells how you met, what they care about, your history, open promises and feedback they wait on. Their private notes stay out unless you tick them in."),
		e.keyBox, e.noKeys, keysField.view(), e.addKeys)

	// The narrative and the key members side by side: both are written at
	// once, and the suggestions stay in sight while writing.
	e.keysView = container.NewVScroll(container.NewPadded(keys))
	write := container.NewHSplit(container.NewVScroll(container.NewPadded(container.NewVBox(parts...))), e.keysView)
	write.Offset = 0.6
	e.preview = newHandoffPreview(e)
	e.writeTab = container.NewTabItemWithIcon("Write", theme.DocumentCreateIcon(), write)
	e.previewTab = container.NewTabItemWithIcon("Preview", theme.VisibilityIcon(), e.preview)
	e.tabs = container.NewAppTabs(e.writeTab, e.previewTab)
	e.tabs.OnSelected = func(t *container.TabItem) {
		if t == e.previewTab {
			e.preview.load()
		}
	}

	e.saveBtn = widget.NewButtonWithIcon("Save draft", theme.DocumentSaveIcon(), func() { e.save() })
	e.saveBtn.Importance = widget.HighImportance
	e.versionsBtn = widget.NewButtonWithIcon("Versions…", theme.HistoryIcon(), e.showVersions)
	e.handOverBtn = widget.NewButtonWithIcon("Hand over…", theme.ConfirmIcon(), e.confirmHandOver)
	e.deleteBtn = widget.NewButtonWithIcon("Delete draft", theme.DeleteIcon(), e.confirmDelete)

	e.fill(h)
	e.markSaved(h)
	e.loadTags()
	e.setReadOnly(h.Finished())
	if h.Finished() {
		e.tabs.Select(e.previewTab) // to read, not to edit: the entries are dimmed
	}
	e.ExtendBaseWidget(e)
	return e
}

func (e *handoffEditor) CreateRenderer() fyne.WidgetRenderer {
	back := widget.NewButtonWithIcon("Handoffs", theme.NavigateBackIcon(), func() { e.u.handoffs.closeEditor() })
	back.Importance = widget.LowImportance
	buttons := container.NewVBox(container.NewHBox(e.saveBtn, e.versionsBtn, e.handOverBtn, e.deleteBtn))
	header := container.NewVBox(
		container.NewBorder(nil, nil, container.NewVBox(back), buttons, e.title),
		e.status,
		e.general,
	)
	return widget.NewSimpleRenderer(container.NewBorder(container.NewPadded(header), nil, nil, nil, e.tabs))
}

// focusFirst puts the cursor where writing starts: the successor's name
// while it is not known, else the first section.
func (e *handoffEditor) focusFirst() {
	if e.h.Finished() {
		return
	}
	if strings.TrimSpace(e.to.Text) == "" {
		e.u.win.Canvas().Focus(e.to)
		return
	}
	e.u.win.Canvas().Focus(e.sections[model.NarrativeSections[0].Key])
}

// fill shows h's fields in the editor.
func (e *handoffEditor) fill(h model.Handoff) {
	e.from.SetText(h.From)
	e.to.SetText(h.To)
	e.date.SetText("")
	if !h.Date.IsZero() {
		e.date.SetText(h.Date.Format(dayFormat))
	}
	e.setScope(h.Tag)
	for _, sec := range model.NarrativeSections {
		e.sections[sec.Key].SetText(h.Narrative[sec.Key])
	}
	for _, r := range e.keys {
		e.keyBox.Remove(r.box)
	}
	e.keys = nil
	for _, k := range h.KeyMembers {
		e.addKey(k)
	}
	e.keysChanged()
}

func (e *handoffEditor) setScope(tag string) {
	if tag == "" {
		e.scope.SetSelected(wholeCommunity)
		return
	}
	if !slices.Contains(e.scope.Options, tag) {
		e.scope.SetOptions(append(slices.Clone(e.scope.Options), tag))
	}
	e.scope.SetSelected(tag)
}

// loadTags offers the record's tags as scopes.
func (e *handoffEditor) loadTags() {
	e.u.background(func(ctx context.Context, st Store) func() {
		tags, err := st.Tags(ctx)
		return func() {
			if err != nil {
				e.u.showError(err)
				return
			}
			options := append([]string{wholeCommunity}, tags...)
			if cur := e.scope.Selected; cur != wholeCommunity && !slices.Contains(options, cur) {
				options = append(options, cur) // a tag nobody carries any more still names the scope
			}
			e.scope.SetOptions(options)
		}
	})
	e.scope.OnChanged = func(string) { e.loadSuggestions() }
}

// dateProblem says what is wrong with the date typed, if anything.
func (e *handoffEditor) dateProblem() string {
	if _, err := parseDay(e.date.Text, e.u.now()); err != nil {
		return err.Error()
	}
	return ""
}

// collect reads the handoff as typed; problems are what cannot even be read
// (a date that is not a date).
func (e *handoffEditor) collect() (model.Handoff, model.ValidationError) {
	h := e.h
	h.From = strings.TrimSpace(e.from.Text)
	h.To = strings.TrimSpace(e.to.Text)
	h.Tag = ""
	if e.scope.Selected != wholeCommunity {
		h.Tag = e.scope.Selected
	}
	h.Narrative = map[string]string{}
	for _, sec := range model.NarrativeSections {
		if text := e.sections[sec.Key].Text; strings.TrimSpace(text) != "" {
			h.Narrative[sec.Key] = text
		}
	}
	h.KeyMembers = nil
	for _, r := range e.keys {
		h.KeyMembers = append(h.KeyMembers, model.KeyMember{MemberID: r.id, IncludePrivate: r.private.Checked, Introductions: strings.TrimSpace(r.intro.Text)})
	}
	var problems model.ValidationError
	day, err := parseDay(e.date.Text, e.u.now())
	if err != nil {
		problems = append(problems, model.FieldError{Field: model.FieldHandoffDate, Problem: err.Error()})
	} else {
		h.Date = day
	}
	return h, problems
}

// changed reports whether the editor holds something not saved yet.
func (e *handoffEditor) changed() bool {
	if e.h.Finished() {
		return false
	}
	h, problems := e.collect()
	if len(problems) > 0 {
		return true // a date being typed is something typed
	}
	return !sameHandoff(h, e.saved)
}

// sameHandoff reports whether a and b say the same thing, once tidied as
// the record tidies what it keeps.
func sameHandoff(a, b model.Handoff) bool {
	tidy := func(h model.Handoff) model.Handoff {
		h.Narrative = maps.Clone(h.Narrative)
		h.KeyMembers = slices.Clone(h.KeyMembers)
		h.Normalize()
		return h
	}
	a, b = tidy(a), tidy(b)
	return a.From == b.From && a.To == b.To && a.Tag == b.Tag &&
		a.Date.Format(dayFormat) == b.Date.Format(dayFormat) &&
		slices.Equal(a.KeyMembers, b.KeyMembers) && maps.Equal(a.Narrative, b.Narrative)
}

// markSaved records h as what the record holds.
func (e *handoffEditor) markSaved(h model.Handoff) {
	e.h = h
	e.saved = h
	e.saved.Narrative = maps.Clone(h.Narrative)
	e.saved.KeyMembers = slices.Clone(h.KeyMembers)
	e.showTitle()
	switch {
	case h.Finished():
		e.status.SetText(fmt.Sprintf("Handed over to %s on %s. It stays as it was handed over: read it and export it again from the preview.", h.To, formatDate(h.FinishedAt)))
	case h.ID == 0:
		e.status.SetText("A new draft, not saved yet. Save it (" + shortcutName("S") + ") to keep a version; leaving keeps it too.")
	default:
		e.status.SetText(fmt.Sprintf("Draft · version %d, saved %s", h.Version, formatWhen(h.UpdatedAt)))
	}
}

// showTitle names the handoff as typed: from whom to whom.
func (e *handoffEditor) showTitle() {
	from, to := strings.TrimSpace(e.from.Text), strings.TrimSpace(e.to.Text)
	if from == "" {
		from = "…"
	}
	if to == "" {
		to = "a successor not named yet"
	}
	e.title.SetText("Handoff from " + from + " to " + to)
}

// showProblems marks every field the record refused and puts the cursor in
// the first of them; what the user typed stays as it was.
func (e *handoffEditor) showProblems(ve model.ValidationError) {
	problems := map[string]string{}
	var general []string
	for _, fe := range ve {
		key := fe.Field
		if key == model.FieldHandoffNarrative {
			// The record names the section in its words: mark that section.
			for _, sec := range model.NarrativeSections {
				if strings.Contains(fe.Problem, sec.Title) {
					key = sec.Key
				}
			}
		}
		if _, ok := e.fields[key]; !ok {
			general = append(general, problemText(fe.Field, fe.Problem))
			continue
		}
		if problems[key] == "" {
			problems[key] = fe.Problem
		}
	}
	keys := []string{model.FieldHandoffFrom, model.FieldHandoffTo, model.FieldHandoffDate, model.FieldHandoffTag}
	for _, sec := range model.NarrativeSections {
		keys = append(keys, sec.Key)
	}
	keys = append(keys, model.FieldHandoffKeyMembers)
	var first fyne.Focusable
	for _, key := range keys {
		field := e.fields[key]
		field.setProblem(problems[key])
		if problems[key] != "" && first == nil {
			first = field.focus
		}
	}
	if len(general) > 0 {
		e.general.SetText(strings.Join(general, " "))
		e.general.Show()
	} else {
		e.general.Hide()
	}
	if len(problems) > 0 || len(general) > 0 {
		e.tabs.Select(e.writeTab)
	}
	if first != nil {
		e.u.win.Canvas().Focus(first)
	}
}

// save keeps what the editor holds as a new version (Save draft, Ctrl+S).
// It reports whether the record holds it now.
func (e *handoffEditor) save() bool {
	if e.h.Finished() {
		return false
	}
	if e.h.ID != 0 && !e.changed() {
		e.status.SetText(fmt.Sprintf("Nothing changed since version %d.", e.h.Version))
		return true
	}
	h, problems := e.collect()
	if len(problems) > 0 {
		e.showProblems(problems)
		return false
	}
	ok, err := e.store(h)
	if err != nil {
		e.u.showError(err)
	}
	if !ok {
		return false
	}
	e.status.SetText(fmt.Sprintf("Saved version %d.", e.h.Version))
	return true
}

// store hands h to the record as a new version. The problems the record
// finds are marked by their fields; other errors are returned.
// It reports whether the record holds h now.
func (e *handoffEditor) store(h model.Handoff) (bool, error) {
	err := e.u.st.SaveHandoff(e.u.ctx(), &h)
	var ve model.ValidationError
	if errors.As(err, &ve) {
		e.showProblems(ve)
		return false, nil
	}
	if err != nil {
		return false, err
	}
	e.showProblems(nil)
	e.markSaved(h)
	e.loadSuggestions()
	e.refreshButtons()
	e.u.refreshMenu()
	return true, nil
}

// keep saves what changed before the editor goes away, filling in what a
// draft cannot do without (the date, who it is from) from what was saved,
// so that the words typed are kept. It reports false, with the problems
// shown, when the record still refuses it.
func (e *handoffEditor) keep() bool {
	if !e.changed() {
		return true
	}
	h, problems := e.collect()
	if len(problems) > 0 {
		h.Date = e.saved.Date
		if h.Date.IsZero() {
			h.Date = startOfDay(e.u.now()).Add(12 * time.Hour)
		}
	}
	if h.From == "" {
		h.From = e.u.me.Name
	}
	ok, err := e.store(h)
	if err != nil {
		e.u.showError(fmt.Errorf("the handoff draft could not be kept: %w", err))
		return false
	}
	if !ok {
		e.u.showError(errors.New("the handoff draft could not be kept yet: the record refused what is marked in the editor; change it and try again"))
		return false
	}
	e.fill(e.h) // what was filled in shows
	return true
}

// setReadOnly shows a handed-over handoff: nothing in it can change any more.
func (e *handoffEditor) setReadOnly(ro bool) {
	for _, d := range e.editable {
		if ro {
			d.Disable()
		} else {
			d.Enable()
		}
	}
	for _, r := range e.keys {
		r.setReadOnly(ro)
	}
	if ro {
		e.addKeys.Hide()
	} else {
		e.addKeys.Show()
		e.loadSuggestions()
	}
	e.refreshButtons()
	e.preview.refreshButtons()
}

func (e *handoffEditor) refreshButtons() {
	draft := !e.h.Finished()
	for _, b := range []*widget.Button{e.saveBtn, e.handOverBtn, e.deleteBtn, e.versionsBtn} {
		if draft {
			b.Show()
		} else {
			b.Hide()
		}
	}
	if e.h.ID == 0 {
		e.versionsBtn.Disable()
		e.deleteBtn.Disable()
	} else {
		e.versionsBtn.Enable()
		e.deleteBtn.Enable()
	}
}

// showWriters shows or hides what needs the document writers.
func (e *handoffEditor) showWriters() { e.preview.refreshButtons() }

// addKey adds a row for a key member.
func (e *handoffEditor) addKey(k model.KeyMember) *keyMemberRow {
	r := &keyMemberRow{id: k.MemberID}
	name := e.memberName(k.MemberID)
	r.private = widget.NewCheck("Include private notes", func(bool) {})
	r.private.Checked = k.IncludePrivate
	r.intro = newFormEntry(false, "Introductions to make")
	r.intro.SetText(k.Introductions)
	r.intro.onSave = func() { e.save() }
	r.remove = widget.NewButtonWithIcon("Remove", theme.ContentRemoveIcon(), func() { e.removeKey(r) })
	r.remove.Importance = widget.LowImportance
	open := widget.NewButtonWithIcon(name, theme.AccountIcon(), func() { e.u.openMember(k.MemberID) })
	open.Importance = widget.LowImportance
	open.Alignment = widget.ButtonAlignLeading
	// Stacked rather than side by side: the key members' column is narrow.
	box := container.NewVBox(container.NewBorder(nil, nil, nil, r.remove, open), r.private)
	if !e.private[k.MemberID] {
		r.private.Hide() // nothing to include; say so instead of offering it
		box.Add(quietCaption("The record keeps no private notes about them."))
	}
	box.Add(r.intro)
	box.Add(widget.NewSeparator())
	r.box = box
	e.keys = append(e.keys, r)
	e.keyBox.Add(r.box)
	r.setReadOnly(e.h.Finished())
	return r
}

func (r *keyMemberRow) setReadOnly(ro bool) {
	if ro {
		r.private.Disable()
		r.intro.Disable()
		r.remove.Hide()
	} else {
		r.private.Enable()
		r.intro.Enable()
		r.remove.Show()
	}
}

// memberName is a member's name, read from the record the first time.
func (e *handoffEditor) memberName(id int64) string {
	if name, ok := e.names[id]; ok {
		return name
	}
	m, err := e.u.st.Member(e.u.ctx(), id)
	if err != nil {
		return fmt.Sprintf("member %d (%v)", id, err)
	}
	e.names[id] = m.Name
	e.private[id] = strings.TrimSpace(m.PrivateNotes) != ""
	return m.Name
}

// addKeyMember makes the member with id a key member, unless they are one.
func (e *handoffEditor) addKeyMember(id int64) {
	if e.h.Finished() || slices.ContainsFunc(e.keys, func(r *keyMemberRow) bool { return r.id == id }) {
		return
	}
	e.addKey(model.KeyMember{MemberID: id})
	e.keysChanged()
}

func (e *handoffEditor) removeKey(r *keyMemberRow) {
	i := slices.Index(e.keys, r)
	if i < 0 {
		return
	}
	e.keys = slices.Delete(e.keys, i, i+1)
	e.keyBox.Remove(r.box)
	e.keysChanged()
}

// picked takes the member just picked as a key member.
func (e *handoffEditor) picked() {
	ps := e.picker.picked
	if len(ps) == 0 {
		return
	}
	e.picker.picked = nil
	e.picker.showChips()
	for _, p := range ps {
		e.addKeyMember(p.ID)
	}
}

func (e *handoffEditor) keysChanged() {
	if len(e.keys) == 0 {
		e.noKeys.Show()
	} else {
		e.noKeys.Hide()
	}
	e.keyBox.Refresh()
	e.showSuggestions()
}

// relayKeys lays the key members' column out again once rows came or went.
func (e *handoffEditor) relayKeys() {
	if e.keysView != nil {
		e.keysView.Refresh()
	}
}

// loadSuggestions asks the record whom it would suggest as key.
func (e *handoffEditor) loadSuggestions() {
	if e.h.Finished() {
		return
	}
	e.suggestGen++
	gen := e.suggestGen
	h, _ := e.collect()
	h.KeyMembers = nil                        // suggest from the whole record; those chosen are left out when shown
	limit := keySuggestionLimit + len(e.keys) // read here: the editor is the UI goroutine's
	e.u.background(func(ctx context.Context, st Store) func() {
		ss, err := st.KeySuggestions(ctx, h, limit)
		return func() {
			if gen != e.suggestGen {
				return
			}
			if err != nil {
				e.u.showError(err)
				return
			}
			e.suggestions = ss
			e.showSuggestions()
		}
	})
}

// showSuggestions lists the suggested members not chosen yet, each with why
// and a button to add them.
func (e *handoffEditor) showSuggestions() {
	var objs []fyne.CanvasObject
	for _, s := range e.suggestions {
		if slices.ContainsFunc(e.keys, func(r *keyMemberRow) bool { return r.id == s.MemberID }) {
			continue
		}
		if len(objs) == keySuggestionLimit {
			break
		}
		add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), func() { e.addKeyMember(s.MemberID) })
		line := container.NewVBox(widget.NewLabelWithStyle(s.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			captionLabel(strings.Join(s.Reasons, " · ")))
		objs = append(objs, container.NewBorder(nil, nil, nil, container.NewCenter(add), line))
	}
	if len(objs) == 0 {
		objs = append(objs, captionLabel("Nobody to suggest: no other member in scope has an open promise, feedback in flight, a recent conversation or the tag key."))
	}
	e.suggestBox.Objects = objs
	e.suggestBox.Refresh()
	e.relayKeys()
}

// showVersions lists the versions kept; one can be opened into the editor.
func (e *handoffEditor) showVersions() {
	if e.h.ID == 0 {
		return
	}
	vs, err := e.u.st.HandoffVersions(e.u.ctx(), e.h.ID)
	if err != nil {
		e.u.showError(err)
		return
	}
	var d dialog.Dialog
	rows := container.NewVBox()
	for _, v := range vs {
		when := v.UpdatedAt
		if when.IsZero() {
			when = v.CreatedAt
		}
		written := 0
		for _, text := range v.Narrative {
			if strings.TrimSpace(text) != "" {
				written++
			}
		}
		title := fmt.Sprintf("Version %d", v.Version)
		if v.Version == e.h.Version {
			title += " (latest)"
		}
		line := container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			captionLabel(joinNonEmpty(" · ", "saved "+formatWhen(when), "to "+v.To,
				fmt.Sprintf("%d of %d sections written", written, len(model.NarrativeSections)),
				model.Plural(len(v.KeyMembers), "key member", "key members"))))
		open := widget.NewButtonWithIcon("Open", theme.FolderOpenIcon(), func() {
			d.Hide()
			e.openVersion(v)
		})
		rows.Add(container.NewBorder(nil, nil, nil, container.NewCenter(open), line))
	}
	intro := wrapLabel("Opening a version puts its text in the editor; what the editor holds now is saved first, so no version is lost. Save again to keep the text opened as the latest version.")
	d = dialog.NewCustom("Versions", "Close", container.NewBorder(intro, nil, nil, nil, container.NewVScroll(rows)), e.u.win)
	d.Resize(fyne.NewSize(600, 460))
	d.Show()
}

// openVersion puts an older version's text in the editor, once the text it
// holds now is kept.
func (e *handoffEditor) openVersion(v model.Handoff) {
	if e.changed() && !e.save() {
		return
	}
	latest := e.h
	v.ID, v.Version, v.CreatedAt, v.UpdatedAt, v.FinishedAt = latest.ID, latest.Version, latest.CreatedAt, latest.UpdatedAt, latest.FinishedAt
	e.fill(v)
	e.tabs.Select(e.writeTab)
	if e.changed() {
		e.status.SetText(fmt.Sprintf("The text of the version opened is in the editor; version %d is kept. Save to make it version %d.", latest.Version, latest.Version+1))
	} else {
		e.status.SetText(fmt.Sprintf("That version says the same as version %d.", latest.Version))
	}
}

// confirmHandOver asks, naming the successor, before the draft is handed over.
func (e *handoffEditor) confirmHandOver() {
	if e.h.Finished() {
		return
	}
	to := strings.TrimSpace(e.to.Text)
	if to == "" {
		e.tabs.Select(e.writeTab)
		e.fields[model.FieldHandoffTo].setProblem("is required to hand over: name your successor")
		e.u.win.Canvas().Focus(e.to)
		return
	}
	d := dialog.NewConfirm(fmt.Sprintf("Hand over to %s?", to),
		fmt.Sprintf("The handoff is fixed as it stands: %s gets what the record holds as of its date, and the draft can no longer change. You can still open it and export it again.", to),
		func(ok bool) {
			if ok {
				e.handOver()
			}
		}, e.u.win)
	d.SetConfirmText("Hand over")
	d.SetDismissText("Keep writing")
	d.Show()
}

// handOver saves what changed, then hands the draft over.
func (e *handoffEditor) handOver() {
	if e.changed() || e.h.ID == 0 {
		if !e.save() {
			return
		}
	}
	if err := e.u.st.FinishHandoff(e.u.ctx(), e.h.ID); err != nil {
		e.u.showError(err)
		return
	}
	h, err := e.u.st.Handoff(e.u.ctx(), e.h.ID)
	if err != nil {
		e.u.showError(err)
		return
	}
	e.markSaved(h)
	e.setReadOnly(true)
	e.u.refreshMenu()
	if e.tabs.Selected() == e.previewTab {
		e.preview.load()
	}
}

// confirmDelete asks before a draft and its versions go; the record keeps no
// way back for them.
func (e *handoffEditor) confirmDelete() {
	if e.h.ID == 0 || e.h.Finished() {
		return
	}
	d := dialog.NewConfirm("Delete this draft?",
		fmt.Sprintf("The draft %s and its %s will be deleted.\nThis cannot be undone.", handoffTitle(e.h), model.Plural(e.h.Version, "version", "versions")),
		func(ok bool) {
			if ok {
				e.delete()
			}
		}, e.u.win)
	d.SetConfirmText("Delete draft")
	d.SetDismissText("Keep it")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

func (e *handoffEditor) delete() {
	if err := e.u.st.DeleteHandoff(e.u.ctx(), e.h.ID); err != nil {
		e.u.showError(err)
		return
	}
	s := e.u.handoffs
	s.editor = nil
	s.body.Objects = []fyne.CanvasObject{s.view}
	s.body.Refresh()
	s.u.refreshMenu()
	s.reload()
}
