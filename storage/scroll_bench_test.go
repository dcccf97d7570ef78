package storage

import (
	"context"
	"testing"

	"rapport/model"
)

// BenchmarkMembersScroll scrolls the members list of the large record from
// the first member to the last, as the list does: every page of
// model.DefaultPageSize in order, by offset. One op is the whole scroll;
// p95-ms is over single pages, what a person scrolling waits for at most
// (but one in twenty).
func BenchmarkMembersScroll(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	const page = model.DefaultPageSize
	var t timings
	for b.Loop() {
		seen := 0
		for offset := 0; offset < largeMembers; offset += page {
			t.time(func() {
				ms, err := s.Members(ctx, model.MemberFilter{Offset: offset, Limit: page})
				if err != nil || len(ms) == 0 {
					b.Fatalf("Members(offset %d) = %d members, %v", offset, len(ms), err)
				}
				seen += len(ms)
			})
		}
		if seen != largeMembers {
			b.Fatalf("the scroll saw %d members, want %d", seen, largeMembers)
		}
	}
	b.ReportMetric(float64(largeMembers/page), "pages/op")
	t.report(b)
}
