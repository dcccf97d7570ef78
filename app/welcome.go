package app

import (
	"context"
	"errors"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// welcomeScreen greets the first run on an empty record: it says what Rapport
// is for, asks who the manager is, and starts empty or with a sample community.
type welcomeScreen struct {
	widget.BaseWidget
	u        *UI
	name     *formEntry
	nameMsg  *formField
	start    *widget.Button
	sample   *widget.Button
	progress *widget.ProgressBarInfinite
	status   *quietLabel
	busy     bool
	// handedOver is the handoff the record came with when nobody took it
	// over yet: the name asked is then the successor's, and taking over
	// keeps the outgoing manager's profile and history.
	handedOver *model.Handoff
}

func newWelcomeScreen(u *UI) *welcomeScreen {
	w := &welcomeScreen{u: u}
	w.name = newFormEntry(false, "The name your community knows you by")
	w.name.onSave = w.startEmpty
	w.nameMsg = newFormField("Your name", "It stamps the members you add, so the record still says who knew whom when it changes hands.", w.name)
	w.name.OnChanged = func(s string) {
		if w.nameMsg.problem != "" && strings.TrimSpace(s) != "" {
			w.nameMsg.setProblem("")
		}
	}
	w.start = widget.NewButton("Start empty", w.startEmpty)
	w.start.Importance = widget.HighImportance
	w.sample = widget.NewButton("Load a sample community", w.loadSample)
	w.progress = widget.NewProgressBarInfinite()
	w.progress.Stop()
	w.progress.Hide()
	w.status = quietText("")
	w.status.Alignment = fyne.TextAlignCenter
	w.status.Hide()
	if h, err := u.st.PendingTakeOver(u.ctx()); err == nil {
		w.handedOver = &h
		w.name.SetText(h.To)
		w.nameMsg = newFormField("Your name", "You become the manager using this record. Past conversations still say who handled them.", w.name)
	}

	// A record that already holds members (imported before anyone opened the
	// window) has no use for the sample, and the record would refuse it.
	if n, err := u.st.CountMembers(u.ctx(), model.MemberFilter{}); err == nil && n > 0 {
		w.sample.Hide()
		w.start.SetText("Continue")
	}
	w.ExtendBaseWidget(w)
	return w
}

func (w *welcomeScreen) CreateRenderer() fyne.WidgetRenderer {
	icon := widget.NewIcon(theme.AccountIcon())
	if res := w.u.app.Icon(); res != nil {
		icon.SetResource(res)
	}
	title := headingLabel("Welcome to Rapport")
	title.SizeName = theme.SizeNameHeadingText
	title.Alignment = fyne.TextAlignCenter
	purpose := wrapLabel("Rapport keeps a private record of the people who make your community: how you met, what they care about, and when to get back in touch.")
	if h := w.handedOver; h != nil {
		purpose.SetText(h.From + " handed this record over to you. Who is taking over as community manager?")
	}
	purpose.Alignment = fyne.TextAlignCenter
	label := widget.NewLabelWithStyle("Your name", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	buttons := container.NewCenter(container.NewHBox(w.start, w.sample))
	col := container.NewVBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(64), icon)),
		title,
		purpose,
		layoutSpacer(theme.Padding()*2),
		label,
		w.name,
		w.nameMsg.view(),
		layoutSpacer(theme.Padding()*2),
		buttons,
		w.progress,
		w.status,
	)
	return widget.NewSimpleRenderer(container.New(centerColumn{maxWidth: 520}, col))
}

// managerName reads the name, or says next to the entry that it is needed.
func (w *welcomeScreen) managerName() (string, bool) {
	name := strings.TrimSpace(w.name.Text)
	if name == "" {
		w.nameMsg.setProblem("is required")
		w.u.win.Canvas().Focus(w.name)
		return "", false
	}
	return name, true
}

// saveMe records who the manager is.
func (w *welcomeScreen) saveMe() bool {
	name, ok := w.managerName()
	if !ok {
		return false
	}
	var me model.Manager
	var err error
	if w.handedOver != nil {
		me, err = w.u.st.TakeOver(w.u.ctx(), name)
	} else {
		me, err = w.u.st.SetMe(w.u.ctx(), name)
	}
	var ve model.ValidationError
	if errors.As(err, &ve) {
		w.nameMsg.setProblem(ve.Problem(model.FieldManagerName))
		return false
	}
	if err != nil {
		w.u.showError(err)
		return false
	}
	w.u.me = me
	return true
}

func (w *welcomeScreen) startEmpty() {
	if w.busy || !w.saveMe() {
		return
	}
	w.u.showMain()
	if h := w.handedOver; h != nil {
		w.u.offerReassign(h.From, w.u.me.Name)
	}
}

// loadSample adds the sample community in the background, then shows it.
func (w *welcomeScreen) loadSample() {
	if w.busy || !w.saveMe() {
		return
	}
	w.setBusy(true)
	w.u.background(func(ctx context.Context, st Store) func() {
		err := st.LoadSample(ctx)
		return func() {
			if err != nil {
				w.setBusy(false)
				w.u.showError(err)
				return
			}
			w.u.showMain()
		}
	})
}

func (w *welcomeScreen) setBusy(busy bool) {
	w.busy = busy
	if busy {
		w.start.Disable()
		w.sample.Disable()
		w.name.Disable()
		w.status.SetText("Adding the sample community…")
		w.status.Show()
		w.progress.Show()
		w.progress.Start()
		return
	}
	w.start.Enable()
	w.sample.Enable()
	w.name.Enable()
	w.status.Hide()
	w.progress.Stop()
	w.progress.Hide()
}

// layoutSpacer is empty space of a fixed height.
func layoutSpacer(h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(1, h))
	return r
}
