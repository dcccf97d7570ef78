// Command barewindow shows one Fyne window with one label and nothing else:
// the yardstick make bench measures Rapport's first frame and memory
// against, on the same machine and in the same run (cmd/benchreport).
package main

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := fyneapp.NewWithID("app.rapport.barewindow")
	w := a.NewWindow("Bare window")
	w.SetContent(widget.NewLabel("A bare Fyne window."))
	// The size Rapport's main window opens at, so that both draw as many pixels.
	w.Resize(fyne.NewSize(1100, 700))
	w.ShowAndRun()
}
