package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"

	"rapport/model"
)

// prefImportDir is the preference holding the folder contacts were last
// imported from, where the file dialog starts next time.
const prefImportDir = "importFolder"

// headerLimit is how much of a CSV file is read for its header.
const headerLimit = 256 << 10

// importSource is one file of an import.
type importSource struct {
	path string
	name string // the file's name, as problems and the batch say it
	kind fileKind
	// mapping is a CSV file's column mapping, once chosen.
	mapping CSVMapping
	// failed is set when the file could not be read; it is left out.
	failed bool
}

// importJob is one import, from the files picked to the batch written: CSV
// files are mapped, every file read and matched against the record in the
// background, the preview shown, and the user's choices imported. One runs
// at a time; a job that is no longer u.importJob (finished, or the record
// replaced) does nothing more.
type importJob struct {
	u       *UI
	sources []*importSource
	// problems are those of files that could not be read before the
	// preview: a CSV header that cannot be read.
	problems []ContactProblem
	cancel   context.CancelFunc
}

// showImportContacts lets the user pick a vCard or CSV file to import.
func (u *UI) showImportContacts() {
	if !u.contactsReady() || u.importJob != nil {
		return
	}
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
		u.prefs().SetString(prefImportDir, filepath.Dir(path))
		u.importFiles([]string{path})
	}, u.win)
	d.SetTitleText("Import contacts from a vCard or CSV file")
	d.SetConfirmText("Import")
	d.SetFilter(fynestorage.NewExtensionFileFilter([]string{".vcf", ".vcard", ".csv", ".tsv"}))
	if dir := u.prefs().String(prefImportDir); dir != "" {
		if l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show() // a file dialog resized before it shows panics (Fyne 2.8.1)
	d.Resize(fyne.NewSize(800, 560))
}

// importFiles imports the contacts in the files at paths: vCard (.vcf) and
// CSV (.csv) files; other files are named in an error and left out. Nothing
// is written before the user has seen the preview and pressed Import.
func (u *UI) importFiles(paths []string) {
	if !u.contactsReady() || u.importJob != nil {
		return
	}
	j := &importJob{u: u}
	var others []string
	for _, p := range paths {
		kind := contactFileKind(p)
		if kind == kindUnknown {
			others = append(others, filepath.Base(p))
			continue
		}
		j.sources = append(j.sources, &importSource{path: p, name: filepath.Base(p), kind: kind})
	}
	if len(j.sources) == 0 {
		u.showError(fmt.Errorf("contacts are imported from vCard (.vcf) and CSV (.csv) files; %s not one", countedFiles(others)))
		return
	}
	for _, name := range others { // the preview lists them with the problems
		j.problems = append(j.problems, ContactProblem{File: name, Text: name + ": not a vCard (.vcf) or CSV (.csv) file; left out"})
	}
	u.importJob = j
	j.next()
}

