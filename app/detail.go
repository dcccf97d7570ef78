package app

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// dateFormat is how dates read in the detail and the lists.
const dateFormat = "2 Jan 2006"

// memberDetail shows everything the record holds about one member, with the
// actions a screen offers on them.
type memberDetail struct {
	widget.BaseWidget
	empty   *emptyState
	body    *fyne.Container
	name    *widget.Label
	summary *quietLabel
	photo   *canvas.Image
	photoBx *fyne.Container
	actions *fyne.Container
	fields  *fyne.Container
	scroll  *container.Scroll

	m     model.Member
	shown bool
}

// newMemberDetail makes a detail pane with the given action buttons; it starts
// empty, showing emptyTitle and emptyText.
func newMemberDetail(emptyTitle, emptyText string, actions ...fyne.CanvasObject) *memberDetail {
	d := &memberDetail{
		empty:   newEmptyState(),
		name:    headingLabel(""),
		summary: quietText(""),
		actions: container.NewHBox(actions...),
		fields:  container.New(layout.NewFormLayout()),
	}
	d.name.SizeName = theme.SizeNameHeadingText
	d.summary.Wrapping = fyne.TextWrapOff
	d.summary.Truncation = fyne.TextTruncateEllipsis
	d.empty.set(emptyTitle, emptyText, "", nil)
	d.scroll = container.NewVScroll(d.fields)
	d.photo = &canvas.Image{FillMode: canvas.ImageFillContain}
	d.photoBx = container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(72), d.photo))
	d.photoBx.Hide()
	title := container.NewBorder(nil, nil, d.photoBx, nil, container.NewVBox(d.name, d.summary))
	header := container.NewVBox(title, d.actions, widget.NewSeparator())
	d.body = container.NewBorder(header, nil, nil, nil, d.scroll)
	d.body.Hide()
	d.ExtendBaseWidget(d)
	return d
}

func (d *memberDetail) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(d.empty, container.NewPadded(d.body)))
}

// setExtra shows o under the member's fields, in the same scroll.
func (d *memberDetail) setExtra(o fyne.CanvasObject) {
	d.scroll.Content = container.NewVBox(d.fields, o)
	d.scroll.Refresh()
}

// member is the member shown, if any.
func (d *memberDetail) member() (model.Member, bool) { return d.m, d.shown }

// clear shows the empty state again.
func (d *memberDetail) clear() {
	d.m, d.shown = model.Member{}, false
	d.body.Hide()
	d.empty.Show()
}

// setEmpty changes what the pane says while no member is shown.
func (d *memberDetail) setEmpty(title, text string) {
	d.empty.set(title, text, "", nil)
}

