package app

import (
	"errors"
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

// Preferences the conversation form keeps between uses.
const prefLastChannel = "lastChannel"

// noTone is the tone choice that notes none.
const noTone = "not noted"

// promiseRow is one promise (or plain follow-up) typed in the conversation form.
type promiseRow struct {
	promise *widget.Check
	what    *formEntry
	due     *formEntry
	field   *formField
	box     *fyne.Container
	// saved is the follow-up's ID once the record holds it, so that saving
	// again after a problem does not add it twice.
	saved int64
}

// conversationForm logs a conversation, with the promises made in it, in a
// dialog over the main window. It opens with the cursor in the participants'
// picker and the time set to now, so that a conversation is logged in
// seconds. When the record refuses something, every word typed stays and the
// field that is wrong says why.
type conversationForm struct {
	u    *UI
	dlg  *dialog.CustomDialog
	done bool
	// saved is the conversation's ID once the record holds it: should a
	// promise then be refused, saving again updates it instead of adding it twice.
	saved int64

	who       *memberPicker
	when      *formEntry
	channel   *widget.Select
	subject   *formEntry
	notes     *formEntry
	link      *formEntry
	handledBy *formEntry
	tone      *widget.RadioGroup
	promises  []*promiseRow
	promiseBx *fyne.Container

	fields  map[string]*formField
	general *widget.Label
	saveBtn *widget.Button
}

// logConversation opens the form to log a conversation with the given
// members picked already.
func (u *UI) logConversation(with ...pickedMember) {
	if u.nav == nil || u.form != nil {
		return
	}
	showConversationForm(u, model.Conversation{}, with)
}

// showConversationForm opens the form on c, whose participants are with; a
// zero c logs a new conversation.
func showConversationForm(u *UI, c model.Conversation, with []pickedMember) *conversationForm {
	f := &conversationForm{u: u, fields: map[string]*formField{}, saved: c.ID}
	entry := func(multi bool, placeholder, text string) *formEntry {
		e := newFormEntry(multi, placeholder)
		e.SetText(text)
		e.onSave, e.onCancel = f.save, f.cancel
		return e
	}
	f.who = newMemberPicker(u, "Type a name to add who took part")
	f.who.entry.onSave, f.who.entry.onCancel = f.save, f.cancel
	for _, m := range with {
		f.who.add(m)
	}
	at := u.now()
	if !c.At.IsZero() {
		at = c.At.In(at.Location())
	}
	f.when = entry(false, "2026-11-28 14:30", at.Format(whenFormat))
	f.channel = widget.NewSelect(model.Channels, nil)
	f.channel.PlaceHolder = "Where it took place"
	if last := u.app.Preferences().String(prefLastChannel); slices.Contains(model.Channels, last) {
		f.channel.Selected = last
	}
	if c.ID != 0 {
		f.channel.Selected = c.Channel
	}
	f.subject = entry(false, "What it was about, in a few words", c.Subject)
	f.notes = entry(true, "What was said", c.Notes)
	f.link = entry(false, "https://… (the thread, the call notes)", c.Link)
	handledBy := u.me.Name
	if c.ID != 0 {
		handledBy = c.HandledBy
	}
	f.handledBy = entry(false, "", handledBy)
	f.tone = widget.NewRadioGroup(append([]string{noTone}, model.Tones...), nil)
	f.tone.Horizontal = true
	f.tone.Selected = noTone
	if c.Tone != "" {
		f.tone.Selected = c.Tone
	}
	f.tone.Required = true
	f.promiseBx = container.NewVBox()
	addPromise := widget.NewButtonWithIcon("Add a promise", theme.ContentAddIcon(), func() {
		r := f.addPromise()
		u.win.Canvas().Focus(r.what)
	})
	addPromise.Importance = widget.LowImportance

	f.general = widget.NewLabel("")
	f.general.Importance = widget.DangerImportance
	f.general.Wrapping = fyne.TextWrapWord
	f.general.Hide()

	grid := container.New(layout.NewFormLayout())
	row := func(key, label, hint string, input fyne.CanvasObject, focus fyne.Focusable) *formField {
		field := newFormField(label, hint, focus)
		if key != "" {
			f.fields[key] = field
		}
		grid.Add(widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(container.NewVBox(input, field.view()))
		return field
	}
	who := row(model.FieldParticipants, "With", "Everyone who took part; logging it restarts their keep-in-touch clock.", f.who, f.who.entry)
	f.who.onChange = func() {
		if who.problem != "" {
			who.setProblem(f.participantsProblem())
		}
	}
	whenField := row(model.FieldWhen, "When", "2026-11-28 14:30, today, yesterday 9:00", container.NewHBox(container.NewGridWrap(fyne.NewSize(200, f.when.MinSize().Height), f.when)), f.when)
	f.when.onLeave = func() { whenField.setProblem(f.whenProblem()) }
	f.when.OnChanged = func(string) {
		if whenField.problem != "" {
			whenField.setProblem(f.whenProblem())
		}
	}
	channel := row(model.FieldChannel, "Where", "", f.channel, f.channel)
	f.channel.OnChanged = func(string) { channel.setProblem("") }
	row("", "Subject", "", f.subject, f.subject)
	row(fieldNotes, "Notes", "", f.notes, f.notes)
	link := row(model.FieldLink, "Link", "", f.link, f.link)
	f.link.onLeave = func() { link.setProblem(linkProblem(f.link.Text)) }
	f.link.OnChanged = func(s string) {
		if link.problem != "" {
			link.setProblem(linkProblem(s))
		}
	}
	row("", "Handled by", "Who had the conversation; you, unless a colleague did.", f.handledBy, f.handledBy)
	row(model.FieldTone, "Tone", "", f.tone, nil)
	row("", "Promises", "What you promised them, and by when; each one waits on Today until it is done.",
		container.NewVBox(f.promiseBx, container.NewHBox(addPromise)), nil)

	content := container.NewBorder(f.general, nil, nil, nil, container.NewVScroll(container.NewPadded(grid)))
	title := "Log a conversation"
	if c.ID != 0 {
		title = "Edit conversation"
	}
	f.dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.cancel)
	f.saveBtn = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), f.save)
	f.saveBtn.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.saveBtn})
	size := u.win.Canvas().Size()
	f.dlg.Resize(fyne.NewSize(fyne.Max(fyne.Min(760, size.Width-40), 420), fyne.Max(fyne.Min(700, size.Height-40), 360)))
	u.showDialogForm(f, f.dlg, nil)
	if len(with) > 0 {
		u.win.Canvas().Focus(f.subject)
	} else {
		u.win.Canvas().Focus(f.who.entry)
	}
	return f
}

