package benchmark

import (
	"fmt"
	"math"
	"slices"

	"github.com/psnbyod/psnbyod/analysis/stats"
)

// Overdispersion (Spiegelhalter 2005, "Funnel plots for comparing institutional performance", Stat Med
// 24:1185–1202, §6; and "Handling over-dispersion of performance indicators", Qual Saf Health Care
// 2005 14:347–351). Limits from sampling variance alone assume every organisation shares one true value;
// when real but unexplained differences between organisations exist, far more than 0.2% of points fall
// outside the 99.8% limits and the funnel flags noise as performance. Two standard remedies, both
// estimated per KPI and year from the org-years' z-scores z_i = (Y_i − T) / s_i on the funnel's scale,
// after winsorising them at a trim fraction t at each end (z below the t quantile is set to it, above the
// 1 − t quantile to that; quantiles by R's default, type 7, as FunnelPlotR computes them; t = 0 leaves
// them as they are):
//
//   - φ, the dispersion ratio: the mean of the squared z-scores, Q/I with Q = Σz_i² over I org-years.
//     Multiplicative limits are T ± z·sqrt(φ)·s_i, used only when φ > 1 (no adjustment narrows the
//     limits).
//   - τ², the between-organisation variance by DerSimonian and Laird's moment estimator (1986,
//     "Meta-analysis in clinical trials", Controlled Clinical Trials 7:177–188): with weights
//     w_i = 1/s_i², τ² = max(0, (Q − (I − 1)) / (Σw_i − Σw_i²/Σw_i)). Additive (random-effects) limits
//     are T ± z·sqrt(s_i² + τ²). They widen most for the largest organisations, whose sampling error is
//     smallest: τ² is a floor on how well any organisation can be compared.
//
// One trim serves both, as FunnelPlotR's single trim_by does (NHS-R Community, funnel_plot with
// draw_adjusted = TRUE: transformed_zscore, winsorisation, phi_func, tau_func and calculate_limits in
// R/od_adjustment.R and R/calculate_limits.R, followed step by step on each KPI's scale). The default
// trim is 0 (DefaultTrim): Q is then Cochran's Q and τ² DerSimonian–Laird's own estimate, which is
// FunnelPlotR run with trim_by = 0. FunnelPlotR's default, and Spiegelhalter's, is 10% (FunnelPlotRTrim,
// --funnel-trim 0.1). As in FunnelPlotR, Q is taken about the funnel's target T rather than about the
// inverse-variance weighted mean of the Y_i that DerSimonian and Laird use: for satisfaction_mean with
// unit survey weights the two are the same number (Σ n_i·x̄_i / Σ n_i, the respondent-level mean), and
// for satisfied_share they differ only by the arcsine transform's curvature.
//
// The scales:
//
//   - satisfied_share is a proportion, FunnelPlotR's data_type "PR": Y_i = asin(√p_i),
//     T = asin(√p̄), s_i = 1/(2√n_i), the variance-stabilising arcsine square-root transform (its
//     sampling variance does not depend on p). Adjusted limits are sin²(T ± z·sqrt(s_i² + τ²)), or
//     sin²(T ± z·sqrt(φ)·s_i), with the angle kept within 0..π/2 so that a limit never folds back
//     (FunnelPlotR leaves it unclamped); τ² is in squared radians on that scale. p̄ is the year's
//     survey-weighted share, which with unit weights is FunnelPlotR's Σ numerator / Σ denominator.
//   - satisfaction_mean is a mean of 1–7 scores, which FunnelPlotR does not cover (it has standardised
//     ratios, proportions and ratios of counts). A mean is not a count ratio, so neither the log nor the
//     arcsine transform applies: its sampling distribution is near normal on its own scale for the
//     sector's ≥ 100 respondents (central limit theorem; the scores are bounded), with variance σ²/n
//     from the pooled within-organisation SD. This is Spiegelhalter's (2005, §3) normal case: Y_i = x̄_i,
//     T = the sector mean, s_i = σ/√n_i, and τ² in squared scale points.
//
// When φ and τ² show no overdispersion (τ² = 0, or φ ≤ 1 for the multiplicative form) the adjusted limits
// are the unadjusted ones, as FunnelPlotR then draws its unadjusted limits. One difference remains for the
// share: FunnelPlotR's unadjusted limits for proportions are on the arcsine scale too, sin²(T ± z·s),
// while Limits keeps the normal approximation p̄ ± z·sqrt(p̄(1 − p̄)/n) that funnel.csv has always
// carried; the two agree near p̄ = 0.5 (at n = 100, 99.8%: 0.3455–0.6545 against 0.3480–0.6520) and part
// towards the ends (p̄ = 0.9: 0.8073–0.9927 against 0.7898–0.9723, where the arcsine limits allow for
// the skew of a share near 1).
//
// Known weaknesses. φ and τ² are estimated from the very organisations being judged. Without trimming
// (the default) every organisation counts in full, genuine outliers included: a few councils that truly
// differ inflate τ² (or φ) and so widen every council's limits, and may be absorbed rather than flagged.
// Winsorising resists that, which is its purpose, but it also makes φ and τ² describe the spread of the
// middle of the distribution: for normally distributed z-scores 10% winsorising keeps 67.9% of their
// variance (E[min(max(Z, −1.2816), 1.2816)²] = 0.6787), so when between-organisation differences are large
// and normal, τ² comes out at roughly two thirds of the DerSimonian–Laird value and the organisations in
// the tails of that spread fall outside the adjusted limits far more often than 0.2% (on the default
// dataset 6–7 times as often; see README.md, "How funnel limits are adjusted"). The adjustment also treats
// the whole excess as unexplained: a difference explained by case mix (staff group) or by a known cause
// (BYOD restriction) would be better removed by standardising than by widening every limit.

