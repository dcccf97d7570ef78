package storage

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"rapport/model"
	"rapport/storage/vcard"
)

// allMembers reads every member of the record, living and trashed, in full,
// by id.
func allMembers(tb testing.TB, s *Store) map[int64]model.Member {
	tb.Helper()
	ctx := context.Background()
	tx, err := s.begin(ctx, false)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	ids, err := queryIDs(ctx, tx, `SELECT id FROM members ORDER BY id`)
	if err != nil {
		tb.Fatal(err)
	}
	ms, err := membersByID(ctx, tx, ids)
	if err != nil {
		tb.Fatal(err)
	}
	return ms
}

// sameRecord fails the test unless the record holds exactly the members of
// want, each as it was, keep-in-touch state included.
func sameRecord(tb testing.TB, got, want map[int64]model.Member) {
	tb.Helper()
	for id, w := range want {
		g, ok := got[id]
		if !ok {
			tb.Errorf("member %d (%s) is gone", id, w.Name)
			continue
		}
		if d := memberDiff(g, w); d != "" {
			tb.Errorf("member %d (%s):\n%s", id, w.Name, d)
		}
		if !g.LastContacted.Equal(w.LastContacted) || !g.SnoozeUntil.Equal(w.SnoozeUntil) {
			tb.Errorf("member %d (%s): last contacted %v, snooze %v; want %v, %v", id, w.Name,
				g.LastContacted, g.SnoozeUntil, w.LastContacted, w.SnoozeUntil)
		}
	}
	for id, g := range got {
		if _, ok := want[id]; !ok {
			tb.Errorf("member %d (%s) is new", id, g.Name)
		}
	}
}

// checkInAts reads every member's stored next check-in, to compare.
func checkInAts(tb testing.TB, s *Store) map[int64]string {
	tb.Helper()
	rows, err := s.db.Query(`SELECT id, coalesce(check_in_at, ''), coalesce(quiet_after, '') FROM members`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var c, q string
		if err := rows.Scan(&id, &c, &q); err != nil {
			tb.Fatal(err)
		}
		out[id] = c + " " + q
	}
	return out
}

func mustPreview(tb testing.TB, s *Store, ms ...model.Member) model.ImportPreview {
	tb.Helper()
	p, err := s.PreviewImport(context.Background(), ms)
	if err != nil {
		tb.Fatalf("PreviewImport: %v", err)
	}
	return p
}

func mustImport(tb testing.TB, s *Store, source string, items []model.ImportItem) (int64, model.ImportResult) {
	tb.Helper()
	id, res, err := s.Import(context.Background(), source, items)
	if err != nil {
		tb.Fatalf("Import(%s): %v", source, err)
	}
	return id, res
}

// searchNames lists the names a search of the living record finds.
func searchNames(tb testing.TB, s *Store, text string) []string {
	tb.Helper()
	ms, err := s.Members(context.Background(), model.MemberFilter{Text: text})
	if err != nil {
		tb.Fatal(err)
	}
	return names(ms)
}

