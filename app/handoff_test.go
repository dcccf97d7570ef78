package app

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
	"rapport/storage"
	"rapport/storage/handoff"
)

// testHandoffWriters writes handoffs as cmd/rapport does.
type testHandoffWriters struct{}

func (testHandoffWriters) Markdown(w io.Writer, d model.HandoffDocument) error {
	return handoff.Markdown(w, d)
}

func (testHandoffWriters) HTML(w io.Writer, d model.HandoffDocument) error {
	return handoff.HTML(w, d)
}

func (testHandoffWriters) Bundle(ctx context.Context, w io.Writer, st Store, id int64) error {
	return handoff.WriteBundle(ctx, st.(*storage.Store), id, w)
}

// handoffCommunity is a community in which Amara is tagged key and keeps
// private notes.
func handoffCommunity() []model.Member {
	ms := community()
	ms[0].Tags = append(ms[0].Tags, "key")
	ms[0].PrivateNotes = "Stepping back after the burnout in spring"
	return ms
}

// newHandoffHarness opens the Handoff screen on a record seeded by seed.
func newHandoffHarness(t *testing.T, seed func(*storage.Store)) *harness {
	t.Helper()
	h := newHarness(t, seed)
	h.u.SetHandoffWriters(testHandoffWriters{})
	h.u.goTo(screenHandoff)
	h.settle()
	return h
}

// editor is the handoff editor open now; it fails the test when none is.
func (h *harness) editor() *handoffEditor {
	h.t.Helper()
	if h.u.handoffs == nil || h.u.handoffs.editor == nil {
		h.t.Fatalf("no handoff editor is open; the screen shows %q", h.screenTexts())
	}
	return h.u.handoffs.editor
}

// storedHandoffs lists the handoffs the record holds.
func (h *harness) storedHandoffs() []model.Handoff {
	h.t.Helper()
	hs, err := h.st.Handoffs(context.Background())
	if err != nil {
		h.t.Fatalf("handoffs: %v", err)
	}
	return hs
}

// previewText is what the preview shows once it was written.
func (h *harness) previewText() string {
	h.t.Helper()
	e := h.editor()
	e.tabs.Select(e.writeTab)
	e.tabs.Select(e.previewTab)
	h.settle()
	return segmentsText(e.preview.text.Segments)
}

// segmentsText is the text of rich text's segments, lists and paragraphs
// included, a segment a line.
func segmentsText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.ListSegment:
			b.WriteString(segmentsText(s.Items))
		case *widget.ParagraphSegment:
			b.WriteString(segmentsText(s.Texts))
		case *widget.TextSegment:
			b.WriteString(s.Text + "\n")
		case *widget.HyperlinkSegment:
			b.WriteString(s.Text + "\n")
		}
	}
	return b.String()
}

// suggestionButton is the Add button of name's suggestion.
func (h *harness) suggestionButton(name string) *widget.Button {
	h.t.Helper()
	for _, row := range h.editor().suggestBox.Objects {
		var found bool
		var add *widget.Button
		walkVisible(row, func(o fyne.CanvasObject) {
			switch o := o.(type) {
			case *widget.Label:
				found = found || o.Text == name
			case *widget.Button:
				add = o
			}
		})
		if found && add != nil {
			return add
		}
	}
	h.t.Fatalf("%s is not suggested; the screen shows %q", name, h.screenTexts())
	return nil
}

