package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"rapport/model"
)

// MemberExport gathers everything the record holds about a member, living
// or in the trash, for the member who asks for it (model.MemberExport says
// what is in it and why other people are only counted). Lists are in the
// order they happened, so that two exports of the same record are the same.
func (s *Store) MemberExport(ctx context.Context, id int64) (model.MemberExport, error) {
	fail := func(err error) (model.MemberExport, error) {
		return model.MemberExport{}, fmt.Errorf("export member %d: %w", id, err)
	}
	tx, err := s.begin(ctx, false)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	m, err := findMember(ctx, tx, id)
	if err != nil {
		return fail(err)
	}
	e := model.MemberExport{
		ExportedAt: tx.now,
		Member: model.ExportedMember{
			ID: m.ID, Name: m.Name, Pronouns: m.Pronouns, Emails: orEmpty(m.Emails), Phones: orEmpty(m.Phones),
			Organisation: m.Organisation, Role: m.Role, Location: m.Location, TimeZone: m.TimeZone,
			HowWeMet: m.HowWeMet, CaresAbout: m.CaresAbout, Notes: m.Notes, PrivateNotes: m.PrivateNotes,
			Tags: orEmpty(m.Tags), CadenceDays: m.CadenceDays, UID: m.UID, Birthday: m.Birthday,
			CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt, CreatedBy: m.CreatedBy,
		},
		Identities:    []model.ExportedIdentity{},
		Card:          model.ExportedCardLeftover{PhotoType: m.PhotoType, Photo: m.Photo, OtherLines: orEmpty(m.VCardExtra)},
		Conversations: []model.ExportedTalk{},
		FollowUps:     []model.ExportedFollowUp{},
		Feedback:      []model.ExportedQuote{},
		Imports:       []model.ExportedImport{},
		Merges:        []model.ExportedMerge{},
	}
	if m.InTrash() {
		e.Member.InTrashSince = formatTime(m.TrashedAt)
	}
	if !m.LastContacted.IsZero() {
		e.Member.LastContacted = formatTime(m.LastContacted)
	}
	if !m.SnoozeUntil.IsZero() {
		e.Member.SnoozedUntil = formatTime(m.SnoozeUntil)
	}
	for _, i := range m.Identities {
		e.Identities = append(e.Identities, model.ExportedIdentity(i))
	}
	if err := eachRow(ctx, tx, `
		SELECT c.at, c.channel, c.subject, c.notes, c.link, c.handled_by, c.tone, c.trashed_at IS NOT NULL,
			(SELECT count(*) FROM conversation_participants AS o
			WHERE o.conversation_id = c.id AND o.member_id <> p.member_id)
		FROM conversation_participants AS p CROSS JOIN conversations AS c ON c.id = p.conversation_id
		WHERE p.member_id = ?
		ORDER BY c.at, c.id`, id, func(sc scanner) error {
		var t model.ExportedTalk
		var at string
		if err := sc.Scan(&at, &t.Channel, &t.Subject, &t.Notes, &t.Link, &t.HandledBy, &t.Tone, &t.Deleted, &t.OtherParticipants); err != nil {
			return err
		}
		var err error
		t.At, err = parseTime(at)
		e.Conversations = append(e.Conversations, t)
		return err
	}); err != nil {
		return fail(fmt.Errorf("conversations: %w", err))
	}
	if err := eachRow(ctx, tx, `
		SELECT f.what, f.due, f.promise, f.status, f.status_changed_at, f.created_by, f.created_at,
			(SELECT count(*) FROM follow_up_members AS o WHERE o.follow_up_id = f.id AND o.member_id <> fm.member_id)
		FROM follow_up_members AS fm CROSS JOIN follow_ups AS f ON f.id = fm.follow_up_id
		WHERE fm.member_id = ?
		ORDER BY f.due, f.id`, id, func(sc scanner) error {
		var f model.ExportedFollowUp
		var changed, created string
		if err := sc.Scan(&f.What, &f.Due, &f.Promise, &f.Status, &changed, &f.CreatedBy, &created, &f.OtherMembers); err != nil {
			return err
		}
		var err error
		if f.StatusChangedAt, err = parseTime(changed); err == nil {
			f.CreatedAt, err = parseTime(created)
		}
		e.FollowUps = append(e.FollowUps, f)
		return err
	}); err != nil {
		return fail(fmt.Errorf("follow-ups: %w", err))
	}
	if err := eachRow(ctx, tx, `
		SELECT f.title, f.kind, f.status, coalesce(t.name, ''), f.outcome, r.quote, r.raised_at, r.source_link,
			coalesce(r.told_at, '')
		FROM feedback_raises AS r
		CROSS JOIN feedback AS f ON f.id = r.feedback_id
		LEFT JOIN product_teams AS t ON t.id = f.team_id
		WHERE r.member_id = ?
		ORDER BY r.raised_at, r.id`, id, func(sc scanner) error {
		var q model.ExportedQuote
		var raised string
		if err := sc.Scan(&q.Item, &q.Kind, &q.Status, &q.Team, &q.Outcome, &q.Quote, &raised, &q.SourceLink, &q.ToldAt); err != nil {
			return err
		}
		var err error
		q.Date, err = parseTime(raised)
		e.Feedback = append(e.Feedback, q)
		return err
	}); err != nil {
		return fail(fmt.Errorf("feedback: %w", err))
	}
	if err := eachRow(ctx, tx, `
		SELECT b.source, b.at, im.created, coalesce(b.undone_at, '')
		FROM import_members AS im CROSS JOIN import_batches AS b ON b.id = im.batch_id
		WHERE im.member_id = ?
		ORDER BY b.at, b.id`, id, func(sc scanner) error {
		var i model.ExportedImport
		var at string
		if err := sc.Scan(&i.Source, &at, &i.Added, &i.UndoneAt); err != nil {
			return err
		}
		var err error
		i.At, err = parseTime(at)
		e.Imports = append(e.Imports, i)
		return err
	}); err != nil {
		return fail(fmt.Errorf("imports: %w", err))
	}
	if err := eachRow(ctx, tx, `
		SELECT at, kept_id = ?1, coalesce(undone_at, '')
		FROM member_merges WHERE kept_id = ?1 OR gone_id = ?1
		ORDER BY at, id`, id, func(sc scanner) error {
		var mg model.ExportedMerge
		var at string
		if err := sc.Scan(&at, &mg.Kept, &mg.UndoneAt); err != nil {
			return err
		}
		var err error
		mg.At, err = parseTime(at)
		e.Merges = append(e.Merges, mg)
		return err
	}); err != nil {
		return fail(fmt.Errorf("merges: %w", err))
	}
	return e, nil
}

