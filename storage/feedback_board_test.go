package storage

import (
	"context"
	"fmt"
	"testing"

	"rapport/model"
)

// TestFeedbackBoard checks that the board read at once holds what the list
// reads for it: the counts of CountFeedbackByStatus and, per status, the
// first cards of FeedbackItems with their counts, whatever the filter.
func TestFeedbackBoard(t *testing.T) {
	s := MustOpenDB(t)
	fillRecord(t, s, 120)
	fillHistory(t, s, 120, 400, 60)
	fillFeedback(t, s, 120, 400, 90, 400)
	ctx := context.Background()
	if err := s.DeleteFeedback(ctx, 3); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		filter    model.FeedbackFilter
		perColumn int
		empty     bool // no item matches
	}{
		{"all", model.FeedbackFilter{}, 5, false},
		{"all, the default column size", model.FeedbackFilter{}, 0, false},
		{"a status asked is ignored", model.FeedbackFilter{Status: model.FeedbackShipped, Offset: 3, Limit: 1}, 4, false},
		{"a team", model.FeedbackFilter{TeamID: 2}, 3, false},
		{"a kind", model.FeedbackFilter{Kind: model.KindIdea}, 3, false},
		{"a search", model.FeedbackFilter{Text: "dark"}, 4, false},
		{"a search of a team", model.FeedbackFilter{Text: "crash", TeamID: 1}, 2, false},
		{"a search of a kind", model.FeedbackFilter{Text: "search", Kind: model.KindBug}, 2, false},
		{"a search of symbols alone", model.FeedbackFilter{Text: "?!"}, 3, false},
		{"a search that finds nothing", model.FeedbackFilter{Text: "zzyzx"}, 3, true},
		{"the deleted", model.FeedbackFilter{Trashed: true}, 3, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.FeedbackBoard(ctx, tt.filter, tt.perColumn)
			if err != nil {
				t.Fatalf("FeedbackBoard: %v", err)
			}
			wantCounts, err := s.CountFeedbackByStatus(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if !mapsEqual(got.Counts, wantCounts) {
				t.Errorf("counts = %v, want %v", got.Counts, wantCounts)
			}
			if empty := len(got.Counts) == 0; empty != tt.empty {
				t.Errorf("the board is empty: %v, want %v", empty, tt.empty)
			}
			perColumn := tt.perColumn
			if perColumn == 0 {
				perColumn = model.DefaultPageSize
			}
			for _, st := range model.FeedbackStatuses {
				f := tt.filter
				f.Status, f.Offset, f.Limit = st, 0, perColumn
				want, err := s.FeedbackItems(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if g, w := fmt.Sprintf("%+v", got.Columns[st]), fmt.Sprintf("%+v", want); g != w {
					t.Errorf("column %s:\n got %s\nwant %s", st, g, w)
				}
				if n := len(got.Columns[st]); n > perColumn || n < min(perColumn, got.Counts[st]) {
					t.Errorf("column %s holds %d cards of %d, want %d at most", st, n, got.Counts[st], perColumn)
				}
			}
		})
	}
}
