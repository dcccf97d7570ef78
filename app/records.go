package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// recordExt is the extension of the record files Rapport creates.
const recordExt = ".db"

// openRecord opens the record at path and shows it instead of the current one.
func (u *UI) openRecord(path string) {
	if u.st != nil && samePath(path, u.st.Path()) {
		return
	}
	if !u.keepHandoffDraft() {
		return // the draft being written could not be kept: the user was told why
	}
	closing := false
	for p := range u.closingPaths {
		closing = closing || samePath(p, path)
	}
	u.goDo(func() func() {
		if closing {
			u.closing.Wait() // it holds its lock until it has closed
		}
		st, err := u.open(u.ctx(), path)
		return func() {
			if err != nil {
				// A damaged record gets its latest backup offered (backups.go).
				u.offerRestore(path, err, func() { u.showError(fmt.Errorf("opening the record %s: %w", path, err)) })
				return
			}
			u.switchStore(st)
		}
	})
}

// recordDir is the folder of the current record, where the file dialogs start.
func (u *UI) recordDir() fyne.ListableURI {
	if u.st == nil {
		return nil
	}
	l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(filepath.Dir(u.st.Path())))
	if err != nil {
		return nil
	}
	return l
}

// showOpenRecord lets the user pick a record file to open.
func (u *UI) showOpenRecord() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		_ = r.Close()
		u.openRecord(path)
	}, u.win)
	d.SetTitleText("Open a record")
	d.SetConfirmText("Open")
	if dir := u.recordDir(); dir != nil {
		d.SetLocation(dir)
	}
	d.Show() // a file dialog resized before it shows panics (Fyne 2.8.1)
	d.Resize(fyne.NewSize(800, 560))
}

// newRecordForm asks where a new record goes: its name and its folder. It never
// writes over a file that is already there.
type newRecordForm struct {
	u        *UI
	dlg      *dialog.CustomDialog
	name     *formEntry
	nameMsg  *formField
	folder   string
	where    *widget.Label
	finished bool
}

// showNewRecord starts a new, empty record; the welcome screen then asks who
// keeps it.
func (u *UI) showNewRecord() {
	if u.form != nil {
		return
	}
	f := &newRecordForm{u: u, folder: filepath.Dir(u.st.Path())}
	f.name = newFormEntry(false, "My community")
	f.name.onSave, f.name.onCancel = f.save, f.cancel
	f.nameMsg = newFormField("Name", "The record's file name; it shows in the window title.", f.name)
	f.name.OnChanged = func(s string) {
		if f.nameMsg.problem != "" {
			f.nameMsg.setProblem(f.problem())
		}
	}
	f.where = wrapLabel(f.folder)
	f.where.Wrapping = fyne.TextWrapBreak
	choose := widget.NewButtonWithIcon("Choose…", theme.FolderOpenIcon(), f.chooseFolder)
	grid := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle("Name", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewVBox(f.name, f.nameMsg.view()),
		widget.NewLabelWithStyle("Folder", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, choose, f.where),
	)
	f.dlg = dialog.NewCustomWithoutButtons("New record", grid, u.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.cancel)
	create := widget.NewButtonWithIcon("Create", theme.DocumentCreateIcon(), f.save)
	create.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, create})
	f.dlg.Resize(fyne.NewSize(560, f.dlg.MinSize().Height))
	u.showDialogForm(f, f.dlg, nil)
	u.win.Canvas().Focus(f.name)
}

func (f *newRecordForm) chooseFolder() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			f.u.showError(err)
			return
		}
		if l == nil {
			return
		}
		f.folder = l.Path()
		f.where.SetText(f.folder)
		if f.nameMsg.problem != "" {
			f.nameMsg.setProblem(f.problem())
		}
	}, f.u.win)
	if l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(f.folder)); err == nil {
		d.SetLocation(l)
	}
	d.Show() // a file dialog resized before it shows panics (Fyne 2.8.1)
	d.Resize(fyne.NewSize(800, 560))
}

// path is where the new record goes.
func (f *newRecordForm) path() string {
	name := strings.TrimSpace(f.name.Text)
	if !strings.EqualFold(filepath.Ext(name), recordExt) {
		name += recordExt
	}
	return filepath.Join(f.folder, name)
}

// problem says what is wrong with the name, if anything.
func (f *newRecordForm) problem() string {
	name := strings.TrimSpace(f.name.Text)
	switch {
	case name == "":
		return "is required"
	case strings.ContainsAny(name, `/\:`) || name == "." || name == "..":
		return `cannot hold / \ or :`
	}
	if _, err := os.Stat(f.path()); err == nil {
		return "is taken: a file of that name is already in this folder (open it with File › Open record…)"
	} else if !errors.Is(err, os.ErrNotExist) {
		return "cannot be checked: " + err.Error()
	}
	return ""
}

func (f *newRecordForm) save() {
	if f.finished {
		return
	}
	if p := f.problem(); p != "" {
		f.nameMsg.setProblem(p)
		f.u.win.Canvas().Focus(f.name)
		return
	}
	f.finished = true
	f.dlg.Hide()
	f.u.openRecord(f.path())
}

func (f *newRecordForm) cancel() {
	f.finished = true
	f.dlg.Hide()
}