// orEmpty makes a missing list an empty one, so that the JSON says [] and
// not null.
func orEmpty(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// erasure is what erasing a member takes away, by id: the plan Erasure
// counts, and what EraseMember then removes.
type erasure struct {
	model.Erasure
	members []int64  // the member and the copies merged into them
	words   []string // what is scrubbed from the text that stays: their names and addresses
	onlyConversations, sharedConversations,
	onlyFollowUps, sharedFollowUps, items []int64
	handoffs []handoffText // the handoffs that name them, as they will read after
}

// handoffText is a handoff's stored text, changed to leave a member out.
type handoffText struct {
	id, version int64 // version 0: the handoff's fixed account
	narrative   string
	keyMembers  string
	account     string
}

// ErasePlan says what EraseMember(id) would take away, writing nothing.
func (s *Store) ErasePlan(ctx context.Context, id int64) (model.Erasure, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.Erasure{}, fmt.Errorf("erase plan for member %d: %w", id, err)
	}
	defer tx.Rollback()
	p, err := planErasure(ctx, tx, id)
	if err != nil {
		return model.Erasure{}, fmt.Errorf("erase plan for member %d: %w", id, err)
	}
	return p.Erasure, nil
}

// EraseMember removes a member from the record for good, on their request,
// as ErasePlan says, in one transaction: the member and the earlier copies
// of them merged into them; what was theirs alone (conversations, follow-ups
// and promises); their places in what they shared, whose text loses their
// name (model.ScrubName); their feedback quotes (the items stay, they are
// the teams'); the import and merge records that kept copies of their
// fields; their places in handoffs; and every search index entry of theirs.
// It cannot be undone, and nothing goes to the trash.
//
// Deleted rows can linger in the file's free space and in the write-ahead
// log, so the erase runs with secure_delete (SQLite overwrites what it
// deletes with zeros), rewrites the search indexes (FTS5 keeps deleted
// words in its segments until they are merged), then rebuilds the file
// (VACUUM) and checkpoints the log into it and truncates it. Backups taken
// before stay as they are: the app lists them for the manager to delete.
func (s *Store) EraseMember(ctx context.Context, id int64) (model.Erasure, error) {
	fail := func(err error) (model.Erasure, error) {
		return model.Erasure{}, fmt.Errorf("erase member %d: %w", id, err)
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	// The setting is the connection's, not the transaction's: it goes back
	// before the connection returns to the pool, whatever happens (once
	// committed, the transaction refuses and it was set back already).
	if _, err := tx.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
		return fail(err)
	}
	defer func() { _, _ = tx.ExecContext(context.Background(), `PRAGMA secure_delete = OFF`) }()
	p, err := planErasure(ctx, tx, id)
	if err != nil {
		return fail(err)
	}
	if err := erase(ctx, tx, p); err != nil {
		return fail(dbError(err))
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA secure_delete = OFF`); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(dbError(err))
	}
	p.ErasedAt = tx.now
	// Earlier changes left old copies of rows in the free space of pages
	// (an update writes the row anew and secure_delete was off then), so
	// the file is rebuilt from what it holds now; the log, which still
	// holds the pages as they were, is then written into the file and
	// emptied. A reader that has the record open can keep the checkpoint
	// from finishing (busy = 1); the next one overwrites those pages.
	if err := s.vacuum(ctx); err != nil {
		return p.Erasure, fmt.Errorf("erase member %d: erased, but the file was not rebuilt without their traces: %w", id, err)
	}
	var busy, logged, moved int
	if err := s.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logged, &moved); err != nil {
		return p.Erasure, fmt.Errorf("erase member %d: erased, but the log was not written into the record: %w", id, err)
	}
	return p.Erasure, nil
}

// vacuum rebuilds the record's file. It builds the copy in a temporary file
// rather than in memory (temp_store), which would hold the whole record at
// once; the copy holds only what the record holds after the erase.
func (s *Store) vacuum(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA temp_store = FILE`); err != nil {
		return err
	}
	// The setting goes back (as dsn has it) before the connection returns
	// to the pool.
	defer func() { _, _ = conn.ExecContext(context.Background(), `PRAGMA temp_store = MEMORY`) }()
	_, err = conn.ExecContext(ctx, `VACUUM`)
	return err
}

