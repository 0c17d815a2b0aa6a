package sector

import (
	"context"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
)

// chunkSize is the number of iterations that share one random stream. Chunk c draws from a PCG
// generator seeded with (seed, c), so each iteration's draws depend only on the seed and its
// chunk, never on the number of workers; chunk results are merged in chunk order.
const chunkSize = 256

// RunOptions control a Monte Carlo run. The zero value uses every core and reports nothing.
type RunOptions struct {
	// Workers is the number of goroutines; 0 means runtime.GOMAXPROCS(0). Results do not depend on it.
	Workers int
	// Progress, if not nil, is called from one goroutine with the chunks done so far and the total.
	Progress func(done, total int)
}

// runChunks runs iterations in chunks on opts.Workers goroutines. newWorker gives each goroutine
// its own chunk function (and so its own scratch space and samplers, built on src); the function
// gets the generator of src, already seeded for the chunk, and the chunk's iteration range. Results come back in chunk order.
func runChunks[S any](ctx context.Context, seed uint64, iterations int, opts RunOptions,
	newWorker func(src rand.Source) func(rng *rand.Rand, lo, hi int) S) ([]S, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	nChunks := (iterations + chunkSize - 1) / chunkSize
	out := make([]S, nChunks)
	var next, done atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range min(workers, nChunks) {
		wg.Go(func() {
			pcg := rand.NewPCG(0, 0)
			rng := rand.New(pcg)
			work := newWorker(pcg)
			for ctx.Err() == nil {
				c := int(next.Add(1) - 1)
				if c >= nChunks {
					return
				}
				pcg.Seed(seed, costmodel.SeedStream(uint64(c)))
				out[c] = work(rng, c*chunkSize, min((c+1)*chunkSize, iterations))
				d := done.Add(1)
				if opts.Progress != nil {
					mu.Lock()
					opts.Progress(int(d), nChunks)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
