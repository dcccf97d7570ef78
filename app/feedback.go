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

// Choices of the feedback list's filters that filter nothing.
const (
	allTeams    = "All teams"
	allKinds    = "All kinds"
	allStatuses = "Any status"
)

// feedbackPager feeds the list of feedback items, most recently changed first.
type feedbackPager = pager[model.FeedbackItem, model.FeedbackFilter]

var feedbackSource = pageSource[model.FeedbackItem, model.FeedbackFilter]{
	count: func(ctx context.Context, st Store, f model.FeedbackFilter) (int, error) {
		return st.CountFeedback(ctx, f)
	},
	page: func(ctx context.Context, st Store, f model.FeedbackFilter, offset, limit int) ([]model.FeedbackItem, error) {
		f.Offset, f.Limit = offset, limit
		return st.FeedbackItems(ctx, f)
	},
	id: func(f model.FeedbackItem) int64 { return f.ID },
}

// feedbackScreen lists the feedback members raised, filtered by team, kind,
// status and text, with how many items stand at each status, beside the item
// picked.
type feedbackScreen struct {
	widget.BaseWidget
	u      *UI
	team   *widget.Select
	kind   *widget.Select
	status *widget.Select
	text   *formEntry
	counts *fyne.Container
	list   *widget.List
	pager  *feedbackPager
	empty  *emptyState
	detail *feedbackDetail
	// board shows one column per status instead of the list and the item.
	board      *fyne.Container
	boardView  *container.Scroll
	listView   fyne.CanvasObject
	toggle     *widget.Button
	report     *widget.Button
	boardMode  bool
	boardGen   int
	boardItems map[model.FeedbackStatus][]model.FeedbackItem

	teams []model.ProductTeam
	// selectID is the item to select once the list has it in memory.
	selectID int64
	countGen int
}

func newFeedbackScreen(u *UI) *feedbackScreen {
	s := &feedbackScreen{u: u}
	s.pager = newPager(u, feedbackSource, model.FeedbackFilter{}, s.pageChanged)
	s.team = widget.NewSelect([]string{allTeams}, func(string) { s.applyFilter() })
	s.team.Selected = allTeams
	kinds := []string{allKinds}
	for _, k := range model.FeedbackKinds {
		kinds = append(kinds, string(k))
	}
	s.kind = widget.NewSelect(kinds, func(string) { s.applyFilter() })
	s.kind.Selected = allKinds
	statuses := []string{allStatuses}
	for _, st := range model.FeedbackStatuses {
		statuses = append(statuses, string(st))
	}
	s.status = widget.NewSelect(statuses, func(string) { s.applyFilter() })
	s.status.Selected = allStatuses
	s.text = newFormEntry(false, "Search titles, details and quotes")
	s.text.OnChanged = func(string) { s.applyFilter() }
	s.counts = container.New(&flowLayout{})
	s.list = widget.NewList(s.pager.length, newFeedbackRow, s.updateRow)
	s.list.OnSelected = s.selected
	s.empty = newEmptyState()
	s.empty.Hide()
	s.detail = newFeedbackDetail(u)
	s.board = container.NewHBox()
	s.boardView = container.NewHScroll(s.board)
	s.boardView.Hide()
	s.toggle = widget.NewButtonWithIcon("Board", theme.GridIcon(), s.toggleBoard)
	s.report = widget.NewButtonWithIcon("Report for a team…", theme.DocumentSaveIcon(), u.showFeedbackReport)
	if u.reports == nil {
		s.report.Hide()
	}
	s.ExtendBaseWidget(s)
	s.Hide()
	return s
}

func (s *feedbackScreen) CreateRenderer() fyne.WidgetRenderer {
	title := headingLabel("Feedback")
	teams := widget.NewButtonWithIcon("Teams…", theme.AccountIcon(), s.u.showTeams)
	add := widget.NewButtonWithIcon("Record feedback", theme.ContentAddIcon(), func() { s.u.recordFeedback(feedbackStart{}) })
	filters := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(s.toggle, teams, s.report, add), title),
		container.NewBorder(nil, nil, nil, container.NewGridWithColumns(3, s.team, s.kind, s.status), s.text),
		s.counts,
	)
	split := container.NewHSplit(container.NewStack(s.list, s.empty), s.detail)
	split.Offset = 0.42
	s.listView = split
	return widget.NewSimpleRenderer(container.NewBorder(container.NewPadded(filters), nil, nil, nil, container.NewStack(split, s.boardView)))
}

