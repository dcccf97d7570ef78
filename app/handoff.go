package app

import (
	"context"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// HandoffWriters writes a handoff's document. Like Reports, it is declared
// here and implemented outside: cmd/rapport passes the writers of
// storage/handoff (UI.SetHandoffWriters), so that the UI never imports
// storage. Without it, the preview and the exports are not offered.
type HandoffWriters interface {
	// Markdown writes d as Markdown, which the preview also shows.
	Markdown(w io.Writer, d model.HandoffDocument) error
	// HTML writes d as a single HTML file that prints well.
	HTML(w io.Writer, d model.HandoffDocument) error
	// Bundle writes to w the zip a successor carries on from, for the
	// handoff with id as st holds it: the document in both formats, a copy
	// of the record, the key members as vCard and the open promises as
	// iCalendar. It stops once ctx is done.
	Bundle(ctx context.Context, w io.Writer, st Store, id int64) error
}

// SetHandoffWriters gives the UI what it writes handoffs with; the preview
// and the exports show from then on.
func (u *UI) SetHandoffWriters(w HandoffWriters) {
	u.handoffWriters = w
	if u.handoffs != nil && u.handoffs.editor != nil {
		u.handoffs.editor.showWriters()
	}
	u.refreshMenu()
}

// handoffScreen lists the drafts and the past handoffs; picking one opens it
// in the guided editor, which takes the screen's place until the user goes
// back to the list.
type handoffScreen struct {
	widget.BaseWidget
	u      *UI
	list   *widget.List
	empty  *emptyState
	items  []model.Handoff
	body   *fyne.Container
	view   *fyne.Container // the list and its header
	editor *handoffEditor  // nil while the list shows
	gen    int
}

func newHandoffScreen(u *UI) *handoffScreen {
	s := &handoffScreen{u: u}
	s.list = widget.NewList(func() int { return len(s.items) }, newMemberRow, s.updateRow)
	s.list.OnSelected = func(i widget.ListItemID) {
		s.list.UnselectAll()
		if i >= 0 && i < len(s.items) {
			s.open(s.items[i].ID)
		}
	}
	s.empty = newEmptyState()
	s.empty.set("Hand the relationships on.",
		"When the role changes hands, write what your successor needs: your own account of the community, the key members and what is open with them. The record adds where things stand.",
		"New handoff…", s.newHandoff)
	s.empty.Hide()
	title := headingLabel("Handoff")
	add := widget.NewButtonWithIcon("New handoff…", theme.ContentAddIcon(), s.newHandoff)
	add.Importance = widget.HighImportance
	header := container.NewVBox(
		container.NewBorder(nil, nil, nil, add, title),
		quietText("Drafts and past handoffs, newest first. A handoff is kept in versions; once handed over it stays as it was, to read and export again."),
	)
	s.view = container.NewBorder(container.NewPadded(header), nil, nil, nil, container.NewStack(s.list, s.empty))
	s.body = container.NewStack(s.view)
	s.ExtendBaseWidget(s)
	s.Hide()
	return s
}

func (s *handoffScreen) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(s.body)
}

func (s *handoffScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.items) {
		return
	}
	h := s.items[i]
	setMemberRow(o, handoffTitle(h), handoffLine(h))
}

// handoffTitle names a handoff in lists: from whom to whom. (In words: the
// bold face of the theme's font draws no arrow.)
func handoffTitle(h model.Handoff) string {
	to := h.To
	if to == "" {
		to = "a successor not named yet"
	}
	return h.From + " to " + to
}

// handoffLine is the quieter line of a handoff's row: date, scope, state and
// version.
func handoffLine(h model.Handoff) string {
	state := "draft"
	if h.Finished() {
		state = "handed over " + formatDate(h.FinishedAt)
	}
	return joinNonEmpty(" · ", formatDate(h.Date), scopeText(h.Tag), state, fmt.Sprintf("version %d", h.Version))
}

// scopeText says what part of the community a handoff covers.
func scopeText(tag string) string {
	if tag == "" {
		return "whole community"
	}
	return "tag " + tag
}

// reload reads the list again.
func (s *handoffScreen) reload() {
	s.gen++
	gen := s.gen
	s.u.background(func(ctx context.Context, st Store) func() {
		hs, err := st.Handoffs(ctx)
		return func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				s.u.showError(err)
				return
			}
			s.items = hs
			s.list.Refresh()
			if len(hs) == 0 {
				s.list.Hide()
				s.empty.Show()
			} else {
				s.empty.Hide()
				s.list.Show()
			}
		}
	})
}

// newHandoff opens the editor on a new draft from the manager, as of today.
func (s *handoffScreen) newHandoff() {
	now := s.u.now()
	s.showEditor(model.Handoff{
		From: s.u.me.Name,
		Date: time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, now.Location()),
	})
}

// open reads the handoff with id and shows it in the editor.
func (s *handoffScreen) open(id int64) {
	h, err := s.u.st.Handoff(s.u.ctx(), id)
	if err != nil {
		s.u.showError(err)
		s.reload()
		return
	}
	s.showEditor(h)
}

func (s *handoffScreen) showEditor(h model.Handoff) {
	if s.editor != nil && !s.closeEditor() {
		return
	}
	s.editor = newHandoffEditor(s.u, h)
	s.body.Objects = []fyne.CanvasObject{s.editor}
	s.body.Refresh()
	s.u.refreshMenu()
	s.editor.focusFirst()
}

// closeEditor goes back to the list, keeping what was typed as a draft; it
// reports false, leaving the editor open, when the draft could not be kept.
func (s *handoffScreen) closeEditor() bool {
	if s.editor == nil {
		return true
	}
	if !s.editor.keep() {
		return false
	}
	s.editor = nil
	s.body.Objects = []fyne.CanvasObject{s.view}
	s.body.Refresh()
	s.u.refreshMenu()
	s.reload()
	return true
}

// keepHandoffDraft saves the handoff being written, if it changed, before
// the screen is left, the record replaced or the window closed: nothing
// typed is lost. It reports false when it could not be saved (the user was
// told why).
func (u *UI) keepHandoffDraft() bool {
	if u.handoffs == nil || u.handoffs.editor == nil {
		return true
	}
	return u.handoffs.editor.keep()
}

// saveHandoffDraft is File › Save handoff draft (Ctrl+S).
func (u *UI) saveHandoffDraft() {
	if u.handoffs == nil || u.handoffs.editor == nil || u.screen != screenHandoff {
		return
	}
	u.handoffs.editor.save()
}

// editingHandoff reports whether a draft is open in the editor on screen.
func (u *UI) editingHandoff() bool {
	return u.handoffs != nil && u.handoffs.editor != nil && u.screen == screenHandoff && !u.handoffs.editor.h.Finished()
}