// planErasure finds everything erasing member id touches.
func planErasure(ctx context.Context, tx *tx, id int64) (erasure, error) {
	var p erasure
	m, err := findMember(ctx, tx, id)
	if err != nil {
		return p, err
	}
	p.MemberID, p.Name = m.ID, m.Name
	p.members = []int64{m.ID}
	p.words = append([]string{m.Name}, m.Emails...)
	// Earlier copies: members merged into them (and into those), still in
	// the trash; a merge undone made two people again.
	for i := 0; i < len(p.members); i++ {
		ids, err := queryIDs(ctx, tx, `
			SELECT mm.gone_id FROM member_merges AS mm CROSS JOIN members AS g ON g.id = mm.gone_id
			WHERE mm.kept_id = ? AND mm.undone_at IS NULL AND g.trashed_at IS NOT NULL`, p.members[i])
		if err != nil {
			return p, err
		}
		for _, c := range ids {
			if slices.Contains(p.members, c) {
				continue
			}
			cm, err := findMember(ctx, tx, c)
			if err != nil {
				return p, err
			}
			p.members = append(p.members, c)
			p.words = append(p.words, cm.Name)
			p.words = append(p.words, cm.Emails...)
		}
	}
	p.Copies = len(p.members) - 1
	slices.SortFunc(p.words, func(a, b string) int { return len(b) - len(a) }) // the longest first: "Sam Rivera" before "Sam"
	p.words = slices.Compact(p.words)
	ids := idList(p.members)

	lists := []struct {
		dst   *[]int64
		query string
	}{
		{&p.onlyConversations, `
			SELECT DISTINCT p.conversation_id FROM conversation_participants AS p
			WHERE p.member_id IN (SELECT value FROM json_each(?1)) AND NOT EXISTS (
				SELECT 1 FROM conversation_participants AS o WHERE o.conversation_id = p.conversation_id
				AND o.member_id NOT IN (SELECT value FROM json_each(?1)))`},
		{&p.sharedConversations, `
			SELECT DISTINCT p.conversation_id FROM conversation_participants AS p
			WHERE p.member_id IN (SELECT value FROM json_each(?1)) AND EXISTS (
				SELECT 1 FROM conversation_participants AS o WHERE o.conversation_id = p.conversation_id
				AND o.member_id NOT IN (SELECT value FROM json_each(?1)))`},
		{&p.onlyFollowUps, `
			SELECT DISTINCT fm.follow_up_id FROM follow_up_members AS fm
			WHERE fm.member_id IN (SELECT value FROM json_each(?1)) AND NOT EXISTS (
				SELECT 1 FROM follow_up_members AS o WHERE o.follow_up_id = fm.follow_up_id
				AND o.member_id NOT IN (SELECT value FROM json_each(?1)))`},
		{&p.sharedFollowUps, `
			SELECT DISTINCT fm.follow_up_id FROM follow_up_members AS fm
			WHERE fm.member_id IN (SELECT value FROM json_each(?1)) AND EXISTS (
				SELECT 1 FROM follow_up_members AS o WHERE o.follow_up_id = fm.follow_up_id
				AND o.member_id NOT IN (SELECT value FROM json_each(?1)))`},
		{&p.items, `SELECT DISTINCT feedback_id FROM feedback_raises WHERE member_id IN (SELECT value FROM json_each(?1))`},
	}
	for _, l := range lists {
		if *l.dst, err = queryIDs(ctx, tx, l.query, ids); err != nil {
			return p, err
		}
	}
	p.OnlyTheirConversations, p.SharedConversations = len(p.onlyConversations), len(p.sharedConversations)
	p.OnlyTheirFollowUps, p.SharedFollowUps = len(p.onlyFollowUps), len(p.sharedFollowUps)
	p.FeedbackItems = len(p.items)
	for _, c := range []struct {
		dst   *int
		query string
	}{
		{&p.Quotes, `SELECT count(*) FROM feedback_raises WHERE member_id IN (SELECT value FROM json_each(?1))`},
		{&p.Imports, `SELECT count(*) FROM import_members WHERE member_id IN (SELECT value FROM json_each(?1))`},
		{&p.Merges, `SELECT count(*) FROM member_merges
			WHERE kept_id IN (SELECT value FROM json_each(?1)) OR gone_id IN (SELECT value FROM json_each(?1))`},
	} {
		if err := tx.QueryRowContext(ctx, c.query, ids).Scan(c.dst); err != nil {
			return p, err
		}
	}
	// What stays and names them.
	for _, q := range []struct {
		ids   []int64
		query string
	}{
		{p.sharedConversations, `SELECT subject || ' ' || notes FROM conversations WHERE id IN (SELECT value FROM json_each(?))`},
		{p.sharedFollowUps, `SELECT what FROM follow_ups WHERE id IN (SELECT value FROM json_each(?))`},
		{p.items, `SELECT title || ' ' || detail || ' ' || outcome || ' ' ||
			coalesce((SELECT group_concat(note, ' ') FROM feedback_changes WHERE feedback_id = f.id), '')
			FROM feedback AS f WHERE id IN (SELECT value FROM json_each(?))`},
	} {
		if len(q.ids) == 0 {
			continue
		}
		if err := eachRow(ctx, tx, q.query, idList(q.ids), func(sc scanner) error {
			var text string
			if err := sc.Scan(&text); err != nil {
				return err
			}
			if _, changed := scrub(text, p.words); changed {
				p.Scrubbed++
			}
			return nil
		}); err != nil {
			return p, err
		}
	}
	if p.handoffs, err = handoffsNaming(ctx, tx, p.members, p.words); err != nil {
		return p, err
	}
	named := map[int64]bool{}
	for _, h := range p.handoffs {
		named[h.id] = true
	}
	p.Handoffs = len(named)
	return p, nil
}

