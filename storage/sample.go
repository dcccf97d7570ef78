package storage

import (
	"context"
	"fmt"
	"time"

	"rapport/model"
)

// LoadSample adds model.SampleCommunity and its two years of conversations
// and follow-ups (model.SampleHistory), all or nothing, to a record that has
// no member yet, living or trashed; a record with members is refused
// (ErrConflict) so the sample never mixes with real people. The manager
// ("me") handled the conversations and made the follow-ups, and each
// member's keep-in-touch state follows from them as after logging them.
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
	now := tx.now.In(tx.loc)
	var members []model.Member
	for _, m := range model.SampleCommunity(now) {
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
		members = append(members, m)
	}
	if err := insertSampleHistory(ctx, tx, members, now, me); err != nil {
		return fmt.Errorf("load sample: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("load sample: %w", err)
	}
	return nil
}

// insertSampleHistory adds the history of the sample members, handled and
// made by me, and brings their keep-in-touch state up to date.
func insertSampleHistory(ctx context.Context, tx *tx, members []model.Member, now time.Time, me string) error {
	convs, fus := model.SampleHistory(members, now)
	ids := make(map[int64]int64, len(convs)) // the sample's IDs to the record's
	for _, c := range convs {
		sampleID := c.ID
		c.Normalize()
		if err := c.Validate(); err != nil {
			return fmt.Errorf("conversation %q: %w", c.Subject, err)
		}
		if c.HandledBy == "" {
			c.HandledBy = me
		}
		c.At = c.At.UTC()
		if err := insertConversation(ctx, tx, &c); err != nil {
			return fmt.Errorf("conversation %q: %w", c.Subject, dbError(err))
		}
		ids[sampleID] = c.ID
	}
	for _, f := range fus {
		f.Normalize()
		if err := f.Validate(); err != nil {
			return fmt.Errorf("follow-up %q: %w", f.What, err)
		}
		if f.ConversationID != 0 {
			f.ConversationID = ids[f.ConversationID]
		}
		if f.CreatedBy == "" {
			f.CreatedBy = me
		}
		f.Due = model.Day(f.Due, tx.loc)
		if err := insertFollowUp(ctx, tx, &f); err != nil {
			return fmt.Errorf("follow-up %q: %w", f.What, dbError(err))
		}
	}
	all := make([]int64, len(members))
	for i, m := range members {
		all[i] = m.ID
	}
	return refreshContacts(ctx, tx, all)
}
