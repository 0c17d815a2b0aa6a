package benchmark

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/contract"
)

func TestDispersionFunnelPlotRData(t *testing.T) {
	// The six units of FunnelPlotR's own tests (tests/testthat/test-funnel_plot.R: observed 100, 150,
	// 180, 80, 120, 225; expected 108, 112, 165, 95, 100, 220), on its SHMI scale: z = √E·ln(O/E),
	// s = 1/√E:
	//   z = −0.7998026, 3.0916813, 1.1176814, −1.6749891, 1.8232156, 0.3333263.
	// Published: FunnelPlotR's tests/testthat/test-classes_methods.R expects round(phi(a), 6) = 2.948033
	// for funnel_plot on these units with its defaults (data_type "SR", sr_method "SHMI"). SHMI truncates
	// instead of winsorising: unit i is dropped when floor(rank_i·10/7) is 0 or ≥ 9; the ranks 1..6 give
	// 1, 2, 4, 5, 7, 8, so none is dropped and φ is the plain mean of z²:
	//   (0.6396842 + 9.5584935 + 1.2492116 + 2.8055885 + 3.3241147 + 0.1111064) / 6 = 2.948033,
	// which Dispersion gives with nothing winsorised (frac 0). With τ² by tau_func:
	//   (6·2.9480332 − 5) / 651.4275 = 0.0194776.
	z, s := shmiUnits()
	if phi, tau2 := dispersion(z, s, 0); math.Round(phi*1e6)/1e6 != 2.948033 || !near(tau2, 0.0194776, 1e-7) {
		t.Errorf("unwinsorised: φ %v τ² %v, want FunnelPlotR's 2.948033 and 0.0194776", phi, tau2)
	}
	// Spiegelhalter's (and FunnelPlotR's "CQC"-style) 10% winsorising, worked here by hand:
	//   Sorted: −1.6749891, −0.7998026, 0.3333263, 1.1176814, 1.8232156, 3.0916813. Type-7 quantiles:
	//   10%: h = 5·0.1 = 0.5 → −1.6749891 + 0.5·0.8751865 = −1.2373959;
	//   90%: h = 4.5 → 1.8232156 + 0.5·1.2684657 = 2.4574484.
	//   Winsorised squares: 0.6396842 + 6.0390527 + 1.2492116 + 1.5311485 + 3.3241147 + 0.1111064
	//   = 12.8943186; φ = 12.8943186 / 6 = 2.1490531.
	//   Σw = ΣE = 800; Σw² = 108² + 112² + 165² + 95² + 100² + 220² = 118858;
	//   τ² = (6·2.1490531 − 5) / (800 − 118858/800) = 7.8943186 / 651.4275 = 0.0121185.
	phi, tau2 := dispersion(z, s, FunnelPlotRTrim)
	if !near(phi, 2.1490531, 1e-6) || !near(tau2, 0.0121185, 1e-7) {
		t.Errorf("φ %v τ² %v, want 2.1490531 0.0121185", phi, tau2)
	}
	if z[0] != math.Sqrt(108)*math.Log(100.0/108) {
		t.Error("Dispersion changed its input")
	}
}