func TestHandoffSaveKeepsAVersion(t *testing.T) {
	h := newHandoffHarness(t, withMe("Sam", community()...))
	if !h.shows("Hand the relationships on.") {
		t.Fatalf("an empty Handoff screen should say what it is for; it shows %q", h.screenTexts())
	}
	h.tap("New handoff…")
	e := h.editor()
	if got := e.from.Text; got != "Sam" {
		t.Errorf("from = %q, want the manager, Sam", got)
	}
	h.typeIn(e.to, "Robin")
	h.typeIn(e.sections["standing"], "The docs sprint ends on Friday.")
	h.shortcut(ctrl(fyne.KeyS))

	hs := h.storedHandoffs()
	if len(hs) != 1 {
		t.Fatalf("the record holds %d handoffs after saving, want 1", len(hs))
	}
	got := hs[0]
	checks := []struct{ field, got, want string }{
		{"from", got.From, "Sam"},
		{"to", got.To, "Robin"},
		{"where things stand", got.Narrative["standing"], "The docs sprint ends on Friday."},
		{"date", got.Date.Format(dayFormat), testNow.Format(dayFormat)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("stored %s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if got.Version != 1 {
		t.Errorf("stored version = %d, want 1", got.Version)
	}
	if !h.shows("Saved version 1.") {
		t.Errorf("saving does not say which version it kept; the screen shows %q", h.screenTexts())
	}

	h.typeIn(e.sections["risks"], "Dana's moderation dispute.")
	h.tap("Save draft")
	if hs := h.storedHandoffs(); len(hs) != 1 || hs[0].Version != 2 || hs[0].Narrative["risks"] != "Dana's moderation dispute." {
		t.Errorf("after a second save the record holds %+v, want version 2 with the risks", hs)
	}

	h.tap("Handoffs")
	if h.u.handoffs.editor != nil {
		t.Fatal("going back leaves the editor open")
	}
	if !h.shows("Sam to Robin") {
		t.Errorf("the list does not show the draft; it shows %q", h.screenTexts())
	}
}

func TestHandoffLeavingKeepsTheDraft(t *testing.T) {
	h := newHandoffHarness(t, withMe("Sam", community()...))
	h.tap("New handoff…")
	h.typeIn(h.editor().sections["purpose"], "A guild for docs writers.")
	h.u.goTo(screenMembers)
	h.settle()

	hs := h.storedHandoffs()
	if len(hs) != 1 || hs[0].Narrative["purpose"] != "A guild for docs writers." {
		t.Fatalf("after leaving the screen the record holds %+v, want a draft with the purpose typed", hs)
	}
	h.u.goTo(screenHandoff)
	h.settle()
	if got := h.editor().sections["purpose"].Text; got != "A guild for docs writers." {
		t.Errorf("back on the screen the editor holds %q, want what was typed", got)
	}
}

func TestHandoffShowsProblemsByField(t *testing.T) {
	h := newHandoffHarness(t, withMe("Sam"))
	h.tap("New handoff…")
	e := h.editor()
	e.date.SetText("")
	h.typeIn(e.date, "someday")
	e.from.SetText("")
	h.tap("Save draft")

	tests := []struct{ field, want string }{
		{model.FieldHandoffDate, `"someday" is not a day like 2026-12-01, tomorrow or in 2 weeks.`},
	}
	for _, tt := range tests {
		if got := e.fields[tt.field].msg.Text; got != tt.want {
			t.Errorf("%s says %q, want %q", tt.field, got, tt.want)
		}
	}
	if hs := h.storedHandoffs(); len(hs) != 0 {
		t.Errorf("the record holds %d handoffs, want none: the date is not one", len(hs))
	}

	e.date.SetText("2026-03-20")
	h.tap("Save draft")
	if got, want := e.fields[model.FieldHandoffFrom].msg.Text, "From is required: who hands over."; got != want {
		t.Errorf("from says %q, want %q", got, want)
	}
	if got := e.sections["purpose"].Text; got != "" {
		t.Errorf("purpose = %q: nothing was typed there", got)
	}
}

func TestHandoffPrivateNotesOnlyWhenTicked(t *testing.T) {
	h := newHandoffHarness(t, withMe("Sam", handoffCommunity()...))
	h.tap("New handoff…")
	h.waitFor("Amara to be suggested", func() bool {
		return slices.ContainsFunc(h.editor().suggestions, func(s model.KeySuggestion) bool { return s.Name == "Amara Okafor" })
	})
	test.Tap(h.suggestionButton("Amara Okafor"))
	h.settle()
	e := h.editor()
	if len(e.keys) != 1 {
		t.Fatalf("after adding the suggestion the editor lists %d key members, want 1", len(e.keys))
	}

	const notes = "Stepping back after the burnout in spring"
	tests := []struct {
		name    string
		include bool
	}{
		{"ticked", true},
		{"unticked", false},
		{"ticked again", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.t = t
			if e.keys[0].private.Checked != tt.include {
				test.Tap(e.keys[0].private)
			}
			text := h.previewText()
			if !strings.Contains(text, "Amara Okafor") {
				t.Fatalf("the preview does not name the key member; it reads:\n%s", text)
			}
			if got := strings.Contains(text, notes); got != tt.include {
				t.Errorf("private notes in the preview = %v, want %v; it reads:\n%s", got, tt.include, text)
			}
		})
	}
}

func TestHandoffHandOverMakesItReadOnly(t *testing.T) {
	h := newHandoffHarness(t, withMe("Sam", community()...))
	h.tap("New handoff…")
	e := h.editor()
	h.tap("Hand over…")
	if got := e.fields[model.FieldHandoffTo].msg.Text; !strings.HasPrefix(got, "To is required to hand over") {
		t.Errorf("handing over to nobody says %q, want that To is required", got)
	}
	h.typeIn(e.to, "Robin")
	h.typeIn(e.sections["rituals"], "Release call every other Tuesday.")
	h.tap("Hand over…")
	if !h.shows("Hand over to Robin?") {
		t.Fatalf("handing over does not ask, naming the successor; the screen shows %q", h.screenTexts())
	}
	h.tap("Hand over")

	hs := h.storedHandoffs()
	if len(hs) != 1 || !hs[0].Finished() || hs[0].Narrative["rituals"] != "Release call every other Tuesday." {
		t.Fatalf("after handing over the record holds %+v, want one finished handoff with the rituals", hs)
	}
	for _, sec := range model.NarrativeSections {
		if !e.sections[sec.Key].Disabled() {
			t.Errorf("section %s can still be edited after handing over", sec.Key)
		}
	}
	if e.saveBtn.Visible() {
		t.Error("Save draft is still offered after handing over")
	}
	if text := h.previewText(); !strings.Contains(text, "Release call every other Tuesday.") {
		t.Errorf("the handed-over preview does not show the narrative; it reads:\n%s", text)
	}
}

func TestHandoffTakeOver(t *testing.T) {
	var handoffID int64
	h := newHandoffHarness(t, func(st *storage.Store) {
		withMe("Sam", community()...)(st)
		ctx := context.Background()
		ms, err := st.Members(ctx, model.MemberFilter{})
		if err != nil || len(ms) == 0 {
			t.Fatalf("members: %v", err)
		}
		f := model.FollowUp{What: "Send the style guide", Due: testNow.AddDate(0, 0, 3), Members: []int64{ms[0].ID}, Promise: true}
		if err := st.CreateFollowUp(ctx, &f); err != nil {
			t.Fatalf("follow-up: %v", err)
		}
		ho := model.Handoff{From: "Sam", To: "Robin", Date: testNow}
		if err := st.SaveHandoff(ctx, &ho); err != nil {
			t.Fatalf("save handoff: %v", err)
		}
		if err := st.FinishHandoff(ctx, ho.ID); err != nil {
			t.Fatalf("finish handoff: %v", err)
		}
		if err := st.MarkForTakeOver(ctx, ho.ID); err != nil {
			t.Fatalf("mark for take-over: %v", err)
		}
		handoffID = ho.ID
	})
	f, ok := h.u.form.(*takeOverForm)
	if !ok {
		t.Fatalf("opening a record bundled with handoff %d does not ask who takes over; the screen shows %q", handoffID, h.screenTexts())
	}
	if got := f.name.Text; got != "Robin" {
		t.Errorf("the name is prefilled with %q, want the handoff's successor, Robin", got)
	}
	h.tap("Take over")

	ctx := context.Background()
	me, err := h.st.Me(ctx)
	if err != nil || me.Name != "Robin" {
		t.Fatalf("the manager is %q (err %v), want Robin", me.Name, err)
	}
	if _, err := h.st.PendingTakeOver(ctx); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("after taking over the record still has a pending take-over (err %v)", err)
	}
	h.tap("Reassign 1 open promise from Sam to you")
	fs, err := h.st.FollowUps(ctx, model.FollowUpFilter{Status: model.FollowUpOpen})
	if err != nil || len(fs) != 1 {
		t.Fatalf("open follow-ups: %d (err %v), want 1", len(fs), err)
	}
	if got := fs[0].OwnedBy(); got != "Robin" {
		t.Errorf("the promise is up to %q, want Robin", got)
	}
	if got := fs[0].CreatedBy; got != "Sam" {
		t.Errorf("the promise says it was made by %q, want Sam still", got)
	}
	if !h.shows("1 open promise moved from Sam to you. They are recorded as reassigned; the conversations still say who had them.") {
		t.Errorf("the result is not said; the screen shows %q", h.screenTexts())
	}
}

