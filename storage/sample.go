package storage

import (
	"context"
	"fmt"

	"rapport/model"
)

// LoadSample adds model.SampleCommunity, all or nothing, to a record that has
// no member yet, living or trashed; a record with members is refused
// (ErrConflict) so the sample never mixes with real people.
func (s *Store) LoadSample(ctx context.Context) error {
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("load sample: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM members`).Scan(&n); err != nil {
		return fmt.Errorf("load sample: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("load sample: %w: the record already holds members; the sample community goes only into an empty record", model.ErrConflict)
	}
	me, err := myName(ctx, tx)
	if err != nil {
		return fmt.Errorf("load sample: %w", err)
	}
	for _, m := range model.SampleCommunity(tx.now) {
		m.Normalize()
		if err := m.Validate(); err != nil {
			return fmt.Errorf("load sample: member %q: %w", m.Name, err)
		}
		// The sample may date its members in the past; what it leaves
		// unset is stamped as a new member would be.
		if m.CreatedAt.IsZero() {
			m.CreatedAt = tx.now
		}
		if m.UpdatedAt.IsZero() {
			m.UpdatedAt = m.CreatedAt
		}
		if m.CreatedBy == "" {
			m.CreatedBy = me
		}
		if err := insertMember(ctx, tx, &m); err != nil {
			return fmt.Errorf("load sample: member %q: %w", m.Name, dbError(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("load sample: %w", err)
	}
	return nil
}
