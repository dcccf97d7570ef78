package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"rapport/model"
)

// settingPendingTakeOver names the handoff a record was bundled with, until
// someone takes the record over.
const settingPendingTakeOver = "handoff_pending_take_over"

// handoffColumns are what scanHandoff reads, in its order: a handoff (h)
// at one of its versions (v).
const handoffColumns = `h.id, h.created_at, h.finished_at, v.version, v.from_name, v.to_name, v.day, v.tag,
	v.narrative, v.key_members, v.saved_at, v.saved_by`

// Handoffs lists the drafts and the past handoffs, at their latest
// versions, the most recently saved first. A record holds one handoff each
// time the role changes hands, so the list is not paged.
func (s *Store) Handoffs(ctx context.Context) ([]model.Handoff, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("handoffs: %w", err)
	}
	defer tx.Rollback()
	hs, err := queryHandoffs(ctx, tx, `SELECT `+handoffColumns+`
		FROM handoffs AS h JOIN handoff_versions AS v ON v.handoff_id = h.id AND v.version = h.version
		ORDER BY h.updated_at DESC, h.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("handoffs: %w", err)
	}
	return hs, nil
}

// Handoff returns a handoff at its latest version.
func (s *Store) Handoff(ctx context.Context, id int64) (model.Handoff, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.Handoff{}, fmt.Errorf("handoff %d: %w", id, err)
	}
	defer tx.Rollback()
	h, err := findHandoff(ctx, tx, id)
	if err != nil {
		return model.Handoff{}, fmt.Errorf("handoff %d: %w", id, err)
	}
	return h, nil
}

// HandoffVersions returns every saved version of a handoff, newest first.
func (s *Store) HandoffVersions(ctx context.Context, id int64) ([]model.Handoff, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("versions of handoff %d: %w", id, err)
	}
	defer tx.Rollback()
	hs, err := queryHandoffs(ctx, tx, `SELECT `+handoffColumns+`
		FROM handoffs AS h JOIN handoff_versions AS v ON v.handoff_id = h.id
		WHERE h.id = ? ORDER BY v.version DESC`, id)
	if err == nil && len(hs) == 0 {
		err = model.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("versions of handoff %d: %w", id, err)
	}
	return hs, nil
}

// SaveHandoff normalizes and validates h and keeps it as a new version,
// adding the handoff when h.ID is 0: its day is the day of h.Date in the
// manager's time zone, and the version is saved by "me". h's day, ID,
// Version, SavedBy and times are set to what is stored. A finished handoff
// is not changed: ErrConflict.
func (s *Store) SaveHandoff(ctx context.Context, h *model.Handoff) error {
	h.Normalize()
	if err := h.Validate(); err != nil {
		return err
	}
	fail := func(err error) error {
		if h.ID == 0 {
			return fmt.Errorf("save handoff: %w", err)
		}
		return fmt.Errorf("save handoff %d: %w", h.ID, err)
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	n := *h // h changes only once the version is stored
	if n.SavedBy, err = myName(ctx, tx); err != nil {
		return fail(err)
	}
	n.Date = model.Day(n.Date, tx.loc)
	n.UpdatedAt, n.FinishedAt = tx.now, time.Time{}
	if n.ID == 0 {
		n.Version, n.CreatedAt = 1, tx.now
		res, err := tx.ExecContext(ctx, `
			INSERT INTO handoffs (from_name, to_name, day, tag, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			n.From, n.To, n.Date.Format(time.DateOnly), n.Tag, n.Version, formatTime(n.CreatedAt), formatTime(n.UpdatedAt))
		if err == nil {
			n.ID, err = res.LastInsertId()
		}
		if err != nil {
			return fail(dbError(err))
		}
	} else {
		old, err := handoffState(ctx, tx, n.ID)
		if err != nil {
			return fail(err)
		}
		if old.finished {
			return fail(finishedError(old.at))
		}
		n.Version, n.CreatedAt = old.version+1, old.created
		if _, err := tx.ExecContext(ctx, `
			UPDATE handoffs SET from_name = ?, to_name = ?, day = ?, tag = ?, version = ?, updated_at = ?
			WHERE id = ?`,
			n.From, n.To, n.Date.Format(time.DateOnly), n.Tag, n.Version, formatTime(n.UpdatedAt), n.ID); err != nil {
			return fail(dbError(err))
		}
	}
	narrative, err := json.Marshal(n.Narrative)
	if err != nil {
		return fail(err)
	}
	if n.Narrative == nil {
		narrative = []byte("{}")
	}
	keys, err := json.Marshal(n.KeyMembers)
	if err != nil {
		return fail(err)
	}
	if n.KeyMembers == nil {
		keys = []byte("[]")
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO handoff_versions (
			handoff_id, version, from_name, to_name, day, tag, narrative, key_members, saved_at, saved_by
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.ID, n.Version, n.From, n.To, n.Date.Format(time.DateOnly), n.Tag, string(narrative), string(keys),
		formatTime(n.UpdatedAt), n.SavedBy); err != nil {
		return fail(dbError(err))
	}
	if err := tx.Commit(); err != nil {
		return fail(dbError(err))
	}
	*h = n
	return nil
}