// show fills the pane with m; s and tagDefaults give the default keep-in-touch
// cadences.
func (d *memberDetail) show(m model.Member, s model.Settings, tagDefaults map[string]int) {
	sameMember := d.shown && d.m.ID == m.ID
	d.m, d.shown = m, true
	d.name.SetText(m.Name)
	d.summary.SetText(joinNonEmpty(" · ", m.Pronouns, m.Role, m.Organisation))
	if d.summary.Text == "" {
		d.summary.Hide()
	} else {
		d.summary.Show()
	}
	if len(m.Photo) > 0 {
		d.photo.Resource = fyne.NewStaticResource(fmt.Sprintf("member-%d-photo", m.ID), m.Photo)
		d.photo.Refresh()
		d.photoBx.Show()
	} else {
		d.photo.Resource = nil
		d.photoBx.Hide()
	}

	rows := []fyne.CanvasObject{}
	add := func(key string, value fyne.CanvasObject) {
		k := widget.NewLabelWithStyle(key, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		rows = append(rows, k, value)
	}
	add("Pronouns", textValue(m.Pronouns))
	add("Role", textValue(m.Role))
	add("Organisation", textValue(m.Organisation))
	add("Location", textValue(m.Location))
	add("Time zone", textValue(m.TimeZone))
	add("Birthday", textValue(birthdayText(m.Birthday)))
	add("Emails", linksValue(m.Emails, func(e string) string { return "mailto:" + e }))
	add("Phones", textValue(strings.Join(m.Phones, "\n")))
	add("Elsewhere", identitiesValue(m.Identities))
	add("Tags", textValue(strings.Join(m.Tags, ", ")))
	add("Keep in touch", textValue(cadenceText(m.CadenceDays, m.Tags, s, tagDefaults)))
	add("How we met", textValue(m.HowWeMet))
	add("Cares about", textValue(m.CaresAbout))
	add("Notes", textValue(m.Notes))
	private := container.NewVBox(textValue(m.PrivateNotes), captionLabel("Private: only you see these; they stay out of exports and handoffs."))
	add("Private notes", private)
	// "2 Nov 2025 by Sam": when, and who knew them first.
	var added []string
	if !m.CreatedAt.IsZero() {
		added = append(added, formatDate(m.CreatedAt))
	}
	if m.CreatedBy != "" {
		added = append(added, "by "+m.CreatedBy)
	}
	if len(m.VCardExtra) > 0 {
		add("From their card", captionLabel(strings.Join(m.VCardExtra, "\n")))
	}
	add("Added", textValue(strings.Join(added, " ")))
	add("Updated", textValue(formatDate(m.UpdatedAt)))
	if m.InTrash() {
		add("In the trash", textValue("since "+formatDate(m.TrashedAt)))
	}
	d.fields.Objects = rows
	d.fields.Refresh()
	if !sameMember {
		d.scroll.ScrollToTop()
	}
	d.empty.Hide()
	d.body.Show()
}

// birthdayText reads a birthday as people say it: "15 April 1990", or "15 April"
// when the year is unknown.
func birthdayText(s string) string {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.Format("2 January 2006")
	}
	if rest, ok := strings.CutPrefix(s, "--"); ok {
		if t, err := time.Parse("2006-01-02", "2000-"+rest); err == nil {
			return t.Format("2 January")
		}
	}
	return s
}

// cadenceText says how often to keep in touch with a member who has a cadence
// of days (0 for none) and tags, and, when it is a default, whose: the shortest
// among their tags' (model.EffectiveCadence), else the record's.
func cadenceText(days int, tags []string, s model.Settings, tagDefaults map[string]int) string {
	if days > 0 {
		return fmt.Sprintf("every %d days", days)
	}
	best, from := 0, ""
	for _, tag := range tags {
		if d := tagCadence(tagDefaults, tag); d > 0 && (best == 0 || d < best) {
			best, from = d, tag
		}
	}
	if best > 0 {
		return fmt.Sprintf("every %d days (%s default)", best, from)
	}
	return fmt.Sprintf("every %d days (record default)", s.DefaultCadenceDays)
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format(dateFormat)
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

// textValue is one field's value; a field with nothing in it says so quietly.
func textValue(s string) fyne.CanvasObject {
	if strings.TrimSpace(s) == "" {
		return newQuietLabel("—")
	}
	l := wrapLabel(s)
	l.Selectable = true
	return l
}

func captionLabel(s string) fyne.CanvasObject {
	return quietCaption(s)
}

// linksValue shows values as links, one a line.
func linksValue(values []string, link func(string) string) fyne.CanvasObject {
	if len(values) == 0 {
		return textValue("")
	}
	box := container.NewVBox()
	for _, v := range values {
		box.Add(hyperlinkOrLabel(v, link(v)))
	}
	return box
}

func hyperlinkOrLabel(text, link string) fyne.CanvasObject {
	if u, err := url.Parse(link); err == nil && link != "" {
		h := widget.NewHyperlink(text, u)
		h.Wrapping = fyne.TextWrapBreak
		return h
	}
	return textValue(text)
}

// identitiesValue lists where a member can be found, linking what has an address.
func identitiesValue(ids []model.Identity) fyne.CanvasObject {
	if len(ids) == 0 {
		return textValue("")
	}
	grid := container.New(layout.NewFormLayout())
	for _, id := range ids {
		text := id.Handle
		if text == "" {
			text = id.URL
		}
		grid.Add(newQuietLabel(id.Platform))
		grid.Add(hyperlinkOrLabel(text, id.Link()))
	}
	return grid
}