func TestHandoffOpenAnOlderVersion(t *testing.T) {
	h := newHandoffHarness(t, withMe("Sam"))
	h.tap("New handoff…")
	e := h.editor()
	h.typeIn(e.sections["standing"], "First thoughts.")
	h.tap("Save draft")
	e.sections["standing"].SetText("Second thoughts, not saved yet.")

	h.tap("Versions…")
	if !h.shows("Version 1 (latest)") {
		t.Fatalf("the versions do not list version 1; the screen shows %q", h.screenTexts())
	}
	h.tap("Open")

	hs := h.storedHandoffs()
	if len(hs) != 1 || hs[0].Version != 2 || hs[0].Narrative["standing"] != "Second thoughts, not saved yet." {
		t.Fatalf("opening a version did not keep what the editor held first: the record holds %+v", hs)
	}
	if got, want := e.sections["standing"].Text, "First thoughts."; got != want {
		t.Errorf("after opening version 1 the editor holds %q, want %q", got, want)
	}
	h.tap("Save draft")
	vs, err := h.st.HandoffVersions(context.Background(), hs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vs {
		got = append(got, v.Narrative["standing"])
	}
	want := []string{"First thoughts.", "Second thoughts, not saved yet.", "First thoughts."}
	if !slices.Equal(got, want) {
		t.Errorf("versions, newest first, say %q, want %q", got, want)
	}
}

func TestHandoffDeleteDraft(t *testing.T) {
	h := newHandoffHarness(t, withMe("Sam"))
	h.tap("New handoff…")
	h.typeIn(h.editor().to, "Robin")
	h.tap("Save draft")
	h.tap("Delete draft")
	if !h.shows("Delete this draft?") {
		t.Fatalf("deleting does not ask first; the screen shows %q", h.screenTexts())
	}
	h.tap("Delete draft") // the dialog's
	if hs := h.storedHandoffs(); len(hs) != 0 {
		t.Errorf("after deleting the record holds %d handoffs, want none", len(hs))
	}
	if h.u.handoffs.editor != nil || !h.shows("Hand the relationships on.") {
		t.Errorf("after deleting the screen shows %q, want the empty list", h.screenTexts())
	}
}

func TestHandoffExports(t *testing.T) {
	h := newHandoffHarness(t, withMe("Sam", handoffCommunity()...))
	h.tap("New handoff…")
	e := h.editor()
	h.typeIn(e.to, "Robin")
	h.typeIn(e.sections["purpose"], "A guild for docs writers.")
	amara := h.memberID("Amara Okafor")
	e.addKeyMember(amara)
	h.settle()
	const notes = "Stepping back after the burnout in spring"
	dir := t.TempDir()

	tests := []struct {
		name    string
		format  handoffFormat
		private bool
		want    []string // in the file, or in the zip's names
		notWant string
	}{
		{"markdown", handoffMarkdown, false, []string{"A guild for docs writers.", "Amara Okafor"}, notes},
		{"markdown with private notes", handoffMarkdown, true, []string{notes}, ""},
		{"html", handoffHTML, false, []string{"A guild for docs writers.", "Amara Okafor"}, notes},
		{"bundle", handoffBundle, false, []string{handoff.BundleMarkdown, handoff.BundleHTML, handoff.BundleRecord}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.t = t
			e.keys[0].private.SetChecked(tt.private)
			if tt.format.saved && !e.save() {
				t.Fatalf("the draft could not be saved; the screen shows %q", h.screenTexts())
			}
			path := filepath.Join(dir, handoffFileName(e.h, tt.format.ext))
			h.u.exportHandoff(path, tt.format, h.editor().preview.current())
			h.settle()
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("nothing was written: %v; the screen shows %q", err, h.screenTexts())
			}
			got := string(data)
			if tt.format.ext == ".zip" {
				zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
				if err != nil {
					t.Fatalf("the bundle is not a zip: %v", err)
				}
				var names []string
				for _, f := range zr.File {
					names = append(names, f.Name)
				}
				got = strings.Join(names, "\n")
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s does not hold %q; it holds:\n%s", filepath.Base(path), w, got)
				}
			}
			if tt.notWant != "" && strings.Contains(got, tt.notWant) {
				t.Errorf("%s holds %q, which it should leave out", filepath.Base(path), tt.notWant)
			}
			if !h.shows("Handoff exported") {
				t.Errorf("the export does not say where it went; the screen shows %q", h.screenTexts())
			}
		})
	}
}

