// The cluster (pairs) bootstrap of the difference-in-differences: organisations resampled with
// replacement, run in parallel in fixed chunks with their own seeded streams, so the interval depends
// on the seed only, never on the number of cores.

package effect

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"gonum.org/v1/gonum/stat"
)

// bootstrapChunk is the number of replications drawn from one random stream. It is fixed, so the
// replications a stream produces do not depend on how chunks are shared among goroutines.
const bootstrapChunk = 64

// bootstrapOutcome is the raw result of the bootstrap.
type bootstrapOutcome struct {
	estimates []float64 // estimates of the valid replications, sorted
	dropped   int       // replications in which the treatment had no within variation
}

// runBootstrap resamples the organisations of d with replacement opts.Replications times and
// re-estimates the treatment coefficient each time.
//
// An organisation's demeaned rows are the same whenever it is drawn (a duplicate is a new cluster with
// its own fixed effect), so its contributions X_g'X_g and X_g'y_g are computed once; a replication adds
// those of the drawn organisations and solves a T×T system.
func runBootstrap(ctx context.Context, d *design, opts Options) (*bootstrapOutcome, error) {
	k := d.k
	g := len(d.orgStart) - 1
	stride := k*k + k
	moments := make([]float64, g*stride)
	for c := range g {
		m := moments[c*stride : (c+1)*stride]
		d.crossProducts(c, m[:k*k], m[k*k:])
	}

	b := opts.Replications
	est := make([]float64, b)
	chunks := (b + bootstrapChunk - 1) / bootstrapChunk
	next := make(chan int, chunks)
	for c := range chunks {
		next <- c
	}
	close(next)

	workers := min(opts.Workers, chunks)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			xtx := make([]float64, k*k)
			xty := make([]float64, k)
			for c := range next {
				if ctx.Err() != nil {
					return
				}
				rng := rand.New(rand.NewPCG(opts.Seed, uint64(c)))
				for r := c * bootstrapChunk; r < min(b, (c+1)*bootstrapChunk); r++ {
					clear(xtx)
					clear(xty)
					for range g {
						m := moments[rng.IntN(g)*stride:]
						for i, v := range m[:k*k] {
							xtx[i] += v
						}
						for i, v := range m[k*k : stride] {
							xty[i] += v
						}
					}
					est[r] = bootstrapEstimate(xtx, xty, k)
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := &bootstrapOutcome{estimates: make([]float64, 0, b)}
	for _, v := range est {
		if math.IsNaN(v) {
			out.dropped++
			continue
		}
		out.estimates = append(out.estimates, v)
	}
	slices.Sort(out.estimates)
	return out, nil
}

// bootstrapEstimate solves one replication's normal equations and returns the treatment coefficient,
// or NaN when the treatment has no variation within the drawn organisations (or is collinear with
// the year effects), so the replication cannot estimate it.
func bootstrapEstimate(xtx, xty []float64, k int) float64 {
	s, err := solveNormal(xtx, xty, k, false)
	if err != nil {
		return math.NaN()
	}
	r := s.position(treatmentColumn(k))
	if r < 0 {
		return math.NaN()
	}
	return s.beta[r]
}

// percentile is the p-quantile of sorted estimates by the inverse of the empirical distribution
// function (gonum's stat.Empirical, Hyndman–Fan type 1): the ⌈p·B⌉-th smallest of B. With B = 1999
// the 2.5% and 97.5% points are the 50th and 1950th estimates, the usual (B+1)·α rule.
func percentile(p float64, sorted []float64) float64 {
	return stat.Quantile(p, stat.Empirical, sorted, nil)
}
