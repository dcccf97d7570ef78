package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"rapport/model"
)

// A member's keep-in-touch state is derived and kept on the member's row
// (migration 0003): last_contacted and quiet_after from their conversations,
// check_in_at from those, their cadence, tags, snooze and the defaults. Each
// is computed by the rules in model and written in the transaction that
// changes what it derives from, so that Today reads a few index ranges
// instead of every conversation.

// keepDefaults are what a member without a cadence of their own falls back
// on: the shortest default among their tags, else the record's.
type keepDefaults struct {
	tags   map[string]int
	record int
}

// cadenceDefaults reads the defaults once per transaction; whatever changes
// them sets tx.keep back to nil.
func cadenceDefaults(ctx context.Context, tx *tx) (*keepDefaults, error) {
	if tx.keep != nil {
		return tx.keep, nil
	}
	set, err := readSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	tags, err := tagCadences(ctx, tx)
	if err != nil {
		return nil, err
	}
	tx.keep = &keepDefaults{tags: tags, record: set.DefaultCadenceDays}
	return tx.keep, nil
}

// firstCheckIn is the check-in of a member about to be added: nobody has
// talked with them yet, nor snoozed them. insertMemberRows writes it with
// the row, since one more statement per member would make SQLite flush the
// search index's pending changes each time (see insertMemberRows).
func firstCheckIn(ctx context.Context, tx *tx, m *model.Member) (time.Time, error) {
	d, err := cadenceDefaults(ctx, tx)
	if err != nil {
		return time.Time{}, err
	}
	m.LastContacted, m.SnoozeUntil = time.Time{}, time.Time{}
	return model.NextCheckIn(time.Time{}, m.CreatedAt, model.EffectiveCadence(m.CadenceDays, m.Tags, d.tags, d.record), time.Time{}), nil
}

// rhythm is what a member's keep-in-touch state derives from, besides
// their conversations.
type rhythm struct {
	id           int64
	added        time.Time
	cadence      int
	tags         []string
	last, snooze time.Time
}

// checkIn is the member's next check-in (model.NextCheckIn), with their
// cadence as it falls back on the defaults.
func (r rhythm) checkIn(d *keepDefaults) time.Time {
	return model.NextCheckIn(r.last, r.added, model.EffectiveCadence(r.cadence, r.tags, d.tags, d.record), r.snooze)
}

// readRhythms reads the rhythm of the members that cond selects (on
// members AS m).
func readRhythms(ctx context.Context, tx *tx, cond string, args ...any) ([]rhythm, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT m.id, m.created_at, m.cadence_days, m.last_contacted, m.snooze_until,
			(SELECT json_group_array(tag) FROM member_tags WHERE member_id = m.id)
		FROM members AS m
		WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rs []rhythm
	for rows.Next() {
		var r rhythm
		var created, tags string
		var last, snooze sql.NullString
		if err := rows.Scan(&r.id, &created, &r.cadence, &last, &snooze, &tags); err != nil {
			return nil, err
		}
		if r.added, err = parseTime(created); err != nil {
			return nil, err
		}
		if r.last, r.snooze, err = keepInTouchTimes(last, snooze); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(tags), &r.tags); err != nil {
			return nil, fmt.Errorf("member %d: tags: %w", r.id, err)
		}
		rs = append(rs, r)
	}
	return rs, rows.Err()
}

// refreshCheckIns recomputes the next check-in of the members that cond
// selects (on members AS m), after a change to their cadence, tags or
// snooze, or to the defaults.
func refreshCheckIns(ctx context.Context, tx *tx, cond string, args ...any) error {
	d, err := cadenceDefaults(ctx, tx)
	if err != nil {
		return err
	}
	// All read before any is written: a change may select many members (a
	// new record default).
	rs, err := readRhythms(ctx, tx, cond, args...)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if _, err := tx.exec(ctx, `UPDATE members SET check_in_at = ? WHERE id = ?`, formatTime(r.checkIn(d)), r.id); err != nil {
			return err
		}
	}
	return nil
}

// contactTimes lists when a member talked with the manager, oldest first,
// from the conversations that are not in the trash.
const contactTimes = `
	SELECT at FROM conversation_participants INDEXED BY conversation_participants_member
	WHERE member_id = ? AND trashed = 0
	ORDER BY at`

// refreshContacts recomputes, from their conversations that are not in the
// trash, when each member in ids was last contacted, when their silence
// turns long against their own rhythm (model.QuietAfter) and their next
// check-in.
func refreshContacts(ctx context.Context, tx *tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	d, err := cadenceDefaults(ctx, tx)
	if err != nil {
		return err
	}
	rs, err := readRhythms(ctx, tx, "m.id IN (SELECT value FROM json_each(?))", idList(ids))
	if err != nil {
		return err
	}
	var times []time.Time
	for _, r := range rs {
		if times, err = memberContactTimes(ctx, tx, r.id, times[:0]); err != nil {
			return err
		}
		var last, quiet any // NULL for none
		r.last = time.Time{}
		if len(times) > 0 {
			r.last = times[len(times)-1]
			last = formatTime(r.last)
		}
		if q := model.QuietAfter(times); !q.IsZero() {
			quiet = formatTime(q)
		}
		if _, err := tx.exec(ctx, `UPDATE members SET last_contacted = ?, quiet_after = ?, check_in_at = ? WHERE id = ?`,
			last, quiet, formatTime(r.checkIn(d)), r.id); err != nil {
			return err
		}
	}
	return nil
}

