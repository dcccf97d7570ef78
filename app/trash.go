package app

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// trashScreen lists the members deleted, so that they can be brought back or,
// when the user really means it, deleted forever, or erased for a member who
// asks to be.
type trashScreen struct {
	widget.BaseWidget
	u      *UI
	list   *widget.List
	pager  *memberPager
	empty  *emptyState
	detail *memberDetail

	restore *widget.Button
	purge   *widget.Button
	erase   *widget.Button
}

func newTrashScreen(u *UI) *trashScreen {
	s := &trashScreen{u: u}
	s.pager = newMemberPager(u, true, s.pageChanged)
	s.list = widget.NewList(s.pager.length, newMemberRow, s.updateRow)
	s.list.OnSelected = s.selected
	s.empty = newEmptyState()
	s.empty.set("The trash is empty.",
		"Members you delete wait here, so that nothing is lost by accident. You can bring them back or delete them forever.",
		"", nil)
	s.empty.Hide()

	s.restore = widget.NewButtonWithIcon("Restore", theme.ContentUndoIcon(), func() {
		if m, ok := s.detail.member(); ok {
			s.restoreMember(m)
		}
	})
	s.restore.Importance = widget.HighImportance
	s.purge = widget.NewButtonWithIcon("Delete forever", theme.DeleteIcon(), func() {
		if m, ok := s.detail.member(); ok {
			s.confirmPurge(m)
		}
	})
	s.purge.Importance = widget.DangerImportance
	// A person who asks to be erased may be in the trash already; the erase
	// is the one the Members screen offers.
	s.erase = widget.NewButtonWithIcon("Erase…", theme.VisibilityOffIcon(), func() {
		if m, ok := s.detail.member(); ok {
			u.eraseMember(m)
		}
	})
	s.detail = newMemberDetail("", "Pick someone in the trash to see what the record holds about them.", s.restore, s.purge, s.erase)

	s.ExtendBaseWidget(s)
	s.Hide()
	return s
}

func (s *trashScreen) CreateRenderer() fyne.WidgetRenderer {
	title := headingLabel("Trash")
	header := container.NewVBox(title, quietText("Deleted members stay here until you delete them forever."))
	listPane := container.NewBorder(container.NewPadded(header), nil, nil, nil, container.NewStack(s.list, s.empty))
	split := container.NewHSplit(listPane, s.detail)
	split.Offset = 0.42
	return widget.NewSimpleRenderer(split)
}

func (s *trashScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	m, ok := s.pager.item(i)
	if !ok {
		setMemberRow(o, "…", "")
		return
	}
	setMemberRow(o, m.Name, joinNonEmpty(" · ", "deleted "+formatDate(m.TrashedAt), m.Role))
}

func (s *trashScreen) selected(i widget.ListItemID) {
	m, ok := s.pager.item(i)
	if !ok {
		return
	}
	full, err := s.u.st.Member(s.u.ctx(), m.ID)
	if err != nil {
		if errors.Is(err, model.ErrNotFound) {
			s.reload()
			return
		}
		s.u.showError(err)
		return
	}
	s.detail.show(full, s.u.settings, s.u.tagCadences)
}

func (s *trashScreen) pageChanged() {
	s.list.Refresh()
	if !s.pager.loaded {
		return
	}
	if s.pager.count == 0 {
		s.list.Hide()
		s.empty.Show()
	} else {
		s.empty.Hide()
		s.list.Show()
	}
}

// reload reads the trash again.
func (s *trashScreen) reload() {
	s.pager.reload(func() {
		s.list.UnselectAll()
		if m, ok := s.detail.member(); ok {
			if i := s.pager.indexOf(m.ID); i >= 0 {
				s.list.Select(i)
			}
		}
	})
}

// removed takes the member with id off the screen once they left the trash.
func (s *trashScreen) removed(id int64) {
	if m, ok := s.detail.member(); ok && m.ID == id {
		s.detail.clear()
	}
	s.list.UnselectAll()
	s.reload()
}

func (s *trashScreen) restoreMember(m model.Member) {
	if err := s.u.st.RestoreMember(s.u.ctx(), m.ID); err != nil {
		s.u.showError(err)
		return
	}
	s.u.forgetDeleted(m.ID)
	s.removed(m.ID)
	s.u.build(screenMembers)
	s.u.members.showSaved(m)
	s.u.recordChanged()
}

// confirmPurge asks, naming the member, before deleting them for good.
func (s *trashScreen) confirmPurge(m model.Member) {
	d := dialog.NewConfirm(fmt.Sprintf("Delete %s forever?", m.Name),
		fmt.Sprintf("%s and what they had alone leave the record.\nThis cannot be undone. Their name stays in what they shared with others:\nto take it out of those too, and out of the file, use Erase….", m.Name),
		func(ok bool) {
			if ok {
				s.purgeMember(m)
			}
		}, s.u.win)
	d.SetConfirmText("Delete forever")
	d.SetDismissText("Keep in the trash")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

func (s *trashScreen) purgeMember(m model.Member) {
	if err := s.u.st.PurgeMember(s.u.ctx(), m.ID); err != nil {
		s.u.showError(err)
		return
	}
	s.u.forgetDeleted(m.ID)
	s.removed(m.ID)
}
