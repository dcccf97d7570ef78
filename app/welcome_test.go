package app

import (
	"context"
	"testing"

	"rapport/model"
	"rapport/storage"
)

// A record that already holds members (made by `rapport demo` or an import
// before anyone opened it) asks only who keeps it: no sample, no "start empty".
func TestWelcomeOnARecordWithMembers(t *testing.T) {
	h := newHarness(t, func(st *storage.Store) {
		if err := st.CreateMember(context.Background(), &model.Member{Name: "Amara Okafor"}); err != nil {
			t.Fatal(err)
		}
	})
	if h.u.welcome == nil {
		t.Fatal("a record without a manager does not start on the welcome screen")
	}
	for _, text := range []string{"Start empty", "Load a sample community"} {
		if h.shows(text) {
			t.Errorf("the welcome offers %q on a record that holds members; it shows %q", text, h.screenTexts())
		}
	}
	h.typeIn(h.u.welcome.name, "Sam Rivera")
	h.tap("Continue")
	if me, err := h.st.Me(context.Background()); err != nil || me.Name != "Sam Rivera" {
		t.Errorf("Me = %q, %v; want Sam Rivera", me.Name, err)
	}
	if h.u.welcome != nil {
		t.Errorf("after Continue the window still shows the welcome: %q", h.screenTexts())
	}
}
