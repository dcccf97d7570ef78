package app

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// Today's sections, in the order they show.
const (
	sectionLate = iota
	sectionDueToday
	sectionDueThisWeek
	sectionCheckIn
	sectionGoingQuiet
	sectionNeverContacted
	sectionWaitingToHear
)

// todaySection is what a section of Today is called and what it holds.
type todaySection struct {
	title, hint string
	people      bool // a list of members rather than of promises
}

var todaySections = []todaySection{
	sectionLate:           {"Late", "Promises and follow-ups past their day.", false},
	sectionDueToday:       {"Due today", "", false},
	sectionDueThisWeek:    {"Due this week", "", false},
	sectionCheckIn:        {"Time to check in", "Their keep-in-touch day has come.", true},
	sectionGoingQuiet:     {"Going quiet", "Silent for longer than their own rhythm.", true},
	sectionNeverContacted: {"Never contacted", "In the record with no conversation yet, longest waiting first.", true},
	sectionWaitingToHear:  {"Waiting to hear back", "They raised feedback whose outcome is known and were not told yet.", true},
}

// Kinds of rows in Today's list.
const (
	rowHeader = iota
	rowFollowUp
	rowMember
	rowHearBack
	rowMore
)

// todayRow is one row of Today's list: a section's header, a follow-up, a
// member, or a line saying the section holds more than it shows.
type todayRow struct {
	kind    int
	section int
	fu      model.FollowUpItem
	m       model.MemberDue
	hb      model.HearBack
	// amount is how much of the largest section this one holds, for the bar.
	amount float32
	text   string
}

// todayScreen is the start screen: what waits for the manager today, and who
// has been left out. Every row acts in place: mark done, snooze, log a
// conversation, open the member.
type todayScreen struct {
	widget.BaseWidget
	u     *UI
	date  *quietLabel
	list  *widget.List
	empty *emptyState

	data     model.Today
	rows     []todayRow
	loaded   bool
	gen      int
	midnight *time.Timer
}

func newTodayScreen(u *UI) *todayScreen {
	s := &todayScreen{u: u, date: quietText("")}
	s.list = widget.NewList(
		func() int { return len(s.rows) },
		func() fyne.CanvasObject { return newTodayRowView(s) },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*todayRowView).set(s.rows[i]) },
	)
	s.list.OnSelected = func(id widget.ListItemID) { s.list.Unselect(id) }
	s.empty = newEmptyState()
	s.empty.Hide()
	s.ExtendBaseWidget(s)
	s.Hide()
	return s
}

func (s *todayScreen) CreateRenderer() fyne.WidgetRenderer {
	title := headingLabel("Today")
	title.SizeName = theme.SizeNameHeadingText
	header := container.NewVBox(title, s.date)
	return widget.NewSimpleRenderer(container.NewBorder(container.NewPadded(header), nil, nil, nil, container.NewStack(s.list, s.empty)))
}

// reload reads Today afresh from the record.
func (s *todayScreen) reload() {
	s.gen++
	gen := s.gen
	s.u.background(func(ctx context.Context, st Store) func() {
		t, err := st.Today(ctx)
		members := 1
		if err == nil && todayEmpty(t) {
			members, err = st.CountMembers(ctx, model.MemberFilter{})
		}
		return func() {
			if gen != s.gen || s.u.today != s {
				return
			}
			if err != nil {
				s.u.showError(err)
				return
			}
			s.show(t, members > 0)
		}
	})
}

func todayEmpty(t model.Today) bool {
	for _, n := range []int{t.Late.Total, t.DueToday.Total, t.DueThisWeek.Total, t.CheckIn.Total, t.GoingQuiet.Total, t.NeverContacted.Total, t.WaitingToHear.Total} {
		if n > 0 {
			return false
		}
	}
	return true
}

