package storage

import (
	"context"
	"fmt"
	"time"

	"rapport/model"
)

// LoadSample adds model.SampleCommunity and its two years of conversations
// and follow-ups (model.SampleHistory), its product teams and the feedback
// its members raised (model.SampleFeedback), all or nothing, to a record that has
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
	if err := insertSampleFeedback(ctx, tx, members, convs, ids, now, me); err != nil {
		return err
	}
	all := make([]int64, len(members))
	for i, m := range members {
		all[i] = m.ID
	}
	return refreshContacts(ctx, tx, all)
}

// insertSampleFeedback adds the sample's product teams and feedback
// (model.SampleFeedback) as if the manager had recorded and moved each item
// on its day: its history, the promises that closed its loop, and the
// members told. convs are the sample's conversations, ids their record IDs.
func insertSampleFeedback(ctx context.Context, tx *tx, members []model.Member, convs []model.Conversation, ids map[int64]int64, now time.Time, me string) error {
	var teams []int64
	for _, t := range model.SampleTeams() {
		t.Normalize()
		if err := t.Validate(); err != nil {
			return fmt.Errorf("team %q: %w", t.Name, err)
		}
		t.CreatedAt, t.UpdatedAt = now.AddDate(-2, 0, 0), now.AddDate(-2, 0, 0)
		if err := insertTeam(ctx, tx, &t); err != nil {
			return fmt.Errorf("team %q: %w", t.Name, teamError(err, t.Name))
		}
		teams = append(teams, t.ID)
	}
	var items []model.Feedback
	for _, it := range model.SampleFeedback(members, convs, now) {
		f := it.Feedback
		f.Normalize()
		if err := f.Validate(); err != nil {
			return fmt.Errorf("feedback %q: %w", f.Title, err)
		}
		f.TeamID = teams[f.TeamID-1]
		f.CreatedBy, f.UpdatedAt, f.StatusChangedAt = me, f.CreatedAt, f.CreatedAt
		if err := insertFeedback(ctx, tx, &f); err != nil {
			return fmt.Errorf("feedback %q: %w", f.Title, dbError(err))
		}
		if _, err := insertChange(ctx, tx, model.StatusChange{FeedbackID: f.ID, To: f.Status, By: me, At: f.CreatedAt}); err != nil {
			return fmt.Errorf("feedback %q: %w", f.Title, dbError(err))
		}
		for _, r := range it.Raises {
			r.Normalize()
			if err := r.Validate(); err != nil {
				return fmt.Errorf("raise of %q: %w", f.Title, err)
			}
			r.FeedbackID, r.ConversationID, r.CreatedAt = f.ID, ids[r.ConversationID], r.Date
			if err := addRaise(ctx, tx, &r); err != nil {
				return fmt.Errorf("raise of %q: %w", f.Title, err)
			}
		}
		for _, mv := range it.Moves {
			var err error
			if mv.DuplicateOf != 0 {
				err = markDuplicate(ctx, tx, &f, items[mv.DuplicateOf-1], me, mv.At)
			} else if err = f.CheckMove(mv.To); err == nil {
				var raisers []model.Raiser
				if raisers, err = loopRaisers(ctx, tx, f.ID); err == nil {
					_, err = moveStatus(ctx, tx, &f, mv.To, mv.Note, 0, me, mv.At, raisers, "")
				}
			}
			if err != nil {
				return fmt.Errorf("feedback %q to %s: %w", f.Title, mv.To, err)
			}
		}
		for _, m := range it.Told {
			if _, err := tell(ctx, tx, f.ID, m, true, it.ToldAt); err != nil {
				return fmt.Errorf("feedback %q told: %w", f.Title, err)
			}
		}
		if err := reindexFeedback(ctx, tx, f.ID); err != nil {
			return err
		}
		items = append(items, f)
	}
	return nil
}