func TestPreviewImportMatches(t *testing.T) {
	s := MustOpenDB(t)
	amara := mustCreate(t, s, model.Member{Name: "Amara Okafor", UID: "urn:uuid:amara", Emails: []string{"Amara@Example.org"}, Organisation: "Lagos Dev Collective"})
	bjorn := mustCreate(t, s, model.Member{Name: "Björn Öberg", Phones: []string{"+49 30 1234567"}})
	chen := mustCreate(t, s, model.Member{Name: "Chen Wei"})
	chen2 := mustCreate(t, s, model.Member{Name: "chen wei"}) // added later: the first wins
	gone := mustCreate(t, s, model.Member{Name: "Dana Trashed", Emails: []string{"dana@example.org"}})
	if err := s.TrashMember(context.Background(), gone.ID); err != nil {
		t.Fatal(err)
	}
	_ = chen2

	incoming := []model.Member{
		{Name: "A. Okafor", UID: "urn:uuid:amara", Organisation: "Acme"},
		{Name: "Someone", Emails: []string{"x@example.org", "amara@example.ORG"}},
		{Name: "B.", Phones: []string{"0049 (30) 123 45 67"}},
		{Name: "  bjorn   OBERG "},
		{Name: "CHEN WEI"},
		{Name: "Dana", Emails: []string{"dana@example.org"}}, // only in the trash: new
		{Name: "Dana Again", Emails: []string{"DANA@example.org"}},
		{Name: "Eve", Phones: []string{"555-0100"}}, // too short to match by phone
		{Name: "Évé Bis", Emails: []string{"x@example.org"}},
	}
	p := mustPreview(t, s, incoming...)
	want := []struct {
		match       int64
		duplicateOf int
		rule        model.MatchRule
		action      model.ImportAction
		conflicts   []string
	}{
		{amara.ID, 0, model.MatchUID, model.ImportMerge, []string{model.FieldName, "organisation"}},
		{amara.ID, 0, model.MatchEmail, model.ImportMerge, []string{model.FieldName}},
		{bjorn.ID, 0, model.MatchPhone, model.ImportMerge, []string{model.FieldName}},
		{bjorn.ID, 0, model.MatchName, model.ImportMerge, nil},
		{chen.ID, 0, model.MatchName, model.ImportMerge, nil},
		{0, 0, "", model.ImportAdd, nil},
		{0, 6, model.MatchEmail, model.ImportMerge, []string{model.FieldName}},
		{0, 0, "", model.ImportAdd, nil},
		{amara.ID, 0, model.MatchEmail, model.ImportMerge, []string{model.FieldName}}, // by the email of item 2
	}
	if len(p.Items) != len(want) {
		t.Fatalf("%d items, want %d", len(p.Items), len(want))
	}
	for i, w := range want {
		it := p.Items[i]
		var match int64
		if it.Match != nil {
			match = it.Match.ID
		}
		var conflicts []string
		for _, c := range it.Conflicts {
			conflicts = append(conflicts, c.Field)
		}
		if match != w.match || it.DuplicateOf != w.duplicateOf || it.MatchedBy != w.rule || it.Action != w.action || !slices.Equal(conflicts, w.conflicts) {
			t.Errorf("item %d (%s): match %d, duplicate of %d, by %q, %s, conflicts %v; want %d, %d, %q, %s, %v",
				i+1, it.Incoming.Name, match, it.DuplicateOf, it.MatchedBy, it.Action, conflicts,
				w.match, w.duplicateOf, w.rule, w.action, w.conflicts)
		}
	}
	if p.Items[0].Match.Organisation != "Lagos Dev Collective" || len(p.Items[0].Match.Emails) != 1 {
		t.Errorf("the match is not read in full: %+v", p.Items[0].Match)
	}
	if p.Items[3].Incoming.Name != "bjorn OBERG" {
		t.Errorf("incoming not normalised: %q", p.Items[3].Incoming.Name)
	}
	wantRules := map[model.MatchRule]int{model.MatchUID: 1, model.MatchEmail: 2, model.MatchPhone: 1, model.MatchName: 2}
	if p.New != 2 || p.Matched != 6 || p.Repeats != 1 || !mapsEqual(p.ByRule, wantRules) {
		t.Errorf("counts: new %d, matched %d, repeats %d, by rule %v; want 2, 6, 1, %v", p.New, p.Matched, p.Repeats, p.ByRule, wantRules)
	}
}

