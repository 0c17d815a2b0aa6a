package reports

import (
	"fmt"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/study"
)

// funnelMethod says in words which funnel limits the report draws, the overdispersion found (φ and τ²
// of the satisfaction funnel over the years), how many org-years fall outside the 99.8% limits drawn,
// and the adjustment's known weakness.
func funnelMethod(r *study.Result) string {
	var fs []benchmark.Funnel
	for _, f := range r.Funnels {
		if f.KPI == "satisfaction_mean" {
			fs = append(fs, f)
		}
	}
	if len(fs) == 0 {
		return ""
	}
	phiLo, phiHi, tauLo, tauHi := fs[0].Phi, fs[0].Phi, fs[0].Tau2, fs[0].Tau2
	for _, f := range fs[1:] {
		phiLo, phiHi = min(phiLo, f.Phi), max(phiHi, f.Phi)
		tauLo, tauHi = min(tauLo, f.Tau2), max(tauHi, f.Tau2)
	}
	rng := func(lo, hi string) string {
		if lo == hi {
			return lo
		}
		return lo + "–" + hi
	}
	found := fmt.Sprintf("Across the years the satisfaction funnel's dispersion ratio φ (the mean squared z-score after 10%% winsorising at each end) is %s and the between-organisation variance τ² (DerSimonian–Laird) %s; φ near 1 would mean sampling variance alone explains the spread.",
		rng(formatNumber(phiLo, 2), formatNumber(phiHi, 2)), rng(formatTau2(tauLo), formatTau2(tauHi)))
	found += " " + funnelOutside(r, fs[0].Adjustment)
	switch fs[0].Adjustment {
	case benchmark.AdjustNone:
		return found + " The limits drawn are not adjusted for overdispersion (--funnel-adjust none): with φ well above 1 they flag many organisations whose difference is within the ordinary spread between councils."
	case benchmark.AdjustMultiplicative:
		return found + " The limits drawn are widened by √φ (multiplicative, Spiegelhalter 2005) where φ > 1. φ is estimated from the organisations being judged, so where many truly differ the limits absorb part of the difference; funnel.csv carries the unadjusted limits and flags too."
	}
	return found + " The limits drawn add τ² to each organisation's sampling variance (additive random effects, as FunnelPlotR draws by default), so they widen most for the largest samples. τ² is estimated from the organisations being judged, so where many truly differ the limits absorb part of the difference; funnel.csv carries the unadjusted limits and flags too."
}

// expectedOutside998 is the share of org-years outside two-sided 99.8% limits when the limits' model
// holds; outsideFactor is how many times that share a funnel may show before the report explains why.
const (
	expectedOutside998 = 0.002
	outsideFactor      = 3
)

// funnelOutside counts, per KPI over all years, the org-years outside the 99.8% limits the report draws
// (adjusted unless a is none) and the councils they belong to. Where the share is more than
// outsideFactor times the 0.2% the limits' model expects, it says what that means: the same councils
// outside year after year are real differences between councils, and the winsorised φ makes τ² describe
// the middle of the spread, so the tails of a wide spread are flagged.
func funnelOutside(r *study.Result, a benchmark.Adjustment) string {
	type tally struct {
		points, outside int
		years           map[string]int
	}
	kpis := []string{"satisfaction_mean", "satisfied_share"}
	t := map[string]*tally{}
	for _, k := range kpis {
		t[k] = &tally{years: map[string]int{}}
	}
	for _, pt := range r.FunnelPoints {
		c := t[pt.KPI]
		if c == nil {
			continue
		}
		c.points++
		if funnelFlag(pt, a) != "within" {
			c.outside++
			c.years[pt.OrgCode]++
		}
	}
	limits := "adjusted 99.8% limits"
	if a == benchmark.AdjustNone {
		limits = "unadjusted 99.8% limits"
	}
	var parts []string
	high := false
	councils, repeated := map[string]bool{}, map[string]bool{}
	for _, k := range kpis {
		c := t[k]
		if c.points == 0 {
			continue
		}
		share := float64(c.outside) / float64(c.points)
		high = high || share > outsideFactor*expectedOutside998
		parts = append(parts, fmt.Sprintf("%s %s of %s org-years (%s)", strings.ToLower(kpiTitle(k)[:1])+kpiTitle(k)[1:],
			formatNumber(float64(c.outside), 0), formatNumber(float64(c.points), 0), formatPercent(share, 2)))
		for org, n := range c.years {
			councils[org] = true
			if n > 1 {
				repeated[org] = true
			}
		}
	}
	if len(parts) == 0 {
		return ""
	}
	out := fmt.Sprintf("Outside the %s: %s, against %s expected by chance alone.", limits, strings.Join(parts, "; "), formatPercent(expectedOutside998, 1))
	if !high || a == benchmark.AdjustNone {
		return out
	}
	return out + fmt.Sprintf(" They belong to %s, %s of them outside in more than one year, which chance alone rarely does: these are differences between councils. FunnelPlotR and Spiegelhalter winsorise the z-scores at 10%% before estimating φ so that a few extreme councils do not widen everyone's limits; the price is that τ² then measures the spread of the middle of the distribution (winsorising keeps about two thirds of the variance of normally distributed z-scores), so where councils differ widely those in the tails of the spread stay outside. Read a council outside these limits as one whose difference is larger than most councils' differences, and look for its cause before calling it performance.",
		plural(len(councils), "council", "councils"), formatNumber(float64(len(repeated)), 0))
}
