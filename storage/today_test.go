package storage

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"rapport/model"
)

// honolulu is ten hours behind UTC, so that fixedNow (09:26 UTC on
// 14 March) is still 13 March there: "today" must be the manager's day.
var honolulu = time.FixedZone("UTC-10", -10*3600)

func TestToday(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	s.Now = func() time.Time { return fixedNow.In(honolulu) }
	local := func(month time.Month, day int) time.Time { return time.Date(2025, month, day, 12, 0, 0, 0, honolulu) }
	member := func(name string, added time.Time, cadence int, tags ...string) int64 {
		t.Helper()
		m := newMember(name, tags...)
		m.CadenceDays = cadence
		at(s, added, func() { m = mustCreate(t, s, m) })
		return m.ID
	}
	if err := s.SetTagCadence(ctx, "Newcomer", 7); err != nil {
		t.Fatal(err)
	}

	// Follow-ups: late, due today, this week, and later; done ones and
	// those of the trash are not waiting.
	lou := member("Late Lou", daysAgo(30), 0)
	tia := member("Today Tia", daysAgo(30), 0)
	wim := member("Week Wim", daysAgo(30), 0)
	gus := member("Gone Gus", daysAgo(30), 0)
	for _, id := range []int64{lou, tia, wim, gus} {
		mustTalk(t, s, daysAgo(2), id)
	}
	mustFollowUp(t, s, "send the slides", local(3, 12), true, lou)
	mustFollowUp(t, s, "intro to the docs team", local(3, 10), true, lou)
	mustFollowUp(t, s, "shared with the trash", local(3, 11), false, gus, lou)
	mustFollowUp(t, s, "only for the trash", local(3, 1), true, gus)
	done := mustFollowUp(t, s, "already done", local(3, 1), true, lou)
	if err := s.SetFollowUpStatus(ctx, done.ID, model.FollowUpDone); err != nil {
		t.Fatal(err)
	}
	// 08:00 UTC on the 14th is 22:00 on the 13th in Honolulu: due today.
	mustFollowUp(t, s, "answer about licensing", time.Date(2025, 3, 14, 8, 0, 0, 0, time.UTC), true, tia)
	mustFollowUp(t, s, "review the pull request", local(3, 14), false, wim)
	mustFollowUp(t, s, "last day of the week", local(3, 19), true, wim)
	mustFollowUp(t, s, "next week", local(3, 20), true, wim)
	if err := s.TrashMember(ctx, gus); err != nil {
		t.Fatal(err)
	}

	// Check-ins: by their own cadence, a tag's, or the record's; a snooze
	// holds them back until its day.
	cai := member("Cadence Cai", daysAgo(400), 30)
	mustTalk(t, s, daysAgo(41), cai)
	rae := member("Recent Rae", daysAgo(400), 30)
	mustTalk(t, s, daysAgo(10), rae)
	nia := member("Newbie Nia", daysAgo(400), 0, "newcomer")
	mustTalk(t, s, daysAgo(8), nia)
	sol := member("Snoozed Sol", daysAgo(400), 30)
	mustTalk(t, s, daysAgo(40), sol)
	if err := s.SnoozeMember(ctx, sol, local(3, 16)); err != nil {
		t.Fatal(err)
	}
	sue := member("Snooze-ends Sue", daysAgo(400), 30)
	mustTalk(t, s, daysAgo(45), sue)
	if err := s.SnoozeMember(ctx, sue, local(3, 13)); err != nil {
		t.Fatal(err)
	}

	// Going quiet against their own (weekly) rhythm.
	wes := member("Weekly Wes", daysAgo(400), 0)
	stu := member("Steady Stu", daysAgo(400), 0)
	qin := member("Quiet Qin", daysAgo(400), 0)
	for _, d := range []int{41, 34, 27, 20} {
		mustTalk(t, s, daysAgo(d), wes, qin)
		mustTalk(t, s, daysAgo(d-10), stu)
	}
	if err := s.SnoozeMember(ctx, qin, local(3, 20)); err != nil {
		t.Fatal(err)
	}

	// Never contacted, longest in the record first.
	member("New Ned", fixedNow, 0)
	member("Mid Mo", daysAgo(100), 0)
	member("Old Ola", daysAgo(300), 0)
	lee := member("Later Lee", daysAgo(200), 0)
	if err := s.SnoozeMember(ctx, lee, local(3, 20)); err != nil {
		t.Fatal(err)
	}
	gone := member("Gone Gina", daysAgo(500), 0)
	if err := s.TrashMember(ctx, gone); err != nil {
		t.Fatal(err)
	}

	today, err := s.Today(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 3, 13, 0, 0, 0, 0, honolulu); !today.Day.Equal(want) {
		t.Errorf("Day = %v, want %v", today.Day, want)
	}
	tests := []struct {
		name  string
		got   []string
		total int
		want  []string
	}{
		{"late", whats(today.Late.Items), today.Late.Total,
			[]string{"intro to the docs team", "shared with the trash", "send the slides"}},
		{"due today", whats(today.DueToday.Items), today.DueToday.Total, []string{"answer about licensing"}},
		{"due this week", whats(today.DueThisWeek.Items), today.DueThisWeek.Total,
			[]string{"review the pull request", "last day of the week"}},
		// Ola: added 300 days ago, record cadence 90; Cai: 41 days ago + 30;
		// Mo: added 100 days ago + 90; Nia: 8 days ago + 7 (newcomer);
		// Sue: her snooze ends today.
		{"check-in", dueNames(today.CheckIn.Items), today.CheckIn.Total,
			[]string{"Old Ola", "Cadence Cai", "Mid Mo", "Newbie Nia", "Snooze-ends Sue"}},
		{"going quiet", dueNames(today.GoingQuiet.Items), today.GoingQuiet.Total, []string{"Weekly Wes"}},
		{"never contacted", dueNames(today.NeverContacted.Items), today.NeverContacted.Total,
			[]string{"Old Ola", "Mid Mo", "New Ned"}},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) || tt.total != len(tt.want) {
			t.Errorf("%s = %q (total %d), want %q", tt.name, tt.got, tt.total, tt.want)
		}
	}
	for _, f := range today.Late.Items {
		if f.What == "shared with the trash" && !slices.Equal(f.Names, []string{"Gone Gus", "Late Lou"}) {
			t.Errorf("names of %q = %q, want both members", f.What, f.Names)
		}
	}
	for _, l := range []struct {
		items []model.FollowUpItem
		want  model.Urgency
	}{{today.Late.Items, model.Late}, {today.DueToday.Items, model.DueToday}, {today.DueThisWeek.Items, model.DueThisWeek}} {
		for _, f := range l.items {
			if got := model.UrgencyOf(f.Due, fixedNow, honolulu); got != l.want {
				t.Errorf("%q due %v: UrgencyOf = %d, want %d", f.What, f.Due, got, l.want)
			}
		}
	}
	if len(today.GoingQuiet.Items) == 1 {
		wesDue := today.GoingQuiet.Items[0]
		if want := daysAgo(20).Add(14 * 24 * time.Hour); !wesDue.QuietAfter.Equal(want) || !wesDue.LastContacted.Equal(daysAgo(20)) {
			t.Errorf("Wes quiet after %v, last contacted %v; want %v, %v", wesDue.QuietAfter, wesDue.LastContacted, want, daysAgo(20))
		}
	}

	// Acting on Today: a conversation with two members takes both off the
	// lists they were on, a done promise leaves.
	mustTalk(t, s, fixedNow, cai, wes)
	if err := s.SetFollowUpStatus(ctx, today.Late.Items[0].ID, model.FollowUpDone); err != nil {
		t.Fatal(err)
	}
	after, err := s.Today(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := dueNames(after.CheckIn.Items), []string{"Old Ola", "Mid Mo", "Newbie Nia", "Snooze-ends Sue"}; !slices.Equal(got, want) {
		t.Errorf("check-in after talking with Cai = %q, want %q", got, want)
	}
	if got := after.GoingQuiet.Items; len(got) != 0 {
		t.Errorf("going quiet after talking with Wes = %q, want nobody", dueNames(got))
	}
	if got, want := whats(after.Late.Items), []string{"shared with the trash", "send the slides"}; !slices.Equal(got, want) || after.Late.Total != 2 {
		t.Errorf("late after marking one done = %q (%d), want %q", got, after.Late.Total, want)
	}
}

