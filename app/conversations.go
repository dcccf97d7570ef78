package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// Choices of the conversations list's filters that filter nothing.
const (
	allChannels = "All channels"
	anyHandler  = "Anyone"
)

// conversationPager feeds the list of conversations, newest first.
type conversationPager = pager[model.ConversationItem, model.ConversationFilter]

var conversationSource = pageSource[model.ConversationItem, model.ConversationFilter]{
	count: func(ctx context.Context, st Store, f model.ConversationFilter) (int, error) {
		return st.CountConversations(ctx, f)
	},
	page: func(ctx context.Context, st Store, f model.ConversationFilter, offset, limit int) ([]model.ConversationItem, error) {
		f.Offset, f.Limit = offset, limit
		return st.Conversations(ctx, f)
	},
	id: func(c model.ConversationItem) int64 { return c.ID },
}

// conversationsScreen lists every conversation, newest first, filtered by
// channel, by who handled it and by dates, beside the one picked.
type conversationsScreen struct {
	widget.BaseWidget
	u       *UI
	channel *widget.Select
	handler *widget.Select
	from    *formEntry
	to      *formEntry
	dates   *formField
	list    *widget.List
	pager   *conversationPager
	empty   *emptyState
	detail  *conversationDetail

	// selectID is the conversation to select once the list has it in memory.
	selectID int64
}

func newConversationsScreen(u *UI) *conversationsScreen {
	s := &conversationsScreen{u: u}
	s.pager = newPager(u, conversationSource, model.ConversationFilter{}, s.pageChanged)
	s.channel = widget.NewSelect(append([]string{allChannels}, model.Channels...), func(string) { s.applyFilter() })
	s.channel.Selected = allChannels
	s.handler = widget.NewSelect([]string{anyHandler}, func(string) { s.applyFilter() })
	s.handler.Selected = anyHandler
	s.from = newFormEntry(false, "From, e.g. 2026-01-01")
	s.to = newFormEntry(false, "To, e.g. today")
	for _, e := range []*formEntry{s.from, s.to} {
		e.onSave, e.onLeave = s.applyFilter, s.applyFilter
	}
	s.dates = newFormField("Dates", "", s.from)
	s.list = widget.NewList(s.pager.length, newMemberRow, s.updateRow)
	s.list.OnSelected = s.selected
	s.empty = newEmptyState()
	s.empty.Hide()
	s.detail = newConversationDetail(u)
	s.ExtendBaseWidget(s)
	s.Hide()
	return s
}

func (s *conversationsScreen) CreateRenderer() fyne.WidgetRenderer {
	title := headingLabel("Conversations")
	filters := container.NewVBox(
		container.NewGridWithColumns(2, s.channel, s.handler),
		container.NewGridWithColumns(2, s.from, s.to),
		s.dates.view(),
	)
	listPane := container.NewBorder(container.NewPadded(container.NewVBox(title, filters)), nil, nil, nil, container.NewStack(s.list, s.empty))
	split := container.NewHSplit(listPane, s.detail)
	split.Offset = 0.42
	return widget.NewSimpleRenderer(split)
}

func (s *conversationsScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	c, ok := s.pager.item(i)
	if !ok {
		setMemberRow(o, "…", "")
		return
	}
	setMemberRow(o, conversationTitle(c.Conversation), joinNonEmpty(" · ", formatWhen(c.At), c.Channel, strings.Join(c.Names, ", ")))
}

// conversationTitle is what a conversation is called in lists: its subject, or
// the beginning of its notes.
func conversationTitle(c model.Conversation) string {
	if c.Subject != "" {
		return c.Subject
	}
	if line := firstLine(c.Notes); line != "" {
		return line
	}
	return "Conversation on " + c.Channel
}

func (s *conversationsScreen) selected(i widget.ListItemID) {
	if c, ok := s.pager.item(i); ok {
		s.detail.load(c.ID)
	}
}

// filter reads the filters; problems are dates that are not dates.
func (s *conversationsScreen) filter() (model.ConversationFilter, string) {
	var f model.ConversationFilter
	if s.channel.Selected != allChannels {
		f.Channel = s.channel.Selected
	}
	if s.handler.Selected != anyHandler {
		f.HandledBy = s.handler.Selected
	}
	now := s.u.now()
	var problems []string
	if text := strings.TrimSpace(s.from.Text); text != "" {
		day, err := parseDay(text, now)
		if err != nil {
			problems = append(problems, "From "+err.Error())
		} else {
			f.From = startOfDay(day)
		}
	}
	if text := strings.TrimSpace(s.to.Text); text != "" {
		day, err := parseDay(text, now)
		if err != nil {
			problems = append(problems, "To "+err.Error())
		} else {
			f.To = startOfDay(day).AddDate(0, 0, 1) // the whole of the last day
		}
	}
	return f, strings.Join(problems, ". ")
}

func (s *conversationsScreen) applyFilter() {
	f, problem := s.filter()
	s.dates.setProblem(problem)
	if problem != "" {
		return
	}
	if s.pager.loaded && f == s.pager.filter {
		return
	}
	s.pager.setFilter(f, func() {
		s.list.ScrollToTop()
		s.afterLoad()
	})
}

