package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
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
	"rapport/model"
	"rapport/storage"
	"rapport/storage/handoff"
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
	// Until the window first shows, start-up allocates tens of megabytes
	// that are garbage a moment later (fonts parsed, the first screen laid
	// out), and collecting them as they piled up took five or six
	// collections before the first frame. With a higher target until Fyne
	// reports the app started, just after that frame, they wait for it.
	gc := debug.SetGCPercent(400)
	a.Lifecycle().SetOnStarted(func() { debug.SetGCPercent(gc) })
	ui := newWindow(ctx, a, st)
	quitOnDone(ctx, ui.Window())
	ui.Window().ShowAndRun()
	return nil
}

// newWindow is the main window on the record st, with all it writes and
// reads files with; the day's backup of the record starts in the background,
// as does that of each record the window opens later (restore.go).
func newWindow(ctx context.Context, a fyne.App, st *storage.Store) *app.UI {
	backups := newDailyBackups(ctx, os.Stderr)
	ui := app.NewUI(a, st, openRecord(backups))
	ui.SetContacts(contactCodecs{})
	ui.SetReports(reportWriters{})
	ui.SetHandoffWriters(handoffWriters{})
	ui.SetBackups(backupShelf{})
	backups.window(ui, st)
	return ui
}

// handoffWriters is what the window writes handoffs with: storage/handoff
// behind the interface the UI declares, the same writers rapport handoff uses.
type handoffWriters struct{}

var _ app.HandoffWriters = handoffWriters{}

func (handoffWriters) Markdown(w io.Writer, d model.HandoffDocument) error {
	return handoff.Markdown(w, d)
}
func (handoffWriters) HTML(w io.Writer, d model.HandoffDocument) error { return handoff.HTML(w, d) }

// Bundle copies the record the window shows, which is always one storage
// opened.
func (handoffWriters) Bundle(ctx context.Context, w io.Writer, st app.Store, id int64) error {
	s, ok := st.(*storage.Store)
	if !ok {
		return fmt.Errorf("cannot bundle a record kept as %T", st)
	}
	return handoff.WriteBundle(ctx, s, id, w)
}

// errNoDisplay is Run's error outside a graphical session.
var errNoDisplay = errors.New("no display to open the window on: run rapport in a desktop session " +
	"(neither DISPLAY nor WAYLAND_DISPLAY is set)")

// hasDisplay reports whether a graphical session is there to open windows in.
func hasDisplay() bool {
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// openRecord is the Opener the UI uses for File › Open, New and a restore:
// the first open of a record each day takes its backup of the day, as the
// record the window starts on does.
func openRecord(backups *dailyBackups) app.Opener {
	return func(ctx context.Context, path string) (app.Store, error) {
		st, err := storage.Open(ctx, path)
		if err != nil {
			return nil, err
		}
		backups.start(st)
		return st, nil
	}
}

// ShowError tells in a small window why the record could not be opened. It
// does nothing without a display, where the message on stderr is all there
// is. When the record is damaged and has a backup, the window offers to
// restore it and then shows the record; ShowError returns nil when the user
// did and then worked on the record until quitting, and otherwise the error
// that stands: err, or why the restore failed.
func (desktop) ShowError(ctx context.Context, err error) (standing error) {
	standing = err
	if !hasDisplay() {
		return err
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
	buttons := container.NewHBox(layout.NewSpacer(), quit)
	var body fyne.CanvasObject = msg
	// A damaged record with a backup: offer the latest (restore.go).
	if offer, ok := restoreOffer(ctx, err); ok {
		var restored *storage.Store
		defer func() {
			// The window on the record has closed it, unless it failed to.
			if restored != nil {
				if cerr := restored.Close(); cerr != nil {
					standing = cerr
				}
			}
		}()
		var dh damageHint
		if errors.As(err, &dh) {
			msg.SetText(dh.err.Error()) // the window offers the backup itself
		}
		question := widget.NewLabelWithStyle(offer.question, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		question.Wrapping = fyne.TextWrapWord
		body = container.NewVBox(msg, question)
		quit.Importance = widget.MediumImportance
		restore := widget.NewButtonWithIcon("Restore", theme.HistoryIcon(), nil)
		restore.Importance = widget.HighImportance
		restore.OnTapped = func() {
			restore.Disable()
			st, rerr := offer.restore(ctx)
			if rerr != nil {
				standing = rerr
				msg.SetText(rerr.Error())
				question.Hide()
				restore.Hide()
				return
			}
			restored, standing = st, nil
			recordWin := newWindow(ctx, a, st).Window()
			quitOnDone(ctx, recordWin)
			recordWin.Show()
			w.Close()
		}
		buttons.Add(restore)
	}
	w.SetContent(container.NewBorder(
		container.NewHBox(icon, title), buttons, nil, nil, body))
	w.Resize(fyne.NewSize(560, 220))
	// Return, Escape and Ctrl+Q all mean "understood": quit.
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape:
			a.Quit()
		}
	})
	w.Canvas().AddShortcut(&fynedesktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { a.Quit() })
	quitOnDone(ctx, w)
	w.ShowAndRun()
	return standing
}

// quitOnDone quits a, on Fyne's goroutine, when ctx ends.
func quitOnDone(ctx context.Context, w fyne.Window) {
	// Closing the window, rather than quitting the app, runs its close
	// handler: a handoff draft being typed is kept before the record closes.
	context.AfterFunc(ctx, func() { fyne.Do(w.Close) })
}
