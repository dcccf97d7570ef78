package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"rapport/model"
)

// memberColumns are what scanMember reads, in its order.
const memberColumns = `m.id, m.name, m.pronouns, m.organisation, m.role, m.location, m.time_zone,
	m.how_we_met, m.cares_about, m.notes, m.private_notes, m.cadence_days, m.uid, m.birthday,
	m.created_at, m.updated_at, m.created_by, m.trashed_at, m.last_contacted, m.snooze_until`

// Member returns the member with id, living or in the trash.
func (s *Store) Member(ctx context.Context, id int64) (model.Member, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.Member{}, fmt.Errorf("member %d: %w", id, err)
	}
	defer tx.Rollback()
	return findMember(ctx, tx, id)
}

// Members returns one page of living members, or of the trash, sorted by name
// without case and then by id, so that pages neither overlap nor skip.
func (s *Store) Members(ctx context.Context, f model.MemberFilter) ([]model.Member, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("members: %w", err)
	}
	defer tx.Rollback()
	query, args := pageQuery(f)
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("members: %w", err)
	}
	defer rows.Close()
	var ms []model.Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, fmt.Errorf("members: %w", err)
		}
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("members: %w", err)
	}
	if err := loadLists(ctx, tx, ms); err != nil {
		return nil, fmt.Errorf("members: %w", err)
	}
	return ms, nil
}

// CountMembers counts what Members returns for f without Offset and Limit.
func (s *Store) CountMembers(ctx context.Context, f model.MemberFilter) (int, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return 0, fmt.Errorf("count members: %w", err)
	}
	defer tx.Rollback()
	query, args := countQuery(f)
	var n int
	if err := tx.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count members: %w", err)
	}
	return n, nil
}

