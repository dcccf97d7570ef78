package storage

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"rapport/model"
)

// checkIn reads when a member's next check-in is due, as the store keeps it.
func checkIn(tb testing.TB, s *Store, id int64) time.Time {
	tb.Helper()
	var v sql.NullString
	if err := s.db.QueryRow(`SELECT check_in_at FROM members WHERE id = ?`, id).Scan(&v); err != nil {
		tb.Fatal(err)
	}
	if !v.Valid {
		tb.Fatalf("member %d has no check-in", id)
	}
	return mustParse(tb, v.String)
}

func TestSnoozeMember(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	s.Now = func() time.Time { return fixedNow.In(honolulu) }
	m := newMember("Amara")
	m.CadenceDays = 30
	m = mustCreate(t, s, m)
	mustTalk(t, s, daysAgo(10), m.ID)
	unsnoozed := daysAgo(10).AddDate(0, 0, 30)
	tests := []struct {
		name        string
		until       time.Time
		wantSnooze  time.Time
		wantCheckIn time.Time
	}{
		{"past the check-in", time.Date(2025, 5, 1, 18, 0, 0, 0, honolulu), time.Date(2025, 5, 1, 0, 0, 0, 0, honolulu), time.Date(2025, 5, 1, 0, 0, 0, 0, honolulu)},
		{"a day of the manager's zone", time.Date(2025, 5, 2, 3, 0, 0, 0, time.UTC), time.Date(2025, 5, 1, 0, 0, 0, 0, honolulu), time.Date(2025, 5, 1, 0, 0, 0, 0, honolulu)},
		{"before the check-in changes nothing", daysAgo(-3), model.Day(daysAgo(-3), honolulu), unsnoozed},
		{"zero ends it", time.Time{}, time.Time{}, unsnoozed},
	}
	for _, tt := range tests {
		if err := s.SnoozeMember(ctx, m.ID, tt.until); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got, err := s.Member(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.SnoozeUntil.Equal(tt.wantSnooze) {
			t.Errorf("%s: SnoozeUntil = %v, want %v", tt.name, got.SnoozeUntil, tt.wantSnooze)
		}
		if c := checkIn(t, s, m.ID); !c.Equal(tt.wantCheckIn) {
			t.Errorf("%s: check-in = %v, want %v", tt.name, c, tt.wantCheckIn)
		}
	}
	if err := s.SnoozeMember(ctx, 404, fixedNow); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("SnoozeMember(404) = %v, want ErrNotFound", err)
	}
}

