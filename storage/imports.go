package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"rapport/internal/parallel"
	"rapport/model"
)

// PreviewImport says what importing incoming would do, writing nothing. Each
// member is matched against the living record by the first rule that holds
// (model.MatchRules): the same UID, an email in common, a phone in common
// (model.PhoneKey), the same name (model.NameKey); when several members
// match, the one added first. A member matching none may match an earlier
// one of the same import (a file listing someone twice). Matches default to
// merge, the others to add; Items[i] is incoming[i], normalised.
func (s *Store) PreviewImport(ctx context.Context, incoming []model.Member) (model.ImportPreview, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.ImportPreview{}, fmt.Errorf("preview import: %w", err)
	}
	defer tx.Rollback()
	// The incoming members are normalised and their keys worked out on the
	// other cores while the record's keys are read.
	p := model.ImportPreview{Items: make([]model.ImportItem, len(incoming)), ByRule: map[model.MatchRule]int{}}
	keys := make([]memberKeys, len(incoming))
	var preparing sync.WaitGroup
	preparing.Go(func() {
		prepare := func(i int) {
			p.Items[i] = model.ImportItem{Incoming: incoming[i], Action: model.ImportAdd}
			p.Items[i].Incoming.Normalize()
			keys[i] = keysOf(&p.Items[i].Incoming)
		}
		parallel.Each(len(incoming), importBatch, func() func(int) { return prepare })
	})
	known, err := livingKeys(ctx, tx)
	preparing.Wait()
	if err != nil {
		return model.ImportPreview{}, fmt.Errorf("preview import: %w", err)
	}
	// What the earlier items of the file are known by: a member of the
	// record (id > 0), or the first item of a new person (-position).
	earlier := newMatchKeys(len(incoming))
	matchIDs := make([]int64, 0)
	matchOf := make([]int64, len(incoming))
	for i := range p.Items {
		it := &p.Items[i]
		id, rule := known.match(&keys[i])
		if id == 0 {
			id, rule = earlier.match(&keys[i])
		}
		switch {
		case id > 0:
			it.MatchedBy, it.Action = rule, model.ImportMerge
			matchOf[i] = id
			matchIDs = append(matchIDs, id)
			earlier.add(&keys[i], id)
			p.Matched++
			p.ByRule[rule]++
		case id < 0:
			it.DuplicateOf, it.MatchedBy, it.Action = int(-id), rule, model.ImportMerge
			_, it.Conflicts = model.MergeMembers(p.Items[-id-1].Incoming, it.Incoming)
			earlier.add(&keys[i], id)
			p.Repeats++
		default:
			earlier.add(&keys[i], -int64(i+1))
			p.New++
		}
	}
	matched, err := membersByID(ctx, tx, matchIDs)
	if err != nil {
		return model.ImportPreview{}, fmt.Errorf("preview import: %w", err)
	}
	for i, id := range matchOf {
		if id == 0 {
			continue
		}
		m := matched[id]
		p.Items[i].Match = &m
		_, p.Items[i].Conflicts = model.MergeMembers(m, p.Items[i].Incoming)
	}
	return p, nil
}

// matchKeys finds members by what the match rules compare.
type matchKeys struct {
	byRule map[model.MatchRule]map[string]int64
}

// newMatchKeys makes room for about n members.
func newMatchKeys(n int) *matchKeys {
	k := &matchKeys{byRule: map[model.MatchRule]map[string]int64{}}
	for _, r := range model.MatchRules {
		k.byRule[r] = make(map[string]int64, n)
	}
	return k
}

// memberKeys are what a member is matched by, worked out once for both
// looking it up and recording it.
type memberKeys struct {
	uid, name      string
	emails, phones []string // "" for one with no key
}

func keysOf(m *model.Member) memberKeys {
	k := memberKeys{uid: m.UID, name: model.NameKey(m.Name)}
	if len(m.Emails) > 0 {
		k.emails = make([]string, len(m.Emails))
		for i, e := range m.Emails {
			k.emails[i] = model.EmailKey(e)
		}
	}
	if len(m.Phones) > 0 {
		k.phones = make([]string, len(m.Phones))
		for i, p := range m.Phones {
			k.phones[i] = model.PhoneKey(p)
		}
	}
	return k
}

