package study

import (
	"context"
	"math"
	"runtime"
	"sync"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/synth"
)

// The acceptance test, end to end: on datasets from the generator with a planted effect, the
// study's estimate is unbiased and its 95% interval covers the truth in about 95% of seeds. Each seed
// is a whole dataset (150 councils, 2011–2016, about 40 respondents a year) written as CSV, read back,
// validated and studied, so the readers, the fold, the KPIs and the model are all under test.
//
// The truth of a seed is its truth.json restriction_effect: the planted effect on expected satisfaction
// averaged over that seed's restricted org-years. With S = 400 seeds the coverage has a standard error
// of about sqrt(0.95·0.05/S) = 0.011, so the bounds [0.90, 0.99] accept 95% and reject 80% by nine
// standard errors. Seeds are fixed and results do not depend on scheduling, so the test is not flaky.
//
// Known bias, measured and allowed for explicitly. On the generator as it is, the mean error is +0.0079
// (estimate less negative than the truth −0.471) with a Monte Carlo SE of 0.0015: 5 SE, 1.7% of the
// effect. It comes from the generator's BYOD-user channel, not from the estimator: only councils with
// a BYOD scheme restrict, and their satisfaction drifts up as scheme take-up ramps up (and as schemes
// start in 2011–2013), which the never-restricted councils (a third have no scheme) do not share, so
// parallel trends fail slightly; the channel also makes the org-year effects heterogeneous (−0.52 to
// −0.40) in a way linked to time since the scheme started. With the take-up ramp removed the bias
// halves (+0.0041); with the BYOD-user effect set to 0 it vanishes (−0.0013, SE 0.0015; coverage
// 0.945). The test therefore allows |bias| ≤ 3 SE + 0.01 (about 2% of the effect) and says so when it
// is beyond 3 SE; a generator with parallel trends should bring back the strict 3 SE bound.
func TestRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and studies 400 datasets (about 20 s on 2 cores); skipped in -short")
	}
	const seeds = 400
	type outcome struct {
		err                       float64 // estimate − truth
		covered                   bool
		truth, truthMin, truthMax float64
		fail                      error
	}
	out := make([]outcome, seeds)
	next := make(chan int)
	go func() {
		for s := range seeds {
			next <- s
		}
		close(next)
	}()
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			dir := t.TempDir() // one folder per worker, overwritten seed after seed, keeps the disk use small
			for s := range next {
				o := &out[s]
				cfg := synth.Config{Orgs: 150, FirstYear: 2011, LastYear: 2016, RespondentsPerOrg: 40,
					Seed: uint64(1000 + s), Format: datasets.FormatCSV, Workers: 1}
				d, errs, truth, err := generate(dir, cfg)
				if err != nil {
					o.fail = err
					continue
				}
				// The clustered interval is what is tested; a few replications keep the bootstrap cheap.
				r, err := Run(context.Background(), d, Options{Replications: 9, Seed: uint64(s), Workers: 1}, errs)
				if err != nil {
					o.fail = err
					continue
				}
				if r.Effect == nil {
					o.fail = errorString("seed has no effect estimate: " + r.EffectUnavailable)
					continue
				}
				o.err = r.Effect.Estimate - truth.RestrictionEffect
				o.covered = r.Effect.CILow <= truth.RestrictionEffect && truth.RestrictionEffect <= r.Effect.CIHigh
				o.truth, o.truthMin, o.truthMax = truth.RestrictionEffect, truth.RestrictionEffectMin, truth.RestrictionEffectMax
			}
		})
	}
	wg.Wait()

	errs := make([]float64, 0, seeds)
	covered := 0
	var truthMean, truthMin, truthMax float64 = 0, math.Inf(1), math.Inf(-1)
	for s, o := range out {
		if o.fail != nil {
			t.Fatalf("seed %d: %v", 1000+s, o.fail)
		}
		errs = append(errs, o.err)
		if o.covered {
			covered++
		}
		truthMean += o.truth / seeds
		truthMin, truthMax = math.Min(truthMin, o.truthMin), math.Max(truthMax, o.truthMax)
	}
	bias, sd := stat.MeanStdDev(errs, nil)
	se := sd / math.Sqrt(seeds)
	cov := float64(covered) / seeds
	t.Logf("%d seeds: mean truth %.4f (org-year effects from %.4f to %.4f); bias %.4f (Monte Carlo SE %.4f, sd of error %.4f); coverage %.3f",
		seeds, truthMean, truthMin, truthMax, bias, se, sd, cov)
	const knownBias = 0.01 // the generator's parallel-trends violation; see the comment above
	switch {
	case math.Abs(bias) > 3*se+knownBias:
		t.Errorf("mean error %.4f is beyond 3 Monte Carlo SE (%.4f) + %.2f from zero: biased", bias, se, knownBias)
	case math.Abs(bias) > 3*se:
		t.Logf("mean error %.4f is beyond 3 Monte Carlo SE but within the generator's known bias (%.2f)", bias, knownBias)
	}
	if cov < 0.90 || cov > 0.99 {
		t.Errorf("95%% interval covered the truth in %.3f of %d seeds; want 0.90 to 0.99", cov, seeds)
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }
