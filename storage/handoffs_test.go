package storage

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"rapport/model"
)

// mustMe names the manager using s.
func mustMe(tb testing.TB, s *Store, name string) {
	tb.Helper()
	if _, err := s.SetMe(context.Background(), name); err != nil {
		tb.Fatalf("SetMe(%q): %v", name, err)
	}
}

// mustSaveHandoff saves h and returns it as stored.
func mustSaveHandoff(tb testing.TB, s *Store, h model.Handoff) model.Handoff {
	tb.Helper()
	if err := s.SaveHandoff(context.Background(), &h); err != nil {
		tb.Fatalf("SaveHandoff(%+v): %v", h, err)
	}
	return h
}

func TestSaveHandoffKeepsEveryVersion(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	mustMe(t, s, "Sam Rivera")
	amara := mustCreate(t, s, newMember("Amara Okafor", "docs"))

	h := mustSaveHandoff(t, s, model.Handoff{From: "Sam Rivera", To: "Robin", Date: fixedNow, Tag: "docs",
		Narrative: map[string]string{"purpose": "Docs first."}})
	if h.ID == 0 || h.Version != 1 || h.From != "Sam Rivera" || h.SavedBy != "Sam Rivera" ||
		!h.Date.Equal(model.Day(fixedNow, time.UTC)) || !h.CreatedAt.Equal(fixedNow) || h.Finished() {
		t.Fatalf("first save = %+v; want version 1 from Sam, as of today, a draft", h)
	}
	at(s, fixedNow.Add(time.Hour), func() {
		h.Narrative = map[string]string{"purpose": "Docs first.", "risks": "The translators feel unheard."}
		h.KeyMembers = []model.KeyMember{{MemberID: amara.ID, IncludePrivate: true, Introductions: "the docs team"}}
		h.Date = daysAgo(-3)
		h = mustSaveHandoff(t, s, h)
	})
	if h.Version != 2 || !h.UpdatedAt.Equal(fixedNow.Add(time.Hour)) || !h.CreatedAt.Equal(fixedNow) {
		t.Errorf("second save = version %d, updated %v, created %v; want 2, an hour later, created as before",
			h.Version, h.UpdatedAt, h.CreatedAt)
	}

	got, err := s.Handoff(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if gj, wj := jsonOf(t, got), jsonOf(t, h); gj != wj {
		t.Errorf("Handoff =\n%s\nwant what was saved\n%s", gj, wj)
	}
	versions, err := s.HandoffVersions(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	var vs []int
	var risks []string
	for _, v := range versions {
		vs = append(vs, v.Version)
		risks = append(risks, v.Narrative["risks"])
	}
	if !slices.Equal(vs, []int{2, 1}) || !slices.Equal(risks, []string{"The translators feel unheard.", ""}) {
		t.Errorf("versions = %v with risks %q; want 2 then 1, each as saved", vs, risks)
	}
	if len(versions) == 2 && (len(versions[1].KeyMembers) != 0 || !versions[1].Date.Equal(model.Day(fixedNow, time.UTC))) {
		t.Errorf("version 1 = %+v; want it as first saved", versions[1])
	}

	other := mustSaveHandoff(t, s, model.Handoff{From: "Sam Rivera", Date: fixedNow, Tag: "events"})
	list, err := s.Handoffs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, l := range list {
		ids = append(ids, l.ID)
	}
	if !slices.Equal(ids, []int64{h.ID, other.ID}) {
		t.Errorf("Handoffs = %v; want the most recently saved first: %v", ids, []int64{h.ID, other.ID})
	}

	missing := model.Handoff{ID: 999, From: "Sam Rivera", Date: fixedNow}
	if err := s.SaveHandoff(ctx, &missing); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("saving a handoff not in the record: %v, want ErrNotFound", err)
	}
	if _, err := s.HandoffVersions(ctx, 999); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("versions of a handoff not in the record: %v, want ErrNotFound", err)
	}
}

