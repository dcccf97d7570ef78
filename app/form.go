package app

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// fieldNotes is the name the record gives to problems with the free-text fields.
const fieldNotes = "notes"

// formField is the line under a form's input: a hint, replaced by what is wrong
// with the input when something is.
type formField struct {
	label   string
	hint    string
	msg     *quietLabel
	focus   fyne.Focusable // what to put the cursor in when the field is wrong
	problem string
}

func newFormField(label, hint string, focus fyne.Focusable) *formField {
	f := &formField{label: label, hint: hint, msg: quietCaption(""), focus: focus}
	f.setProblem("")
	return f
}

// view is what the form lays out under the input.
func (f *formField) view() fyne.CanvasObject { return f.msg }

// setProblem shows what is wrong, in words the record used, or the hint when
// nothing is.
func (f *formField) setProblem(problem string) {
	f.problem = problem
	if problem != "" {
		f.msg.Text = problemText(f.label, problem)
		f.msg.Importance = widget.DangerImportance
		f.msg.TextStyle = fyne.TextStyle{Bold: true}
	} else {
		f.msg.Text = f.hint
		f.msg.Importance = widget.LowImportance
		f.msg.TextStyle = fyne.TextStyle{}
	}
	if f.msg.Text == "" {
		f.msg.Hide()
	} else {
		f.msg.Show()
	}
	f.msg.Refresh()
}

// problemText turns a record's problem ("is required") into a sentence that
// names the field ("Name is required").
func problemText(label, problem string) string {
	for _, verb := range []string{"is ", "are ", "must ", "cannot ", "needs ", "has "} {
		if strings.HasPrefix(problem, verb) {
			return label + " " + problem + "."
		}
	}
	r, n := utf8.DecodeRuneInString(problem)
	return string(unicode.ToUpper(r)) + problem[n:] + "."
}

// showFieldProblems puts each problem of err under its field among fields
// and the others in general; an error that is no ValidationError goes in
// general whole, and nil clears them all.
func showFieldProblems(fields map[string]*formField, general *widget.Label, err error) {
	for _, field := range fields {
		field.setProblem("")
	}
	general.Hide()
	if err == nil {
		return
	}
	var ve model.ValidationError
	if !errors.As(err, &ve) {
		general.SetText(err.Error())
		general.Show()
		return
	}
	var rest []string
	for _, e := range ve {
		if field, ok := fields[e.Field]; ok {
			field.setProblem(e.Problem)
		} else {
			rest = append(rest, e.Error())
		}
	}
	if len(rest) > 0 {
		general.SetText(strings.Join(rest, ". "))
		general.Show()
	}
}

// splitList reads emails, phones or tags typed one a line or separated by
// commas or semicolons.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// parseCadence reads the keep-in-touch entry: empty for the default, else days.
func parseCadence(s string) (int, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "days"))
	if s == "" {
		return 0, nil
	}
	days, err := strconv.Atoi(s)
	if err != nil {
		return 0, errors.New("needs a number of days, or nothing for the default")
	}
	if err := model.CheckCadence(days, true); err != nil {
		return 0, err
	}
	return days, nil
}

// identityRow is one place a member can be found: platform, handle and address.
type identityRow struct {
	platform *widget.Select
	handle   *formEntry
	url      *formEntry
	box      *fyne.Container
}

// memberForm creates or edits a member, in a dialog over the main window. When
// the record refuses what was typed, the form stays open with every word in it
// and says next to each field what is wrong.
type memberForm struct {
	u    *UI
	orig model.Member
	dlg  *dialog.CustomDialog
	done bool

	name, pronouns, role, org, location, timeZone *formEntry
	birthday                                      *formEntry
	emails, phones, tags, cadence                 *formEntry
	howWeMet, caresAbout, notes, private          *formEntry
	ids                                           []*identityRow
	idBox                                         *fyne.Container
	checkIdentities                               func()

	fields  map[string]*formField
	general *widget.Label
	saveBtn *widget.Button
}

