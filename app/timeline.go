package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// Page sizes of a member's activity: the timeline shows this many entries at a
// time, with "Show more" for the next; open promises show up to their limit.
const (
	timelinePage       = 20
	openPromisesLimit  = 20
	notesExcerptLength = 240
)

// memberActivity shows, under a member's detail, what is open with them and
// everything that happened: their open promises (each can be marked done)
// and their timeline of conversations and follow-ups, newest first, a page at
// a time.
type memberActivity struct {
	widget.BaseWidget
	u *UI

	contact   *quietLabel
	promises  *fyne.Container
	timeline  *fyne.Container
	more      *widget.Button
	emptyLine *quietLabel

	memberID int64
	name     string
	entries  []model.TimelineEntry
	open     []model.FollowUpItem
	// gen counts the loads asked for; only the latest one's result shows.
	gen int
}

func newMemberActivity(u *UI) *memberActivity {
	a := &memberActivity{
		u:        u,
		contact:  quietText(""),
		promises: container.NewVBox(),
		timeline: container.NewVBox(),
	}
	a.more = widget.NewButtonWithIcon("Show more", theme.MoreVerticalIcon(), a.showMore)
	a.more.Importance = widget.LowImportance
	a.more.Hide()
	a.emptyLine = quietText("")
	a.ExtendBaseWidget(a)
	return a
}

func (a *memberActivity) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVBox(
		widget.NewSeparator(),
		a.contact,
		a.promises,
		sectionTitle("Timeline"),
		a.timeline,
		a.emptyLine,
		container.NewHBox(a.more),
	))
}