func mapsEqual[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestImportAddMergeSkip(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	if _, err := s.SetMe(ctx, "Sam"); err != nil {
		t.Fatal(err)
	}
	amara := mustCreate(t, s, model.Member{Name: "Amara Okafor", Emails: []string{"amara@example.org"}, Tags: []string{"docs"}, CreatedBy: "Kim"})
	chen := mustCreate(t, s, model.Member{Name: "Chen Wei", Role: "maintainer"})
	p := mustPreview(t, s,
		model.Member{Name: "Amara O.", Emails: []string{"AMARA@example.org", "a@work.example"}, Pronouns: "she/her", Tags: []string{"Docs", "mentor"},
			Photo: []byte{1, 2, 3}, PhotoType: "image/png", VCardExtra: []string{"X-A:1"}},
		model.Member{Name: "Chen Wei", Role: "newcomer"},
		model.Member{Name: "Zoë Quill", Emails: []string{"zoe@example.org"}, UID: "urn:uuid:zoe"},
		model.Member{Name: "Zoe Quill", Phones: []string{"+44 20 7946 0018"}},
	)
	p.Items[1].Action = model.ImportSkip
	p.Items[2].Origin = "contacts.vcf:12"
	batch, res := mustImport(t, s, "contacts.vcf", p.Items)

	if res.Added != 1 || res.Merged != 2 || res.Skipped != 1 {
		t.Errorf("result %+v, want 1 added, 2 merged, 1 skipped", res)
	}
	zoeID := res.MemberIDs[2]
	if want := []int64{amara.ID, 0, zoeID, zoeID}; !slices.Equal(res.MemberIDs, want) || zoeID == 0 {
		t.Errorf("MemberIDs = %v, want %v", res.MemberIDs, want)
	}
	got := allMembers(t, s)
	wantAmara := amara
	wantAmara.Pronouns = "she/her"
	wantAmara.Emails = []string{"amara@example.org", "a@work.example"}
	wantAmara.Tags = []string{"docs", "mentor"}
	wantAmara.Photo, wantAmara.PhotoType, wantAmara.VCardExtra = []byte{1, 2, 3}, "image/png", []string{"X-A:1"}
	if d := memberDiff(got[amara.ID], wantAmara); d != "" {
		t.Errorf("merged member:\n%s", d)
	}
	if d := memberDiff(got[chen.ID], chen); d != "" {
		t.Errorf("skipped member changed:\n%s", d)
	}
	wantZoe := model.Member{ID: zoeID, Name: "Zoë Quill", Emails: []string{"zoe@example.org"}, Phones: []string{"+44 20 7946 0018"},
		UID: "urn:uuid:zoe", CreatedAt: fixedNow, UpdatedAt: fixedNow, CreatedBy: "Sam"}
	if d := memberDiff(got[zoeID], wantZoe); d != "" {
		t.Errorf("added member (with its repeat merged in):\n%s", d)
	}
	if len(got) != 3 {
		t.Errorf("%d members, want 3", len(got))
	}
	if n := searchNames(t, s, "quill"); !slices.Equal(n, []string{"Zoë Quill"}) {
		t.Errorf("search quill = %v, want the imported member", n)
	}
	if n := searchNames(t, s, "work.example"); !slices.Equal(n, []string{"Amara Okafor"}) {
		t.Errorf("search for a merged email = %v, want Amara Okafor", n)
	}
	checkCopies(t, s)

	bs, err := s.ImportBatches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantBatch := model.ImportBatch{ID: batch, Source: "contacts.vcf", At: fixedNow, Added: 1, Merged: 2, Skipped: 1, Undoable: true}
	if len(bs) != 1 || bs[0] != wantBatch {
		t.Errorf("ImportBatches = %+v, want [%+v]", bs, wantBatch)
	}
}

func TestImportUnchangedMergeWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	ms := []model.Member{fullMember(), fakeMember(1), fakeMember(2)}
	mustImport(t, s, "first.vcf", mustPreview(t, s, ms...).Items)
	before := allMembers(t, s)
	later := fixedNow.AddDate(0, 0, 1)
	at(s, later, func() {
		p := mustPreview(t, s, ms...)
		if p.Matched != 3 {
			t.Fatalf("second preview: %d matched, want 3", p.Matched)
		}
		_, res := mustImport(t, s, "again.vcf", p.Items)
		if res.Merged != 3 {
			t.Errorf("second import: %+v, want 3 merged", res)
		}
	})
	sameRecord(t, allMembers(t, s), before)
	// Undoing it changes nothing either, and leaves the first one undoable.
	bs, err := s.ImportBatches(ctx)
	if err != nil || len(bs) != 2 {
		t.Fatalf("ImportBatches = %+v, %v", bs, err)
	}
	if err := s.UndoImport(ctx, bs[0].ID); err != nil {
		t.Fatalf("UndoImport(second): %v", err)
	}
	sameRecord(t, allMembers(t, s), before)
	if err := s.UndoImport(ctx, bs[1].ID); err != nil {
		t.Fatalf("UndoImport(first): %v", err)
	}
	if got := allMembers(t, s); len(got) != 0 {
		t.Errorf("%d members left after undoing both", len(got))
	}
	checkCopies(t, s)
}

