package app

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"

	"rapport/model"
)

func TestMergeByHandThenUndo(t *testing.T) {
	twice := append(community(), model.Member{Name: "A. Okafor", Emails: []string{"amara@work.example"}, Organisation: "Okafor Labs", Role: "docs lead"})
	h := newContactsHarness(t, withMe("Sam", twice...))
	h.showMembers()
	amara, other := h.member("Amara Okafor"), h.member("A. Okafor")
	conv := model.Conversation{At: testNow, Channel: "Forum", Subject: "Docs sprint", Participants: []int64{other.ID}}
	if err := h.st.CreateConversation(context.Background(), &conv); err != nil {
		t.Fatal(err)
	}
	h.u.members.open(amara.ID)
	h.settle()
	var merge *fyne.MenuItem
	for _, item := range h.u.members.moreActions() {
		if item.Label == "Merge with…" {
			merge = item
		}
	}
	if merge == nil {
		t.Fatal("the member's detail offers no Merge with…")
	}
	merge.Action()
	h.settle()
	f, ok := h.u.form.(*mergeForm)
	if !ok {
		t.Fatalf("no merge form is open; the screen shows %q", h.screenTexts())
	}
	if h.button("Merge").Disabled() != true {
		t.Error("Merge can be pressed before the other member is picked")
	}
	// The picker offers the others, never Amara herself, and no new member.
	h.typeIn(f.picker.entry, "okafor")
	h.waitFor("the matches", func() bool { return f.picker.searched == "okafor" })
	if len(f.picker.found) != 1 || f.picker.found[0].ID != other.ID || f.picker.offerNew != "" {
		t.Fatalf("the picker offers %v (new: %q); want A. Okafor alone", f.picker.found, f.picker.offerNew)
	}
	h.key(fyne.KeyReturn)
	for _, want := range []string{"Keep Amara Okafor", `Role: keeps "maintainer", not "docs lead"`, "Merge into Amara Okafor"} {
		if !h.shows(want) {
			t.Errorf("the merge does not show %q before merging; it shows %q", want, h.screenTexts())
		}
	}
	h.tap("Merge into Amara Okafor")

	kept := h.member("Amara Okafor")
	if !slices.Equal(kept.Emails, []string{"amara@example.org", "amara@work.example"}) || kept.Organisation != "Okafor Labs" || kept.Role != "maintainer" {
		t.Errorf("after the merge Amara has emails %q, organisation %q, role %q", kept.Emails, kept.Organisation, kept.Role)
	}
	if got := h.storedMembers(true); !slices.Equal(got, []string{"A. Okafor"}) {
		t.Errorf("after the merge the trash holds %q, want A. Okafor", got)
	}
	if c, err := h.st.Conversation(context.Background(), conv.ID); err != nil || !slices.Equal(c.Participants, []int64{amara.ID}) {
		t.Errorf("after the merge the conversation is with %v (%v), want Amara", c.Participants, err)
	}
	if !h.shows("A. Okafor was merged into Amara Okafor and moved to the trash.") {
		t.Errorf("no undo offered after the merge; the screen shows %q", h.screenTexts())
	}

	h.shortcut(&fyne.ShortcutUndo{})
	if got := h.storedMembers(true); len(got) != 0 {
		t.Errorf("after undoing the merge the trash holds %q", got)
	}
	if m := h.member("Amara Okafor"); !slices.Equal(m.Emails, []string{"amara@example.org"}) || m.Organisation != "" {
		t.Errorf("after undoing the merge Amara has emails %q and organisation %q, as before the merge? want one email, none", m.Emails, m.Organisation)
	}
	if c, _ := h.st.Conversation(context.Background(), conv.ID); !slices.Equal(c.Participants, []int64{other.ID}) {
		t.Errorf("after undoing the merge the conversation is with %v, want A. Okafor again", c.Participants)
	}
}

func TestMergeKeepsEitherMember(t *testing.T) {
	twice := append(community(), model.Member{Name: "A. Okafor", Emails: []string{"amara@work.example"}})
	h := newContactsHarness(t, withMe("Sam", twice...))
	h.showMembers()
	amara, other := h.member("Amara Okafor"), h.member("A. Okafor")
	h.u.mergeMember(other)
	f := h.u.form.(*mergeForm)
	f.picker.add(pickedMember{ID: amara.ID, Name: amara.Name})
	h.settle()
	if !h.shows("Keep A. Okafor") {
		t.Fatalf("the merge from A. Okafor's detail does not keep them first; it shows %q", h.screenTexts())
	}
	h.tap("Keep Amara Okafor instead")
	h.tap("Merge into Amara Okafor")
	if got := h.storedMembers(true); !slices.Equal(got, []string{"A. Okafor"}) {
		t.Errorf("after keeping Amara the trash holds %q, want A. Okafor", got)
	}
}