// newFeedbackRow is one line of the feedback list: the title, then kind, team
// and status, and how many raised it and were told.
func newFeedbackRow() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	sub := newQuietLabel("")
	sub.SizeName = theme.SizeNameCaptionText
	sub.Truncation = fyne.TextTruncateEllipsis
	return container.New(&rowLayout{}, title, sub)
}

// feedbackRowText is what a list row says under an item's title.
func feedbackRowText(f model.FeedbackItem) string {
	team := f.TeamName
	if team == "" {
		team = "no team yet"
	}
	return string(f.Kind) + " · " + team + " · " + string(f.Status) + " — " + loopText(f)
}

// loopText says how many members raised an item and how many were told.
func loopText(f model.FeedbackItem) string {
	members := "1 member"
	if f.Members != 1 {
		members = fmt.Sprintf("%d members", f.Members)
	}
	return fmt.Sprintf("%s · %d told", members, f.Told)
}

func (s *feedbackScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	f, ok := s.pager.item(i)
	if !ok {
		setMemberRow(o, "…", "")
		return
	}
	setMemberRow(o, f.Title, feedbackRowText(f))
}

func (s *feedbackScreen) selected(i widget.ListItemID) {
	if f, ok := s.pager.item(i); ok {
		s.detail.load(f.ID)
	}
}

// filter reads the filters.
func (s *feedbackScreen) filter() model.FeedbackFilter {
	var f model.FeedbackFilter
	if i := slices.IndexFunc(s.teams, func(t model.ProductTeam) bool { return t.Name == s.team.Selected }); i >= 0 {
		f.TeamID = s.teams[i].ID
	}
	if s.kind.Selected != allKinds {
		f.Kind = model.FeedbackKind(s.kind.Selected)
	}
	if s.status.Selected != allStatuses {
		f.Status = model.FeedbackStatus(s.status.Selected)
	}
	f.Text = strings.TrimSpace(s.text.Text)
	return f
}

func (s *feedbackScreen) applyFilter() {
	f := s.filter()
	if s.pager.loaded && f == s.pager.filter {
		return
	}
	s.pager.setFilter(f, func() {
		s.list.ScrollToTop()
		s.afterLoad()
	})
	s.loadCounts()
	s.loadBoard()
}

func (s *feedbackScreen) pageChanged() {
	s.list.Refresh()
	s.updateEmpty()
}