func TestUndoImportRestoresExactly(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	full := fullMember()
	full = mustCreate(t, s, full)
	plain := mustCreate(t, s, model.Member{Name: "Chen Wei", Tags: []string{"events"}})
	trashed := mustCreate(t, s, model.Member{Name: "Dana Old"})
	if err := s.TrashMember(ctx, trashed.ID); err != nil {
		t.Fatal(err)
	}
	mustTalk(t, s, daysAgo(3), plain.ID)
	before := allMembers(t, s)
	beforeCheckIns := checkInAts(t, s)

	later := fixedNow.Add(90 * 60e9)
	var batch int64
	at(s, later, func() {
		p := mustPreview(t, s,
			model.Member{Name: "Amara Okafor", Emails: []string{"zanzibar@example.org"}, Tags: []string{"events"}, VCardExtra: []string{"X-NEW:1"}},
			model.Member{Name: "chen wei", CadenceDays: 7, Tags: []string{"weekly"}, Notes: "From the card."},
			model.Member{Name: "Priya Sharma", Emails: []string{"priya@example.org"}, Photo: []byte{9}, PhotoType: "image/jpeg"},
			model.Member{Name: "Priya S.", Emails: []string{"PRIYA@example.org"}, Tags: []string{"design"}},
		)
		batch, _ = mustImport(t, s, "people.vcf", p.Items)
	})
	if n := searchNames(t, s, "priya"); len(n) != 1 {
		t.Fatalf("search priya after import = %v", n)
	}
	if got := allMembers(t, s)[plain.ID]; got.CadenceDays != 7 {
		t.Fatalf("merge did not fill the cadence: %+v", got)
	}

	if err := s.UndoImport(ctx, batch); err != nil {
		t.Fatalf("UndoImport: %v", err)
	}
	sameRecord(t, allMembers(t, s), before)
	if got := checkInAts(t, s); !mapsEqual(got, beforeCheckIns) {
		t.Errorf("check-ins after undo = %v, want %v", got, beforeCheckIns)
	}
	if n := searchNames(t, s, "priya"); len(n) != 0 {
		t.Errorf("search priya after undo = %v, want none", n)
	}
	if n := searchNames(t, s, "zanzibar"); len(n) != 0 {
		t.Errorf("search for the merged email after undo = %v, want none", n)
	}
	if n := searchNames(t, s, "amara"); !slices.Equal(n, []string{full.Name}) {
		t.Errorf("search amara after undo = %v", n)
	}
	checkCopies(t, s)
	var rows int
	if err := s.db.QueryRow(`SELECT count(*) FROM import_members`).Scan(&rows); err != nil || rows != 0 {
		t.Errorf("%d import rows left (%v)", rows, err)
	}
	bs, err := s.ImportBatches(ctx)
	if err != nil || len(bs) != 1 || !bs[0].UndoneAt.Equal(fixedNow) || bs[0].Undoable {
		t.Errorf("ImportBatches after undo = %+v, %v; want it undone now, not undoable", bs, err)
	}
	if err := s.UndoImport(ctx, batch); !errors.Is(err, model.ErrConflict) {
		t.Errorf("UndoImport twice = %v, want ErrConflict", err)
	}
}

func TestUndoImportRefuses(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	first, _ := mustImport(t, s, "first.csv", mustPreview(t, s, model.Member{Name: "Amara Okafor"}, model.Member{Name: "Chen Wei"}).Items)
	second, res := mustImport(t, s, "second.vcf", mustPreview(t, s, model.Member{Name: "Priya Sharma"}, model.Member{Name: "Amara Okafor", Role: "docs"}).Items)
	priya, amara := res.MemberIDs[0], res.MemberIDs[1]

	tests := []struct {
		name    string
		prepare func(t *testing.T) (undo func())
		batch   int64
		want    error
		message string
	}{
		{"an older batch", nil, first, model.ErrConflict, "the import of second.vcf came after it"},
		{"no such batch", nil, 99, model.ErrNotFound, "not found"},
		{"a member changed since", func(t *testing.T) func() {
			m := allMembers(t, s)[amara]
			m.Notes = "Typed after the import."
			if err := s.UpdateMember(ctx, &m); err != nil {
				t.Fatal(err)
			}
			return func() {
				m.Notes = ""
				if err := s.UpdateMember(ctx, &m); err != nil {
					t.Fatal(err)
				}
			}
		}, second, model.ErrConflict, "Amara Okafor was changed since"},
		{"a member added is in a conversation", func(t *testing.T) func() {
			c := mustTalk(t, s, daysAgo(1), priya)
			return func() {
				if err := s.DeleteConversation(ctx, c.ID); err != nil {
					t.Fatal(err)
				}
				if err := s.PurgeConversation(ctx, c.ID); err != nil {
					t.Fatal(err)
				}
			}
		}, second, model.ErrConflict, "Priya Sharma was in conversations, follow-ups or feedback"},
		{"a member added has a follow-up", func(t *testing.T) func() {
			f := mustFollowUp(t, s, "Send the slides", daysAgo(-2), true, priya)
			return func() {
				if _, err := s.db.Exec(`DELETE FROM follow_ups WHERE id = ?`, f.ID); err != nil {
					t.Fatal(err)
				}
			}
		}, second, model.ErrConflict, "Priya Sharma was in conversations, follow-ups or feedback"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.prepare != nil {
				defer tt.prepare(t)()
			}
			before := allMembers(t, s)
			err := s.UndoImport(ctx, tt.batch)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.message) {
				t.Errorf("UndoImport(%d) = %v; want %v saying %q", tt.batch, err, tt.want, tt.message)
			}
			sameRecord(t, allMembers(t, s), before)
		})
	}
	// Once the changes are taken back, both undo, the latest first.
	if err := s.UndoImport(ctx, second); err != nil {
		t.Fatalf("UndoImport(second): %v", err)
	}
	if err := s.UndoImport(ctx, first); err != nil {
		t.Fatalf("UndoImport(first) after the second: %v", err)
	}
	if got := allMembers(t, s); len(got) != 0 {
		t.Errorf("members left: %v", got)
	}
	checkCopies(t, s)
}

