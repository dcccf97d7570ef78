package app

import (
	"context"
	"errors"
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

// newTeamChoice is the team choice that adds a team in place.
const newTeamChoice = "New team…"

// suggestLimit bounds how many existing items the form offers while a title is typed.
const suggestLimit = 5

// feedbackStart is what the feedback form opens with: the members who raised
// it, the conversation it was said in, or the existing item to add raises to.
type feedbackStart struct {
	with         []pickedMember
	conversation int64
	source       string    // what the conversation is called, for the form to say
	at           time.Time // when the conversation was, the day its words start with
	target       *model.FeedbackItem
}

// quoteRow is one member who raised the item, with their words.
type quoteRow struct {
	member pickedMember
	quote  *formEntry
	// when is the day they said it; link is where, when not in a conversation
	// of the record.
	when, link            *formEntry
	quoteField, whenField *formField
	linkField             *formField
	// exact is the time the day started as, kept while its day is not changed.
	exact   time.Time
	dayText string
}

// newQuoteRow is the entries for one member's words, when and where they
// said them; the day starts as day, or today when it is zero.
func newQuoteRow(m pickedMember, day time.Time, onSave, onCancel func()) *quoteRow {
	r := &quoteRow{member: m}
	r.quote = newFormEntry(true, "What "+m.Name+" said, as they said it")
	r.quote.SetMinRowsVisible(2)
	r.when = newFormEntry(false, "When: today, 2026-11-28…")
	r.when.SetText("today")
	if !day.IsZero() {
		r.exact, r.dayText = day, day.Local().Format(dayFormat)
		r.when.SetText(r.dayText)
	}
	r.link = newFormEntry(false, "Source link (optional): a forum post, an issue…")
	for _, e := range []*formEntry{r.quote, r.when, r.link} {
		e.onSave, e.onCancel = onSave, onCancel
	}
	r.quoteField = newFormField("Quote", "", r.quote)
	r.whenField = newFormField("When", "", r.when)
	r.linkField = newFormField("Source link", "", r.link)
	return r
}

// view lays the row out, under the member's name when name is set.
func (r *quoteRow) view(name string, fromConversation bool) fyne.CanvasObject {
	box := container.NewVBox()
	if name != "" {
		box.Add(captionLabelText(name))
	}
	box.Add(r.quote)
	box.Add(r.quoteField.view())
	grid := container.New(layout.NewFormLayout())
	grid.Add(widget.NewLabel("When"))
	grid.Add(container.NewVBox(r.when, r.whenField.view()))
	grid.Add(widget.NewLabel("Source link"))
	grid.Add(container.NewVBox(r.link, r.linkField.view()))
	box.Add(grid)
	if fromConversation {
		box.Add(captionLabelText("Said in the conversation this comes from."))
	}
	return box
}

// raise reads the row into a raise, with each problem shown beside its
// field; ok is false when there is one.
func (r *quoteRow) raise(now time.Time, conversation int64) (model.Raise, bool) {
	for _, f := range []*formField{r.quoteField, r.whenField, r.linkField} {
		f.setProblem("")
	}
	raise := model.Raise{MemberID: r.member.ID, Quote: r.quote.Text, SourceLink: r.link.Text, ConversationID: conversation}
	ok := true
	day, err := parseDay(r.when.Text, now)
	switch {
	case err != nil:
		r.whenField.setProblem(problemOf(err))
		ok = false
	case startOfDay(day).After(now):
		r.whenField.setProblem("is in the future: when they said it")
		ok = false
	}
	raise.Date = day
	if !r.exact.IsZero() && r.when.Text == r.dayText {
		raise.Date = r.exact
	}
	raise.Normalize()
	var ve model.ValidationError
	if err := raise.Validate(); errors.As(err, &ve) {
		for _, e := range ve {
			switch e.Field {
			case model.FieldQuote:
				r.quoteField.setProblem(e.Problem)
				ok = false
			case model.FieldSource:
				r.linkField.setProblem(e.Problem)
				ok = false
			}
		}
	}
	return raise, ok
}

// feedbackForm records a feedback item in the words of the members who raised
// it, in a dialog. While the title is typed, the items it may repeat are
// offered: picking one adds these members' words to it instead.
type feedbackForm struct {
	u    *UI
	dlg  *dialog.CustomDialog
	done bool

	start  feedbackStart
	target *model.FeedbackItem
	// added counts the raises recorded already, so that saving again after a
	// problem does not add them twice.
	added int

	title       *formEntry
	suggestions *fyne.Container
	targetBox   *fyne.Container
	targetLabel *widget.Label
	// newItem are the rows only a new item needs: hidden while adding to one.
	newItem  []fyne.CanvasObject
	detail   *formEntry
	kind     *widget.Select
	team     *widget.Select
	teamName *formEntry
	teamAdd  *fyne.Container
	who      *memberPicker
	quotes   []*quoteRow
	quoteBox *fyne.Container

	teams     []model.ProductTeam
	suggested []model.FeedbackItem
	gen       int
	debounce  *time.Timer

	fields  map[string]*formField
	general *widget.Label
}

// recordFeedback opens the feedback form.
func (u *UI) recordFeedback(start feedbackStart) {
	if u.nav == nil || u.form != nil {
		return
	}
	showFeedbackForm(u, start)
}

// recordFeedbackFrom opens the feedback form on what was said in c.
func (u *UI) recordFeedbackFrom(c model.Conversation, names []string) {
	with := make([]pickedMember, len(c.Participants))
	for i, id := range c.Participants {
		with[i] = pickedMember{ID: id, Name: names[i]}
	}
	u.recordFeedback(feedbackStart{with: with, conversation: c.ID, source: conversationTitle(c), at: c.At})
}

func showFeedbackForm(u *UI, start feedbackStart) *feedbackForm {
	f := &feedbackForm{u: u, start: start, fields: map[string]*formField{}}
	entry := func(multi bool, placeholder string) *formEntry {
		e := newFormEntry(multi, placeholder)
		e.onSave, e.onCancel = f.save, f.cancel
		return e
	}
	f.title = entry(false, "What they asked for, in a few words")
	f.title.OnChanged = func(string) { f.suggestLater() }
	f.suggestions = container.NewVBox()
	f.targetLabel = wrapLabel("")
	newInstead := widget.NewButtonWithIcon("Record a new item instead", theme.ContentAddIcon(), func() { f.setTarget(nil) })
	newInstead.Importance = widget.LowImportance
	f.targetBox = container.NewVBox(f.targetLabel, container.NewHBox(newInstead))
	f.detail = entry(true, "What it is about, for the team")
	kinds := make([]string, len(model.FeedbackKinds))
	for i, k := range model.FeedbackKinds {
		kinds[i] = string(k)
	}
	f.kind = widget.NewSelect(kinds, nil)
	f.kind.Selected = string(model.KindIdea)
	f.team = widget.NewSelect([]string{newTeamChoice}, f.teamChosen)
	f.team.PlaceHolder = "Not handed to a team yet"
	f.teamName = entry(false, "The team's name")
	f.teamName.onSave = f.addTeam
	addTeam := widget.NewButtonWithIcon("Add team", theme.ContentAddIcon(), f.addTeam)
	f.teamAdd = container.NewBorder(nil, nil, nil, addTeam, f.teamName)
	f.teamAdd.Hide()
	f.who = newMemberPicker(u, "Type a name to add who raised it")
	f.who.entry.onSave, f.who.entry.onCancel = f.save, f.cancel
	f.quoteBox = container.NewVBox()
	f.who.onChange = f.syncQuotes
	for _, m := range start.with {
		f.who.add(m)
	}
	f.syncQuotes()

	f.general = widget.NewLabel("")
	f.general.Importance = widget.DangerImportance
	f.general.Wrapping = fyne.TextWrapWord
	f.general.Hide()

	grid := container.New(layout.NewFormLayout())
	row := func(key, label, hint string, input fyne.CanvasObject, focus fyne.Focusable) []fyne.CanvasObject {
		field := newFormField(label, hint, focus)
		f.fields[key] = field
		objs := []fyne.CanvasObject{
			widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
			container.NewVBox(input, field.view()),
		}
		grid.Add(objs[0])
		grid.Add(objs[1])
		return objs
	}
	row(model.FieldTitle, "Title", "", container.NewVBox(f.title, f.suggestions, f.targetBox), f.title)
	f.newItem = append(f.newItem, row(model.FieldDetail, "Detail", "", f.detail, f.detail)...)
	f.newItem = append(f.newItem, row(model.FieldKind, "Kind", "", f.kind, f.kind)...)
	f.newItem = append(f.newItem, row(model.FieldTeam, "Team", "Who it goes to: product, QA, docs…", container.NewVBox(f.team, f.teamAdd), f.team)...)
	hint := "Everyone who raised it; each is owed word of what becomes of it."
	if start.source != "" {
		hint = "From the conversation “" + excerpt(start.source, 60) + "”."
	}
	row(model.FieldMember, "Raised by", hint, f.who, f.who.entry)
	row(model.FieldQuote, "In their words", "", f.quoteBox, nil)

	content := container.NewBorder(f.general, nil, nil, nil, container.NewVScroll(container.NewPadded(grid)))
	f.dlg = dialog.NewCustomWithoutButtons("Record feedback", content, u.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.cancel)
	saveBtn := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), f.save)
	saveBtn.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, saveBtn})
	size := u.win.Canvas().Size()
	f.dlg.Resize(fyne.NewSize(fyne.Max(fyne.Min(760, size.Width-40), 420), fyne.Max(fyne.Min(700, size.Height-40), 360)))
	f.setTarget(start.target)
	u.showDialogForm(f, f.dlg, func() {
		if f.debounce != nil {
			f.debounce.Stop()
		}
	})
	f.loadTeams("")
	if start.target != nil {
		u.win.Canvas().Focus(f.who.entry)
	} else {
		u.win.Canvas().Focus(f.title)
	}
	return f
}