func (s *feedbackScreen) afterLoad() {
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

func (s *feedbackScreen) updateEmpty() {
	if !s.pager.loaded {
		return
	}
	if s.pager.count > 0 {
		s.empty.Hide()
		s.list.Show()
		return
	}
	if s.pager.filter == (model.FeedbackFilter{}) {
		s.empty.set("What members asked for, and what became of it.",
			"Record a bug, an idea or a complaint in the words of the members who raised it, hand it to a team, and tell each of them when it ships.",
			"Record feedback", func() { s.u.recordFeedback(feedbackStart{}) })
	} else {
		s.empty.set("", "No feedback matches these filters.", "Clear the filters", s.clearFilter)
	}
	s.list.Hide()
	s.empty.Show()
}

func (s *feedbackScreen) clearFilter() {
	s.text.SetText("")
	s.team.SetSelected(allTeams)
	s.kind.SetSelected(allKinds)
	s.status.SetSelected(allStatuses)
	s.applyFilter()
}

// loadCounts reads how many items the filters select per status.
func (s *feedbackScreen) loadCounts() {
	s.countGen++
	gen := s.countGen
	f := s.filter()
	s.u.background(func(ctx context.Context, st Store) func() {
		counts, err := st.CountFeedbackByStatus(ctx, f)
		return func() {
			if gen != s.countGen {
				return
			}
			if err != nil {
				s.u.showError(err)
				return
			}
			s.showCounts(counts)
		}
	})
}

// showCounts shows one small label per status that holds items.
func (s *feedbackScreen) showCounts(counts map[model.FeedbackStatus]int) {
	var objs []fyne.CanvasObject
	for _, st := range model.FeedbackStatuses {
		if n := counts[st]; n > 0 {
			l := newQuietLabel(fmt.Sprintf("%s %d", st, n))
			l.SizeName = theme.SizeNameCaptionText
			objs = append(objs, l)
		}
	}
	s.counts.Objects = objs
	s.counts.Refresh()
}

// reload reads the list, the counts and the teams again.
func (s *feedbackScreen) reload() {
	s.pager.reload(s.afterLoad)
	s.loadCounts()
	s.loadBoard()
	s.u.background(func(ctx context.Context, st Store) func() {
		teams, err := st.Teams(ctx, true)
		return func() {
			if err != nil {
				s.u.showError(err)
				return
			}
			s.teams = teams
			options := []string{allTeams}
			for _, t := range teams {
				options = append(options, t.Name)
			}
			if slices.Equal(options, s.team.Options) {
				return
			}
			s.team.SetOptions(options)
			if !slices.Contains(options, s.team.Selected) {
				s.team.SetSelected(allTeams)
			}
		}
	})
}

// open shows the item with id and selects it in the list when it holds it.
func (s *feedbackScreen) open(id int64) {
	s.setBoard(false)
	s.detail.load(id)
	s.selectID = id
	s.pager.reload(s.afterLoad)
	s.loadCounts()
}

// refreshDetail reads the item shown again.
func (s *feedbackScreen) refreshDetail() {
	if s.detail.id != 0 {
		s.detail.load(s.detail.id)
	}
}

// feedbackDetail shows one item: what it is, who raised it in which words,
// whom it was handed to, where it stands and who was told.
type feedbackDetail struct {
	widget.BaseWidget
	u       *UI
	empty   *emptyState
	body    *fyne.Container
	title   *widget.Label
	summary *quietLabel
	move    *widget.Button
	content *fyne.Container
	scroll  *container.Scroll

	id   int64
	item model.FeedbackDetail
	gen  int
	// sources titles the conversations the item's raises were said in.
	sources map[int64]string
}

func newFeedbackDetail(u *UI) *feedbackDetail {
	d := &feedbackDetail{u: u, empty: newEmptyState(), title: headingLabel(""), summary: quietText("")}
	d.title.SizeName = theme.SizeNameHeadingText
	d.title.Wrapping = fyne.TextWrapWord
	d.empty.set("", "Pick an item to see who raised it, in their words, where it stands and who was told.", "", nil)
	d.content = container.NewVBox()
	d.scroll = container.NewVScroll(d.content)
	d.move = widget.NewButtonWithIcon("Move to…", theme.MoreHorizontalIcon(), d.showMoveMenu)
	addRaise := widget.NewButtonWithIcon("Add who raised it", theme.ContentAddIcon(), func() {
		if d.id != 0 {
			target := d.item.FeedbackItem
			u.recordFeedback(feedbackStart{target: &target})
		}
	})
	edit := widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() {
		if d.id != 0 {
			u.editFeedback(d.item.FeedbackItem)
		}
	})
	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() {
		if d.id != 0 {
			u.deleteFeedback(d.item.Feedback)
		}
	})
	header := container.NewVBox(d.title, d.summary, container.NewHBox(edit, d.move, addRaise, del), widget.NewSeparator())
	d.body = container.NewBorder(header, nil, nil, nil, d.scroll)
	d.body.Hide()
	d.ExtendBaseWidget(d)
	return d
}

func (d *feedbackDetail) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(d.empty, container.NewPadded(d.body)))
}

func (d *feedbackDetail) clear() {
	d.id, d.item = 0, model.FeedbackDetail{}
	d.gen++
	d.body.Hide()
	d.empty.Show()
}

// load reads the item with id.
func (d *feedbackDetail) load(id int64) {
	d.gen++
	gen := d.gen
	d.u.background(func(ctx context.Context, st Store) func() {
		item, err := st.Feedback(ctx, id)
		sources := map[int64]string{}
		if err == nil {
			for _, r := range item.Raises {
				if _, ok := sources[r.ConversationID]; ok || r.ConversationID == 0 {
					continue
				}
				if c, cerr := st.Conversation(ctx, r.ConversationID); cerr == nil {
					sources[r.ConversationID] = conversationTitle(c)
				} else {
					sources[r.ConversationID] = ""
				}
			}
		}
		return func() {
			if gen != d.gen {
				return
			}
			d.sources = sources
			if errors.Is(err, model.ErrNotFound) {
				d.clear()
				return
			}
			if err != nil {
				d.u.showError(err)
				return
			}
			d.show(item)
		}
	})
}