func TestSaveHandoffNeedsSomeoneToHandOver(t *testing.T) {
	s := MustOpenDB(t)
	h := model.Handoff{To: "Robin"}
	err := s.SaveHandoff(context.Background(), &h)
	var v model.ValidationError
	if !errors.As(err, &v) || v.Problem(model.FieldHandoffFrom) == "" {
		t.Errorf("saving a handoff from nobody: %v; want the from field named", err)
	}
	if hs, _ := s.Handoffs(context.Background()); len(hs) != 0 || h.ID != 0 {
		t.Errorf("a refused handoff was kept: %+v", hs)
	}
}

func TestFinishedHandoffIsKeptAsItWas(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	mustMe(t, s, "Sam Rivera")
	amara := mustCreate(t, s, newMember("Amara Okafor", "docs"))
	mustFollowUp(t, s, "send the slides", daysAgo(-2), true, amara.ID)
	h := mustSaveHandoff(t, s, model.Handoff{From: "Sam Rivera", To: "Robin", Date: fixedNow,
		Narrative:  map[string]string{"standing": "Release next week."},
		KeyMembers: []model.KeyMember{{MemberID: amara.ID}}})

	draft := mustSaveHandoff(t, s, model.Handoff{From: "Sam Rivera", To: "Robin", Date: fixedNow})
	if err := s.DeleteHandoff(ctx, draft.ID); err != nil {
		t.Fatalf("deleting a draft: %v", err)
	}
	if _, err := s.Handoff(ctx, draft.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("deleted draft: %v, want ErrNotFound", err)
	}

	at(s, fixedNow.Add(2*time.Hour), func() {
		if err := s.FinishHandoff(ctx, h.ID); err != nil {
			t.Fatalf("FinishHandoff: %v", err)
		}
	})
	fixed, err := s.HandoffDocument(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !fixed.Handoff.FinishedAt.Equal(fixedNow.Add(2 * time.Hour)) {
		t.Errorf("finished at %v, want %v", fixed.Handoff.FinishedAt, fixedNow.Add(2*time.Hour))
	}

	// Whatever happens to the record since, the handoff says what was
	// handed over, and stays as it was.
	bjorn := mustCreate(t, s, newMember("Björn Öberg", "docs"))
	mustFollowUp(t, s, "review the guide", daysAgo(-1), true, amara.ID, bjorn.ID)
	changed := h
	changed.Narrative = map[string]string{"standing": "Rewritten later."}
	if err := s.SaveHandoff(ctx, &changed); !errors.Is(err, model.ErrConflict) {
		t.Errorf("saving a finished handoff: %v, want ErrConflict", err)
	}
	if err := s.FinishHandoff(ctx, h.ID); !errors.Is(err, model.ErrConflict) {
		t.Errorf("finishing it again: %v, want ErrConflict", err)
	}
	if err := s.DeleteHandoff(ctx, h.ID); !errors.Is(err, model.ErrConflict) {
		t.Errorf("deleting a finished handoff: %v, want ErrConflict", err)
	}
	again, err := s.HandoffDocument(ctx, h.ID)
	if err != nil {
		t.Fatal(err)
	}
	if gj, wj := jsonOf(t, again), jsonOf(t, fixed); gj != wj {
		t.Errorf("reopened handoff =\n%s\nwant as handed over\n%s", gj, wj)
	}
	if again.Handoff.Narrative["standing"] != "Release next week." || again.Handoff.Version != 1 {
		t.Errorf("reopened narrative = %q (version %d), want as handed over", again.Handoff.Narrative, again.Handoff.Version)
	}
	// A draft of the same handoff now sees the new promise: the fixed one
	// did not follow the record.
	now, err := s.PreviewHandoff(ctx, again.Handoff)
	if err != nil {
		t.Fatal(err)
	}
	if len(now.Account.OpenPromises) != len(fixed.Account.OpenPromises)+1 {
		t.Errorf("open promises: %d as handed over, %d now; want one more now",
			len(fixed.Account.OpenPromises), len(now.Account.OpenPromises))
	}
	if _, err := s.HandoffDocument(ctx, 999); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("document of a handoff not in the record: %v, want ErrNotFound", err)
	}
}

