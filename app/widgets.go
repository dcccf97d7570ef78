package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// quietTheme draws low-importance text in the placeholder colour instead of the
// disabled one, so that secondary text (hints, dates, a row's second line) stays
// readable in light and dark, and on a selected row.
type quietTheme struct{}

func (quietTheme) current() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (q quietTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		n = theme.ColorNamePlaceHolder
	}
	return q.current().Color(n, v)
}

func (q quietTheme) Font(s fyne.TextStyle) fyne.Resource     { return q.current().Font(s) }
func (q quietTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return q.current().Icon(n) }
func (q quietTheme) Size(n fyne.ThemeSizeName) float32       { return q.current().Size(n) }

// quiet shows o's low-importance text in a readable secondary colour.
func quiet(o fyne.CanvasObject) *container.ThemeOverride {
	return container.NewThemeOverride(o, quietTheme{})
}

// lowLabel is secondary text: hints, dates, what is not recorded.
func lowLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// captionLabelText is small secondary text that wraps.
func captionLabelText(text string) *widget.Label {
	l := lowLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// headingLabel is a screen's or a person's title.
func headingLabel(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// wrapLabel is body text that wraps at the width it is given.
func wrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// centerColumn lays its objects out in a column no wider than maxWidth,
// centred in the space it has, so that text wraps at a readable width.
type centerColumn struct{ maxWidth float32 }

func (l centerColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := fyne.Min(size.Width, l.maxWidth)
	for _, o := range objs {
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, fyne.Max(0, (size.Height-h)/2)))
	}
}

func (l centerColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = fyne.Max(h, o.MinSize().Height)
	}
	return fyne.NewSize(fyne.Min(l.maxWidth, 180), h)
}

// emptyState says what a screen is for and, when there is one, offers the action
// that fills it.
type emptyState struct {
	widget.BaseWidget
	title   *widget.Label
	message *widget.Label
	action  *widget.Button
}

func newEmptyState() *emptyState {
	e := &emptyState{
		title:   headingLabel(""),
		message: wrapLabel(""),
		action:  widget.NewButton("", nil),
	}
	e.title.Alignment = fyne.TextAlignCenter
	e.message.Alignment = fyne.TextAlignCenter
	e.action.Importance = widget.HighImportance
	e.ExtendBaseWidget(e)
	return e
}

// set shows title and message, and a button doing do when label is not empty.
func (e *emptyState) set(title, message, label string, do func()) {
	e.title.SetText(title)
	if title == "" {
		e.title.Hide()
	} else {
		e.title.Show()
	}
	e.message.SetText(message)
	e.action.SetText(label)
	e.action.OnTapped = do
	if label == "" || do == nil {
		e.action.Hide()
	} else {
		e.action.Show()
	}
}

func (e *emptyState) CreateRenderer() fyne.WidgetRenderer {
	col := container.NewVBox(e.title, e.message, container.NewCenter(e.action))
	return widget.NewSimpleRenderer(container.New(centerColumn{maxWidth: 360}, col))
}

// undoBar runs along the bottom of the window after a delete and offers to undo it.
type undoBar struct {
	widget.BaseWidget
	message *widget.Label
	undo    *widget.Button
	dismiss *widget.Button
}

func newUndoBar(onUndo func()) *undoBar {
	b := &undoBar{message: widget.NewLabel("")}
	b.message.Truncation = fyne.TextTruncateEllipsis
	b.undo = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), onUndo)
	b.dismiss = widget.NewButtonWithIcon("", theme.CancelIcon(), b.hide)
	b.dismiss.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	b.Hide()
	return b
}

func (b *undoBar) show(message string) {
	b.message.SetText(message)
	b.Show()
}

func (b *undoBar) hide() { b.Hide() }

func (b *undoBar) CreateRenderer() fyne.WidgetRenderer {
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), container.NewHBox(b.undo, b.dismiss), b.message)
	return widget.NewSimpleRenderer(container.NewVBox(widget.NewSeparator(), container.NewPadded(row)))
}
