package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// searchDelay is how long the search waits after the last key before it asks
// the record, so that typing a word makes one query, not one per letter.
const searchDelay = 200 * time.Millisecond

// allTags is the tag filter's choice that filters nothing.
const allTags = "All tags"

// membersScreen is the list of living members, searchable and filtered by tag,
// beside the detail of the one picked.
type membersScreen struct {
	widget.BaseWidget
	u        *UI
	search   *widget.Entry
	tag      *widget.Select
	add      *widget.Button
	list     *widget.List
	pager    *memberPager
	empty    *emptyState
	detail   *memberDetail
	activity *memberActivity
	logBtn   *widget.Button
	more     *widget.Button

	debounce *time.Timer
	// selectID is the member to select once the list has it in memory.
	selectID int64
}

func newMembersScreen(u *UI) *membersScreen {
	s := &membersScreen{u: u}
	s.pager = newMemberPager(u, false, s.pageChanged)

	s.search = widget.NewEntry()
	s.search.PlaceHolder = "Search members  " + shortcutName("F")
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = func(string) { s.searchLater() }
	s.search.OnSubmitted = func(string) { s.applyFilter() }

	s.tag = widget.NewSelect([]string{allTags}, func(string) { s.applyFilter() })
	s.tag.Selected = allTags

	s.add = widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), u.newMember)

	s.list = widget.NewList(s.pager.length, newMemberRow, s.updateRow)
	s.list.OnSelected = s.selected

	s.empty = newEmptyState()
	s.empty.Hide()

	edit := widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() {
		if m, ok := s.detail.member(); ok {
			u.editMember(m)
		}
	})
	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() {
		if m, ok := s.detail.member(); ok {
			u.trashMember(m)
		}
	})
	s.logBtn = widget.NewButtonWithIcon("Log conversation", theme.MailComposeIcon(), func() {
		if m, ok := s.detail.member(); ok {
			u.logConversation(pickedMember{ID: m.ID, Name: m.Name})
		}
	})
	s.logBtn.Importance = widget.HighImportance
	s.more = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), s.showMore)
	s.detail = newMemberDetail("", "", s.logBtn, edit, del, s.more)
	s.activity = newMemberActivity(u)
	s.detail.setExtra(s.activity)

	s.ExtendBaseWidget(s)
	s.pager.reload(nil)
	s.loadTags()
	return s
}

func (s *membersScreen) CreateRenderer() fyne.WidgetRenderer {
	bar := container.NewVBox(s.search, container.NewBorder(nil, nil, nil, s.add, s.tag))
	listPane := container.NewBorder(container.NewPadded(bar), nil, nil, nil, container.NewStack(s.list, s.empty))
	split := container.NewHSplit(listPane, s.detail)
	split.Offset = 0.42
	return widget.NewSimpleRenderer(split)
}

// memberRow is one line of a member list: the name, and a quieter line under it.
func newMemberRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	sub := newQuietLabel("")
	sub.SizeName = theme.SizeNameCaptionText
	sub.Truncation = fyne.TextTruncateEllipsis
	return container.New(&rowLayout{}, name, sub)
}

func setMemberRow(o fyne.CanvasObject, name, sub string) {
	row := o.(*fyne.Container)
	row.Objects[0].(*widget.Label).SetText(name)
	row.Objects[1].(*quietLabel).SetText(sub)
}

func (s *membersScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	m, ok := s.pager.item(i)
	if !ok {
		setMemberRow(o, "…", "")
		return
	}
	setMemberRow(o, m.Name, memberLine(m))
}

// memberLine is the quieter line of a member's row: role · tags.
func memberLine(m model.Member) string {
	tags := slices.DeleteFunc(slices.Clone(m.Tags), func(t string) bool { return strings.EqualFold(t, m.Role) })
	return joinNonEmpty(" · ", m.Role, strings.Join(tags, ", "))
}

func (s *membersScreen) selected(i widget.ListItemID) {
	m, ok := s.pager.item(i)
	if !ok {
		return
	}
	s.showMember(m.ID)
}

// showMember reads the member with id afresh and shows them in the detail.
func (s *membersScreen) showMember(id int64) {
	m, err := s.u.st.Member(s.u.ctx(), id)
	if err != nil {
		if errors.Is(err, model.ErrNotFound) {
			s.detail.clear()
			s.pager.reload(s.afterLoad)
			return
		}
		s.u.showError(err)
		return
	}
	s.detail.show(m, s.u.settings, s.u.tagCadences)
	s.activity.show(m)
}

// moreActions are the detail's less common actions, behind its … button.
func (s *membersScreen) moreActions() []*fyne.MenuItem {
	m, ok := s.detail.member()
	if !ok {
		return nil
	}
	merge := fyne.NewMenuItem("Merge with…", func() { s.u.mergeMember(m) })
	export := fyne.NewMenuItem("Export…", func() { s.u.exportMember(m) })
	export.Disabled = s.u.contacts == nil
	everything := fyne.NewMenuItem("Export everything about this member…", func() { s.u.exportEverything(m) })
	erase := fyne.NewMenuItem("Erase this member…", func() { s.u.eraseMember(m) })
	return []*fyne.MenuItem{merge, export, fyne.NewMenuItemSeparator(), everything, erase}
}

