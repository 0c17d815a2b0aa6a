package synth_test

import (
	"math"
	"testing"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/synth"
)

// TestEffectModels checks what each varying-effect model records in the truth: the dynamic model's
// cohort effects grow with event time and its simple ATT is the cohort-size-weighted average of the
// post-period cells; the reversal model names councils that lift the restriction and leaves them out
// of the group-time truth; the constant model records none of it (so the default dataset is unchanged).
func TestEffectModels(t *testing.T) {
	base := synth.Config{Orgs: 300, FirstYear: 2011, LastYear: 2016, RespondentsPerOrg: 5, Seed: 3, Format: datasets.FormatCSV}

	cfg := base
	cfg.Effects = synth.EffectsDynamic
	_, tr := generate(t, cfg)
	if tr.SimpleATT == nil || len(tr.GroupTime) == 0 || len(tr.ReversingCouncils) != 0 {
		t.Fatalf("dynamic truth: simple %v, %d cells, %d reversing", tr.SimpleATT, len(tr.GroupTime), len(tr.ReversingCouncils))
	}
	cohorts := map[int]bool{}
	for i, c := range tr.GroupTime {
		cohorts[c.Cohort] = true
		if i > 0 && tr.GroupTime[i-1].Cohort == c.Cohort && !(c.ATT < tr.GroupTime[i-1].ATT) {
			t.Errorf("cohort %d: effect %v in %d is not below %v the year before", c.Cohort, c.ATT, c.Year, tr.GroupTime[i-1].ATT)
		}
	}
	if len(cohorts) != 3 {
		t.Errorf("cohorts %v, want 2013, 2014 and 2015", cohorts)
	}
	for i := 1; i < len(tr.EventTime); i++ {
		if !(tr.EventTime[i].ATT < tr.EventTime[i-1].ATT) {
			t.Errorf("event-time truth does not grow: %+v", tr.EventTime)
		}
	}

	cfg.Effects = synth.EffectsReversal
	_, tr = generate(t, cfg)
	if len(tr.ReversingCouncils) == 0 {
		t.Error("reversal model: no council lifts its restriction")
	}
	// Constant latent effect: every cell is close to the constant model's observed-scale effect.
	for _, c := range tr.GroupTime {
		if math.Abs(c.ATT-tr.RestrictionEffect) > 0.1 {
			t.Errorf("reversal model cell %+v far from the constant effect %v", c, tr.RestrictionEffect)
		}
	}

	cfg.Effects = synth.EffectsConstant
	_, tr = generate(t, cfg)
	if tr.Effects != "" || tr.GroupTime != nil || tr.SimpleATT != nil {
		t.Errorf("constant model records group-time truth: %+v", tr)
	}

	cfg.Effects = "growing"
	if err := cfg.Validate(); err == nil {
		t.Error("--effects growing accepted")
	}
}
