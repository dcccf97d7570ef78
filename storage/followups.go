package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"rapport/model"
)

// followUpColumns are what scanFollowUp reads, in its order.
const followUpColumns = `f.id, f.what, f.due, f.conversation_id, f.promise, f.status, f.status_changed_at,
	f.created_by, f.created_at, f.owner`

// FollowUp returns the follow-up with id, whatever its status, with its
// members.
func (s *Store) FollowUp(ctx context.Context, id int64) (model.FollowUp, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.FollowUp{}, fmt.Errorf("follow-up %d: %w", id, err)
	}
	defer tx.Rollback()
	f, err := findFollowUp(ctx, tx, id)
	if err != nil {
		return model.FollowUp{}, fmt.Errorf("follow-up %d: %w", id, err)
	}
	return f.FollowUp, nil
}

// FollowUps returns one page of follow-ups, soonest due first (then by id),
// with their members' names. Those whose members are all in the trash are
// left out, unless f asks for one member's or one conversation's.
func (s *Store) FollowUps(ctx context.Context, f model.FollowUpFilter) ([]model.FollowUpItem, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("follow-ups: %w", err)
	}
	defer tx.Rollback()
	query, args := followUpsQuery(f, tx.loc)
	fs, err := queryFollowUps(ctx, tx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("follow-ups: %w", err)
	}
	return fs, nil
}

// CountFollowUps counts what FollowUps returns for f without Offset and
// Limit.
func (s *Store) CountFollowUps(ctx context.Context, f model.FollowUpFilter) (int, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return 0, fmt.Errorf("count follow-ups: %w", err)
	}
	defer tx.Rollback()
	w := followUpWalk(f, tx.loc)
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+w.from, w.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count follow-ups: %w", err)
	}
	return n, nil
}

// OpenFollowUps returns every open follow-up, soonest due first, with its
// members' names, but those whose members are all in the trash: what a
// calendar export holds (storage/ical).
func (s *Store) OpenFollowUps(ctx context.Context) ([]model.FollowUpItem, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("open follow-ups: %w", err)
	}
	defer tx.Rollback()
	w := followUpWalk(model.FollowUpFilter{Status: model.FollowUpOpen}, tx.loc)
	fs, err := queryFollowUps(ctx, tx, `SELECT `+followUpColumns+` FROM `+w.from+` ORDER BY `+w.order, w.args...)
	if err != nil {
		return nil, fmt.Errorf("open follow-ups: %w", err)
	}
	return fs, nil
}

