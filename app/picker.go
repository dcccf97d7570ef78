package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// Picker timings and sizes: it asks the record once typing pauses briefly, and
// offers a few matches at a time.
const (
	pickerDelay   = 120 * time.Millisecond
	pickerMatches = 6
)

// pickedMember is a member a picker holds: what it shows and what a form saves.
type pickedMember struct {
	ID   int64
	Name string
}

// memberPicker picks one or more members by typing part of a name: the matches
// show under the entry as the user types; Up and Down move among them, Enter or
// a click picks one. Picked members show as chips, each with a remove button;
// Backspace in the empty entry removes the last one.
type memberPicker struct {
	widget.BaseWidget
	u       *UI
	entry   *formEntry
	chips   *fyne.Container
	results *fyne.Container

	picked    []pickedMember
	found     []model.Member
	offerNew  string // a name nobody has, offered as a new member; "" for none
	highlight int
	// searched is the text the matches on show were found for.
	searched string
	// gen counts the searches asked for; only the latest one's matches show.
	gen      int
	debounce *time.Timer
	// pickFirst picks the first match once the search under way comes back:
	// Enter was pressed before the matches arrived.
	pickFirst bool

	// onChange runs after a member was picked or removed.
	onChange func()
	// noNew leaves out the offer to add what was typed as a new member.
	noNew bool
	// except is a member never offered (the one being merged); 0 for none.
	except int64
}

func newMemberPicker(u *UI, placeholder string) *memberPicker {
	p := &memberPicker{u: u}
	p.entry = newFormEntry(false, placeholder)
	p.entry.OnChanged = func(string) { p.searchLater() }
	p.entry.onKey = p.typedKey
	p.chips = container.New(&flowLayout{})
	p.chips.Hide()
	p.results = container.NewVBox()
	p.results.Hide()
	p.ExtendBaseWidget(p)
	return p
}

func (p *memberPicker) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVBox(p.chips, p.entry, p.results))
}

// ids are the picked members' IDs, in the order they were picked.
func (p *memberPicker) ids() []int64 {
	ids := make([]int64, len(p.picked))
	for i, m := range p.picked {
		ids[i] = m.ID
	}
	return ids
}

// names are the picked members' names, in the order they were picked.
func (p *memberPicker) names() []string {
	names := make([]string, len(p.picked))
	for i, m := range p.picked {
		names[i] = m.Name
	}
	return names
}

// add picks m, unless they are picked already.
func (p *memberPicker) add(m pickedMember) {
	if slices.ContainsFunc(p.picked, func(x pickedMember) bool { return x.ID == m.ID }) {
		return
	}
	p.picked = append(p.picked, m)
	p.showChips()
	if p.onChange != nil {
		p.onChange()
	}
}

// remove takes the member with id off the picked.
func (p *memberPicker) remove(id int64) {
	i := slices.IndexFunc(p.picked, func(x pickedMember) bool { return x.ID == id })
	if i < 0 {
		return
	}
	p.picked = slices.Delete(p.picked, i, i+1)
	p.showChips()
	if p.onChange != nil {
		p.onChange()
	}
}

func (p *memberPicker) showChips() {
	objs := make([]fyne.CanvasObject, len(p.picked))
	for i, m := range p.picked {
		objs[i] = newChip(m.Name, func() { p.remove(m.ID) })
	}
	p.chips.Objects = objs
	if len(objs) == 0 {
		p.chips.Hide()
	} else {
		p.chips.Show()
	}
	p.chips.Refresh()
	p.Refresh()
}

// typedKey moves in and picks from the matches; keys it does not take go on to
// the entry (and from there Enter saves the form, Esc cancels it).
func (p *memberPicker) typedKey(ev *fyne.KeyEvent) bool {
	n := p.choices()
	switch ev.Name {
	case fyne.KeyDown, fyne.KeyUp:
		if n == 0 {
			return false
		}
		step := 1
		if ev.Name == fyne.KeyUp {
			step = n - 1
		}
		p.highlight = (p.highlight + step) % n
		p.showResults()
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		text := strings.TrimSpace(p.entry.Text)
		if text == "" {
			return false
		}
		if n > 0 && p.searched == text {
			p.choose(p.highlight)
			return true
		}
		// The matches for what was typed have not come back yet.
		p.pickFirst = true
		p.search()
		return true
	case fyne.KeyEscape:
		if p.results.Visible() {
			p.clearResults()
			return true
		}
	case fyne.KeyBackspace:
		if p.entry.Text == "" && len(p.picked) > 0 {
			p.remove(p.picked[len(p.picked)-1].ID)
			return true
		}
	}
	return false
}

// choices is how many rows the matches offer, the new member included.
func (p *memberPicker) choices() int {
	n := len(p.found)
	if p.offerNew != "" {
		n++
	}
	return n
}

// choose picks the match in row i, or adds the new member the last row offers.
func (p *memberPicker) choose(i int) {
	if i < len(p.found) {
		m := p.found[i]
		p.add(pickedMember{ID: m.ID, Name: m.Name})
		p.reset()
		return
	}
	if p.offerNew != "" {
		p.addNew(p.offerNew)
	}
}

// addNew adds a member with just a name to the record and picks them; the
// rest of what the record keeps about them can be filled in later.
func (p *memberPicker) addNew(name string) {
	m := model.Member{Name: name}
	if err := p.u.st.CreateMember(p.u.ctx(), &m); err != nil {
		p.u.showError(err)
		return
	}
	p.add(pickedMember{ID: m.ID, Name: m.Name})
	p.reset()
	p.u.memberAdded(m)
}

