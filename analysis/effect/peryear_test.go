package effect

import (
	"context"
	"math"
	"testing"

	"github.com/psnbyod/psnbyod/analysis/stats"
)

// In handPanel only 2013 has both groups: restricted org-years 4.0, 4.0, 4.5; unrestricted 5.5, 5.5.
// By hand: means 25/6 and 5.5, difference −4/3. Restricted variance ((1/6)²·2 + (1/3)²)/2 = 1/12,
// unrestricted 0, so SE² = (1/12)/3 = 1/36, t = (−4/3)/(1/6) = −8, and Welch–Satterthwaite
// df = (1/36)² / ((1/36)²/2) = 2. For 2 degrees of freedom F(t) = ½ + t/(2√(2+t²)), so the two-sided
// p = 1 − 8/√66.
func TestPerYearHand(t *testing.T) {
	counts := []Counts{
		{Year: 2013, Restricted: [7]int64{0, 2, 5, 10, 8, 3, 1}, Unrestricted: [7]int64{0, 1, 3, 6, 12, 7, 2}},
		// A second entry for the same year is added to the first.
		{Year: 2013, Restricted: [7]int64{1, 0, 0, 0, 0, 0, 0}},
		// A year without both groups is ignored.
		{Year: 2012, Unrestricted: [7]int64{0, 0, 0, 1, 2, 3, 4}},
	}
	r, err := Estimate(context.Background(), handPanel, counts, Options{Replications: 9})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.PerYear) != 1 {
		t.Fatalf("per_year has %d years, want only 2013: %+v", len(r.PerYear), r.PerYear)
	}
	c := r.PerYear[0]
	if c.Year != 2013 || c.NRestricted != 3 || c.NUnrestricted != 2 {
		t.Errorf("year %d, n %d/%d; want 2013, 3/2", c.Year, c.NRestricted, c.NUnrestricted)
	}
	near(t, "mean_restricted", c.MeanRestricted, 25.0/6, 1e-14)
	near(t, "mean_unrestricted", c.MeanUnrestricted, 5.5, 1e-14)
	near(t, "difference", c.Difference, -4.0/3, 1e-14)
	near(t, "welch_t", *c.WelchT, -8, 1e-12)
	near(t, "welch_df", *c.WelchDF, 2, 1e-12)
	near(t, "welch_p", *c.WelchP, 1-8/math.Sqrt(66), 1e-12)

	// The Mann–Whitney fields are the checked stats.MannWhitneyCounts on the merged histogram.
	m, err := stats.MannWhitneyCounts([]int64{1, 2, 5, 10, 8, 3, 1}, []int64{0, 1, 3, 6, 12, 7, 2})
	if err != nil {
		t.Fatal(err)
	}
	if c.RespondentsRestricted != 30 || c.RespondentsUnrestricted != 31 {
		t.Errorf("respondents %d/%d, want 30/31", c.RespondentsRestricted, c.RespondentsUnrestricted)
	}
	if *c.MannWhitneyU != m.U || *c.MannWhitneyP != m.P || *c.MannWhitneyZ != m.Z || *c.RankBiserial != m.RankBiserial {
		t.Errorf("Mann–Whitney %v %v %v %v, want %+v", *c.MannWhitneyU, *c.MannWhitneyZ, *c.MannWhitneyP, *c.RankBiserial, m)
	}
	// Restricted respondents score lower here, so the correlation is negative.
	if *c.RankBiserial >= 0 {
		t.Errorf("rank-biserial %v, want negative", *c.RankBiserial)
	}
}

// A test that cannot be computed is left out rather than reported as NaN.
func TestPerYearMissingTests(t *testing.T) {
	panel := []OrgYear{
		{1, 2020, 5, 10, false}, {1, 2021, 4, 10, true},
		{2, 2020, 5.5, 10, false}, {2, 2021, 5.6, 10, false},
		{3, 2020, 5.2, 10, false}, {3, 2021, 5.1, 10, false},
	}
	r, err := Estimate(context.Background(), panel, nil, Options{Replications: 9})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.PerYear) != 1 {
		t.Fatalf("per_year %+v", r.PerYear)
	}
	c := r.PerYear[0]
	if c.WelchP != nil || c.MannWhitneyP != nil || c.RankBiserial != nil {
		t.Errorf("one restricted org-year and no counts: want no tests, got %+v", c)
	}
	near(t, "difference", c.Difference, 4-5.35, 1e-14)
}