// addPromise adds a row for a promise, due in a week unless changed.
func (f *conversationForm) addPromise() *promiseRow {
	r := &promiseRow{}
	r.promise = widget.NewCheck("Promise", nil)
	r.promise.Checked = true
	r.what = newFormEntry(false, "What you will do")
	r.due = newFormEntry(false, "due")
	r.due.SetText(f.u.now().AddDate(0, 0, 7).Format(dayFormat))
	for _, e := range []*formEntry{r.what, r.due} {
		e.onSave, e.onCancel = f.save, f.cancel
	}
	r.field = newFormField("Promise", "", r.what)
	recheck := func(string) {
		if r.field.problem != "" {
			r.field.setProblem(f.promiseProblem(r))
		}
	}
	r.what.OnChanged, r.due.OnChanged = recheck, recheck
	r.due.onLeave = func() { r.field.setProblem(f.promiseProblem(r)) }
	remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { f.removePromise(r) })
	remove.Importance = widget.LowImportance
	due := container.NewGridWrap(fyne.NewSize(130, r.due.MinSize().Height), r.due)
	line := container.NewBorder(nil, nil, r.promise, container.NewHBox(due, remove), r.what)
	r.box = container.NewVBox(line, r.field.view())
	f.promises = append(f.promises, r)
	f.promiseBx.Add(r.box)
	return r
}

func (f *conversationForm) removePromise(r *promiseRow) {
	i := slices.Index(f.promises, r)
	if i < 0 || r.saved != 0 {
		return // a promise the record holds already stays; it can be dropped from Today
	}
	f.promises = slices.Delete(f.promises, i, i+1)
	f.promiseBx.Remove(r.box)
}

// pickSomeone is what the form says when nobody was picked.
const pickSomeone = "pick at least one member who took part"

func (f *conversationForm) participantsProblem() string {
	if len(f.who.picked) == 0 {
		return pickSomeone
	}
	return ""
}

func (f *conversationForm) whenProblem() string {
	if _, err := parseWhen(f.when.Text, f.u.now()); err != nil {
		return err.Error()
	}
	return ""
}

func linkProblem(s string) string {
	if s = strings.TrimSpace(s); s != "" {
		if err := model.CheckURL(s); err != nil {
			return err.Error()
		}
	}
	return ""
}

// empty reports whether a promise row holds nothing the user typed.
func (r *promiseRow) empty() bool { return strings.TrimSpace(r.what.Text) == "" }

// promiseProblem is what is wrong with a promise row, if anything.
func (f *conversationForm) promiseProblem(r *promiseRow) string {
	if r.empty() {
		return ""
	}
	if _, err := parseDay(r.due.Text, f.u.now()); err != nil {
		return "Due " + strings.TrimSuffix(err.Error(), ".")
	}
	return ""
}