// moveChoices are the statuses an item at from may be moved to from its menu:
// those CanMove allows, but duplicate, which needs the item it duplicates.
func moveChoices(from model.FeedbackStatus) []model.FeedbackStatus {
	var to []model.FeedbackStatus
	for _, s := range model.FeedbackStatuses {
		if s != model.FeedbackDuplicate && model.CanMove(from, s) == nil {
			to = append(to, s)
		}
	}
	return to
}

// moveMenu is the menu moving the item f.
func (u *UI) moveMenu(f model.Feedback) *fyne.Menu {
	var items []*fyne.MenuItem
	for _, to := range moveChoices(f.Status) {
		items = append(items, fyne.NewMenuItem(capitalize(string(to)), func() { u.moveFeedback(f, to) }))
	}
	return fyne.NewMenu("", items...)
}

func (d *feedbackDetail) showMoveMenu() {
	if d.id == 0 {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(d.move)
	if c == nil {
		return
	}
	menu := d.u.moveMenu(d.item.Feedback)
	if model.CanMove(d.item.Status, model.FeedbackDuplicate) == nil {
		item := d.item.Feedback
		menu.Items = append(menu.Items, fyne.NewMenuItem("Mark as duplicate of…", func() { d.u.markDuplicateOf(item) }))
	}
	widget.ShowPopUpMenuAtRelativePosition(menu, c, fyne.NewPos(0, d.move.Size().Height), d.move)
}

func (d *feedbackDetail) show(item model.FeedbackDetail) {
	same := d.id == item.ID
	d.id, d.item = item.ID, item
	d.title.SetText(item.Title)
	d.summary.SetText(joinNonEmpty(" · ", string(item.Kind), item.TeamName, string(item.Status), loopText(item.FeedbackItem)))

	grid := container.New(layout.NewFormLayout())
	add := func(key string, value fyne.CanvasObject) {
		grid.Add(widget.NewLabelWithStyle(key, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(value)
	}
	add("Detail", textValue(item.Detail))
	add("Kind", textValue(string(item.Kind)))
	team := item.TeamName
	if team == "" {
		team = "not handed to a team yet"
	}
	add("Team", textValue(team))
	status := string(item.Status)
	if item.Status == model.FeedbackDuplicate && item.DuplicateTitle != "" {
		status = model.OutcomeText(item.Status, "", item.DuplicateTitle)
	}
	add("Status", textValue(status))
	if link, err := url.Parse(item.TrackerLink); err == nil && item.TrackerLink != "" {
		h := widget.NewHyperlink(item.TrackerLink, link)
		h.Wrapping = fyne.TextWrapBreak
		add("Tracker", h)
	} else {
		add("Tracker", textValue(item.TrackerLink))
	}
	add("Outcome", textValue(item.Outcome))
	add("Recorded", textValue(joinNonEmpty(" by ", formatDate(item.CreatedAt), item.CreatedBy)))

	objs := []fyne.CanvasObject{grid, widget.NewSeparator(), sectionTitle("In their words")}
	if len(item.Raises) == 0 {
		objs = append(objs, captionLabel("Nobody's words are kept for this item."))
	}
	for _, r := range item.Raises {
		who := widget.NewButtonWithIcon(r.Name, theme.AccountIcon(), func() { d.u.openMember(r.MemberID) })
		who.Importance = widget.LowImportance
		edit := widget.NewButtonWithIcon("Edit words", theme.DocumentCreateIcon(), func() { d.u.editRaise(r) })
		edit.Importance = widget.LowImportance
		remove := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { d.u.confirmRemoveRaise(r) })
		remove.Importance = widget.LowImportance
		// Who and what to do on one line, their words below at the pane's
		// full width: the quote is what the item is read for.
		words := container.NewVBox(
			container.NewBorder(nil, nil, who, container.NewHBox(edit, remove)),
			wrapLabel("“"+r.Quote+"”"),
			captionLabel(formatDate(r.Date)))
		if src := d.u.raiseSource(r, d.sources[r.ConversationID]); src != nil {
			words.Add(src)
		}
		objs = append(objs, words)
	}

	objs = append(objs, widget.NewSeparator(), sectionTitle("Close the loop"))
	if !model.ClosesLoop(item.Status) {
		objs = append(objs, captionLabel("Once it is shipped, declined or found a duplicate, each member who raised it is owed word of it."))
	}
	for _, l := range item.Loop {
		state := "not told yet"
		if l.Told() {
			state = "told " + formatDate(l.ToldAt)
		}
		line := container.NewVBox(wrapLabel(l.Name), captionLabel(state))
		if model.ClosesLoop(item.Status) && !l.Told() {
			told := widget.NewButtonWithIcon("Mark told", theme.ConfirmIcon(), func() { d.u.markTold(item.ID, item.Title, l.MemberID, l.Name) })
			objs = append(objs, container.NewBorder(nil, nil, nil, container.NewVBox(told), line))
		} else {
			objs = append(objs, line)
		}
	}

	objs = append(objs, widget.NewSeparator(), sectionTitle("History"))
	for _, c := range item.History {
		what := "recorded as " + string(c.To)
		if c.From != "" {
			what = string(c.From) + " → " + string(c.To)
		}
		objs = append(objs, container.NewVBox(wrapLabel(capitalize(what)), captionLabel(joinNonEmpty(" · ", formatWhen(c.At), c.By, c.Note))))
	}
	d.content.Objects = objs
	d.content.Refresh()
	if !same {
		d.scroll.ScrollToTop()
	}
	d.move.Disable()
	if len(moveChoices(item.Status)) > 0 || model.CanMove(item.Status, model.FeedbackDuplicate) == nil {
		d.move.Enable()
	}
	d.empty.Hide()
	d.body.Show()
}

// openFeedback shows the item with id on the Feedback screen.
func (u *UI) openFeedback(id int64) {
	if u.nav == nil {
		return
	}
	u.goTo(screenFeedback)
	u.build(screenFeedback)
	u.feedback.open(id)
}

// feedbackChanged shows an item just recorded or changed (on the board, when
// it shows, else beside the list), and what sums the record up.
func (u *UI) feedbackChanged(id int64) {
	if u.nav == nil {
		return
	}
	if u.screen != screenFeedback || !u.feedback.boardMode {
		u.openFeedback(id)
	}
	u.recordChanged()
}

// moveFeedback moves f to another status; the record says when it may not.
// A move it can take back is offered to undo.
func (u *UI) moveFeedback(f model.Feedback, to model.FeedbackStatus) {
	if err := u.st.SetFeedbackStatus(u.ctx(), f.ID, to, ""); err != nil {
		u.showError(err)
		return
	}
	u.feedbackChanged(f.ID)
	if model.CanMove(to, f.Status) != nil || f.Status == model.FeedbackDuplicate {
		return
	}
	what := excerpt(f.Title, 60)
	u.pushUndo(undoEntry{
		menu:    fmt.Sprintf("Undo move of “%s”", what),
		message: fmt.Sprintf("“%s” is %s.", what, to),
		undo:    func() error { return u.st.SetFeedbackStatus(u.ctx(), f.ID, f.Status, "") },
		undone:  func() { u.feedbackChanged(f.ID) },
	})
}

// deleteFeedback moves f to the trash and offers to undo it; its raises,
// history and close-the-loop list come back with it.
func (u *UI) deleteFeedback(f model.Feedback) {
	if err := u.st.DeleteFeedback(u.ctx(), f.ID); err != nil {
		u.showError(err)
		return
	}
	if u.feedback != nil && u.feedback.detail.id == f.ID {
		u.feedback.detail.clear()
	}
	u.recordChanged()
	what := excerpt(f.Title, 60)
	u.pushUndo(undoEntry{
		menu:    fmt.Sprintf("Undo delete of “%s”", what),
		message: fmt.Sprintf("“%s” was deleted.", what),
		undo:    func() error { return u.st.RestoreFeedback(u.ctx(), f.ID) },
		undone:  func() { u.feedbackChanged(f.ID) },
	})
}

// markTold records that a member was told what became of an item, and offers
// to undo it.
func (u *UI) markTold(feedbackID int64, title string, memberID int64, name string) {
	if err := u.st.MarkTold(u.ctx(), feedbackID, memberID); err != nil {
		u.showError(err)
		return
	}
	u.recordChanged()
	what := excerpt(title, 60)
	u.pushUndo(undoEntry{
		menu:    fmt.Sprintf("Undo told %s", name),
		message: fmt.Sprintf("%s was told about “%s”.", name, what),
		undo:    func() error { return u.st.UnmarkTold(u.ctx(), feedbackID, memberID) },
		undone:  u.recordChanged,
	})
}

// boardColumnSize bounds how many cards a board column shows; the list
// shows them all.
const boardColumnSize = 50

// boardColumnWidth is how wide a column of the board is.
const boardColumnWidth = 240

func (s *feedbackScreen) toggleBoard() { s.setBoard(!s.boardMode) }

// setBoard shows the board, one column per status, or the list beside the item.
func (s *feedbackScreen) setBoard(on bool) {
	if on == s.boardMode {
		return
	}
	s.boardMode = on
	if on {
		s.toggle.SetText("List")
		s.toggle.SetIcon(theme.ListIcon())
		s.status.Disable() // a column per status: the board shows them all
		if s.listView != nil {
			s.listView.Hide()
		}
		s.boardView.Show()
		s.loadBoard()
		return
	}
	s.toggle.SetText("Board")
	s.toggle.SetIcon(theme.GridIcon())
	s.status.Enable()
	s.boardView.Hide()
	if s.listView != nil {
		s.listView.Show()
	}
}

// loadBoard reads the board's counts and each column's first cards, when
// the board shows.
func (s *feedbackScreen) loadBoard() {
	if !s.boardMode {
		return
	}
	s.boardGen++
	gen := s.boardGen
	f := s.filter()
	f.Status = ""
	s.u.background(func(ctx context.Context, st Store) func() {
		board, err := st.FeedbackBoard(ctx, f, boardColumnSize)
		return func() {
			if gen != s.boardGen {
				return
			}
			if err != nil {
				s.u.showError(err)
				return
			}
			s.boardItems = board.Columns
			s.showBoard(board.Columns, board.Counts)
		}
	})
}

// showBoard lays out a column per status, each card with a menu to move it.
func (s *feedbackScreen) showBoard(items map[model.FeedbackStatus][]model.FeedbackItem, counts map[model.FeedbackStatus]int) {
	var cols []fyne.CanvasObject
	for _, status := range model.FeedbackStatuses {
		heading := widget.NewLabelWithStyle(fmt.Sprintf("%s  %d", capitalize(string(status)), counts[status]), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		cards := container.NewVBox()
		for _, it := range items[status] {
			cards.Add(s.card(it))
		}
		if more := counts[status] - len(items[status]); more > 0 {
			cards.Add(captionLabelText(fmt.Sprintf("%d more: filter the list by %s to see them all.", more, status)))
		}
		col := container.NewBorder(heading, nil, nil, nil, container.NewVScroll(cards))
		cols = append(cols, container.New(&fixedWidth{width: boardColumnWidth}, col))
	}
	s.board.Objects = cols
	s.board.Refresh()
}

// card is one item on the board: what the list's row says, a way to open it
// and a menu to move it.
func (s *feedbackScreen) card(it model.FeedbackItem) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(it.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	open := widget.NewButtonWithIcon("Open", theme.VisibilityIcon(), func() { s.u.openFeedback(it.ID) })
	open.Importance = widget.LowImportance
	var move *widget.Button
	move = widget.NewButtonWithIcon("Move to…", theme.MoreHorizontalIcon(), func() {
		c := fyne.CurrentApp().Driver().CanvasForObject(move)
		if c == nil {
			return
		}
		widget.ShowPopUpMenuAtRelativePosition(s.u.moveMenu(it.Feedback), c, fyne.NewPos(0, move.Size().Height), move)
	})
	move.Importance = widget.LowImportance
	if len(moveChoices(it.Status)) == 0 {
		move.Disable()
	}
	sub := strings.Replace(feedbackRowText(it), " · "+string(it.Status)+" — ", "\n", 1)
	body := container.NewVBox(title, captionLabelText(sub), container.NewHBox(open, move))
	return widget.NewCard("", "", body)
}