// reset empties the entry and the matches, ready for the next name.
func (p *memberPicker) reset() {
	p.entry.OnChanged = nil
	p.entry.SetText("")
	p.entry.OnChanged = func(string) { p.searchLater() }
	p.clearResults()
	p.u.win.Canvas().Focus(p.entry)
}

func (p *memberPicker) clearResults() {
	if p.debounce != nil {
		p.debounce.Stop()
	}
	p.gen++
	p.found, p.offerNew, p.searched, p.highlight, p.pickFirst = nil, "", "", 0, false
	p.results.Objects = nil
	p.results.Hide()
	p.Refresh()
}

// searchLater looks for what was typed once typing pauses.
func (p *memberPicker) searchLater() {
	if p.debounce != nil {
		p.debounce.Stop()
	}
	if strings.TrimSpace(p.entry.Text) == "" {
		p.clearResults()
		return
	}
	p.debounce = time.AfterFunc(pickerDelay, func() { p.u.do(p.search) })
}

// search asks the record for the members matching what was typed.
func (p *memberPicker) search() {
	if p.debounce != nil {
		p.debounce.Stop()
	}
	text := strings.TrimSpace(p.entry.Text)
	if text == "" {
		p.clearResults()
		return
	}
	p.gen++
	gen := p.gen
	skip := p.ids()
	p.u.background(func(ctx context.Context, st Store) func() {
		ms, err := st.Members(ctx, model.MemberFilter{Text: text, Limit: pickerMatches + len(skip) + 1})
		return func() {
			if gen != p.gen {
				return
			}
			if err != nil {
				p.u.showError(err)
				return
			}
			p.showFound(text, ms)
		}
	})
}

// showFound shows the members found for text, leaving out those picked already.
func (p *memberPicker) showFound(text string, ms []model.Member) {
	p.found = p.found[:0]
	exact := false
	for _, m := range ms {
		if strings.EqualFold(m.Name, text) {
			exact = true
		}
		if m.ID == p.except || slices.ContainsFunc(p.picked, func(x pickedMember) bool { return x.ID == m.ID }) {
			continue
		}
		if len(p.found) < pickerMatches {
			p.found = append(p.found, m)
		}
	}
	p.offerNew = ""
	if !exact && !p.noNew {
		p.offerNew = text
	}
	p.searched, p.highlight = text, 0
	if p.pickFirst {
		p.pickFirst = false
		if len(p.found) > 0 {
			p.choose(0)
			return
		}
	}
	p.showResults()
}

// showResults lays the matches out under the entry, the highlighted one marked.
func (p *memberPicker) showResults() {
	var rows []fyne.CanvasObject
	for i, m := range p.found {
		label := m.Name
		if line := memberLine(m); line != "" {
			label += "  ·  " + line
		}
		rows = append(rows, p.resultRow(i, excerpt(label, 80), theme.AccountIcon()))
	}
	if p.offerNew != "" {
		rows = append(rows, p.resultRow(len(p.found), fmt.Sprintf("Add “%s” as a new member", p.offerNew), theme.ContentAddIcon()))
	}
	p.results.Objects = rows
	if len(rows) == 0 {
		p.results.Hide()
	} else {
		p.results.Show()
	}
	p.results.Refresh()
	p.Refresh()
}

func (p *memberPicker) resultRow(i int, label string, icon fyne.Resource) fyne.CanvasObject {
	b := widget.NewButtonWithIcon(label, icon, func() { p.choose(i) })
	b.Alignment = widget.ButtonAlignLeading
	b.Importance = widget.LowImportance
	if i == p.highlight {
		b.Importance = widget.HighImportance
	}
	return b
}

// newChip is a picked value shown as a small rounded label with a remove button.
func newChip(text string, remove func()) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
	bg.CornerRadius = theme.InputRadiusSize()
	label := widget.NewLabel(text)
	x := widget.NewButtonWithIcon("", theme.CancelIcon(), remove)
	x.Importance = widget.LowImportance
	return container.NewStack(bg, container.NewBorder(nil, nil, nil, x, label))
}

// flowLayout lays its objects out in rows, left to right, starting a new row
// when one is full. Its minimum height is for the width it was given last.
type flowLayout struct{ width float32 }

func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.place(objs, size.Width, true)
}

func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		if o.Visible() {
			w = fyne.Max(w, o.MinSize().Width)
		}
	}
	width := l.width
	if width <= 0 {
		width = 1e6 // not laid out yet: one row
	}
	return fyne.NewSize(fyne.Min(w, width), l.place(objs, width, false))
}

// place works out (and when move is set, applies) each object's position; it
// returns the height the rows take.
func (l *flowLayout) place(objs []fyne.CanvasObject, width float32, move bool) float32 {
	pad := theme.Padding()
	var x, y, rowH float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		ms := o.MinSize()
		w := fyne.Min(ms.Width, width)
		if x > 0 && x+w > width {
			x, y, rowH = 0, y+rowH+pad, 0
		}
		if move {
			o.Resize(fyne.NewSize(w, ms.Height))
			o.Move(fyne.NewPos(x, y))
		}
		x += w + pad
		rowH = fyne.Max(rowH, ms.Height)
	}
	return y + rowH
}