// collect reads the conversation and its promises as typed; problems are
// what cannot even be read (a time that is not a time).
func (f *conversationForm) collect() (model.Conversation, []model.FollowUp, model.ValidationError) {
	var problems model.ValidationError
	c := model.Conversation{
		ID:           f.saved,
		Channel:      f.channel.Selected,
		Subject:      f.subject.Text,
		Notes:        f.notes.Text,
		Link:         f.link.Text,
		Participants: f.who.ids(),
		HandledBy:    f.handledBy.Text,
	}
	if f.tone.Selected != noTone {
		c.Tone = f.tone.Selected
	}
	at, err := parseWhen(f.when.Text, f.u.now())
	if err != nil {
		problems = append(problems, model.FieldError{Field: model.FieldWhen, Problem: err.Error()})
	}
	c.At = at
	var fus []model.FollowUp
	for _, r := range f.promises {
		fu := model.FollowUp{ID: r.saved, What: r.what.Text, Promise: r.promise.Checked, Members: c.Participants}
		if !r.empty() {
			fu.Due, _ = parseDay(r.due.Text, f.u.now())
		}
		fus = append(fus, fu)
	}
	return c, fus, problems
}

// showProblems marks every field the record refused and puts the cursor in the
// first of them; what the user typed stays as it was.
func (f *conversationForm) showProblems(ve model.ValidationError) bool {
	var general []string
	for _, fe := range ve {
		if _, ok := f.fields[fe.Field]; !ok {
			general = append(general, problemText(fe.Field, fe.Problem))
		}
	}
	var first fyne.Focusable
	for _, key := range []string{model.FieldParticipants, model.FieldWhen, model.FieldChannel, fieldNotes, model.FieldLink, model.FieldTone} {
		field := f.fields[key]
		problem := ve.Problem(key)
		switch {
		case key == model.FieldParticipants && problem != "" && len(f.who.picked) == 0:
			problem = pickSomeone
		case key == model.FieldChannel && problem != "" && f.channel.Selected == "":
			problem = "is required"
		}
		field.setProblem(problem)
		if problem != "" && first == nil {
			first = field.focus
		}
	}
	for _, r := range f.promises {
		p := f.promiseProblem(r)
		r.field.setProblem(p)
		if p != "" && first == nil {
			first = r.due
		}
	}
	if len(general) > 0 {
		f.general.SetText(strings.Join(general, " "))
		f.general.Show()
	} else {
		f.general.Hide()
	}
	if first != nil {
		f.u.win.Canvas().Focus(first)
	}
	return first != nil || len(general) > 0
}

// save hands the conversation, then each promise, to the record; the form
// closes only once all of it is kept.
func (f *conversationForm) save() {
	if f.done {
		return
	}
	c, fus, problems := f.collect()
	if len(problems) == 0 {
		// Check the whole conversation here, so that every field that is wrong
		// says so at once, with the promises' problems beside them.
		check := c
		check.Normalize()
		var ve model.ValidationError
		if errors.As(check.Validate(), &ve) {
			problems = ve
		}
	}
	if f.showProblems(problems) {
		return
	}
	u := f.u
	var err error
	if c.ID == 0 {
		err = u.st.CreateConversation(u.ctx(), &c)
	} else {
		err = u.st.UpdateConversation(u.ctx(), &c)
	}
	if !f.accepted(err) {
		return
	}
	f.saved = c.ID
	u.app.Preferences().SetString(prefLastChannel, c.Channel)
	for i, r := range f.promises {
		if r.saved != 0 || r.empty() {
			continue
		}
		fu := fus[i]
		fu.ConversationID = c.ID
		err := u.st.CreateFollowUp(u.ctx(), &fu)
		var ve model.ValidationError
		if errors.As(err, &ve) {
			r.field.setProblem(strings.Join(problemsOf(ve), " "))
			u.win.Canvas().Focus(r.what)
			u.conversationLogged(c) // the conversation itself is kept already
			return
		}
		if err != nil {
			u.showError(err)
			u.conversationLogged(c)
			return
		}
		r.saved = fu.ID
	}
	f.done = true
	f.dlg.Hide()
	u.conversationLogged(c)
}

// accepted reports whether the record took the conversation, and shows what it
// said otherwise.
func (f *conversationForm) accepted(err error) bool {
	var ve model.ValidationError
	switch {
	case errors.As(err, &ve):
		f.showProblems(ve)
		return false
	case err != nil:
		f.u.showError(err)
		return false
	}
	return true
}

// problemsOf spells each of a refusal's problems as a sentence.
func problemsOf(ve model.ValidationError) []string {
	var out []string
	for _, fe := range ve {
		label := fe.Field
		switch fe.Field {
		case model.FieldWhat:
			label = "What"
		case model.FieldDue:
			label = "Due"
		case model.FieldMembers:
			label = "Members"
		}
		out = append(out, problemText(label, fe.Problem))
	}
	return out
}

// cancel closes the form without saving.
func (f *conversationForm) cancel() {
	f.done = true
	f.dlg.Hide()
}