// countedFiles names files for a message: "notes.txt is", "a.pdf and b.doc are".
func countedFiles(names []string) string {
	if len(names) == 1 {
		return names[0] + " is"
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " are"
}

// active reports whether j is still the import under way.
func (j *importJob) active() bool { return j.u.importJob == j }

// finish ends the job: done, or called off.
func (j *importJob) finish() {
	if j.cancel != nil {
		j.cancel()
	}
	if j.active() {
		j.u.importJob = nil
	}
}

// source names the files of the import, for the batch and messages.
func (j *importJob) source() string {
	var names []string
	for _, s := range j.sources {
		if !s.failed {
			names = append(names, s.name)
		}
	}
	const shown = 3
	if len(names) > shown+1 {
		return strings.Join(names[:shown], ", ") + fmt.Sprintf(" and %d more files", len(names)-shown)
	}
	return strings.Join(names, ", ")
}

// next asks for the mapping of the next CSV file that has none, and once all
// have one, reads the files.
func (j *importJob) next() {
	if !j.active() {
		return
	}
	for _, s := range j.sources {
		if s.kind == kindCSV && s.mapping == nil && !s.failed {
			j.mapCSV(s)
			return
		}
	}
	j.read()
}

// mapCSV reads the header of a CSV file and asks what its columns hold.
func (j *importJob) mapCSV(s *importSource) {
	u, codecs := j.u, j.u.contacts
	u.goDo(func() func() {
		header, err := readCSVHeader(codecs, s.path)
		return func() {
			if !j.active() {
				return
			}
			if err != nil {
				s.failed = true
				j.problems = append(j.problems, ContactProblem{File: s.name, Text: fmt.Sprintf("%s: %v", s.name, err)})
				j.next()
				return
			}
			showCSVMapping(u, s.name, header, func(m CSVMapping) {
				s.mapping = m
				j.next()
			}, j.finish)
		}
	})
}

// readCSVHeader reads the column names at the top of the CSV file at path.
func readCSVHeader(codecs Contacts, path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(err)
	}
	defer f.Close()
	// The header is the first line: reading a big file whole for it is
	// not needed. Cut after the last line end read, so that a character
	// is never cut in two.
	data, err := io.ReadAll(io.LimitReader(f, headerLimit))
	if err != nil {
		return nil, fileError(err)
	}
	if len(data) == headerLimit {
		if i := bytes.LastIndexAny(data, "\r\n"); i > 0 {
			data = data[:i+1]
		}
	}
	header, err := codecs.CSVHeader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if len(header) == 0 {
		return nil, errors.New("the file has no columns")
	}
	return header, nil
}

// fileError words an error opening or reading a file without repeating its path.
func fileError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		if errors.Is(err, os.ErrNotExist) {
			return errors.New("the file is not there")
		}
		return fmt.Errorf("cannot be read: %v", pe.Err)
	}
	return fmt.Errorf("cannot be read: %v", err)
}

// read reads every file of the import and matches what they hold against the
// record, in the background, then shows the preview.
func (j *importJob) read() {
	u := j.u
	ctx, cancel := context.WithCancel(u.ctx())
	j.cancel = cancel
	prog := u.startProgress("Importing contacts", "Reading "+j.source()+"…", j.finish)
	st, codecs := u.st, u.contacts
	sources := j.sources
	problems := append([]ContactProblem(nil), j.problems...)
	say := func(msg string) {
		u.do(func() {
			if j.active() {
				prog.set(msg)
			}
		})
	}
	u.goDo(func() func() {
		var contacts []Contact
		for _, s := range sources {
			if s.failed {
				continue
			}
			say("Reading " + s.name + "…")
			cs, ps, err := readContactsFile(ctx, codecs, s)
			if ctx.Err() != nil {
				return prog.finish
			}
			if err != nil {
				s.failed = true
				problems = append(problems, ContactProblem{File: s.name, Text: fmt.Sprintf("%s: %v", s.name, err)})
				continue
			}
			contacts = append(contacts, cs...)
			problems = append(problems, ps...)
		}
		var preview model.ImportPreview
		var err error
		if len(contacts) > 0 {
			say(fmt.Sprintf("Matching %s with the members in the record…", model.Plural(len(contacts), "contact", "contacts")))
			members := make([]model.Member, len(contacts))
			for i, c := range contacts {
				members[i] = c.Member
			}
			preview, err = st.PreviewImport(ctx, members)
		}
		return func() {
			prog.finish()
			if !j.active() || ctx.Err() != nil {
				return
			}
			if err != nil {
				j.finish()
				u.showError(err)
				return
			}
			for i := range preview.Items {
				preview.Items[i].Origin = contacts[i].Origin
			}
			showImportPreview(j, preview, problems)
		}
	})
}

