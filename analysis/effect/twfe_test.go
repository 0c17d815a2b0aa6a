package effect

import (
	"context"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func near(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.17g, want %.17g (diff %.3g)", name, got, want, got-want)
	}
}

// handPanel is a two-year panel plus a singleton, small enough to solve by hand.
//
//	org  2012      2013        Δy
//	A    5.0 (d=0) 4.0 (d=1)   −1.0   restricted from 2013
//	B    6.0 (d=0) 4.0 (d=1)   −2.0   restricted from 2013
//	C    5.0 (d=0) 5.5 (d=0)   +0.5   never
//	D    4.0 (d=0) 5.5 (d=0)   +1.5   never
//	E    —         4.5 (d=1)          singleton
//
// With two years, demeaning within an organisation leaves ±Δ/2 in each year, so the within regression
// on [year-2013 dummy, d] is the first-difference regression Δy = γ + β·Δd with X̃'X̃ = ½·(FD X'X), scores
// X̃_g'ũ_g = ½·(FD scores), hence the same β and the same sandwich. The singleton is all zeros after
// demeaning. So:
//
//	β = mean Δy(A,B) − mean Δy(C,D) = −1.5 − 1.0 = −2.5
//	sandwich = Σ_treated e²/n_T² + Σ_control e²/n_C² (HC0 of a two-group regression)
//	         = (0.5² + 0.5²)/2² + (0.5² + 0.5²)/2² = 0.25
//	G = 5, N = 9, K = 1 + 1 + (T−1) = 3, c = G/(G−1)·(N−1)/(N−K) = 5/4 · 8/6 = 5/3
//	Var(β) = 0.25 · 5/3 = 5/12, SE = √(5/12), t = −2.5/√(5/12) = −√15, df = G − 1 = 4.
//
// For 4 degrees of freedom Student's CDF has the closed form
// F(t) = ½ + ⅜·t/√(1+t²/4)·(1 − t²/(12(1+t²/4))), so p = 2(1 − F(√15)) needs no incomplete beta.
// (R 4.2.2 agrees: lm(y ~ d + factor(year) + factor(org)) with sandwich::vcovCL(type = "HC0",
// cadjust = FALSE)·5/3 gives SE 0.64549722436790258, and 2*pt(-sqrt(15), 4) = 0.017947913188873194;
// qt(0.975, 4) = 2.7764451051977934.)
var handPanel = []OrgYear{
	{Org: 1, Year: 2012, Mean: 5.0, Respondents: 120}, {Org: 1, Year: 2013, Mean: 4.0, Respondents: 110, Restricted: true},
	{Org: 2, Year: 2012, Mean: 6.0, Respondents: 100}, {Org: 2, Year: 2013, Mean: 4.0, Respondents: 130, Restricted: true},
	{Org: 3, Year: 2012, Mean: 5.0, Respondents: 140}, {Org: 3, Year: 2013, Mean: 5.5, Respondents: 150},
	{Org: 4, Year: 2012, Mean: 4.0, Respondents: 101}, {Org: 4, Year: 2013, Mean: 5.5, Respondents: 102},
	{Org: 5, Year: 2013, Mean: 4.5, Respondents: 105, Restricted: true},
	// No respondents: dropped before anything is computed, whatever its mean.
	{Org: 5, Year: 2012, Mean: 1.0, Respondents: 0},
}