// show lays Today out: the sections that hold something, each under its
// header with a bar saying how much waits there.
func (s *todayScreen) show(t model.Today, hasMembers bool) {
	s.data, s.loaded = t, true
	s.date.SetText(t.Day.Format("Monday 2 January 2006"))
	s.u.setWaiting(t.Late.Total + t.DueToday.Total)
	s.u.setHearBack(t.WaitingToHear.Total)
	s.u.reminders.plan(t)
	s.wakeAtMidnight(t.Day)

	largest := 1
	for _, n := range []int{t.Late.Total, t.DueToday.Total, t.DueThisWeek.Total, t.CheckIn.Total, t.GoingQuiet.Total, t.NeverContacted.Total, t.WaitingToHear.Total} {
		largest = max(largest, n)
	}
	var rows []todayRow
	header := func(section, total int) {
		rows = append(rows, todayRow{kind: rowHeader, section: section, amount: float32(total) / float32(largest), text: fmt.Sprint(total)})
	}
	more := func(section, total, shown int) {
		if total <= shown {
			return
		}
		text := fmt.Sprintf("%d more not shown here.", total-shown)
		if todaySections[section].people {
			text = fmt.Sprintf("These are the %d who have waited longest; more are waiting.", shown)
		}
		rows = append(rows, todayRow{kind: rowMore, section: section, text: text})
	}
	for section, sec := range []model.Section[model.FollowUpItem]{t.Late, t.DueToday, t.DueThisWeek} {
		if sec.Total == 0 {
			continue
		}
		header(section, sec.Total)
		for _, fu := range sec.Items {
			rows = append(rows, todayRow{kind: rowFollowUp, section: section, fu: fu})
		}
		more(section, sec.Total, len(sec.Items))
	}
	for i, sec := range []model.Section[model.MemberDue]{t.CheckIn, t.GoingQuiet, t.NeverContacted} {
		section := sectionCheckIn + i
		if sec.Total == 0 {
			continue
		}
		header(section, sec.Total)
		for _, m := range sec.Items {
			rows = append(rows, todayRow{kind: rowMember, section: section, m: m})
		}
		more(section, sec.Total, len(sec.Items))
	}
	if sec := t.WaitingToHear; sec.Total > 0 {
		header(sectionWaitingToHear, sec.Total)
		for _, hb := range sec.Items {
			rows = append(rows, todayRow{kind: rowHearBack, section: sectionWaitingToHear, hb: hb})
		}
		more(sectionWaitingToHear, sec.Total, len(sec.Items))
	}
	s.rows = rows
	s.list.Refresh()

	if len(rows) > 0 {
		s.empty.Hide()
		s.list.Show()
		return
	}
	if hasMembers {
		s.empty.set("Nothing is waiting.",
			"No promise is due and nobody is waiting to hear from you. Log conversations as they happen, with what you promised, and Today brings each one back on its day.",
			"Log a conversation", func() { s.u.logConversation() })
	} else {
		s.empty.set("Nothing is waiting.",
			"Today gathers the promises you made and the people you mean to keep in touch with. Start with the first member of your community.",
			"Add a member", s.u.newMember)
	}
	s.list.Hide()
	s.empty.Show()
}

// wakeAtMidnight reads Today again when the day turns, should the window stay
// open that long.
func (s *todayScreen) wakeAtMidnight(day time.Time) {
	if s.midnight != nil {
		s.midnight.Stop()
	}
	wait := time.Until(day.AddDate(0, 0, 1).Add(time.Minute))
	if wait <= 0 {
		return
	}
	s.midnight = time.AfterFunc(wait, func() {
		s.u.do(func() {
			if !s.u.closed && s.u.today == s {
				s.reload()
			}
		})
	})
}

