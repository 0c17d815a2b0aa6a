package effect

import (
	"math"
	"testing"
)

// TestReversalByHand works a switchers-out estimate by hand. All four councils are restricted in 2012;
// C and D lift it in 2013. Changes: stayers A −0.5, B +0.1 (mean −0.2); switchers C +0.8, D +0.4 (mean
// 0.6); estimate 0.6 − (−0.2) = 0.8. Influence: C (0.8 − 0.6)/2 = 0.1, D −0.1, A −(−0.5 + 0.2)/2 = 0.15,
// B −0.15; SE = √(0.01 + 0.01 + 0.0225 + 0.0225) = √0.065.
func TestReversalByHand(t *testing.T) {
	rows := []OrgYear{
		{Org: 1, Year: 2012, Mean: 5, Respondents: 9, Restricted: true}, {Org: 1, Year: 2013, Mean: 4.5, Respondents: 9, Restricted: true},
		{Org: 2, Year: 2012, Mean: 5, Respondents: 9, Restricted: true}, {Org: 2, Year: 2013, Mean: 5.1, Respondents: 9, Restricted: true},
		{Org: 3, Year: 2012, Mean: 4, Respondents: 9, Restricted: true}, {Org: 3, Year: 2013, Mean: 4.8, Respondents: 9},
		{Org: 4, Year: 2012, Mean: 4, Respondents: 9, Restricted: true}, {Org: 4, Year: 2013, Mean: 4.4, Respondents: 9},
		{Org: 5, Year: 2012, Mean: 6, Respondents: 9}, {Org: 5, Year: 2013, Mean: 6, Respondents: 9}, // never restricted: not used
	}
	r := estimateReversal(newPanel(rows))
	if r == nil {
		t.Fatal("no estimate")
	}
	if math.Abs(r.Estimate-0.8) > 1e-12 || math.Abs(r.StdError-math.Sqrt(0.065)) > 1e-12 {
		t.Errorf("estimate %v (SE %v), want 0.8 (SE %v)", r.Estimate, r.StdError, math.Sqrt(0.065))
	}
	if r.Councils != 2 || r.Switches != 2 || r.Controls != 2 || len(r.ByYear) != 1 {
		t.Errorf("counts %+v", r)
	}
	if tm := newPanel(rows).timing; tm[3].history != historyReversing || tm[1].history != historyAlways {
		t.Errorf("timing %+v", tm)
	}
}
