package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	fynedesktop "fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/app"
	"rapport/assets"
	"rapport/storage"
)

// appID is Rapport's application ID, the same as Details.ID in FyneApp.toml.
const appID = "app.rapport"

// desktop is the display of a real desktop, through Fyne.
type desktop struct{}

// newApp starts Fyne with Rapport's metadata, so that About, notifications and
// the window manager know the app and its icon; a binary built with plain go
// build carries nothing from FyneApp.toml, hence the metadata here.
func newApp() fyne.App {
	fyneapp.SetMetadata(fyne.AppMetadata{
		ID:         appID,
		Name:       "Rapport",
		Version:    version,
		Build:      buildNumber,
		Icon:       assets.Icon,
		Migrations: map[string]bool{"fyneDo": true},
	})
	return fyneapp.NewWithID(appID)
}

// Run shows the record in the main window until the user quits or ctx ends
// (SIGINT, SIGTERM). Without a display it says so instead of crashing.
func (desktop) Run(ctx context.Context, st *storage.Store) (err error) {
	if !hasDisplay() {
		return errNoDisplay
	}
	// GLFW panics when it cannot use the display it was given; that is the
	// user's environment, not a bug, so it gets a message instead of a trace.
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprint(r)
			if !strings.Contains(msg, "GLFW") {
				panic(r)
			}
			err = fmt.Errorf("cannot open a window (%s): check that DISPLAY or WAYLAND_DISPLAY names a running display", msg)
		}
	}()
	a := newApp()
	ui := app.NewUI(a, st, openRecord)
	ui.SetContacts(contactCodecs{})
	ui.SetReports(reportWriters{})
	quitOnDone(ctx, a)
	ui.Window().ShowAndRun()
	return nil
}

// errNoDisplay is Run's error outside a graphical session.
var errNoDisplay = errors.New("no display to open the window on: run rapport in a desktop session " +
	"(neither DISPLAY nor WAYLAND_DISPLAY is set)")

// hasDisplay reports whether a graphical session is there to open windows in.
func hasDisplay() bool {
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// openRecord is the Opener the UI uses for File › Open and New.
func openRecord(ctx context.Context, path string) (app.Store, error) {
	st, err := storage.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return st, nil
}

// ShowError tells in a small window why the record could not be opened. It
// does nothing without a display, where the message on stderr is all there is.
func (desktop) ShowError(ctx context.Context, err error) {
	if !hasDisplay() {
		return
	}
	defer func() {
		// Best effort: a display that cannot be used leaves the message on stderr.
		if r := recover(); r != nil && !strings.Contains(fmt.Sprint(r), "GLFW") {
			panic(r)
		}
	}()
	a := newApp()
	a.Settings().SetTheme(app.NewTheme())
	w := a.NewWindow("Rapport cannot open the record")
	title := widget.NewLabelWithStyle("Rapport cannot open the record", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", a.Quit)
	quit.Importance = widget.HighImportance
	icon := widget.NewIcon(theme.ErrorIcon())
	w.SetContent(container.NewBorder(
		container.NewHBox(icon, title), container.NewHBox(layout.NewSpacer(), quit), nil, nil, msg))
	w.Resize(fyne.NewSize(520, 180))
	// Return, Escape and Ctrl+Q all mean "understood": quit.
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape:
			a.Quit()
		}
	})
	w.Canvas().AddShortcut(&fynedesktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { a.Quit() })
	quitOnDone(ctx, a)
	w.ShowAndRun()
}

// quitOnDone quits a, on Fyne's goroutine, when ctx ends.
func quitOnDone(ctx context.Context, a fyne.App) {
	context.AfterFunc(ctx, func() { fyne.Do(a.Quit) })
}
