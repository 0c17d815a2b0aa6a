package reports

import (
	"fmt"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/study"
)

// funnelMethod says in words which funnel limits the report draws, the overdispersion found (φ and τ²
// of the satisfaction funnel over the years) and the adjustment's known weakness.
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
	switch fs[0].Adjustment {
	case benchmark.AdjustNone:
		return found + " The limits drawn are not adjusted for overdispersion (--funnel-adjust none): with φ well above 1 they flag many organisations whose difference is within the ordinary spread between councils."
	case benchmark.AdjustMultiplicative:
		return found + " The limits drawn are widened by √φ (multiplicative, Spiegelhalter 2005) where φ > 1. φ is estimated from the organisations being judged, so where many truly differ the limits absorb part of the difference; funnel.csv carries the unadjusted limits and flags too."
	}
	return found + " The limits drawn add τ² to each organisation's sampling variance (additive random effects, as FunnelPlotR draws by default), so they widen most for the largest samples. τ² is estimated from the organisations being judged, so where many truly differ the limits absorb part of the difference; funnel.csv carries the unadjusted limits and flags too."
}