// A bundled record that never named its manager asks the successor's name on
// the welcome itself: continuing takes the record over, not renames it.
func TestHandoffTakeOverOnTheWelcome(t *testing.T) {
	h := newHarness(t, func(st *storage.Store) {
		ctx := context.Background()
		m := model.Member{Name: "Amara Okafor"}
		if err := st.CreateMember(ctx, &m); err != nil {
			t.Fatalf("member: %v", err)
		}
		f := model.FollowUp{What: "Send the style guide", Due: testNow.AddDate(0, 0, 3), Members: []int64{m.ID}, Promise: true, CreatedBy: "Sam"}
		if err := st.CreateFollowUp(ctx, &f); err != nil {
			t.Fatalf("follow-up: %v", err)
		}
		ho := model.Handoff{From: "Sam", To: "Robin", Date: testNow}
		if err := st.SaveHandoff(ctx, &ho); err != nil {
			t.Fatalf("save handoff: %v", err)
		}
		if err := st.MarkForTakeOver(ctx, ho.ID); err != nil {
			t.Fatalf("mark for take-over: %v", err)
		}
	})
	if h.u.welcome == nil {
		t.Fatalf("a record naming no manager shows no welcome; the screen shows %q", h.screenTexts())
	}
	if !h.shows("Sam handed this record over to you. Who is taking over as community manager?") {
		t.Errorf("the welcome does not say whom the record came from; it shows %q", h.screenTexts())
	}
	if got := h.u.welcome.name.Text; got != "Robin" {
		t.Errorf("the name is prefilled with %q, want the successor, Robin", got)
	}
	h.tap("Continue")
	ctx := context.Background()
	if me, err := h.st.Me(ctx); err != nil || me.Name != "Robin" {
		t.Fatalf("the manager is %q (err %v), want Robin", me.Name, err)
	}
	if _, err := h.st.PendingTakeOver(ctx); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("after the welcome the record still has a pending take-over (err %v)", err)
	}
	h.tap("Reassign 1 open promise from Sam to you")
	fs, err := h.st.FollowUps(ctx, model.FollowUpFilter{Status: model.FollowUpOpen})
	if err != nil || len(fs) != 1 || fs[0].OwnedBy() != "Robin" {
		t.Fatalf("open follow-ups after reassigning: %+v (err %v), want one up to Robin", fs, err)
	}
}
