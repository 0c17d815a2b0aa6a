package reports

import (
	"fmt"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/study"
)

// The funnel method states how many org-years fall outside the limits drawn, and explains an excess over
// three times the 0.2% expected. 500 mean points of which 10 are outside the adjusted limits (2.00%,
// ten times 0.2%) in 4 councils, C0 and C1 in three years each; 500 share points, 1 outside (0.20%).
func TestFunnelOutside(t *testing.T) {
	var pts []benchmark.FunnelPoint
	for i := range 500 {
		p := benchmark.FunnelPoint{OrgCode: fmt.Sprintf("O%03d", i), KPI: "satisfaction_mean", Flag998: "above", AdjFlag998: "within"}
		if i < 10 {
			p.OrgCode = []string{"C0", "C0", "C0", "C1", "C1", "C1", "C2", "C3", "C3x", "C3y"}[i]
			p.AdjFlag998 = "below"
		}
		pts = append(pts, p)
		s := benchmark.FunnelPoint{OrgCode: p.OrgCode, KPI: "satisfied_share", Flag998: "within", AdjFlag998: "within"}
		if i == 0 {
			s.AdjFlag998 = "above"
		}
		pts = append(pts, s)
	}
	r := &study.Result{FunnelPoints: pts}
	wantAll(t, "additive", funnelOutside(r, benchmark.AdjustAdditive),
		"Outside the adjusted 99.8% limits: user satisfaction with ICT (mean, 1–7) 10 of 500 org-years (2.00%); staff satisfied (score 5–7) 1 of 500 org-years (0.20%), against 0.2% expected",
		"They belong to 6 councils, 2 of them outside in more than one year",
		"look for its cause before calling it performance",
	)
	// Under none the unadjusted flags count (500 mean points above, 0 share points) and nothing is explained:
	// the method text already says unadjusted limits flag the ordinary spread.
	got := funnelOutside(r, benchmark.AdjustNone)
	if !strings.Contains(got, "Outside the unadjusted 99.8% limits: user satisfaction with ICT (mean, 1–7) 500 of 500 org-years (100.00%); staff satisfied (score 5–7) 0 of 500 org-years (0.00%)") ||
		strings.Contains(got, "They belong") {
		t.Errorf("none: %q", got)
	}
	// At most three times 0.2% needs no explanation.
	for i := range pts {
		if pts[i].KPI == "satisfaction_mean" && pts[i].AdjFlag998 != "within" && pts[i].OrgCode != "C0" {
			pts[i].AdjFlag998 = "within"
		}
	}
	if got = funnelOutside(r, benchmark.AdjustAdditive); strings.Contains(got, "They belong") || !strings.Contains(got, "3 of 500 org-years (0.60%)") {
		t.Errorf("0.6%%: %q", got)
	}
}