// Adjustment says how funnel limits are widened for overdispersion.
type Adjustment int

// Adjustments. The zero value is the default, additive, as in FunnelPlotR.
const (
	AdjustAdditive       Adjustment = iota // random-effects τ² (DerSimonian–Laird), FunnelPlotR's default
	AdjustMultiplicative                   // φ from winsorised z-scores, Spiegelhalter 2005
	AdjustNone                             // sampling variance only
)

// String names the adjustment as the --funnel-adjust flag and funnel.csv spell it.
func (a Adjustment) String() string {
	switch a {
	case AdjustMultiplicative:
		return "multiplicative"
	case AdjustNone:
		return "none"
	}
	return "additive"
}

// MarshalText writes the adjustment's name.
func (a Adjustment) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads a name String writes.
func (a *Adjustment) UnmarshalText(b []byte) error {
	v, err := ParseAdjustment(string(b))
	if err == nil {
		*a = v
	}
	return err
}

// ParseAdjustment reads "none", "multiplicative" or "additive".
func ParseAdjustment(s string) (Adjustment, error) {
	for _, a := range []Adjustment{AdjustAdditive, AdjustMultiplicative, AdjustNone} {
		if a.String() == s {
			return a, nil
		}
	}
	return 0, fmt.Errorf("unknown funnel adjustment %q: expected none, multiplicative or additive", s)
}

// Trims: the share of z-scores winsorised at each end before φ and τ² are estimated.
const (
	// DefaultTrim leaves the z-scores as they are: φ = Q/I with Cochran's Q, and τ² by DerSimonian–Laird.
	DefaultTrim = 0.0
	// FunnelPlotRTrim is FunnelPlotR's trim_by default and Spiegelhalter's (2005) 10%.
	FunnelPlotRTrim = 0.1
)

// CheckTrim reports whether t can trim a funnel's z-scores: 0 ≤ t < 0.5 (at 0.5 both ends would meet at
// the median).
func CheckTrim(t float64) error {
	if !(t >= 0 && t < 0.5) { // also rejects NaN
		return fmt.Errorf("trim %v is outside 0 ≤ trim < 0.5 (0 does not winsorise; 0.1, FunnelPlotR's default, winsorises 10%% at each end)", t)
	}
	return nil
}

