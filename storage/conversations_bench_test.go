package storage

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"rapport/model"
)

// BenchmarkToday reads Today on the large record: six lists and their
// counts.
func BenchmarkToday(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	var t timings
	for b.Loop() {
		t.time(func() {
			if _, err := s.Today(ctx); err != nil {
				b.Fatal(err)
			}
		})
	}
	t.report(b)
}

// BenchmarkTimeline reads a page of 50 of a member's timeline: the member
// with the most conversations and follow-ups, at the start and deep in, and
// a typical member.
func BenchmarkTimeline(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	var busiest int64
	if err := s.db.QueryRow(`SELECT member_id FROM conversation_participants
		GROUP BY member_id ORDER BY count(*) DESC LIMIT 1`).Scan(&busiest); err != nil {
		b.Fatal(err)
	}
	cases := map[string]struct {
		member         int64
		offset, length int
	}{
		"busiest/offset=0":   {busiest, 0, 50},
		"busiest/offset=500": {busiest, 500, 50},
		"typical/offset=0":   {largeMembers / 2, 0, 50},
	}
	for _, name := range slices.Sorted(maps.Keys(cases)) {
		c := cases[name]
		b.Run(name, func(b *testing.B) {
			var t timings
			for b.Loop() {
				t.time(func() {
					page, err := s.Timeline(ctx, c.member, c.offset, c.length)
					if err != nil || len(page) == 0 {
						b.Fatalf("Timeline(%d, %d, %d) = %d entries, %v", c.member, c.offset, c.length, len(page), err)
					}
				})
			}
			t.report(b)
		})
	}
}

// BenchmarkConversationsPage reads one page of 50 conversations, newest
// first, as the conversations list does: all of them (at the start and deep
// in), by channel, by manager, of a member, over a month; "count" is the
// list's length.
func BenchmarkConversationsPage(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	month := model.ConversationFilter{From: daysAgo(60), To: daysAgo(30), Limit: 50}
	filters := map[string]model.ConversationFilter{
		"all/offset=0":        {Limit: 50},
		"all/offset=10000":    {Offset: 10_000, Limit: 50},
		"channel/offset=0":    {Channel: "email", Limit: 50},
		"handled-by/offset=0": {HandledBy: "Alex Kim", Limit: 50},
		"member/offset=0":     {MemberID: largeMembers / 2, Limit: 50},
		"month/offset=0":      month,
	}
	for _, name := range slices.Sorted(maps.Keys(filters)) {
		f := filters[name]
		b.Run(name, func(b *testing.B) {
			var t timings
			for b.Loop() {
				t.time(func() {
					page, err := s.Conversations(ctx, f)
					if err != nil || len(page) == 0 {
						b.Fatalf("Conversations(%+v) = %d, %v", f, len(page), err)
					}
				})
			}
			t.report(b)
		})
	}
	for _, name := range []string{"all", "channel", "month"} {
		f := map[string]model.ConversationFilter{"all": {}, "channel": {Channel: "email"}, "month": month}[name]
		b.Run("count/"+name, func(b *testing.B) {
			var t timings
			for b.Loop() {
				t.time(func() {
					if _, err := s.CountConversations(ctx, f); err != nil {
						b.Fatal(err)
					}
				})
			}
			t.report(b)
		})
	}
}

// typedSearches are typed letter by letter in BenchmarkGlobalSearch: words
// many conversations and follow-ups hold, names, and a word nothing holds.
var typedSearches = []string{"release planning", "Björn Öberg", "roadmap", "umea", "send the slides", "zzyzx"}

// BenchmarkGlobalSearch types into the global search letter by letter and
// reads the first 5 of each kind for every prefix; one op is everything
// typed. p95-ms is over single keystrokes.
func BenchmarkGlobalSearch(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	var prefixes []string
	for _, text := range typedSearches {
		r := []rune(text)
		for i := 1; i <= len(r); i++ {
			prefixes = append(prefixes, string(r[:i]))
		}
	}
	var t timings
	for b.Loop() {
		for _, p := range prefixes {
			t.time(func() {
				if _, err := s.GlobalSearch(ctx, p, 5); err != nil {
					b.Fatalf("GlobalSearch(%q): %v", p, err)
				}
			})
		}
	}
	b.ReportMetric(float64(len(prefixes)), "keystrokes/op")
	t.report(b)
}

// BenchmarkSnoozeMember is the smallest write a screen makes (one row and
// one check-in), to tell what any write costs to commit on this machine
// from what logging a conversation adds.
func BenchmarkSnoozeMember(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	var t timings
	i := 0
	for b.Loop() {
		i++
		t.time(func() {
			if err := s.SnoozeMember(ctx, int64(mix(i, 50)%largeMembers)+1, daysAgo(-i%20)); err != nil {
				b.Fatal(err)
			}
		})
	}
	t.report(b)
}

// BenchmarkCreateConversation logs a conversation with one to three
// members on the large record: the row, its participants, the search and
// each participant's keep-in-touch state, committed to disk.
func BenchmarkCreateConversation(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	var t timings
	i := 0
	for b.Loop() {
		i++
		c := model.Conversation{
			At: daysAgo(i % 30), Channel: "chat", Subject: fmt.Sprintf("Benchmark call %d", i),
			Participants: []int64{int64(mix(i, 40)%largeMembers) + 1},
		}
		for k := range i % 3 {
			c.Participants = append(c.Participants, int64(mix(i, 41+k)%largeMembers)+1)
		}
		t.time(func() {
			if err := s.CreateConversation(ctx, &c); err != nil {
				b.Fatal(err)
			}
		})
	}
	t.report(b)
}
