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

// TestEventStudyStopsAtLifting: an organisation that lifts its restriction contributes no rows to the
// event study from that year on, so its relative years after lifting are not counted.
func TestEventStudyStopsAtLifting(t *testing.T) {
	var rows []OrgYear
	for org := int32(1); org <= 12; org++ {
		for y := int32(2011); y <= 2016; y++ {
			r := OrgYear{Org: org, Year: y, Mean: 4 + 0.01*float64(org) + 0.02*float64(y-2011), Respondents: 20}
			switch {
			case org <= 4 && y >= 2013: // restricted from 2013 on
				r.Restricted, r.Mean = true, r.Mean-0.5
			case org > 4 && org <= 8 && y >= 2013 && y < 2015: // restricted 2013–2014, lifted in 2015
				r.Restricted, r.Mean = true, r.Mean-0.5
			}
			rows = append(rows, r)
		}
	}
	p := newPanel(rows)
	q := withinFirstSpell(p)
	if len(q.rows) != len(p.rows)-4*2 {
		t.Fatalf("%d rows kept of %d, want the 8 lifted org-years dropped", len(q.rows), len(p.rows))
	}
	es, err := estimateEventStudy(p, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es.effects {
		if e.RelativeYear >= 2 && e.Organisations != 4 {
			t.Errorf("relative year %d rests on %d organisations, want the 4 still restricted", e.RelativeYear, e.Organisations)
		}
	}
}
