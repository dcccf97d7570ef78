package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"rapport/model"
)

// feedbackColumns are what scanFeedback reads, in its order: an item and
// its team's name.
const feedbackColumns = feedbackRowColumns + `,
	coalesce((SELECT t.name FROM product_teams AS t WHERE t.id = f.team_id), '')`

// feedbackRowColumns are the columns of an item itself, the first of
// feedbackColumns.
const feedbackRowColumns = `f.id, f.title, f.detail, f.kind, f.team_id, f.status, f.tracker_link, f.outcome,
	f.duplicate_of, f.created_by, f.created_at, f.updated_at, f.status_changed_at, f.handed_off_at, f.trashed_at`

// raiseColumns are what scanRaise reads, in its order.
const raiseColumns = `r.id, r.feedback_id, r.member_id, r.quote, r.raised_at, r.conversation_id, r.source_link,
	r.told_at, r.created_at`

// closingStatuses are the statuses that close the loop (model.ClosesLoop),
// in the words of SQL; migration 0005's triggers list the same.
const closingStatuses = `('shipped', 'declined', 'duplicate')`

// Feedback returns the item with id, living or deleted, with what its page
// shows: its raises by members not in the trash, its history, and whether
// each member was told its outcome.
func (s *Store) Feedback(ctx context.Context, id int64) (model.FeedbackDetail, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.FeedbackDetail{}, fmt.Errorf("feedback %d: %w", id, err)
	}
	defer tx.Rollback()
	d, err := feedbackDetail(ctx, tx, id)
	if err != nil {
		return model.FeedbackDetail{}, fmt.Errorf("feedback %d: %w", id, err)
	}
	return d, nil
}

// FeedbackItems returns one page of feedback items, most recently changed
// first (then by id, so that pages neither overlap nor skip), with their
// team's name and how many members raised them and were told. The text
// filter searches titles, details and the quotes of members not in the
// trash; deleted items are not searched.
func (s *Store) FeedbackItems(ctx context.Context, f model.FeedbackFilter) ([]model.FeedbackItem, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("feedback items: %w", err)
	}
	defer tx.Rollback()
	limit, offset := f.Limit, max(f.Offset, 0)
	if limit <= 0 {
		limit = model.DefaultPageSize
	}
	w := feedbackWalk(f, false)
	items, err := queryFeedback(ctx, tx, `SELECT `+feedbackColumns+` FROM (
			SELECT `+w.id+` AS id FROM `+w.from+`
			ORDER BY `+w.order+` LIMIT ? OFFSET ?
		) AS page
		CROSS JOIN feedback AS f ON f.id = page.id
		ORDER BY f.updated_at DESC, f.id DESC`, append(w.args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("feedback items: %w", err)
	}
	return items, nil
}

// CountFeedback counts what FeedbackItems returns for f without Offset and
// Limit.
func (s *Store) CountFeedback(ctx context.Context, f model.FeedbackFilter) (int, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return 0, fmt.Errorf("count feedback: %w", err)
	}
	defer tx.Rollback()
	w := feedbackWalk(f, false)
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+w.from, w.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count feedback: %w", err)
	}
	return n, nil
}

// CountFeedbackByStatus counts, per status, the items f selects whatever
// their status (f.Status is ignored): the board's columns. A status no item
// has is left out.
func (s *Store) CountFeedbackByStatus(ctx context.Context, f model.FeedbackFilter) (map[model.FeedbackStatus]int, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("count feedback by status: %w", err)
	}
	defer tx.Rollback()
	f.Status = ""
	w := feedbackWalk(f, true)
	rows, err := tx.QueryContext(ctx, `SELECT f.status, count(*) FROM `+w.from+` GROUP BY f.status`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("count feedback by status: %w", err)
	}
	defer rows.Close()
	counts := map[model.FeedbackStatus]int{}
	for rows.Next() {
		var st model.FeedbackStatus
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("count feedback by status: %w", err)
		}
		counts[st] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count feedback by status: %w", err)
	}
	return counts, nil
}

// FeedbackBoard reads the board at once: how many items f selects at each
// status (its Status, Offset and Limit aside, as CountFeedbackByStatus
// counts them) and the first perColumn (0: a default) of each column, as
// FeedbackItems pages them, with their counts.
func (s *Store) FeedbackBoard(ctx context.Context, f model.FeedbackFilter, perColumn int) (model.FeedbackBoard, error) {
	tx, err := s.begin(ctx, false)
	if err != nil {
		return model.FeedbackBoard{}, fmt.Errorf("feedback board: %w", err)
	}
	defer tx.Rollback()
	if perColumn <= 0 {
		perColumn = model.DefaultPageSize
	}
	f.Status, f.Offset, f.Limit = "", 0, 0
	counts, cards, err := boardCards(ctx, tx, f, perColumn)
	if err != nil {
		return model.FeedbackBoard{}, fmt.Errorf("feedback board: %w", err)
	}
	if err := loadFeedbackCounts(ctx, tx, cards); err != nil {
		return model.FeedbackBoard{}, fmt.Errorf("feedback board: %w", err)
	}
	// Sorted by column, stably, each column keeps its order and is cut
	// out of the cards where it lies.
	column := map[model.FeedbackStatus]int{}
	for i, st := range model.FeedbackStatuses {
		column[st] = i
	}
	slices.SortStableFunc(cards, func(a, b model.FeedbackItem) int { return column[a.Status] - column[b.Status] })
	board := model.FeedbackBoard{Counts: counts, Columns: map[model.FeedbackStatus][]model.FeedbackItem{}}
	for start := 0; start < len(cards); {
		st, end := cards[start].Status, start+1
		for end < len(cards) && cards[end].Status == st {
			end++
		}
		board.Columns[st] = cards[start:end:end]
		start = end
	}
	return board, nil
}