// FinishHandoff hands a draft over: its account is built from the record as
// it stands, in the transaction that fixes it, so that reopening it later
// shows and exports what was handed over. A handoff already finished is
// refused with ErrConflict and left as it was.
func (s *Store) FinishHandoff(ctx context.Context, id int64) error {
	fail := func(err error) error { return fmt.Errorf("finish handoff %d: %w", id, err) }
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	h, err := findHandoff(ctx, tx, id)
	if err != nil {
		return fail(err)
	}
	if h.Finished() {
		return fail(finishedError(h.FinishedAt.In(tx.loc)))
	}
	rec, err := handoffRecord(ctx, tx, h)
	if err != nil {
		return fail(err)
	}
	account, err := json.Marshal(model.BuildHandoffAccount(h, rec, tx.loc))
	if err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE handoffs SET finished_at = ?, account = ? WHERE id = ?`,
		formatTime(tx.now), string(account), id); err != nil {
		return fail(dbError(err))
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// DeleteHandoff removes a draft and its versions; a finished handoff stays
// (ErrConflict).
func (s *Store) DeleteHandoff(ctx context.Context, id int64) error {
	fail := func(err error) error { return fmt.Errorf("delete handoff %d: %w", id, err) }
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	old, err := handoffState(ctx, tx, id)
	if err != nil {
		return fail(err)
	}
	if old.finished {
		return fail(finishedError(old.at))
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM handoffs WHERE id = ?`, id); err != nil {
		return fail(dbError(err))
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// HandoffDocument is a saved handoff with its account: built from the record
// now for a draft, as it was fixed for a finished one.
func (s *Store) HandoffDocument(ctx context.Context, id int64) (model.HandoffDocument, error) {
	fail := func(err error) error { return fmt.Errorf("handoff %d: %w", id, err) }
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.HandoffDocument{}, fail(err)
	}
	defer tx.Rollback()
	h, err := findHandoff(ctx, tx, id)
	if err != nil {
		return model.HandoffDocument{}, fail(err)
	}
	d := model.HandoffDocument{Handoff: h}
	if !h.Finished() {
		rec, err := handoffRecord(ctx, tx, h)
		if err != nil {
			return model.HandoffDocument{}, fail(err)
		}
		d.Account = model.BuildHandoffAccount(h, rec, tx.loc)
		return d, nil
	}
	var account string
	if err := tx.QueryRowContext(ctx, `SELECT account FROM handoffs WHERE id = ?`, id).Scan(&account); err != nil {
		return model.HandoffDocument{}, fail(err)
	}
	if err := json.Unmarshal([]byte(account), &d.Account); err != nil {
		return model.HandoffDocument{}, fail(fmt.Errorf("stored account: %w", err))
	}
	return d, nil
}

