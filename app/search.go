package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// searchPerKind is how many results of each kind the global search shows.
const searchPerKind = 8

// searchHit is one result of the global search, ready to be opened.
type searchHit struct {
	label string
	icon  fyne.Resource
	open  func()
}

// searchForm is the global search: one box over members, conversations and
// follow-ups, with the results grouped by kind. Up and Down move among the
// results, Enter opens the one highlighted in its screen, Esc closes.
type searchForm struct {
	u       *UI
	dlg     *dialog.CustomDialog
	entry   *formEntry
	results *fyne.Container
	status  *quietLabel
	scroll  *container.Scroll

	hits      []searchHit
	highlight int
	searched  string
	gen       int
	debounce  *time.Timer
	// openFirst opens the first result once the search under way comes back:
	// Enter was pressed before the results arrived.
	openFirst bool
	done      bool
}

// showSearch opens the global search.
func (u *UI) showSearch() {
	if u.nav == nil || u.form != nil {
		return
	}
	f := &searchForm{u: u}
	f.entry = newFormEntry(false, "Search members, conversations, promises and feedback")
	f.entry.ActionItem = widget.NewIcon(theme.SearchIcon())
	f.entry.onCancel = f.cancel
	f.entry.onSave = f.save
	f.entry.onKey = f.typedKey
	f.entry.OnChanged = func(string) { f.searchLater() }
	f.status = quietText("Type a name, a word from a conversation or a promise.")
	f.results = container.NewVBox()
	f.scroll = container.NewVScroll(f.results)
	content := container.NewBorder(container.NewVBox(f.entry, f.status), nil, nil, nil, f.scroll)
	f.dlg = dialog.NewCustomWithoutButtons("Search", content, u.win)
	closeBtn := widget.NewButtonWithIcon("Close", theme.CancelIcon(), f.cancel)
	f.dlg.SetButtons([]fyne.CanvasObject{closeBtn})
	size := u.win.Canvas().Size()
	f.dlg.Resize(fyne.NewSize(fyne.Max(fyne.Min(680, size.Width-40), 400), fyne.Max(fyne.Min(520, size.Height-40), 300)))
	u.showDialogForm(f, f.dlg, func() {
		if f.debounce != nil {
			f.debounce.Stop()
		}
	})
	u.win.Canvas().Focus(f.entry)
}

// typedKey moves among the results and opens one.
func (f *searchForm) typedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyDown, fyne.KeyUp:
		if len(f.hits) == 0 {
			return true
		}
		step := 1
		if ev.Name == fyne.KeyUp {
			step = len(f.hits) - 1
		}
		f.highlight = (f.highlight + step) % len(f.hits)
		f.showHits()
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		f.save()
		return true
	}
	return false
}

// save opens the highlighted result; before the results for what was typed
// are in, it opens the first once they come.
func (f *searchForm) save() {
	if f.done {
		return
	}
	text := strings.TrimSpace(f.entry.Text)
	if text == "" {
		return
	}
	if f.searched != text {
		f.openFirst = true
		f.search()
		return
	}
	if f.highlight < len(f.hits) {
		f.openHit(f.hits[f.highlight])
	}
}

func (f *searchForm) openHit(h searchHit) {
	f.cancel()
	h.open()
}

func (f *searchForm) cancel() {
	f.done = true
	f.dlg.Hide()
}