// showMore offers the detail's less common actions.
func (s *membersScreen) showMore() {
	items := s.moreActions()
	c := fyne.CurrentApp().Driver().CanvasForObject(s.more)
	if len(items) == 0 || c == nil {
		return
	}
	widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", items...), c, fyne.NewPos(0, s.more.Size().Height), s.more)
}

// searchLater runs the search once typing pauses.
func (s *membersScreen) searchLater() {
	if s.debounce != nil {
		s.debounce.Stop()
	}
	s.debounce = time.AfterFunc(searchDelay, func() { s.u.do(s.applyFilter) })
}

// filter is the search text and tag the user chose.
func (s *membersScreen) filter() (text, tag string) {
	tag = s.tag.Selected
	if tag == allTags {
		tag = ""
	}
	return strings.TrimSpace(s.search.Text), tag
}

func (s *membersScreen) applyFilter() {
	if s.debounce != nil {
		s.debounce.Stop()
	}
	text, tag := s.filter()
	if s.pager.loaded && text == s.pager.filter.Text && tag == s.pager.filter.Tag {
		return
	}
	f := s.pager.filter
	f.Text, f.Tag = text, tag
	s.pager.setFilter(f, func() {
		s.list.ScrollToTop()
		s.afterLoad()
	})
}

// pageChanged runs when a page or the count arrived.
func (s *membersScreen) pageChanged() {
	s.list.Refresh()
	s.updateEmpty()
}

// afterLoad selects in the list the member shown in the detail, when the list
// holds them, once a new filter or a reload arrived.
func (s *membersScreen) afterLoad() {
	s.list.UnselectAll()
	id := s.selectID
	if id == 0 {
		if m, ok := s.detail.member(); ok {
			id = m.ID
		}
	}
	s.selectID = 0
	if id == 0 {
		return
	}
	if i := s.pager.indexOf(id); i >= 0 {
		s.list.Select(i)
	}
}

// updateEmpty says what the list is for when it has nobody to show.
func (s *membersScreen) updateEmpty() {
	if !s.pager.loaded {
		return
	}
	text, tag := s.pager.filter.Text, s.pager.filter.Tag
	switch {
	case s.pager.count > 0:
		s.empty.Hide()
		s.list.Show()
		s.detail.setEmpty("", "Pick someone in the list to see everything you know about them.")
		return
	case text == "" && tag == "":
		s.empty.set("Your community's key people live here.",
			"Keep how you met, what they care about and when to get back in touch with each of them.",
			"Add a member", s.u.newMember)
		s.detail.setEmpty("", "")
	default:
		var what string
		switch {
		case text != "" && tag != "":
			what = fmt.Sprintf("No member tagged %q matches %q.", tag, text)
		case text != "":
			what = fmt.Sprintf("No member matches %q.", text)
		default:
			what = fmt.Sprintf("No member is tagged %q.", tag)
		}
		s.empty.set("", what, "Clear the search", s.clearFilter)
		s.detail.setEmpty("", "")
	}
	s.list.Hide()
	s.empty.Show()
}

func (s *membersScreen) clearFilter() {
	s.search.SetText("")
	s.tag.SetSelected(allTags)
	s.applyFilter()
}

// loadTags fills the tag filter with the tags in use.
func (s *membersScreen) loadTags() {
	s.u.background(func(ctx context.Context, st Store) func() {
		tags, err := st.Tags(ctx)
		return func() {
			if err != nil {
				s.u.showError(err)
				return
			}
			options := append([]string{allTags}, tags...)
			if slices.Equal(options, s.tag.Options) {
				return
			}
			s.tag.SetOptions(options)
			if !slices.Contains(options, s.tag.Selected) {
				s.tag.SetSelected(allTags)
			}
		}
	})
}

// showSaved shows m, just saved or restored, in the detail and selects it in the list.
func (s *membersScreen) showSaved(m model.Member) {
	s.showMember(m.ID)
	s.selectID = m.ID
	s.pager.reload(s.afterLoad)
	s.loadTags()
}

// removed takes the member with id off the screen after it went to the trash.
func (s *membersScreen) removed(id int64) {
	if m, ok := s.detail.member(); ok && m.ID == id {
		s.detail.clear()
	}
	s.list.UnselectAll()
	s.pager.reload(s.afterLoad)
	s.loadTags()
}

// refreshDetail reads the member in the detail again, after the record or the
// settings changed.
func (s *membersScreen) refreshDetail() {
	if m, ok := s.detail.member(); ok {
		s.showMember(m.ID)
	}
}

// reloadList reads the list again, after a member was added elsewhere.
func (s *membersScreen) reloadList() {
	s.pager.reload(s.afterLoad)
	s.loadTags()
}

// open shows the member with id, selecting them in the list when it holds them.
func (s *membersScreen) open(id int64) {
	s.showMember(id)
	s.selectID = id
	s.pager.reload(s.afterLoad)
}

// rowLayout stacks a row's two labels tightly, the second under the first.
type rowLayout struct{}

func (rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	top := objs[0].MinSize().Height
	objs[0].Resize(fyne.NewSize(size.Width, top))
	objs[0].Move(fyne.NewPos(0, 0))
	gap := theme.Padding() * 2
	objs[1].Resize(fyne.NewSize(size.Width, objs[1].MinSize().Height))
	objs[1].Move(fyne.NewPos(0, top-gap))
}

func (rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(fyne.Max(a.Width, b.Width), a.Height+b.Height-theme.Padding()*2)
}