// memberContactTimes appends the times of a member's conversations to ts.
func memberContactTimes(ctx context.Context, tx *tx, id int64, ts []time.Time) ([]time.Time, error) {
	rows, err := tx.QueryContext(ctx, contactTimes, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var at string
		if err := rows.Scan(&at); err != nil {
			return nil, err
		}
		t, err := parseTime(at)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// SnoozeMember leaves a member out of Today's lists until the day of until
// (in the manager's time zone), when they come back if still due; a zero
// until ends the snooze.
func (s *Store) SnoozeMember(ctx context.Context, id int64, until time.Time) error {
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("snooze member %d: %w", id, err)
	}
	defer tx.Rollback()
	if _, err := memberState(ctx, tx, id); err != nil {
		return fmt.Errorf("snooze member %d: %w", id, err)
	}
	var day any // NULL ends the snooze
	if !until.IsZero() {
		day = formatTime(model.Day(until, tx.loc))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE members SET snooze_until = ? WHERE id = ?`, day, id); err != nil {
		return fmt.Errorf("snooze member %d: %w", id, dbError(err))
	}
	if err := refreshCheckIns(ctx, tx, "m.id = ?", id); err != nil {
		return fmt.Errorf("snooze member %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("snooze member %d: %w", id, err)
	}
	return nil
}

// TagCadences returns the keep-in-touch cadence, in days, that each tag
// carries; a tag that carries none is absent.
func (s *Store) TagCadences(ctx context.Context) (map[string]int, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("tag cadences: %w", err)
	}
	defer tx.Rollback()
	tags, err := tagCadences(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("tag cadences: %w", err)
	}
	return tags, nil
}

// SetTagCadence gives a tag a default cadence in days for the members who
// carry it and have none of their own; 0 takes it away.
func (s *Store) SetTagCadence(ctx context.Context, tag string, days int) error {
	tag = cleanTag(tag)
	var v model.ValidationError
	if tag == "" {
		v = append(v, model.FieldError{Field: model.FieldTags, Problem: "is required"})
	}
	if err := model.CheckCadence(days, true); err != nil {
		v = append(v, model.FieldError{Field: model.FieldCadence, Problem: err.Error()})
	}
	if len(v) > 0 {
		return v
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("set cadence of tag %q: %w", tag, err)
	}
	defer tx.Rollback()
	if days == 0 {
		_, err = tx.ExecContext(ctx, `DELETE FROM tag_cadences WHERE tag = ?`, tag)
	} else {
		_, err = tx.ExecContext(ctx, `
			INSERT INTO tag_cadences (tag, cadence_days) VALUES (?, ?)
			ON CONFLICT (tag) DO UPDATE SET cadence_days = excluded.cadence_days`, tag, days)
	}
	if err != nil {
		return fmt.Errorf("set cadence of tag %q: %w", tag, dbError(err))
	}
	tx.keep = nil
	// member_tags.tag compares without case, as tag_cadences.tag does.
	if err := refreshCheckIns(ctx, tx, `m.cadence_days = 0 AND m.id IN (
		SELECT member_id FROM member_tags INDEXED BY member_tags_page WHERE tag = ?)`, tag); err != nil {
		return fmt.Errorf("set cadence of tag %q: %w", tag, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("set cadence of tag %q: %w", tag, err)
	}
	return nil
}

func tagCadences(ctx context.Context, tx *tx) (map[string]int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT tag, cadence_days FROM tag_cadences ORDER BY tag`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	tags := map[string]int{}
	for rows.Next() {
		var tag string
		var days int
		if err := rows.Scan(&tag, &days); err != nil {
			return nil, err
		}
		tags[tag] = days
	}
	return tags, rows.Err()
}

// keepInTouchTimes reads a member's last contact and snooze, either NULL.
func keepInTouchTimes(last, snooze sql.NullString) (lastAt, snoozeAt time.Time, err error) {
	if lastAt, err = parseNullTime(last); err != nil {
		return
	}
	snoozeAt, err = parseNullTime(snooze)
	return
}

// parseNullTime reads a stored time that may be NULL (zero).
func parseNullTime(s sql.NullString) (time.Time, error) {
	if !s.Valid {
		return time.Time{}, nil
	}
	return parseTime(s.String)
}

// idList writes ids as a JSON array, for json_each.
func idList(ids []int64) string {
	b := make([]byte, 0, 8*len(ids)+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}