// setTarget adds the raises to item instead of recording a new one; nil
// records a new one.
func (f *feedbackForm) setTarget(item *model.FeedbackItem) {
	f.target = item
	if item == nil {
		f.targetBox.Hide()
		f.title.Enable()
		for _, o := range f.newItem {
			o.Show()
		}
		return
	}
	f.targetLabel.SetText("Adding these members' words to “" + item.Title + "” (" + string(item.Status) + ", " + loopText(*item) + ").")
	f.title.SetText(item.Title)
	f.title.Disable()
	f.suggestions.Objects = nil
	f.suggestions.Refresh()
	f.targetBox.Show()
	for _, o := range f.newItem {
		o.Hide()
	}
}

// loadTeams reads the teams into the choice, then picks the one named pick.
func (f *feedbackForm) loadTeams(pick string) {
	f.u.background(func(ctx context.Context, st Store) func() {
		teams, err := st.Teams(ctx, false)
		return func() {
			if err != nil {
				f.u.showError(err)
				return
			}
			f.teams = teams
			options := make([]string, 0, len(teams)+1)
			for _, t := range teams {
				options = append(options, t.Name)
			}
			f.team.SetOptions(append(options, newTeamChoice))
			if pick != "" {
				f.team.SetSelected(pick)
			}
		}
	})
}