// put records that key (when not empty) belongs to id, unless an earlier
// id has it.
func (k *matchKeys) put(rule model.MatchRule, key string, id int64) {
	if key == "" {
		return
	}
	if _, ok := k.byRule[rule][key]; !ok {
		k.byRule[rule][key] = id
	}
}

func (k *matchKeys) add(m *memberKeys, id int64) {
	k.put(model.MatchUID, m.uid, id)
	for _, e := range m.emails {
		k.put(model.MatchEmail, e, id)
	}
	for _, p := range m.phones {
		k.put(model.MatchPhone, p, id)
	}
	k.put(model.MatchName, m.name, id)
}

// match returns the id m matches by the first rule that holds, 0 for none.
func (k *matchKeys) match(m *memberKeys) (int64, model.MatchRule) {
	find := func(rule model.MatchRule, key string) int64 {
		if key == "" {
			return 0
		}
		return k.byRule[rule][key]
	}
	if id := find(model.MatchUID, m.uid); id != 0 {
		return id, model.MatchUID
	}
	for _, e := range m.emails {
		if id := find(model.MatchEmail, e); id != 0 {
			return id, model.MatchEmail
		}
	}
	for _, p := range m.phones {
		if id := find(model.MatchPhone, p); id != 0 {
			return id, model.MatchPhone
		}
	}
	if id := find(model.MatchName, m.name); id != 0 {
		return id, model.MatchName
	}
	return 0, ""
}