// readContactsFile reads the contacts in one file of an import.
func readContactsFile(ctx context.Context, codecs Contacts, s *importSource) ([]Contact, []ContactProblem, error) {
	f, err := os.Open(s.path)
	if err != nil {
		return nil, nil, fileError(err)
	}
	defer f.Close()
	r := ctxReader{ctx: ctx, r: f}
	var cs []Contact
	var ps []ContactProblem
	if s.kind == kindCSV {
		cs, ps, err = codecs.ReadCSV(r, s.name, s.mapping)
	} else {
		cs, ps, err = codecs.ReadVCard(r, s.name)
	}
	if err != nil {
		return nil, nil, fileError(err)
	}
	return cs, ps, nil
}

// imported shows what an import did and offers to undo it: right away from
// the bar at the bottom, and until the next import from Edit › Undo import.
func (u *UI) imported(batch int64, source string, res model.ImportResult) {
	st := u.st
	u.forgetUndo(func(e undoEntry) bool { return e.importBatch != 0 }) // only the latest import can be undone
	msg := fmt.Sprintf("Imported %s: %d added, %d merged, %d skipped.", source, res.Added, res.Merged, res.Skipped)
	u.pushUndo(undoEntry{
		menu:        "Undo import of " + source,
		message:     msg,
		importBatch: batch,
		progress:    "Undoing the import of " + source + "…",
		undo:        func() error { return st.UndoImport(context.Background(), batch) },
		undone:      u.importUndone,
	})
	u.lastImport = &model.ImportBatch{ID: batch, Source: source, At: u.now(),
		Added: res.Added, Merged: res.Merged, Skipped: res.Skipped, Undoable: true}
	u.refreshMenu()
	u.goToMembers()
	u.build(screenMembers)
	u.members.reloadList()
	var ids []int64
	for _, id := range res.MemberIDs {
		if id != 0 && (len(ids) == 0 || ids[0] != id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 1 {
		u.members.open(ids[0])
	}
	u.recordChanged()
}

// importUndone shows the record as it is again once an import was undone.
func (u *UI) importUndone() {
	if u.nav == nil {
		return
	}
	u.lastImport = nil
	u.loadLastImport()
	if u.members != nil {
		u.members.reloadList()
	}
	if u.trash != nil {
		u.trash.reload()
	}
	u.recordChanged()
}

// loadLastImport finds the import Edit › Undo import can take back, if any:
// the latest one still standing.
func (u *UI) loadLastImport() {
	u.background(func(ctx context.Context, st Store) func() {
		bs, err := st.ImportBatches(ctx)
		return func() {
			if err != nil {
				u.showError(err)
				return
			}
			u.lastImport = nil
			for _, b := range bs {
				if b.Undoable {
					u.lastImport = &b
					break
				}
			}
			u.refreshMenu()
		}
	})
}

// confirmUndoImport asks before taking back the latest import, which may be
// days old by now: Edit › Undo import.
func (u *UI) confirmUndoImport() {
	if u.lastImport == nil || !u.contactsReady() {
		return
	}
	b := *u.lastImport
	text := fmt.Sprintf("On %s the import of %s added %s and merged %s.\n"+
		"Undoing it removes the members it added and puts those it merged into back as they were.",
		formatDate(b.At), b.Source, model.Plural(b.Added, "member", "members"), model.Plural(b.Merged, "contact", "contacts"))
	d := dialog.NewCustomConfirm("Undo the import?", "Undo the import", "Keep it", wrapLabel(text), func(ok bool) {
		if ok {
			u.undoImport(b)
		}
	}, u.win)
	d.Resize(fyne.NewSize(480, d.MinSize().Height))
	d.Show()
}

// undoImport takes import b back, in the background.
func (u *UI) undoImport(b model.ImportBatch) {
	if u.undoing {
		return
	}
	u.forgetUndo(func(e undoEntry) bool { return e.importBatch == b.ID })
	st := u.st
	u.runUndo(undoEntry{
		menu:        "Undo import of " + b.Source,
		importBatch: b.ID,
		progress:    "Undoing the import of " + b.Source + "…",
		undo:        func() error { return st.UndoImport(context.Background(), b.ID) },
		undone:      u.importUndone,
	}, false)
}