func TestTagCadences(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	own := newMember("Own Cadence", "docs")
	own.CadenceDays = 60
	own = mustCreate(t, s, own)
	docs := mustCreate(t, s, newMember("Docs Person", "Docs", "events"))
	plain := mustCreate(t, s, newMember("Plain"))
	days := func(n int) time.Time { return fixedNow.AddDate(0, 0, n) }
	steps := []struct {
		name      string
		tag       string
		days      int
		cadences  map[string]int
		own, docs time.Time
	}{
		{"a tag default", "docs", 14, map[string]int{"docs": 14}, days(60), days(14)},
		{"the shortest tag wins", "EVENTS", 7, map[string]int{"docs": 14, "EVENTS": 7}, days(60), days(7)},
		{"a longer one changes nothing", "docs", 30, map[string]int{"docs": 30, "EVENTS": 7}, days(60), days(7)},
		{"case is the same tag", "Events", 0, map[string]int{"docs": 30}, days(60), days(30)},
		{"none left: the record's default", "docs", 0, map[string]int{}, days(60), days(90)},
	}
	for _, st := range steps {
		if err := s.SetTagCadence(ctx, st.tag, st.days); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		got, err := s.TagCadences(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(st.cadences) {
			t.Errorf("%s: TagCadences = %v, want %v", st.name, got, st.cadences)
		}
		for tag, d := range st.cadences {
			if got[tag] != d {
				t.Errorf("%s: TagCadences = %v, want %v", st.name, got, st.cadences)
			}
		}
		if c := checkIn(t, s, own.ID); !c.Equal(st.own) {
			t.Errorf("%s: own cadence check-in = %v, want %v", st.name, c, st.own)
		}
		if c := checkIn(t, s, docs.ID); !c.Equal(st.docs) {
			t.Errorf("%s: tagged check-in = %v, want %v", st.name, c, st.docs)
		}
		if c := checkIn(t, s, plain.ID); !c.Equal(days(90)) {
			t.Errorf("%s: untagged check-in = %v, want %v", st.name, c, days(90))
		}
	}
	for _, bad := range []struct {
		tag  string
		days int
	}{{"  ", 10}, {"docs", -1}, {"docs", model.MaxCadenceDays + 1}} {
		if err := s.SetTagCadence(ctx, bad.tag, bad.days); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("SetTagCadence(%q, %d) = %v, want ErrInvalid", bad.tag, bad.days, err)
		}
	}

	// A new record default moves those who fall back on it; changing a
	// member's tags or cadence moves them.
	if err := s.SetSettings(ctx, model.Settings{DefaultCadenceDays: 45}); err != nil {
		t.Fatal(err)
	}
	if c := checkIn(t, s, plain.ID); !c.Equal(days(45)) {
		t.Errorf("check-in after a new default = %v, want %v", c, days(45))
	}
	if c := checkIn(t, s, own.ID); !c.Equal(days(60)) {
		t.Errorf("own cadence after a new default = %v, want %v", c, days(60))
	}
	if err := s.SetTagCadence(ctx, "mentor", 5); err != nil {
		t.Fatal(err)
	}
	plain.Tags = []string{"mentor"}
	if err := s.UpdateMember(ctx, &plain); err != nil {
		t.Fatal(err)
	}
	if c := checkIn(t, s, plain.ID); !c.Equal(days(5)) {
		t.Errorf("check-in after tagging = %v, want %v", c, days(5))
	}
	fresh := mustCreate(t, s, newMember("Fresh Mentor", "Mentor"))
	if c := checkIn(t, s, fresh.ID); !c.Equal(days(5)) {
		t.Errorf("check-in of a new tagged member = %v, want %v", c, days(5))
	}
}