func (f *feedbackForm) teamChosen(name string) {
	f.fields[model.FieldTeam].setProblem("")
	if name != newTeamChoice {
		f.teamAdd.Hide()
		return
	}
	f.teamAdd.Show()
	f.u.win.Canvas().Focus(f.teamName)
}

// addTeam adds the team typed in place and chooses it.
func (f *feedbackForm) addTeam() {
	t := model.ProductTeam{Name: f.teamName.Text}
	if err := f.u.st.CreateTeam(f.u.ctx(), &t); err != nil {
		f.fields[model.FieldTeam].setProblem(strings.TrimPrefix(problemOf(err), "name "))
		return
	}
	f.teamName.SetText("")
	f.teamAdd.Hide()
	f.loadTeams(t.Name)
	if f.u.feedback != nil {
		f.u.feedback.reload()
	}
}

// problemOf is what an error says, in the words a field shows.
func problemOf(err error) string {
	var ve model.ValidationError
	if errors.As(err, &ve) && len(ve) > 0 {
		return ve[0].Problem
	}
	return err.Error()
}

// syncQuotes keeps one quote entry per member picked, keeping what was typed.
func (f *feedbackForm) syncQuotes() {
	var rows []*quoteRow
	for _, m := range f.who.picked {
		i := slices.IndexFunc(f.quotes, func(r *quoteRow) bool { return r.member.ID == m.ID })
		if i >= 0 {
			rows = append(rows, f.quotes[i])
			continue
		}
		rows = append(rows, newQuoteRow(m, f.start.at, f.save, f.cancel))
	}
	f.quotes = rows
	objs := make([]fyne.CanvasObject, 0, len(rows))
	for _, r := range rows {
		objs = append(objs, r.view(r.member.Name, f.start.conversation != 0))
	}
	if len(objs) == 0 {
		objs = append(objs, captionLabelText("Add who raised it first; their words go here."))
	}
	f.quoteBox.Objects = objs
	f.quoteBox.Refresh()
}

