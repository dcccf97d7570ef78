package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestEachDoesEveryIndexOnce(t *testing.T) {
	for _, procs := range []int{1, 4} {
		prev := runtime.GOMAXPROCS(procs)
		for _, tc := range []struct{ n, batch int }{{0, 8}, {1, 8}, {7, 3}, {1000, 64}, {1000, 0}} {
			seen := make([]atomic.Int32, tc.n)
			var workers atomic.Int32
			Each(tc.n, tc.batch, func() func(int) {
				workers.Add(1)
				return func(i int) { seen[i].Add(1) }
			})
			for i := range seen {
				if got := seen[i].Load(); got != 1 {
					t.Errorf("GOMAXPROCS %d, n %d, batch %d: index %d done %d times, want 1", procs, tc.n, tc.batch, i, got)
				}
			}
			if got := int(workers.Load()); got > procs {
				t.Errorf("GOMAXPROCS %d, n %d: %d workers, want at most %d", procs, tc.n, got, procs)
			}
		}
		runtime.GOMAXPROCS(prev)
	}
}
