package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"

	"rapport/model"
	"rapport/storage"
)

// newContactsHarness is a harness whose window can import and export contacts.
func newContactsHarness(t *testing.T, seed func(st *storage.Store)) *harness {
	t.Helper()
	h := newHarness(t, seed)
	h.u.SetContacts(testContacts{})
	h.settle()
	return h
}

// writeFile writes text to a file named name in a temporary folder.
func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// contactsVCF holds two members of community() (Amara by email, with a role
// of her own; Chen by name), two new people, and a card without a name on
// line 18.
const contactsVCF = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Amara Okafor\r\nEMAIL:amara@example.org\r\nORG:Okafor Labs\r\nTITLE:docs lead\r\nEND:VCARD\r\n" +
	"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Chen Wei\r\nEMAIL:chen@example.com\r\nEND:VCARD\r\n" +
	"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ngozi Eze\r\nEMAIL:ngozi@example.org\r\nEND:VCARD\r\n" +
	"BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:+49 30 1234567\r\nEND:VCARD\r\n" +
	"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Tomás Ruiz\r\nEND:VCARD\r\n"

// preview is the import preview open now; it fails the test when there is none.
func (h *harness) preview() *importPreview {
	h.t.Helper()
	p, ok := h.u.form.(*importPreview)
	if !ok {
		h.t.Fatalf("no import preview is open (form = %T); the screen shows %q", h.u.form, h.screenTexts())
	}
	return p
}

// itemIndex finds the contact named name in the preview.
func (p *importPreview) itemIndex(t *testing.T, name string) int {
	t.Helper()
	i := slices.IndexFunc(p.items, func(it model.ImportItem) bool { return it.Incoming.Name == name })
	if i < 0 {
		t.Fatalf("the preview holds no contact named %q", name)
	}
	return i
}

// importRowOf finds the visible row of the preview showing the contact name.
func (h *harness) importRowOf(name string) *importRow {
	h.t.Helper()
	var found *importRow
	for _, o := range h.u.win.Canvas().Overlays().List() {
		walkVisible(o, func(o fyne.CanvasObject) {
			if r, ok := o.(*importRow); ok && r.name.Text == name && found == nil {
				found = r
			}
		})
	}
	if found == nil {
		h.t.Fatalf("no row of the preview shows %q; the screen shows %q", name, h.screenTexts())
	}
	return found
}

// member reads the living member called name from the record.
func (h *harness) member(name string) model.Member {
	h.t.Helper()
	m, err := h.st.Member(context.Background(), h.memberID(name))
	if err != nil {
		h.t.Fatal(err)
	}
	return m
}

