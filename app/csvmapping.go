package app

import (
	"encoding/json"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// prefCSVMapping prefixes the preference holding the mapping chosen for CSV
// files of one header shape (Contacts.CSVHeaderKey).
const prefCSVMapping = "csvMapping."

// presetLastTime is the preset choice of the mapping chosen for files of the
// same shape before.
const presetLastTime = "As you chose last time"

// notImported is what a column's choice says while it maps to no field.
const notImported = "Not imported"

// csvMappingForm asks what each column of a CSV file holds, with the mapping
// of the program that wrote it (or the one chosen last time for files with
// the same columns) chosen already. The mapping chosen is remembered per
// header shape.
type csvMappingForm struct {
	u       *UI
	dlg     *dialog.CustomDialog
	header  []string
	key     string
	presets map[string]CSVMapping
	preset  *widget.Select
	columns []*widget.Select
	// labels and ids translate between a field's label and its ID.
	labels, ids map[string]string
	problem     *widget.Label
	onDone      func(CSVMapping)
	onCancel    func()
	finished    bool
}

// showCSVMapping asks what the columns of the CSV file name, whose header is
// header, hold; done gets the mapping, cancel runs when the user calls it off.
func showCSVMapping(u *UI, name string, header []string, done func(CSVMapping), cancel func()) *csvMappingForm {
	f := &csvMappingForm{u: u, header: header, onDone: done, onCancel: cancel,
		key: u.contacts.CSVHeaderKey(header), presets: map[string]CSVMapping{},
		labels: map[string]string{}, ids: map[string]string{}}
	var fieldLabels []string
	for _, fl := range u.contacts.CSVFields() {
		f.labels[fl.ID], f.ids[fl.Label] = fl.Label, fl.ID
		fieldLabels = append(fieldLabels, fl.Label)
	}
	presets, detected := u.contacts.CSVPresets(header)
	var names []string
	if saved := f.saved(); saved != nil {
		f.presets[presetLastTime] = saved
		names = append(names, presetLastTime)
		detected = presetLastTime
	}
	for _, p := range presets {
		f.presets[p.Name] = p.Mapping
		names = append(names, p.Name)
	}
	f.preset = widget.NewSelect(names, f.applyPreset)

	grid := container.New(layout.NewFormLayout())
	for _, h := range header {
		sel := widget.NewSelect(fieldLabels, nil)
		sel.PlaceHolder = notImported
		f.columns = append(f.columns, sel)
		label := widget.NewLabelWithStyle(h, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		label.Truncation = fyne.TextTruncateEllipsis
		grid.Add(container.New(&fixedWidth{width: 220}, label))
		grid.Add(sel)
	}
	f.preset.SetSelected(detected)

	intro := wrapLabel(fmt.Sprintf("Say what each column of %s holds. A column left as “%s” is not read. "+
		"Rapport remembers your choice for the next file with the same columns.", name, notImported))
	presetRow := container.NewBorder(nil, nil, widget.NewLabelWithStyle("Mapping", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, f.preset)
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Hide()
	top := container.NewVBox(intro, presetRow, widget.NewSeparator())
	content := container.NewBorder(top, f.problem, nil, nil, container.NewVScroll(grid))

	f.dlg = dialog.NewCustomWithoutButtons("Columns of "+name, content, u.win)
	cancelBtn := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.cancel)
	next := widget.NewButtonWithIcon("Continue", theme.NavigateNextIcon(), f.save)
	next.Importance = widget.HighImportance
	f.dlg.SetButtons([]fyne.CanvasObject{cancelBtn, next})
	size := u.win.Canvas().Size()
	f.dlg.Resize(fyne.NewSize(fyne.Max(fyne.Min(640, size.Width-40), 420), fyne.Max(fyne.Min(600, size.Height-40), 360)))
	u.showDialogForm(f, f.dlg, func() {
		if !f.finished {
			f.finished = true
			f.onCancel()
		}
	})
	return f
}

// saved is the mapping chosen last time for files of this shape, nil when
// there is none; fields that no longer exist are left out of it.
func (f *csvMappingForm) saved() CSVMapping {
	s := f.u.prefs().String(prefCSVMapping + f.key)
	if s == "" {
		return nil
	}
	var m CSVMapping
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil
	}
	for h, id := range m {
		if _, ok := f.labels[id]; !ok {
			delete(m, h)
		}
	}
	return m
}

// applyPreset chooses the fields of the preset named name for every column.
func (f *csvMappingForm) applyPreset(name string) {
	m, ok := f.presets[name]
	if !ok {
		return
	}
	for i, h := range f.header {
		if id, ok := m[h]; ok {
			f.columns[i].SetSelected(f.labels[id])
		} else {
			f.columns[i].ClearSelected()
		}
	}
}

// mapping is what the columns are chosen to hold.
func (f *csvMappingForm) mapping() CSVMapping {
	m := CSVMapping{}
	for i, h := range f.header {
		if id, ok := f.ids[f.columns[i].Selected]; ok {
			m[h] = id
		}
	}
	return m
}

// save remembers the mapping for files of this shape and goes on.
func (f *csvMappingForm) save() {
	if f.finished {
		return
	}
	m := f.mapping()
	if len(m) == 0 {
		f.problem.SetText("Choose what at least one column holds, or cancel.")
		f.problem.Show()
		return
	}
	if b, err := json.Marshal(m); err == nil {
		f.u.prefs().SetString(prefCSVMapping+f.key, string(b))
	}
	f.finished = true
	f.dlg.Hide()
	f.onDone(m)
}

func (f *csvMappingForm) cancel() {
	if f.finished {
		return
	}
	f.finished = true
	f.dlg.Hide()
	f.onCancel()
}