// CreateFollowUp normalizes and validates f, stamps it (created and status
// changed now, created by "me" unless f says by whom, open unless f gives a
// status, due on the day of f.Due in the manager's time zone) and adds it,
// setting f.ID and the stamps. A ValidationError comes back as it is; a
// member or conversation that is not in the record is ErrNotFound.
func (s *Store) CreateFollowUp(ctx context.Context, f *model.FollowUp) error {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("create follow-up: %w", err)
	}
	defer tx.Rollback()
	n := *f // f changes only once the follow-up is stored
	n.Due = model.Day(n.Due, tx.loc)
	n.CreatedAt, n.StatusChangedAt = tx.now, tx.now
	n.Owner = "" // up to the one who made it (insertFollowUp)
	if n.Status == "" {
		n.Status = model.FollowUpOpen
	}
	if n.CreatedBy == "" {
		if n.CreatedBy, err = myName(ctx, tx); err != nil {
			return fmt.Errorf("create follow-up: %w", err)
		}
	}
	if err := checkFollowUpLinks(ctx, tx, &n); err != nil {
		return fmt.Errorf("create follow-up: %w", err)
	}
	if err := insertFollowUp(ctx, tx, &n); err != nil {
		return fmt.Errorf("create follow-up: %w", dbError(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create follow-up: %w", dbError(err))
	}
	*f = n
	return nil
}

// UpdateFollowUp normalizes, validates and stores f in place of the
// follow-up with its id: what, due day, members, source conversation and
// whether it is a promise. It keeps when and by whom it was made and its
// status (SetFollowUpStatus changes that); f's stamps and status are set to
// what is stored.
func (s *Store) UpdateFollowUp(ctx context.Context, f *model.FollowUp) error {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("update follow-up %d: %w", f.ID, err)
	}
	defer tx.Rollback()
	old, err := findFollowUp(ctx, tx, f.ID)
	if err != nil {
		return fmt.Errorf("update follow-up %d: %w", f.ID, err)
	}
	n := *f
	n.Due = model.Day(n.Due, tx.loc)
	n.Status, n.StatusChangedAt, n.CreatedBy, n.CreatedAt = old.Status, old.StatusChangedAt, old.CreatedBy, old.CreatedAt
	n.Owner = old.Owner // ReassignPromises changes it
	if err := checkFollowUpLinks(ctx, tx, &n); err != nil {
		return fmt.Errorf("update follow-up %d: %w", f.ID, err)
	}
	// The members' copy of the due day follows by trigger.
	if _, err := tx.ExecContext(ctx, `
		UPDATE follow_ups SET what = ?, due = ?, conversation_id = ?, promise = ? WHERE id = ?`,
		n.What, n.Due.Format(time.DateOnly), nullID(n.ConversationID), n.Promise, n.ID); err != nil {
		return fmt.Errorf("update follow-up %d: %w", f.ID, dbError(err))
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM follow_up_members WHERE follow_up_id = ?`, n.ID); err != nil {
		return fmt.Errorf("update follow-up %d: %w", f.ID, dbError(err))
	}
	if err := insertFollowUpMembers(ctx, tx, &n); err != nil {
		return fmt.Errorf("update follow-up %d: %w", f.ID, dbError(err))
	}
	err = unindexFollowUp(ctx, tx, n.ID)
	if err == nil {
		err = indexFollowUp(ctx, tx, &n)
	}
	if err != nil {
		return fmt.Errorf("update follow-up %d: %w", f.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("update follow-up %d: %w", f.ID, dbError(err))
	}
	*f = n
	return nil
}

// SetFollowUpStatus marks a follow-up open, done or dropped, recording when.
// Done and dropped follow-ups stay in the record with that time, and can be
// opened again; setting the status it has changes nothing. Marking done a
// promise to tell a member the outcome of feedback records that they were
// told; leaving done takes that back.
func (s *Store) SetFollowUpStatus(ctx context.Context, id int64, status model.FollowUpStatus) error {
	switch status {
	case model.FollowUpOpen, model.FollowUpDone, model.FollowUpDropped:
	default:
		return model.ValidationError{{Field: model.FieldStatus, Problem: fmt.Sprintf("%q is not open, done or dropped", status)}}
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("set status of follow-up %d: %w", id, err)
	}
	defer tx.Rollback()
	old, err := findFollowUp(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("set status of follow-up %d: %w", id, err)
	}
	if old.Status == status {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE follow_ups SET status = ?, status_changed_at = ? WHERE id = ?`,
		status, formatTime(tx.now), id); err != nil {
		return fmt.Errorf("set status of follow-up %d: %w", id, dbError(err))
	}
	// A promise to tell a member the outcome of feedback, kept or taken
	// back, says whether they were told.
	if status == model.FollowUpDone || old.Status == model.FollowUpDone {
		if err := followLoopPromise(ctx, tx, id, status == model.FollowUpDone); err != nil {
			return fmt.Errorf("set status of follow-up %d: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("set status of follow-up %d: %w", id, err)
	}
	return nil
}

// checkFollowUpLinks returns ErrNotFound unless f's members and source
// conversation are in the record.
func checkFollowUpLinks(ctx context.Context, tx *tx, f *model.FollowUp) error {
	if err := checkMembers(ctx, tx, f.Members); err != nil {
		return err
	}
	if f.ConversationID == 0 {
		return nil
	}
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM conversations WHERE id = ?`, f.ConversationID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("conversation %d: %w", f.ConversationID, model.ErrNotFound)
	}
	return err
}

// insertFollowUp adds f as it is (stamps included) and sets f.ID. A new
// follow-up is up to the one who made it: its owner is left empty (see
// ReassignPromises).
func insertFollowUp(ctx context.Context, tx *tx, f *model.FollowUp) error {
	res, err := tx.exec(ctx, `
		INSERT INTO follow_ups (
			what, due, conversation_id, promise, status, status_changed_at, created_by, created_at
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		f.What, f.Due.Format(time.DateOnly), nullID(f.ConversationID), f.Promise, f.Status,
		formatTime(f.StatusChangedAt), f.CreatedBy, formatTime(f.CreatedAt))
	if err != nil {
		return err
	}
	if f.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if err := insertFollowUpMembers(ctx, tx, f); err != nil {
		return err
	}
	return indexFollowUp(ctx, tx, f)
}

// insertFollowUpMembers writes f's members in their order, each with a copy
// of the due day; a trigger hides f when they are all in the trash.
func insertFollowUpMembers(ctx context.Context, tx *tx, f *model.FollowUp) error {
	for i, id := range f.Members {
		if _, err := tx.exec(ctx, `
			INSERT INTO follow_up_members (follow_up_id, position, member_id, due) VALUES (?, ?, ?, ?)`,
			f.ID, i, id, f.Due.Format(time.DateOnly)); err != nil {
			return err
		}
	}
	return nil
}

func indexFollowUp(ctx context.Context, tx *tx, f *model.FollowUp) error {
	_, err := tx.exec(ctx, `INSERT INTO follow_up_search (rowid, what) VALUES (?, ?)`, f.ID, f.What)
	return err
}

func unindexFollowUp(ctx context.Context, tx *tx, id int64) error {
	_, err := tx.exec(ctx, `DELETE FROM follow_up_search WHERE rowid = ?`, id)
	return err
}

// nullID is NULL for 0, the id otherwise.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// findFollowUp reads one follow-up with its members.
func findFollowUp(ctx context.Context, tx *tx, id int64) (model.FollowUpItem, error) {
	fs, err := queryFollowUps(ctx, tx, `SELECT `+followUpColumns+` FROM follow_ups AS f WHERE f.id = ?`, id)
	if err != nil {
		return model.FollowUpItem{}, err
	}
	if len(fs) == 0 {
		return model.FollowUpItem{}, model.ErrNotFound
	}
	return fs[0], nil
}

// queryFollowUps reads the follow-ups a query selects (its columns
// followUpColumns) in its order, with their members; due days are days in
// the manager's time zone.
func queryFollowUps(ctx context.Context, tx *tx, query string, args ...any) ([]model.FollowUpItem, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var fs []model.FollowUpItem
	for rows.Next() {
		f, err := scanFollowUp(rows, tx.loc)
		if err != nil {
			return nil, err
		}
		fs = append(fs, model.FollowUpItem{FollowUp: f})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return fs, loadFollowUpMembers(ctx, tx, fs)
}

func scanFollowUp(sc scanner, loc *time.Location) (model.FollowUp, error) {
	var f model.FollowUp
	var due, changed, created string
	var conversation sql.NullInt64
	if err := sc.Scan(&f.ID, &f.What, &due, &conversation, &f.Promise, &f.Status, &changed,
		&f.CreatedBy, &created, &f.Owner); err != nil {
		return f, err
	}
	f.ConversationID = conversation.Int64
	var err error
	if f.Due, err = time.ParseInLocation(time.DateOnly, due, loc); err != nil {
		return f, fmt.Errorf("stored day %q: %w", due, err)
	}
	if f.StatusChangedAt, err = parseTime(changed); err != nil {
		return f, err
	}
	f.CreatedAt, err = parseTime(created)
	return f, err
}

// listFollowUpMembers reads the members of a page of follow-ups, given their
// ids as a JSON array, in each follow-up's order.
const listFollowUpMembers = `
	SELECT fm.follow_up_id, fm.member_id, m.name
	FROM follow_up_members AS fm JOIN members AS m ON m.id = fm.member_id
	WHERE fm.follow_up_id IN (SELECT value FROM json_each(?))
	ORDER BY fm.follow_up_id, fm.position`

// loadFollowUpMembers fills in the members of a page of follow-ups, and
// their names.
func loadFollowUpMembers(ctx context.Context, tx *tx, fs []model.FollowUpItem) error {
	byID := make(map[int64]*model.FollowUpItem, len(fs))
	ids := make([]int64, len(fs))
	for i := range fs {
		byID[fs[i].ID] = &fs[i]
		ids[i] = fs[i].ID
	}
	return loadPeople(ctx, tx, listFollowUpMembers, ids, func(id, member int64, name string) {
		f := byID[id]
		f.Members = append(f.Members, member)
		f.Names = append(f.Names, name)
	})
}

// followUpsQuery is the query behind FollowUps: the page's ids come from a
// walk of an index in list order (a member's follow-ups, those of one
// status, or all), or the few of one conversation, then the rows are read.
func followUpsQuery(f model.FollowUpFilter, loc *time.Location) (string, []any) {
	limit, offset := f.Limit, max(f.Offset, 0)
	if limit <= 0 {
		limit = model.DefaultPageSize
	}
	w := followUpWalk(f, loc)
	return `SELECT ` + followUpColumns + ` FROM (
			SELECT ` + w.id + ` AS id FROM ` + w.from + `
			ORDER BY ` + w.order + ` LIMIT ? OFFSET ?
		) AS page
		CROSS JOIN follow_ups AS f ON f.id = page.id
		ORDER BY f.due, f.id`, append(w.args, limit, offset)
}

func followUpWalk(f model.FollowUpFilter, loc *time.Location) walk {
	var w walk
	var conds []string
	add := func(cond string, arg any) {
		conds = append(conds, cond)
		w.args = append(w.args, arg)
	}
	due := "f.due"
	if f.MemberID != 0 {
		// One member's follow-ups, even those hidden with them in the trash.
		w.from = `follow_up_members AS fm INDEXED BY follow_up_members_member
			CROSS JOIN follow_ups AS f ON f.id = fm.follow_up_id`
		w.id, w.order, due = "fm.follow_up_id", "fm.due, fm.follow_up_id", "fm.due"
		add("fm.member_id = ?", f.MemberID)
		if f.Status != "" {
			add("f.status = ?", f.Status)
		}
		if f.ConversationID != 0 {
			add("f.conversation_id = ?", f.ConversationID)
		}
	} else if f.ConversationID != 0 {
		// What came of one conversation, even for members in the trash, as
		// for one member's: few rows, sorted once found.
		w.from = `follow_ups AS f INDEXED BY follow_ups_conversation`
		w.id, w.order = "f.id", "f.due, f.id"
		add("f.conversation_id = ?", f.ConversationID)
		if f.Status != "" {
			add("f.status = ?", f.Status)
		}
	} else {
		// In the words of the indexes' WHERE, so that SQLite can use them.
		conds = append(conds, "f.hidden = 0")
		w.id, w.order = "f.id", "f.due, f.id"
		if f.Status != "" {
			w.from = `follow_ups AS f INDEXED BY follow_ups_status`
			add("f.status = ?", f.Status)
		} else {
			w.from = `follow_ups AS f INDEXED BY follow_ups_due`
		}
	}
	if f.Promise {
		conds = append(conds, "f.promise = 1")
	}
	if !f.DueBefore.IsZero() {
		add(due+" < ?", model.Day(f.DueBefore, loc).Format(time.DateOnly))
	}
	w.from += ` WHERE ` + strings.Join(conds, " AND ")
	return w
}