// MarkForTakeOver marks the record as bundled with handoff id: whoever opens
// it next is asked to take it over (PendingTakeOver). A bundle marks its
// copy of the record, never the record itself.
func (s *Store) MarkForTakeOver(ctx context.Context, id int64) error {
	fail := func(err error) error { return fmt.Errorf("mark handoff %d for take-over: %w", id, err) }
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	if _, err := handoffState(ctx, tx, id); err != nil {
		return fail(err)
	}
	if err := setSetting(ctx, tx, settingPendingTakeOver, strconv.FormatInt(id, 10)); err != nil {
		return fail(dbError(err))
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// PendingTakeOver returns the handoff a record was bundled with that nobody
// has taken over yet; ErrNotFound when there is none.
func (s *Store) PendingTakeOver(ctx context.Context) (model.Handoff, error) {
	fail := func(err error) error { return fmt.Errorf("pending take-over: %w", err) }
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.Handoff{}, fail(err)
	}
	defer tx.Rollback()
	id, err := pendingHandoff(ctx, tx)
	if err != nil {
		return model.Handoff{}, fail(err)
	}
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM take_overs WHERE handoff_id = ?`, id).Scan(&taken); err != nil {
		return model.Handoff{}, fail(err)
	}
	if taken > 0 {
		return model.Handoff{}, fail(fmt.Errorf("handoff %d was taken over: %w", id, model.ErrNotFound))
	}
	h, err := findHandoff(ctx, tx, id)
	if err != nil {
		return model.Handoff{}, fail(fmt.Errorf("handoff %d: %w", id, err))
	}
	return h, nil
}

// TakeOver makes name the manager using the record. They get a profile of
// their own, added beside the earlier ones, so that what was handled and
// made before still says by whom; the take-over is recorded, with the
// handoff the record was bundled with if any, which is then no longer
// pending.
func (s *Store) TakeOver(ctx context.Context, name string) (model.Manager, error) {
	me := model.Manager{Name: strings.Join(strings.Fields(name), " ")}
	if err := me.Validate(); err != nil {
		return model.Manager{}, err
	}
	fail := func(err error) error { return fmt.Errorf("take over as %s: %w", me.Name, err) }
	tx, err := s.begin(ctx, true)
	if err != nil {
		return model.Manager{}, fail(err)
	}
	defer tx.Rollback()
	before, err := myName(ctx, tx)
	if err != nil {
		return model.Manager{}, fail(err)
	}
	var handoff any // NULL unless the record came with a handoff it still holds
	if id, err := pendingHandoff(ctx, tx); err == nil {
		if _, err := handoffState(ctx, tx, id); err == nil {
			handoff = id
		}
	}
	me.CreatedAt = tx.now
	res, err := tx.ExecContext(ctx, `INSERT INTO managers (name, created_at) VALUES (?, ?)`, me.Name, formatTime(me.CreatedAt))
	if err == nil {
		me.ID, err = res.LastInsertId()
	}
	if err == nil {
		err = setSetting(ctx, tx, settingMe, strconv.FormatInt(me.ID, 10))
	}
	if err == nil {
		_, err = tx.ExecContext(ctx, `INSERT INTO take_overs (handoff_id, from_name, to_name, at) VALUES (?, ?, ?, ?)`,
			handoff, before, me.Name, formatTime(tx.now))
	}
	if err == nil {
		_, err = tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, settingPendingTakeOver)
	}
	if err != nil {
		return model.Manager{}, fail(dbError(err))
	}
	if err := tx.Commit(); err != nil {
		return model.Manager{}, fail(err)
	}
	return me, nil
}

// PromisesOwnedBy counts the open follow-ups (promises or not) that
// ReassignPromises(ctx, from) would move.
func (s *Store) PromisesOwnedBy(ctx context.Context, from string) (int, error) {
	from = strings.Join(strings.Fields(from), " ")
	tx, err := s.begin(ctx, false)
	if err != nil {
		return 0, fmt.Errorf("count the promises of %s: %w", from, err)
	}
	defer tx.Rollback()
	ids, err := promisesOwnedBy(ctx, tx, from)
	if err != nil {
		return 0, fmt.Errorf("count the promises of %s: %w", from, err)
	}
	return len(ids), nil
}

// promisesOwnedBy lists the open follow-ups up to from, or to no manager,
// every one, even those hidden with their members in the trash: they come
// back with them.
func promisesOwnedBy(ctx context.Context, tx *tx, from string) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT id FROM follow_ups
		WHERE status = 'open' AND (CASE WHEN owner <> '' THEN owner ELSE created_by END) COLLATE NOCASE IN (?, '')
		ORDER BY id`, from)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ReassignPromises gives the open follow-ups (promises or not) that are up
// to from to the manager using the record, as one recorded step, and returns
// how many moved. Who made them (created_by) is kept; their owner changes.
// Follow-ups made while the record named nobody belong to no manager; they
// were the outgoing one's to keep, so they move too.
func (s *Store) ReassignPromises(ctx context.Context, from string) (int, error) {
	from = strings.Join(strings.Fields(from), " ")
	if from == "" {
		return 0, model.ValidationError{{Field: model.FieldHandoffFrom, Problem: "is required"}}
	}
	fail := func(err error) error { return fmt.Errorf("reassign the promises of %s: %w", from, err) }
	tx, err := s.begin(ctx, true)
	if err != nil {
		return 0, fail(err)
	}
	defer tx.Rollback()
	me, err := findMe(ctx, tx)
	if errors.Is(err, model.ErrNotFound) {
		return 0, fail(fmt.Errorf("nobody uses the record yet: take it over first: %w", err))
	}
	if err != nil {
		return 0, fail(err)
	}
	if strings.EqualFold(me.Name, from) {
		return 0, nil
	}
	ids, err := promisesOwnedBy(ctx, tx, from)
	if err != nil {
		return 0, fail(err)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return 0, fail(err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE follow_ups SET owner = ? WHERE id IN (SELECT value FROM json_each(?))`,
		me.Name, string(list)); err != nil {
		return 0, fail(dbError(err))
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO promise_reassignments (from_name, to_name, at, moved, follow_ups) VALUES (?, ?, ?, ?, ?)`,
		from, me.Name, formatTime(tx.now), len(ids), string(list)); err != nil {
		return 0, fail(dbError(err))
	}
	if err := tx.Commit(); err != nil {
		return 0, fail(err)
	}
	return len(ids), nil
}

// handoffStatus is what a change to a handoff checks first.
type handoffStatus struct {
	version  int
	created  time.Time
	finished bool
	at       time.Time // when it was finished
}

// handoffState reads a handoff's version and whether it is finished;
// ErrNotFound when it is not in the record.
func handoffState(ctx context.Context, tx *tx, id int64) (handoffStatus, error) {
	var st handoffStatus
	var created string
	var finished sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT version, created_at, finished_at FROM handoffs WHERE id = ?`, id).
		Scan(&st.version, &created, &finished)
	if errors.Is(err, sql.ErrNoRows) {
		return st, model.ErrNotFound
	}
	if err != nil {
		return st, err
	}
	if st.created, err = parseTime(created); err != nil {
		return st, err
	}
	if finished.Valid {
		st.finished = true
		st.at, err = parseTime(finished.String)
		st.at = st.at.In(tx.loc) // the day it says is the manager's
	}
	return st, err
}

// finishedError refuses to change a handoff that was handed over.
func finishedError(at time.Time) error {
	return fmt.Errorf("%w: it was handed over on %s and is kept as it was", model.ErrConflict, at.Format(time.DateOnly))
}

// pendingHandoff reads the handoff the record was bundled with; ErrNotFound
// when none is marked.
func pendingHandoff(ctx context.Context, tx *tx) (int64, error) {
	v, err := setting(ctx, tx, settingPendingTakeOver)
	if err != nil {
		return 0, err
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		// Edited by hand: nothing to take over rather than a record that
		// cannot be opened.
		return 0, model.ErrNotFound
	}
	return id, nil
}

// findHandoff reads a handoff at its latest version.
func findHandoff(ctx context.Context, tx *tx, id int64) (model.Handoff, error) {
	hs, err := queryHandoffs(ctx, tx, `SELECT `+handoffColumns+`
		FROM handoffs AS h JOIN handoff_versions AS v ON v.handoff_id = h.id AND v.version = h.version
		WHERE h.id = ?`, id)
	if err != nil {
		return model.Handoff{}, err
	}
	if len(hs) == 0 {
		return model.Handoff{}, model.ErrNotFound
	}
	return hs[0], nil
}

// queryHandoffs reads the handoffs a query selects (its columns
// handoffColumns), in its order.
func queryHandoffs(ctx context.Context, tx *tx, query string, args ...any) ([]model.Handoff, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hs []model.Handoff
	for rows.Next() {
		h, err := scanHandoff(rows, tx.loc)
		if err != nil {
			return nil, err
		}
		hs = append(hs, h)
	}
	return hs, rows.Err()
}

func scanHandoff(sc scanner, loc *time.Location) (model.Handoff, error) {
	var h model.Handoff
	var created, day, narrative, keys, saved string
	var finished sql.NullString
	if err := sc.Scan(&h.ID, &created, &finished, &h.Version, &h.From, &h.To, &day, &h.Tag,
		&narrative, &keys, &saved, &h.SavedBy); err != nil {
		return h, err
	}
	var err error
	if h.Date, err = time.ParseInLocation(time.DateOnly, day, loc); err != nil {
		return h, fmt.Errorf("stored day %q: %w", day, err)
	}
	if h.CreatedAt, err = parseTime(created); err != nil {
		return h, err
	}
	if h.UpdatedAt, err = parseTime(saved); err != nil {
		return h, err
	}
	if finished.Valid {
		if h.FinishedAt, err = parseTime(finished.String); err != nil {
			return h, err
		}
	}
	if err := json.Unmarshal([]byte(narrative), &h.Narrative); err != nil {
		return h, fmt.Errorf("stored narrative of handoff %d: %w", h.ID, err)
	}
	if err := json.Unmarshal([]byte(keys), &h.KeyMembers); err != nil {
		return h, fmt.Errorf("stored key members of handoff %d: %w", h.ID, err)
	}
	return h, nil
}