// TestUpdateMemberKeepsKeepInTouch: the member form knows nothing of last
// contacts and snoozes, and saving it loses neither.
func TestUpdateMemberKeepsKeepInTouch(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	m := mustCreate(t, s, newMember("Amara"))
	mustTalk(t, s, daysAgo(4), m.ID)
	if err := s.SnoozeMember(ctx, m.ID, daysAgo(-200)); err != nil {
		t.Fatal(err)
	}
	m.Role, m.LastContacted, m.SnoozeUntil = "maintainer", time.Time{}, time.Time{}
	if err := s.UpdateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	got, err := s.Member(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	snooze := model.Day(daysAgo(-200), time.UTC)
	for _, c := range []struct {
		name      string
		got, want time.Time
	}{
		{"LastContacted returned", m.LastContacted, daysAgo(4)}, {"SnoozeUntil returned", m.SnoozeUntil, snooze},
		{"LastContacted stored", got.LastContacted, daysAgo(4)}, {"SnoozeUntil stored", got.SnoozeUntil, snooze},
		{"check-in", checkIn(t, s, m.ID), snooze},
	} {
		if !c.got.Equal(c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	// A new member starts afresh, whatever the form held.
	n := newMember("Copy of Amara")
	n.LastContacted, n.SnoozeUntil = daysAgo(1), daysAgo(-5)
	n = mustCreate(t, s, n)
	if !n.LastContacted.IsZero() || !n.SnoozeUntil.IsZero() {
		t.Errorf("new member: last contacted %v, snoozed until %v; want neither", n.LastContacted, n.SnoozeUntil)
	}
}

// TestTrashKeepsConversations: trashing a member takes them off Today and
// the search, and their follow-ups off Today when nobody else shares them;
// their conversations stay, and restoring brings everything back.
func TestTrashKeepsConversations(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	a := mustCreate(t, s, newMember("Amara")).ID
	b := mustCreate(t, s, newMember("Björn")).ID
	alone := mustTalk(t, s, daysAgo(200), a)
	shared := mustTalk(t, s, daysAgo(100), a, b)
	mustFollowUp(t, s, "only hers", daysAgo(3), true, a)
	mustFollowUp(t, s, "theirs", daysAgo(2), true, a, b)
	type view struct {
		conversations int
		late          []string
		checkIn       []string
		found         int
	}
	look := func() view {
		t.Helper()
		n, err := s.CountConversations(ctx, model.ConversationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		today, err := s.Today(ctx)
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.GlobalSearch(ctx, "amara", 5)
		if err != nil {
			t.Fatal(err)
		}
		return view{n, whats(today.Late.Items), dueNames(today.CheckIn.Items), len(r.Members)}
	}
	living := view{2, []string{"only hers", "theirs"}, []string{"Amara", "Björn"}, 1}
	trashed := view{2, []string{"theirs"}, []string{"Björn"}, 0}
	if got := look(); !viewEqual(got.conversations, living.conversations, got.late, living.late, got.checkIn, living.checkIn, got.found, living.found) {
		t.Errorf("before trash: %+v, want %+v", got, living)
	}
	if err := s.TrashMember(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got := look(); !viewEqual(got.conversations, trashed.conversations, got.late, trashed.late, got.checkIn, trashed.checkIn, got.found, trashed.found) {
		t.Errorf("in the trash: %+v, want %+v", got, trashed)
	}
	if got := lastContacted(t, s, a); !got.Equal(shared.At) {
		t.Errorf("last contact in the trash = %v, want %v", got, shared.At)
	}
	if err := s.RestoreMember(ctx, a); err != nil {
		t.Fatal(err)
	}
	if got := look(); !viewEqual(got.conversations, living.conversations, got.late, living.late, got.checkIn, living.checkIn, got.found, living.found) {
		t.Errorf("restored: %+v, want %+v", got, living)
	}
	if c, err := s.Conversation(ctx, alone.ID); err != nil || !slices.Equal(c.Participants, []int64{a}) {
		t.Errorf("her own conversation after restore: %v, %v", c.Participants, err)
	}
}

func viewEqual(n1, n2 int, l1, l2, c1, c2 []string, f1, f2 int) bool {
	return n1 == n2 && slices.Equal(l1, l2) && slices.Equal(c1, c2) && f1 == f2
}

// TestPurgeMemberConversations: purging a member removes what was theirs
// alone; what they shared stays, without them.
func TestPurgeMemberConversations(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	a := mustCreate(t, s, newMember("Amara")).ID
	b := mustCreate(t, s, newMember("Björn")).ID
	alone := mustTalk(t, s, daysAgo(3), a)
	shared := mustTalk(t, s, daysAgo(2), a, b)
	own := mustFollowUp(t, s, "only hers", fixedNow, true, a)
	both := mustFollowUp(t, s, "theirs", fixedNow, true, a, b)
	if err := s.TrashMember(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := s.PurgeMember(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Conversation(ctx, alone.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("her own conversation after purge: %v, want ErrNotFound", err)
	}
	if _, err := s.FollowUp(ctx, own.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("her own follow-up after purge: %v, want ErrNotFound", err)
	}
	if c, err := s.Conversation(ctx, shared.ID); err != nil || !slices.Equal(c.Participants, []int64{b}) {
		t.Errorf("shared conversation after purge: participants %v, %v; want Björn's alone", c.Participants, err)
	}
	if f, err := s.FollowUp(ctx, both.ID); err != nil || !slices.Equal(f.Members, []int64{b}) {
		t.Errorf("shared follow-up after purge: members %v, %v; want Björn's alone", f.Members, err)
	}
	for _, table := range []string{"conversation_search", "follow_up_search"} {
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil || n != 1 {
			t.Errorf("%s holds %d rows (%v), want the shared one", table, n, err)
		}
	}
	if got := lastContacted(t, s, b); !got.Equal(shared.At) {
		t.Errorf("Björn's last contact = %v, want %v", got, shared.At)
	}
}

// TestMigrateFromVersion2 opens a record as the second schema left it: the
// members keep everything, start their keep-in-touch clock from when they
// were added, and can be talked with.
func TestMigrateFromVersion2(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "record.db")
	old, err := open(ctx, path, 2)
	if err != nil {
		t.Fatal(err)
	}
	ola := newMember("Old Ola", "docs")
	ola.CreatedAt, ola.UpdatedAt = daysAgo(300), daysAgo(300)
	bjorn := fullMember()
	bjorn.Name, bjorn.CadenceDays = "Björn Öberg", 20
	bjorn.CreatedAt, bjorn.UpdatedAt = daysAgo(10), daysAgo(5)
	ctx2 := context.Background()
	tx, err := old.begin(ctx2, true)
	if err != nil {
		t.Fatal(err)
	}
	// Written as schema 2 would: the columns of migration 3 are not there.
	for _, m := range []*model.Member{&ola, &bjorn} {
		res, err := tx.ExecContext(ctx2, `INSERT INTO members (name, cadence_days, created_at, updated_at, created_by, notes)
			VALUES (?, ?, ?, ?, 'Sam', ?)`, m.Name, m.CadenceDays, formatTime(m.CreatedAt), formatTime(m.UpdatedAt), m.Notes)
		if err != nil {
			t.Fatal(err)
		}
		m.ID, _ = res.LastInsertId()
		m.CreatedBy = "Sam"
		for i, tag := range m.Tags {
			if _, err := tx.ExecContext(ctx2, `INSERT INTO member_tags (member_id, position, tag) VALUES (?, ?, ?)`, m.ID, i, tag); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := tx.ExecContext(ctx2, `INSERT INTO member_search (rowid, name, notes) VALUES (?, ?, ?)`, m.ID, m.Name, m.Notes); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.ExecContext(ctx2, `INSERT INTO settings (key, value) VALUES ('default_cadence_days', '45')`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	s := mustOpenPath(t, path)
	if v, err := schemaVersion(ctx, s.db); err != nil || v != latestVersion(t) {
		t.Errorf("schema version after Open = %d, %v; want %d", v, err, latestVersion(t))
	}
	if _, err := os.Stat(path + ".before-v3.bak"); err != nil {
		t.Errorf("no copy before migrating: %v", err)
	}
	for _, c := range []struct {
		m       model.Member
		cadence int
	}{{ola, 45}, {bjorn, 20}} {
		got, err := s.Member(ctx, c.m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != c.m.Name || got.Notes != c.m.Notes || got.CadenceDays != c.m.CadenceDays ||
			!slices.Equal(got.Tags, c.m.Tags) || !got.CreatedAt.Equal(c.m.CreatedAt) || !got.LastContacted.IsZero() {
			t.Errorf("member after migrating = %+v, want %+v", got, c.m)
		}
		want := model.NextCheckIn(time.Time{}, c.m.CreatedAt, model.EffectiveCadence(c.m.CadenceDays, c.m.Tags, nil, 45), time.Time{})
		if got := checkIn(t, s, c.m.ID); !got.Equal(want) {
			t.Errorf("%s: check-in after migrating = %v, want %v", c.m.Name, got, want)
		}
	}
	today, err := s.Today(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := dueNames(today.NeverContacted.Items); !slices.Equal(got, []string{"Old Ola", "Björn Öberg"}) {
		t.Errorf("never contacted after migrating = %q", got)
	}
	if got := dueNames(today.CheckIn.Items); !slices.Equal(got, []string{"Old Ola"}) {
		t.Errorf("check-in after migrating = %q, want Old Ola", got)
	}
	if found, err := s.Members(ctx, model.MemberFilter{Text: "bjorn"}); err != nil || len(found) != 1 {
		t.Errorf("search after migrating = %q, %v", names(found), err)
	}
	c := mustTalk(t, s, daysAgo(1), ola.ID, bjorn.ID)
	if r, err := s.GlobalSearch(ctx, "catching", 5); err != nil || len(r.Conversations) != 1 || r.Conversations[0].ID != c.ID {
		t.Errorf("global search after migrating = %+v, %v", r, err)
	}
	if got := lastContacted(t, s, ola.ID); !got.Equal(daysAgo(1)) {
		t.Errorf("last contact after migrating and talking = %v", got)
	}
}
