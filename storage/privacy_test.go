package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"rapport/model"
)

// privacyRecord holds Quenby Vexmoor, imported, with an earlier copy of them
// merged in, conversations and follow-ups of their own and shared with
// Amara, feedback raised alone and with Amara, and a handoff naming them.
type privacyRecord struct {
	s                                   *Store
	quenby, copy, amara                 int64
	onlyTalk, deletedTalk, sharedTalk   int64
	onlyPromise, sharedFollowUp         int64
	aloneItem, sharedItem               int64
	unrelatedTalk                       int64
	sharedNotes, sharedWhat, itemDetail string
}

func newPrivacyRecord(t *testing.T) privacyRecord {
	t.Helper()
	ctx := context.Background()
	s := MustOpenDB(t)
	r := privacyRecord{s: s}
	q := fullMember()
	q.Name = "Quenby Vexmoor"
	q.Emails = []string{"quenby@vexmoor.example"}
	q.PrivateNotes = "Moving house in May; go gently."
	q.Photo, q.PhotoType = []byte("\x89PNG fake photo"), "image/png"
	q.VCardExtra = []string{"X-SOCIALPROFILE;TYPE=forum:quenby", "NICKNAME:Q"}
	p := mustPreview(t, s, q)
	_, res := mustImport(t, s, "contacts.vcf", p.Items)
	r.quenby = res.MemberIDs[0]
	r.amara = mustCreate(t, s, newMember("Amara Okafor", "maintainer")).ID
	cp := newMember("Q. Vexmoor")
	cp.Notes = "Met Quenby Vexmoor at the sprint."
	r.copy = mustCreate(t, s, cp).ID
	if _, err := s.MergeMembers(ctx, r.quenby, r.copy); err != nil {
		t.Fatal(err)
	}
	talk := func(subject, notes string, members ...int64) int64 {
		c := model.Conversation{At: daysAgo(3), Channel: "forum", Subject: subject, Notes: notes, Participants: members}
		if err := s.CreateConversation(ctx, &c); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	r.onlyTalk = talk("Vexmoor family news", "Quenby talked about the move.", r.quenby)
	r.deletedTalk = talk("Quenby Vexmoor double entry", "", r.quenby)
	if err := s.DeleteConversation(ctx, r.deletedTalk); err != nil {
		t.Fatal(err)
	}
	r.sharedNotes = "Quenby Vexmoor showed the demo; Amara asked about docs. Mail quenby@vexmoor.example the slides."
	r.sharedTalk = talk("Demo day", r.sharedNotes, r.quenby, r.amara)
	r.unrelatedTalk = talk("Docs sprint", "Amara alone.", r.amara)
	r.onlyPromise = mustFollowUp(t, s, "Send Quenby Vexmoor the sticker pack", daysAgo(-2), true, r.quenby).ID
	r.sharedWhat = "Thank Quenby Vexmoor and Amara for the demo"
	r.sharedFollowUp = mustFollowUp(t, s, r.sharedWhat, daysAgo(-1), false, r.quenby, r.amara).ID
	r.itemDetail = "Asked by Quenby Vexmoor at the demo."
	r.aloneItem = mustFeedback(t, s, model.Feedback{Title: "Dark mode", Detail: r.itemDetail, Kind: model.KindIdea},
		model.Raise{MemberID: r.quenby, Quote: "Vexmoor here: dark mode please", Date: daysAgo(2)}).ID
	r.sharedItem = mustFeedback(t, s, model.Feedback{Title: "Offline docs", Kind: model.KindIdea},
		model.Raise{MemberID: r.quenby, Quote: "Docs on the train, says Quenby", Date: daysAgo(2)},
		model.Raise{MemberID: r.amara, Quote: "Offline docs would help", Date: daysAgo(1)}).ID
	if _, err := s.db.Exec(`INSERT INTO handoffs (id, from_name, day, version, created_at, updated_at, finished_at, account)
		VALUES (1, 'Me', '2025-03-14', 1, 'x', 'x', 'x', ?)`, mustJSON(t, model.HandoffAccount{
		From: "Me",
		KeyMembers: []model.HandoffMember{
			{Member: model.Member{ID: r.quenby, Name: "Quenby Vexmoor", PrivateNotes: "secret"}},
			{Member: model.Member{ID: r.amara, Name: "Amara Okafor"}},
		},
		OpenPromises: []model.HandoffPromise{{FollowUp: model.FollowUp{What: "x", Members: []int64{r.quenby, r.amara}}, Names: []string{"Quenby Vexmoor", "Amara Okafor"}}},
	})); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO handoff_versions (handoff_id, version, from_name, day, narrative, key_members, saved_at)
		VALUES (1, 1, 'Me', '2025-03-14', ?, ?, 'x')`,
		mustJSON(t, map[string]string{"people": "Introduce Quenby Vexmoor to the docs team."}),
		mustJSON(t, []model.KeyMember{{MemberID: r.quenby, Introductions: "docs team"}, {MemberID: r.amara}})); err != nil {
		t.Fatal(err)
	}
	return r
}

func mustJSON(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestMemberExport(t *testing.T) {
	ctx := context.Background()
	r := newPrivacyRecord(t)
	e, err := r.s.MemberExport(ctx, r.quenby)
	if err != nil {
		t.Fatal(err)
	}
	m := e.Member
	if m.Name != "Quenby Vexmoor" || m.PrivateNotes != "Moving house in May; go gently." || !slices.Equal(m.Emails, []string{"quenby@vexmoor.example"}) {
		t.Errorf("member = %+v, want Quenby with their private notes and email", m)
	}
	if string(e.Card.Photo) != "\x89PNG fake photo" || e.Card.PhotoType != "image/png" || len(e.Card.OtherLines) != 2 {
		t.Errorf("card = %+v, want the photo and 2 card lines", e.Card)
	}
	var talks []string
	for _, c := range e.Conversations {
		talks = append(talks, c.Subject+"/"+string(rune('0'+c.OtherParticipants))+"/"+map[bool]string{true: "deleted", false: ""}[c.Deleted])
	}
	slices.Sort(talks)
	if want := []string{"Demo day/1/", "Quenby Vexmoor double entry/0/deleted", "Vexmoor family news/0/"}; !slices.Equal(talks, want) {
		t.Errorf("conversations = %q, want %q", talks, want)
	}
	if len(e.FollowUps) != 2 || e.FollowUps[0].What != "Thank Quenby Vexmoor and Amara for the demo" || e.FollowUps[0].OtherMembers != 1 ||
		!e.FollowUps[1].Promise {
		t.Errorf("follow-ups = %+v, want the shared one (1 other) then the promise", e.FollowUps)
	}
	var quotes []string
	for _, q := range e.Feedback {
		quotes = append(quotes, q.Item+": "+q.Quote+" ("+q.Status+")")
	}
	if want := []string{"Dark mode: Vexmoor here: dark mode please (new)", "Offline docs: Docs on the train, says Quenby (new)"}; !slices.Equal(quotes, want) {
		t.Errorf("feedback = %q, want %q", quotes, want)
	}
	if len(e.Imports) != 1 || e.Imports[0].Source != "contacts.vcf" || !e.Imports[0].Added {
		t.Errorf("imports = %+v, want the contacts.vcf import that added them", e.Imports)
	}
	if len(e.Merges) != 1 || !e.Merges[0].Kept {
		t.Errorf("merges = %+v, want the merge of their copy into them", e.Merges)
	}

	var a, b bytes.Buffer
	if err := e.WriteJSON(&a); err != nil {
		t.Fatal(err)
	}
	if err := e.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	out := a.String()
	if out != b.String() {
		t.Error("two writes of the same export differ")
	}
	for _, want := range []string{`"private_notes": "Moving house in May; go gently."`, `"photo_base64": "iVBORyBmYWtlIHBob3Rv"`,
		`"other_participants": 1`, `"item": "Dark mode"`, `"NICKNAME:Q"`} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Amara Okafor") {
		t.Errorf("export names another member (Amara Okafor):\n%s", out)
	}
	// Every object's keys are sorted.
	var keys []string
	for _, line := range strings.Split(out, "\n") {
		if i := strings.Index(line, `": `); i > 0 && strings.HasPrefix(strings.TrimSpace(line), `"`) && strings.HasPrefix(line, `  "`) && !strings.HasPrefix(line, `   `) {
			keys = append(keys, strings.TrimSpace(line[:i+1]))
		}
	}
	if !slices.IsSorted(keys) || len(keys) < 8 {
		t.Errorf("top-level keys %q are not sorted", keys)
	}
	if _, err := r.s.MemberExport(ctx, 9999); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("MemberExport(9999) = %v, want ErrNotFound", err)
	}
}

