package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	sqlite3 "modernc.org/sqlite/lib"

	"rapport/model"
)

// teamColumns are what scanTeam reads, in its order.
const teamColumns = `t.id, t.name, t.contact, t.reach, t.created_at, t.updated_at, t.archived_at`

// Teams returns the product teams sorted by name without case; archived
// ones only when asked.
func (s *Store) Teams(ctx context.Context, withArchived bool) ([]model.ProductTeam, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("teams: %w", err)
	}
	defer tx.Rollback()
	query := `SELECT ` + teamColumns + ` FROM product_teams AS t`
	if !withArchived {
		query += ` WHERE t.archived_at IS NULL`
	}
	rows, err := tx.QueryContext(ctx, query+` ORDER BY t.name COLLATE NOCASE, t.id`)
	if err != nil {
		return nil, fmt.Errorf("teams: %w", err)
	}
	defer rows.Close()
	var ts []model.ProductTeam
	for rows.Next() {
		t, err := scanTeam(rows)
		if err != nil {
			return nil, fmt.Errorf("teams: %w", err)
		}
		ts = append(ts, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("teams: %w", err)
	}
	return ts, nil
}

// Team returns the product team with id, archived or not.
func (s *Store) Team(ctx context.Context, id int64) (model.ProductTeam, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.ProductTeam{}, fmt.Errorf("team %d: %w", id, err)
	}
	defer tx.Rollback()
	t, err := findTeam(ctx, tx, id)
	if err != nil {
		return model.ProductTeam{}, fmt.Errorf("team %d: %w", id, err)
	}
	return t, nil
}