// ComparisonTrim is the trim a report sets beside t: FunnelPlotR's 10% beside any other trim, and
// no trim beside 10%, so that the two estimates the field uses are always both given.
func ComparisonTrim(t float64) float64 {
	if t == FunnelPlotRTrim {
		return DefaultTrim
	}
	return FunnelPlotRTrim
}

// dispersion estimates φ from z-scores winsorised at frac at each end (frac 0: as they are), and τ² by
// DerSimonian–Laird from I·φ = Q and the standard errors s (one per z-score). It returns φ = 0 and τ² = 0
// for no z-scores. z and s are not changed.
func dispersion(z, s []float64, frac float64) (phi, tau2 float64) {
	n := len(z)
	if n == 0 {
		return 0, 0
	}
	sorted := slices.Clone(z)
	slices.Sort(sorted)
	lo, hi := stats.QuantileSorted(sorted, frac), stats.QuantileSorted(sorted, 1-frac) // R type 7
	var ss float64
	for _, v := range z { // in input order, so the sum's bits do not depend on sorting
		w := min(max(v, lo), hi)
		ss += w * w
	}
	phi = ss / float64(n)
	if float64(n)*phi <= float64(n-1) {
		return phi, 0
	}
	var sw, sw2 float64
	for _, si := range s {
		w := 1 / (si * si)
		sw += w
		sw2 += w * w
	}
	if den := sw - sw2/sw; den > 0 {
		tau2 = (float64(n)*phi - float64(n-1)) / den
	}
	return phi, tau2
}

// AdjustedLimits returns the limits at n under adjustment a, clamped to [Min, Max]. On the identity
// scale: multiplicative T ± z·sqrt(φ)·σ/√n, additive T ± z·sqrt(σ²/n + τ²). On the arcsine scale
// (Scale ScaleArcsine): multiplicative sin²(asin√T ± z·sqrt(φ)/(2√n)), additive
// sin²(asin√T ± z·sqrt(1/(4n) + τ²)), the angle clamped to 0..π/2. With no overdispersion (multiplicative
// φ ≤ 1, additive τ² = 0) and under AdjustNone they are Limits.
func (f Funnel) AdjustedLimits(n, z float64, a Adjustment) (lo, hi float64) {
	switch {
	case a == AdjustMultiplicative && f.Phi > 1, a == AdjustAdditive && f.Tau2 > 0:
	default:
		return f.limits(n, z)
	}
	if f.Scale == ScaleArcsine {
		s := 1 / (2 * math.Sqrt(n))
		h := z * math.Sqrt(s*s+f.Tau2)
		if a == AdjustMultiplicative {
			h = z * math.Sqrt(f.Phi) * s
		}
		t := math.Asin(math.Sqrt(f.Target))
		sl, sh := math.Sin(max(t-h, 0)), math.Sin(min(t+h, math.Pi/2))
		return max(sl*sl, f.Min), min(sh*sh, f.Max)
	}
	h := z * math.Sqrt(f.Sigma*f.Sigma/n+f.Tau2)
	if a == AdjustMultiplicative {
		h = z * math.Sqrt(f.Phi) * f.Sigma / math.Sqrt(n)
	}
	return max(f.Target-h, f.Min), min(f.Target+h, f.Max)
}

// zScore returns an org-year's z-score and standard error on the funnel's scale (see Scale), the inputs
// of Dispersion. ok is false when the funnel has no spread to divide by.
func (f Funnel) zScore(v float64, n int64) (z, s float64, ok bool) {
	if f.Scale == ScaleArcsine {
		s = 1 / (2 * math.Sqrt(float64(n)))
		return (math.Asin(math.Sqrt(min(max(v, 0), 1))) - math.Asin(math.Sqrt(f.Target))) / s, s, true
	}
	if f.Sigma == 0 {
		return 0, 0, false
	}
	s = f.Sigma / math.Sqrt(float64(n))
	return (v - f.Target) / s, s, true
}