// The method text names the trim φ and τ² were estimated at, gives the shares outside at the comparison
// trim beside those drawn, and states the known weakness of each choice. Two years of satisfaction
// funnels; the comparison at 10% counts 34 of 2,493 mean org-years (34/2,493 = 1.364% = 6.8 times 0.2%)
// and 30 of 2,493 share org-years (1.203%, 6.0 times).
func TestFunnelMethodTrim(t *testing.T) {
	mk := func(trim float64, a benchmark.Adjustment, phi, tau2 [2]float64) []benchmark.Funnel {
		return []benchmark.Funnel{
			{KPI: "satisfaction_mean", Year: 2015, Phi: phi[0], Tau2: tau2[0], Trim: trim, Adjustment: a},
			{KPI: "satisfied_share", Year: 2015, Phi: 99, Tau2: 99, Trim: trim, Adjustment: a},
			{KPI: "satisfaction_mean", Year: 2016, Phi: phi[1], Tau2: tau2[1], Trim: trim, Adjustment: a},
		}
	}
	pts := []benchmark.FunnelPoint{{OrgCode: "A", KPI: "satisfaction_mean", AdjFlag998: "within", Flag998: "above"}}
	cmp10 := &benchmark.TrimComparison{Trim: 0.1, Funnels: mk(0.1, benchmark.AdjustAdditive, [2]float64{5.16, 8.34}, [2]float64{0.0501, 0.0906}),
		Outside: []benchmark.OutsideCount{{KPI: "satisfaction_mean", OrgYears: 2493, Outside998: 34}, {KPI: "satisfied_share", OrgYears: 2493, Outside998: 30}}}
	r := &study.Result{Funnels: mk(0, benchmark.AdjustAdditive, [2]float64{7.61, 12.75}, [2]float64{0.0797, 0.145}), FunnelPoints: pts, FunnelTrimComparison: cmp10}
	wantAll(t, "trim 0", funnelMethod(r),
		"φ (the mean squared z-score, none winsorised) is 7.61–12.75 and the between-organisation variance τ² (DerSimonian–Laird, from Cochran's Q) 0.0797–0.145",
		"Outside the adjusted 99.8% limits: user satisfaction with ICT (mean, 1–7) 0 of 1 org-years (0.00%)",
		"With z-scores winsorised at 10% at each end (--funnel-trim 0.1, FunnelPlotR's default), φ would be 5.16–8.34 and τ² 0.0501–0.0906, and outside the 99.8% limits they give would be user satisfaction with ICT (mean, 1–7) 34 of 2,493 (1.36%); staff satisfied (score 5–7) 30 of 2,493 (1.20%).",
		"genuine outliers inflate the between-council variance and a few councils that truly differ may be absorbed within the limits rather than flagged",
		"underestimates τ² by a third or more and flags the tails of an ordinary spread (here 6.8 and 6.0 times the 0.2% expected).",
	)

	// At FunnelPlotR's 10% the comparison is the untrimmed estimate, and the weakness is the other way round.
	cmp0 := &benchmark.TrimComparison{Trim: 0, Funnels: r.Funnels,
		Outside: []benchmark.OutsideCount{{KPI: "satisfaction_mean", OrgYears: 2493, Outside998: 4}, {KPI: "satisfied_share", OrgYears: 2493, Outside998: 5}}}
	r = &study.Result{Funnels: cmp10.Funnels, FunnelPoints: pts, FunnelTrimComparison: cmp0}
	wantAll(t, "trim 0.1", funnelMethod(r),
		"φ (the mean squared z-score after 10% winsorising at each end) is 5.16–8.34 and the between-organisation variance τ² (DerSimonian–Laird) 0.0501–0.0906",
		"With z-scores not winsorised (--funnel-trim 0, the default), φ would be 7.61–12.75 and τ² 0.0797–0.145, and outside the 99.8% limits they give would be user satisfaction with ICT (mean, 1–7) 4 of 2,493 (0.16%); staff satisfied (score 5–7) 5 of 2,493 (0.20%).",
		"underestimates τ² by a third or more: τ² then describes the middle of the spread",
		"Without winsorising (--funnel-trim 0) τ² is DerSimonian and Laird's estimate, at the price of letting genuine outliers inflate it",
	)

	// Multiplicative: the weakness is φ's, which winsorising lowers by about a third.
	r.Funnels = mk(0.1, benchmark.AdjustMultiplicative, [2]float64{5.16, 8.34}, [2]float64{0.0501, 0.0906})
	if got := funnelMethod(r); !strings.Contains(got, "underestimates φ by about a third") || !strings.Contains(got, "φ is the plain mean of the squared z-scores") {
		t.Errorf("multiplicative: %q", got)
	}
	// Under none nothing is compared: the unadjusted limits do not depend on the trim.
	r.Funnels = mk(0, benchmark.AdjustNone, [2]float64{7.61, 12.75}, [2]float64{0.0797, 0.145})
	if got := funnelMethod(r); strings.Contains(got, "would be") || strings.Contains(got, "Known weakness") || !strings.Contains(got, "none winsorised") {
		t.Errorf("none: %q", got)
	}
}

// The chart's note names the adjustment, its estimate and the trim.
func TestFunnelAdjustNote(t *testing.T) {
	f := benchmark.Funnel{Adjustment: benchmark.AdjustAdditive, Scale: benchmark.ScaleArcsine, Tau2: 0.0161, Phi: 8.76}
	if got, want := funnelAdjustNote(&f), "Limits adjusted for overdispersion, additive random effects (as FunnelPlotR): τ² = 0.0161 on the arcsine square-root scale by DerSimonian–Laird, φ = 8.76, from z-scores not winsorised (--funnel-trim 0, the default); funnel.csv also has the unadjusted limits."; got != want {
		t.Errorf("additive:\n got %q\nwant %q", got, want)
	}
	f = benchmark.Funnel{Adjustment: benchmark.AdjustMultiplicative, Phi: 5.16, Trim: 0.125}
	if got, want := funnelAdjustNote(&f), "Limits adjusted for overdispersion, multiplicative (Spiegelhalter 2005): φ = 5.16 from z-scores winsorised at 12.5% at each end (--funnel-trim 0.125); funnel.csv also has the unadjusted limits."; got != want {
		t.Errorf("multiplicative:\n got %q\nwant %q", got, want)
	}
}

