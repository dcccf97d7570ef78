package handoff_test

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

	goical "github.com/emersion/go-ical"

	"rapport/model"
	"rapport/storage"
	"rapport/storage/handoff"
	"rapport/storage/vcard"
)

// TestBundleCarriesOn bundles a handoff of the sample community, opens its
// copy of the record as the successor would, takes it over and logs a
// conversation: the previous manager's history is intact.
func TestBundleCarriesOn(t *testing.T) {
	ctx := context.Background()
	s := sampleStore(t)
	h := sampleHandoff(t, s)
	nimali := memberID(t, s, "Nimali Perera") // private notes not ticked in
	h.KeyMembers = append(h.KeyMembers, model.KeyMember{MemberID: nimali})
	if err := s.SaveHandoff(ctx, &h); err != nil {
		t.Fatal(err)
	}
	samsBefore, err := s.CountConversations(ctx, model.ConversationFilter{HandledBy: "Sam Rivera"})
	if err != nil || samsBefore == 0 {
		t.Fatalf("the sample has %d conversations handled by Sam (%v); want some", samsBefore, err)
	}
	allBefore, err := s.CountConversations(ctx, model.ConversationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	open, err := s.OpenFollowUps(ctx)
	if err != nil {
		t.Fatal(err)
	}

	var zipped bytes.Buffer
	if err := handoff.WriteBundle(ctx, s, h.ID, &zipped); err != nil {
		t.Fatalf("WriteBundle: %v", err)
	}
	files := unzip(t, zipped.Bytes())
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	want := []string{handoff.BundleMarkdown, handoff.BundleHTML, handoff.BundleKeyMembers, handoff.BundlePromises, handoff.BundleRecord}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Fatalf("bundle holds %q, want %q", names, want)
	}
	md, html := render(t, preview(t, s, h))
	if files[handoff.BundleMarkdown] != md || files[handoff.BundleHTML] != html {
		t.Error("the bundle's documents differ from the handoff's")
	}
	if _, err := s.PendingTakeOver(ctx); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("the record itself was marked for take-over (%v): only its copy should be", err)
	}

	// The cards: the key members, private notes only where ticked in.
	cards, problems, err := vcard.Decode(strings.NewReader(files[handoff.BundleKeyMembers]), handoff.BundleKeyMembers)
	if err != nil || len(problems) != 0 {
		t.Fatalf("the cards do not read back: %v %v", err, problems)
	}
	private := map[string]bool{}
	for _, c := range cards {
		private[c.Member.Name] = c.Member.PrivateNotes != ""
	}
	wantPrivate := map[string]bool{"Amara Okafor": false, "Oksana Kovalenko": true, "Giulia Romano": false, "Nimali Perera": false}
	if len(private) != len(wantPrivate) {
		t.Errorf("cards of %v, want %v", private, wantPrivate)
	}
	for name, p := range wantPrivate {
		if got, ok := private[name]; !ok || got != p {
			t.Errorf("card of %s: present %t, private notes %t; want present, private notes %t", name, ok, got, p)
		}
	}

	// The calendar: the open promises of the whole community.
	cal, err := goical.NewDecoder(strings.NewReader(files[handoff.BundlePromises])).Decode()
	if err != nil {
		t.Fatalf("the calendar does not read back: %v", err)
	}
	if todos := cal.Children; len(todos) != len(open) {
		t.Errorf("calendar holds %d to-dos, want the %d open follow-ups", len(todos), len(open))
	}

	// The successor opens the copy and carries on.
	dir := t.TempDir()
	path := filepath.Join(dir, "rapport.db")
	if err := os.WriteFile(path, []byte(files[handoff.BundleRecord]), 0o600); err != nil {
		t.Fatal(err)
	}
	cp, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatalf("opening the bundled record: %v", err)
	}
	defer cp.Close()
	cp.Now = s.Now
	pending, err := cp.PendingTakeOver(ctx)
	if err != nil || pending.ID != h.ID || pending.To != "Alex Kim" {
		t.Fatalf("PendingTakeOver of the bundled record = %+v, %v; want handoff %d to Alex Kim", pending, err, h.ID)
	}
	if _, err := cp.TakeOver(ctx, "Robin"); err != nil {
		t.Fatal(err)
	}
	moved, err := cp.ReassignPromises(ctx, "Sam Rivera")
	if err != nil || moved != len(open) {
		t.Errorf("ReassignPromises = %d, %v; want the %d open follow-ups Sam made", moved, err, len(open))
	}
	c := model.Conversation{At: fixedNow, Channel: "email", Subject: "Hello from Robin", Participants: []int64{h.KeyMembers[0].MemberID}}
	if err := cp.CreateConversation(ctx, &c); err != nil || c.HandledBy != "Robin" {
		t.Fatalf("conversation after taking over handled by %q (%v), want Robin", c.HandledBy, err)
	}
	for _, cc := range []struct {
		f    model.ConversationFilter
		want int
	}{
		{model.ConversationFilter{HandledBy: "Sam Rivera"}, samsBefore},
		{model.ConversationFilter{HandledBy: "Robin"}, 1},
		{model.ConversationFilter{}, allBefore + 1},
	} {
		if got, err := cp.CountConversations(ctx, cc.f); err != nil || got != cc.want {
			t.Errorf("conversations handled by %q = %d (%v), want %d", cc.f.HandledBy, got, err, cc.want)
		}
	}
	if _, err := cp.PendingTakeOver(ctx); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("PendingTakeOver once taken over: %v, want ErrNotFound", err)
	}
}

// A finished handoff is bundled as it was handed over, without cards or a
// calendar when there is nobody and nothing to put in them.
func TestBundleOfAnEmptyRecord(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	h := model.Handoff{From: "Sam Rivera", Date: fixedNow}
	if err := s.SaveHandoff(ctx, &h); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishHandoff(ctx, h.ID); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var zipped bytes.Buffer
	if err := handoff.WriteBundle(ctx, s, h.ID, &zipped); err != nil {
		t.Fatalf("WriteBundle: %v", err)
	}
	if left, err := os.ReadDir(tmp); err != nil || len(left) != 0 {
		t.Errorf("the bundle left %v in the temporary folder (%v)", left, err)
	}
	var names []string
	for name := range unzip(t, zipped.Bytes()) {
		names = append(names, name)
	}
	slices.Sort(names)
	if want := []string{handoff.BundleHTML, handoff.BundleMarkdown, handoff.BundleRecord}; !slices.Equal(names, want) {
		t.Errorf("bundle of an empty record holds %q, want %q", names, want)
	}
	if err := handoff.WriteBundle(ctx, s, 999, io.Discard); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("bundle of a handoff not in the record: %v, want ErrNotFound", err)
	}
}

// unzip reads every file of a zip archive.
func unzip(tb testing.TB, b []byte) map[string]string {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		tb.Fatalf("not a zip archive: %v", err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		if mode := f.Mode().Perm(); mode != 0o600 {
			tb.Errorf("%s unzips with mode %v, want 0600", f.Name, mode)
		}
		r, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		content, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			tb.Fatalf("%s: %v", f.Name, err)
		}
		files[f.Name] = string(content)
	}
	return files
}
