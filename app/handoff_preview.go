package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// prefHandoffDir is the preference holding the folder the last handoff
// export went to.
const prefHandoffDir = "handoffFolder"

// handoffFormat is a file a handoff is exported as.
type handoffFormat struct {
	name string // how the progress and the result name it
	ext  string
	// write writes h's document d to w; bundle formats write the saved h
	// from the record st instead.
	write func(ctx context.Context, w io.Writer, hw HandoffWriters, st Store, h model.Handoff, d model.HandoffDocument) error
	// saved is set when the format needs the handoff as the record holds
	// it, and reads its document itself.
	saved bool
}

var (
	handoffMarkdown = handoffFormat{name: "Markdown", ext: ".md",
		write: func(_ context.Context, w io.Writer, hw HandoffWriters, _ Store, _ model.Handoff, d model.HandoffDocument) error {
			return hw.Markdown(w, d)
		}}
	handoffHTML = handoffFormat{name: "HTML", ext: ".html",
		write: func(_ context.Context, w io.Writer, hw HandoffWriters, _ Store, _ model.Handoff, d model.HandoffDocument) error {
			return hw.HTML(w, d)
		}}
	handoffBundle = handoffFormat{name: "bundle", ext: ".zip", saved: true,
		write: func(ctx context.Context, w io.Writer, hw HandoffWriters, st Store, h model.Handoff, _ model.HandoffDocument) error {
			return hw.Bundle(ctx, w, st, h.ID)
		}}
)

// handoffPreview shows the handoff's document as the successor will read it,
// with the exports.
type handoffPreview struct {
	widget.BaseWidget
	e      *handoffEditor
	text   *widget.RichText
	scroll *container.Scroll
	note   *quietLabel
	md     *widget.Button
	html   *widget.Button
	bundle *widget.Button
	gen    int
}

func newHandoffPreview(e *handoffEditor) *handoffPreview {
	p := &handoffPreview{e: e, text: widget.NewRichTextFromMarkdown(""), note: quietText("")}
	p.text.Wrapping = fyne.TextWrapWord
	p.scroll = container.NewVScroll(container.NewPadded(p.text))
	p.md = widget.NewButtonWithIcon("Export Markdown…", theme.DocumentSaveIcon(), func() { p.export(handoffMarkdown) })
	p.html = widget.NewButtonWithIcon("Export HTML…", theme.DocumentSaveIcon(), func() { p.export(handoffHTML) })
	p.bundle = widget.NewButtonWithIcon("Export bundle…", theme.DownloadIcon(), func() { p.export(handoffBundle) })
	p.ExtendBaseWidget(p)
	p.refreshButtons()
	return p
}

func (p *handoffPreview) CreateRenderer() fyne.WidgetRenderer {
	top := container.NewVBox(container.NewHBox(p.md, p.html, p.bundle), p.note)
	return widget.NewSimpleRenderer(container.NewBorder(container.NewPadded(top), nil, nil, nil, p.scroll))
}