// boardCards counts the items f selects per status and reads the first
// perColumn cards of each column, without their counts, each column most
// recently changed first. Without a search each column is a walk of its
// own, as the list's; a search is run once, in one walk of the items it
// finds, in columns: run per column, it would cost the board a search and
// a set of its matches each.
func boardCards(ctx context.Context, tx *tx, f model.FeedbackFilter, perColumn int) (map[model.FeedbackStatus]int, []model.FeedbackItem, error) {
	counts := map[model.FeedbackStatus]int{}
	w := feedbackWalk(f, true)
	if matchQuery(f.Text) != "" {
		rows, err := tx.QueryContext(ctx, boardSearch(w), w.args...)
		if err != nil {
			return nil, nil, err
		}
		defer rows.Close()
		var ids []int64
		for rows.Next() {
			var id int64
			var status string // a plain string is scanned without reflection
			if err := rows.Scan(&id, &status); err != nil {
				return nil, nil, err
			}
			st := model.FeedbackStatus(status)
			if counts[st]++; counts[st] <= perColumn {
				ids = append(ids, id)
			}
		}
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
		rows.Close()
		cards, err := scanFeedbackRows(ctx, tx, boardCardsByID, idList(ids))
		return counts, cards, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT f.status, count(*) FROM `+w.from+` GROUP BY f.status`, w.args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var st model.FeedbackStatus
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, nil, err
		}
		counts[st] = n
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows.Close()
	n := 0
	for _, c := range counts {
		n += min(c, perColumn)
	}
	cards := make([]model.FeedbackItem, 0, n)
	for _, st := range model.FeedbackStatuses {
		if counts[st] == 0 {
			continue
		}
		col := f
		col.Status = st
		w := feedbackWalk(col, false)
		column, err := scanFeedbackRows(ctx, tx, boardColumn(w), append(w.args, perColumn)...)
		if err != nil {
			return nil, nil, err
		}
		cards = append(cards, column...)
	}
	return counts, cards, nil
}

// boardColumn is the query of a board's column: w, a walk of one status,
// its first cards as FeedbackItems pages them; its last argument the limit.
func boardColumn(w walk) string {
	return `SELECT ` + feedbackColumns + ` FROM (
			SELECT ` + w.id + ` AS id FROM ` + w.from + `
			ORDER BY ` + w.order + ` LIMIT ?
		) AS page
		CROSS JOIN feedback AS f ON f.id = page.id
		ORDER BY f.updated_at DESC, f.id DESC`
}

// boardCardsByID reads the cards of a board given as a JSON array of ids,
// most recently changed first.
const boardCardsByID = `SELECT ` + feedbackColumns + ` FROM feedback AS f
	WHERE f.id IN (SELECT value FROM json_each(?)) ORDER BY f.updated_at DESC, f.id DESC`

// boardSearch walks the items of a search, w a walk for the board's
// counts, column by column, each most recently changed first. Walking
// feedback_status backwards yields that order as it is; one team's or one
// kind's matches, a part of the whole, are sorted.
func boardSearch(w walk) string {
	return `SELECT f.id, f.status FROM ` + w.from + ` ORDER BY f.status DESC, ` + w.order
}

// feedbackWalk is the index walk behind the feedback list: one team's
// items, one status's, one kind's, all of them, or the deleted ones, most
// recently changed first; the other filters narrow it. For the board
// (byStatus) all the living items are counted from feedback_status alone.
func feedbackWalk(f model.FeedbackFilter, byStatus bool) walk {
	w := walk{id: "f.id", order: "f.updated_at DESC, f.id DESC"}
	var conds []string
	add := func(cond string, arg any) {
		conds = append(conds, cond)
		w.args = append(w.args, arg)
	}
	kind := model.FeedbackKind(strings.ToLower(strings.TrimSpace(string(f.Kind))))
	switch {
	case f.Trashed:
		w.from = `feedback AS f INDEXED BY feedback_trashed`
		conds = append(conds, "f.trashed_at IS NOT NULL")
	case f.TeamID != 0:
		w.from = `feedback AS f INDEXED BY feedback_team`
		add("f.team_id = ?", f.TeamID)
		conds = append(conds, "f.trashed_at IS NULL")
	case f.Status != "" || byStatus && kind == "":
		w.from = `feedback AS f INDEXED BY feedback_status`
		conds = append(conds, "f.trashed_at IS NULL")
	case kind != "":
		w.from = `feedback AS f INDEXED BY feedback_kind`
		conds = append(conds, "f.trashed_at IS NULL")
	default:
		w.from = `feedback AS f INDEXED BY feedback_updated`
		conds = append(conds, "f.trashed_at IS NULL")
	}
	if f.Trashed && f.TeamID != 0 {
		add("f.team_id = ?", f.TeamID)
	}
	if f.Status != "" {
		add("f.status = ?", f.Status)
	}
	if kind != "" {
		add("f.kind = ?", kind)
	}
	if match := matchQuery(f.Text); match != "" {
		// The unary + keeps SQLite walking the index in list order
		// (matchCond says why).
		add("+f.id IN (SELECT rowid FROM feedback_search WHERE feedback_search MATCH ?)", match)
	}
	w.from += ` WHERE ` + strings.Join(conds, " AND ")
	return w
}

// SuggestFeedback finds the living items a new one titled title may repeat,
// best match first, up to limit (0: a default): those whose title or quotes
// hold any of its words (as prefixes, diacritics folded, whatever is
// typed), ranked by how well they match, titles counting most. A word of
// one letter is left out beside longer ones: it would match nearly
// everything and rank nothing. Duplicates are left out: their members are
// on the item they duplicate. Closed items are in: a member asking for what
// shipped is told so.
func (s *Store) SuggestFeedback(ctx context.Context, title string, limit int) ([]model.FeedbackItem, error) {
	words := suggestionWords(title)
	if len(words) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = defaultSearchLimit
	}
	for i, w := range words {
		words[i] = quoteWord(w)
	}
	match := `{title quotes} : (` + strings.Join(words, " OR ") + `)`
	tx, err := s.begin(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("suggest feedback for %q: %w", title, err)
	}
	defer tx.Rollback()
	// The best ids first, ranked by the index alone, then their rows; a
	// few more than asked make up for the duplicates left out, so that no
	// row is read for the many matches that do not make the cut.
	items, err := queryFeedback(ctx, tx, `
		SELECT `+feedbackColumns+` FROM (
			SELECT rowid AS id, rank AS score
			FROM feedback_search WHERE feedback_search MATCH ? AND rank MATCH 'bm25(4.0, 1.0, 1.0)'
			ORDER BY rank, rowid DESC LIMIT ?
		) AS best CROSS JOIN feedback AS f ON f.id = best.id
		WHERE f.status <> 'duplicate'
		ORDER BY best.score, f.id DESC`, match, 2*limit+5)
	if err != nil {
		return nil, fmt.Errorf("suggest feedback for %q: %w", title, err)
	}
	items, _ = cut(items, limit)
	return items, nil
}

// commonWords are English words found in most feedback. Suggestions leave
// them out once they are typed in full: they tell nothing about which item a
// title repeats, and each cost the search a pass over most of the index
// (3–4 ms a keystroke on the large record for "when" and "with").
var commonWords = map[string]bool{
	"a": true, "about": true, "after": true, "all": true, "an": true, "and": true,
	"any": true, "are": true, "as": true, "at": true, "be": true, "but": true,
	"by": true, "can": true, "could": true, "do": true, "does": true, "for": true,
	"from": true, "has": true, "have": true, "i": true, "if": true, "in": true,
	"into": true, "is": true, "it": true, "its": true, "me": true, "my": true,
	"no": true, "not": true, "of": true, "on": true, "or": true, "our": true,
	"should": true, "so": true, "that": true, "the": true, "their": true,
	"them": true, "then": true, "there": true, "they": true, "this": true,
	"to": true, "was": true, "we": true, "were": true, "what": true, "when": true,
	"where": true, "which": true, "while": true, "who": true, "why": true,
	"will": true, "with": true, "would": true, "you": true, "your": true,
}

// suggestionWords are the words SuggestFeedback looks for in a title being
// typed: not one-letter words, nor common words typed in full, unless
// nothing else is left. The word still being typed (the last, when the
// title does not end in a space or a sign) is kept even if common, since
// it may be the start of a longer one.
func suggestionWords(title string) []string {
	words := searchWords(title)
	last, _ := utf8.DecodeLastRuneInString(title)
	typing := unicode.IsLetter(last) || unicode.IsDigit(last) || unicode.IsMark(last)
	var telling []string
	for i, w := range words {
		typed := !typing || i < len(words)-1
		if utf8.RuneCountInString(w) >= 2 && !(typed && commonWords[strings.ToLower(w)]) {
			telling = append(telling, w)
		}
	}
	if len(telling) == 0 {
		return words
	}
	return telling
}

// CreateFeedback normalizes and validates f and the raises it comes with,
// stamps it (created, updated and moved now, by "me" unless f says by
// whom, new unless f gives another open status) and adds it with its
// raises, its creation the first line of its history; f.ID and the stamps
// are set. An item cannot be created closed: its members would be owed
// word of an outcome no change recorded (SetFeedbackStatus closes it). A
// ValidationError comes back as it is; a team, member or conversation that
// is not in the record is ErrNotFound, an archived team ErrConflict.
func (s *Store) CreateFeedback(ctx context.Context, f *model.Feedback, raises ...model.Raise) error {
	f.Normalize()
	if f.Status == "" {
		f.Status = model.FeedbackNew
	}
	if err := f.Validate(); err != nil {
		return err
	}
	if model.ClosesLoop(f.Status) {
		return model.ValidationError{{Field: model.FieldStatus, Problem: fmt.Sprintf("cannot be %s when it is recorded: record it, then move it", f.Status)}}
	}
	if f.TeamID == 0 && f.Status != model.FeedbackNew {
		return model.ValidationError{{Field: model.FieldTeam, Problem: fmt.Sprintf("is required before it is %s: choose the team it goes to", f.Status)}}
	}
	for i := range raises {
		raises[i].Normalize()
		if err := raises[i].Validate(); err != nil {
			return err
		}
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("create feedback %q: %w", f.Title, err)
	}
	defer tx.Rollback()
	n := *f
	n.CreatedAt, n.UpdatedAt, n.StatusChangedAt = tx.now, tx.now, tx.now
	n.HandedOffAt, n.TrashedAt = time.Time{}, time.Time{}
	if n.Status != model.FeedbackNew {
		n.HandedOffAt = tx.now
	}
	me, err := myName(ctx, tx)
	if err != nil {
		return fmt.Errorf("create feedback %q: %w", f.Title, err)
	}
	if n.CreatedBy == "" {
		n.CreatedBy = me
	}
	if err := checkTeam(ctx, tx, n.TeamID, 0); err != nil {
		return fmt.Errorf("create feedback %q: %w", f.Title, err)
	}
	if err := insertFeedback(ctx, tx, &n); err != nil {
		return fmt.Errorf("create feedback %q: %w", f.Title, dbError(err))
	}
	if _, err := insertChange(ctx, tx, model.StatusChange{FeedbackID: n.ID, To: n.Status, By: me, At: tx.now}); err != nil {
		return fmt.Errorf("create feedback %q: %w", f.Title, dbError(err))
	}
	for i := range raises {
		r := raises[i]
		r.FeedbackID, r.CreatedAt = n.ID, time.Time{}
		if err := addRaise(ctx, tx, &r); err != nil {
			return fmt.Errorf("create feedback %q: %w", f.Title, err)
		}
	}
	if err := indexFeedback(ctx, tx, n.ID); err != nil {
		return fmt.Errorf("create feedback %q: %w", f.Title, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create feedback %q: %w", f.Title, dbError(err))
	}
	*f = n
	return nil
}

// UpdateFeedback normalizes, validates and stores f in place of the item
// with its id: title, detail, kind, team, tracker link and outcome. Its
// status, what it duplicates, its stamps and whether it is deleted stay
// (SetFeedbackStatus and MarkDuplicate move it); f is set to what is
// stored. Moving it to an archived team is ErrConflict; an item handed off
// keeps a team.
func (s *Store) UpdateFeedback(ctx context.Context, f *model.Feedback) error {
	f.Normalize()
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("update feedback %d: %w", f.ID, err)
	}
	defer tx.Rollback()
	old, err := findFeedback(ctx, tx, f.ID)
	if err != nil {
		return fmt.Errorf("update feedback %d: %w", f.ID, err)
	}
	n := *f
	n.Status, n.DuplicateOf, n.CreatedBy, n.CreatedAt = old.Status, old.DuplicateOf, old.CreatedBy, old.CreatedAt
	n.StatusChangedAt, n.HandedOffAt, n.TrashedAt, n.UpdatedAt = old.StatusChangedAt, old.HandedOffAt, old.TrashedAt, tx.now
	if err := n.Validate(); err != nil {
		return err
	}
	switch n.Status {
	case model.FeedbackHandedOff, model.FeedbackAcknowledged, model.FeedbackPlanned:
		if n.TeamID == 0 {
			return model.ValidationError{{Field: model.FieldTeam, Problem: fmt.Sprintf("is required while it is %s", n.Status)}}
		}
	}
	if err := checkTeam(ctx, tx, n.TeamID, old.TeamID); err != nil {
		return fmt.Errorf("update feedback %d: %w", f.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE feedback SET title = ?, detail = ?, kind = ?, team_id = ?, tracker_link = ?, outcome = ?, updated_at = ?
		WHERE id = ?`,
		n.Title, n.Detail, n.Kind, nullID(n.TeamID), n.TrackerLink, n.Outcome, formatTime(n.UpdatedAt), n.ID); err != nil {
		return fmt.Errorf("update feedback %d: %w", f.ID, dbError(err))
	}
	if err := reindexFeedback(ctx, tx, n.ID); err != nil {
		return fmt.Errorf("update feedback %d: %w", f.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("update feedback %d: %w", f.ID, dbError(err))
	}
	*f = n
	return nil
}

// SetFeedbackStatus moves an item to status to, as model.CanMove and
// Feedback.CheckMove allow (a ValidationError says why not), and keeps the
// move in its history with note, "me" and now. Moving it to shipped or
// declined closes its loop: note, when given, becomes its outcome, and each
// member who raised it, is not in the trash and was not told yet gets one
// open promise to tell them (model.LoopPromises), due in
// model.LoopPromiseDays. Re-opening it clears its outcome and drops the
// open promises of the outcome that no longer stands; closing it again
// promises word only to the members not told yet. A duplicate needs the
// item it duplicates: MarkDuplicate. A deleted item is ErrConflict.
func (s *Store) SetFeedbackStatus(ctx context.Context, id int64, to model.FeedbackStatus, note string) error {
	if to == model.FeedbackDuplicate {
		return model.ValidationError{{Field: model.FieldDuplicateOf, Problem: "is required for a duplicate: choose the item it duplicates"}}
	}
	fail := func(err error) error { return fmt.Errorf("set status of feedback %d: %w", id, err) }
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	f, err := findFeedback(ctx, tx, id)
	if err != nil {
		return fail(err)
	}
	if f.InTrash() {
		return fail(fmt.Errorf("%w: %q is deleted: restore it first", model.ErrConflict, f.Title))
	}
	if err := f.CheckMove(to); err != nil {
		return fail(err)
	}
	raisers, err := loopRaisers(ctx, tx, id)
	if err != nil {
		return fail(err)
	}
	me, err := myName(ctx, tx)
	if err != nil {
		return fail(err)
	}
	if _, err := moveStatus(ctx, tx, &f, to, note, 0, me, tx.now, raisers, ""); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// MarkDuplicate marks an item a duplicate of another (model's
// Feedback.CanBeDuplicateOf says when it may be) and moves its raises to
// that item by the rule of model.MoveRaises: every quote is kept, a member
// already on the other item keeps both. The move is kept in its history,
// and each member who raised it (not in the trash, not told yet) gets a
// promise to tell them where it went, linked to the duplicate; the word
// they are owed of the other item's own outcome comes when that one
// closes. A deleted item is ErrConflict.
func (s *Store) MarkDuplicate(ctx context.Context, id, ofID int64) error {
	fail := func(err error) error { return fmt.Errorf("mark feedback %d a duplicate of %d: %w", id, ofID, err) }
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	f, err := findFeedback(ctx, tx, id)
	if err != nil {
		return fail(err)
	}
	target, err := findFeedback(ctx, tx, ofID)
	if errors.Is(err, model.ErrNotFound) {
		return fail(fmt.Errorf("feedback %d: %w", ofID, err))
	}
	if err != nil {
		return fail(err)
	}
	if f.InTrash() {
		return fail(fmt.Errorf("%w: %q is deleted: restore it first", model.ErrConflict, f.Title))
	}
	if err := f.CanBeDuplicateOf(target); err != nil {
		return fail(err)
	}
	me, err := myName(ctx, tx)
	if err != nil {
		return fail(err)
	}
	if err := markDuplicate(ctx, tx, &f, target, me, tx.now); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// markDuplicate marks f a duplicate of target as of at, by whom, as
// MarkDuplicate says; the move must have been checked.
func markDuplicate(ctx context.Context, tx *tx, f *model.Feedback, target model.Feedback, by string, at time.Time) error {
	raisers, err := loopRaisers(ctx, tx, f.ID)
	if err != nil {
		return err
	}
	dup, err := itemRaises(ctx, tx, f.ID)
	if err != nil {
		return err
	}
	theirs, err := itemRaises(ctx, tx, target.ID)
	if err != nil {
		return err
	}
	next, err := nextPosition(ctx, tx, target.ID)
	if err != nil {
		return err
	}
	// The copies of the item's state follow by trigger.
	for i, r := range model.MoveRaises(dup, theirs, target.ID) {
		if _, err := tx.exec(ctx, `UPDATE feedback_raises SET feedback_id = ?, position = ?, told_at = ? WHERE id = ?`,
			r.FeedbackID, next+i, nullTime(r.ToldAt), r.ID); err != nil {
			return dbError(err)
		}
	}
	if _, err := moveStatus(ctx, tx, f, model.FeedbackDuplicate, "", target.ID, by, at, raisers, target.Title); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE feedback SET updated_at = ? WHERE id = ?`, formatTime(at), target.ID); err != nil {
		return dbError(err)
	}
	for _, item := range []int64{f.ID, target.ID} {
		if err := reindexFeedback(ctx, tx, item); err != nil {
			return err
		}
	}
	return nil
}

// MarkTold records that a member was told the outcome of an item whose
// loop is closed: on their raises of it and by marking done their open
// promises to tell them. For a duplicate, whose raises moved, the promise
// is the record. An item whose loop is open is ErrConflict; a member with
// neither a raise of it nor a promise about it is ErrNotFound. Marking a
// member told again changes nothing.
func (s *Store) MarkTold(ctx context.Context, feedbackID, memberID int64) error {
	return s.setTold(ctx, feedbackID, memberID, true)
}

// UnmarkTold takes MarkTold back: the member's raises of the item are not
// told, and their promises about its latest outcome that were done are
// open again.
func (s *Store) UnmarkTold(ctx context.Context, feedbackID, memberID int64) error {
	return s.setTold(ctx, feedbackID, memberID, false)
}

func (s *Store) setTold(ctx context.Context, feedbackID, memberID int64, told bool) error {
	verb := "mark"
	if !told {
		verb = "unmark"
	}
	fail := func(err error) error {
		return fmt.Errorf("%s member %d told of feedback %d: %w", verb, memberID, feedbackID, err)
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	f, err := findFeedback(ctx, tx, feedbackID)
	if err != nil {
		return fail(err)
	}
	if !model.ClosesLoop(f.Status) {
		return fail(fmt.Errorf("%w: %q is %s: there is no outcome to tell yet", model.ErrConflict, f.Title, f.Status))
	}
	changed, err := tell(ctx, tx, feedbackID, memberID, told, tx.now)
	if err != nil {
		return fail(err)
	}
	if !changed {
		var known bool
		if err := tx.QueryRowContext(ctx, `
			SELECT EXISTS (SELECT 1 FROM feedback_raises WHERE feedback_id = ?1 AND member_id = ?2)
				OR EXISTS (SELECT 1 FROM feedback_promises AS p JOIN follow_up_members AS fm ON fm.follow_up_id = p.follow_up_id
					WHERE p.feedback_id = ?1 AND fm.member_id = ?2)`, feedbackID, memberID).Scan(&known); err != nil {
			return fail(err)
		}
		if !known {
			return fail(fmt.Errorf("%w: member %d did not raise %q and is owed no word of it", model.ErrNotFound, memberID, f.Title))
		}
		return nil // as asked already
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return nil
}

// tell records, as of at, that a member was told the outcome of an item
// (or, not told, takes it back): on their raises of it, and by their
// promises about the latest change that closed its loop, done (or open
// again). It says whether anything changed.
func tell(ctx context.Context, tx *tx, feedbackID, memberID int64, told bool, at time.Time) (bool, error) {
	var when any // NULL takes it back
	if told {
		when = formatTime(at)
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE feedback_raises SET told_at = ?
		WHERE feedback_id = ? AND member_id = ? AND (told_at IS NULL) = ?`, when, feedbackID, memberID, told)
	if err != nil {
		return false, dbError(err)
	}
	raises, err := res.RowsAffected()
	if err != nil {
		return false, err
	}
	from, to := model.FollowUpOpen, model.FollowUpDone
	if !told {
		from, to = to, from
	}
	res, err = tx.ExecContext(ctx, `
		UPDATE follow_ups SET status = ?, status_changed_at = ?
		WHERE status = ? AND id IN (
			SELECT p.follow_up_id FROM feedback_promises AS p
			JOIN follow_up_members AS fm ON fm.follow_up_id = p.follow_up_id
			WHERE p.feedback_id = ? AND fm.member_id = ?
				AND p.change_id = (SELECT max(change_id) FROM feedback_promises WHERE feedback_id = p.feedback_id))`,
		to, formatTime(at), from, feedbackID, memberID)
	if err != nil {
		return false, dbError(err)
	}
	promises, err := res.RowsAffected()
	return raises+promises > 0, err
}

// AddRaise adds a member's raise of an existing item, in their words: the
// normal path when another member asks for the same thing. A Date left
// zero is the source conversation's time, else now. A member already on
// the item keeps one answer to whether they were told (theirs); for a
// member new to it, r.ToldAt is kept as given (zero for not told), so that
// undoing RemoveRaise puts the raise back as it was. r's ID and stamps are
// set. A duplicate takes no raise (ErrConflict: add it to the item it
// duplicates), nor a deleted item; a member or conversation not in the
// record is ErrNotFound.
func (s *Store) AddRaise(ctx context.Context, r *model.Raise) error {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("add raise of feedback %d: %w", r.FeedbackID, err)
	}
	defer tx.Rollback()
	n := *r
	n.CreatedAt = time.Time{} // stamped now
	if err := addRaise(ctx, tx, &n); err != nil {
		return fmt.Errorf("add raise of feedback %d: %w", r.FeedbackID, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE feedback SET updated_at = ? WHERE id = ?`, formatTime(tx.now), n.FeedbackID); err != nil {
		return fmt.Errorf("add raise of feedback %d: %w", r.FeedbackID, dbError(err))
	}
	if err := reindexFeedback(ctx, tx, n.FeedbackID); err != nil {
		return fmt.Errorf("add raise of feedback %d: %w", r.FeedbackID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("add raise of feedback %d: %w", r.FeedbackID, dbError(err))
	}
	*r = n
	return nil
}

// UpdateRaise normalizes, validates and stores r in place of the raise with
// its id: quote, date and source. Its item, member, whether they were told
// and when it was added stay; r is set to what is stored.
func (s *Store) UpdateRaise(ctx context.Context, r *model.Raise) error {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("update raise %d: %w", r.ID, err)
	}
	defer tx.Rollback()
	old, err := findRaise(ctx, tx, r.ID)
	if err != nil {
		return fmt.Errorf("update raise %d: %w", r.ID, err)
	}
	n := *r
	n.FeedbackID, n.MemberID, n.ToldAt, n.CreatedAt = old.FeedbackID, old.MemberID, old.ToldAt, old.CreatedAt
	if err := raiseSource(ctx, tx, &n); err != nil {
		return fmt.Errorf("update raise %d: %w", r.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE feedback_raises SET quote = ?, raised_at = ?, conversation_id = ?, source_link = ? WHERE id = ?`,
		n.Quote, formatTime(n.Date), nullID(n.ConversationID), n.SourceLink, n.ID); err != nil {
		return fmt.Errorf("update raise %d: %w", r.ID, dbError(err))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE feedback SET updated_at = ? WHERE id = ?`, formatTime(tx.now), n.FeedbackID); err != nil {
		return fmt.Errorf("update raise %d: %w", r.ID, dbError(err))
	}
	if err := reindexFeedback(ctx, tx, n.FeedbackID); err != nil {
		return fmt.Errorf("update raise %d: %w", r.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("update raise %d: %w", r.ID, dbError(err))
	}
	*r = n
	return nil
}

// RemoveRaise removes a raise for good (AddRaise with what it held puts it
// back); the member's promises about the item stay.
func (s *Store) RemoveRaise(ctx context.Context, id int64) error {
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("remove raise %d: %w", id, err)
	}
	defer tx.Rollback()
	old, err := findRaise(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("remove raise %d: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM feedback_raises WHERE id = ?`, id); err != nil {
		return fmt.Errorf("remove raise %d: %w", id, dbError(err))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE feedback SET updated_at = ? WHERE id = ?`, formatTime(tx.now), old.FeedbackID); err != nil {
		return fmt.Errorf("remove raise %d: %w", id, dbError(err))
	}
	if err := reindexFeedback(ctx, tx, old.FeedbackID); err != nil {
		return fmt.Errorf("remove raise %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("remove raise %d: %w", id, err)
	}
	return nil
}

// DeleteFeedback moves an item to the trash, from where RestoreFeedback
// brings it back: it leaves the lists, the board, the search, timelines and
// Today's "waiting to hear back". Its promises stay what they are. Deleting
// it again changes nothing.
func (s *Store) DeleteFeedback(ctx context.Context, id int64) error {
	return s.setFeedbackTrashed(ctx, id, true)
}

// RestoreFeedback brings a deleted item back. Restoring a living one
// changes nothing.
func (s *Store) RestoreFeedback(ctx context.Context, id int64) error {
	return s.setFeedbackTrashed(ctx, id, false)
}

func (s *Store) setFeedbackTrashed(ctx context.Context, id int64, trash bool) error {
	verb := "restore"
	if trash {
		verb = "delete"
	}
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("%s feedback %d: %w", verb, id, err)
	}
	defer tx.Rollback()
	f, err := findFeedback(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("%s feedback %d: %w", verb, id, err)
	}
	if f.InTrash() == trash {
		return nil
	}
	var at any // NULL restores
	if trash {
		at = formatTime(tx.now)
	}
	// The raises' copies of the trash state follow by trigger.
	if _, err := tx.ExecContext(ctx, `UPDATE feedback SET trashed_at = ? WHERE id = ?`, at, id); err != nil {
		return fmt.Errorf("%s feedback %d: %w", verb, id, dbError(err))
	}
	if err := reindexFeedback(ctx, tx, id); err != nil {
		return fmt.Errorf("%s feedback %d: %w", verb, id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s feedback %d: %w", verb, id, err)
	}
	return nil
}

// PurgeFeedback removes a deleted item for good, with its raises, history
// and the links of its promises (the promises stay, as follow-ups). A
// living item must be deleted first (ErrConflict).
func (s *Store) PurgeFeedback(ctx context.Context, id int64) error {
	tx, err := s.begin(ctx, true)
	if err != nil {
		return fmt.Errorf("purge feedback %d: %w", id, err)
	}
	defer tx.Rollback()
	f, err := findFeedback(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("purge feedback %d: %w", id, err)
	}
	if !f.InTrash() {
		return fmt.Errorf("purge feedback %d: %w: only a deleted item can be removed for good", id, model.ErrConflict)
	}
	// It left the search when it was deleted.
	if _, err := tx.ExecContext(ctx, `DELETE FROM feedback WHERE id = ?`, id); err != nil {
		return fmt.Errorf("purge feedback %d: %w", id, dbError(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("purge feedback %d: %w", id, err)
	}
	return nil
}

// FeedbackReport gathers the report for a product team (model's
// FeedbackReport): its living items of the statuses asked for (every
// status but duplicate when none is), by status in the board's order and
// most recently changed first, each with the quotes of the members not in
// the trash, oldest first, their first email address and where they said
// it. Nothing private is read: no notes about members, no conversation
// notes. A team not in the record is ErrNotFound.
func (s *Store) FeedbackReport(ctx context.Context, teamID int64, statuses []model.FeedbackStatus) (model.FeedbackReport, error) {
	if len(statuses) == 0 {
		statuses = slices.DeleteFunc(slices.Clone(model.FeedbackStatuses), func(st model.FeedbackStatus) bool {
			return st == model.FeedbackDuplicate
		})
	}
	names := make([]string, len(statuses))
	for i, st := range statuses {
		if !st.Valid() {
			return model.FeedbackReport{}, model.ValidationError{{Field: model.FieldStatus, Problem: fmt.Sprintf("%q is not a feedback status", st)}}
		}
		names[i] = string(st)
	}
	fail := func(err error) (model.FeedbackReport, error) {
		return model.FeedbackReport{}, fmt.Errorf("feedback report of team %d: %w", teamID, err)
	}
	tx, err := s.begin(ctx, false)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	team, err := findTeam(ctx, tx, teamID)
	if err != nil {
		return fail(err)
	}
	me, err := myName(ctx, tx)
	if err != nil {
		return fail(err)
	}
	rep := model.FeedbackReport{Team: team, Statuses: statuses, By: me, At: tx.now.In(tx.loc)}
	// A team's items are a walk of feedback_team; its raises, members and
	// sources are read once each and put together here, which is several
	// times faster for a large team than a row's worth of lookups each.
	const teamItems = `f.team_id = ? AND f.trashed_at IS NULL AND f.status IN (SELECT value FROM json_each(?))`
	items, err := reportItems(ctx, tx, `SELECT f.id, f.title, f.detail, f.kind, f.status, f.tracker_link, f.outcome,
			coalesce(f.duplicate_of, 0), f.updated_at
		FROM feedback AS f INDEXED BY feedback_team WHERE `+teamItems, teamID, jsonList(names))
	if err != nil {
		return fail(err)
	}
	order := map[model.FeedbackStatus]int{}
	for i, st := range model.FeedbackStatuses {
		order[st] = i
	}
	slices.SortFunc(items, func(a, b reportItem) int {
		if c := order[a.Status] - order[b.Status]; c != 0 {
			return c
		}
		if c := b.updated.Compare(a.updated); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	})
	byID := make(map[int64]int, len(items))
	rep.Items = make([]model.ReportItem, len(items))
	var dups []int64
	for i, it := range items {
		byID[it.ID] = i
		rep.Items[i] = it.ReportItem
		if it.duplicateOf != 0 {
			dups = append(dups, it.duplicateOf)
		}
	}
	if len(dups) > 0 {
		titles, err := feedbackTitles(ctx, tx, dups)
		if err != nil {
			return fail(err)
		}
		for i, it := range items {
			rep.Items[i].DuplicateOf = titles[it.duplicateOf]
		}
	}
	type quote struct {
		item, member, conversation, id int64
		model.ReportQuote
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT r.id, r.feedback_id, r.member_id, r.quote, r.raised_at, coalesce(r.conversation_id, 0), r.source_link
		FROM feedback AS f INDEXED BY feedback_team CROSS JOIN feedback_raises AS r ON r.feedback_id = f.id
		WHERE `+teamItems+` AND r.member_trashed = 0`, teamID, jsonList(names))
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	var quotes []quote
	var members, conversations []int64
	// start[i] is where item i's quotes begin among all of them, once
	// summed: one array holds them all, in parts.
	start := make([]int, len(items)+1)
	var q quote // scanned into, row after row: one of it escapes, not one a row
	var date string
	for rows.Next() {
		q = quote{}
		if err := rows.Scan(&q.id, &q.item, &q.member, &q.Quote, &date, &q.conversation, &q.Source); err != nil {
			return fail(err)
		}
		if q.Date, err = parseTime(date); err != nil {
			return fail(err)
		}
		q.Date = q.Date.In(tx.loc)
		members = append(members, q.member)
		if q.Source == "" && q.conversation != 0 {
			conversations = append(conversations, q.conversation)
		}
		start[byID[q.item]+1]++
		if len(quotes) == cap(quotes) {
			// Doubled: append grows a long slice by a quarter at a
			// time, copying its thousands of quotes over and over.
			quotes = slices.Grow(quotes, max(len(quotes), 64))
		}
		quotes = append(quotes, q)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	rows.Close()
	// In id order, the lookups walk the tables' pages in their order.
	slices.Sort(members)
	who, err := reportMembers(ctx, tx, slices.Compact(members))
	if err != nil {
		return fail(err)
	}
	slices.Sort(conversations)
	links, err := conversationLinks(ctx, tx, slices.Compact(conversations))
	if err != nil {
		return fail(err)
	}
	slices.SortFunc(quotes, func(a, b quote) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return int(a.id - b.id)
	})
	for i := range items {
		start[i+1] += start[i]
	}
	all := make([]model.ReportQuote, len(quotes))
	raisers := make([]int64, len(quotes)) // who said each of all
	next := slices.Clone(start[:len(items)])
	for _, q := range quotes {
		i := byID[q.item]
		q.Member, q.Contact = who[q.member][0], who[q.member][1]
		if q.Source == "" {
			q.Source = links[q.conversation]
		}
		all[next[i]], raisers[next[i]] = q.ReportQuote, q.member
		next[i]++
	}
	for i := range rep.Items {
		from, to := start[i], start[i+1]
		if from == to {
			continue
		}
		rep.Items[i].Quotes = all[from:to:to]
		those := raisers[from:to]
		slices.Sort(those)
		rep.Items[i].Members = len(slices.Compact(those))
	}
	return rep, nil
}

// reportItem is an item of a report as read, with what orders it and the
// id of the item it duplicates.
type reportItem struct {
	model.ReportItem
	updated     time.Time
	duplicateOf int64
}

// reportItems reads the items of a report, in no order, with only what the
// report shows of them: a large team's report reads thousands.
func reportItems(ctx context.Context, tx *tx, query string, args ...any) ([]reportItem, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []reportItem
	var it reportItem                // scanned into, row after row
	var kind, status, updated string // plain strings scan without reflection
	for rows.Next() {
		it = reportItem{}
		if err := rows.Scan(&it.ID, &it.Title, &it.Detail, &kind, &status, &it.TrackerLink, &it.Outcome,
			&it.duplicateOf, &updated); err != nil {
			return nil, err
		}
		it.Kind, it.Status = model.FeedbackKind(kind), model.FeedbackStatus(status)
		if it.updated, err = parseTime(updated); err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// reportMembers reads the name and first email address of members by id,
// ids distinct: each is looked up as it comes, with no set of them made
// first, as an IN list would.
func reportMembers(ctx context.Context, tx *tx, ids []int64) (map[int64][2]string, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT m.id, m.name,
			coalesce((SELECT e.email FROM member_emails AS e WHERE e.member_id = m.id ORDER BY e.position LIMIT 1), '')
		FROM json_each(?) AS j CROSS JOIN members AS m ON m.id = j.value`, idList(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64][2]string, len(ids))
	for rows.Next() {
		var id int64
		var name, email string
		if err := rows.Scan(&id, &name, &email); err != nil {
			return nil, err
		}
		out[id] = [2]string{name, email}
	}
	return out, rows.Err()
}

// conversationLinks reads the links of conversations by id, ids distinct,
// those that have one; looked up as reportMembers looks members up.
func conversationLinks(ctx context.Context, tx *tx, ids []int64) (map[int64]string, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT c.id, c.link FROM json_each(?) AS j CROSS JOIN conversations AS c ON c.id = j.value
		WHERE c.link <> ''`, idList(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var link string
		if err := rows.Scan(&id, &link); err != nil {
			return nil, err
		}
		out[id] = link
	}
	return out, rows.Err()
}

// jsonList writes strings as a JSON array, for json_each.
func jsonList(ss []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range ss {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q", s) // the statuses are plain words: Go's quoting is JSON's
	}
	b.WriteByte(']')
	return b.String()
}

// feedbackTitles reads the titles of items by id.
func feedbackTitles(ctx context.Context, tx *tx, ids []int64) (map[int64]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, title FROM feedback WHERE id IN (SELECT value FROM json_each(?))`, idList(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	titles := make(map[int64]string, len(ids))
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return nil, err
		}
		titles[id] = t
	}
	return titles, rows.Err()
}

// checkTeam returns ErrNotFound unless team (0: none) is in the record,
// and ErrConflict when it is archived, unless it is was, the item's team
// already.
func checkTeam(ctx context.Context, tx *tx, team, was int64) error {
	if team == 0 {
		return nil
	}
	t, err := findTeam(ctx, tx, team)
	if errors.Is(err, model.ErrNotFound) {
		return fmt.Errorf("team %d: %w", team, err)
	}
	if err != nil {
		return err
	}
	if t.Archived() && team != was {
		return fmt.Errorf("%w: the team %q is archived: bring it back first, or choose another", model.ErrConflict, t.Name)
	}
	return nil
}

// insertFeedback adds f as it is (stamps included) and sets f.ID; its
// history and search are the caller's.
func insertFeedback(ctx context.Context, tx *tx, f *model.Feedback) error {
	res, err := tx.exec(ctx, `
		INSERT INTO feedback (
			title, detail, kind, team_id, status, tracker_link, outcome, duplicate_of, created_by,
			created_at, updated_at, status_changed_at, handed_off_at, trashed_at
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.Title, f.Detail, f.Kind, nullID(f.TeamID), f.Status, f.TrackerLink, f.Outcome, nullID(f.DuplicateOf), f.CreatedBy,
		formatTime(f.CreatedAt), formatTime(f.UpdatedAt), formatTime(f.StatusChangedAt), nullTime(f.HandedOffAt), nullTime(f.TrashedAt))
	if err != nil {
		return err
	}
	f.ID, err = res.LastInsertId()
	return err
}

// insertChange adds a line to an item's history and returns its id.
func insertChange(ctx context.Context, tx *tx, c model.StatusChange) (int64, error) {
	res, err := tx.exec(ctx, `
		INSERT INTO feedback_changes (feedback_id, from_status, to_status, changed_by, at, note, duplicate_of)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		c.FeedbackID, c.From, c.To, c.By, formatTime(c.At), c.Note, nullID(c.DuplicateOf))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// moveStatus moves f to status to, as of at, by whom, and keeps the move
// in its history: re-opening clears its outcome and what it duplicates and
// drops the open promises of the outcome that no longer stands; closing
// takes note as its outcome when there is one, and makes the promises the
// change owes (model.LoopPromises) to raisers, read before a duplicate's
// raises moved. The move must have been checked. f is set to what is
// stored.
func moveStatus(ctx context.Context, tx *tx, f *model.Feedback, to model.FeedbackStatus, note string, dupOf int64,
	by string, at time.Time, raisers []model.Raiser, dupTitle string) (model.StatusChange, error) {
	note = strings.TrimSpace(note)
	c := model.StatusChange{FeedbackID: f.ID, From: f.Status, To: to, By: by, At: at, Note: note, DuplicateOf: dupOf}
	if model.Reopens(f.Status, to) {
		f.Outcome, f.DuplicateOf = "", 0
		if _, err := tx.exec(ctx, `
			UPDATE follow_ups SET status = 'dropped', status_changed_at = ?
			WHERE status = 'open' AND id IN (SELECT follow_up_id FROM feedback_promises WHERE feedback_id = ?)`,
			formatTime(at), f.ID); err != nil {
			return c, err
		}
	}
	if model.ClosesLoop(to) && note != "" {
		f.Outcome = note
	}
	switch to {
	case model.FeedbackHandedOff, model.FeedbackAcknowledged, model.FeedbackPlanned:
		if f.HandedOffAt.IsZero() {
			f.HandedOffAt = at
		}
	}
	f.Status, f.DuplicateOf, f.StatusChangedAt, f.UpdatedAt = to, dupOf, at, at
	// The raises' copy of when the loop closed follows by trigger.
	if _, err := tx.exec(ctx, `
		UPDATE feedback SET status = ?, outcome = ?, duplicate_of = ?, handed_off_at = ?, status_changed_at = ?, updated_at = ?
		WHERE id = ?`,
		f.Status, f.Outcome, nullID(f.DuplicateOf), nullTime(f.HandedOffAt), formatTime(at), formatTime(at), f.ID); err != nil {
		return c, dbError(err)
	}
	var err error
	if c.ID, err = insertChange(ctx, tx, c); err != nil {
		return c, dbError(err)
	}
	for _, p := range model.LoopPromises(*f, c, raisers, nil, dupTitle, tx.loc) {
		if err := insertFollowUp(ctx, tx, &p); err != nil {
			return c, dbError(err)
		}
		if _, err := tx.exec(ctx, `INSERT INTO feedback_promises (follow_up_id, feedback_id, change_id) VALUES (?, ?, ?)`,
			p.ID, f.ID, c.ID); err != nil {
			return c, dbError(err)
		}
	}
	return c, nil
}

// loopRaisers reads the members who raised an item, in the order they
// first did, as model.LoopPromises sees them.
func loopRaisers(ctx context.Context, tx *tx, feedbackID int64) ([]model.Raiser, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT r.member_id, m.name, r.told_at IS NOT NULL, r.member_trashed, coalesce(r.conversation_id, 0)
		FROM feedback_raises AS r CROSS JOIN members AS m ON m.id = r.member_id
		WHERE r.feedback_id = ?
		ORDER BY r.position`, feedbackID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rs []model.Raiser
	at := map[int64]int{}
	for rows.Next() {
		var r model.Raiser
		if err := rows.Scan(&r.MemberID, &r.Name, &r.Told, &r.Trashed, &r.ConversationID); err != nil {
			return nil, err
		}
		i, ok := at[r.MemberID]
		if !ok {
			at[r.MemberID] = len(rs)
			rs = append(rs, r)
			continue
		}
		// One line per member: told on any raise, and their latest source.
		rs[i].Told = rs[i].Told || r.Told
		if r.ConversationID != 0 {
			rs[i].ConversationID = r.ConversationID
		}
	}
	return rs, rows.Err()
}

// followLoopPromise keeps the told state of the member a promise to close
// the loop is for, when the promise is marked done (told, on their raises
// of its item) or leaves done (not told after all). A follow-up that is no
// such promise, or whose item has been re-opened, changes nothing.
func followLoopPromise(ctx context.Context, tx *tx, followUpID int64, done bool) error {
	var told any // NULL: not told after all
	if done {
		told = formatTime(tx.now)
	}
	_, err := tx.ExecContext(ctx, `
		UPDATE feedback_raises SET told_at = ?
		WHERE (told_at IS NULL) = ? AND (feedback_id, member_id) IN (
			SELECT p.feedback_id, fm.member_id FROM feedback_promises AS p
			JOIN follow_up_members AS fm ON fm.follow_up_id = p.follow_up_id
			JOIN feedback AS f ON f.id = p.feedback_id
			WHERE p.follow_up_id = ? AND f.status IN `+closingStatuses+`)`, told, done, followUpID)
	return err
}

// addRaise checks and adds r to its item, as AddRaise says, and sets its
// ID, and its CreatedAt when zero; the item's search and stamps are the
// caller's.
func addRaise(ctx context.Context, tx *tx, r *model.Raise) error {
	f, err := findFeedback(ctx, tx, r.FeedbackID)
	if errors.Is(err, model.ErrNotFound) {
		return fmt.Errorf("feedback %d: %w", r.FeedbackID, err)
	}
	if err != nil {
		return err
	}
	switch {
	case f.InTrash():
		return fmt.Errorf("%w: %q is deleted: restore it first", model.ErrConflict, f.Title)
	case f.Status == model.FeedbackDuplicate:
		return fmt.Errorf("%w: %q is a duplicate: add the raise to the item it duplicates", model.ErrConflict, f.Title)
	}
	if err := checkMembers(ctx, tx, []int64{r.MemberID}); err != nil {
		return err
	}
	if err := raiseSource(ctx, tx, r); err != nil {
		return err
	}
	// One answer per member and item: theirs, when they are on it.
	var told sql.NullString
	var on bool
	if err := tx.QueryRowContext(ctx, `
		SELECT max(told_at), count(*) > 0 FROM feedback_raises WHERE feedback_id = ? AND member_id = ?`,
		r.FeedbackID, r.MemberID).Scan(&told, &on); err != nil {
		return err
	}
	if on {
		if r.ToldAt, err = parseNullTime(told); err != nil {
			return err
		}
	}
	pos, err := nextPosition(ctx, tx, r.FeedbackID)
	if err != nil {
		return err
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = tx.now
	}
	res, err := tx.exec(ctx, `
		INSERT INTO feedback_raises (
			feedback_id, position, member_id, quote, raised_at, conversation_id, source_link, told_at, created_at
		) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.FeedbackID, pos, r.MemberID, r.Quote, formatTime(r.Date), nullID(r.ConversationID), r.SourceLink,
		nullTime(r.ToldAt), formatTime(r.CreatedAt))
	if err != nil {
		return dbError(err)
	}
	r.ID, err = res.LastInsertId()
	return err
}

// raiseSource checks r's source conversation and dates a raise that says
// no date: the conversation's time, else now.
func raiseSource(ctx context.Context, tx *tx, r *model.Raise) error {
	if r.ConversationID != 0 {
		var at string
		err := tx.QueryRowContext(ctx, `SELECT at FROM conversations WHERE id = ?`, r.ConversationID).Scan(&at)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("conversation %d: %w", r.ConversationID, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if r.Date.IsZero() {
			if r.Date, err = parseTime(at); err != nil {
				return err
			}
		}
	}
	if r.Date.IsZero() {
		r.Date = tx.now
	}
	r.Date = r.Date.UTC()
	return nil
}

// nextPosition is the place after an item's last raise.
func nextPosition(ctx context.Context, tx *tx, feedbackID int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position) + 1, 0) FROM feedback_raises WHERE feedback_id = ?`, feedbackID).Scan(&n)
	return n, err
}

// indexFeedback adds an item, as stored, to the search, unless it is
// deleted: its title, detail, and the quotes of members not in the trash.
func indexFeedback(ctx context.Context, tx *tx, id int64) error {
	_, err := tx.exec(ctx, `
		INSERT INTO feedback_search (rowid, title, detail, quotes)
		SELECT f.id, f.title, f.detail,
			coalesce((SELECT group_concat(r.quote, ' ') FROM feedback_raises AS r
				WHERE r.feedback_id = f.id AND r.member_trashed = 0), '')
		FROM feedback AS f WHERE f.id = ? AND f.trashed_at IS NULL`, id)
	return err
}

// reindexFeedback indexes an item afresh, after a change to what the
// search holds of it.
func reindexFeedback(ctx context.Context, tx *tx, id int64) error {
	if _, err := tx.exec(ctx, `DELETE FROM feedback_search WHERE rowid = ?`, id); err != nil {
		return err
	}
	return indexFeedback(ctx, tx, id)
}

// reindexMemberFeedback indexes afresh the items a member raised, whose
// quotes the search holds while the member is not in the trash.
func reindexMemberFeedback(ctx context.Context, tx *tx, memberID int64) error {
	ids, err := queryIDs(ctx, tx, `SELECT DISTINCT feedback_id FROM feedback_raises WHERE member_id = ?`, memberID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := reindexFeedback(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}

// purgeFeedbackOnlyTheirs removes, before a member is purged, the items
// only they raised, with their history; items others raised too stay,
// without the member's raises.
func purgeFeedbackOnlyTheirs(ctx context.Context, tx *tx, memberID int64) error {
	ids, err := queryIDs(ctx, tx, `
		SELECT DISTINCT r.feedback_id FROM feedback_raises AS r
		WHERE r.member_id = ?1 AND NOT EXISTS (
			SELECT 1 FROM feedback_raises AS o WHERE o.feedback_id = r.feedback_id AND o.member_id <> ?1)`, memberID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.exec(ctx, `DELETE FROM feedback WHERE id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM feedback_search WHERE rowid = ?`, id); err != nil {
			return err
		}
	}
	return nil
}

// findFeedback reads one item, without its counts; ErrNotFound when there
// is none.
func findFeedback(ctx context.Context, tx *tx, id int64) (model.Feedback, error) {
	it, err := scanFeedback(tx.QueryRowContext(ctx, `SELECT `+feedbackColumns+` FROM feedback AS f WHERE f.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Feedback{}, model.ErrNotFound
	}
	return it.Feedback, err
}

// feedbackDetail reads what an item's page shows.
func feedbackDetail(ctx context.Context, tx *tx, id int64) (model.FeedbackDetail, error) {
	items, err := queryFeedback(ctx, tx, `SELECT `+feedbackColumns+` FROM feedback AS f WHERE f.id = ?`, id)
	if err != nil {
		return model.FeedbackDetail{}, err
	}
	if len(items) == 0 {
		return model.FeedbackDetail{}, model.ErrNotFound
	}
	d := model.FeedbackDetail{FeedbackItem: items[0]}
	if d.DuplicateOf != 0 {
		titles, err := feedbackTitles(ctx, tx, []int64{d.DuplicateOf})
		if err != nil {
			return d, err
		}
		d.DuplicateTitle = titles[d.DuplicateOf]
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT `+raiseColumns+`, m.name FROM feedback_raises AS r CROSS JOIN members AS m ON m.id = r.member_id
		WHERE r.feedback_id = ? AND r.member_trashed = 0
		ORDER BY r.raised_at, r.id`, id)
	if err != nil {
		return d, err
	}
	defer rows.Close()
	for rows.Next() {
		var ri model.RaiseItem
		if ri.Raise, err = scanRaise(rows, &ri.Name); err != nil {
			return d, err
		}
		d.Raises = append(d.Raises, ri)
	}
	if err := rows.Err(); err != nil {
		return d, err
	}
	rows.Close()
	if d.History, err = feedbackHistory(ctx, tx, id); err != nil {
		return d, err
	}
	d.Loop, err = loopMembers(ctx, tx, id, d.Raises)
	return d, err
}

// feedbackHistory reads an item's moves, oldest first.
func feedbackHistory(ctx context.Context, tx *tx, id int64) ([]model.StatusChange, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT id, feedback_id, from_status, to_status, changed_by, at, note, coalesce(duplicate_of, 0)
		FROM feedback_changes WHERE feedback_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []model.StatusChange
	for rows.Next() {
		var c model.StatusChange
		var at string
		if err := rows.Scan(&c.ID, &c.FeedbackID, &c.From, &c.To, &c.By, &at, &c.Note, &c.DuplicateOf); err != nil {
			return nil, err
		}
		if c.At, err = parseTime(at); err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, rows.Err()
}

// loopMembers is an item's close-the-loop list: each member who raised it
// (raises, those of the living) or was promised word of it, by name, told
// on a raise or by a promise kept, with their latest promise about it.
func loopMembers(ctx context.Context, tx *tx, id int64, raises []model.RaiseItem) ([]model.LoopMember, error) {
	var ls []model.LoopMember
	at := map[int64]int{}
	line := func(member int64, name string) *model.LoopMember {
		i, ok := at[member]
		if !ok {
			i = len(ls)
			at[member] = i
			ls = append(ls, model.LoopMember{MemberID: member, Name: name})
		}
		return &ls[i]
	}
	for _, r := range raises {
		l := line(r.MemberID, r.Name)
		if r.ToldAt.After(l.ToldAt) {
			l.ToldAt = r.ToldAt
		}
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT p.follow_up_id, fm.member_id, m.name, fu.status, fu.status_changed_at
		FROM feedback_promises AS p
		JOIN follow_ups AS fu ON fu.id = p.follow_up_id
		JOIN follow_up_members AS fm ON fm.follow_up_id = p.follow_up_id
		JOIN members AS m ON m.id = fm.member_id
		WHERE p.feedback_id = ? AND m.trashed_at IS NULL
		ORDER BY p.follow_up_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var fu, member int64
		var name, changed string
		var status model.FollowUpStatus
		if err := rows.Scan(&fu, &member, &name, &status, &changed); err != nil {
			return nil, err
		}
		l := line(member, name)
		l.FollowUpID, l.PromiseStatus = fu, status // the latest wins
		if status == model.FollowUpDone {
			t, err := parseTime(changed)
			if err != nil {
				return nil, err
			}
			if t.After(l.ToldAt) {
				l.ToldAt = t
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(ls, func(a, b model.LoopMember) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return ls, nil
}

// findRaise reads one raise; ErrNotFound when there is none.
func findRaise(ctx context.Context, tx *tx, id int64) (model.Raise, error) {
	r, err := scanRaise(tx.QueryRowContext(ctx, `SELECT `+raiseColumns+` FROM feedback_raises AS r WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, model.ErrNotFound
	}
	return r, err
}

// itemRaises reads all of an item's raises, in their order.
func itemRaises(ctx context.Context, tx *tx, feedbackID int64) ([]model.Raise, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+raiseColumns+` FROM feedback_raises AS r WHERE r.feedback_id = ? ORDER BY r.position`, feedbackID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rs []model.Raise
	for rows.Next() {
		r, err := scanRaise(rows)
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, rows.Err()
}

// scanRaise reads raiseColumns, then into extra the columns after them.
func scanRaise(sc scanner, extra ...any) (model.Raise, error) {
	var r model.Raise
	var raised, created string
	var conversation sql.NullInt64
	var told sql.NullString
	if err := sc.Scan(append([]any{&r.ID, &r.FeedbackID, &r.MemberID, &r.Quote, &raised, &conversation, &r.SourceLink,
		&told, &created}, extra...)...); err != nil {
		return r, err
	}
	r.ConversationID = conversation.Int64
	var err error
	if r.Date, err = parseTime(raised); err != nil {
		return r, err
	}
	if r.CreatedAt, err = parseTime(created); err != nil {
		return r, err
	}
	r.ToldAt, err = parseNullTime(told)
	return r, err
}

// queryFeedback reads the items a query selects (its columns
// feedbackColumns) in its order, with their counts.
func queryFeedback(ctx context.Context, tx *tx, query string, args ...any) ([]model.FeedbackItem, error) {
	items, err := scanFeedbackRows(ctx, tx, query, args...)
	if err != nil {
		return nil, err
	}
	return items, loadFeedbackCounts(ctx, tx, items)
}

// scanFeedbackRows reads the items a query selects (its columns
// feedbackColumns) in its order, without their counts.
func scanFeedbackRows(ctx context.Context, tx *tx, query string, args ...any) ([]model.FeedbackItem, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []model.FeedbackItem
	for rows.Next() {
		if len(items) == cap(items) {
			// Doubled: a team's report reads thousands of items.
			items = slices.Grow(items, max(len(items), 8))
		}
		// Scanned in place: a copy of each would escape, a row at a time.
		items = append(items, model.FeedbackItem{})
		if err := scanFeedbackInto(rows, &items[len(items)-1]); err != nil {
			return nil, err
		}
	}
	return items, rows.Err()
}

func scanFeedback(sc scanner) (model.FeedbackItem, error) {
	var it model.FeedbackItem
	err := scanFeedbackInto(sc, &it)
	return it, err
}

// scanFeedbackInto reads feedbackColumns into it.
func scanFeedbackInto(sc scanner, it *model.FeedbackItem) error {
	f := &it.Feedback
	var team, dup sql.NullInt64
	var kind, status, created, updated, changed string // plain strings scan without reflection
	var handed, trashed sql.NullString
	if err := sc.Scan(&f.ID, &f.Title, &f.Detail, &kind, &team, &status, &f.TrackerLink, &f.Outcome,
		&dup, &f.CreatedBy, &created, &updated, &changed, &handed, &trashed, &it.TeamName); err != nil {
		return err
	}
	f.Kind, f.Status = model.FeedbackKind(kind), model.FeedbackStatus(status)
	f.TeamID, f.DuplicateOf = team.Int64, dup.Int64
	var err error
	for _, t := range []struct {
		dst *time.Time
		src string
	}{{&f.CreatedAt, created}, {&f.UpdatedAt, updated}, {&f.StatusChangedAt, changed}} {
		if *t.dst, err = parseTime(t.src); err != nil {
			return err
		}
	}
	if f.HandedOffAt, err = parseNullTime(handed); err != nil {
		return err
	}
	f.TrashedAt, err = parseNullTime(trashed)
	return err
}

// listFeedbackCounts counts, for a page of items given as a JSON array of
// ids, the members (not in the trash) who raised each, were told, and the
// raises.
const listFeedbackCounts = `
	SELECT feedback_id, count(DISTINCT member_id),
		count(DISTINCT CASE WHEN told_at IS NOT NULL THEN member_id END), count(*)
	FROM feedback_raises
	WHERE feedback_id IN (SELECT value FROM json_each(?)) AND member_trashed = 0
	GROUP BY feedback_id`

func loadFeedbackCounts(ctx context.Context, tx *tx, items []model.FeedbackItem) error {
	if len(items) == 0 {
		return nil
	}
	byID := make(map[int64]*model.FeedbackItem, len(items))
	ids := make([]int64, len(items))
	for i := range items {
		byID[items[i].ID] = &items[i]
		ids[i] = items[i].ID
	}
	rows, err := tx.QueryContext(ctx, listFeedbackCounts, idList(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var members, told, quotes int
		if err := rows.Scan(&id, &members, &told, &quotes); err != nil {
			return err
		}
		it := byID[id]
		it.Members, it.Told, it.Quotes = members, told, quotes
	}
	return rows.Err()
}

// nullTime is NULL for the zero time, the stored form otherwise.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}

// waitingPairs are the members waiting to hear back, one row per member and
// item (a member may hold several raises of one): a walk of
// feedback_raises_waiting, longest waiting first.
const waitingPairs = `
	SELECT DISTINCT r.loop_closed_at AS closed, r.feedback_id, r.member_id
	FROM feedback_raises AS r INDEXED BY feedback_raises_waiting
	WHERE r.told_at IS NULL AND r.loop_closed_at IS NOT NULL AND r.member_trashed = 0`

// hearBackSection is Today's "waiting to hear back": members who raised an
// item whose loop closed and were not told, with their open promise to tell
// them when there is one.
func hearBackSection(ctx context.Context, tx *tx) (model.Section[model.HearBack], error) {
	var sec model.Section[model.HearBack]
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+waitingPairs+`)`).Scan(&sec.Total); err != nil {
		return sec, err
	}
	if sec.Total == 0 {
		return sec, nil
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT w.feedback_id, w.member_id, w.closed, m.name, f.title, f.status, f.outcome,
			coalesce((SELECT max(p.follow_up_id) FROM feedback_promises AS p
				JOIN follow_up_members AS fm ON fm.follow_up_id = p.follow_up_id
				JOIN follow_ups AS fu ON fu.id = p.follow_up_id
				WHERE p.feedback_id = w.feedback_id AND fm.member_id = w.member_id AND fu.status = 'open'), 0)
		FROM (`+waitingPairs+` ORDER BY r.loop_closed_at, r.feedback_id, r.member_id LIMIT ?) AS w
		CROSS JOIN members AS m ON m.id = w.member_id
		CROSS JOIN feedback AS f ON f.id = w.feedback_id
		ORDER BY w.closed, w.feedback_id, w.member_id`, model.TodayLimit)
	if err != nil {
		return sec, err
	}
	defer rows.Close()
	for rows.Next() {
		var h model.HearBack
		var closed string
		if err := rows.Scan(&h.FeedbackID, &h.MemberID, &closed, &h.Name, &h.Title, &h.Status, &h.Outcome, &h.FollowUpID); err != nil {
			return sec, err
		}
		if h.ClosedAt, err = parseTime(closed); err != nil {
			return sec, err
		}
		sec.Items = append(sec.Items, h)
	}
	return sec, rows.Err()
}

// raisedFeedback reads raises by id, each with where its item stands, for
// a member's timeline.
func raisedFeedback(ctx context.Context, tx *tx, ids []int64) (map[int64]*model.RaisedFeedback, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT `+raiseColumns+`, f.title, f.kind, f.status,
			coalesce((SELECT t.name FROM product_teams AS t WHERE t.id = f.team_id), '')
		FROM feedback_raises AS r CROSS JOIN feedback AS f ON f.id = r.feedback_id
		WHERE r.id IN (SELECT value FROM json_each(?))`, idList(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]*model.RaisedFeedback, len(ids))
	for rows.Next() {
		var rf model.RaisedFeedback
		if rf.Raise, err = scanRaise(rows, &rf.Title, &rf.Kind, &rf.Status, &rf.TeamName); err != nil {
			return nil, err
		}
		out[rf.ID] = &rf
	}
	return out, rows.Err()
}
