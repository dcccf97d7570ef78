package storage

import (
	"fmt"
	"strings"
	"testing"

	"rapport/model"
)

// planStep is one line of EXPLAIN QUERY PLAN.
type planStep struct {
	id, parent int
	detail     string
}

func queryPlan(tb testing.TB, s *Store, query string, args ...any) []planStep {
	tb.Helper()
	rows, err := s.db.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		tb.Fatalf("EXPLAIN QUERY PLAN: %v\n%s", err, query)
	}
	defer rows.Close()
	var plan []planStep
	for rows.Next() {
		var p planStep
		var unused int
		if err := rows.Scan(&p.id, &p.parent, &unused, &p.detail); err != nil {
			tb.Fatal(err)
		}
		plan = append(plan, p)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return plan
}

func (p planStep) String() string { return fmt.Sprintf("%d<%d %s", p.id, p.parent, p.detail) }

// under returns the steps below the first step whose detail starts with
// prefix, or the whole plan when prefix is "".
func under(plan []planStep, prefix string) []planStep {
	if prefix == "" {
		return plan
	}
	inside := map[int]bool{}
	var out []planStep
	for _, p := range plan {
		if len(inside) == 0 && strings.HasPrefix(p.detail, prefix) {
			inside[p.id] = true
			continue
		}
		if inside[p.parent] {
			inside[p.id] = true
			out = append(out, p)
		}
	}
	return out
}

// TestQueryPlans fails when a list query stops walking its index: a lost or
// renamed index, or a change that makes SQLite read every member (or sort
// every match) to show one page.
func TestQueryPlans(t *testing.T) {
	s := MustOpenDB(t)
	fillRecord(t, s, 300)
	page := func(f model.MemberFilter) (string, []any) { return pageQuery(f) }
	count := func(f model.MemberFilter) (string, []any) { return countQuery(f) }
	list := func(q string) func(model.MemberFilter) (string, []any) {
		return func(model.MemberFilter) (string, []any) { return q, []any{"[1,2,3]"} }
	}
	tests := []struct {
		name   string
		query  func(model.MemberFilter) (string, []any)
		filter model.MemberFilter
		part   string // the part of the plan that must walk the index; "" for all
		want   string // what a step there must say
	}{
		{"page", page, model.MemberFilter{Offset: 100, Limit: 50}, "CO-ROUTINE page", "INDEX members_living_name"},
		{"trash page", page, model.MemberFilter{Trashed: true}, "CO-ROUTINE page", "INDEX members_trashed_name"},
		{"tag page", page, model.MemberFilter{Tag: "docs"}, "CO-ROUTINE page", "INDEX member_tags_page (tag=? AND member_trashed=?)"},
		{"search page", page, model.MemberFilter{Text: "ama"}, "CO-ROUTINE page", "INDEX members_living_name"},
		{"trash search page", page, model.MemberFilter{Text: "ama", Trashed: true}, "CO-ROUTINE page", "INDEX members_trashed_name"},
		{"tag search page", page, model.MemberFilter{Text: "ama", Tag: "docs"}, "CO-ROUTINE page", "INDEX member_tags_page (tag=? AND member_trashed=?)"},
		{"count", count, model.MemberFilter{}, "", "INDEX members_living_name"},
		{"count trash", count, model.MemberFilter{Trashed: true}, "", "INDEX members_trashed_name"},
		{"count tag", count, model.MemberFilter{Tag: "docs"}, "", "INDEX member_tags_page (tag=? AND member_trashed=?)"},
		{"count search", count, model.MemberFilter{Text: "ama"}, "", "member_search VIRTUAL TABLE INDEX 0:M"},
		{"emails", list(listEmails), model.MemberFilter{}, "", "member_emails USING PRIMARY KEY (member_id=?)"},
		{"phones", list(listPhones), model.MemberFilter{}, "", "member_phones USING PRIMARY KEY (member_id=?)"},
		{"identities", list(listIdentities), model.MemberFilter{}, "", "member_identities USING PRIMARY KEY (member_id=?)"},
		{"tags", list(listTags), model.MemberFilter{}, "", "member_tags USING PRIMARY KEY (member_id=?)"},
		{"cards", list(listCards), model.MemberFilter{}, "", "member_cards USING INTEGER PRIMARY KEY (rowid=?)"},
	}
	// Plans must hold on a record without statistics and on one that has
	// them (ANALYZE, or PRAGMA optimize run by anyone).
	for _, stats := range []bool{false, true} {
		if stats {
			if _, err := s.db.Exec(`ANALYZE`); err != nil {
				t.Fatal(err)
			}
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s stats=%v", tt.name, stats), func(t *testing.T) {
				query, args := tt.query(tt.filter)
				plan := queryPlan(t, s, query, args...)
				part := under(plan, tt.part)
				found := false
				for _, p := range part {
					if strings.Contains(p.detail, tt.want) {
						found = true
					}
					if strings.HasPrefix(p.detail, "SCAN members") || p.detail == "SCAN m" || p.detail == "SCAN t" ||
						strings.Contains(p.detail, "TEMP B-TREE") || strings.Contains(p.detail, "AUTOMATIC") {
						t.Errorf("step %q reads more than the page needs", p.detail)
					}
				}
				if !found {
					t.Errorf("plan lacks %q", tt.want)
				}
				if t.Failed() {
					t.Logf("query: %s\nplan:\n%s", query, strings.Join(strings.Fields(fmt.Sprint(plan)), " "))
				}
			})
		}
	}
}