// TeamByName returns the product team called name, compared without case
// and with its spaces as model.ProductTeam.Normalize leaves them, archived
// or not; ErrNotFound when there is none.
func (s *Store) TeamByName(ctx context.Context, name string) (model.ProductTeam, error) {
	name = strings.Join(strings.Fields(name), " ")
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.ProductTeam{}, fmt.Errorf("team %q: %w", name, err)
	}
	defer tx.Rollback()
	t, err := scanTeam(tx.QueryRowContext(ctx, `SELECT `+teamColumns+` FROM product_teams AS t WHERE t.name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return model.ProductTeam{}, fmt.Errorf("team %q: %w", name, model.ErrNotFound)
	}
	if err != nil {
		return model.ProductTeam{}, fmt.Errorf("team %q: %w", name, err)
	}
	return t, nil
}

// CreateTeam normalizes, validates and adds t, setting t.ID and its stamps.
// A name the record has already (without case) is ErrConflict.
func (s *Store) CreateTeam(ctx context.Context, t *model.ProductTeam) error {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return err
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("create team %q: %w", t.Name, err)
	}
	defer tx.Rollback()
	n := *t
	n.CreatedAt, n.UpdatedAt = tx.now, tx.now
	if err := insertTeam(ctx, tx, &n); err != nil {
		return fmt.Errorf("create team %q: %w", t.Name, teamError(err, n.Name))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create team %q: %w", t.Name, err)
	}
	*t = n
	return nil
}

// UpdateTeam normalizes, validates and stores t in place of the team with
// its id: name, contact and reach; whether it is archived stays
// (SetTeamArchived changes that). t's stamps are set to what is stored.
func (s *Store) UpdateTeam(ctx context.Context, t *model.ProductTeam) error {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return err
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("update team %d: %w", t.ID, err)
	}
	defer tx.Rollback()
	old, err := findTeam(ctx, tx, t.ID)
	if err != nil {
		return fmt.Errorf("update team %d: %w", t.ID, err)
	}
	n := *t
	n.CreatedAt, n.ArchivedAt, n.UpdatedAt = old.CreatedAt, old.ArchivedAt, tx.now
	if _, err := tx.ExecContext(ctx, `UPDATE product_teams SET name = ?, contact = ?, reach = ?, updated_at = ? WHERE id = ?`,
		n.Name, n.Contact, n.Reach, formatTime(n.UpdatedAt), n.ID); err != nil {
		return fmt.Errorf("update team %d: %w", t.ID, teamError(err, n.Name))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("update team %d: %w", t.ID, err)
	}
	*t = n
	return nil
}

// SetTeamArchived archives a team, or brings it back. An archived team
// keeps the feedback that points at it and is offered for no new item.
// Archiving an archived team changes nothing, nor restoring a living one.
func (s *Store) SetTeamArchived(ctx context.Context, id int64, archived bool) error {
	verb := "restore"
	if archived {
		verb = "archive"
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("%s team %d: %w", verb, id, err)
	}
	defer tx.Rollback()
	old, err := findTeam(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("%s team %d: %w", verb, id, err)
	}
	if old.Archived() == archived {
		return nil
	}
	var at any // NULL brings it back
	if archived {
		at = formatTime(tx.now)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE product_teams SET archived_at = ?, updated_at = ? WHERE id = ?`,
		at, formatTime(tx.now), id); err != nil {
		return fmt.Errorf("%s team %d: %w", verb, id, dbError(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s team %d: %w", verb, id, err)
	}
	return nil
}

// DeleteTeam removes a team no feedback points at, deleted items included;
// while some does it is ErrConflict, saying how many: archive it instead.
func (s *Store) DeleteTeam(ctx context.Context, id int64) error {
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("delete team %d: %w", id, err)
	}
	defer tx.Rollback()
	t, err := findTeam(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("delete team %d: %w", id, err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM feedback INDEXED BY feedback_team WHERE team_id = ?`, id).Scan(&n); err != nil {
		return fmt.Errorf("delete team %q: %w", t.Name, err)
	}
	if n > 0 {
		items := "feedback items are"
		if n == 1 {
			items = "feedback item is"
		}
		return fmt.Errorf("delete team %q: %w: %d %s for it (the deleted ones count too); archive the team instead",
			t.Name, model.ErrConflict, n, items)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM product_teams WHERE id = ?`, id); err != nil {
		return fmt.Errorf("delete team %q: %w", t.Name, dbError(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("delete team %q: %w", t.Name, err)
	}
	return nil
}

// insertTeam adds t as it is (stamps included) and sets t.ID.
func insertTeam(ctx context.Context, tx *tx, t *model.ProductTeam) error {
	var archived any
	if t.Archived() {
		archived = formatTime(t.ArchivedAt)
	}
	res, err := tx.exec(ctx, `
		INSERT INTO product_teams (name, contact, reach, created_at, updated_at, archived_at) VALUES (?, ?, ?, ?, ?, ?)`,
		t.Name, t.Contact, t.Reach, formatTime(t.CreatedAt), formatTime(t.UpdatedAt), archived)
	if err != nil {
		return err
	}
	t.ID, err = res.LastInsertId()
	return err
}

// teamError says which name is taken when a team's name is (the only
// constraint a valid team can break).
func teamError(err error, name string) error {
	if sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT {
		return fmt.Errorf("%w: a team named %q is in the record already (archived ones too)", model.ErrConflict, name)
	}
	return err
}

// findTeam reads one team; ErrNotFound when there is none.
func findTeam(ctx context.Context, tx *tx, id int64) (model.ProductTeam, error) {
	t, err := scanTeam(tx.QueryRowContext(ctx, `SELECT `+teamColumns+` FROM product_teams AS t WHERE t.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, model.ErrNotFound
	}
	return t, err
}

func scanTeam(sc scanner) (model.ProductTeam, error) {
	var t model.ProductTeam
	var created, updated string
	var archived sql.NullString
	if err := sc.Scan(&t.ID, &t.Name, &t.Contact, &t.Reach, &created, &updated, &archived); err != nil {
		return t, err
	}
	var err error
	if t.CreatedAt, err = parseTime(created); err != nil {
		return t, err
	}
	if t.UpdatedAt, err = parseTime(updated); err != nil {
		return t, err
	}
	t.ArchivedAt, err = parseNullTime(archived)
	return t, err
}