// CreateMember normalizes and validates m, stamps it (created and updated now,
// created by "me" unless m says by whom) and adds it living to the record,
// setting m.ID and the stamps. A ValidationError comes back as it is.
func (s *Store) CreateMember(ctx context.Context, m *model.Member) error {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return err
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("create member %q: %w", m.Name, err)
	}
	defer tx.Rollback()
	c := *m // m changes only once the member is stored
	c.CreatedAt, c.UpdatedAt, c.TrashedAt = tx.now, tx.now, time.Time{}
	if c.CreatedBy == "" {
		if c.CreatedBy, err = myName(ctx, tx); err != nil {
			return fmt.Errorf("create member %q: %w", c.Name, err)
		}
	}
	if err := insertMember(ctx, tx, &c); err != nil {
		return fmt.Errorf("create member %q: %w", c.Name, dbError(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create member %q: %w", c.Name, dbError(err))
	}
	*m = c
	return nil
}

// UpdateMember normalizes, validates and stores m in place of the member with
// its id, keeping when and by whom it was created, whether it is in the
// trash, and its UID when m has none; m's stamps are set to what is stored.
func (s *Store) UpdateMember(ctx context.Context, m *model.Member) error {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return err
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("update member %d: %w", m.ID, err)
	}
	defer tx.Rollback()
	c := *m
	if err := updateMember(ctx, tx, &c); err != nil {
		return fmt.Errorf("update member %d: %w", m.ID, dbError(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("update member %d: %w", m.ID, dbError(err))
	}
	*m = c
	return nil
}

func updateMember(ctx context.Context, tx *tx, m *model.Member) error {
	old, err := memberState(ctx, tx, m.ID)
	if err != nil {
		return err
	}
	m.CreatedAt, m.CreatedBy, m.TrashedAt, m.UpdatedAt = old.CreatedAt, old.CreatedBy, old.TrashedAt, tx.now
	m.LastContacted, m.SnoozeUntil = old.LastContacted, old.SnoozeUntil
	if m.UID == "" {
		m.UID = old.UID
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE members SET
			name = ?, pronouns = ?, organisation = ?, role = ?, location = ?, time_zone = ?,
			how_we_met = ?, cares_about = ?, notes = ?, private_notes = ?, cadence_days = ?,
			uid = ?, birthday = ?, updated_at = ?
		WHERE id = ?`,
		m.Name, m.Pronouns, m.Organisation, m.Role, m.Location, m.TimeZone,
		m.HowWeMet, m.CaresAbout, m.Notes, m.PrivateNotes, m.CadenceDays,
		m.UID, m.Birthday, formatTime(m.UpdatedAt), m.ID); err != nil {
		return err
	}
	for _, table := range []string{"member_emails", "member_phones", "member_identities", "member_tags", "member_cards"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE member_id = ?`, m.ID); err != nil {
			return err
		}
	}
	if err := insertLists(ctx, tx, m); err != nil {
		return err
	}
	if err := unindexMember(ctx, tx, m.ID); err != nil {
		return err
	}
	if err := indexMember(ctx, tx, m); err != nil {
		return err
	}
	// The cadence or the tags may have changed.
	return refreshCheckIns(ctx, tx, "m.id = ?", m.ID)
}

// TrashMember moves a member to the trash, from where it can be restored.
// Trashing a member already there changes nothing.
func (s *Store) TrashMember(ctx context.Context, id int64) error {
	return s.setTrashed(ctx, id, true)
}

// RestoreMember brings a member back from the trash. Restoring a living
// member changes nothing.
func (s *Store) RestoreMember(ctx context.Context, id int64) error {
	return s.setTrashed(ctx, id, false)
}

func (s *Store) setTrashed(ctx context.Context, id int64, trash bool) error {
	verb := "restore"
	if trash {
		verb = "trash"
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("%s member %d: %w", verb, id, err)
	}
	defer tx.Rollback()
	old, err := memberState(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("%s member %d: %w", verb, id, err)
	}
	if old.InTrash() == trash {
		return nil
	}
	var at any // NULL restores
	if trash {
		at = formatTime(tx.now)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE members SET trashed_at = ? WHERE id = ?`, at, id); err != nil {
		return fmt.Errorf("%s member %d: %w", verb, id, dbError(err))
	}
	// The member moves to the other search index; the trash is searched on
	// its own. Their feedback quotes leave the search with them, and come
	// back with them.
	m, err := findMember(ctx, tx, id)
	if err == nil {
		err = unindexMember(ctx, tx, id)
	}
	if err == nil {
		err = indexMember(ctx, tx, &m)
	}
	if err == nil {
		err = reindexMemberFeedback(ctx, tx, id)
	}
	if err != nil {
		return fmt.Errorf("%s member %d: %w", verb, id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s member %d: %w", verb, id, err)
	}
	return nil
}

// PurgeMember removes a trashed member for good, with everything listed on
// them: what was theirs alone (conversations, follow-ups, feedback only they
// raised) goes, what they shared stays without them. A living member must be
// trashed first (ErrConflict).
func (s *Store) PurgeMember(ctx context.Context, id int64) error {
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("purge member %d: %w", id, err)
	}
	defer tx.Rollback()
	old, err := memberState(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("purge member %d: %w", id, err)
	}
	if !old.InTrash() {
		return fmt.Errorf("purge member %d: %w: only a member in the trash can be removed for good", id, model.ErrConflict)
	}
	if err := purgeOnlyTheirs(ctx, tx, id); err != nil {
		return fmt.Errorf("purge member %d: %w", id, err)
	}
	if err := purgeFeedbackOnlyTheirs(ctx, tx, id); err != nil {
		return fmt.Errorf("purge member %d: %w", id, err)
	}
	// The lists go with the member (ON DELETE CASCADE), and so do their
	// places in conversations and follow-ups shared with others, and their
	// raises of feedback others raised too (which the search left out since
	// they went to the trash).
	if _, err := tx.ExecContext(ctx, `DELETE FROM members WHERE id = ?`, id); err != nil {
		return fmt.Errorf("purge member %d: %w", id, dbError(err))
	}
	if err := unindexMember(ctx, tx, id); err != nil {
		return fmt.Errorf("purge member %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("purge member %d: %w", id, err)
	}
	return nil
}

// Tags lists the tags living members carry, each once whatever its case,
// sorted without case.
func (s *Store) Tags(ctx context.Context) ([]string, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("tags: %w", err)
	}
	defer tx.Rollback()
	// tag is COLLATE NOCASE, so grouping and sorting ignore case; the
	// member's trash state is copied into member_tags.
	rows, err := tx.QueryContext(ctx, `
		SELECT min(tag) FROM member_tags
		WHERE member_trashed = 0
		GROUP BY tag
		ORDER BY tag`)
	if err != nil {
		return nil, fmt.Errorf("tags: %w", err)
	}
	defer rows.Close()
	var tags []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("tags: %w", err)
		}
		tags = append(tags, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("tags: %w", err)
	}
	return tags, nil
}

// findMember reads one member with its lists.
func findMember(ctx context.Context, tx *tx, id int64) (model.Member, error) {
	m, err := scanMember(tx.QueryRowContext(ctx, `SELECT `+memberColumns+` FROM members AS m WHERE m.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Member{}, fmt.Errorf("member %d: %w", id, model.ErrNotFound)
	}
	if err != nil {
		return model.Member{}, fmt.Errorf("member %d: %w", id, err)
	}
	ms := []model.Member{m}
	if err := loadLists(ctx, tx, ms); err != nil {
		return model.Member{}, fmt.Errorf("member %d: %w", id, err)
	}
	return ms[0], nil
}

// memberState reads what a change keeps of a member: its stamps, UID and
// whether it is in the trash; ErrNotFound when there is no member id.
func memberState(ctx context.Context, tx *tx, id int64) (model.Member, error) {
	var m model.Member
	var created string
	var trashed, last, snooze sql.NullString
	err := tx.QueryRowContext(ctx, `
		SELECT created_at, created_by, uid, trashed_at, last_contacted, snooze_until FROM members WHERE id = ?`, id).
		Scan(&created, &m.CreatedBy, &m.UID, &trashed, &last, &snooze)
	if errors.Is(err, sql.ErrNoRows) {
		return m, model.ErrNotFound
	}
	if err != nil {
		return m, err
	}
	if m.CreatedAt, err = parseTime(created); err != nil {
		return m, err
	}
	if trashed.Valid {
		m.TrashedAt, err = parseTime(trashed.String)
	}
	if err == nil {
		m.LastContacted, m.SnoozeUntil, err = keepInTouchTimes(last, snooze)
	}
	return m, err
}

type scanner interface{ Scan(dest ...any) error }

// eachRow runs query, with arg unless nil, and hands each row to scan.
func eachRow(ctx context.Context, tx *tx, query string, arg any, scan func(scanner) error) error {
	args := []any{arg}
	if arg == nil {
		args = nil
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func scanMember(sc scanner) (model.Member, error) {
	var m model.Member
	var created, updated string
	var trashed, last, snooze sql.NullString
	if err := sc.Scan(&m.ID, &m.Name, &m.Pronouns, &m.Organisation, &m.Role, &m.Location, &m.TimeZone,
		&m.HowWeMet, &m.CaresAbout, &m.Notes, &m.PrivateNotes, &m.CadenceDays, &m.UID, &m.Birthday,
		&created, &updated, &m.CreatedBy, &trashed, &last, &snooze); err != nil {
		return m, err
	}
	var err error
	if m.CreatedAt, err = parseTime(created); err != nil {
		return m, err
	}
	if m.UpdatedAt, err = parseTime(updated); err != nil {
		return m, err
	}
	if trashed.Valid {
		m.TrashedAt, err = parseTime(trashed.String)
	}
	if err == nil {
		m.LastContacted, m.SnoozeUntil, err = keepInTouchTimes(last, snooze)
	}
	return m, err
}

// insertMember adds m as it is (stamps included), giving it a UID when it
// has none, and sets m.ID.
func insertMember(ctx context.Context, tx *tx, m *model.Member) error {
	if err := insertMemberRows(ctx, tx, m); err != nil {
		return err
	}
	return indexMember(ctx, tx, m)
}

// insertMemberRows is insertMember without the search index, for adding
// many members at once: they are indexed together afterwards, since FTS5
// writes its pending index out each time another statement of the
// transaction begins.
func insertMemberRows(ctx context.Context, tx *tx, m *model.Member) error {
	if err := insertMemberRow(ctx, tx, m); err != nil {
		return err
	}
	return insertLists(ctx, tx, m)
}

// insertMemberRow is insertMemberRows without the lists (insertListsOf
// writes those of many members at once).
func insertMemberRow(ctx context.Context, tx *tx, m *model.Member) error {
	var trashed any
	if m.InTrash() {
		trashed = formatTime(m.TrashedAt)
	}
	if m.UID == "" {
		m.UID = newUID()
	}
	checkIn, err := firstCheckIn(ctx, tx, m)
	if err != nil {
		return err
	}
	res, err := tx.exec(ctx, `
		INSERT INTO members (
			name, pronouns, organisation, role, location, time_zone,
			how_we_met, cares_about, notes, private_notes, cadence_days, uid, birthday,
			created_at, updated_at, created_by, trashed_at, check_in_at
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.Name, m.Pronouns, m.Organisation, m.Role, m.Location, m.TimeZone,
		m.HowWeMet, m.CaresAbout, m.Notes, m.PrivateNotes, m.CadenceDays, m.UID, m.Birthday,
		formatTime(m.CreatedAt), formatTime(m.UpdatedAt), m.CreatedBy, trashed, formatTime(checkIn))
	if err != nil {
		return err
	}
	m.ID, err = res.LastInsertId()
	return err
}

// newUID is a random (version 4) UUID as a vCard UID.
func newUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
