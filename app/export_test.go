package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rapport/model"
)

// withPrivate is community() with a private note for Amara.
func withPrivate() []model.Member {
	ms := community()
	ms[0].PrivateNotes = "Asked not to be pinged on weekends"
	return ms
}

// exportAndRead exports as o to a new file and returns what it holds.
func (h *harness) exportAndRead(name string, o exportOptions) string {
	h.t.Helper()
	path := filepath.Join(h.t.TempDir(), name)
	h.u.exportTo(path, o)
	h.settle()
	data, err := os.ReadFile(path)
	if err != nil {
		h.t.Fatalf("the export wrote no file: %v; the screen shows %q", err, h.screenTexts())
	}
	return string(data)
}

func TestExportKeepsPrivateNotesUnlessAsked(t *testing.T) {
	for _, format := range []ExportFormat{ExportVCard4, ExportVCard3, ExportCSV} {
		t.Run(string(format), func(t *testing.T) {
			h := newContactsHarness(t, withMe("Sam", withPrivate()...))
			all := model.ExportFilter{All: true}
			text := h.exportAndRead("members"+format.Ext(), exportOptions{filter: all, format: format})
			for _, name := range []string{"Amara Okafor", "Björn Öberg", "Chen Wei", "Dana Levi"} {
				if !strings.Contains(text, name) {
					t.Errorf("the export leaves %s out:\n%s", name, text)
				}
			}
			if strings.Contains(text, "pinged on weekends") {
				t.Errorf("the export holds the private note, unasked:\n%s", text)
			}
			if !h.shows("Contacts exported") {
				t.Errorf("no word that the export is done; the screen shows %q", h.screenTexts())
			}
			text = h.exportAndRead("private"+format.Ext(), exportOptions{filter: all, format: format, privateNotes: true})
			if !strings.Contains(text, "pinged on weekends") {
				t.Errorf("the export leaves the private note out although asked:\n%s", text)
			}
		})
	}
}

func TestExportForm(t *testing.T) {
	h := newContactsHarness(t, withMe("Sam", withPrivate()...))
	h.showMembers()
	amara := h.member("Amara Okafor")

	// From the member's detail: that member alone, private notes left out.
	h.u.exportMember(amara)
	f, ok := h.u.form.(*exportForm)
	if !ok {
		t.Fatalf("no export form is open; the screen shows %q", h.screenTexts())
	}
	o := f.options()
	if o.filter.All || len(o.filter.IDs) != 1 || o.filter.IDs[0] != amara.ID || o.format != ExportVCard4 || o.privateNotes {
		t.Errorf("the export of Amara's detail says %+v; want her alone, vCard 4.0, no private notes", o)
	}
	if got := f.fileName(o); got != "Amara Okafor.vcf" {
		t.Errorf("the file offered is %q, want Amara Okafor.vcf", got)
	}
	f.which.SetSelected(exportTagged)
	f.tag.SetSelected("maintainer")
	f.format.SetSelected(formatCSV)
	f.private.SetChecked(true)
	o = f.options()
	if o.filter.Tag != "maintainer" || o.filter.All || len(o.filter.IDs) != 0 || o.format != ExportCSV || !o.privateNotes {
		t.Errorf("the form says %+v; want the tag maintainer, CSV, private notes", o)
	}
	if got := f.fileName(o); got != "Members tagged maintainer.csv" {
		t.Errorf("the file offered is %q", got)
	}
	h.tap("Cancel")

	text := h.exportAndRead("maintainers.csv", o)
	if !strings.Contains(text, "Chen Wei") || strings.Contains(text, "Dana Levi") {
		t.Errorf("the export of the maintainers holds:\n%s", text)
	}

	// File › Export contacts… on the members screen filtered by a tag offers it.
	h.u.members.tag.SetSelected("events")
	h.settle()
	h.u.showExportContacts()
	f = h.u.form.(*exportForm)
	if o := f.options(); o.filter.Tag != "events" || o.privateNotes {
		t.Errorf("File › Export contacts… with the list filtered by events says %+v", o)
	}
	h.tap("Cancel")
}

func TestCancelledExportLeavesNoFile(t *testing.T) {
	h := newContactsHarness(t, withMe("Sam", community()...))
	dir := t.TempDir()
	path := filepath.Join(dir, "members.vcf")
	if err := os.WriteFile(path, nil, 0o600); err != nil { // as the file dialog leaves it
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := exportFile(ctx, h.st, testContacts{}, path, exportOptions{filter: model.ExportFilter{All: true}, format: ExportVCard4}); !cancelled(err) {
		t.Errorf("a cancelled export returned %v, want it cancelled", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a cancelled export left %d files in the folder", len(entries))
	}
}