// rowText is the two lines an item row shows.
func (s *todayScreen) rowText(r todayRow) (title, sub string) {
	day := s.data.Day
	switch r.kind {
	case rowFollowUp:
		who := "With "
		if r.fu.Promise {
			who = "Promised to "
		}
		return r.fu.What, joinNonEmpty(" · ", who+strings.Join(r.fu.Names, ", "), relativeDay(r.fu.Due, day))
	case rowMember:
		m := r.m
		last := "no conversation yet"
		if !m.LastContacted.IsZero() {
			last = fmt.Sprintf("last contact %s (%s)", formatDate(m.LastContacted), sinceText(m.LastContacted, day))
		}
		switch r.section {
		case sectionCheckIn:
			return m.Name, capitalize(last) + " · check-in due " + formatDate(m.CheckIn)
		case sectionGoingQuiet:
			return m.Name, capitalize(last) + ", longer than their usual rhythm"
		default:
			return m.Name, fmt.Sprintf("In the record since %s (%s)", formatDate(m.Added), sinceText(m.Added, day))
		}
	case rowHearBack:
		hb := r.hb
		return hb.Name, joinNonEmpty(" · ", "“"+hb.Title+"”", model.OutcomeText(hb.Status, hb.Outcome, ""), "waiting since "+formatDate(hb.ClosedAt))
	}
	return "", ""
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// snoozeChoices are how long a row can be put off.
var snoozeChoices = []struct {
	label        string
	days, months int
}{
	{"For a week", 7, 0},
	{"For a month", 0, 1},
}

// snooze puts a row off: a follow-up's due day moves, a member leaves Today
// until then.
func (s *todayScreen) snooze(r todayRow, days, months int) {
	until := s.data.Day.AddDate(0, months, days)
	switch r.kind {
	case rowFollowUp:
		s.u.postpone(r.fu, until)
	case rowMember:
		s.u.snoozeMember(r.m, until)
	}
}

// markDone marks an open follow-up done, and offers to undo it.
func (u *UI) markDone(fu model.FollowUpItem) { u.closeFollowUp(fu, model.FollowUpDone) }

// drop marks an open follow-up dropped: no longer needed, but kept in the
// record with when it was dropped, and offers to undo it.
func (u *UI) drop(fu model.FollowUpItem) { u.closeFollowUp(fu, model.FollowUpDropped) }

// closeFollowUp takes an open follow-up off Today as done or dropped.
func (u *UI) closeFollowUp(fu model.FollowUpItem, status model.FollowUpStatus) {
	if err := u.st.SetFollowUpStatus(u.ctx(), fu.ID, status); err != nil {
		u.showError(err)
		return
	}
	u.reminders.forget(fu.ID)
	u.recordChanged()
	what := excerpt(fu.What, 60)
	menu, message := "Undo done of “%s”", "“%s” is done."
	if status == model.FollowUpDropped {
		menu, message = "Undo drop of “%s”", "“%s” is dropped; the record keeps it."
	}
	u.pushUndo(undoEntry{
		menu:    fmt.Sprintf(menu, what),
		message: fmt.Sprintf(message, what),
		undo:    func() error { return u.st.SetFollowUpStatus(u.ctx(), fu.ID, model.FollowUpOpen) },
		undone:  u.recordChanged,
	})
}

// postpone moves a follow-up's due day to until, and offers to undo it.
func (u *UI) postpone(fu model.FollowUpItem, until time.Time) {
	f := fu.FollowUp
	f.Due = until
	if err := u.st.UpdateFollowUp(u.ctx(), &f); err != nil {
		u.showError(err)
		return
	}
	u.recordChanged()
	what := excerpt(fu.What, 60)
	u.pushUndo(undoEntry{
		menu:    fmt.Sprintf("Undo snooze of “%s”", what),
		message: fmt.Sprintf("“%s” is now due %s.", what, formatDate(until)),
		undo: func() error {
			old := fu.FollowUp
			return u.st.UpdateFollowUp(u.ctx(), &old)
		},
		undone: u.recordChanged,
	})
}

// snoozeMember leaves m out of Today until the day of until, and offers to
// undo it.
func (u *UI) snoozeMember(m model.MemberDue, until time.Time) {
	if err := u.st.SnoozeMember(u.ctx(), m.ID, until); err != nil {
		u.showError(err)
		return
	}
	u.recordChanged()
	u.pushUndo(undoEntry{
		menu:    fmt.Sprintf("Undo snooze of %s", m.Name),
		message: fmt.Sprintf("%s is snoozed until %s.", m.Name, formatDate(until)),
		undo:    func() error { return u.st.SnoozeMember(u.ctx(), m.ID, m.SnoozeUntil) },
		undone:  u.recordChanged,
	})
}

// todayRowView draws one row of Today: a section header with its bar, an item
// with its actions, or a line saying there is more.
type todayRowView struct {
	widget.BaseWidget
	s   *todayScreen
	row todayRow

	header    *fyne.Container
	heading   *widget.Label
	hint      *quietLabel
	count     *quietLabel
	bar       *amountBar
	item      *fyne.Container
	title     *widget.Label
	sub       *quietLabel
	done      *widget.Button
	told      *widget.Button
	snoozeBtn *widget.Button
	logBtn    *widget.Button
	openBtn   *widget.Button
	more      *quietLabel
}

func newTodayRowView(s *todayScreen) *todayRowView {
	v := &todayRowView{s: s}
	v.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.heading.SizeName = theme.SizeNameSubHeadingText
	v.hint = newQuietLabel("")
	v.hint.SizeName = theme.SizeNameCaptionText
	v.hint.Truncation = fyne.TextTruncateEllipsis
	v.count = newQuietLabel("")
	v.bar = newAmountBar()
	bar := container.New(&fixedWidth{width: barWidth + theme.Padding()*4}, v.bar)
	v.header = container.New(&rowLayout{},
		container.NewHBox(v.heading, v.count),
		container.NewBorder(nil, nil, bar, nil, v.hint))

	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.Truncation = fyne.TextTruncateEllipsis
	v.sub = newQuietLabel("")
	v.sub.SizeName = theme.SizeNameCaptionText
	v.sub.Truncation = fyne.TextTruncateEllipsis
	text := container.New(&rowLayout{}, v.title, v.sub)
	v.done = widget.NewButtonWithIcon("Done", theme.ConfirmIcon(), func() {
		if v.row.kind == rowFollowUp {
			s.u.markDone(v.row.fu)
		}
	})
	v.told = widget.NewButtonWithIcon("Mark told", theme.ConfirmIcon(), func() {
		if hb := v.row.hb; v.row.kind == rowHearBack {
			s.u.markTold(hb.FeedbackID, hb.Title, hb.MemberID, hb.Name)
		}
	})
	v.snoozeBtn = widget.NewButtonWithIcon("Snooze", theme.HistoryIcon(), v.showSnooze)
	v.logBtn = widget.NewButtonWithIcon("Log", theme.MailComposeIcon(), func() { s.u.logConversation(v.members()...) })
	v.openBtn = widget.NewButtonWithIcon("Open", theme.AccountIcon(), func() {
		if ms := v.members(); len(ms) > 0 {
			s.u.openMember(ms[0].ID)
		}
	})
	for _, b := range []*widget.Button{v.done, v.snoozeBtn, v.logBtn, v.openBtn} {
		b.Importance = widget.LowImportance
	}
	v.done.Importance = widget.MediumImportance
	actions := container.NewHBox(v.done, v.told, v.snoozeBtn, v.logBtn, v.openBtn)
	v.item = container.NewBorder(nil, nil, nil, container.NewCenter(actions), text)

	v.more = quietText("")
	v.ExtendBaseWidget(v)
	return v
}

func (v *todayRowView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(v.header, v.item, container.NewCenter(v.more)))
}

