package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// formEntry is an entry for Rapport's forms: Esc cancels the form, Enter saves
// it (Ctrl+Enter, or Shift+Enter, in a multi-line entry), and leaving the entry
// checks what was typed.
type formEntry struct {
	widget.Entry
	onCancel func()
	onSave   func()
	onLeave  func()
	// onKey, when set, sees every key first and reports whether it took it
	// (a picker's Up, Down and Enter move in and pick from its results).
	onKey func(ev *fyne.KeyEvent) bool
}

func newFormEntry(multiLine bool, placeholder string) *formEntry {
	e := &formEntry{}
	e.ExtendBaseWidget(e)
	e.MultiLine = multiLine
	e.PlaceHolder = placeholder
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
	}
	e.OnSubmitted = func(string) {
		if e.onSave != nil {
			e.onSave()
		}
	}
	return e
}

// TypedKey closes the form on Esc and hands every other key to the entry.
func (e *formEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(ev) {
		return
	}
	if ev.Name == fyne.KeyEscape && e.onCancel != nil {
		e.onCancel()
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedShortcut saves the form on Ctrl+Enter and hands every other shortcut to
// the entry.
func (e *formEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && isSaveShortcut(cs) && e.onSave != nil {
		e.onSave()
		return
	}
	e.Entry.TypedShortcut(s)
}

// AcceptsTab is false even for multi-line entries: in a form, Tab moves on to
// the next field.
func (e *formEntry) AcceptsTab() bool { return false }

// FocusLost checks the entry once the user moves on.
func (e *formEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}

func isSaveShortcut(s *desktop.CustomShortcut) bool {
	return (s.KeyName == fyne.KeyReturn || s.KeyName == fyne.KeyEnter) && s.Modifier == fyne.KeyModifierShortcutDefault
}
