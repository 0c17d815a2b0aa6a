package reports

import (
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/analysis/effect"
)

// TestStaggeredHeadline: with a staggered estimate the headline states it, with the TWFE estimate
// beside it, and the diagnostics are put in words.
func TestStaggeredHeadline(t *testing.T) {
	e := &effect.Result{Estimate: -0.40, CILow: -0.46, CIHigh: -0.34,
		Staggered: &effect.Staggered{Control: "not_yet_treated", Councils: 300, NeverRestricted: 200, ExcludedReversing: 4,
			Overall: effect.Interval{Estimate: -0.52, StdError: 0.02, CILow: -0.5592, CIHigh: -0.4808}},
		Pretrend:    &effect.Pretrend{Wald: 2.5, DF: 3, P: 0.475, Slope80Power: 0.031},
		Sensitivity: &effect.Sensitivity{BreakdownM: 4.2},
		Bacon: &effect.Bacon{TWFE: -0.41, Councils: 280, ByType: []effect.BaconType{
			{Type: effect.BaconTreatedVsNever, Weight: 0.8, Estimate: -0.45}, {Type: effect.BaconLaterVsEarlier, Weight: 0.2, Estimate: -0.2}}},
	}
	got := effectSentence(e)
	for _, want := range []string{"lowered staff satisfaction with ICT by 0.52 points", "95% CI 0.48 to 0.56; p < 0.001",
		"the two-way fixed-effects estimate is −0.40 (95% CI −0.46 to −0.34)"} {
		if !strings.Contains(got, want) {
			t.Errorf("headline %q lacks %q", got, want)
		}
	}
	meaning := strings.Join(effectMeaning(e, 4.5), " ")
	for _, want := range []string{"4 councils that later lifted their restriction", "20% of its weight", "Wald χ²(3) = 2.50, p = 0.475",
		"0.031 points a year", "more than 4.2 times"} {
		if !strings.Contains(meaning, want) {
			t.Errorf("meaning lacks %q:\n%s", want, meaning)
		}
	}
	if strings.Contains(got+meaning, "%!") {
		t.Errorf("formatting error in %q", got+meaning)
	}
}
