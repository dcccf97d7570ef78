package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// prefExportDir is the preference holding the folder contacts were last
// exported to, where the file dialog starts next time.
const prefExportDir = "exportFolder"

// The choices of the export form.
const (
	exportAll    = "All members"
	exportTagged = "Members tagged"
	formatVCard4 = "vCard 4.0"
	formatVCard3 = "vCard 3.0, for older address books"
	formatCSV    = "CSV, for spreadsheets and mail tools"
)

var exportFormats = map[string]ExportFormat{formatVCard4: ExportVCard4, formatVCard3: ExportVCard3, formatCSV: ExportCSV}

// exportOptions say what to export, and how.
type exportOptions struct {
	filter       model.ExportFilter
	format       ExportFormat
	privateNotes bool
}

// exportForm asks which members to export, in which format, and whether
// their private notes go too (not unless the user ticks it).
type exportForm struct {
	u        *UI
	dlg      *dialog.CustomDialog
	which    *widget.RadioGroup
	tag      *widget.Select
	format   *widget.RadioGroup
	private  *widget.Check
	one      *model.Member // the member offered on their own, if any
	oneText  string
	finished bool
}

// showExportContacts opens the export form: File › Export contacts….
func (u *UI) showExportContacts() {
	if !u.contactsReady() {
		return
	}
	var one *model.Member
	if u.screen == screenMembers {
		if m, ok := u.members.detail.member(); ok {
			one = &m
		}
	}
	f := showExportForm(u, one)
	if u.screen != screenMembers {
		return
	}
	if _, tag := u.members.filter(); tag != "" {
		f.which.SetSelected(exportTagged)
		f.tag.SetSelected(tag)
	}
}

// exportMember opens the export form on one member: their detail's Export….
func (u *UI) exportMember(m model.Member) {
	if !u.contactsReady() {
		return
	}
	f := showExportForm(u, &m)
	f.which.SetSelected(f.oneText)
}

func showExportForm(u *UI, one *model.Member) *exportForm {
	f := &exportForm{u: u, one: one}
	options := []string{exportAll}
	var tags []string
	u.build(screenMembers) // its tag filter holds the tags to offer
	for _, t := range u.members.tag.Options {
		if t != allTags {
			tags = append(tags, t)
		}
	}
	if len(tags) > 0 {
		options = append(options, exportTagged)
	}
	if one != nil {
		f.oneText = "Only " + one.Name
		options = append(options, f.oneText)
	}
	f.tag = widget.NewSelect(tags, nil)
	f.tag.PlaceHolder = "Choose a tag"
	if len(tags) > 0 {
		f.tag.Selected = tags[0]
	}
	f.which = widget.NewRadioGroup(options, func(s string) {
		if s == exportTagged {
			f.tag.Enable()
		} else {
			f.tag.Disable()
		}
	})
	f.which.Required = true
	f.which.SetSelected(exportAll)
	f.format = widget.NewRadioGroup([]string{formatVCard4, formatVCard3, formatCSV}, nil)
	f.format.Required = true
	f.format.SetSelected(formatVCard4)
	f.private = widget.NewCheck("Include private notes", nil)

	bold := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	grid := container.New(layout.NewFormLayout(), bold("Export"), f.which)
	if len(tags) > 0 {
		grid.Add(bold("Tag"))
		grid.Add(f.tag)
	}
	grid.Add(bold("As"))
	grid.Add(f.format)
	grid.Add(bold("Private"))
	grid.Add(container.NewVBox(f.private, quietCaption("Private notes stay on this computer unless you tick this.")))
	f.dlg = dialog.NewCustomWithoutButtons("Export contacts", grid, u.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.cancel)
	save := widget.NewButtonWithIcon("Export…", theme.UploadIcon(), f.save)
	save.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	f.dlg.Resize(fyne.NewSize(560, f.dlg.MinSize().Height))
	u.showDialogForm(f, f.dlg, nil)
	return f
}

// options are what the form says to export.
func (f *exportForm) options() exportOptions {
	o := exportOptions{format: exportFormats[f.format.Selected], privateNotes: f.private.Checked}
	switch f.which.Selected {
	case exportTagged:
		o.filter.Tag = f.tag.Selected
	case f.oneText:
		o.filter.IDs = []int64{f.one.ID}
	default:
		o.filter.All = true
	}
	if o.format == "" {
		o.format = ExportVCard4
	}
	return o
}

// fileName is the name the file dialog offers.
func (f *exportForm) fileName(o exportOptions) string {
	name := recordName(f.u.st.Path()) + " members"
	switch {
	case o.filter.Tag != "":
		name = "Members tagged " + o.filter.Tag
	case len(o.filter.IDs) == 1:
		name = f.one.Name
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, name)
	return name + o.format.Ext()
}

// save asks where the file goes, then exports to it.
func (f *exportForm) save() {
	if f.finished {
		return
	}
	o := f.options()
	if f.which.Selected == exportTagged && o.filter.Tag == "" {
		return
	}
	f.finished = true
	f.dlg.Hide()
	u := f.u
	u.askWhere(saveFile{title: "Export contacts", confirm: "Export", name: f.fileName(o), ext: o.format.Ext(), dirPref: prefExportDir}, func(path string) { u.exportTo(path, o) })
}

func (f *exportForm) cancel() {
	f.finished = true
	f.dlg.Hide()
}

// exportTo exports the members o selects to the file at path, in the
// background; Cancel in the progress calls it off and leaves no file half
// written.
func (u *UI) exportTo(path string, o exportOptions) {
	if u.nav == nil || u.contacts == nil {
		return
	}
	st, codecs := u.st, u.contacts
	u.writeInBackground("Exporting contacts", "Exporting to "+filepath.Base(path)+"…",
		func(ctx context.Context) (int, error) { return exportFile(ctx, st, codecs, path, o) },
		func(n int) { u.exported(path, n, o) })
}

// exportFile writes the members o selects to path: to a file beside it first,
// renamed over it once whole. It returns how many members went.
func exportFile(ctx context.Context, st Store, codecs Contacts, path string, o exportOptions) (int, error) {
	fail := func(err error) (int, error) {
		removeIfEmpty(path) // the file dialog made it; nothing went in
		if cancelled(err) {
			return 0, err
		}
		return 0, fmt.Errorf("export to %s: %w", path, err)
	}
	ms, err := st.MembersForExport(ctx, o.filter)
	if err != nil {
		return fail(err)
	}
	if len(ms) == 0 {
		return fail(errors.New("no member to export: nobody living in the record has that tag"))
	}
	err = writeWhole(ctx, path, func(w io.Writer) error { return codecs.Write(w, ms, o.format, o.privateNotes) })
	if err != nil {
		return fail(err)
	}
	return len(ms), nil
}

// removeIfEmpty removes the file at path when it is empty.
func removeIfEmpty(path string) {
	if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() && info.Size() == 0 {
		_ = os.Remove(path)
	}
}

// exported says what an export wrote, and where.
func (u *UI) exported(path string, n int, o exportOptions) {
	text := fmt.Sprintf("%s went to %s.", model.Plural(n, "member", "members"), path)
	if o.privateNotes {
		text += "\nTheir private notes are in it: keep the file to yourself."
	} else {
		text += "\nTheir private notes were left out."
	}
	l := wrapLabel(text)
	l.Wrapping = fyne.TextWrapBreak
	d := dialog.NewCustom("Contacts exported", "Close", l, u.win)
	d.Resize(fyne.NewSize(480, d.MinSize().Height))
	d.Show()
}