// refreshButtons offers the exports when there are writers for them.
func (p *handoffPreview) refreshButtons() {
	for _, b := range []*widget.Button{p.md, p.html, p.bundle} {
		if p.e.u.handoffWriters == nil {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// current is the handoff the preview and the exports show: as handed over,
// or as the editor holds it now (a date that is not one yet reads as the
// date last saved).
func (p *handoffPreview) current() model.Handoff {
	if p.e.h.Finished() {
		return p.e.h
	}
	h, problems := p.e.collect()
	if len(problems) > 0 {
		h.Date = p.e.saved.Date
	}
	return h
}

// handoffDocument is h's document: as it was handed over, or as it stands.
func handoffDocument(ctx context.Context, st Store, h model.Handoff) (model.HandoffDocument, error) {
	if h.Finished() {
		return st.HandoffDocument(ctx, h.ID)
	}
	return st.PreviewHandoff(ctx, h)
}

// load builds the document in the background and shows it.
func (p *handoffPreview) load() {
	hw := p.e.u.handoffWriters
	if hw == nil {
		p.note.SetText("This build of Rapport cannot write handoffs, so it cannot show one either.")
		p.text.ParseMarkdown("")
		return
	}
	p.gen++
	gen := p.gen
	h := p.current()
	p.note.SetText("Writing the preview…")
	p.e.u.background(func(ctx context.Context, st Store) func() {
		var buf bytes.Buffer
		d, err := handoffDocument(ctx, st, h)
		if err == nil {
			err = hw.Markdown(&buf, d)
		}
		return func() {
			if gen != p.gen {
				return
			}
			if err != nil {
				p.note.SetText("The preview could not be written: " + err.Error())
				return
			}
			p.note.SetText(previewNote(d))
			p.text.ParseMarkdown(previewMarkdown(buf.String()))
			p.scroll.ScrollToTop()
		}
	})
}

// previewMarkdown is the document's Markdown as the preview draws it: the
// theme's font draws "→" followed by a space as a broken glyph, so the
// preview uses the long arrow, which it draws well. The files keep "→".
func previewMarkdown(md string) string { return strings.ReplaceAll(md, "→", "⟶") }

// previewNote says how the document stands: as of when, and whose private
// notes are in it.
func previewNote(d model.HandoffDocument) string {
	note := "As the successor will read it, as of " + formatDate(d.Account.AsOf) + "."
	if !d.Handoff.Finished() {
		note += " Not saved changes are in it too."
	}
	if n := privateCount(d.Handoff); n > 0 {
		note += fmt.Sprintf(" The private notes of %s are in it.", model.Plural(n, "key member", "key members"))
	} else {
		note += " Private notes are left out."
	}
	return note
}

// privateCount is how many key members' private notes go in h.
func privateCount(h model.Handoff) int {
	n := 0
	for _, k := range h.KeyMembers {
		if k.IncludePrivate {
			n++
		}
	}
	return n
}

// handoffFileName is the name the file dialog offers.
func handoffFileName(h model.Handoff, ext string) string {
	name := "Handoff"
	if h.To != "" {
		name += " to " + h.To
	}
	if !h.Date.IsZero() {
		name += " " + h.Date.Format(dayFormat)
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, name) + ext
}

// export asks where the file goes, then writes it there in the background;
// Cancel in the progress calls it off and leaves no file half written. A
// bundle carries the record, so what the editor holds is saved first.
func (p *handoffPreview) export(f handoffFormat) {
	u := p.e.u
	hw := u.handoffWriters
	if hw == nil {
		return
	}
	if f.saved && (p.e.h.ID == 0 || p.e.changed()) && !p.e.save() {
		return
	}
	h := p.current()
	u.askWhere(saveFile{title: "Export the handoff as " + f.name, confirm: "Export", name: handoffFileName(h, f.ext), ext: f.ext, dirPref: prefHandoffDir}, func(path string) {
		u.exportHandoff(path, f, h)
	})
}

// exportHandoff writes h to path as f says, in the background.
func (u *UI) exportHandoff(path string, f handoffFormat, h model.Handoff) {
	hw := u.handoffWriters
	if hw == nil {
		return
	}
	st := u.st
	var d model.HandoffDocument
	u.writeInBackground("Export handoff", "Writing "+filepath.Base(path)+"…",
		func(ctx context.Context) (int, error) {
			var err error
			if !f.saved {
				d, err = handoffDocument(ctx, st, h)
			}
			if err == nil {
				err = writeWhole(ctx, path, func(w io.Writer) error { return f.write(ctx, w, hw, st, h, d) })
			}
			if err != nil {
				removeIfEmpty(path) // the file dialog made it; nothing went in
				if cancelled(err) {
					return 0, err
				}
				return 0, fmt.Errorf("handoff to %s: %w", path, err)
			}
			return len(d.Account.KeyMembers), nil
		},
		func(int) { u.handoffExported(path, f, d) })
}

// handoffExported says where the handoff went and what private matter it
// carries.
func (u *UI) handoffExported(path string, f handoffFormat, d model.HandoffDocument) {
	text := fmt.Sprintf("The handoff went to %s.", path)
	if f.ext == handoffBundle.ext {
		text += "\nIt holds the document, a full copy of the record (private notes included), the key members' contacts and the open promises: give it to your successor only."
	} else if n := privateCount(d.Handoff); n > 0 {
		text += fmt.Sprintf("\nThe private notes of %s are in it: share it with care.", model.Plural(n, "key member", "key members"))
	} else {
		text += "\nPrivate notes were left out."
	}
	l := wrapLabel(text)
	l.Wrapping = fyne.TextWrapBreak
	dlg := dialog.NewCustom("Handoff exported", "Close", l, u.win)
	dlg.Resize(fyne.NewSize(480, dlg.MinSize().Height))
	dlg.Show()
}
