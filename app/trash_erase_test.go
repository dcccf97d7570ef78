package app

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"rapport/model"
	"rapport/storage"
)

// TestEraseMemberFromTheTrash: a person who asks to be erased may have been
// deleted already; the Trash offers the same erase as the Members screen.
func TestEraseMemberFromTheTrash(t *testing.T) {
	ctx := context.Background()
	h := newHarness(t, func(st *storage.Store) {
		withMe("Sam", privacyMembers()...)(st)
		ms, err := st.Members(ctx, model.MemberFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, m := range ms {
			ids = append(ids, m.ID)
		}
		c := model.Conversation{At: testNow, Channel: "forum", Subject: "Docs sprint",
			Notes: "Amara Okafor led it with Chen.", Participants: ids}
		if err := st.CreateConversation(ctx, &c); err != nil {
			t.Fatal(err)
		}
	})
	old := h.fakeBackups("2025-01-02T030405Z")[0]
	h.showMembers()
	amara := h.member("Amara Okafor")
	h.u.members.open(amara.ID)
	h.settle()
	h.tap("Delete")
	if got := h.storedMembers(true); !slices.Equal(got, []string{"Amara Okafor"}) {
		t.Fatalf("the trash holds %q after Delete, want Amara Okafor", got)
	}

	h.u.nav.Select(screenTrash)
	h.settle()
	tr := h.u.trash
	if got := listNames(tr.list); !slices.Equal(got, []string{"Amara Okafor"}) {
		t.Fatalf("the trash shows %q, want Amara Okafor", got)
	}
	tr.list.Select(0)
	h.settle()
	h.tap("Erase…")
	for _, want := range []string{"cannot be undone", "unlike Delete forever", "their place in 1 shared conversation",
		"their name, from the text of 1 shared", "Type their name, Amara Okafor, to erase them:"} {
		if !h.showsPart(want) {
			t.Errorf("the erase does not say %q before erasing; it shows %q", want, h.screenTexts())
		}
	}
	erase := h.button("Erase for good")
	if !erase.Disabled() {
		t.Error("Erase for good can be pressed before the name is typed")
	}
	h.typeIn(h.entryWithPlaceHolder("Amara Okafor"), "Amara Okafor")
	h.tap("Erase for good")
	h.waitFor("the erase", func() bool { return h.showsPart("Amara Okafor was erased, but 1 backup taken before") })

	if _, err := h.st.Member(ctx, amara.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Amara after the erase: %v, want ErrNotFound", err)
	}
	for _, trashed := range []bool{false, true} {
		if n, err := h.st.CountMembers(ctx, model.MemberFilter{Text: "okafor", Trashed: trashed}); err != nil || n != 0 {
			t.Errorf("member search for okafor (trash %v) after the erase: %d, %v; want 0", trashed, n, err)
		}
	}
	for _, tc := range []struct {
		text  string
		found int
	}{
		{"okafor", 0},
		{"sprint", 1}, // the shared conversation stays, without her name
	} {
		r, err := h.st.GlobalSearch(ctx, tc.text, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(r.Members) + len(r.Conversations) + len(r.FollowUps) + len(r.Feedback); got != tc.found {
			t.Errorf("search for %q after the erase finds %d, want %d: %+v", tc.text, got, tc.found, r)
		}
	}
	if got := h.storedMembers(true); len(got) != 0 {
		t.Errorf("the trash holds %q after the erase, want nothing", got)
	}
	if got := h.storedMembers(false); !slices.Equal(got, []string{"Chen Wei"}) {
		t.Errorf("members after the erase: %q, want Chen Wei", got)
	}
	if !h.showsPart(filepath.Base(old)) {
		t.Errorf("the backup taken before is not listed: %q", h.screenTexts())
	}
	h.tap("Close")
	if got := listNames(tr.list); len(got) != 0 {
		t.Errorf("the trash shows %q after the erase, want nobody", got)
	}
	if m, ok := tr.detail.member(); ok {
		t.Errorf("the trash's detail still shows %q after the erase", m.Name)
	}
	if h.shows("Amara Okafor") || !h.shows("The trash is empty.") {
		t.Errorf("the trash after the erase shows %q, want it empty", h.screenTexts())
	}
}