// members are who the row is about.
func (v *todayRowView) members() []pickedMember {
	switch v.row.kind {
	case rowFollowUp:
		var ms []pickedMember
		for i, id := range v.row.fu.Members {
			name := ""
			if i < len(v.row.fu.Names) {
				name = v.row.fu.Names[i]
			}
			ms = append(ms, pickedMember{ID: id, Name: name})
		}
		return ms
	case rowMember:
		return []pickedMember{{ID: v.row.m.ID, Name: v.row.m.Name}}
	case rowHearBack:
		return []pickedMember{{ID: v.row.hb.MemberID, Name: v.row.hb.Name}}
	}
	return nil
}

// set shows r in the view.
func (v *todayRowView) set(r todayRow) {
	v.row = r
	v.header.Hide()
	v.item.Hide()
	v.more.Hide()
	switch r.kind {
	case rowHeader:
		sec := todaySections[r.section]
		v.heading.SetText(sec.title)
		v.hint.SetText(sec.hint)
		// Promises are counted; people are not: the bar alone says how many wait.
		if sec.people {
			v.count.SetText("")
		} else {
			v.count.SetText(r.text + " waiting")
		}
		v.bar.set(r.amount, r.section <= sectionDueToday)
		v.header.Show()
	case rowFollowUp, rowMember, rowHearBack:
		title, sub := v.s.rowText(r)
		v.title.SetText(title)
		v.sub.SetText(sub)
		if r.kind == rowFollowUp {
			v.done.Show()
		} else {
			v.done.Hide()
		}
		if r.kind == rowHearBack {
			v.told.Show()
			v.snoozeBtn.Hide()
		} else {
			v.told.Hide()
			v.snoozeBtn.Show()
		}
		v.item.Show()
	case rowMore:
		v.more.SetText(r.text)
		v.more.Show()
	}
}