// sectionTitle is the heading of a part of a pane.
func sectionTitle(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// show reads m's open promises and the first page of their timeline afresh.
func (a *memberActivity) show(m model.Member) {
	a.memberID, a.name = m.ID, m.Name
	a.contact.SetText(contactText(m, a.u.now()))
	a.gen++
	gen, id := a.gen, m.ID
	a.u.background(func(ctx context.Context, st Store) func() {
		open, err := st.FollowUps(ctx, model.FollowUpFilter{Status: model.FollowUpOpen, MemberID: id, Limit: openPromisesLimit})
		var entries []model.TimelineEntry
		if err == nil {
			entries, err = st.TimelineWithFeedback(ctx, id, 0, timelinePage+1)
		}
		return func() {
			if gen != a.gen {
				return
			}
			if err != nil {
				a.u.showError(err)
				return
			}
			a.open = open
			a.entries = nil
			a.showPromises()
			a.timeline.Objects = nil
			a.append(entries)
		}
	})
}

// contactText says when the member was last contacted and whether Today
// leaves them out for now.
func contactText(m model.Member, now time.Time) string {
	last := "No conversation logged with them yet."
	if !m.LastContacted.IsZero() {
		last = fmt.Sprintf("Last contact %s (%s).", formatDate(m.LastContacted), sinceText(m.LastContacted, now))
	}
	if !m.SnoozeUntil.IsZero() {
		last += " Snoozed until " + formatDate(m.SnoozeUntil) + "."
	}
	return last
}

// showMore reads the next page of the timeline.
func (a *memberActivity) showMore() {
	a.gen++
	gen, id, offset := a.gen, a.memberID, len(a.entries)
	a.more.Disable()
	a.u.background(func(ctx context.Context, st Store) func() {
		entries, err := st.TimelineWithFeedback(ctx, id, offset, timelinePage+1)
		return func() {
			a.more.Enable()
			if gen != a.gen {
				return
			}
			if err != nil {
				a.u.showError(err)
				return
			}
			a.append(entries)
		}
	})
}

// append adds a page of entries; one more than a page says there are more.
func (a *memberActivity) append(entries []model.TimelineEntry) {
	more := len(entries) > timelinePage
	if more {
		entries = entries[:timelinePage]
	}
	a.entries = append(a.entries, entries...)
	for _, e := range entries {
		a.timeline.Add(a.entryView(e))
	}
	if more {
		a.more.Show()
	} else {
		a.more.Hide()
	}
	if len(a.entries) == 0 {
		a.emptyLine.SetText(fmt.Sprintf("Nothing yet. Conversations with %s and promises to them will show here, newest first.", a.name))
		a.emptyLine.Show()
	} else {
		a.emptyLine.Hide()
	}
	a.timeline.Refresh()
}

// showPromises lists the open follow-ups, each with a Done button.
func (a *memberActivity) showPromises() {
	objs := []fyne.CanvasObject{}
	if len(a.open) > 0 {
		title := "Open promises"
		for _, fu := range a.open {
			if !fu.Promise {
				title = "Open promises and follow-ups"
			}
		}
		objs = append(objs, sectionTitle(fmt.Sprintf("%s (%d)", title, len(a.open))))
	}
	today := a.u.now()
	for _, fu := range a.open {
		done := widget.NewButtonWithIcon("Done", theme.ConfirmIcon(), func() { a.u.markDone(fu) })
		done.Importance = widget.LowImportance
		what := wrapLabel(fu.What)
		sub := captionLabel(joinNonEmpty(" · ", followUpKind(fu.FollowUp), relativeDay(fu.Due, today), othersText(fu.Names, a.name)))
		objs = append(objs, container.NewBorder(nil, nil, nil, done, container.New(&rowLayout{}, what, sub)))
	}
	a.promises.Objects = objs
	a.promises.Refresh()
}

// followUpKind names a follow-up as what it is: a promise owed to someone, or
// a plain follow-up.
func followUpKind(f model.FollowUp) string {
	if f.Promise {
		return "Promise"
	}
	return "Follow-up"
}

// othersText names who else a follow-up or conversation is with, besides name.
func othersText(names []string, name string) string {
	var others []string
	for _, n := range names {
		if n != name {
			others = append(others, n)
		}
	}
	if len(others) == 0 {
		return ""
	}
	return "also " + strings.Join(others, ", ")
}

// entryView is one timeline entry: a conversation (open it), feedback the
// member raised (open it) or a follow-up with where it stands.
func (a *memberActivity) entryView(e model.TimelineEntry) fyne.CanvasObject {
	if c := e.Conversation; c != nil {
		title := c.Subject
		if title == "" {
			title = firstLine(c.Notes)
		}
		if title == "" {
			title = "Conversation"
		}
		head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		sub := captionLabel(joinNonEmpty(" · ", formatWhen(c.At), c.Channel, othersText(c.Names, a.name), handledText(c.HandledBy), c.Tone))
		parts := []fyne.CanvasObject{container.New(&rowLayout{}, head, sub)}
		if c.Notes != "" && c.Notes != title {
			parts = append(parts, wrapLabel(excerpt(c.Notes, notesExcerptLength)))
		}
		id := c.ID
		open := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { a.u.openConversation(id) })
		open.Importance = widget.LowImportance
		icon := widget.NewIcon(theme.MailComposeIcon())
		return container.NewBorder(nil, nil, container.NewVBox(icon), container.NewVBox(open), container.NewVBox(parts...))
	}
	if r := e.Feedback; r != nil {
		return a.feedbackEntryView(*r)
	}
	f := e.FollowUp
	if f == nil {
		return widget.NewLabel("")
	}
	state := relativeDay(f.Due, a.u.now()) + " (" + formatDate(f.Due) + ")"
	icon := theme.RadioButtonIcon()
	switch f.Status {
	case model.FollowUpDone:
		state, icon = "due "+formatDate(f.Due)+", done "+formatDate(f.StatusChangedAt), theme.RadioButtonCheckedIcon()
	case model.FollowUpDropped:
		state, icon = "due "+formatDate(f.Due)+", dropped "+formatDate(f.StatusChangedAt), theme.CancelIcon()
	}
	what := wrapLabel(f.What)
	sub := captionLabel(joinNonEmpty(" · ", followUpKind(f.FollowUp), state, othersText(f.Names, a.name)))
	return container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, container.New(&rowLayout{}, what, sub))
}

// feedbackEntryView is feedback the member raised: the item's title, where
// it stands, their words and the day; the arrow opens the item.
func (a *memberActivity) feedbackEntryView(r model.RaisedFeedback) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(r.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	sub := captionLabel(joinNonEmpty(" · ", "Feedback", string(r.Kind), string(r.Status), r.TeamName, formatDate(r.Date)))
	parts := []fyne.CanvasObject{container.New(&rowLayout{}, head, sub)}
	if r.Quote != "" {
		parts = append(parts, wrapLabel("“"+excerpt(r.Quote, notesExcerptLength)+"”"))
	}
	id := r.FeedbackID
	open := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { a.u.openFeedback(id) })
	open.Importance = widget.LowImportance
	icon := widget.NewIcon(theme.InfoIcon())
	return container.NewBorder(nil, nil, container.NewVBox(icon), container.NewVBox(open), container.NewVBox(parts...))
}

// handledText says who had a conversation, when it was not the manager.
func handledText(by string) string {
	if by == "" {
		return ""
	}
	return "by " + by
}

// formatWhen is a conversation's date and time.
func formatWhen(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format(dateFormat + ", 15:04")
}

// firstLine is the first line of s.
func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return excerpt(line, 80)
}

// excerpt cuts s to about n runes, at a word, marking the cut.
func excerpt(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	cut := string(r[:n])
	if i := strings.LastIndexAny(cut, " \n"); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:\n") + "…"
}
