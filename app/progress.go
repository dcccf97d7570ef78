package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// progressDelay is how long work runs before its progress shows: quick work
// finishes without a dialog flashing by.
const progressDelay = 300 * time.Millisecond

// progress shows long work under way (an import, an export) with a Cancel
// button when it can be called off. Its methods run on Fyne's goroutine.
type progress struct {
	u       *UI
	dlg     *dialog.CustomDialog
	message *widget.Label
	bar     *widget.ProgressBarInfinite
	timer   *time.Timer
	done    bool
}

// startProgress shows title and message once the work has taken longer than
// progressDelay; cancel, when not nil, calls the work off.
func (u *UI) startProgress(title, message string, cancel func()) *progress {
	p := &progress{u: u, message: wrapLabel(message), bar: widget.NewProgressBarInfinite()}
	p.bar.Stop()
	p.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(p.message, p.bar), u.win)
	if cancel != nil {
		stop := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
			cancel()
			p.finish()
		})
		p.dlg.SetButtons([]fyne.CanvasObject{stop})
	}
	p.timer = time.AfterFunc(progressDelay, func() { u.do(p.show) })
	return p
}

func (p *progress) show() {
	if p.done || p.u.closed {
		return
	}
	p.bar.Start()
	p.dlg.Resize(fyne.NewSize(440, p.dlg.MinSize().Height))
	p.dlg.Show()
}

// set says what the work is doing now.
func (p *progress) set(message string) {
	if !p.done {
		p.message.SetText(message)
	}
}

// finish takes the progress away: the work is done or called off.
func (p *progress) finish() {
	if p.done {
		return
	}
	p.done = true
	p.timer.Stop()
	p.bar.Stop()
	p.dlg.Hide()
}
