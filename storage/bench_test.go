package storage

import (
	"context"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"rapport/model"
)

// The size of the generated community the budgets speak of.
const (
	largeMembers       = 20_000
	largeConversations = 200_000
	largeFollowUps     = 50_000
	largeFeedback      = 10_000
	largeQuotes        = 50_000
)

// large is one generated record shared by the benchmarks, built on first use
// and removed by TestMain.
var large struct {
	once sync.Once
	dir  string
	s    *Store
}

func largeStore(b *testing.B) *Store {
	b.Helper()
	large.once.Do(func() {
		dir, err := os.MkdirTemp("", "rapport-bench-")
		if err != nil {
			b.Fatal(err)
		}
		large.dir = dir
		s, err := Open(context.Background(), filepath.Join(dir, "large.db"))
		if err != nil {
			b.Fatal(err)
		}
		s.Now = func() time.Time { return fixedNow }
		fillRecord(b, s, largeMembers)
		fillHistory(b, s, largeMembers, largeConversations, largeFollowUps)
		fillFeedback(b, s, largeMembers, largeConversations, largeFeedback, largeQuotes)
		large.s = s
	})
	if large.s == nil {
		b.Fatal("the large record could not be built")
	}
	return large.s
}

func TestMain(m *testing.M) {
	code := m.Run()
	if large.s != nil {
		large.s.Close()
	}
	if large.dir != "" {
		os.RemoveAll(large.dir)
	}
	os.Exit(code)
}

// timings records how long each call took, to report a percentile.
type timings []time.Duration

func (t *timings) time(fn func()) {
	start := time.Now()
	fn()
	*t = append(*t, time.Since(start))
}

// report adds the 95th percentile, in milliseconds, to the benchmark's result.
func (t timings) report(b *testing.B) {
	if len(t) == 0 {
		return
	}
	s := slices.Clone(t)
	slices.Sort(s)
	p95 := s[int(math.Ceil(0.95*float64(len(s))))-1]
	b.ReportMetric(float64(p95)/float64(time.Millisecond), "p95-ms")
}

func benchPages(b *testing.B, filters map[string]model.MemberFilter) {
	s := largeStore(b)
	ctx := context.Background()
	for _, name := range slices.Sorted(maps.Keys(filters)) {
		f := filters[name]
		b.Run(name, func(b *testing.B) {
			var t timings
			for b.Loop() {
				t.time(func() {
					page, err := s.Members(ctx, f)
					if err != nil || len(page) == 0 {
						b.Fatalf("Members(%+v) = %d members, %v", f, len(page), err)
					}
				})
			}
			t.report(b)
		})
	}
}

// BenchmarkMembersPage reads one page of 50 of the living members, at the
// start, the middle and the end of the list.
func BenchmarkMembersPage(b *testing.B) {
	benchPages(b, map[string]model.MemberFilter{
		"offset=0":     {Limit: 50},
		"offset=10000": {Offset: 10_000, Limit: 50},
		"offset=19950": {Offset: largeMembers - 50, Limit: 50},
	})
}

// BenchmarkMembersPageTag reads one page of the members with a tag: a common
// one (about 40 % of members) and a rare one (about 3 %).
func BenchmarkMembersPageTag(b *testing.B) {
	benchPages(b, map[string]model.MemberFilter{
		"common/offset=0":    {Tag: "newcomer", Limit: 50},
		"common/offset=8000": {Tag: "newcomer", Offset: 8000, Limit: 50},
		"rare/offset=0":      {Tag: "rare", Limit: 50},
		"rare/offset=500":    {Tag: "rare", Offset: 500, Limit: 50},
	})
}

// typedNames are typed letter by letter in BenchmarkSearchAsYouType.
var typedNames = []string{"Amara Okafor", "Björn Öberg", "zoe wisniewski", "Chen Wei", "lena johansson"}

// BenchmarkSearchAsYouType types names letter by letter and reads the first
// page of results for every prefix, as the member list does; one op is all
// the names typed. p95-ms is over single keystrokes. "with-count" also
// counts the results for each keystroke, as the list needs its length.
func BenchmarkSearchAsYouType(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	var prefixes []string
	for _, name := range typedNames {
		r := []rune(name)
		for i := 1; i <= len(r); i++ {
			prefixes = append(prefixes, string(r[:i]))
		}
	}
	for _, withCount := range []bool{false, true} {
		b.Run(fmt.Sprintf("with-count=%v", withCount), func(b *testing.B) {
			var t timings
			for b.Loop() {
				for _, p := range prefixes {
					t.time(func() {
						f := model.MemberFilter{Text: p, Limit: 50}
						if _, err := s.Members(ctx, f); err != nil {
							b.Fatalf("Members(Text %q): %v", p, err)
						}
						if withCount {
							if _, err := s.CountMembers(ctx, f); err != nil {
								b.Fatalf("CountMembers(Text %q): %v", p, err)
							}
						}
					})
				}
			}
			b.ReportMetric(float64(len(prefixes)), "keystrokes/op")
			t.report(b)
		})
	}
}

// BenchmarkCountMembers counts the living members, a tag, and the matches
// of a one-letter and a whole-word search.
func BenchmarkCountMembers(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	filters := map[string]model.MemberFilter{
		"all":         {},
		"tag":         {Tag: "newcomer"},
		"text=a":      {Text: "a"},
		"text=amara":  {Text: "amara"},
		"tag+text=a":  {Tag: "newcomer", Text: "a"},
		"trash":       {Trashed: true},
		"trash+text":  {Trashed: true, Text: "a"},
		"text=nobody": {Text: "zzzz"},
	}
	for _, name := range slices.Sorted(maps.Keys(filters)) {
		f := filters[name]
		b.Run(name, func(b *testing.B) {
			var t timings
			for b.Loop() {
				t.time(func() {
					if _, err := s.CountMembers(ctx, f); err != nil {
						b.Fatal(err)
					}
				})
			}
			t.report(b)
		})
	}
}
