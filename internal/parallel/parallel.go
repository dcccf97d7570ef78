// Package parallel runs independent pieces of work on every core the program
// may use.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls, for every i in [0, n), the function a worker returns, on as
// many goroutines as the program may use (no more than the work needs), each
// taking batch indexes at a time: enough that handing them out costs nothing,
// few enough that the goroutines finish together. worker runs once per
// goroutine, so that each can keep scratch memory of its own. Each returns
// when all n are done; the caller's goroutine works too.
func Each(n, batch int, worker func() func(i int)) {
	if n <= 0 {
		return
	}
	batch = max(batch, 1)
	var next atomic.Int64
	work := func() {
		do := worker()
		for {
			start := int(next.Add(int64(batch))) - batch
			if start >= n {
				return
			}
			for i := start; i < min(start+batch, n); i++ {
				do(i)
			}
		}
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (n+batch-1)/batch) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
}
