package effect

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// The bootstrap depends on the seed only: any number of workers gives the same replications.
func TestBootstrapDeterministic(t *testing.T) {
	panel, _ := simulate(3, 60, 6, -0.5)
	var first *Result
	for _, w := range []int{1, 2, 3, 8} {
		r, err := Estimate(context.Background(), panel, nil, Options{Replications: 301, Seed: 99, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = r
			continue
		}
		if *r.Bootstrap.CILow != *first.Bootstrap.CILow || *r.Bootstrap.CIHigh != *first.Bootstrap.CIHigh ||
			*r.Bootstrap.StdError != *first.Bootstrap.StdError {
			t.Errorf("workers %d: %+v differs from %+v", w, r.Bootstrap, first.Bootstrap)
		}
	}
	other, err := Estimate(context.Background(), panel, nil, Options{Replications: 301, Seed: 100})
	if err != nil {
		t.Fatal(err)
	}
	if *other.Bootstrap.CILow == *first.Bootstrap.CILow && *other.Bootstrap.CIHigh == *first.Bootstrap.CIHigh {
		t.Error("a different seed gave the same interval")
	}
	if first.Bootstrap.Replications != 301 || first.Bootstrap.Valid != 301 || first.Bootstrap.Seed != 99 {
		t.Errorf("bootstrap bookkeeping %+v", first.Bootstrap)
	}
}

// Each replication must equal the difference-in-differences re-estimated from scratch on a physically
// resampled panel (drawn organisations copied, duplicates given new ids), which checks the shortcut of
// summing precomputed per-organisation cross-products. The draws replay the documented streams:
// chunk c of 64 replications uses PCG(seed, c), one IntN(G) per drawn organisation. 130 replications
// cross two chunk boundaries. The percentiles are then the ⌈p·B⌉-th smallest estimates.
func TestBootstrapMatchesResampledPanels(t *testing.T) {
	const reps, seed = 130, 5
	panel, _ := simulate(11, 25, 5, -0.5)
	p := newPanel(panel)
	g := p.clusters()
	var want []float64
	dropped := 0
	for c := 0; c*bootstrapChunk < reps; c++ {
		rng := rand.New(rand.NewPCG(seed, uint64(c)))
		for r := c * bootstrapChunk; r < min(reps, (c+1)*bootstrapChunk); r++ {
			var rs []OrgYear
			for j := range g {
				o := rng.IntN(g)
				for _, row := range p.rows[p.orgStart[o]:p.orgStart[o+1]] {
					row.Org = int32(j) // each draw is its own cluster
					rs = append(rs, row)
				}
			}
			did, err := estimateTWFE(newPanel(rs))
			if err != nil {
				dropped++
				continue
			}
			want = append(want, did.beta.est)
		}
	}
	slices.Sort(want)
	got, err := runBootstrap(context.Background(), twfeDesign(p), Options{Replications: reps, Seed: seed, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if got.dropped != dropped || len(got.estimates) != len(want) {
		t.Fatalf("valid %d dropped %d, want %d and %d", len(got.estimates), got.dropped, len(want), dropped)
	}
	for i := range want {
		near(t, "replication", got.estimates[i], want[i], 1e-10)
	}
	n := len(want)
	e := got.estimates
	lo, hi := e[int(math.Ceil(0.025*float64(n)))-1], e[int(math.Ceil(0.975*float64(n)))-1]
	if percentile(0.025, got.estimates) != lo || percentile(0.975, got.estimates) != hi {
		t.Errorf("percentiles %v, %v; want %v, %v", percentile(0.025, got.estimates), percentile(0.975, got.estimates), lo, hi)
	}
}

// With B = 1999 the percentile interval is the 50th and 1950th smallest estimates.
func TestPercentileDefinition(t *testing.T) {
	x := make([]float64, 1999)
	for i := range x {
		x[i] = float64(i + 1)
	}
	if lo, hi := percentile(0.025, x), percentile(0.975, x); lo != 50 || hi != 1950 {
		t.Errorf("percentiles %v, %v; want 50, 1950", lo, hi)
	}
}

// In the hand panel only organisations 1 and 2 carry within variation in the treatment, with 3 and 4
// as controls; replications that draw no treated or no control organisation cannot estimate the
// effect (without controls the treatment is the 2013 dummy) and are dropped and counted.
// P(neither 1 nor 2 among 5 draws) = P(neither 3 nor 4) = (3/5)^5, P(only 5) = (1/5)^5, so the
// expected dropped share is 2·0.6^5 − 0.2^5 ≈ 15.5%.
func TestBootstrapCountsDropped(t *testing.T) {
	r, err := Estimate(context.Background(), handPanel, nil, Options{Replications: 1999, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	b := r.Bootstrap
	if b.Dropped == 0 || b.Valid+b.Dropped != b.Replications || b.Replications != 1999 {
		t.Errorf("bootstrap %+v: want some dropped and valid + dropped = 1999", b)
	}
	if f := float64(b.Dropped) / 1999; math.Abs(f-0.1552) > 0.025 { // about 3 binomial SEs
		t.Errorf("dropped share %.3f; expected about 0.155", f)
	}
	t.Logf("dropped %d of %d", b.Dropped, b.Replications)
}

func TestBootstrapCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	panel, _ := simulate(3, 30, 6, -0.5)
	if _, err := Estimate(ctx, panel, nil, Options{}); err == nil {
		t.Error("cancelled context: no error")
	}
}
