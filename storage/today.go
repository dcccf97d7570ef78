package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"rapport/model"
)

// Today returns what waits for the manager today, in their time zone (the
// clock's): open follow-ups that are late, due today and due in the coming
// week, as model.UrgencyOf places them; members due for a check-in
// (model.NextCheckIn, their snooze included), going quiet against their own
// rhythm (model.GoingQuiet) and never contacted; members waiting to hear
// back about feedback whose loop closed. Each list holds the first
// model.TodayLimit and counts them all. Members in the trash are on no list,
// nor follow-ups whose members all are; a snoozed member is on none until
// the day their snooze ends (but for hearing back: an outcome waits for no
// snooze).
func (s *Store) Today(ctx context.Context) (model.Today, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.Today{}, fmt.Errorf("today: %w", err)
	}
	defer tx.Rollback()
	b := todayBounds(tx.now, tx.loc)
	t := model.Today{Day: b.day}
	for _, l := range []struct {
		section *model.Section[model.FollowUpItem]
		list    dueList
	}{
		{&t.Late, lateList},
		{&t.DueToday, dueTodayList},
		{&t.DueThisWeek, dueThisWeekList},
	} {
		if *l.section, err = followUpSection(ctx, tx, l.list, b); err != nil {
			return model.Today{}, fmt.Errorf("today: %s: %w", l.list.name, err)
		}
	}
	for _, l := range []struct {
		section *model.Section[model.MemberDue]
		list    memberList
	}{
		{&t.CheckIn, checkInList},
		{&t.GoingQuiet, quietList},
		{&t.NeverContacted, neverContactedList},
	} {
		if *l.section, err = memberSection(ctx, tx, l.list, b); err != nil {
			return model.Today{}, fmt.Errorf("today: %s: %w", l.list.name, err)
		}
	}
	if t.WaitingToHear, err = hearBackSection(ctx, tx); err != nil {
		return model.Today{}, fmt.Errorf("today: waiting to hear back: %w", err)
	}
	return t, nil
}

// bounds are the moments and days Today's lists are cut at.
type bounds struct {
	day      time.Time // midnight today, in the manager's time zone
	now      string    // the moment, stored form
	tomorrow string    // midnight tomorrow, stored form
	today    string    // today's day, as follow-ups store due days
	week     string    // the day a week from today
}

func todayBounds(now time.Time, loc *time.Location) bounds {
	day := model.Day(now, loc)
	return bounds{
		day:      day,
		now:      formatTime(now),
		tomorrow: formatTime(day.AddDate(0, 0, 1)),
		today:    day.Format(time.DateOnly),
		week:     day.AddDate(0, 0, 7).Format(time.DateOnly),
	}
}

// dueList is one of Today's lists of open follow-ups: a range of due days
// in follow_ups_status, in the words of model.UrgencyOf.
type dueList struct {
	name string
	cond string // on follow_ups AS f
	args func(bounds) []any
}

var (
	lateList        = dueList{"late", "f.due < ?", func(b bounds) []any { return []any{b.today} }}
	dueTodayList    = dueList{"due today", "f.due = ?", func(b bounds) []any { return []any{b.today} }}
	dueThisWeekList = dueList{"due this week", "f.due > ? AND f.due < ?", func(b bounds) []any { return []any{b.today, b.week} }}
)

// from is the walk of l's follow-ups, soonest due first.
func (l dueList) from() string {
	return `follow_ups AS f INDEXED BY follow_ups_status
		WHERE f.hidden = 0 AND f.status = 'open' AND ` + l.cond
}

func followUpSection(ctx context.Context, tx *tx, l dueList, b bounds) (model.Section[model.FollowUpItem], error) {
	var sec model.Section[model.FollowUpItem]
	args := l.args(b)
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+l.from(), args...).Scan(&sec.Total); err != nil {
		return sec, err
	}
	if sec.Total == 0 {
		return sec, nil
	}
	var err error
	sec.Items, err = queryFollowUps(ctx, tx, `SELECT `+followUpColumns+` FROM `+l.from()+`
		ORDER BY f.due, f.id LIMIT ?`, append(args, model.TodayLimit)...)
	return sec, err
}

// memberList is one of Today's lists of members: a range of a partial index
// of the living members, walked in its order. The snooze rides in the
// quiet and never-contacted indexes; a check-in already counts it.
type memberList struct {
	name, index, cond, order string
	args                     func(bounds) []any
}

var (
	checkInList = memberList{
		"check-in", "members_check_in",
		"m.check_in_at < ?",
		"m.check_in_at, m.id",
		func(b bounds) []any { return []any{b.tomorrow} },
	}
	quietList = memberList{
		"going quiet", "members_quiet",
		"m.quiet_after IS NOT NULL AND m.quiet_after < ? AND (m.snooze_until IS NULL OR m.snooze_until < ?)",
		"m.quiet_after, m.id",
		func(b bounds) []any { return []any{b.now, b.tomorrow} },
	}
	neverContactedList = memberList{
		"never contacted", "members_never_contacted",
		"m.last_contacted IS NULL AND (m.snooze_until IS NULL OR m.snooze_until < ?)",
		"m.created_at, m.id",
		func(b bounds) []any { return []any{b.tomorrow} },
	}
)

func (l memberList) from() string {
	return `members AS m INDEXED BY ` + l.index + ` WHERE m.trashed_at IS NULL AND ` + l.cond
}

func memberSection(ctx context.Context, tx *tx, l memberList, b bounds) (model.Section[model.MemberDue], error) {
	var sec model.Section[model.MemberDue]
	args := l.args(b)
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+l.from(), args...).Scan(&sec.Total); err != nil {
		return sec, err
	}
	if sec.Total == 0 {
		return sec, nil
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT m.id, m.name, m.created_at, m.last_contacted, m.check_in_at, m.quiet_after, m.snooze_until
		FROM `+l.from()+` ORDER BY `+l.order+` LIMIT ?`, append(args, model.TodayLimit)...)
	if err != nil {
		return sec, err
	}
	defer rows.Close()
	for rows.Next() {
		var d model.MemberDue
		var created string
		var last, checkIn, quiet, snooze sql.NullString
		if err := rows.Scan(&d.ID, &d.Name, &created, &last, &checkIn, &quiet, &snooze); err != nil {
			return sec, err
		}
		if d.Added, err = parseTime(created); err != nil {
			return sec, err
		}
		for _, t := range []struct {
			dst *time.Time
			src sql.NullString
		}{{&d.LastContacted, last}, {&d.CheckIn, checkIn}, {&d.QuietAfter, quiet}, {&d.SnoozeUntil, snooze}} {
			if *t.dst, err = parseNullTime(t.src); err != nil {
				return sec, err
			}
		}
		sec.Items = append(sec.Items, d)
	}
	return sec, rows.Err()
}