func TestImportVCardThroughThePreview(t *testing.T) {
	h := newContactsHarness(t, withMe("Sam", community()...))
	path := writeFile(t, "contacts.vcf", contactsVCF)

	h.importFiles(path)
	p := h.preview()
	if p.p.New != 2 || p.p.Matched != 2 || p.p.ByRule[model.MatchEmail] != 1 || p.p.ByRule[model.MatchName] != 1 {
		t.Errorf("preview: %d new, %d matched, by rule %v; want 2 new, 2 matched (1 by email, 1 by name)", p.p.New, p.p.Matched, p.p.ByRule)
	}
	if len(p.problems) != 1 || !strings.HasPrefix(p.problems[0].Text, "contacts.vcf:18: ") || !strings.Contains(p.problems[0].Text, "no name") {
		t.Errorf("problems %+v; want one naming contacts.vcf:19 and the missing name", p.problems)
	}
	for _, want := range []string{
		"contacts.vcf:1 · matches Amara Okafor by email",
		"contacts.vcf:8 · matches Chen Wei by name",
		`Role: keeps "maintainer", not "docs lead"`,
		"Import adds 2 members and merges 2 contacts into members already there. You can undo it as a whole.",
	} {
		if !h.shows(want) {
			t.Errorf("the preview does not show %q; it shows %q", want, h.screenTexts())
		}
	}
	if got := h.storedMembers(false); len(got) != 4 {
		t.Fatalf("the preview wrote to the record: it holds %q", got)
	}

	// Chen is the same name, but someone else: skip.
	h.importRowOf("Chen Wei").action.SetSelected(choiceSkip)
	if got := p.items[p.itemIndex(t, "Chen Wei")].Action; got != model.ImportSkip {
		t.Fatalf("choosing Skip for Chen Wei left the action %q", got)
	}
	if !h.shows("Import adds 2 members, merges 1 contact into members already there and skips 1. You can undo it as a whole.") {
		t.Errorf("the preview does not follow the choice; it shows %q", h.screenTexts())
	}
	h.tap("Import")
	if h.u.form != nil {
		t.Fatalf("the preview is still open after Import; the screen shows %q", h.screenTexts())
	}

	want := []string{"Amara Okafor", "Björn Öberg", "Chen Wei", "Dana Levi", "Ngozi Eze", "Tomás Ruiz"}
	if got := h.storedMembers(false); !slices.Equal(got, want) {
		t.Errorf("after the import the record holds %q, want %q", got, want)
	}
	if m := h.member("Amara Okafor"); m.Organisation != "Okafor Labs" || m.Role != "maintainer" {
		t.Errorf("Amara after the merge: organisation %q, role %q; want Okafor Labs filled in and her role kept", m.Organisation, m.Role)
	}
	if m := h.member("Chen Wei"); slices.Contains(m.Emails, "chen@example.com") {
		t.Errorf("Chen was skipped, yet got the card's email: %q", m.Emails)
	}
	h.waitFor("the new members in the list", func() bool {
		names := listNames(h.u.members.list)
		return slices.Contains(names, "Ngozi Eze") && slices.Contains(names, "Tomás Ruiz")
	})
	if !h.u.undoBar.Visible() || !h.shows("Imported contacts.vcf: 2 added, 1 merged, 1 skipped.") {
		t.Errorf("no message with the counts after the import; the screen shows %q", h.screenTexts())
	}
	if item := editItem(h, "Undo import of contacts.vcf"); item == nil || item.Disabled || editItem(h, "Undo import of contacts.vcf…") != nil {
		t.Errorf("Edit offers the undo of the import once, Undo import of contacts.vcf; it offers %q", editLabels(h))
	}

	h.tap("Undo")
	if got, want := h.storedMembers(false), []string{"Amara Okafor", "Björn Öberg", "Chen Wei", "Dana Levi"}; !slices.Equal(got, want) {
		t.Errorf("after undoing the import the record holds %q, want %q", got, want)
	}
	if m := h.member("Amara Okafor"); m.Organisation != "" {
		t.Errorf("after undoing the import Amara's organisation is %q, want it empty again", m.Organisation)
	}
	h.waitFor("the list without the imported members", func() bool {
		return !slices.Contains(listNames(h.u.members.list), "Ngozi Eze")
	})
	if item := editItem(h, "Undo import…"); item == nil || !item.Disabled {
		t.Errorf("after the undo Edit still offers to undo an import: %q", editLabels(h))
	}
}

func TestUndoImportFromTheEditMenu(t *testing.T) {
	h := newContactsHarness(t, withMe("Sam", community()...))
	h.importFiles(writeFile(t, "contacts.vcf", contactsVCF))
	h.tap("Import")
	// Something else is done since: the bar and Ctrl+Z are about it now,
	// while Edit › Undo import still reaches the import.
	h.showMembers()
	h.u.members.open(h.memberID("Dana Levi"))
	h.settle()
	h.tap("Delete")
	item := editItem(h, "Undo import of contacts.vcf…")
	if item == nil || item.Disabled {
		t.Fatalf("Edit offers no undo of the import: %q", editLabels(h))
	}
	item.Action()
	h.settle()
	if !h.shows("Undo the import?") {
		t.Fatalf("no confirmation before undoing the import; the screen shows %q", h.screenTexts())
	}
	h.tap("Undo the import")
	if got, want := h.storedMembers(false), []string{"Amara Okafor", "Björn Öberg", "Chen Wei"}; !slices.Equal(got, want) {
		t.Errorf("after undoing the import the record holds %q, want %q", got, want)
	}
	// The delete can still be undone.
	h.shortcut(&fyne.ShortcutUndo{})
	if got := h.storedMembers(false); !slices.Contains(got, "Dana Levi") {
		t.Errorf("Ctrl+Z after undoing the import did not bring Dana back: %q", got)
	}
}

