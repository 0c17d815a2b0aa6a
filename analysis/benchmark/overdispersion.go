package benchmark

import (
	"fmt"
	"math"
	"slices"
)

// Overdispersion (Spiegelhalter 2005, "Funnel plots for comparing institutional performance", Stat Med
// 24:1185–1202, §6; and "Handling over-dispersion of performance indicators", Qual Saf Health Care
// 2005 14:347–351). Limits from sampling variance alone assume every organisation shares one true value;
// when real but unexplained differences between organisations exist, far more than 0.2% of points fall
// outside the 99.8% limits and the funnel flags noise as performance. Two standard remedies, both
// estimated per KPI and year from the org-years' z-scores z_i = (y_i − target) / s_i, s_i = σ/√n_i:
//
//   - φ, the dispersion ratio: the mean of the squared z-scores after 10% winsorising at each end
//     (z below the 10th percentile is set to it, above the 90th to that; percentiles by R's default
//     quantile, type 7, as FunnelPlotR computes them). Multiplicative limits are
//     target ± z·sqrt(φ)·s_i, used only when φ > 1 (no adjustment narrows the limits).
//   - τ², the between-organisation variance by DerSimonian–Laird from φ: with I org-years and weights
//     w_i = 1/s_i², τ² = max(0, (I·φ − (I − 1)) / (Σw_i − Σw_i²/Σw_i)). Additive (random-effects)
//     limits are target ± z·sqrt(s_i² + τ²). They widen most for the largest organisations, whose
//     sampling error is smallest: τ² is a floor on how well any organisation can be compared.
//
// FunnelPlotR (NHS-R Community), whose funnel_plot draws overdispersion-adjusted limits by default,
// uses the additive form, computed as above in its phi_func and tau_func; so does the default here.
//
// Known weakness: φ and τ² are estimated from the very organisations being judged. Winsorising keeps a
// few extreme ones from inflating them, but if many organisations truly differ, the adjusted limits
// absorb part of that difference and flag fewer than deserve it. The adjustment also treats the whole
// excess as unexplained: a difference explained by case mix (here, for example, staff group) would be
// better removed by standardising than by widening every limit. FunnelPlotR applies the estimates on a
// transformed scale (arcsine square root for proportions); here they are applied on the scale of the
// unadjusted limits (normal approximation), so that with no overdispersion the adjusted limits equal them.

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

// WinsorFraction is the share of z-scores winsorised at each end before φ is estimated (Spiegelhalter
// 2005 and FunnelPlotR use 10%).
const WinsorFraction = 0.1

// Dispersion estimates φ from z-scores winsorised at frac at each end, and τ² by DerSimonian–Laird from
// φ and the standard errors s (one per z-score). It returns φ = 0 and τ² = 0 for no z-scores. z and s
// are not changed.
func Dispersion(z, s []float64, frac float64) (phi, tau2 float64) {
	n := len(z)
	if n == 0 {
		return 0, 0
	}
	sorted := slices.Clone(z)
	slices.Sort(sorted)
	lo, hi := quantile7(sorted, frac), quantile7(sorted, 1-frac)
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

// quantile7 is R's default (type 7) quantile of sorted data: h = (n − 1)·p, linear between the
// neighbouring order statistics.
func quantile7(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	i := int(math.Floor(h))
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}

// AdjustedLimits returns the limits at n under adjustment a, clamped to [Min, Max]: multiplicative
// target ± z·sqrt(max(φ, 1))·σ/√n, additive target ± z·sqrt(σ²/n + τ²), none as Limits.
func (f Funnel) AdjustedLimits(n, z float64, a Adjustment) (lo, hi float64) {
	var h float64
	switch a {
	case AdjustMultiplicative:
		h = z * math.Sqrt(max(f.Phi, 1)) * f.Sigma / math.Sqrt(n)
	case AdjustAdditive:
		h = z * math.Sqrt(f.Sigma*f.Sigma/n+f.Tau2)
	default:
		return f.Limits(n, z)
	}
	return max(f.Target-h, f.Min), min(f.Target+h, f.Max)
}