func (s *conversationsScreen) pageChanged() {
	s.list.Refresh()
	s.updateEmpty()
}

func (s *conversationsScreen) afterLoad() {
	s.list.UnselectAll()
	id := s.selectID
	if id == 0 {
		id = s.detail.id
	}
	s.selectID = 0
	if id == 0 {
		return
	}
	if i := s.pager.indexOf(id); i >= 0 {
		s.list.Select(i)
	}
}

func (s *conversationsScreen) updateEmpty() {
	if !s.pager.loaded {
		return
	}
	if s.pager.count > 0 {
		s.empty.Hide()
		s.list.Show()
		return
	}
	if s.pager.filter == (model.ConversationFilter{}) {
		s.empty.set("Every conversation, newest first.",
			"Log what was said, where, and what you promised; it restarts each participant's keep-in-touch clock.",
			"Log a conversation", func() { s.u.logConversation() })
	} else {
		s.empty.set("", "No conversation matches these filters.", "Clear the filters", s.clearFilter)
	}
	s.list.Hide()
	s.empty.Show()
}

func (s *conversationsScreen) clearFilter() {
	s.from.SetText("")
	s.to.SetText("")
	s.handler.SetSelected(anyHandler)
	s.channel.SetSelected(allChannels)
	s.applyFilter()
}

// reload reads the list, and who handled conversations, again.
func (s *conversationsScreen) reload() {
	s.pager.reload(s.afterLoad)
	s.u.background(func(ctx context.Context, st Store) func() {
		names, err := st.ConversationHandlers(ctx)
		return func() {
			if err != nil {
				s.u.showError(err)
				return
			}
			options := append([]string{anyHandler}, names...)
			if slices.Equal(options, s.handler.Options) {
				return
			}
			s.handler.SetOptions(options)
			if !slices.Contains(options, s.handler.Selected) {
				s.handler.SetSelected(anyHandler)
			}
		}
	})
}

// changed shows the conversation with id, just logged or changed, when the
// list is on screen, and reads the list again.
func (s *conversationsScreen) changed(id int64) {
	if s.detail.id == id {
		s.detail.load(id)
	}
	s.reload()
}

// open shows the conversation with id and selects it in the list when it holds it.
func (s *conversationsScreen) open(id int64) {
	s.detail.load(id)
	s.selectID = id
	s.pager.reload(s.afterLoad)
}

// refreshDetail reads the conversation shown again.
func (s *conversationsScreen) refreshDetail() {
	if s.detail.id != 0 {
		s.detail.load(s.detail.id)
	}
}

// removed takes the conversation with id off the screen once it was deleted.
func (s *conversationsScreen) removed(id int64) {
	if s.detail.id == id {
		s.detail.clear()
	}
	s.list.UnselectAll()
	s.reload()
}

// conversationDetail shows one conversation: who took part (each opens the
// member), what was said, the link, and the promises it produced.
type conversationDetail struct {
	widget.BaseWidget
	u       *UI
	empty   *emptyState
	body    *fyne.Container
	title   *widget.Label
	summary *quietLabel
	content *fyne.Container
	scroll  *container.Scroll

	id    int64
	c     model.Conversation
	names []string
	gen   int
}

func newConversationDetail(u *UI) *conversationDetail {
	d := &conversationDetail{u: u, empty: newEmptyState(), title: headingLabel(""), summary: quietText("")}
	d.title.SizeName = theme.SizeNameHeadingText
	d.empty.set("", "Pick a conversation to see who took part, what was said and what was promised.", "", nil)
	d.content = container.NewVBox()
	d.scroll = container.NewVScroll(d.content)
	edit := widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() {
		if d.id != 0 {
			u.editConversation(d.c, d.names)
		}
	})
	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() {
		if d.id != 0 {
			u.deleteConversation(d.c, d.names)
		}
	})
	feedback := widget.NewButtonWithIcon("Record feedback", theme.ContentAddIcon(), func() {
		if d.id != 0 {
			u.recordFeedbackFrom(d.c, d.names)
		}
	})
	header := container.NewVBox(d.title, d.summary, container.NewHBox(edit, feedback, del), widget.NewSeparator())
	d.body = container.NewBorder(header, nil, nil, nil, d.scroll)
	d.body.Hide()
	d.ExtendBaseWidget(d)
	return d
}

func (d *conversationDetail) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(d.empty, container.NewPadded(d.body)))
}

func (d *conversationDetail) clear() {
	d.id, d.c, d.names = 0, model.Conversation{}, nil
	d.gen++
	d.body.Hide()
	d.empty.Show()
}

// load reads the conversation with id, who took part and what came of it.
func (d *conversationDetail) load(id int64) {
	d.gen++
	gen := d.gen
	d.u.background(func(ctx context.Context, st Store) func() {
		c, names, fus, err := readConversation(ctx, st, id)
		return func() {
			if gen != d.gen {
				return
			}
			if errors.Is(err, model.ErrNotFound) {
				d.clear()
				return
			}
			if err != nil {
				d.u.showError(err)
				return
			}
			d.show(c, names, fus)
		}
	})
}

