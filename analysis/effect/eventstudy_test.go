package effect

import (
	"context"
	"testing"
)

// Reference: R 4.2.2 on unbalancedPanel. First restricted years: org 1 2013, org 3 2013, org 4 2014,
// org 6 2012, org 7 2012 (orgs 2 and 5 never), giving relative years −3…2; dummies for all but −1:
//
//	fit2 <- lm(y ~ factor(year) + factor(org) + em3 + em2 + e0 + e1 + e2, data = p)
//	V <- vcovCL(fit2, cluster = ~org, type = "HC0", cadjust = FALSE) * G/(G-1)*(N-1)/(N-K)  # K = 1+3+5
//
// with p-values from pt(·, G−1) and intervals from qt(0.975, G−1), G = 7.
func TestEventStudyReference(t *testing.T) {
	r, err := Estimate(context.Background(), unbalancedPanel, nil, Options{Replications: 99, EventMinOrganisations: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		rel                int32
		est, se, p, lo, hi float64
		obs, orgs          int
	}{
		{-3, -0.10161290322580571, 0.0450734873883782, 0.065048209863691628, -0.21190375368886161, 0.008677947237250197, 1, 1},
		{-2, 0.11666666666666613, 0.064187671963157902, 0.11901755545055974, -0.040394908557390599, 0.27372824189072287, 1, 1},
		{-1, 0, 0, 1, 0, 0, 4, 4},
		{0, -0.46774193548387122, 0.0984790296756127, 0.0031598249502885166, -0.708711440286385, -0.22677243068135744, 5, 5},
		{1, -0.8403225806451613, 0.12532197767761522, 0.00053426954713536726, -1.1469744130334432, -0.53367074825687943, 2, 2},
		{2, -0.72741935483871012, 0.069774835178370756, 4.5654851277281861e-05, -0.89815222594835242, -0.55668648372906782, 1, 1},
	}
	if len(r.EventStudy) != len(want) {
		t.Fatalf("got %d relative years, want %d: %+v", len(r.EventStudy), len(want), r.EventStudy)
	}
	for i, w := range want {
		g := r.EventStudy[i]
		if g.RelativeYear != w.rel || g.Observations != w.obs || g.Organisations != w.orgs || g.Reference != (w.rel == -1) {
			t.Errorf("row %d: %+v, want relative year %d with %d obs, %d orgs", i, g, w.rel, w.obs, w.orgs)
		}
		near(t, "estimate", g.Estimate, w.est, 1e-10)
		near(t, "std_error", g.StdError, w.se, 1e-10)
		near(t, "p_value", g.PValue, w.p, 1e-10)
		near(t, "ci_low", g.CILow, w.lo, 1e-9)
		near(t, "ci_high", g.CIHigh, w.hi, 1e-9)
	}
	if r.EventStudyParameters != 9 || len(r.EventStudyOmitted) != 0 {
		t.Errorf("K = %d, omitted %v; want 9, none", r.EventStudyParameters, r.EventStudyOmitted)
	}

	// The same regression by QR on explicit dummies.
	first := map[int32]int32{}
	for _, o := range unbalancedPanel {
		if f, ok := first[o.Org]; o.Restricted && (!ok || o.Year < f) {
			first[o.Org] = o.Year
		}
	}
	rels := []int32{-3, -2, 0, 1, 2}
	b, se := lsdvClustered(t, unbalancedPanel, func(o OrgYear) []float64 {
		row := make([]float64, len(rels))
		if f, ok := first[o.Org]; ok {
			for j, rel := range rels {
				if o.Year-f == rel {
					row[j] = 1
				}
			}
		}
		return row
	})
	for j, rel := range rels {
		for _, g := range r.EventStudy {
			if g.RelativeYear == rel {
				near(t, "estimate vs LSDV", g.Estimate, b[j], 1e-10)
				near(t, "std_error vs LSDV", g.StdError, se[j], 1e-10)
			}
		}
	}
}

// Without a never-restricted organisation and with one adoption year, relative time and calendar time
// coincide for everyone: the event dummies are collinear with the year effects. The latest relative
// years must be reported as omitted, not estimated.
func TestEventStudyOmitsCollinear(t *testing.T) {
	var panel []OrgYear
	for o := range int32(4) {
		for y := range int32(4) {
			panel = append(panel, OrgYear{Org: o, Year: 2010 + y, Mean: 4 + 0.1*float64(o) + 0.3*float64(y*y%3) + 0.05*float64((o*7+y*3)%5),
				Respondents: 50, Restricted: y >= 2 && o < 2})
		}
	}
	// Orgs 2 and 3 adopt a year later, so the difference-in-differences itself is identified.
	for i := range panel {
		if panel[i].Org >= 2 && panel[i].Year == 2013 {
			panel[i].Restricted = true
		}
	}
	r, err := Estimate(context.Background(), panel, nil, Options{Replications: 49, EventMinOrganisations: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.EventStudyOmitted) == 0 {
		t.Errorf("no relative year omitted; event study %+v", r.EventStudy)
	}
	for _, e := range r.EventStudy {
		for _, o := range r.EventStudyOmitted {
			if e.RelativeYear == o {
				t.Errorf("relative year %d both estimated and omitted", o)
			}
		}
	}
}

// With the default minimum of five organisations, unbalancedPanel's thin ends are binned: leads −3 and
// −2 (one organisation each) become "−2 or earlier", and lags 2, 1 (one and two organisations) join 0,
// leaving "0 or later". The binned regression is checked against LSDV with those two dummies.
func TestEventStudyBinsThinEnds(t *testing.T) {
	r, err := Estimate(context.Background(), unbalancedPanel, nil, Options{Replications: 9})
	if err != nil {
		t.Fatal(err)
	}
	first := map[int32]int32{}
	for _, o := range unbalancedPanel {
		if f, ok := first[o.Org]; o.Restricted && (!ok || o.Year < f) {
			first[o.Org] = o.Year
		}
	}
	b, se := lsdvClustered(t, unbalancedPanel, func(o OrgYear) []float64 {
		f, ok := first[o.Org]
		if !ok {
			return []float64{0, 0}
		}
		lead, post := 0.0, 0.0
		if o.Year-f <= -2 {
			lead = 1
		}
		if o.Year-f >= 0 {
			post = 1
		}
		return []float64{lead, post}
	})
	want := []struct {
		rel       int32
		obs, orgs int
		open, ref bool
		est, se   float64
	}{
		{-2, 2, 2, true, false, b[0], se[0]},
		{-1, 4, 4, false, true, 0, 0},
		{0, 8, 5, true, false, b[1], se[1]},
	}
	if len(r.EventStudy) != len(want) {
		t.Fatalf("event study %+v", r.EventStudy)
	}
	for i, w := range want {
		g := r.EventStudy[i]
		if g.RelativeYear != w.rel || g.Observations != w.obs || g.Organisations != w.orgs || g.OpenEnded != w.open || g.Reference != w.ref {
			t.Errorf("row %d: %+v, want %+v", i, g, w)
		}
		near(t, "estimate", g.Estimate, w.est, 1e-10)
		near(t, "std_error", g.StdError, w.se, 1e-10)
	}
	if r.EventStudyParameters != 1+3+2 {
		t.Errorf("K = %d, want 6", r.EventStudyParameters)
	}
}