// The line under the funnel chart's title names the limits it draws: the adjustment and its estimate,
// and the trim when the z-scores were winsorised. Sentences written out by hand.
func TestFunnelLimitsLine(t *testing.T) {
	for _, tc := range []struct {
		f    benchmark.Funnel
		want string
	}{
		{benchmark.Funnel{Adjustment: benchmark.AdjustAdditive, Scale: benchmark.ScaleIdentity, Tau2: 0.14213, Phi: 12.25},
			"Limits adjusted for overdispersion: additive, τ² = 0.142"},
		{benchmark.Funnel{Adjustment: benchmark.AdjustAdditive, Scale: benchmark.ScaleArcsine, Tau2: 0.0161, Phi: 8.76, Trim: 0.1},
			"Limits adjusted for overdispersion: additive, τ² = 0.0161 on the arcsine square-root scale, from z-scores winsorised at 10% at each end"},
		{benchmark.Funnel{Adjustment: benchmark.AdjustMultiplicative, Phi: 12.249, Tau2: 0.142},
			"Limits adjusted for overdispersion: multiplicative, φ = 12.25"},
		{benchmark.Funnel{Adjustment: benchmark.AdjustMultiplicative, Phi: 5.16, Trim: 0.125},
			"Limits adjusted for overdispersion: multiplicative, φ = 5.16, from z-scores winsorised at 12.5% at each end"},
		// The unadjusted limits do not depend on the trim, so none is named.
		{benchmark.Funnel{Adjustment: benchmark.AdjustNone, Phi: 12.25, Tau2: 0.142, Trim: 0.1},
			"Limits not adjusted for overdispersion"},
	} {
		if got := funnelLimitsLine(&tc.f); got != tc.want {
			t.Errorf("%v trim %g:\n got %q\nwant %q", tc.f.Adjustment, tc.f.Trim, got, tc.want)
		}
	}
}

// The explore profile says which limits a council's flags are read against, with the trim in the
// caption's words.
func TestFunnelLimitsWords(t *testing.T) {
	fs := []benchmark.Funnel{
		{KPI: "satisfaction_mean", Year: 2015, Trim: 0.25},
		{KPI: "satisfaction_mean", Year: 2016, Trim: 0},
		{KPI: "satisfied_share", Year: 2016, Trim: 0.1},
	}
	for _, tc := range []struct {
		p    benchmark.FunnelPoint
		want string
	}{
		{benchmark.FunnelPoint{KPI: "satisfaction_mean", Year: 2016, Adjustment: benchmark.AdjustAdditive},
			"Limits adjusted for overdispersion: additive, from z-scores not winsorised (--funnel-trim 0, the default)."},
		{benchmark.FunnelPoint{KPI: "satisfied_share", Year: 2016, Adjustment: benchmark.AdjustAdditive},
			"Limits adjusted for overdispersion: additive, from z-scores winsorised at 10% at each end (--funnel-trim 0.1, FunnelPlotR's default)."},
		{benchmark.FunnelPoint{KPI: "satisfaction_mean", Year: 2015, Adjustment: benchmark.AdjustMultiplicative},
			"Limits adjusted for overdispersion: multiplicative, from z-scores winsorised at 25% at each end (--funnel-trim 0.25)."},
		{benchmark.FunnelPoint{KPI: "satisfaction_mean", Year: 2015, Adjustment: benchmark.AdjustNone},
			"Limits not adjusted for overdispersion (--funnel-adjust none)."},
	} {
		if got := funnelLimitsWords(fs, tc.p); got != tc.want {
			t.Errorf("%s %d %v:\n got %q\nwant %q", tc.p.KPI, tc.p.Year, tc.p.Adjustment, got, tc.want)
		}
	}
}

// wantAll reports each of wants that got does not contain.
func wantAll(t *testing.T, label, got string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("%s: missing %q in %q", label, want, got)
		}
	}
}