// TestEraseMember erases Quenby living and from the trash: a person who
// asks to be erased may have been deleted already, and the erase must take
// the same away either way.
func TestEraseMember(t *testing.T) {
	for _, tc := range []struct {
		name    string
		trashed bool
	}{
		{"living", false},
		{"in the trash", true},
	} {
		t.Run(tc.name, func(t *testing.T) { testEraseMember(t, tc.trashed) })
	}
}

func testEraseMember(t *testing.T, trashed bool) {
	ctx := context.Background()
	r := newPrivacyRecord(t)
	s := r.s
	if trashed {
		if err := s.TrashMember(ctx, r.quenby); err != nil {
			t.Fatal(err)
		}
	}
	// The name is in the file before: the test could fail.
	checkpoint(t, s)
	if !fileHolds(t, s.Path(), "vexmoor") {
		t.Fatal("the record file does not hold the name before the erase")
	}
	for _, table := range []string{"member_search", "trashed_member_search", "conversation_search", "follow_up_search", "feedback_search"} {
		// Of the two member indexes, only the one they are in holds them.
		other := searchTable(!trashed)
		if n := ftsCount(t, s, table, "vexmoor"); n == 0 && table != other {
			t.Errorf("%s finds no vexmoor before the erase", table)
		}
	}

	plan, err := s.ErasePlan(ctx, r.quenby)
	if err != nil {
		t.Fatal(err)
	}
	want := model.Erasure{
		MemberID: r.quenby, Name: "Quenby Vexmoor", Copies: 1,
		OnlyTheirConversations: 2, SharedConversations: 1, OnlyTheirFollowUps: 1, SharedFollowUps: 1,
		Quotes: 2, FeedbackItems: 2, Scrubbed: 3, Imports: 1, Merges: 1, Handoffs: 1,
	}
	if plan != want {
		t.Errorf("ErasePlan =\n%+v\nwant\n%+v", plan, want)
	}
	got, err := s.EraseMember(ctx, r.quenby)
	if err != nil {
		t.Fatal(err)
	}
	want.ErasedAt = fixedNow
	if got != want {
		t.Errorf("EraseMember =\n%+v\nwant\n%+v", got, want)
	}

	for _, id := range []int64{r.quenby, r.copy} {
		if _, err := s.Member(ctx, id); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("Member(%d) after the erase: %v, want ErrNotFound", id, err)
		}
	}
	for _, id := range []int64{r.onlyTalk, r.deletedTalk} {
		if _, err := s.Conversation(ctx, id); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("their own conversation %d after the erase: %v, want ErrNotFound", id, err)
		}
	}
	c, err := s.Conversation(ctx, r.sharedTalk)
	if err != nil {
		t.Fatal(err)
	}
	wantNotes := "[erased] showed the demo; Amara asked about docs. Mail [erased] the slides."
	if !slices.Equal(c.Participants, []int64{r.amara}) || c.Notes != wantNotes {
		t.Errorf("shared conversation = %v %q, want [%d] %q", c.Participants, c.Notes, r.amara, wantNotes)
	}
	if _, err := s.FollowUp(ctx, r.onlyPromise); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("their own promise after the erase: %v, want ErrNotFound", err)
	}
	f, err := s.FollowUp(ctx, r.sharedFollowUp)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.Members, []int64{r.amara}) || f.What != "Thank [erased] and Amara for the demo" {
		t.Errorf("shared follow-up = %v %q", f.Members, f.What)
	}
	alone := mustDetail(t, s, r.aloneItem)
	if alone.Title != "Dark mode" || alone.Detail != "Asked by [erased] at the demo." || len(alone.Raises) != 0 {
		t.Errorf("item raised by them alone = %q %q %d raises, want it kept without them", alone.Title, alone.Detail, len(alone.Raises))
	}
	if q := quotesOf(mustDetail(t, s, r.sharedItem)); !slices.Equal(q, []string{"Amara Okafor: Offline docs would help"}) {
		t.Errorf("shared item's quotes = %q, want Amara's alone", q)
	}
	var batches, merges int
	if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM import_members), (SELECT count(*) FROM member_merges)`).Scan(&batches, &merges); err != nil {
		t.Fatal(err)
	}
	if batches != 0 || merges != 0 {
		t.Errorf("%d import and %d merge records left, want none", batches, merges)
	}
	var account, narrative, keys string
	if err := s.db.QueryRow(`SELECT h.account, v.narrative, v.key_members FROM handoffs AS h JOIN handoff_versions AS v ON v.handoff_id = h.id`).
		Scan(&account, &narrative, &keys); err != nil {
		t.Fatal(err)
	}
	var a model.HandoffAccount
	if err := json.Unmarshal([]byte(account), &a); err != nil {
		t.Fatal(err)
	}
	if len(a.KeyMembers) != 1 || a.KeyMembers[0].Member.ID != r.amara || !slices.Equal(a.OpenPromises[0].Names, []string{"Amara Okafor"}) {
		t.Errorf("handoff account after the erase = %+v, want Amara alone", a)
	}
	if strings.Contains(narrative+keys+account, "Quenby") || !strings.Contains(narrative, "[erased]") {
		t.Errorf("handoff still names them: %s %s", narrative, keys)
	}

	// Nothing of the name is left in the search indexes or the files.
	for _, table := range []string{"member_search", "trashed_member_search", "conversation_search", "follow_up_search", "feedback_search"} {
		for _, word := range []string{"vexmoor", "quenby"} {
			if n := ftsCount(t, s, table, word); n != 0 {
				t.Errorf("%s finds %q %d times after the erase", table, word, n)
			}
		}
	}
	for _, path := range []string{s.Path(), s.Path() + "-wal"} {
		for _, word := range []string{"vexmoor", "quenby", "moving house"} {
			if fileHolds(t, path, word) {
				t.Errorf("%s still holds %q after the erase", path, word)
			}
		}
	}
	// Amara and the rest are untouched.
	if n, err := s.CountMembers(ctx, model.MemberFilter{Text: "amara"}); err != nil || n != 1 {
		t.Errorf("search for amara after the erase: %d, %v; want 1", n, err)
	}
	for _, f := range []model.MemberFilter{{Text: "quenby"}, {Text: "quenby", Trashed: true}, {Trashed: true}} {
		if n, err := s.CountMembers(ctx, f); err != nil || n != 0 {
			t.Errorf("CountMembers(%+v) after the erase: %d, %v; want 0", f, n, err)
		}
	}
	if _, err := s.Conversation(ctx, r.unrelatedTalk); err != nil {
		t.Errorf("Amara's own conversation: %v", err)
	}
	var check string
	if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v", check, err)
	}
	if _, err := s.EraseMember(ctx, r.quenby); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("erasing them again: %v, want ErrNotFound", err)
	}
}

// TestErasePlanWritesNothing: the plan is read-only, and a member with
// nothing but their own fields plans to lose only those.
func TestErasePlanWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	m := mustCreate(t, s, newMember("Lone Member"))
	p, err := s.ErasePlan(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := (model.Erasure{MemberID: m.ID, Name: "Lone Member"}); p != want {
		t.Errorf("ErasePlan = %+v, want %+v", p, want)
	}
	if _, err := s.Member(ctx, m.ID); err != nil {
		t.Errorf("member after the plan: %v", err)
	}
	if _, err := s.ErasePlan(ctx, 9999); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("ErasePlan(9999) = %v, want ErrNotFound", err)
	}
}

func checkpoint(tb testing.TB, s *Store) {
	tb.Helper()
	if _, err := s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		tb.Fatal(err)
	}
}

// fileHolds reports whether the file at path holds word, in any case; a
// missing file holds nothing.
func fileHolds(tb testing.TB, path, word string) bool {
	tb.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return false
	}
	if err != nil {
		tb.Fatal(err)
	}
	return bytes.Contains(bytes.ToLower(b), []byte(strings.ToLower(word)))
}

func ftsCount(tb testing.TB, s *Store, table, word string) int {
	tb.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM `+table+` WHERE `+table+` MATCH ?`, `"`+word+`"*`).Scan(&n); err != nil {
		tb.Fatalf("%s MATCH %s: %v", table, word, err)
	}
	return n
}
