package storage

import (
	"context"
	"io"
	"maps"
	"slices"
	"testing"

	"rapport/model"
	"rapport/storage/feedbackreport"
)

// BenchmarkFeedbackPage reads one page of 50 feedback items, with their
// counts, as the list view does: all of them (at the start and deep in), of
// a status, a team, a kind, and a search.
func BenchmarkFeedbackPage(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	filters := map[string]model.FeedbackFilter{
		"all/offset=0":    {Limit: 50},
		"all/offset=5000": {Offset: 5000, Limit: 50},
		"status":          {Status: model.FeedbackShipped, Limit: 50},
		"team":            {TeamID: 2, Limit: 50},
		"team+status":     {TeamID: 2, Status: model.FeedbackPlanned, Limit: 50},
		"kind":            {Kind: model.KindBug, Limit: 50},
		"text":            {Text: "crash", Limit: 50},
	}
	for _, name := range slices.Sorted(maps.Keys(filters)) {
		f := filters[name]
		b.Run(name, func(b *testing.B) {
			var t timings
			for b.Loop() {
				t.time(func() {
					page, err := s.FeedbackItems(ctx, f)
					if err != nil || len(page) == 0 {
						b.Fatalf("FeedbackItems(%+v) = %d items, %v", f, len(page), err)
					}
				})
			}
			t.report(b)
		})
	}
}

// BenchmarkFeedbackBoard loads the board as its screen does, in one call:
// the count of each column and its first 20 cards, for all items, one
// team's, and a search; "counts" is the list's counts per status alone.
func BenchmarkFeedbackBoard(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	filters := map[string]model.FeedbackFilter{
		"all":  {},
		"team": {TeamID: 2},
		"text": {Text: "dark"},
	}
	for _, name := range slices.Sorted(maps.Keys(filters)) {
		f := filters[name]
		b.Run(name+"/counts", func(b *testing.B) {
			var t timings
			for b.Loop() {
				t.time(func() {
					if _, err := s.CountFeedbackByStatus(ctx, f); err != nil {
						b.Fatal(err)
					}
				})
			}
			t.report(b)
		})
		b.Run(name+"/board", func(b *testing.B) {
			var t timings
			for b.Loop() {
				t.time(func() {
					board, err := s.FeedbackBoard(ctx, f, 20)
					if err != nil || len(board.Columns) == 0 {
						b.Fatalf("FeedbackBoard(%+v) = %d columns, %v", f, len(board.Columns), err)
					}
				})
			}
			t.report(b)
		})
	}
}

// BenchmarkFeedbackItem reads the page of the item most members raised.
func BenchmarkFeedbackItem(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	var id int64
	if err := s.db.QueryRow(`SELECT feedback_id FROM feedback_raises GROUP BY feedback_id ORDER BY count(*) DESC LIMIT 1`).Scan(&id); err != nil {
		b.Fatal(err)
	}
	var t timings
	for b.Loop() {
		t.time(func() {
			if _, err := s.Feedback(ctx, id); err != nil {
				b.Fatal(err)
			}
		})
	}
	t.report(b)
}

// BenchmarkSuggestFeedback types a new item's title letter by letter and
// reads the suggestions for every prefix; p95-ms is over keystrokes.
func BenchmarkSuggestFeedback(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	title := []rune("Crash when importing a card with a photo")
	var t timings
	for b.Loop() {
		for i := 1; i <= len(title); i++ {
			t.time(func() {
				if _, err := s.SuggestFeedback(ctx, string(title[:i]), 5); err != nil {
					b.Fatal(err)
				}
			})
		}
	}
	b.ReportMetric(float64(len(title)), "keystrokes/op")
	t.report(b)
}

// BenchmarkFeedbackReport gathers one team's report (about a quarter of the
// items and their quotes) and writes it as Markdown and as CSV.
func BenchmarkFeedbackReport(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		write func(io.Writer, model.FeedbackReport) error
	}{{"markdown", feedbackreport.Markdown}, {"csv", feedbackreport.CSV}} {
		b.Run(c.name, func(b *testing.B) {
			var t timings
			for b.Loop() {
				t.time(func() {
					r, err := s.FeedbackReport(ctx, 2, nil)
					if err != nil || len(r.Items) == 0 {
						b.Fatalf("FeedbackReport = %d items, %v", len(r.Items), err)
					}
					if err := c.write(io.Discard, r.Anonymise()); err != nil {
						b.Fatal(err)
					}
				})
			}
			t.report(b)
		})
	}
}
