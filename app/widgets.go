package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// quietLabel is secondary text (hints, dates, a row's second line): a label
// whose low importance draws in the placeholder colour instead of the disabled
// one, so that it stays readable in light and dark, and on a selected row. It
// names that colour itself rather than sitting in a theme override: Fyne keeps
// a copy of the fonts for every override, and a list has one per row.
type quietLabel struct {
	widget.BaseWidget
	Text       string
	Importance widget.Importance
	Alignment  fyne.TextAlign
	Wrapping   fyne.TextWrap
	Truncation fyne.TextTruncation
	SizeName   fyne.ThemeSizeName
	TextStyle  fyne.TextStyle

	rich *widget.RichText // made with the renderer, as a Label does
}

// newQuietLabel is quiet text on one line.
func newQuietLabel(text string) *quietLabel {
	l := &quietLabel{Text: text, Importance: widget.LowImportance}
	l.ExtendBaseWidget(l)
	return l
}

// quietText is quiet text that wraps: hints, dates, what is not recorded.
func quietText(text string) *quietLabel {
	l := newQuietLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// quietCaption is small quiet text that wraps.
func quietCaption(text string) *quietLabel {
	l := quietText(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// SetText shows text.
func (l *quietLabel) SetText(text string) {
	l.Text = text
	l.Refresh()
}

func (l *quietLabel) CreateRenderer() fyne.WidgetRenderer {
	l.rich = widget.NewRichText(&widget.TextSegment{})
	l.sync()
	return widget.NewSimpleRenderer(l.rich)
}

func (l *quietLabel) Refresh() {
	if l.rich != nil {
		l.sync()
		l.rich.Refresh()
	}
	l.BaseWidget.Refresh()
}

// sync passes the label's fields on to the rich text that draws it, with the
// colours a Label uses but for low importance.
func (l *quietLabel) sync() {
	colour := theme.ColorNameForeground
	switch l.Importance {
	case widget.LowImportance:
		colour = theme.ColorNamePlaceHolder
	case widget.HighImportance:
		colour = theme.ColorNamePrimary
	case widget.DangerImportance:
		colour = theme.ColorNameError
	case widget.WarningImportance:
		colour = theme.ColorNameWarning
	case widget.SuccessImportance:
		colour = theme.ColorNameSuccess
	}
	size := l.SizeName
	if size == "" {
		size = theme.SizeNameText
	}
	l.rich.Wrapping = l.Wrapping
	l.rich.Truncation = l.Truncation
	seg := l.rich.Segments[0].(*widget.TextSegment)
	seg.Text = l.Text
	seg.Style = widget.RichTextStyle{Alignment: l.Alignment, ColorName: colour, Inline: true, TextStyle: l.TextStyle, SizeName: size}
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