// TestTodayLimit: each list holds model.TodayLimit and counts them all.
func TestTodayLimit(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	fillRecord(t, s, model.TodayLimit+7)
	today, err := s.Today(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(today.NeverContacted.Items); n != model.TodayLimit || today.NeverContacted.Total != model.TodayLimit+7 {
		t.Errorf("never contacted holds %d of %d, want %d of %d", n, today.NeverContacted.Total, model.TodayLimit, model.TodayLimit+7)
	}
}

// TestTodayAgreesWithRules builds a generated record, changes it through
// the store as the app does (a tag cadence, a record default, snoozes,
// trash, deleted and edited conversations), then checks Today against the
// model's rules applied to every member and every conversation.
func TestTodayAgreesWithRules(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	const members, conversations, followUps = 300, 2400, 800
	fillRecord(t, s, members)
	fillHistory(t, s, members, conversations, followUps)
	s.Now = func() time.Time { return fixedNow.In(honolulu) }
	if err := s.SetTagCadence(ctx, "docs", 20); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSettings(ctx, model.Settings{DefaultCadenceDays: 45}); err != nil {
		t.Fatal(err)
	}
	for id := int64(5); id < members; id += 37 {
		if err := s.SnoozeMember(ctx, id, fixedNow.AddDate(0, 0, int(id%5)-2)); err != nil {
			t.Fatal(err)
		}
	}
	for id := int64(7); id < members; id += 53 {
		if err := s.TrashMember(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	for id := int64(11); id < conversations; id += 97 {
		if err := s.DeleteConversation(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	for id := int64(13); id < conversations; id += 101 {
		c, err := s.Conversation(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		c.At, c.Participants = c.At.AddDate(0, 0, 9), append(c.Participants, id%members+1)
		if err := s.UpdateConversation(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 20 {
		mustTalk(t, s, fixedNow.Add(-time.Duration(i)*time.Hour), int64(i*29%members+1))
	}

	got, err := s.Today(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := todayByRules(t, s, fixedNow, honolulu)
	if got.Late.Total+got.DueToday.Total+got.DueThisWeek.Total == 0 || got.CheckIn.Total == 0 ||
		got.GoingQuiet.Total == 0 || got.NeverContacted.Total == 0 {
		t.Fatalf("the generated record leaves a list of Today empty: %+v", totals(got))
	}
	if g, w := totals(got), totals(want); g != w {
		t.Errorf("totals = %+v, want %+v", g, w)
	}
	for _, c := range []struct {
		name      string
		got, want []int64
	}{
		{"late", followUpIDs(got.Late), followUpIDs(want.Late)},
		{"due today", followUpIDs(got.DueToday), followUpIDs(want.DueToday)},
		{"due this week", followUpIDs(got.DueThisWeek), followUpIDs(want.DueThisWeek)},
		{"check-in", memberIDs(got.CheckIn), memberIDs(want.CheckIn)},
		{"going quiet", memberIDs(got.GoingQuiet), memberIDs(want.GoingQuiet)},
		{"never contacted", memberIDs(got.NeverContacted), memberIDs(want.NeverContacted)},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s = %v\nwant %v", c.name, c.got, c.want)
		}
	}
}

type todayTotals struct{ late, today, week, checkIn, quiet, never int }

func totals(t model.Today) todayTotals {
	return todayTotals{t.Late.Total, t.DueToday.Total, t.DueThisWeek.Total, t.CheckIn.Total, t.GoingQuiet.Total, t.NeverContacted.Total}
}

func followUpIDs(s model.Section[model.FollowUpItem]) []int64 {
	var ids []int64
	for _, f := range s.Items {
		ids = append(ids, f.ID)
	}
	return ids
}

func memberIDs(s model.Section[model.MemberDue]) []int64 {
	var ids []int64
	for _, m := range s.Items {
		ids = append(ids, m.ID)
	}
	return ids
}

// todayByRules computes Today the slow way: every member, conversation and
// follow-up read, and the model's rules applied to each.
func todayByRules(tb testing.TB, s *Store, now time.Time, loc *time.Location) model.Today {
	tb.Helper()
	db := s.db
	day := model.Day(now, loc)
	query := func(q string, scan func(*sql.Rows) error) {
		tb.Helper()
		rows, err := db.Query(q)
		if err != nil {
			tb.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				tb.Fatal(err)
			}
		}
		if err := rows.Err(); err != nil {
			tb.Fatal(err)
		}
	}
	contacts := map[int64][]time.Time{}
	query(`SELECT p.member_id, c.at FROM conversation_participants AS p JOIN conversations AS c ON c.id = p.conversation_id
		WHERE c.trashed_at IS NULL`, func(r *sql.Rows) error {
		var id int64
		var at string
		if err := r.Scan(&id, &at); err != nil {
			return err
		}
		t, err := parseTime(at)
		contacts[id] = append(contacts[id], t)
		return err
	})
	tagDefaults := map[string]int{}
	query(`SELECT tag, cadence_days FROM tag_cadences`, func(r *sql.Rows) error {
		var tag string
		var days int
		err := r.Scan(&tag, &days)
		tagDefaults[tag] = days
		return err
	})
	set, err := s.Settings(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	type due struct {
		m   model.MemberDue
		key time.Time
	}
	var checkIn, quiet, never []due
	snoozedPast := func(snooze time.Time) bool { return snooze.IsZero() || !model.Day(snooze, loc).After(day) }
	query(`SELECT m.id, m.name, m.created_at, m.cadence_days, m.snooze_until,
			(SELECT json_group_array(tag) FROM member_tags WHERE member_id = m.id)
		FROM members AS m WHERE m.trashed_at IS NULL`, func(r *sql.Rows) error {
		var d model.MemberDue
		var created, tags string
		var cadence int
		var snooze sql.NullString
		if err := r.Scan(&d.ID, &d.Name, &created, &cadence, &snooze, &tags); err != nil {
			return err
		}
		var err error
		if d.Added, err = parseTime(created); err != nil {
			return err
		}
		if d.SnoozeUntil, err = parseNullTime(snooze); err != nil {
			return err
		}
		var tagList []string
		if err := json.Unmarshal([]byte(tags), &tagList); err != nil {
			return err
		}
		cs := contacts[d.ID]
		for _, c := range cs {
			if c.After(d.LastContacted) {
				d.LastContacted = c
			}
		}
		d.CheckIn = model.NextCheckIn(d.LastContacted, d.Added, model.EffectiveCadence(cadence, tagList, tagDefaults, set.DefaultCadenceDays), d.SnoozeUntil)
		if !model.Day(d.CheckIn, loc).After(day) {
			checkIn = append(checkIn, due{d, d.CheckIn})
		}
		if q, _, _ := model.GoingQuiet(cs, now); q && snoozedPast(d.SnoozeUntil) {
			quiet = append(quiet, due{d, model.QuietAfter(cs)})
		}
		if len(cs) == 0 && snoozedPast(d.SnoozeUntil) {
			never = append(never, due{d, d.Added})
		}
		return nil
	})
	section := func(ds []due) model.Section[model.MemberDue] {
		slices.SortFunc(ds, func(a, b due) int { return cmp.Or(a.key.Compare(b.key), cmp.Compare(a.m.ID, b.m.ID)) })
		sec := model.Section[model.MemberDue]{Total: len(ds)}
		for _, d := range ds[:min(len(ds), model.TodayLimit)] {
			sec.Items = append(sec.Items, d.m)
		}
		return sec
	}
	t := model.Today{Day: day, CheckIn: section(checkIn), GoingQuiet: section(quiet), NeverContacted: section(never)}

	var fus []model.FollowUpItem
	query(`SELECT f.id, f.due FROM follow_ups AS f WHERE f.status = 'open' AND EXISTS (
			SELECT 1 FROM follow_up_members AS fm JOIN members AS m ON m.id = fm.member_id
			WHERE fm.follow_up_id = f.id AND m.trashed_at IS NULL)`, func(r *sql.Rows) error {
		var f model.FollowUpItem
		var d string
		if err := r.Scan(&f.ID, &d); err != nil {
			return err
		}
		var err error
		f.Due, err = time.ParseInLocation(time.DateOnly, d, loc)
		fus = append(fus, f)
		return err
	})
	slices.SortFunc(fus, func(a, b model.FollowUpItem) int { return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.ID, b.ID)) })
	for _, f := range fus {
		var sec *model.Section[model.FollowUpItem]
		switch model.UrgencyOf(f.Due, now, loc) {
		case model.Late:
			sec = &t.Late
		case model.DueToday:
			sec = &t.DueToday
		case model.DueThisWeek:
			sec = &t.DueThisWeek
		default:
			continue
		}
		sec.Total++
		if len(sec.Items) < model.TodayLimit {
			sec.Items = append(sec.Items, f)
		}
	}
	return t
}
