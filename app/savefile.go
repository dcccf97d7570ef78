package app

import (
	"context"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
)

// saveFile is what the window needs to ask where a file goes.
type saveFile struct {
	title, confirm string
	name, ext      string // the suggested file name and its extension
	dirPref        string // the preference that remembers the last folder
}

// askWhere shows a save dialog for s, starting in the folder last used for
// such files, and hands the chosen path to then.
func (u *UI) askWhere(s saveFile, then func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		_ = w.Close()
		u.prefs().SetString(s.dirPref, filepath.Dir(path))
		then(path)
	}, u.win)
	d.SetTitleText(s.title)
	d.SetConfirmText(s.confirm)
	d.SetFileName(s.name)
	d.SetFilter(fynestorage.NewExtensionFileFilter([]string{s.ext}))
	dir := u.prefs().String(s.dirPref)
	if dir == "" {
		if home, err := os.UserHomeDir(); err == nil {
			dir = home
		}
	}
	if l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
	d.Show() // a file dialog resized before it shows panics (Fyne 2.8.1)
	d.Resize(fyne.NewSize(800, 560))
}

// writeInBackground runs write off the window's goroutine with a progress
// that can cancel it, then shows its error or calls done with what it
// counted.
func (u *UI) writeInBackground(title, message string, write func(ctx context.Context) (int, error), done func(n int)) {
	ctx, cancel := context.WithCancel(u.ctx())
	prog := u.startProgress(title, message, cancel)
	u.goDo(func() func() {
		n, err := write(ctx)
		return func() {
			prog.finish()
			cancel()
			if err != nil {
				if !cancelled(err) {
					u.showError(err)
				}
				return
			}
			done(n)
		}
	})
}

// writeWhole writes a file at path through write: into a file beside it
// first, synced and renamed over path once whole, so a failure or a cancel
// never leaves half a file. write's writer stops once ctx is done.
func writeWhole(ctx context.Context, path string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // nothing is left there once renamed
	err = write(ctxWriter{ctx: ctx, w: tmp})
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return err
}