func TestTWFEHandWorked(t *testing.T) {
	r, err := Estimate(context.Background(), handPanel, nil, Options{Replications: 99, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	se := math.Sqrt(5.0 / 12)
	tt := math.Sqrt(15)
	a := 1 + tt*tt/4
	p := 2 * (1 - (0.5 + 3.0/8*tt/math.Sqrt(a)*(1-tt*tt/(12*a))))
	const q = 2.7764451051977934 // qt(0.975, 4), R 4.2.2
	near(t, "estimate", r.Estimate, -2.5, 1e-12)
	near(t, "std_error", r.StdError, se, 1e-12)
	near(t, "t", *r.T, -tt, 1e-11)
	near(t, "p_value", r.PValue, p, 1e-12)
	near(t, "ci_low", r.CILow, -2.5-q*se, 1e-10)
	near(t, "ci_high", r.CIHigh, -2.5+q*se, 1e-10)
	if r.DF != 4 || r.Clusters != 5 || r.Observations != 9 || r.Parameters != 3 {
		t.Errorf("df, G, N, K = %d, %d, %d, %d; want 4, 5, 9, 3", r.DF, r.Clusters, r.Observations, r.Parameters)
	}
	if r.SingletonClusters != 1 || r.DroppedNoRespondents != 1 || r.TreatedClusters != 3 || r.TreatedObservations != 3 {
		t.Errorf("singletons %d, dropped %d, treated clusters %d, treated obs %d; want 1, 1, 3, 3",
			r.SingletonClusters, r.DroppedNoRespondents, r.TreatedClusters, r.TreatedObservations)
	}
}

// unbalancedPanel: seven organisations, 2011–2014, with gaps, a singleton, a never-restricted
// organisation and adoption staggered over 2012–2014.
var unbalancedPanel = []OrgYear{
	{1, 2011, 5.1, 100, false}, {1, 2012, 5.3, 100, false}, {1, 2013, 4.6, 100, true}, {1, 2014, 4.4, 100, true},
	{2, 2011, 4.8, 100, false}, {2, 2012, 4.9, 100, false}, {2, 2013, 5.0, 100, false},
	{3, 2012, 5.5, 100, false}, {3, 2013, 5.2, 100, true}, {3, 2014, 4.9, 100, true},
	{4, 2011, 4.2, 100, false}, {4, 2013, 4.5, 100, false}, {4, 2014, 4.1, 100, true},
	{5, 2011, 5.9, 100, false}, {5, 2012, 6.1, 100, false}, {5, 2013, 6.0, 100, false}, {5, 2014, 6.2, 100, false},
	{6, 2012, 5.0, 100, true},
	{7, 2011, 4.9, 100, false}, {7, 2012, 4.7, 100, true}, {7, 2014, 4.5, 100, true},
}

// The reference is R 4.2.2 on the same 21 rows (Debian r-base-core, r-cran-sandwich 3.0-2):
//
//	fit <- lm(y ~ d + factor(year) + factor(org), data = p)   # LSDV: explicit organisation dummies
//	V <- vcovCL(fit, cluster = ~org, type = "HC0", cadjust = FALSE) * G/(G-1)*(N-1)/(N-K)  # G=7 N=21 K=5
//	b <- coef(fit)["d"]; se <- sqrt(V["d","d"]); 2*pt(-abs(b/se), G-1); b + c(-1,1)*qt(.975, G-1)*se
//
// (the sandwich was also built by hand from model.matrix and residuals, agreeing to 1e-16). The test
// also rebuilds the LSDV regression itself with gonum's QR on explicit dummies, another method than
// the package's within transformation and normal equations.
func TestTWFEUnbalancedReference(t *testing.T) {
	r, err := Estimate(context.Background(), unbalancedPanel, nil, Options{Replications: 199, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	near(t, "estimate", r.Estimate, -0.50447761194029805, 1e-12)
	near(t, "std_error", r.StdError, 0.11986662479654311, 1e-12)
	near(t, "p_value", r.PValue, 0.0056315138301940076, 1e-12)
	near(t, "ci_low", r.CILow, -0.79778067671170683, 1e-10)
	near(t, "ci_high", r.CIHigh, -0.21117454716888934, 1e-10)
	if r.DF != 6 || r.Clusters != 7 || r.Observations != 21 || r.Parameters != 5 || r.SingletonClusters != 1 {
		t.Errorf("df %d G %d N %d K %d singletons %d", r.DF, r.Clusters, r.Observations, r.Parameters, r.SingletonClusters)
	}

	b, se := lsdvClustered(t, unbalancedPanel, func(r OrgYear) []float64 {
		if r.Restricted {
			return []float64{1}
		}
		return []float64{0}
	})
	near(t, "estimate vs LSDV", r.Estimate, b[0], 1e-10)
	near(t, "std_error vs LSDV", r.StdError, se[0], 1e-10)
}

// lsdvClustered regresses Mean on [1, cols, year dummies, organisation dummies] by QR and returns the
// coefficients of cols and their clustered standard errors with the xtreg small-sample factor (K counts
// every column but the organisation dummies). It shares no code with the package.
func lsdvClustered(t *testing.T, panel []OrgYear, cols func(r OrgYear) []float64) (beta, se []float64) {
	t.Helper()
	yearCol, orgCol := map[int32]int{}, map[int32]int{}
	var yl, ol []int32
	for _, r := range panel {
		if _, ok := yearCol[r.Year]; !ok {
			yearCol[r.Year] = 0
			yl = append(yl, r.Year)
		}
		if _, ok := orgCol[r.Org]; !ok {
			orgCol[r.Org] = len(ol)
			ol = append(ol, r.Org)
		}
	}
	slices.Sort(yl)
	for i, y := range yl {
		yearCol[y] = i - 1 // the first year is the base: −1 means no dummy
	}
	nc := len(cols(panel[0]))
	ny := len(yl) - 1
	n := len(panel)
	k := 1 + nc + ny + len(ol) - 1
	z := mat.NewDense(n, k, nil)
	yv := mat.NewVecDense(n, nil)
	for i, r := range panel {
		z.Set(i, 0, 1)
		for j, v := range cols(r) {
			z.Set(i, 1+j, v)
		}
		if c := yearCol[r.Year]; c >= 0 {
			z.Set(i, 1+nc+c, 1)
		}
		if c := orgCol[r.Org]; c > 0 {
			z.Set(i, 1+nc+ny+c-1, 1)
		}
		yv.SetVec(i, r.Mean)
	}
	var qr mat.QR
	qr.Factorize(z)
	var b mat.VecDense
	if err := qr.SolveVecTo(&b, false, yv); err != nil {
		t.Fatal(err)
	}
	var fitted, u mat.VecDense
	fitted.MulVec(z, &b)
	u.SubVec(yv, &fitted)
	var ztz, bread mat.Dense
	ztz.Mul(z.T(), z)
	if err := bread.Inverse(&ztz); err != nil {
		t.Fatal(err)
	}
	meat := mat.NewDense(k, k, nil)
	for _, o := range ol {
		s := mat.NewVecDense(k, nil)
		for i, r := range panel {
			if r.Org == o {
				s.AddScaledVec(s, u.AtVec(i), z.RowView(i))
			}
		}
		var ss mat.Dense
		ss.Outer(1, s, s)
		meat.Add(meat, &ss)
	}
	var v1, v mat.Dense
	v1.Mul(&bread, meat)
	v.Mul(&v1, &bread)
	g, nf, kk := float64(len(ol)), float64(n), float64(1+nc+ny)
	for j := range nc {
		beta = append(beta, b.AtVec(1+j))
		se = append(se, math.Sqrt(v.At(1+j, 1+j)*g/(g-1)*(nf-1)/(nf-kk)))
	}
	return beta, se
}