// readConversation reads a conversation, its participants' names and the
// follow-ups that came of it.
func readConversation(ctx context.Context, st Store, id int64) (model.Conversation, []string, []model.FollowUpItem, error) {
	c, err := st.Conversation(ctx, id)
	if err != nil {
		return c, nil, nil, err
	}
	if c.InTrash() {
		return c, nil, nil, fmt.Errorf("conversation %d is deleted: %w", id, model.ErrNotFound)
	}
	names := make([]string, len(c.Participants))
	for i, pid := range c.Participants {
		m, err := st.Member(ctx, pid)
		if err != nil {
			return c, nil, nil, err
		}
		names[i] = m.Name
	}
	fus, err := conversationFollowUps(ctx, st, c)
	return c, names, fus, err
}

// followUpsPerConversation bounds how many follow-ups of one conversation
// are read; a conversation gives rise to a handful.
const followUpsPerConversation = 100

// conversationFollowUps are the follow-ups that came of c, soonest due
// first; the store finds them by conversation.
func conversationFollowUps(ctx context.Context, st Store, c model.Conversation) ([]model.FollowUpItem, error) {
	return st.FollowUps(ctx, model.FollowUpFilter{ConversationID: c.ID, Limit: followUpsPerConversation})
}

func (d *conversationDetail) show(c model.Conversation, names []string, fus []model.FollowUpItem) {
	same := d.id == c.ID
	d.id, d.c, d.names = c.ID, c, names
	d.title.SetText(conversationTitle(c))
	d.summary.SetText(joinNonEmpty(" · ", formatWhen(c.At), c.Channel))

	who := container.New(&flowLayout{})
	for i, pid := range c.Participants {
		b := widget.NewButtonWithIcon(names[i], theme.AccountIcon(), func() { d.u.openMember(pid) })
		who.Add(b)
	}
	grid := container.New(layout.NewFormLayout())
	add := func(key string, value fyne.CanvasObject) {
		grid.Add(widget.NewLabelWithStyle(key, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(value)
	}
	add("With", who)
	add("Notes", textValue(c.Notes))
	if u, err := url.Parse(c.Link); err == nil && c.Link != "" {
		h := widget.NewHyperlink(c.Link, u)
		h.Wrapping = fyne.TextWrapBreak
		add("Link", h)
	} else {
		add("Link", textValue(c.Link))
	}
	add("Handled by", textValue(c.HandledBy))
	add("Tone", textValue(c.Tone))
	add("Logged", textValue(formatDate(c.CreatedAt)))

	objs := []fyne.CanvasObject{grid, widget.NewSeparator(), sectionTitle("What came of it")}
	if len(fus) == 0 {
		objs = append(objs, captionLabel("No promise or follow-up was noted in this conversation."))
	}
	now := d.u.now()
	for _, f := range fus {
		state := relativeDay(f.Due, now)
		switch f.Status {
		case model.FollowUpDone:
			state = "done " + formatDate(f.StatusChangedAt)
		case model.FollowUpDropped:
			state = "dropped " + formatDate(f.StatusChangedAt)
		}
		line := container.NewVBox(wrapLabel(f.What), captionLabel(joinNonEmpty(" · ", followUpKind(f.FollowUp)+" to "+strings.Join(f.Names, ", "), state)))
		if f.Status == model.FollowUpOpen {
			done := widget.NewButtonWithIcon("Done", theme.ConfirmIcon(), func() { d.u.markDone(f) })
			done.Importance = widget.LowImportance
			objs = append(objs, container.NewBorder(nil, nil, nil, done, line))
		} else {
			objs = append(objs, line)
		}
	}
	d.content.Objects = objs
	d.content.Refresh()
	if !same {
		d.scroll.ScrollToTop()
	}
	d.empty.Hide()
	d.body.Show()
}

// editConversation opens the form on c, whose participants are called names.
func (u *UI) editConversation(c model.Conversation, names []string) {
	if u.nav == nil || u.form != nil {
		return
	}
	with := make([]pickedMember, len(c.Participants))
	for i, id := range c.Participants {
		with[i] = pickedMember{ID: id, Name: names[i]}
	}
	showConversationForm(u, c, with)
}

// deleteConversation moves c to the trash and offers to undo it.
func (u *UI) deleteConversation(c model.Conversation, names []string) {
	if err := u.st.DeleteConversation(u.ctx(), c.ID); err != nil {
		u.showError(err)
		return
	}
	if u.conversations != nil {
		u.conversations.removed(c.ID)
	}
	u.recordChanged()
	what := excerpt(conversationTitle(c), 60)
	u.pushUndo(undoEntry{
		menu:    fmt.Sprintf("Undo delete of “%s”", what),
		message: fmt.Sprintf("The conversation “%s” with %s was deleted.", what, strings.Join(names, ", ")),
		undo:    func() error { return u.st.RestoreConversation(u.ctx(), c.ID) },
		undone: func() {
			u.openConversation(c.ID)
			u.recordChanged()
		},
	})
}