// At the default trim, 0, nothing is winsorised: Σz² is Cochran's Q and τ² DerSimonian and Laird's
// moment estimate (1986, Controlled Clinical Trials 7:177–188), max(0, (Q − (k − 1)) / (Σw − Σw²/Σw)).
// Given z-scores taken about the inverse-variance weighted mean, dispersion must return φ = Q/k and DL's τ².
func TestDispersionDerSimonianLaird(t *testing.T) {
	// Worked by hand: three studies, y = 0.1, 0.5, 0.9 with variances v = 0.01, 0.04, 0.04.
	//   w = 1/v = 100, 25, 25; Σw = 150; weighted mean ȳ = (10 + 12.5 + 22.5)/150 = 0.3.
	//   s = √v = 0.1, 0.2, 0.2; z = (y − ȳ)/s = −2, 1, 3; Q = Σz² = 4 + 1 + 9 = 14 (= Σw(y − ȳ)²:
	//   100·0.04 + 25·0.04 + 25·0.36); φ = Q/3 = 4.6666667.
	//   Σw² = 10000 + 625 + 625 = 11250; C = Σw − Σw²/Σw = 150 − 75 = 75; τ² = (14 − 2)/75 = 0.16.
	// Winsorising cannot change this at trim 0: the type-7 0% and 100% quantiles are the minimum and maximum.
	phi, tau2 := dispersion([]float64{-2, 1, 3}, []float64{0.1, 0.2, 0.2}, DefaultTrim)
	if !near(phi, 14.0/3, 1e-12) || !near(tau2, 0.16, 1e-12) {
		t.Errorf("hand example: φ %v τ² %v, want 4.6666667 and 0.16", phi, tau2)
	}

	// Published: the BCG vaccine trials (Colditz et al. 1994, JAMA 271:698; metafor's dat.bcg), log
	// relative risks of 13 trials with their sampling variances, yi = ln((a/(a+b)) / (c/(c+d))) and
	// vi = 1/a − 1/(a+b) + 1/c − 1/(c+d). metafor's own test against Stata's metan
	// (tests/testthat/test_misc_metan_vs_rma.uni_with_dat.bcg.r) expects the fixed-effect estimate
	// −0.4303, Q = 152.2330 (k = 13), and by rma(method = "DL") τ² = 0.3088 and I² = 92.1173%.
	bcg := [][4]float64{ // tpos, tneg, cpos, cneg
		{4, 119, 11, 128}, {6, 300, 29, 274}, {3, 228, 11, 209}, {62, 13536, 248, 12619},
		{33, 5036, 47, 5761}, {180, 1361, 372, 1079}, {8, 2537, 10, 619}, {505, 87886, 499, 87892},
		{29, 7470, 45, 7232}, {17, 1699, 65, 1600}, {186, 50448, 141, 27197}, {5, 2493, 3, 2338},
		{27, 16886, 29, 17825},
	}
	y, s := make([]float64, len(bcg)), make([]float64, len(bcg))
	var sw, swy float64
	for i, d := range bcg {
		y[i] = math.Log(d[0] / (d[0] + d[1]) / (d[2] / (d[2] + d[3])))
		v := 1/d[0] - 1/(d[0]+d[1]) + 1/d[2] - 1/(d[2]+d[3])
		s[i] = math.Sqrt(v)
		sw, swy = sw+1/v, swy+y[i]/v
	}
	mean := swy / sw
	z := make([]float64, len(y))
	for i := range y {
		z[i] = (y[i] - mean) / s[i]
	}
	phi, tau2 = dispersion(z, s, DefaultTrim)
	q := phi * float64(len(z))
	i2 := (q - float64(len(z)-1)) / q * 100
	if !near(mean, -0.4303, 5e-5) || !near(q, 152.2330, 5e-5) || !near(tau2, 0.3088, 5e-5) || !near(i2, 92.1173, 5e-5) {
		t.Errorf("BCG: mean %v Q %v τ² %v I² %v, want −0.4303, 152.2330, 0.3088, 92.1173", mean, q, tau2, i2)
	}
}