func TestImportReopensTheLastImportAfterARestart(t *testing.T) {
	h := newContactsHarness(t, withMe("Sam", community()...))
	path := writeFile(t, "contacts.vcf", contactsVCF)
	h.importFiles(path)
	h.tap("Import")
	// Opened again, as after a restart, the record still offers it.
	h.u.setStore(h.st)
	h.settle()
	if len(h.u.undos) != 0 {
		t.Fatalf("the undo stack survived reopening the record: %d entries", len(h.u.undos))
	}
	if item := editItem(h, "Undo import of contacts.vcf…"); item == nil || item.Disabled {
		t.Errorf("the record opened again offers no undo of its last import: %q", editLabels(h))
	}
}

func TestCancelledImportWritesNothing(t *testing.T) {
	h := newContactsHarness(t, withMe("Sam", community()...))
	h.u.importFiles([]string{writeFile(t, "contacts.vcf", contactsVCF)})
	// Cancel while the file is read: no preview comes.
	h.u.importJob.finish()
	h.settle()
	if h.u.form != nil {
		t.Fatalf("a cancelled import still shows %T", h.u.form)
	}
	// Cancel the preview: nothing is written, and a new import can start.
	h.importFiles(writeFile(t, "contacts.vcf", contactsVCF))
	h.preview()
	h.tap("Cancel")
	if h.u.form != nil || h.u.importJob != nil {
		t.Fatalf("after Cancel the preview (%T) or the job (%v) is still there", h.u.form, h.u.importJob)
	}
	if got := h.storedMembers(false); len(got) != 4 {
		t.Errorf("a cancelled import wrote to the record: %q", got)
	}
	if bs, _ := h.st.ImportBatches(context.Background()); len(bs) != 0 {
		t.Errorf("a cancelled import left %d batches", len(bs))
	}
}

func TestDropFilesOnTheWindow(t *testing.T) {
	h := newContactsHarness(t, withMe("Sam", community()...))
	vcf := writeFile(t, "contacts.vcf", contactsVCF)
	notes := writeFile(t, "notes.txt", "not contacts")
	h.u.dropped(fyne.NewPos(10, 10), []fyne.URI{fynestorage.NewFileURI(vcf), fynestorage.NewFileURI(notes)})
	h.settle()
	p := h.preview()
	if len(p.items) != 4 {
		t.Errorf("the preview of the dropped file holds %d contacts, want 4", len(p.items))
	}
	if !slices.ContainsFunc(p.problems, func(pr ContactProblem) bool {
		return pr.Text == "notes.txt: not a vCard (.vcf) or CSV (.csv) file; left out"
	}) {
		t.Errorf("the preview does not say the text file was left out: %+v", p.problems)
	}
	h.tap("Cancel")

	// Dropping only files of other kinds says what can be imported.
	h.u.dropped(fyne.NewPos(10, 10), []fyne.URI{fynestorage.NewFileURI(notes)})
	h.settle()
	if !h.shows("Contacts are imported from vCard (.vcf) and CSV (.csv) files; notes.txt is not one") {
		t.Errorf("dropping a text file does not say what can be imported; the screen shows %q", h.screenTexts())
	}
}

// editItem is the Edit menu's item labelled label, nil when there is none.
func editItem(h *harness, label string) *fyne.MenuItem {
	for _, item := range h.u.win.MainMenu().Items[1].Items {
		if item.Label == label {
			return item
		}
	}
	return nil
}

func editLabels(h *harness) []string {
	var labels []string
	for _, item := range h.u.win.MainMenu().Items[1].Items {
		labels = append(labels, item.Label)
	}
	return labels
}

// importFiles starts importing paths, as the file dialog or a drop does, and
// lets the UI settle.
func (h *harness) importFiles(paths ...string) {
	h.t.Helper()
	h.u.importFiles(paths)
	h.settle()
}

// TestFileDialogsOpen opens the file dialogs of the menus, which must not
// panic (Fyne's file dialog cannot be sized before it shows).
func TestFileDialogsOpen(t *testing.T) {
	h := newContactsHarness(t, withMe("Sam", community()...))
	for name, open := range map[string]func(){
		"File › Import contacts…": h.u.showImportContacts,
		"File › Open record…":     h.u.showOpenRecord,
	} {
		open()
		h.settle()
		overlays := h.u.win.Canvas().Overlays()
		if overlays.Top() == nil {
			t.Errorf("%s shows no dialog", name)
		}
		for overlays.Top() != nil {
			overlays.Remove(overlays.Top())
		}
	}
	h.u.showExportContacts()
	h.tap("Export…")
	if h.u.win.Canvas().Overlays().Top() == nil {
		t.Error("Export… shows no file dialog")
	}
}
