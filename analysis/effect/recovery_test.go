package effect

import (
	"context"
	"math"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// Over many simulated panels with a known effect, the difference-in-differences must be unbiased and
// its clustered 95% interval must cover the truth about 95% of the time. With 400 seeds the coverage
// estimate has a standard error of about 0.011, so the bounds [0.92, 0.98] accept 95% and reject 80%
// (or an interval that ignores within-organisation correlation) by a wide margin.
func TestRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("recovery simulation fits 400 panels of 200 organisations (about a second); skipped in -short")
	}
	const truth, seeds = -0.5, 400
	est := make([]float64, 0, seeds)
	covered := 0
	var lead, lag float64 // mean event-study estimates at relative years −2 and +1
	for s := range uint64(seeds) {
		panel, _ := simulate(s, 200, 6, truth)
		p := newPanel(panel)
		did, err := estimateTWFE(p)
		if err != nil {
			t.Fatal(err)
		}
		est = append(est, did.beta.est)
		if did.beta.lo <= truth && truth <= did.beta.hi {
			covered++
		}
		es, err := estimateEventStudy(p, defaultEventMinOrganisations)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es.effects {
			switch e.RelativeYear {
			case -2:
				lead += e.Estimate / seeds
			case 1:
				lag += e.Estimate / seeds
			}
		}
	}
	mean, sd := stat.MeanStdDev(est, nil)
	if se := sd / math.Sqrt(seeds); math.Abs(mean-truth) > 4*se {
		t.Errorf("mean estimate %.4f, truth %.2f, Monte Carlo SE %.4f: biased", mean, truth, se)
	}
	cov := float64(covered) / seeds
	t.Logf("mean %.4f (sd %.4f), coverage %.3f, event study lead(−2) %.4f lag(+1) %.4f", mean, sd, cov, lead, lag)
	if cov < 0.92 || cov > 0.98 {
		t.Errorf("95%% interval covered the truth in %.3f of %d seeds", cov, seeds)
	}
	// Parallel trends hold in the simulation, so leads average to zero and lags to the effect.
	if math.Abs(lead) > 0.02 || math.Abs(lag-truth) > 0.02 {
		t.Errorf("event study averages: lead(−2) %.4f, want 0; lag(+1) %.4f, want %.2f", lead, lag, truth)
	}
}

// The percentile bootstrap interval should also cover about 95% of the time. 400 seeds and 199
// replications keep it quick; its coverage SE is about 0.011, so [0.92, 0.98] separates 95% from 80%.
func TestBootstrapCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("bootstrap coverage runs 400 bootstraps (about two seconds); skipped in -short")
	}
	const truth, seeds = -0.5, 400
	covered := 0
	for s := range uint64(seeds) {
		panel, _ := simulate(1000+s, 200, 6, truth)
		r, err := Estimate(context.Background(), panel, nil, Options{Replications: 199, Seed: s})
		if err != nil {
			t.Fatal(err)
		}
		if *r.Bootstrap.CILow <= truth && truth <= *r.Bootstrap.CIHigh {
			covered++
		}
	}
	cov := float64(covered) / seeds
	t.Logf("bootstrap coverage %.3f", cov)
	if cov < 0.92 || cov > 0.98 {
		t.Errorf("bootstrap 95%% interval covered the truth in %.3f of %d seeds", cov, seeds)
	}
}

func BenchmarkEstimate400x6(b *testing.B) {
	panel, counts := simulate(42, 400, 6, -0.5)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Estimate(ctx, panel, counts, Options{Replications: DefaultReplications, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
}