func TestImportRefuses(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	amara := mustCreate(t, s, model.Member{Name: "Amara Okafor"})
	p := mustPreview(t, s, model.Member{Name: "Amara Okafor"}, model.Member{Name: "New"})
	tests := []struct {
		name  string
		items []model.ImportItem
		want  error
	}{
		{"nothing", nil, model.ErrInvalid},
		{"merge into nothing", []model.ImportItem{{Incoming: model.Member{Name: "X"}, Action: model.ImportMerge}}, model.ErrInvalid},
		{"a later duplicate", []model.ImportItem{{Incoming: model.Member{Name: "X"}, Action: model.ImportMerge, DuplicateOf: 1}}, model.ErrInvalid},
		{"an unknown action", []model.ImportItem{{Incoming: model.Member{Name: "X"}, Action: "replace"}}, model.ErrInvalid},
		{"an invalid member", []model.ImportItem{p.Items[1], {Incoming: model.Member{Name: "Y", Emails: []string{"nope"}}, Action: model.ImportAdd, Origin: "x.csv:3"}}, model.ErrInvalid},
	}
	for _, tt := range tests {
		_, _, err := s.Import(ctx, "x.csv", tt.items)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: Import = %v, want %v", tt.name, err, tt.want)
		}
	}
	if err := s.TrashMember(ctx, amara.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Import(ctx, "x.csv", p.Items); !errors.Is(err, model.ErrConflict) {
		t.Errorf("Import merging into a member trashed since the preview = %v, want ErrConflict", err)
	}
	if bs, err := s.ImportBatches(ctx); err != nil || len(bs) != 0 {
		t.Errorf("ImportBatches = %v, %v; want none", bs, err)
	}
	if got := allMembers(t, s); len(got) != 1 {
		t.Errorf("%d members, want the one", len(got))
	}
}

// sharedVCards is the folder of real clients' cards, beside the project.
func sharedVCards(tb testing.TB) []string {
	tb.Helper()
	dir := filepath.Join("..", "..", "shared", "testdata", "vcard")
	files, err := filepath.Glob(filepath.Join(dir, "*.vcf"))
	if err != nil || len(files) == 0 {
		tb.Skipf("no vCard files in %s (the shared test data beside the project): %v", dir, err)
	}
	return files
}

func TestImportSharedVCards(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	mustCreate(t, s, fullMember())
	before := allMembers(t, s)
	var batches []int64
	for _, file := range sharedVCards(t) {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		cards, _, err := vcard.Decode(f, filepath.Base(file))
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if len(cards) == 0 {
			continue
		}
		ms := make([]model.Member, len(cards))
		for i, c := range cards {
			ms[i] = c.Member
		}
		p := mustPreview(t, s, ms...)
		id, res := mustImport(t, s, filepath.Base(file), p.Items)
		if res.Added+res.Merged != len(cards) {
			t.Errorf("%s: %+v for %d cards", file, res, len(cards))
		}
		for i, mid := range res.MemberIDs {
			m, err := s.Member(ctx, mid)
			if err != nil {
				t.Errorf("%s: card %d: %v", file, i+1, err)
				continue
			}
			if p.Items[i].IsNew() && fingerprint(m) != fingerprint(withStamps(p.Items[i].Incoming, m)) {
				t.Errorf("%s: card %d (%s) not stored as read", file, i+1, m.Name)
			}
		}
		batches = append(batches, id)
	}
	checkCopies(t, s)
	slices.Reverse(batches)
	for _, id := range batches {
		if err := s.UndoImport(ctx, id); err != nil {
			t.Fatalf("UndoImport(%d): %v", id, err)
		}
	}
	sameRecord(t, allMembers(t, s), before)
	checkCopies(t, s)
}

