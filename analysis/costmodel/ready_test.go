package costmodel

import (
	"context"
	"testing"

	"github.com/psnbyod/psnbyod/datasets/scenarios"
)

// TestReadyScenarios parses and runs every embedded ready scenario (at fewer iterations), checking
// the run is complete: every option summarised, every uncertain input in the tornado and switching
// values, and probabilities of being best summing to one.
func TestReadyScenarios(t *testing.T) {
	names := scenarios.Cost.Files()
	if len(names) < 3 {
		t.Fatalf("%d ready scenarios, want at least 3", len(names))
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			data, err := scenarios.Cost.Read(name)
			if err != nil {
				t.Fatal(err)
			}
			sc, err := Parse(name, data)
			if err != nil {
				t.Fatal(err)
			}
			if sc.Baseline == "" || len(sc.Options) < 2 {
				t.Errorf("baseline %q and %d options: a ready scenario compares options", sc.Baseline, len(sc.Options))
			}
			sc.Iterations = 20_000
			r, err := Analyse(context.Background(), sc, RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var best float64
			for _, o := range r.Options {
				best += o.ProbBest
				if o.NPSV.P5 > o.NPSV.P50 || o.NPSV.P50 > o.NPSV.P95 {
					t.Errorf("%s: percentiles out of order: %+v", o.Name, o.NPSV)
				}
			}
			if !near(best, 1, 1e-12) {
				t.Errorf("prob_best sums to %v", best)
			}
			// The option preferred is the one with the highest Monte Carlo mean.
			top := 0
			for i, o := range r.Options {
				if o.ExpectedNPSV.Mean > r.Options[top].ExpectedNPSV.Mean {
					top = i
				}
			}
			if r.Preferred != r.Options[top].Name || r.DecisionNote == "" {
				t.Errorf("preferred %q, but %q has the highest expected NPSV (note %q)", r.Preferred, r.Options[top].Name, r.DecisionNote)
			}
			if name == "district_compliance_timing.toml" && r.Preferred == "delay_one_year" {
				t.Error("the district case recommends delay")
			}
			unc := 0
			for _, in := range sc.UncertainInputs() {
				if in.Event == "" {
					unc++
				}
			}
			if len(r.SwitchingValues) != unc || len(r.Tornado[0].Bars) != unc {
				t.Errorf("%d uncertain inputs, %d switching values, %d tornado bars", unc, len(r.SwitchingValues), len(r.Tornado[0].Bars))
			}
			if len(r.CashFlows) == 0 {
				t.Error("no cash flows")
			}
		})
	}
}
