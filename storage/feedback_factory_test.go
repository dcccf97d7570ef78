package storage

import (
	"context"
	"fmt"
	"testing"
	"time"

	"rapport/model"
)

// The feedback factory: product teams and feedback items raised by the
// members of a record filled by fillRecord and fillHistory, generated
// without randomness, written directly as fillHistory writes.

var (
	factoryTeams  = []string{"Core", "Docs", "QA", "Design"}
	factoryTitles = []string{
		"Crash when importing a vCard", "Dark mode for the editor", "Plugin API reference", "Slow search on big forums",
		"Translate the installer", "Keyboard shortcuts for triage", "Clearer release notes", "Offline sync conflicts",
	}
	factoryQuotes = []string{
		"It crashes every time I import my contacts.", "My eyes hurt after midnight; a dark theme, please.",
		"I could not find how plugins register.", "Search takes seconds on our forum.",
		"Our students need the installer in Spanish.", "Triage would go twice as fast with shortcuts.",
		"What changed in 4.9? The notes do not say.", "Edits made offline vanished after syncing.",
	}
	// factoryStatuses are dealt in turn; a duplicate's raises are on the
	// item it duplicates, so none is made here.
	factoryStatuses = []model.FeedbackStatus{
		model.FeedbackNew, model.FeedbackHandedOff, model.FeedbackAcknowledged, model.FeedbackPlanned,
		model.FeedbackShipped, model.FeedbackNew, model.FeedbackShipped, model.FeedbackDeclined,
	}
)

// fillFeedback adds the four teams and items feedback items raised
// raises times in all by members 1..members (conversations 1..conversations
// are their sources now and then), in one transaction. Items of a closed
// loop were told to most of their members. Each item has its history.
func fillFeedback(tb testing.TB, s *Store, members, conversations, items, raises int) {
	tb.Helper()
	ctx := context.Background()
	tx, err := s.begin(ctx, true)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	at := formatTime(fixedNow.AddDate(-1, 0, 0))
	var teamRows, itemRows, changeRows, raiseRows [][]any
	for i, name := range factoryTeams {
		teamRows = append(teamRows, []any{i + 1, name, at, at})
	}
	for j := range items {
		st := factoryStatuses[j%len(factoryStatuses)]
		created := fixedNow.Add(-time.Duration(mix(j, 40)%(400*24)) * time.Hour)
		changed := created.Add(time.Duration(mix(j, 41)%(20*24)) * time.Hour)
		title := fmt.Sprintf("%s (%d)", factoryTitles[mix(j, 42)%uint32(len(factoryTitles))], j+1)
		var handed any
		if st != model.FeedbackNew {
			handed = formatTime(created)
		}
		itemRows = append(itemRows, []any{j + 1, title, model.FeedbackKinds[mix(j, 43)%5], int(mix(j, 44)%4) + 1, st,
			handlers[0], formatTime(created), formatTime(changed), formatTime(changed), handed})
		changeRows = append(changeRows, []any{j + 1, "", model.FeedbackNew, handlers[0], formatTime(created)})
		if st != model.FeedbackNew {
			changeRows = append(changeRows, []any{j + 1, model.FeedbackNew, st, handlers[0], formatTime(changed)})
		}
	}
	// Raises spread over the items: every item one, the rest to a skew of
	// them, as a few things are asked for by many.
	for k := range raises {
		item := k % items
		if k >= items {
			item = int(mix(k, 45) % uint32(items))
			if mix(k, 46)%3 == 0 {
				item = int(mix(k, 47) % uint32(max(items/20, 1)))
			}
		}
		st := factoryStatuses[item%len(factoryStatuses)]
		var conv, told any
		if conversations > 0 && k%3 == 0 {
			conv = int(mix(k, 48)%uint32(conversations)) + 1
		}
		raised := fixedNow.Add(-time.Duration(mix(k, 49)%(400*24)) * time.Hour)
		if model.ClosesLoop(st) && mix(k, 50)%4 != 0 {
			told = formatTime(raised.Add(30 * 24 * time.Hour))
		}
		raiseRows = append(raiseRows, []any{k + 1, item + 1, k, int(mix(k, 51)%uint32(members)) + 1,
			factoryQuotes[mix(k, 52)%uint32(len(factoryQuotes))], formatTime(raised), conv, told, formatTime(raised)})
	}
	bulkInsert(tb, tx, "product_teams", "id, name, created_at, updated_at", teamRows)
	bulkInsert(tb, tx, "feedback", "id, title, kind, team_id, status, created_by, created_at, updated_at, status_changed_at, handed_off_at", itemRows)
	bulkInsert(tb, tx, "feedback_changes", "feedback_id, from_status, to_status, changed_by, at", changeRows)
	bulkInsert(tb, tx, "feedback_raises", "id, feedback_id, position, member_id, quote, raised_at, conversation_id, told_at, created_at", raiseRows)
	// One told answer per member and item, as the store keeps it.
	if _, err := tx.ExecContext(ctx, `
		UPDATE feedback_raises SET told_at = (
			SELECT max(o.told_at) FROM feedback_raises AS o
			WHERE o.feedback_id = feedback_raises.feedback_id AND o.member_id = feedback_raises.member_id)`); err != nil {
		tb.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO feedback_search (rowid, title, detail, quotes)
		SELECT f.id, f.title, f.detail,
			coalesce((SELECT group_concat(r.quote, ' ') FROM feedback_raises AS r WHERE r.feedback_id = f.id), '')
		FROM feedback AS f ORDER BY f.id`); err != nil {
		tb.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}
