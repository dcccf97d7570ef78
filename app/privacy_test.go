package app

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
	"rapport/storage"
)

// privacyMembers are Amara, with private notes, and Chen.
func privacyMembers() []model.Member {
	return []model.Member{
		{Name: "Amara Okafor", Emails: []string{"amara@example.org"}, PrivateNotes: "Burnt out in 2023; go gently."},
		{Name: "Chen Wei"},
	}
}

// moreAction finds an action of the member detail's … menu.
func (h *harness) moreAction(label string) *fyne.MenuItem {
	h.t.Helper()
	var labels []string
	for _, item := range h.u.members.moreActions() {
		if item.Label == label {
			return item
		}
		labels = append(labels, item.Label)
	}
	h.t.Fatalf("the member's … menu has no %q; it has %q", label, labels)
	return nil
}

// entryWithPlaceHolder finds the visible entry in a dialog showing placeholder.
func (h *harness) entryWithPlaceHolder(placeholder string) *widget.Entry {
	h.t.Helper()
	var found *widget.Entry
	for _, o := range h.u.win.Canvas().Overlays().List() {
		walkVisible(o, func(o fyne.CanvasObject) {
			if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == placeholder {
				found = e
			}
		})
	}
	if found == nil {
		h.t.Fatalf("no entry for %q in a dialog; the screen shows %q", placeholder, h.screenTexts())
	}
	return found
}

// showsPart reports whether a text on screen contains part.
func (h *harness) showsPart(part string) bool {
	for _, s := range h.screenTexts() {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}

func TestExportEverythingAboutAMember(t *testing.T) {
	h := newHarness(t, withMe("Sam", privacyMembers()...))
	h.showMembers()
	amara := h.member("Amara Okafor")
	h.u.members.open(amara.ID)
	h.settle()
	h.moreAction("Export everything about this member…")

	path := filepath.Join(t.TempDir(), "Amara-Okafor.json")
	h.u.exportEverythingTo(path, amara)
	h.waitFor("the export", func() bool { return h.showsPart("Everything the record holds about Amara Okafor went to") })
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var e model.MemberExport
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("the export is not JSON: %v\n%s", err, b)
	}
	if e.Member.Name != "Amara Okafor" || e.Member.PrivateNotes != "Burnt out in 2023; go gently." {
		t.Errorf("the export holds %+v, want Amara with her private notes", e.Member)
	}
	if strings.Contains(string(b), "Chen Wei") {
		t.Error("the export names another member")
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("the export's mode is %v, want 0600: it holds private notes", got)
	}
	if got := exportFileName(`Amara / "Okafor"`); got != "Amara-Okafor" {
		t.Errorf("exportFileName = %q, want Amara-Okafor", got)
	}
}

func TestEraseMemberFromTheDetail(t *testing.T) {
	var shared int64
	h := newHarness(t, func(st *storage.Store) {
		withMe("Sam", privacyMembers()...)(st)
		ctx := context.Background()
		ms, err := st.Members(ctx, model.MemberFilter{})
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]int64{}
		for _, m := range ms {
			ids[m.Name] = m.ID
		}
		for _, c := range []model.Conversation{
			{At: testNow, Channel: "forum", Subject: "Burn-out", Participants: []int64{ids["Amara Okafor"]}},
			{At: testNow, Channel: "forum", Subject: "Docs sprint", Notes: "Amara Okafor led it with Chen.",
				Participants: []int64{ids["Amara Okafor"], ids["Chen Wei"]}},
		} {
			if err := st.CreateConversation(ctx, &c); err != nil {
				t.Fatal(err)
			}
			shared = c.ID
		}
	})
	// A backup older than the erase, and one newer (a clock gone wrong).
	backups := h.fakeBackups("2025-01-02T030405Z", "2099-01-02T030405Z")
	old, newer := backups[0], backups[1]
	h.showMembers()
	amara := h.member("Amara Okafor")
	h.u.members.open(amara.ID)
	h.settle()

	h.moreAction("Erase this member…").Action()
	h.settle()
	for _, want := range []string{"cannot be undone", "1 conversation only with them", "their place in 1 shared conversation",
		"their name, from the text of 1 shared"} {
		if !h.showsPart(want) {
			t.Errorf("the erase does not say %q before erasing; it shows %q", want, h.screenTexts())
		}
	}
	erase := h.button("Erase for good")
	name := h.entryWithPlaceHolder("Amara Okafor")
	for _, typed := range []string{"", "Amara", "Chen Wei"} {
		name.SetText(typed)
		if !erase.Disabled() {
			t.Errorf("Erase for good can be pressed with %q typed", typed)
		}
	}
	h.tap("Erase for good") // disabled: nothing happens
	if _, err := h.st.Member(context.Background(), amara.ID); err != nil {
		t.Fatalf("Amara is gone before her name was typed: %v", err)
	}
	name.SetText("")
	h.typeIn(name, "amara  okafor")
	if erase.Disabled() {
		t.Fatal("Erase for good stays disabled once the name is typed")
	}
	h.tap("Erase for good")
	h.waitFor("the erase", func() bool { return h.showsPart("Amara Okafor was erased, but 1 backup taken before") })

	if _, err := h.st.Member(context.Background(), amara.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Amara after the erase: %v, want ErrNotFound", err)
	}
	c, err := h.st.Conversation(context.Background(), shared)
	if err != nil || c.Notes != "[erased] led it with Chen." {
		t.Errorf("the shared conversation after the erase: %q, %v", c.Notes, err)
	}
	if got := h.storedMembers(false); len(got) != 1 || got[0] != "Chen Wei" {
		t.Errorf("members after the erase: %q, want Chen Wei", got)
	}
	if h.shows("Amara Okafor") {
		t.Errorf("the window still shows Amara Okafor: %q", h.screenTexts())
	}
	if !h.showsPart(filepath.Base(old)) || h.showsPart(filepath.Base(newer)) {
		t.Errorf("the backups listed are not the older one alone: %q", h.screenTexts())
	}
	test.Tap(h.button("Delete all"))
	h.settle()
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the older backup after Delete all: %v, want it gone", err)
	}
	if _, err := os.Stat(newer); err != nil {
		t.Errorf("the newer backup after Delete all: %v, want it kept", err)
	}
	if !h.showsPart("Amara Okafor was erased, and the backups taken before are deleted.") {
		t.Errorf("the dialog does not count the deletion: %q", h.screenTexts())
	}
}

// TestExportsAreOwnerOnly: every file the app exports holds what the record
// holds, so it is created readable by its owner alone, whatever the umask.
func TestExportsAreOwnerOnly(t *testing.T) {
	h := newContactsHarness(t, withMe("Sam", withPrivate()...))
	dir := t.TempDir()
	for _, format := range []ExportFormat{ExportVCard4, ExportCSV} {
		path := filepath.Join(dir, "members"+format.Ext())
		h.u.exportTo(path, exportOptions{filter: model.ExportFilter{All: true}, format: format})
		h.settle()
		if info, err := os.Stat(path); err != nil {
			t.Errorf("the export wrote no %s: %v", path, err)
		} else if got := info.Mode().Perm(); got != 0o600 {
			t.Errorf("%s: mode %v, want 0600", path, got)
		}
	}
}