// suggestLater looks for items like the title once typing pauses.
func (f *feedbackForm) suggestLater() {
	if f.target != nil {
		return
	}
	f.gen++
	gen := f.gen
	if f.debounce != nil {
		f.debounce.Stop()
	}
	f.debounce = time.AfterFunc(250*time.Millisecond, func() {
		f.u.do(func() {
			if gen == f.gen && !f.done {
				f.suggest()
			}
		})
	})
}

func (f *feedbackForm) suggest() {
	gen := f.gen
	title := strings.TrimSpace(f.title.Text)
	f.u.background(func(ctx context.Context, st Store) func() {
		items, err := st.SuggestFeedback(ctx, title, suggestLimit)
		return func() {
			if gen != f.gen || f.target != nil {
				return
			}
			if err != nil {
				f.u.showError(err)
				return
			}
			f.showSuggestions(items)
		}
	})
}

// showSuggestions offers the items the title may repeat.
func (f *feedbackForm) showSuggestions(items []model.FeedbackItem) {
	f.suggested = items
	var objs []fyne.CanvasObject
	if len(items) > 0 {
		objs = append(objs, captionLabelText("Already recorded? Add their words to it:"))
	}
	for i := range items {
		it := items[i]
		b := widget.NewButton(it.Title+"  ·  "+string(it.Status)+" · "+loopText(it), func() { f.setTarget(&it) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		objs = append(objs, b)
	}
	f.suggestions.Objects = objs
	f.suggestions.Refresh()
}

// collect reads the form; ok is false when a raise has a problem, shown
// beside its field.
func (f *feedbackForm) collect() (item model.Feedback, raises []model.Raise, ok bool) {
	item = model.Feedback{
		Title:     f.title.Text,
		Detail:    f.detail.Text,
		Kind:      model.FeedbackKind(f.kind.Selected),
		CreatedBy: f.u.me.Name,
	}
	if i := slices.IndexFunc(f.teams, func(t model.ProductTeam) bool { return t.Name == f.team.Selected }); i >= 0 {
		item.TeamID = f.teams[i].ID
	}
	raises = make([]model.Raise, 0, len(f.quotes))
	ok = true
	for _, r := range f.quotes {
		raise, good := r.raise(f.u.now(), f.start.conversation)
		ok = ok && good
		raises = append(raises, raise)
	}
	return item, raises, ok
}

// showProblems puts each problem under its field, and the rest on top.
func (f *feedbackForm) showProblems(err error) {
	showFieldProblems(f.fields, f.general, err)
}

func (f *feedbackForm) save() {
	if f.done {
		return
	}
	item, raises, ok := f.collect()
	if len(raises) == 0 {
		f.showProblems(model.ValidationError{{Field: model.FieldMember, Problem: "is required: who raised it"}})
		f.u.win.Canvas().Focus(f.who.entry)
		return
	}
	if !ok {
		if f.target == nil {
			item.Normalize()
			if err := item.Validate(); err != nil {
				f.showProblems(err)
			}
		}
		return
	}
	var id int64
	if f.target != nil {
		id = f.target.ID
		for f.added < len(raises) {
			r := raises[f.added]
			r.FeedbackID = id
			if err := f.u.st.AddRaise(f.u.ctx(), &r); err != nil {
				f.showProblems(err)
				return
			}
			f.added++
		}
	} else {
		if err := f.u.st.CreateFeedback(f.u.ctx(), &item, raises...); err != nil {
			f.showProblems(err)
			return
		}
		id = item.ID
	}
	f.done = true
	f.dlg.Hide()
	f.u.feedbackChanged(id)
}

func (f *feedbackForm) cancel() {
	f.done = true
	f.dlg.Hide()
}