func (f *searchForm) searchLater() {
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

// search asks the record for what was typed.
func (f *searchForm) search() {
	if f.debounce != nil {
		f.debounce.Stop()
	}
	text := strings.TrimSpace(f.entry.Text)
	f.gen++
	gen := f.gen
	if text == "" {
		f.searched, f.hits, f.highlight = "", nil, 0
		f.status.SetText("Type a name, a word from a conversation or a promise.")
		f.results.Objects = nil
		f.results.Refresh()
		return
	}
	f.u.background(func(ctx context.Context, st Store) func() {
		r, err := st.GlobalSearch(ctx, text, searchPerKind)
		return func() {
			if gen != f.gen || f.done {
				return
			}
			if err != nil {
				f.u.showError(err)
				return
			}
			f.showResults(text, r)
		}
	})
}

// showResults lays the results out, grouped by kind.
func (f *searchForm) showResults(text string, r model.SearchResults) {
	f.searched, f.highlight = text, 0
	f.hits = nil
	type group struct {
		title string
		hits  []searchHit
		more  bool
	}
	var groups []group
	if len(r.Members) > 0 {
		g := group{title: "Members", more: r.MoreMembers}
		for _, m := range r.Members {
			id := m.ID
			g.hits = append(g.hits, searchHit{
				label: joinNonEmpty("  ·  ", m.Name, memberLine(m)),
				icon:  theme.AccountIcon(),
				open:  func() { f.u.openMember(id) },
			})
		}
		groups = append(groups, g)
	}
	if len(r.Conversations) > 0 {
		g := group{title: "Conversations", more: r.MoreConversations}
		for _, c := range r.Conversations {
			id := c.ID
			g.hits = append(g.hits, searchHit{
				label: joinNonEmpty("  ·  ", conversationTitle(c.Conversation), formatDate(c.At), strings.Join(c.Names, ", ")),
				icon:  theme.MailComposeIcon(),
				open:  func() { f.u.openConversation(id) },
			})
		}
		groups = append(groups, g)
	}
	if len(r.FollowUps) > 0 {
		g := group{title: "Promises and follow-ups", more: r.MoreFollowUps}
		for _, fu := range r.FollowUps {
			g.hits = append(g.hits, searchHit{
				label: joinNonEmpty("  ·  ", fu.What, "due "+formatDate(fu.Due), strings.Join(fu.Names, ", ")),
				icon:  theme.ConfirmIcon(),
				open:  f.followUpOpener(fu),
			})
		}
		groups = append(groups, g)
	}
	if len(r.Feedback) > 0 {
		g := group{title: "Feedback", more: r.MoreFeedback}
		for _, it := range r.Feedback {
			id := it.ID
			g.hits = append(g.hits, searchHit{
				label: joinNonEmpty("  ·  ", it.Title, string(it.Kind), string(it.Status), it.TeamName),
				icon:  theme.InfoIcon(),
				open:  func() { f.u.openFeedback(id) },
			})
		}
		groups = append(groups, g)
	}

	var objs []fyne.CanvasObject
	for _, g := range groups {
		objs = append(objs, sectionTitle(g.title))
		for _, h := range g.hits {
			f.hits = append(f.hits, h)
			objs = append(objs, f.hitButton(len(f.hits)-1))
		}
		if g.more {
			objs = append(objs, captionLabel(fmt.Sprintf("More %s match; add a word to narrow the search.", strings.ToLower(g.title))))
		}
	}
	f.results.Objects = objs
	f.results.Refresh()
	f.scroll.ScrollToTop()
	if len(f.hits) == 0 {
		f.status.SetText(fmt.Sprintf("Nothing matches “%s”.", text))
	} else {
		f.status.SetText("Up and Down to move, Enter to open.")
	}
	if f.openFirst {
		f.openFirst = false
		if len(f.hits) > 0 {
			f.openHit(f.hits[0])
		}
	}
}

// followUpOpener opens a follow-up where it shows best: the conversation it
// came of, else the timeline of its first member.
func (f *searchForm) followUpOpener(fu model.FollowUpItem) func() {
	if fu.ConversationID != 0 {
		id := fu.ConversationID
		return func() { f.u.openConversation(id) }
	}
	var member int64
	if len(fu.Members) > 0 {
		member = fu.Members[0]
	}
	return func() { f.u.openMember(member) }
}

// hitButton is result i, marked when it is the one highlighted.
func (f *searchForm) hitButton(i int) *widget.Button {
	h := f.hits[i]
	b := widget.NewButtonWithIcon(excerpt(h.label, 80), h.icon, func() { f.openHit(h) })
	b.Alignment = widget.ButtonAlignLeading
	b.Importance = widget.LowImportance
	if i == f.highlight {
		b.Importance = widget.HighImportance
	}
	return b
}

// showHits marks the highlighted result again after Up or Down.
func (f *searchForm) showHits() {
	i := 0
	for _, o := range f.results.Objects {
		b, ok := o.(*widget.Button)
		if !ok {
			continue
		}
		want := widget.LowImportance
		if i == f.highlight {
			want = widget.HighImportance
			f.scroll.ScrollToOffset(fyne.NewPos(0, fyne.Max(0, b.Position().Y-f.scroll.Size().Height/2)))
		}
		if b.Importance != want {
			b.Importance = want
			b.Refresh()
		}
		i++
	}
}