// showMemberForm opens the form on m; a zero m makes a new member.
func showMemberForm(u *UI, m model.Member) *memberForm {
	f := &memberForm{u: u, orig: m, fields: map[string]*formField{}}
	entry := func(multi bool, placeholder, text string) *formEntry {
		e := newFormEntry(multi, placeholder)
		e.SetText(text)
		e.onSave, e.onCancel = f.save, f.cancel
		return e
	}
	f.name = entry(false, "As they like to be called", m.Name)
	f.pronouns = entry(false, "she/her, they/them, …", m.Pronouns)
	f.role = entry(false, "maintainer, newcomer, moderator, …", m.Role)
	f.org = entry(false, "", m.Organisation)
	f.location = entry(false, "", m.Location)
	f.timeZone = entry(false, "Europe/Berlin, UTC-5, …", m.TimeZone)
	f.birthday = entry(false, "1990-04-15, or --04-15 without the year", m.Birthday)
	f.emails = entry(false, "name@example.org", strings.Join(m.Emails, ", "))
	f.phones = entry(false, "+44 20 7946 0000", strings.Join(m.Phones, ", "))
	f.tags = entry(false, "docs, events, …", strings.Join(m.Tags, ", "))
	cadence := ""
	if m.CadenceDays > 0 {
		cadence = strconv.Itoa(m.CadenceDays)
	}
	f.cadence = entry(false, strconv.Itoa(u.settings.DefaultCadenceDays), cadence)
	f.howWeMet = entry(true, "", m.HowWeMet)
	f.caresAbout = entry(true, "", m.CaresAbout)
	f.notes = entry(true, "", m.Notes)
	f.private = entry(true, "", m.PrivateNotes)

	f.idBox = container.NewVBox()
	for _, id := range m.Identities {
		f.addIdentity(id)
	}
	addID := widget.NewButtonWithIcon("Add a place", theme.ContentAddIcon(), func() {
		row := f.addIdentity(model.Identity{})
		u.win.Canvas().Focus(row.handle)
	})
	addID.Importance = widget.LowImportance

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
	check := func(e *formEntry, field *formField, problem func(string) string) {
		e.onLeave = func() { field.setProblem(problem(e.Text)) }
		e.OnChanged = func(text string) {
			if field.problem != "" {
				field.setProblem(problem(text))
			}
		}
	}

	name := row(model.FieldName, "Name", "", f.name, f.name)
	check(f.name, name, func(s string) string {
		if strings.TrimSpace(s) == "" {
			return "is required"
		}
		return ""
	})
	row("", "Pronouns", "", f.pronouns, f.pronouns)
	row("", "Role", "Their role in the community.", f.role, f.role)
	row("", "Organisation", "", f.org, f.org)
	row("", "Location", "", f.location, f.location)
	row("", "Time zone", "", f.timeZone, f.timeZone)
	birthday := row(model.FieldBirthday, "Birthday", "", f.birthday, f.birthday)
	check(f.birthday, birthday, func(s string) string {
		if s = strings.TrimSpace(s); s != "" {
			if err := model.CheckBirthday(s); err != nil {
				return err.Error()
			}
		}
		return ""
	})
	emails := row(model.FieldEmails, "Emails", "Separate several with commas.", f.emails, f.emails)
	check(f.emails, emails, func(s string) string { return firstProblem(splitList(s), model.CheckEmail) })
	phones := row(model.FieldPhones, "Phones", "Separate several with commas.", f.phones, f.phones)
	check(f.phones, phones, func(s string) string { return firstProblem(splitList(s), model.CheckPhone) })
	ids := row(model.FieldIdentities, "Elsewhere", "Where to find them: platform, handle, and an address if it is not the usual one.",
		container.NewVBox(f.idBox, container.NewHBox(addID)), nil)
	f.checkIdentities = func() { ids.setProblem(f.identityProblem()) }
	row(model.FieldTags, "Tags", "Separate several with commas.", f.tags, f.tags)
	days := widget.NewLabel("days")
	cadenceField := row(model.FieldCadence, "Keep in touch", fmt.Sprintf("How often to check in; empty means the default, every %d days.", u.settings.DefaultCadenceDays),
		container.NewHBox(container.NewGridWrap(fyne.NewSize(120, f.cadence.MinSize().Height), f.cadence), days), f.cadence)
	check(f.cadence, cadenceField, func(s string) string {
		if _, err := parseCadence(s); err != nil {
			return err.Error()
		}
		return ""
	})
	row("", "How we met", "", f.howWeMet, f.howWeMet)
	row("", "Cares about", "", f.caresAbout, f.caresAbout)
	row(fieldNotes, "Notes", "", f.notes, f.notes)
	row("", "Private notes", "Only you see these; they stay out of exports and handoffs.", f.private, f.private)
	for _, r := range f.ids {
		f.watchIdentity(r)
	}

	title := "New member"
	if m.ID != 0 {
		title = "Edit " + m.Name
	}
	content := container.NewBorder(f.general, nil, nil, nil, container.NewVScroll(container.NewPadded(grid)))
	f.dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.cancel)
	f.saveBtn = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), f.save)
	f.saveBtn.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.saveBtn})
	size := u.win.Canvas().Size()
	f.dlg.Resize(fyne.NewSize(fyne.Max(fyne.Min(760, size.Width-40), 420), fyne.Max(fyne.Min(680, size.Height-40), 360)))
	u.showDialogForm(f, f.dlg, nil)
	u.win.Canvas().Focus(f.name)
	return f
}

// firstProblem is what check says of the first value it refuses, or "".
func firstProblem(values []string, check func(string) error) string {
	for _, v := range values {
		if err := check(v); err != nil {
			return err.Error()
		}
	}
	return ""
}