// withStamps is m with what the store sets on a member it adds.
func withStamps(m model.Member, stored model.Member) model.Member {
	m.ID, m.CreatedAt, m.UpdatedAt, m.CreatedBy = stored.ID, stored.CreatedAt, stored.UpdatedAt, stored.CreatedBy
	if m.UID == "" {
		m.UID = stored.UID
	}
	return m
}

func TestUndoImportAfterTrashing(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	chen := mustCreate(t, s, model.Member{Name: "Chen Wei"})
	before := allMembers(t, s)
	batch, res := mustImport(t, s, "x.vcf", mustPreview(t, s,
		model.Member{Name: "Chen Wei", Emails: []string{"chen@example.org"}},
		model.Member{Name: "Priya Sharma"}).Items)
	// Trashing changes nothing the manager typed: the import still undoes,
	// the member merged into stays in the trash, the one added goes.
	for _, id := range []int64{chen.ID, res.MemberIDs[1]} {
		if err := s.TrashMember(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.UndoImport(ctx, batch); err != nil {
		t.Fatalf("UndoImport: %v", err)
	}
	want := before[chen.ID]
	want.TrashedAt = fixedNow
	sameRecord(t, allMembers(t, s), map[int64]model.Member{chen.ID: want})
	checkCopies(t, s)
}

// A file large enough to be prepared on several cores previews the same as
// on one, imports as previewed, and undoes to the record as it was.
func TestImportLargeFileOnAnyNumberOfCores(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	fillRecord(t, s, 300)
	before := allMembers(t, s)
	known := make([]model.Member, 0, len(before))
	for _, m := range before {
		known = append(known, m)
	}
	incoming := make([]model.Member, 1500)
	for i := range incoming {
		incoming[i] = cardMember(i)
		switch {
		case i%5 == 0: // someone the record knows, by email
			incoming[i].UID = ""
			incoming[i].Emails = []string{strings.ToUpper(known[i%len(known)].Emails[0])}
		case i%7 == 0: // the card before, once more
			incoming[i] = cardMember(i - 1)
			incoming[i].Tags = append(incoming[i].Tags, "again")
		}
	}
	preview := func(procs int) model.ImportPreview {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		return mustPreview(t, s, incoming...)
	}
	one, many := preview(1), preview(4)
	if !reflect.DeepEqual(one, many) {
		t.Fatalf("preview on 4 cores differs from on 1: %d new, %d matched, %d repeats; want %d, %d, %d",
			many.New, many.Matched, many.Repeats, one.New, one.Matched, one.Repeats)
	}
	if one.New == 0 || one.Matched == 0 || one.Repeats == 0 {
		t.Fatalf("preview: %d new, %d matched, %d repeats; want some of each", one.New, one.Matched, one.Repeats)
	}
	batch, res := mustImport(t, s, "book.vcf", many.Items)
	if res.Added != one.New || res.Merged != one.Matched+one.Repeats {
		t.Fatalf("Import: %+v; want %d added, %d merged", res, one.New, one.Matched+one.Repeats)
	}
	after := allMembers(t, s)
	if len(after) != len(before)+one.New {
		t.Fatalf("%d members after the import, want %d", len(after), len(before)+one.New)
	}
	for i, id := range res.MemberIDs {
		if m := after[id]; !slices.ContainsFunc(m.Emails, func(e string) bool { return strings.EqualFold(e, many.Items[i].Incoming.Emails[0]) }) {
			t.Fatalf("item %d went into %q (%v), which lacks its email %s", i+1, m.Name, m.Emails, many.Items[i].Incoming.Emails[0])
		}
	}
	if err := s.UndoImport(ctx, batch); err != nil {
		t.Fatalf("UndoImport: %v", err)
	}
	sameRecord(t, allMembers(t, s), before)
}
