package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"rapport/model"
)

// LargeSizes says how much a generated record holds: Feedback items raised
// Quotes times in all.
type LargeSizes struct {
	Members, Conversations, FollowUps int
	Feedback, Quotes                  int
}

// LargeRecord is the large record the performance budgets are measured on
// (DESIGN.md): 20,000 members, 200,000 conversations, 50,000 follow-ups,
// 10,000 feedback items with 50,000 quotes.
var LargeRecord = LargeSizes{Members: 20_000, Conversations: 200_000, FollowUps: 50_000, Feedback: 10_000, Quotes: 50_000}

// LargeProgress says how far LoadLarge has come: what it added of Sizes so
// far, and for how many members it has brought the keep-in-touch state up
// to date (Sizes.Members in the end), the last step.
type LargeProgress struct {
	Members, Conversations, FollowUps, Contacts int
	Feedback, Quotes                            int
	Sizes                                       LargeSizes
}

// largeBatch is how many rows LoadLarge adds between two reports of its
// progress, and how many members' keep-in-touch state it computes.
const largeBatch = 5_000

// LoadLarge fills a record that has no member yet, living or trashed, with a
// generated community of the given sizes (LargeRecord for the design's large
// record), all or nothing, in one transaction; a record with members is
// refused (ErrConflict). The community is the same on every call with the
// same clock: members with names made of syllables, tags, identities and
// cadences; conversations over the last two years at each member's own
// rhythm, some with several members and some broken off; follow-ups that
// came of them, most done; product teams and feedback raised in those
// conversations and elsewhere, most of it closed and told. Members are
// added as an import adds them and conversations, follow-ups and feedback
// many rows per statement, and then every
// member's keep-in-touch state is computed by the rules that logging a
// conversation applies, so that the record is as if typed in by hand.
// progress, when not nil, is called now and then with how far it has come;
// cancelling ctx stops the load and leaves the record as it was.
func (s *Store) LoadLarge(ctx context.Context, sizes LargeSizes, progress func(LargeProgress)) error {
	if sizes.Members < 0 || sizes.Conversations < 0 || sizes.FollowUps < 0 || sizes.Feedback < 0 || sizes.Quotes < 0 ||
		sizes.Members == 0 && sizes.Conversations+sizes.FollowUps+sizes.Feedback > 0 {
		return fmt.Errorf("load large record: %w: sizes %+v: conversations, follow-ups and feedback need members", model.ErrInvalid, sizes)
	}
	if sizes.Quotes > 0 && sizes.Feedback == 0 {
		return fmt.Errorf("load large record: %w: sizes %+v: quotes need feedback items", model.ErrInvalid, sizes)
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("load large record: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM members`).Scan(&n); err != nil {
		return fmt.Errorf("load large record: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("load large record: %w: the record already holds members; the large record goes only into an empty record", model.ErrConflict)
	}
	me, err := myName(ctx, tx)
	if err != nil {
		return fmt.Errorf("load large record: %w", err)
	}
	l := &largeLoad{tx: tx, progress: progress, p: LargeProgress{Sizes: sizes}}
	l.data = generateLarge(sizes, tx.now.In(tx.loc), me)
	for _, step := range []func(context.Context) error{l.members, l.conversations, l.followUps, l.feedback, l.contacts} {
		if err := step(ctx); err != nil {
			return fmt.Errorf("load large record: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("load large record: %w", err)
	}
	return nil
}

// largeLoad is one run of LoadLarge.
type largeLoad struct {
	tx       *tx
	data     largeData
	ids      []int64 // the record's id of each generated member, in order
	convBase int64   // what the generated conversations' ids are moved by
	progress func(LargeProgress)
	p        LargeProgress
}

// report passes the progress on, and says whether to go on.
func (l *largeLoad) report(ctx context.Context) error {
	if l.progress != nil {
		l.progress(l.p)
	}
	return ctx.Err()
}

// members adds the members as an import does: each one's rows, then the
// search index in one run (insertMemberRows says why).
func (l *largeLoad) members(ctx context.Context) error {
	ms := l.data.members
	l.ids = make([]int64, len(ms))
	for i := range ms {
		m := &ms[i]
		m.Normalize()
		if err := m.Validate(); err != nil {
			return fmt.Errorf("member %q: %w", m.Name, err)
		}
		if err := insertMemberRows(ctx, l.tx, m); err != nil {
			return fmt.Errorf("member %q: %w", m.Name, dbError(err))
		}
		l.ids[i] = m.ID
		if (i+1)%largeBatch == 0 {
			l.p.Members = i + 1
			if err := l.report(ctx); err != nil {
				return err
			}
		}
	}
	for i := range ms {
		if err := indexMember(ctx, l.tx, &ms[i]); err != nil {
			return err
		}
	}
	l.p.Members = len(ms)
	return l.report(ctx)
}

// conversations adds the conversations and their participants, many per
// statement, with the copies of time and trash state insertParticipants
// writes; then indexes them for search as indexConversation does.
func (l *largeLoad) conversations(ctx context.Context) error {
	base, err := nextIDs(ctx, l.tx, "conversations")
	if err != nil {
		return err
	}
	l.convBase = base
	convs := newBulk(l.tx, "conversations", "id, at, channel, subject, notes, link, handled_by, tone, created_at, updated_at")
	parts := newBulk(l.tx, "conversation_participants", "conversation_id, position, member_id, at, trashed")
	parts.after = convs
	for i := range l.data.convs {
		c := &l.data.convs[i]
		for j, p := range c.Participants {
			c.Participants[j] = l.ids[p-1]
		}
		c.Normalize()
		if err := c.Validate(); err != nil {
			return fmt.Errorf("conversation %q: %w", c.Subject, err)
		}
		c.ID += base
		at := formatTime(c.At)
		if err := convs.add(ctx, c.ID, at, c.Channel, c.Subject, c.Notes, c.Link, c.HandledBy, c.Tone,
			formatTime(c.CreatedAt), formatTime(c.UpdatedAt)); err != nil {
			return dbError(err)
		}
		for pos, id := range c.Participants {
			if err := parts.add(ctx, c.ID, pos, id, at, false); err != nil {
				return dbError(err)
			}
		}
		if (i+1)%largeBatch == 0 {
			l.p.Conversations = i + 1
			if err := l.report(ctx); err != nil {
				return err
			}
		}
	}
	if err := convs.flush(ctx); err != nil {
		return dbError(err)
	}
	if err := parts.flush(ctx); err != nil {
		return dbError(err)
	}
	if _, err := l.tx.ExecContext(ctx, `
		INSERT INTO conversation_search (rowid, subject, notes)
		SELECT id, subject, notes FROM conversations WHERE id > ? ORDER BY id`, base); err != nil {
		return err
	}
	l.p.Conversations = len(l.data.convs)
	return l.report(ctx)
}

// followUps adds the follow-ups and their members, many per statement, with
// the copy of the due day insertFollowUpMembers writes (the trigger hides
// none: nobody is in the trash); then indexes them as indexFollowUp does.
func (l *largeLoad) followUps(ctx context.Context) error {
	base, err := nextIDs(ctx, l.tx, "follow_ups")
	if err != nil {
		return err
	}
	fus := newBulk(l.tx, "follow_ups", "id, what, due, conversation_id, promise, status, status_changed_at, created_by, created_at")
	members := newBulk(l.tx, "follow_up_members", "follow_up_id, position, member_id, due")
	members.after = fus
	for i := range l.data.fus {
		f := &l.data.fus[i]
		for j, p := range f.Members {
			f.Members[j] = l.ids[p-1]
		}
		f.Normalize()
		if err := f.Validate(); err != nil {
			return fmt.Errorf("follow-up %q: %w", f.What, err)
		}
		f.ID += base
		if f.ConversationID != 0 {
			f.ConversationID += l.convBase
		}
		due := model.Day(f.Due, l.tx.loc).Format(time.DateOnly)
		if err := fus.add(ctx, f.ID, f.What, due, nullID(f.ConversationID), f.Promise, f.Status,
			formatTime(f.StatusChangedAt), f.CreatedBy, formatTime(f.CreatedAt)); err != nil {
			return dbError(err)
		}
		for pos, id := range f.Members {
			if err := members.add(ctx, f.ID, pos, id, due); err != nil {
				return dbError(err)
			}
		}
		if (i+1)%largeBatch == 0 {
			l.p.FollowUps = i + 1
			if err := l.report(ctx); err != nil {
				return err
			}
		}
	}
	if err := fus.flush(ctx); err != nil {
		return dbError(err)
	}
	if err := members.flush(ctx); err != nil {
		return dbError(err)
	}
	if _, err := l.tx.ExecContext(ctx, `
		INSERT INTO follow_up_search (rowid, what)
		SELECT id, what FROM follow_ups WHERE id > ? ORDER BY id`, base); err != nil {
		return err
	}
	l.p.FollowUps = len(l.data.fus)
	return l.report(ctx)
}

// contacts brings every member's last contact, quiet-after and check-in up
// to date by the store's own rule (refreshContacts), a batch at a time.
func (l *largeLoad) contacts(ctx context.Context) error {
	for start := 0; start < len(l.ids); start += largeBatch {
		end := min(start+largeBatch, len(l.ids))
		if err := refreshContacts(ctx, l.tx, l.ids[start:end]); err != nil {
			return err
		}
		l.p.Contacts = end
		if err := l.report(ctx); err != nil {
			return err
		}
	}
	return nil
}

// nextIDs is the id after which new rows of table go: past every id it
// ever gave (AUTOINCREMENT's sqlite_sequence) and every row it holds.
func nextIDs(ctx context.Context, tx *tx, table string) (int64, error) {
	var seq, top int64
	err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), coalesce((SELECT max(id) FROM `+table+`), 0)`,
		table).Scan(&seq, &top)
	return max(seq, top), err
}

// bulk adds rows to a table many per statement: a statement of bulkRows
// rows, compiled once, and one for the rows left at the end.
type bulk struct {
	tx    *tx
	head  string // INSERT INTO table (columns)
	row   string // (?, ?, …)
	width int
	args  []any
	after *bulk // whose rows these refer to, which go in first
}

// bulkRows is how many rows go in one statement.
const bulkRows = 200

func newBulk(tx *tx, table, columns string) *bulk {
	width := strings.Count(columns, ",") + 1
	return &bulk{
		tx:    tx,
		head:  "INSERT INTO " + table + " (" + columns + ") VALUES ",
		row:   "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")",
		width: width,
		args:  make([]any, 0, width*bulkRows),
	}
}

func (b *bulk) add(ctx context.Context, values ...any) error {
	b.args = append(b.args, values...)
	if len(b.args) < b.width*bulkRows {
		return nil
	}
	return b.flush(ctx)
}

func (b *bulk) flush(ctx context.Context) error {
	n := len(b.args) / b.width
	if n == 0 {
		return nil
	}
	if b.after != nil {
		if err := b.after.flush(ctx); err != nil {
			return err
		}
	}
	_, err := b.tx.exec(ctx, b.head+strings.TrimSuffix(strings.Repeat(b.row+", ", n), ", "), b.args...)
	b.args = b.args[:0]
	return err
}