// livingKeys reads what the living members are matched by. Names and phones
// are compared folded (model.NameKey, model.PhoneKey), which no index holds,
// so the keys are read in one pass of each table, in id order (the first
// member added wins a shared key): a few tens of milliseconds for a large
// record, against a query per incoming card and rule.
func livingKeys(ctx context.Context, tx *tx) (*matchKeys, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM members WHERE trashed_at IS NULL`).Scan(&n); err != nil {
		return nil, err
	}
	k := newMatchKeys(n)
	for _, q := range []struct {
		rule  model.MatchRule
		query string
		key   func(string) string
	}{
		{model.MatchUID, `SELECT id, uid FROM members WHERE trashed_at IS NULL ORDER BY id`, func(s string) string { return s }},
		{model.MatchEmail, `SELECT e.member_id, e.email FROM member_emails AS e JOIN members AS m ON m.id = e.member_id
			WHERE m.trashed_at IS NULL ORDER BY e.member_id, e.position`, model.EmailKey},
		{model.MatchPhone, `SELECT p.member_id, p.phone FROM member_phones AS p JOIN members AS m ON m.id = p.member_id
			WHERE m.trashed_at IS NULL ORDER BY p.member_id, p.position`, model.PhoneKey},
		{model.MatchName, `SELECT id, name FROM members WHERE trashed_at IS NULL ORDER BY id`, model.NameKey},
	} {
		rows, err := tx.QueryContext(ctx, q.query)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var v string
			if err := rows.Scan(&id, &v); err != nil {
				rows.Close()
				return nil, err
			}
			k.put(q.rule, q.key(v), id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return k, nil
}

// Import carries out a preview's items as one batch, all or nothing: adds,
// merges (model.MergeMembers: empty fields filled, lists joined, nothing
// overwritten) and skips, recorded under source (the file names) so that
// UndoImport can take the batch back. Each member is written once, however
// many items go into it; a merge that changes nothing writes nothing. An
// invalid item is a ValidationError naming it; a member matched by the
// preview that has since left the record is ErrConflict (preview again).
func (s *Store) Import(ctx context.Context, source string, items []model.ImportItem) (int64, model.ImportResult, error) {
	fail := func(err error) (int64, model.ImportResult, error) {
		return 0, model.ImportResult{}, fmt.Errorf("import %s: %w", source, err)
	}
	if len(items) == 0 {
		return fail(fmt.Errorf("%w: nothing to import", model.ErrInvalid))
	}
	invalid := make([]error, len(items))
	check := func(i int) {
		items[i].Incoming.Normalize()
		invalid[i] = items[i].Incoming.Validate()
	}
	parallel.Each(len(items), importBatch, func() func(int) { return check })
	var mergeIDs []int64
	for i := range items {
		it := &items[i]
		if err := invalid[i]; err != nil {
			return fail(fmt.Errorf("%s: %w", itemName(i, it), err))
		}
		switch it.Action {
		case model.ImportAdd, model.ImportSkip:
		case model.ImportMerge:
			switch {
			case it.Match != nil:
				mergeIDs = append(mergeIDs, it.Match.ID)
			case it.DuplicateOf > 0 && it.DuplicateOf <= i:
			default:
				return fail(fmt.Errorf("%s: %w: nothing to merge it into", itemName(i, it), model.ErrInvalid))
			}
		default:
			return fail(fmt.Errorf("%s: %w: action %q is not add, merge or skip", itemName(i, it), model.ErrInvalid, it.Action))
		}
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	me, err := myName(ctx, tx)
	if err != nil {
		return fail(err)
	}
	current, err := membersByID(ctx, tx, mergeIDs)
	if err != nil {
		return fail(err)
	}

	// First what each member becomes, then one write each.
	type target struct {
		m       model.Member
		created bool
		before  string // merged into: the member before, JSON
		written bool
	}
	var targets []*target
	byMember := map[int64]*target{}
	into := make([]*target, len(items)) // nil for a skipped item
	var res model.ImportResult
	add := func(m model.Member) *target {
		m.ID, m.CreatedAt, m.UpdatedAt, m.TrashedAt = 0, tx.now, tx.now, time.Time{}
		m.LastContacted, m.SnoozeUntil = time.Time{}, time.Time{}
		if m.CreatedBy == "" {
			m.CreatedBy = me
		}
		t := &target{m: m, created: true}
		targets = append(targets, t)
		res.Added++
		return t
	}
	for i := range items {
		it := &items[i]
		switch {
		case it.Action == model.ImportSkip:
			res.Skipped++
		case it.Action == model.ImportAdd:
			into[i] = add(it.Incoming)
		case it.Match != nil:
			t := byMember[it.Match.ID]
			if t == nil {
				m, ok := current[it.Match.ID]
				if !ok || m.InTrash() {
					return fail(fmt.Errorf("%w: %q, matched by the preview, has left the record since (deleted or trashed): preview the import again",
						model.ErrConflict, it.Match.Name))
				}
				before, err := json.Marshal(m)
				if err != nil {
					return fail(err)
				}
				t = &target{m: m, before: string(before)}
				targets = append(targets, t)
				byMember[m.ID] = t
			}
			t.m, _ = model.MergeMembers(t.m, it.Incoming)
			into[i] = t
			res.Merged++
		case into[it.DuplicateOf-1] == nil: // what it repeats was skipped
			into[i] = add(it.Incoming)
		default:
			t := into[it.DuplicateOf-1]
			t.m, _ = model.MergeMembers(t.m, it.Incoming)
			into[i] = t
			res.Merged++
		}
	}

	ins, err := tx.ExecContext(ctx, `INSERT INTO import_batches (source, at, added, merged, skipped) VALUES (?, ?, ?, ?, ?)`,
		source, formatTime(tx.now), res.Added, res.Merged, res.Skipped)
	if err != nil {
		return fail(dbError(err))
	}
	batch, err := ins.LastInsertId()
	if err != nil {
		return fail(err)
	}
	// The fingerprints of what the members become are worked out on another
	// core while the members added are written: they read copies, since
	// the writes fill in ids. A new member's UID is given here, as
	// insertMemberRow would, so that its fingerprint holds it.
	snapshot := make([]model.Member, len(targets))
	for i, t := range targets {
		if t.created && t.m.UID == "" {
			t.m.UID = newUID()
		}
		snapshot[i] = t.m
	}
	prints := make([]string, len(targets))
	var printing sync.WaitGroup
	printing.Go(func() {
		for i := range snapshot {
			prints[i] = fingerprint(snapshot[i])
		}
	})
	var added []*model.Member
	for _, t := range targets {
		if !t.created {
			continue
		}
		if err := insertMemberRow(ctx, tx, &t.m); err != nil {
			printing.Wait()
			return fail(fmt.Errorf("member %q: %w", t.m.Name, dbError(err)))
		}
		added = append(added, &t.m)
		t.written = true
	}
	printing.Wait()
	var changed []int64 // merged into, and changed by it
	for i, t := range targets {
		if t.created || prints[i] == fingerprint(current[t.m.ID]) {
			continue // added above, or nothing new
		}
		t.m.UpdatedAt = tx.now
		if err := rewriteMember(ctx, tx, &t.m); err != nil {
			return fail(fmt.Errorf("member %q: %w", t.m.Name, dbError(err)))
		}
		changed = append(changed, t.m.ID)
		t.written = true
	}
	records := rowBatch{head: `INSERT INTO import_members (batch_id, member_id, created, before, fingerprint) VALUES `, cols: 5}
	for i, t := range targets {
		if !t.written {
			continue
		}
		var before any // NULL for a member the import added
		if !t.created {
			before = t.before
		}
		records.add(batch, t.m.ID, t.created, before, prints[i])
	}
	if err := records.exec(ctx, tx); err != nil {
		return fail(dbError(err))
	}
	// The lists of the members added, then the search index, in few
	// statements (insertListsOf, indexMembers).
	if err := insertListsOf(ctx, tx, added); err != nil {
		return fail(dbError(err))
	}
	for _, id := range changed {
		if err := unindexMember(ctx, tx, id); err != nil {
			return fail(err)
		}
	}
	written := make([]*model.Member, 0, len(targets))
	for _, t := range targets {
		if t.written {
			written = append(written, &t.m)
		}
	}
	if err := indexMembers(ctx, tx, written); err != nil {
		return fail(err)
	}
	if err := refreshCheckIns(ctx, tx, "m.id IN (SELECT value FROM json_each(?))", idList(changed)); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	res.MemberIDs = make([]int64, len(items))
	for i, t := range into {
		if t != nil {
			res.MemberIDs[i] = t.m.ID
		}
	}
	return batch, res, nil
}

// importBatch is how many cards a core takes at a time when they are
// normalised and checked in parallel.
const importBatch = 256

// itemName names an item of an import in messages.
func itemName(i int, it *model.ImportItem) string {
	if it.Origin != "" {
		return fmt.Sprintf("%s (%q)", it.Origin, it.Incoming.Name)
	}
	return fmt.Sprintf("item %d (%q)", i+1, it.Incoming.Name)
}

// ImportBatches lists the imports, newest first.
func (s *Store) ImportBatches(ctx context.Context) ([]model.ImportBatch, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("imports: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `
		SELECT id, source, at, added, merged, skipped, undone_at FROM import_batches ORDER BY id DESC`)
	if err != nil {
		return nil, fmt.Errorf("imports: %w", err)
	}
	defer rows.Close()
	var bs []model.ImportBatch
	standing := false // a later batch still stands
	for rows.Next() {
		b, err := scanBatch(rows)
		if err != nil {
			return nil, fmt.Errorf("imports: %w", err)
		}
		if b.UndoneAt.IsZero() {
			b.Undoable = !standing
			standing = true
		}
		bs = append(bs, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("imports: %w", err)
	}
	return bs, nil
}

func scanBatch(sc scanner) (model.ImportBatch, error) {
	var b model.ImportBatch
	var at string
	var undone sql.NullString
	if err := sc.Scan(&b.ID, &b.Source, &at, &b.Added, &b.Merged, &b.Skipped, &undone); err != nil {
		return b, err
	}
	var err error
	if b.At, err = parseTime(at); err != nil {
		return b, err
	}
	b.UndoneAt, err = parseNullTime(undone)
	return b, err
}

// UndoImport takes an import back as a whole: the members it added are
// removed for good, and those it merged into are put back as they were.
// Only the latest import still standing can be undone (ErrConflict naming
// the later one), and only while undoing it loses nothing the manager did
// since: a member it added or merged into that was changed since, or a
// member it added who is now in a conversation or follow-up, makes it
// ErrConflict, naming them, and nothing changes. (Restoring anyway would
// throw away what the manager typed; they can undo their change, or keep the
// import and trash what they do not want.)
func (s *Store) UndoImport(ctx context.Context, batchID int64) error {
	fail := func(err error) error { return fmt.Errorf("undo import %d: %w", batchID, err) }
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	b, err := scanBatch(tx.QueryRowContext(ctx, `
		SELECT id, source, at, added, merged, skipped, undone_at FROM import_batches WHERE id = ?`, batchID))
	if errors.Is(err, sql.ErrNoRows) {
		return fail(model.ErrNotFound)
	}
	if err != nil {
		return fail(err)
	}
	fail = func(err error) error { return fmt.Errorf("undo import of %s: %w", b.Source, err) }
	if !b.UndoneAt.IsZero() {
		return fail(fmt.Errorf("%w: it was undone already", model.ErrConflict))
	}
	later, err := scanBatch(tx.QueryRowContext(ctx, `
		SELECT id, source, at, added, merged, skipped, undone_at FROM import_batches
		WHERE id > ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1`, batchID))
	switch {
	case err == nil:
		return fail(fmt.Errorf("%w: the import of %s came after it; only the latest import can be undone", model.ErrConflict, later.Source))
	case !errors.Is(err, sql.ErrNoRows):
		return fail(err)
	}

	type record struct {
		created     bool
		before      sql.NullString
		fingerprint string
	}
	recs := map[int64]record{}
	var ids, created []int64
	rows, err := tx.QueryContext(ctx, `SELECT member_id, created, before, fingerprint FROM import_members WHERE batch_id = ?`, batchID)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var id int64
		var r record
		if err := rows.Scan(&id, &r.created, &r.before, &r.fingerprint); err != nil {
			rows.Close()
			return fail(err)
		}
		recs[id] = r
		ids = append(ids, id)
		if r.created {
			created = append(created, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	now, err := membersByID(ctx, tx, ids)
	if err != nil {
		return fail(err)
	}
	var edited []string
	for _, id := range ids {
		if m := now[id]; fingerprint(m) != recs[id].fingerprint {
			edited = append(edited, m.Name)
		}
	}
	if len(edited) > 0 {
		return fail(fmt.Errorf("%w: %s changed since; undoing the import would lose those changes",
			model.ErrConflict, countedNames(edited)))
	}
	linked, err := linkedMembers(ctx, tx, created)
	if err != nil {
		return fail(err)
	}
	if len(linked) > 0 {
		var names []string
		for _, id := range linked {
			names = append(names, now[id].Name)
		}
		return fail(fmt.Errorf("%w: %s in conversations, follow-ups or feedback since; undoing the import would remove them from those",
			model.ErrConflict, countedNames(names)))
	}

	// The members it added go (their lists, tags and import rows with them,
	// ON DELETE CASCADE); the search index after, in one run.
	if _, err := tx.ExecContext(ctx, `DELETE FROM members WHERE id IN (SELECT value FROM json_each(?))`, idList(created)); err != nil {
		return fail(dbError(err))
	}
	var restored []model.Member
	for _, id := range ids {
		r := recs[id]
		if r.created {
			continue
		}
		var m model.Member
		if err := json.Unmarshal([]byte(r.before.String), &m); err != nil {
			return fail(fmt.Errorf("member %d as it was: %w", id, err))
		}
		m.ID, m.TrashedAt = id, now[id].TrashedAt // trashed since stays trashed
		if err := rewriteMember(ctx, tx, &m); err != nil {
			return fail(fmt.Errorf("member %q: %w", m.Name, dbError(err)))
		}
		restored = append(restored, m)
	}
	for _, id := range ids {
		if err := unindexMember(ctx, tx, id); err != nil {
			return fail(err)
		}
	}
	for i := range restored {
		if err := indexMember(ctx, tx, &restored[i]); err != nil {
			return fail(err)
		}
	}
	restoredIDs := make([]int64, len(restored))
	for i, m := range restored {
		restoredIDs[i] = m.ID
	}
	if err := refreshCheckIns(ctx, tx, "m.id IN (SELECT value FROM json_each(?))", idList(restoredIDs)); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM import_members WHERE batch_id = ?`, batchID); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE import_batches SET undone_at = ? WHERE id = ?`, formatTime(tx.now), batchID); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// memberLinks are the tables that place members in the record's other
// entries, each by the entry's key and a position: merging two members
// moves these rows, and undoing an import refuses to take a member out of
// them. A table that links members belongs here. Where a member may hold
// several rows of one entry (many: a member raises an item more than once,
// each quote their own), every row moves; else the rows of entries the
// member kept is in already stay with the other.
var memberLinks = []struct {
	table, key string
	many       bool
}{
	{"conversation_participants", "conversation_id", false},
	{"follow_up_members", "follow_up_id", false},
	{"feedback_raises", "feedback_id", true},
}

// linkedMembers returns which of ids a memberLinks table holds.
func linkedMembers(ctx context.Context, tx *tx, ids []int64) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var parts []string
	for _, l := range memberLinks {
		parts = append(parts, `SELECT member_id FROM `+l.table+` WHERE member_id IN (SELECT value FROM json_each(?1))`)
	}
	return queryIDs(ctx, tx, `SELECT DISTINCT member_id FROM (`+strings.Join(parts, ` UNION ALL `)+`) ORDER BY member_id`, idList(ids))
}

// rewriteMember writes m over the member with its id, every column as m
// has it (stamps included, trash state too) and its lists; the search index
// and the check-in are left to the caller, which may do many at once.
func rewriteMember(ctx context.Context, tx *tx, m *model.Member) error {
	var trashed any
	if m.InTrash() {
		trashed = formatTime(m.TrashedAt)
	}
	if _, err := tx.exec(ctx, `
		UPDATE members SET
			name = ?, pronouns = ?, organisation = ?, role = ?, location = ?, time_zone = ?,
			how_we_met = ?, cares_about = ?, notes = ?, private_notes = ?, cadence_days = ?,
			uid = ?, birthday = ?, created_at = ?, updated_at = ?, created_by = ?, trashed_at = ?
		WHERE id = ?`,
		m.Name, m.Pronouns, m.Organisation, m.Role, m.Location, m.TimeZone,
		m.HowWeMet, m.CaresAbout, m.Notes, m.PrivateNotes, m.CadenceDays,
		m.UID, m.Birthday, formatTime(m.CreatedAt), formatTime(m.UpdatedAt), m.CreatedBy, trashed, m.ID); err != nil {
		return err
	}
	for _, table := range []string{"member_emails", "member_phones", "member_identities", "member_tags", "member_cards"} {
		if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE member_id = ?`, m.ID); err != nil {
			return err
		}
	}
	return insertLists(ctx, tx, m)
}

// fingerprint says whether a member changed: a hash of what the manager can
// edit, leaving out the stamps, the trash state and what the store derives.
func fingerprint(m model.Member) string {
	m.ID, m.CreatedBy = 0, ""
	m.CreatedAt, m.UpdatedAt, m.TrashedAt = time.Time{}, time.Time{}, time.Time{}
	m.LastContacted, m.SnoozeUntil = time.Time{}, time.Time{}
	for _, l := range []*[]string{&m.Emails, &m.Phones, &m.Tags, &m.VCardExtra} {
		if len(*l) == 0 {
			*l = nil
		}
	}
	if len(m.Identities) == 0 {
		m.Identities = nil
	}
	if len(m.Photo) == 0 {
		m.Photo = nil
	}
	b, _ := json.Marshal(m) // a Member always marshals
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// countedNames names members for a message: "Amara Okafor was",
// "Amara Okafor, Chen Wei and 3 more were".
func countedNames(names []string) string {
	const shown = 5
	s := strings.Join(names[:min(len(names), shown)], ", ")
	if len(names) > shown {
		s += fmt.Sprintf(" and %d more", len(names)-shown)
	}
	if len(names) == 1 {
		return s + " was"
	}
	return s + " were"
}