// TestTakeOverKeepsWhoKnewWhom takes over a record bundled with a handoff:
// the new manager is "me", the old one still handled what they handled,
// and the open promises move to the new manager in one recorded step.
func TestTakeOverKeepsWhoKnewWhom(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	mustMe(t, s, "Sam Rivera")
	amara := mustCreate(t, s, newMember("Amara Okafor", "docs"))
	talk := mustTalk(t, s, daysAgo(4), amara.ID)
	slides := mustFollowUp(t, s, "send the slides", daysAgo(-2), true, amara.ID)
	call := mustFollowUp(t, s, "call back", daysAgo(1), false, amara.ID)
	done := mustFollowUp(t, s, "thank them", daysAgo(3), true, amara.ID)
	if err := s.SetFollowUpStatus(ctx, done.ID, model.FollowUpDone); err != nil {
		t.Fatal(err)
	}
	alex := model.FollowUp{What: "Alex's own", Due: daysAgo(-5), Members: []int64{amara.ID}, CreatedBy: "Alex"}
	if err := s.CreateFollowUp(ctx, &alex); err != nil {
		t.Fatal(err)
	}
	h := mustSaveHandoff(t, s, model.Handoff{From: "Sam Rivera", To: "Robin", Date: fixedNow})

	if _, err := s.PendingTakeOver(ctx); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("PendingTakeOver of a record never bundled: %v, want ErrNotFound", err)
	}
	if err := s.MarkForTakeOver(ctx, 999); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("marking a handoff not in the record: %v, want ErrNotFound", err)
	}
	if err := s.MarkForTakeOver(ctx, h.ID); err != nil {
		t.Fatal(err)
	}
	pending, err := s.PendingTakeOver(ctx)
	if err != nil || pending.ID != h.ID || pending.To != "Robin" {
		t.Fatalf("PendingTakeOver = %+v, %v; want handoff %d to Robin", pending, err, h.ID)
	}

	if _, err := s.TakeOver(ctx, "  "); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("taking over without a name: %v, want ErrInvalid", err)
	}
	robin, err := s.TakeOver(ctx, " Robin  Chen ")
	if err != nil {
		t.Fatal(err)
	}
	if me, err := s.Me(ctx); err != nil || me != robin || me.Name != "Robin Chen" {
		t.Errorf("Me after taking over = %+v, %v; want %+v", me, err, robin)
	}
	if _, err := s.PendingTakeOver(ctx); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("PendingTakeOver once taken over: %v, want ErrNotFound", err)
	}
	var managers []string
	rows, err := s.db.Query(`SELECT name FROM managers ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		managers = append(managers, n)
	}
	rows.Close()
	if !slices.Equal(managers, []string{"Sam Rivera", "Robin Chen"}) {
		t.Errorf("managers = %q; want the old profile kept beside the new", managers)
	}
	var handoffID int64
	var from, to string
	if err := s.db.QueryRow(`SELECT handoff_id, from_name, to_name FROM take_overs`).Scan(&handoffID, &from, &to); err != nil ||
		handoffID != h.ID || from != "Sam Rivera" || to != "Robin Chen" {
		t.Errorf("take-over recorded as %d %q → %q (%v); want handoff %d, Sam Rivera → Robin Chen", handoffID, from, to, err, h.ID)
	}

	if n, err := s.PromisesOwnedBy(ctx, "sam rivera"); err != nil || n != 2 {
		t.Fatalf("PromisesOwnedBy before = %d, %v; want the 2 open ones", n, err)
	}
	n, err := s.ReassignPromises(ctx, "sam rivera")
	if err != nil || n != 2 {
		t.Fatalf("ReassignPromises = %d, %v; want the 2 open ones", n, err)
	}
	if n, err := s.PromisesOwnedBy(ctx, "sam rivera"); err != nil || n != 0 {
		t.Fatalf("PromisesOwnedBy after = %d, %v; want none left", n, err)
	}
	for _, c := range []struct {
		f     model.FollowUp
		owner string
	}{{slides, "Robin Chen"}, {call, "Robin Chen"}, {done, ""}, {alex, ""}} {
		got, err := s.FollowUp(ctx, c.f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Owner != c.owner || got.CreatedBy != c.f.CreatedBy {
			t.Errorf("%q: owner %q, created by %q; want owner %q, created by %q as before",
				c.f.What, got.Owner, got.CreatedBy, c.owner, c.f.CreatedBy)
		}
	}
	var moved int
	var list string
	if err := s.db.QueryRow(`SELECT moved, follow_ups FROM promise_reassignments WHERE from_name = 'sam rivera' AND to_name = 'Robin Chen'`).
		Scan(&moved, &list); err != nil || moved != 2 || list != jsonOf(t, []int64{slides.ID, call.ID}) {
		t.Errorf("reassignment recorded as %d %s (%v); want 2, [%d,%d]", moved, list, err, slides.ID, call.ID)
	}
	if n, err := s.ReassignPromises(ctx, "Sam Rivera"); err != nil || n != 0 {
		t.Errorf("reassigning again = %d, %v; want nothing left to move", n, err)
	}
	if n, err := s.ReassignPromises(ctx, "Robin Chen"); err != nil || n != 0 {
		t.Errorf("reassigning one's own = %d, %v; want 0", n, err)
	}
	var records int
	if err := s.db.QueryRow(`SELECT count(*) FROM promise_reassignments`).Scan(&records); err != nil || records != 1 {
		t.Errorf("%d reassignments recorded, want only the one that moved something", records)
	}

	after := mustTalk(t, s, daysAgo(0), amara.ID)
	if after.HandledBy != "Robin Chen" {
		t.Errorf("new conversation handled by %q, want Robin Chen", after.HandledBy)
	}
	if got, err := s.Conversation(ctx, talk.ID); err != nil || got.HandledBy != "Sam Rivera" {
		t.Errorf("past conversation handled by %q (%v), want Sam Rivera still", got.HandledBy, err)
	}
}

func TestReassignPromisesNeedsSomeoneUsingTheRecord(t *testing.T) {
	s := MustOpenDB(t)
	if _, err := s.ReassignPromises(context.Background(), "Sam"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("reassigning with nobody named: %v, want ErrNotFound", err)
	}
	if _, err := s.ReassignPromises(context.Background(), " "); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("reassigning from nobody: %v, want ErrInvalid", err)
	}
}

// TestMigrateFromVersion5 opens a record as schema 5 left it: its
// follow-ups are up to whoever made them, and it can be handed over.
func TestMigrateFromVersion5(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "record.db")
	old, err := open(ctx, path, 5)
	if err != nil {
		t.Fatal(err)
	}
	old.Now = func() time.Time { return fixedNow }
	mustMe(t, old, "Sam Rivera")
	amara := mustCreate(t, old, newMember("Amara Okafor", "docs"))
	talk := mustTalk(t, old, daysAgo(3), amara.ID)
	promise := mustFollowUp(t, old, "send the slides", daysAgo(-2), true, amara.ID)
	var n int
	if err := old.db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'handoffs'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("schema 5 has handoffs (%d, %v)", n, err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	s := mustOpenPath(t, path)
	if v, err := schemaVersion(ctx, s.db); err != nil || v != latestVersion(t) {
		t.Errorf("schema after Open = %d, %v; want %d", v, err, latestVersion(t))
	}
	if _, err := os.Stat(path + ".before-v6.bak"); err != nil {
		t.Errorf("no copy of the record before migrating: %v", err)
	}
	got, err := s.FollowUp(ctx, promise.ID)
	if err != nil || got.What != promise.What || got.Owner != "" || got.OwnedBy() != "Sam Rivera" {
		t.Errorf("follow-up after migrating = %+v, %v; want it up to Sam Rivera", got, err)
	}
	if c, err := s.Conversation(ctx, talk.ID); err != nil || c.HandledBy != "Sam Rivera" {
		t.Errorf("conversation after migrating handled by %q, %v", c.HandledBy, err)
	}
	h := mustSaveHandoff(t, s, model.Handoff{From: "Sam Rivera", To: "Robin", Date: fixedNow, KeyMembers: []model.KeyMember{{MemberID: amara.ID}}})
	if err := s.MarkForTakeOver(ctx, h.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TakeOver(ctx, "Robin"); err != nil {
		t.Fatal(err)
	}
	if n, err := s.ReassignPromises(ctx, "Sam Rivera"); err != nil || n != 1 {
		t.Errorf("ReassignPromises on the migrated record = %d, %v; want 1", n, err)
	}
	checkCopies(t, s)
}

// jsonOf is v as JSON, to compare values whose times came back from text.
func jsonOf(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