// scrub removes every word of words (names, addresses) from text.
func scrub(text string, words []string) (string, bool) {
	changed := false
	for _, w := range words {
		var c bool
		if text, c = model.ScrubName(text, w); c {
			changed = true
		}
	}
	return text, changed
}

// scrubJSON is scrub over JSON text: each word as JSON writes it inside a
// string, so that what replaces it keeps the text valid JSON.
func scrubJSON(text string, words []string) (string, bool) {
	quoted := make([]string, 0, len(words))
	for _, w := range words {
		b, err := json.Marshal(w)
		if err != nil {
			continue
		}
		quoted = append(quoted, string(b[1:len(b)-1]))
	}
	return scrub(text, quoted)
}

// handoffsNaming reads the handoffs whose key members include one of
// members or whose text holds one of words, and returns them as they will
// read without them: key members left out, the account's lines about them
// left out, their names removed from the rest.
func handoffsNaming(ctx context.Context, tx *tx, members []int64, words []string) ([]handoffText, error) {
	var out []handoffText
	err := eachRow(ctx, tx, `SELECT handoff_id, version, narrative, key_members FROM handoff_versions`, nil, func(sc scanner) error {
		var h handoffText
		if err := sc.Scan(&h.id, &h.version, &h.narrative, &h.keyMembers); err != nil {
			return err
		}
		changed := false
		var keys []model.KeyMember
		if json.Unmarshal([]byte(h.keyMembers), &keys) == nil {
			kept := slices.DeleteFunc(slices.Clone(keys), func(k model.KeyMember) bool { return slices.Contains(members, k.MemberID) })
			if len(kept) != len(keys) {
				b, err := json.Marshal(kept)
				if err != nil {
					return err
				}
				h.keyMembers, changed = string(b), true
			}
		}
		var c bool
		if h.keyMembers, c = scrubJSON(h.keyMembers, words); c {
			changed = true
		}
		if h.narrative, c = scrubJSON(h.narrative, words); c {
			changed = true
		}
		if changed {
			out = append(out, h)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, `SELECT id, account FROM handoffs WHERE account IS NOT NULL`, nil, func(sc scanner) error {
		var h handoffText
		if err := sc.Scan(&h.id, &h.account); err != nil {
			return err
		}
		changed := false
		var a model.HandoffAccount
		if json.Unmarshal([]byte(h.account), &a) == nil && leaveOut(&a, members) {
			b, err := json.Marshal(a)
			if err != nil {
				return err
			}
			h.account, changed = string(b), true
		}
		var c bool
		if h.account, c = scrubJSON(h.account, words); c {
			changed = true
		}
		if changed {
			out = append(out, h)
		}
		return nil
	})
	return out, err
}

// leaveOut takes members out of a fixed handoff account: their key member
// lines, the promises to them alone (their places in shared ones), and their
// lines among those waiting to hear back and going quiet.
func leaveOut(a *model.HandoffAccount, members []int64) bool {
	n := len(a.KeyMembers) + len(a.OpenPromises) + len(a.WaitingToHear) + len(a.GoingQuiet)
	gone := func(id int64) bool { return slices.Contains(members, id) }
	a.KeyMembers = slices.DeleteFunc(a.KeyMembers, func(k model.HandoffMember) bool { return gone(k.Member.ID) })
	a.WaitingToHear = slices.DeleteFunc(a.WaitingToHear, func(h model.HearBack) bool { return gone(h.MemberID) })
	a.GoingQuiet = slices.DeleteFunc(a.GoingQuiet, func(m model.MemberDue) bool { return gone(m.ID) })
	changed := false
	kept := a.OpenPromises[:0]
	for _, p := range a.OpenPromises {
		var ms []int64
		var names []string
		for i, id := range p.Members {
			if gone(id) {
				changed = true
				continue
			}
			ms = append(ms, id)
			if i < len(p.Names) {
				names = append(names, p.Names[i])
			}
		}
		if len(ms) == 0 {
			continue
		}
		p.Members, p.Names = ms, names
		kept = append(kept, p)
	}
	a.OpenPromises = kept
	return changed || n != len(a.KeyMembers)+len(a.OpenPromises)+len(a.WaitingToHear)+len(a.GoingQuiet)
}

// erase carries out p.
func erase(ctx context.Context, tx *tx, p erasure) error {
	ids := idList(p.members)
	// What was theirs alone goes, with its search entries.
	for _, q := range []struct {
		ids      []int64
		del, fts string
	}{
		{p.onlyConversations, `DELETE FROM conversations WHERE id = ?`, `DELETE FROM conversation_search WHERE rowid = ?`},
		{p.onlyFollowUps, `DELETE FROM follow_ups WHERE id = ?`, `DELETE FROM follow_up_search WHERE rowid = ?`},
	} {
		for _, id := range q.ids {
			if _, err := tx.exec(ctx, q.del, id); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, q.fts, id); err != nil {
				return err
			}
		}
	}
	// What they shared stays without them and without their name.
	for _, id := range p.sharedConversations {
		var subject, notes string
		var trashed bool
		if err := tx.QueryRowContext(ctx, `SELECT subject, notes, trashed_at IS NOT NULL FROM conversations WHERE id = ?`, id).
			Scan(&subject, &notes, &trashed); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM conversation_participants
			WHERE conversation_id = ? AND member_id IN (SELECT value FROM json_each(?))`, id, ids); err != nil {
			return err
		}
		subject, c1 := scrub(subject, p.words)
		notes, c2 := scrub(notes, p.words)
		if !c1 && !c2 {
			continue
		}
		if _, err := tx.exec(ctx, `UPDATE conversations SET subject = ?, notes = ? WHERE id = ?`, subject, notes, id); err != nil {
			return err
		}
		if err := unindexConversation(ctx, tx, id); err != nil {
			return err
		}
		if !trashed { // deleted conversations are out of the search until restored
			if err := indexConversation(ctx, tx, &model.Conversation{ID: id, Subject: subject, Notes: notes}); err != nil {
				return err
			}
		}
	}
	for _, id := range p.sharedFollowUps {
		if _, err := tx.exec(ctx, `DELETE FROM follow_up_members
			WHERE follow_up_id = ? AND member_id IN (SELECT value FROM json_each(?))`, id, ids); err != nil {
			return err
		}
		// Hidden while every member left is in the trash, as the triggers of
		// migration 0003 keep it.
		if _, err := tx.exec(ctx, `UPDATE follow_ups SET hidden = NOT EXISTS (
			SELECT 1 FROM follow_up_members AS fm JOIN members AS m ON m.id = fm.member_id
			WHERE fm.follow_up_id = follow_ups.id AND m.trashed_at IS NULL) WHERE id = ?`, id); err != nil {
			return err
		}
		var what string
		if err := tx.QueryRowContext(ctx, `SELECT what FROM follow_ups WHERE id = ?`, id).Scan(&what); err != nil {
			return err
		}
		if what, changed := scrub(what, p.words); changed {
			if _, err := tx.exec(ctx, `UPDATE follow_ups SET what = ? WHERE id = ?`, what, id); err != nil {
				return err
			}
			if err := unindexFollowUp(ctx, tx, id); err != nil {
				return err
			}
			if err := indexFollowUp(ctx, tx, &model.FollowUp{ID: id, What: what}); err != nil {
				return err
			}
		}
	}
	// Their quotes go; the items stay, and are indexed again without them.
	if _, err := tx.exec(ctx, `DELETE FROM feedback_raises WHERE member_id IN (SELECT value FROM json_each(?))`, ids); err != nil {
		return err
	}
	for _, id := range p.items {
		var title, detail, outcome string
		if err := tx.QueryRowContext(ctx, `SELECT title, detail, outcome FROM feedback WHERE id = ?`, id).
			Scan(&title, &detail, &outcome); err != nil {
			return err
		}
		title, _ = scrub(title, p.words)
		detail, _ = scrub(detail, p.words)
		outcome, _ = scrub(outcome, p.words)
		if _, err := tx.exec(ctx, `UPDATE feedback SET title = ?, detail = ?, outcome = ? WHERE id = ?`, title, detail, outcome, id); err != nil {
			return err
		}
		notes, err := queryPairs(ctx, tx, `SELECT id, note FROM feedback_changes WHERE feedback_id = ? AND note <> ''`, id)
		if err != nil {
			return err
		}
		for cid, note := range notes {
			if note, changed := scrub(note, p.words); changed {
				if _, err := tx.exec(ctx, `UPDATE feedback_changes SET note = ? WHERE id = ?`, note, cid); err != nil {
					return err
				}
			}
		}
		if err := reindexFeedback(ctx, tx, id); err != nil {
			return err
		}
	}
	for _, h := range p.handoffs {
		var err error
		if h.version == 0 {
			_, err = tx.exec(ctx, `UPDATE handoffs SET account = ? WHERE id = ?`, h.account, h.id)
		} else {
			_, err = tx.exec(ctx, `UPDATE handoff_versions SET narrative = ?, key_members = ? WHERE handoff_id = ? AND version = ?`,
				h.narrative, h.keyMembers, h.id, h.version)
		}
		if err != nil {
			return err
		}
	}
	// The records that kept copies of their fields for undo, then the
	// member: their lists, card and remaining places go with them (ON
	// DELETE CASCADE).
	for _, q := range []string{
		`DELETE FROM import_members WHERE member_id IN (SELECT value FROM json_each(?1))`,
		`DELETE FROM member_merges WHERE kept_id IN (SELECT value FROM json_each(?1)) OR gone_id IN (SELECT value FROM json_each(?1))`,
		`DELETE FROM members WHERE id IN (SELECT value FROM json_each(?1))`,
	} {
		if _, err := tx.exec(ctx, q, ids); err != nil {
			return err
		}
	}
	for _, id := range p.members {
		if err := unindexMember(ctx, tx, id); err != nil {
			return err
		}
	}
	// FTS5 marks a deleted entry and keeps its words in the index until
	// its segments merge; optimize merges them all, so the words are gone.
	for _, t := range []string{"member_search", "trashed_member_search", "conversation_search", "follow_up_search", "feedback_search"} {
		if _, err := tx.exec(ctx, `INSERT INTO `+t+` (`+t+`) VALUES ('optimize')`); err != nil {
			return fmt.Errorf("%s: %w", t, err)
		}
	}
	return nil
}

// queryPairs reads rows of an id and a text.
func queryPairs(ctx context.Context, tx *tx, query string, args ...any) (map[int64]string, error) {
	out := map[int64]string{}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var s sql.NullString
		if err := rows.Scan(&id, &s); err != nil {
			return nil, err
		}
		out[id] = s.String
	}
	return out, rows.Err()
}

// StaleBackups lists the backups of the record taken before t, newest
// first: after an erase, they still hold what was erased, and the manager
// may delete them. They are listed by name, without being opened.
func (s *Store) StaleBackups(ctx context.Context, before time.Time) ([]model.StaleBackup, error) {
	list, err := listBackups(s.path)
	if err != nil {
		return nil, err
	}
	var out []model.StaleBackup
	for _, b := range list {
		if b.Time.Before(before) {
			out = append(out, model.StaleBackup{Path: b.Path, Taken: b.Time, Size: b.Size})
		}
	}
	return out, ctx.Err()
}

// DeleteStaleBackup deletes a backup of the record, as StaleBackups lists
// them; any other file is refused (ErrInvalid), so that a wrong path never
// deletes what is not a backup.
func (s *Store) DeleteStaleBackup(ctx context.Context, path string) error {
	list, err := listBackups(s.path)
	if err != nil {
		return err
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	for _, b := range list {
		if b.Path == path {
			if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("delete backup %s: %w", path, err)
			}
			return ctx.Err()
		}
	}
	return fmt.Errorf("delete backup %s: %w: not a backup of %s", path, model.ErrInvalid, s.path)
}