// addIdentity adds a row for id under Elsewhere.
func (f *memberForm) addIdentity(id model.Identity) *identityRow {
	r := &identityRow{}
	options := slices.Clone(model.Platforms)
	if id.Platform != "" && !slices.Contains(options, id.Platform) {
		options = append(options, id.Platform) // keep what an import or an older form wrote
	}
	r.platform = widget.NewSelect(options, nil)
	r.platform.PlaceHolder = "Platform"
	r.platform.Selected = id.Platform
	r.handle = newFormEntry(false, "handle")
	r.handle.SetText(id.Handle)
	r.url = newFormEntry(false, "https://… (optional)")
	r.url.SetText(id.URL)
	for _, e := range []*formEntry{r.handle, r.url} {
		e.onSave, e.onCancel = f.save, f.cancel
	}
	remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { f.removeIdentity(r) })
	remove.Importance = widget.LowImportance
	r.box = container.NewBorder(nil, nil, r.platform, remove, container.NewGridWithColumns(2, r.handle, r.url))
	f.ids = append(f.ids, r)
	f.idBox.Add(r.box)
	if f.checkIdentities != nil {
		f.watchIdentity(r)
	}
	return r
}

// watchIdentity checks a row's address when the user leaves it.
func (f *memberForm) watchIdentity(r *identityRow) {
	r.url.onLeave = f.checkIdentities
	recheck := func(string) {
		if field := f.fields[model.FieldIdentities]; field != nil && field.problem != "" {
			f.checkIdentities()
		}
	}
	r.url.OnChanged = recheck
	r.handle.OnChanged = recheck
	r.platform.OnChanged = recheck
}

func (f *memberForm) removeIdentity(r *identityRow) {
	i := slices.Index(f.ids, r)
	if i < 0 {
		return
	}
	f.ids = slices.Delete(f.ids, i, i+1)
	f.idBox.Remove(r.box)
	if field := f.fields[model.FieldIdentities]; field != nil && field.problem != "" {
		f.checkIdentities()
	}
}

// identityProblem is the cheap check of the Elsewhere rows: addresses that are
// not web addresses.
func (f *memberForm) identityProblem() string {
	for _, r := range f.ids {
		if u := strings.TrimSpace(r.url.Text); u != "" {
			if err := model.CheckURL(u); err != nil {
				return err.Error()
			}
		}
	}
	return ""
}

// collect reads the member as typed; problems are what cannot even be read
// (a cadence that is not a number).
func (f *memberForm) collect() (model.Member, model.ValidationError) {
	m := f.orig
	m.Name = f.name.Text
	m.Pronouns = f.pronouns.Text
	m.Role = f.role.Text
	m.Organisation = f.org.Text
	m.Location = f.location.Text
	m.TimeZone = f.timeZone.Text
	m.Birthday = strings.TrimSpace(f.birthday.Text)
	m.Emails = splitList(f.emails.Text)
	m.Phones = splitList(f.phones.Text)
	m.Tags = splitList(f.tags.Text)
	m.HowWeMet = f.howWeMet.Text
	m.CaresAbout = f.caresAbout.Text
	m.Notes = f.notes.Text
	m.PrivateNotes = f.private.Text
	m.Identities = nil
	for _, r := range f.ids {
		id := model.Identity{
			Platform: strings.TrimSpace(r.platform.Selected),
			Handle:   strings.TrimSpace(r.handle.Text),
			URL:      strings.TrimSpace(r.url.Text),
		}
		if id.Handle == "" && id.URL == "" {
			continue // an empty row says nothing
		}
		m.Identities = append(m.Identities, id)
	}
	var problems model.ValidationError
	days, err := parseCadence(f.cadence.Text)
	if err != nil {
		problems = append(problems, model.FieldError{Field: model.FieldCadence, Problem: err.Error()})
	}
	m.CadenceDays = days
	return m, problems
}

// showProblems marks every field the record refused and puts the cursor in the
// first of them; what the user typed stays as it was.
func (f *memberForm) showProblems(ve model.ValidationError) {
	var general []string
	for _, fe := range ve {
		if _, ok := f.fields[fe.Field]; !ok {
			general = append(general, problemText(fe.Field, fe.Problem))
		}
	}
	var first fyne.Focusable
	for _, key := range []string{model.FieldName, model.FieldBirthday, model.FieldEmails, model.FieldPhones, model.FieldIdentities, model.FieldTags, model.FieldCadence, fieldNotes} {
		field := f.fields[key]
		problem := ve.Problem(key)
		field.setProblem(problem)
		if problem != "" && first == nil {
			first = field.focus
			if first == nil && len(f.ids) > 0 {
				first = f.ids[0].handle
			}
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
}

// save hands the member to the record; the form closes only once it is kept.
func (f *memberForm) save() {
	if f.done {
		return
	}
	m, problems := f.collect()
	if len(problems) > 0 {
		f.showProblems(problems)
		return
	}
	var err error
	if m.ID == 0 {
		err = f.u.st.CreateMember(f.u.ctx(), &m)
	} else {
		err = f.u.st.UpdateMember(f.u.ctx(), &m)
	}
	var ve model.ValidationError
	if errors.As(err, &ve) {
		f.showProblems(ve)
		return
	}
	if err != nil {
		f.u.showError(err)
		return
	}
	f.done = true
	f.dlg.Hide()
	f.u.memberSaved(m)
}

// cancel closes the form without saving.
func (f *memberForm) cancel() {
	f.done = true
	f.dlg.Hide()
}