func TestCheckTrim(t *testing.T) {
	for _, ok := range []float64{0, DefaultTrim, FunnelPlotRTrim, 0.25, 0.4999} {
		if err := CheckTrim(ok); err != nil {
			t.Errorf("%v: %v", ok, err)
		}
	}
	for _, bad := range []float64{-0.01, 0.5, 0.9, 1, math.NaN(), math.Inf(1), math.Inf(-1)} {
		if err := CheckTrim(bad); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	if ComparisonTrim(DefaultTrim) != FunnelPlotRTrim || ComparisonTrim(FunnelPlotRTrim) != DefaultTrim || ComparisonTrim(0.2) != FunnelPlotRTrim {
		t.Error("ComparisonTrim does not set 0 and 0.1 side by side")
	}
}

// shmiUnits returns the z-scores and standard errors of FunnelPlotR's six test units on its SHMI
// (log) scale.
func shmiUnits() (z, s []float64) {
	O := []float64{100, 150, 180, 80, 120, 225}
	E := []float64{108, 112, 165, 95, 100, 220}
	z, s = make([]float64, 6), make([]float64, 6)
	for i := range O {
		z[i] = math.Sqrt(E[i]) * math.Log(O[i]/E[i])
		s[i] = 1 / math.Sqrt(E[i])
	}
	return z, s
}

// The methods text's figure: for normally distributed z-scores, 10% winsorising keeps 67.9% of their
// variance, so φ (and with it τ²) understates a normal spread. Closed form, with c = Φ⁻¹(0.9) =
// 1.2815516 and φ(c) = 0.1754983:
//
//	E[min(max(Z, −c), c)²] = (2Φ(c) − 1) − 2c·φ(c) + 2·0.1·c² = 0.8 − 0.4498220 + 0.3284749 = 0.6786546.
//
// Dispersion on the normal quantiles Φ⁻¹((i + 0.5)/N), i = 0..N−1, N = 100,001, unit standard errors,
// comes within the discretisation error of it (python3 statistics.NormalDist gives 0.6786429).
func TestDispersionWinsorisedNormal(t *testing.T) {
	const n = 100_001
	z, s := make([]float64, n), make([]float64, n)
	for i := range z {
		z[i] = distuv.UnitNormal.Quantile((float64(i) + 0.5) / n)
		s[i] = 1
	}
	if phi, _ := dispersion(z, s, FunnelPlotRTrim); !near(phi, 0.6786546, 2e-5) {
		t.Errorf("φ of winsorised normal quantiles %v, want 0.6786546", phi)
	}
	if phi, _ := dispersion(z, s, 0); !near(phi, 1, 1e-3) {
		t.Errorf("φ of normal quantiles without winsorising %v, want 1", phi)
	}
}

func TestDispersionNoOverdispersion(t *testing.T) {
	// z = ±0.5: type-7 quantiles −0.5 + 0.1·1 = −0.4 and 0.4; φ = 0.16, so I·φ = 0.32 ≤ I − 1 = 1 and τ² = 0.
	phi, tau2 := dispersion([]float64{-0.5, 0.5}, []float64{1, 1}, FunnelPlotRTrim)
	if !near(phi, 0.16, 1e-15) || tau2 != 0 {
		t.Errorf("φ %v τ² %v", phi, tau2)
	}
	if phi, tau2 = dispersion(nil, nil, FunnelPlotRTrim); phi != 0 || tau2 != 0 {
		t.Errorf("empty: φ %v τ² %v", phi, tau2)
	}
}

func TestAdjustedLimits(t *testing.T) {
	// p̄ = 0.8, n = 100: s² = 0.16/100 = 0.0016.
	// Additive, τ² = 0.0009: sqrt(0.0016 + 0.0009) = 0.05; 95% 0.8 ± 1.959964·0.05 = 0.8 ± 0.0979982.
	// Multiplicative, φ = 2.25: √φ·s = 1.5·0.04 = 0.06; 99.8% 0.8 ± 3.090232·0.06 = 0.8 ± 0.1854139.
	// φ = 0.5 < 1 leaves the multiplicative limits as the unadjusted ones (no narrowing).
	f := Funnel{Target: 0.8, Sigma: 0.4, Min: 0, Max: 1, Phi: 2.25, Tau2: 0.0009}
	if lo, hi := f.AdjustedLimits(100, Z95, AdjustAdditive); !near(lo, 0.7020018, 1e-7) || !near(hi, 0.8979982, 1e-7) {
		t.Errorf("additive: %v %v", lo, hi)
	}
	if lo, hi := f.AdjustedLimits(100, Z998, AdjustMultiplicative); !near(lo, 0.6145861, 1e-7) || !near(hi, 0.9854139, 1e-7) {
		t.Errorf("multiplicative: %v %v", lo, hi)
	}
	f.Phi = 0.5
	lo, hi := f.AdjustedLimits(100, Z998, AdjustMultiplicative)
	ulo, uhi := f.limits(100, Z998)
	if lo != ulo || hi != uhi {
		t.Errorf("φ < 1 changed the limits: %v %v vs %v %v", lo, hi, ulo, uhi)
	}
	if lo, hi = f.AdjustedLimits(100, Z998, AdjustNone); lo != ulo || hi != uhi {
		t.Errorf("none: %v %v", lo, hi)
	}
	f.Phi, f.Tau2 = 2.25, 0
	if lo, hi = f.AdjustedLimits(100, Z998, AdjustAdditive); lo != ulo || hi != uhi {
		t.Errorf("τ² = 0 changed the limits: %v %v", lo, hi)
	}
}

func TestAdjustedLimitsArcsine(t *testing.T) {
	// A share on FunnelPlotR's "PR" scale. p̄ = 0.5: T = asin(√0.5) = π/4, and sin²(π/4 ± h) =
	// (1 ± sin 2h)/2. n = 100: s = 1/(2·10) = 0.05, s² = 0.0025.
	// Additive, τ² = 0.0011: sqrt(0.0025 + 0.0011) = 0.06; 99.8% h = 3.090232·0.06 = 0.1854139,
	//   sin 2h = sin 0.3708278 = 0.3623871 → 0.3188064, 0.6811936.
	// Multiplicative, φ = 2.25: h = 3.090232·1.5·0.05 = 0.2317674, sin 2h = sin 0.4635348 = 0.4471127
	//   → 0.2764437, 0.7235563.
	// Clamp: p̄ = 0.01, n = 20, τ² = 0.01: T = asin 0.1 = 0.1001674, h = 3.090232·sqrt(1/80 + 0.01) =
	//   0.4635348; T − h < 0 gives the lower limit 0 (not sin² of a negative angle, which folds back
	//   up); upper sin²(0.5637022) = 0.2854971.
	f := Funnel{KPI: "satisfied_share", Target: 0.5, Sigma: 0.5, Min: 0, Max: 1, Scale: ScaleArcsine, Phi: 2.25, Tau2: 0.0011}
	if lo, hi := f.AdjustedLimits(100, Z998, AdjustAdditive); !near(lo, 0.3188064, 1e-7) || !near(hi, 0.6811936, 1e-7) {
		t.Errorf("additive: %v %v", lo, hi)
	}
	if lo, hi := f.AdjustedLimits(100, Z998, AdjustMultiplicative); !near(lo, 0.2764437, 1e-7) || !near(hi, 0.7235563, 1e-7) {
		t.Errorf("multiplicative: %v %v", lo, hi)
	}
	g := Funnel{KPI: "satisfied_share", Target: 0.01, Sigma: math.Sqrt(0.0099), Min: 0, Max: 1, Scale: ScaleArcsine, Phi: 3, Tau2: 0.01}
	if lo, hi := g.AdjustedLimits(20, Z998, AdjustAdditive); lo != 0 || !near(hi, 0.2854971, 1e-7) {
		t.Errorf("clamped: %v %v", lo, hi)
	}
	// No overdispersion: the unadjusted (normal approximation) limits, as FunnelPlotR then draws.
	f.Phi, f.Tau2 = 0.9, 0
	ulo, uhi := f.limits(100, Z998)
	for _, a := range []Adjustment{AdjustAdditive, AdjustMultiplicative, AdjustNone} {
		if lo, hi := f.AdjustedLimits(100, Z998, a); lo != ulo || hi != uhi {
			t.Errorf("%v without overdispersion: %v %v, want %v %v", a, lo, hi, ulo, uhi)
		}
	}
}

func TestFunnelsOverdispersion(t *testing.T) {
	// The two org-years of TestFunnels. satisfaction_mean: target 4.4, σ² = 4/3.
	//   z_A = (2 − 4.4)/sqrt(2/3) = −2.9393877, z_B = (6 − 4.4)/(2/3) = 2.4.
	//   Type-7 10%/90% quantiles of two values: −2.9393877 + 0.1·5.3393877 = −2.4054489 and
	//   −2.9393877 + 0.9·5.3393877 = 1.8660612; φ = (2.4054489² + 1.8660612²)/2 = 4.6341845.
	//   w = 1/s² = 1.5 and 2.25: Σw = 3.75, Σw² = 7.3125, Σw − Σw²/Σw = 1.8;
	//   τ² = (2·4.6341845 − 1)/1.8 = 4.5935384.
	// satisfied_share, on the arcsine square-root scale: target 0.6, T = asin(√0.6) = 0.8860771; A has
	//   0 (n = 2, s = 1/(2√2) = 0.3535534), B has 1 (n = 3, s = 1/(2√3) = 0.2886751).
	//   z_A = (0 − 0.8860771)/0.3535534 = −2.5062046, z_B = (π/2 − 0.8860771)/0.2886751 = 2.3719369;
	//   quantiles −2.5062046 + 0.1·4.8781415 = −2.0183904 and −2.5062046 + 0.9·4.8781415 = 1.8841228;
	//   φ = (4.0738999 + 3.5499185)/2 = 3.8119092. w = 1/s² = 8, 12: Σw − Σw²/Σw = 20 − 208/20 = 9.6;
	//   τ² = (2·3.8119092 − 1)/9.6 = 0.6899811 (squared radians).
	// Additive 95% limits for B's mean: 4.4 ± 1.959964·sqrt(4/9 + 4.5935384), clamped to 1..7.
	b := &contract.SurveyBatch{
		Org: []int32{0, 0, 1, 1, 1}, Year: []int32{2014, 2014, 2014, 2014, 2014},
		RespondentID: []int64{1, 2, 1, 2, 3}, StaffGroup: make([]uint8, 5), UsesBYOD: make([]bool, 5),
		Overall: []int8{1, 3, 5, 6, 7}, Remote: make([]int8, 5), Device: make([]int8, 5),
		Weight: []float64{1, 1, 1, 1, 1},
	}
	acc := NewAccumulator(2, 2014, 2014)
	acc.Add(b)
	orgs := []datasets.Organisation{{Code: "A", Type: "district"}, {Code: "B", Type: "district"}}
	kpis := BuildKPIs(orgs, nil, nil, acc)
	funnels, points := Funnels(kpis, AdjustAdditive, FunnelPlotRTrim)
	if funnels[0].Trim != FunnelPlotRTrim || !near(funnels[0].Phi, 4.6341845, 1e-6) || !near(funnels[0].Tau2, 4.5935384, 1e-6) ||
		!near(funnels[1].Phi, 3.8119092, 1e-6) || !near(funnels[1].Tau2, 0.6899811, 1e-6) ||
		funnels[0].Scale != ScaleIdentity || funnels[1].Scale != ScaleArcsine {
		t.Fatalf("funnels %+v", funnels)
	}
	for _, p := range points {
		if p.OrgCode == "B" && p.KPI == "satisfaction_mean" {
			h := 1.959964 * math.Sqrt(4.0/9+4.5935384)
			if !near(p.AdjLower95, max(4.4-h, 1), 1e-5) || !near(p.AdjUpper95, min(4.4+h, 7), 1e-5) ||
				p.AdjFlag95 != "within" || p.Flag95 != "above" || p.Adjustment != AdjustAdditive || p.Tau2 != funnels[0].Tau2 {
				t.Errorf("B = %+v", p)
			}
		}
	}

	// At trim 0 nothing is winsorised. Mean: Q = z_A² + z_B² = 8.64 + 5.76 = 14.4, φ = 7.2,
	// τ² = (14.4 − 1)/1.8 = 7.4444444. Share: Q = 6.2810614 + 5.6260846 = 11.9071460, φ = 5.9535730,
	// τ² = (11.9071460 − 1)/9.6 = 1.1361610. The unadjusted limits and flags do not depend on the trim.
	untrimmed, upts := Funnels(kpis, AdjustAdditive, DefaultTrim)
	if untrimmed[0].Trim != 0 || !near(untrimmed[0].Phi, 7.2, 1e-12) || !near(untrimmed[0].Tau2, 7.4444444, 1e-7) ||
		!near(untrimmed[1].Phi, 5.9535730, 1e-7) || !near(untrimmed[1].Tau2, 1.1361610, 1e-7) {
		t.Errorf("trim 0: %+v", untrimmed)
	}
	for i, p := range upts {
		q := points[i]
		if p.Lower95 != q.Lower95 || p.Upper998 != q.Upper998 || p.Flag95 != q.Flag95 || p.Flag998 != q.Flag998 || p.Tau2 != untrimmed[i%2].Tau2 {
			t.Errorf("trim 0 point %+v against %+v", p, q)
		}
	}
	// CompareTrim gives the same estimates and counts the adjusted flags per KPI: B's mean is within
	// the additive 95% limits at either trim (shown above for 0.1; wider at 0), so is A's.
	c := CompareTrim(kpis, AdjustAdditive, DefaultTrim)
	if c.Trim != 0 || len(c.Funnels) != 2 || c.Funnels[0].Tau2 != untrimmed[0].Tau2 || c.Funnels[1].Phi != untrimmed[1].Phi ||
		len(c.Outside) != 2 || c.Outside[0] != (OutsideCount{KPI: "satisfaction_mean", OrgYears: 2}) ||
		c.Outside[1] != (OutsideCount{KPI: "satisfied_share", OrgYears: 2}) {
		t.Errorf("CompareTrim: %+v", c)
	}

	// Under AdjustNone the unadjusted limits and flags are those of the additive run (they never depend
	// on the adjustment), and the adjusted ones repeat them.
	_, none := Funnels(kpis, AdjustNone, FunnelPlotRTrim)
	for i, p := range none {
		q := points[i]
		if p.Lower95 != q.Lower95 || p.Upper998 != q.Upper998 || p.Flag95 != q.Flag95 || p.Flag998 != q.Flag998 ||
			p.AdjLower95 != p.Lower95 || p.AdjUpper95 != p.Upper95 || p.AdjLower998 != p.Lower998 ||
			p.AdjUpper998 != p.Upper998 || p.AdjFlag95 != p.Flag95 || p.AdjFlag998 != p.Flag998 {
			t.Errorf("none: %+v", p)
		}
	}
	none0 := CountOutside(none)
	if len(none0) != 2 || none0[0].Outside95 != 2 || none0[0].Outside998 != 0 { // unadjusted: A below, B above the 95% limits
		t.Errorf("CountOutside under none: %+v", none0)
	}
	// The counts by hand, from the unadjusted limits T ± z·σ/√n (which AdjustNone repeats), clamped to
	// the KPI's range; a point on a limit is within.
	//   Mean, T = 4.4, σ = √(4/3): A (n = 2, 2) against 4.4 − 1.959964·0.8164966 = 2.7997 is below at 95%,
	//   and within 4.4 − 3.090232·0.8164966 = 1.8768 at 99.8%; B (n = 3, 6) against 4.4 + 1.959964·0.6666667
	//   = 5.7066 is above at 95%, within 4.4 + 3.090232·0.6666667 = 6.4602 at 99.8%.
	//   Share, p̄ = 0.6, σ = √0.24: A (n = 2, 0) against 0.6 − 1.959964·0.3464102 = −0.0790 clamped to 0:
	//   on the limit, within; B (n = 3, 1) against 0.6 + 1.959964·0.2828427 = 1.1544 clamped to 1: within.
	if c := CompareTrim(kpis, AdjustNone, DefaultTrim); !slices.Equal(c.Outside, []OutsideCount{
		{KPI: "satisfaction_mean", OrgYears: 2, Outside95: 2, Outside998: 0},
		{KPI: "satisfied_share", OrgYears: 2, Outside95: 0, Outside998: 0},
	}) {
		t.Errorf("CompareTrim under none: %+v", c.Outside)
	}
}

// CountOutside counts by the adjusted flags alone, per KPI over every year, KPIs in name order.
func TestCountOutside(t *testing.T) {
	pts := []FunnelPoint{
		{KPI: "satisfied_share", Year: 2014, AdjFlag95: "above", AdjFlag998: "within", Flag95: "above", Flag998: "above"},
		{KPI: "satisfaction_mean", Year: 2014, AdjFlag95: "within", AdjFlag998: "within", Flag95: "below", Flag998: "below"},
		{KPI: "satisfied_share", Year: 2015, AdjFlag95: "below", AdjFlag998: "below"},
		{KPI: "satisfaction_mean", Year: 2015, AdjFlag95: "above", AdjFlag998: "above"},
		{KPI: "satisfied_share", Year: 2015, AdjFlag95: "within", AdjFlag998: "within"},
	}
	// By hand: satisfaction_mean 2 org-years, 1 outside at 95% and 99.8% (2015, above); satisfied_share
	// 3 org-years, 2 outside at 95% (2014 above, 2015 below), 1 at 99.8% (2015 below). The unadjusted
	// flags of the first two points do not count.
	want := []OutsideCount{
		{KPI: "satisfaction_mean", OrgYears: 2, Outside95: 1, Outside998: 1},
		{KPI: "satisfied_share", OrgYears: 3, Outside95: 2, Outside998: 1},
	}
	if got := CountOutside(pts); !slices.Equal(got, want) {
		t.Errorf("CountOutside = %+v, want %+v", got, want)
	}
	if got := CountOutside(nil); len(got) != 0 {
		t.Errorf("CountOutside(nil) = %+v, want none", got)
	}
}

func TestParseAdjustment(t *testing.T) {
	for _, a := range []Adjustment{AdjustAdditive, AdjustMultiplicative, AdjustNone} {
		if b, err := ParseAdjustment(a.String()); err != nil || b != a {
			t.Errorf("%v: %v %v", a, b, err)
		}
	}
	if _, err := ParseAdjustment("both"); err == nil {
		t.Error("accepted both")
	}
}
