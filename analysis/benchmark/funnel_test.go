package benchmark

import (
	"math"
	"testing"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/contract"
)

func TestZQuantiles(t *testing.T) {
	// Published two-sided normal quantiles (Spiegelhalter 2005, Table I; any normal table): 1.959964 for
	// 95% and 3.090232 for 99.8%.
	if !near(Z95, 1.959964, 1e-6) || !near(Z998, 3.090232, 1e-6) {
		t.Errorf("Z95 %v Z998 %v", Z95, Z998)
	}
}

func TestFunnelLimitsProportion(t *testing.T) {
	// p̄ = 0.8, n = 100: σ/√n = sqrt(0.8·0.2/100) = 0.04.
	// 95%: 0.8 ± 1.959964·0.04 = 0.8 ± 0.07839856 → 0.72160144, 0.87839856.
	// 99.8%: 0.8 ± 3.090232·0.04 = 0.8 ± 0.12360928 → 0.67639072, 0.92360928.
	f := Funnel{Target: 0.8, Sigma: math.Sqrt(0.8 * 0.2), Min: 0, Max: 1}
	lo, hi := f.limits(100, Z95)
	if !near(lo, 0.72160144, 1e-7) || !near(hi, 0.87839856, 1e-7) {
		t.Errorf("95%%: %v %v", lo, hi)
	}
	lo, hi = f.limits(100, Z998)
	if !near(lo, 0.67639072, 1e-7) || !near(hi, 0.92360928, 1e-7) {
		t.Errorf("99.8%%: %v %v", lo, hi)
	}
	// At n = 4 the upper 99.8% limit 0.8 + 3.090232·0.2 = 1.418 is clamped to 1.
	if _, hi = f.limits(4, Z998); hi != 1 {
		t.Errorf("clamp: %v", hi)
	}
}

func TestFunnels(t *testing.T) {
	// One year, equal weights: org A answers 1, 3 (mean 2, SS 2); org B answers 5, 6, 7 (mean 6, SS 2).
	// Target = (1+3+5+6+7)/5 = 4.4. Pooled σ² = (2 + 2)/(5 − 2) = 4/3.
	// A (n = 2): σ/√n = sqrt(2/3) = 0.81649658; 95% 4.4 ± 1.9599640·0.81649658 = 4.4 ± 1.6003039 →
	//   2.7996961, 6.0003039 → 2 is below; 99.8% 4.4 ± 3.0902323·0.81649658 = 4.4 ± 2.5231641 →
	//   1.8768359, 6.9231641 → within.
	// B (n = 3): σ/√n = 2/3; 95% 4.4 ± 1.3066427 = 3.0933573, 5.7066427 → 6 is above;
	//   99.8% 4.4 ± 2.0601549 = 2.3398451, 6.4601549 → within. (Checked with python3 math.)
	// satisfied_share: target 3/5 = 0.6, σ = sqrt(0.24); A has 0, B has 1.
	b := &contract.SurveyBatch{
		Org: []int32{0, 0, 1, 1, 1}, Year: []int32{2014, 2014, 2014, 2014, 2014},
		RespondentID: []int64{1, 2, 1, 2, 3}, StaffGroup: make([]uint8, 5), UsesBYOD: make([]bool, 5),
		Overall: []int8{1, 3, 5, 6, 7}, Remote: make([]int8, 5), Device: make([]int8, 5),
		Weight: []float64{1, 1, 1, 1, 1},
	}
	acc := NewAccumulator(2, 2014, 2014)
	acc.Add(b)
	orgs := []datasets.Organisation{{Code: "A", Type: "district"}, {Code: "B", Type: "district"}}
	funnels, points := Funnels(BuildKPIs(orgs, nil, nil, acc), AdjustNone, DefaultTrim)
	if len(funnels) != 2 || funnels[0].KPI != "satisfaction_mean" || !near(funnels[0].Target, 4.4, 1e-15) ||
		!near(funnels[0].Sigma, math.Sqrt(4.0/3), 1e-15) || !near(funnels[1].Target, 0.6, 1e-15) ||
		!near(funnels[1].Sigma, math.Sqrt(0.24), 1e-15) {
		t.Fatalf("funnels %+v", funnels)
	}
	want := []struct {
		org, kpi                 string
		lo95, hi95, lo998, hi998 float64
		flag95, flag998          string
	}{
		{"A", "satisfaction_mean", 2.7996961, 6.0003039, 1.8768359, 6.9231641, "below", "within"},
		{"B", "satisfaction_mean", 3.0933573, 5.7066427, 2.3398451, 6.4601549, "above", "within"},
	}
	for _, w := range want {
		found := false
		for _, p := range points {
			if p.OrgCode != w.org || p.KPI != w.kpi {
				continue
			}
			found = true
			if !near(p.Lower95, w.lo95, 1e-7) || !near(p.Upper95, w.hi95, 1e-7) || !near(p.Lower998, w.lo998, 1e-7) ||
				!near(p.Upper998, w.hi998, 1e-7) || p.Flag95 != w.flag95 || p.Flag998 != w.flag998 {
				t.Errorf("%s %s = %+v", w.org, w.kpi, p)
			}
		}
		if !found {
			t.Errorf("%s %s: no point", w.org, w.kpi)
		}
	}
}