// showSnooze offers how long to put the row off.
func (v *todayRowView) showSnooze() {
	row := v.row
	var items []*fyne.MenuItem
	for _, c := range snoozeChoices {
		items = append(items, fyne.NewMenuItem(c.label, func() { v.s.snooze(row, c.days, c.months) }))
	}
	if row.kind == rowFollowUp {
		items = append(items, fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Drop it: no longer needed", func() { v.s.u.drop(row.fu) }))
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(v.snoozeBtn)
	if c == nil {
		return
	}
	widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", items...), c, fyne.NewPos(0, v.snoozeBtn.Size().Height), v.snoozeBtn)
}

// amountBar is a thin bar whose filled part shows how much waits in a section
// against the largest one: a picture of the load, not a score.
type amountBar struct {
	widget.BaseWidget
	amount float32
	urgent bool
}

func newAmountBar() *amountBar {
	b := &amountBar{}
	b.ExtendBaseWidget(b)
	return b
}

func (b *amountBar) set(amount float32, urgent bool) {
	b.amount, b.urgent = max(0, min(1, amount)), urgent
	b.Refresh()
}

func (b *amountBar) CreateRenderer() fyne.WidgetRenderer {
	r := &amountBarRenderer{b: b, track: canvas.NewRectangle(color.Transparent), fill: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

type amountBarRenderer struct {
	b           *amountBar
	track, fill *canvas.Rectangle
}

// barHeight and barWidth are the bar's thickness and its longest length.
const (
	barHeight = 4
	barWidth  = 240
)

func (r *amountBarRenderer) Layout(size fyne.Size) {
	w := fyne.Min(size.Width, barWidth)
	y := (size.Height - barHeight) / 2
	r.track.Move(fyne.NewPos(theme.Padding()*2, y))
	r.track.Resize(fyne.NewSize(w, barHeight))
	r.fill.Move(fyne.NewPos(theme.Padding()*2, y))
	r.fill.Resize(fyne.NewSize(fyne.Max(barHeight, w*r.b.amount), barHeight))
}

func (r *amountBarRenderer) MinSize() fyne.Size {
	return fyne.NewSize(barHeight*4, barHeight+theme.Padding())
}

func (r *amountBarRenderer) Refresh() {
	r.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	fill := theme.ColorNamePrimary
	if r.b.urgent {
		fill = theme.ColorNameWarning
	}
	r.fill.FillColor = theme.Color(fill)
	r.track.CornerRadius, r.fill.CornerRadius = barHeight/2, barHeight/2
	r.Layout(r.b.Size())
	r.track.Refresh()
	r.fill.Refresh()
}

func (r *amountBarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill}
}
func (r *amountBarRenderer) Destroy() {}

// fixedWidth gives its one object a fixed width and its own height.
type fixedWidth struct{ width float32 }

func (l *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(fyne.NewSize(l.width, size.Height))
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = fyne.Max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}
