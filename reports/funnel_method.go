package reports

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/study"
)

// funnelMethod says in words which funnel limits the report draws, the overdispersion found (φ and τ²
// of the satisfaction funnel over the years, and the trim they were estimated at), how many org-years
// fall outside the 99.8% limits drawn and how many would at the other trim the field uses, and the
// adjustment's known weakness.
func funnelMethod(r *study.Result) string {
	fs := satisfactionFunnels(r.Funnels)
	if len(fs) == 0 {
		return ""
	}
	trim, adj := fs[0].Trim, fs[0].Adjustment
	phi, tau2 := funnelRanges(fs)
	phiHow := "the mean squared z-score, none winsorised"
	tauHow := "DerSimonian–Laird, from Cochran's Q"
	if trim > 0 {
		phiHow = "the mean squared z-score after " + trimPercent(trim) + " winsorising at each end"
		tauHow = "DerSimonian–Laird"
	}
	found := fmt.Sprintf("Across the years the satisfaction funnel's dispersion ratio φ (%s) is %s and the between-organisation variance τ² (%s) %s; φ near 1 would mean sampling variance alone explains the spread.",
		phiHow, phi, tauHow, tau2)
	found += " " + funnelOutside(r, adj)
	switch adj {
	case benchmark.AdjustNone:
		return found + " The limits drawn are not adjusted for overdispersion (--funnel-adjust none): with φ well above 1 they flag many organisations whose difference is within the ordinary spread between councils."
	case benchmark.AdjustMultiplicative:
		found += " The limits drawn are widened by √φ (multiplicative, Spiegelhalter 2005) where φ > 1; funnel.csv carries the unadjusted limits and flags too."
	default:
		found += " The limits drawn add τ² to each organisation's sampling variance (additive random effects, as FunnelPlotR draws by default), so they widen most for the largest samples; funnel.csv carries the unadjusted limits and flags too."
	}
	if c := trimComparison(r.FunnelTrimComparison, adj); c != "" {
		found += " " + c
	}
	return found + " " + trimWeakness(trim, adj, r.FunnelTrimComparison)
}

// satisfactionFunnels returns the satisfaction_mean funnels, one a year.
func satisfactionFunnels(all []benchmark.Funnel) []benchmark.Funnel {
	var fs []benchmark.Funnel
	for _, f := range all {
		if f.KPI == "satisfaction_mean" {
			fs = append(fs, f)
		}
	}
	return fs
}

// funnelRanges writes the range over fs of φ (2 decimals) and of τ² (3 significant figures), or the
// one value when the range is a point.
func funnelRanges(fs []benchmark.Funnel) (phi, tau2 string) {
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
	return rng(formatNumber(phiLo, 2), formatNumber(phiHi, 2)), rng(formatTau2(tauLo), formatTau2(tauHi))
}

// trimPercent writes a trim fraction as a percentage: 0.1 → "10%", 0.125 → "12.5%".
func trimPercent(t float64) string { return strconv.FormatFloat(100*t, 'g', 4, 64) + "%" }

// trimFlag writes the --funnel-trim setting of t, naming FunnelPlotR's default.
func trimFlag(t float64) string {
	s := "--funnel-trim " + strconv.FormatFloat(t, 'g', -1, 64)
	switch t {
	case benchmark.FunnelPlotRTrim:
		s += ", FunnelPlotR's default"
	case benchmark.DefaultTrim:
		s += ", the default"
	}
	return s
}

// trimWords says how the z-scores were trimmed: "z-scores not winsorised (--funnel-trim 0, the
// default)" or "z-scores winsorised at 10% at each end (--funnel-trim 0.1, FunnelPlotR's default)".
func trimWords(t float64) string {
	if t == 0 {
		return "z-scores not winsorised (" + trimFlag(t) + ")"
	}
	return winsorisedAt(t) + " (" + trimFlag(t) + ")"
}

// winsorisedAt says how far the z-scores were winsorised, t > 0: "z-scores winsorised at 10% at each end".
func winsorisedAt(t float64) string {
	return "z-scores winsorised at " + trimPercent(t) + " at each end"
}

// limitsAdjusted opens every sentence that says which funnel limits are drawn: "Limits not adjusted
// for overdispersion" under AdjustNone, else "Limits adjusted for overdispersion", sep and the
// adjustment's name.
func limitsAdjusted(a benchmark.Adjustment, sep string) string {
	if a == benchmark.AdjustNone {
		return "Limits not adjusted for overdispersion"
	}
	return "Limits adjusted for overdispersion" + sep + a.String()
}

// trimComparison says what φ and τ² would be at the comparison trim, and how many org-years per KPI would
// then fall outside the adjusted 99.8% limits. It is empty without a comparison or under AdjustNone.
func trimComparison(c *benchmark.TrimComparison, a benchmark.Adjustment) string {
	if c == nil || a == benchmark.AdjustNone {
		return ""
	}
	fs := satisfactionFunnels(c.Funnels)
	if len(fs) == 0 {
		return ""
	}
	phi, tau2 := funnelRanges(fs)
	var parts []string
	for _, o := range c.Outside {
		if o.OrgYears == 0 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s of %s (%s)", lowerFirst(kpiTitle(o.KPI)), formatNumber(float64(o.Outside998), 0),
			formatNumber(float64(o.OrgYears), 0), formatPercent(float64(o.Outside998)/float64(o.OrgYears), 2)))
	}
	out := fmt.Sprintf("With %s, φ would be %s and τ² %s", trimWords(c.Trim), phi, tau2)
	if len(parts) == 0 {
		return out + "."
	}
	return out + ", and outside the 99.8% limits they give would be " + strings.Join(parts, "; ") + "."
}

// trimWeakness states the known weakness of the trim the limits use, and of the other choice, with the
// shares outside at the comparison trim where there is one.
func trimWeakness(t float64, a benchmark.Adjustment, c *benchmark.TrimComparison) string {
	// For normal z-scores 10% winsorising keeps 67.9% of their variance: φ comes out at 0.679 of its
	// value, and τ², which subtracts the sampling variance from it, at less.
	est, by, plain := "τ²", "by a third or more", "DerSimonian and Laird's estimate"
	if a == benchmark.AdjustMultiplicative {
		est, by, plain = "φ", "by about a third", "the plain mean of the squared z-scores"
	}
	third := "for normally distributed differences between councils it keeps only about two thirds of the z-scores' variance, so it underestimates " + est + " " + by
	if t == 0 {
		s := fmt.Sprintf("Known weakness: %s is estimated from the organisations being judged, and with the z-scores not winsorised every one counts in full, so genuine outliers inflate the between-council variance and a few councils that truly differ may be absorbed within the limits rather than flagged. Winsorising resists that, but %s and flags the tails of an ordinary spread",
			est, third)
		if x := timesExpected(c); x != "" {
			s += " (here " + x + " the 0.2% expected)"
		}
		return s + "."
	}
	return fmt.Sprintf("Known weakness: %s is estimated from the organisations being judged. Winsorising keeps a few extreme councils from widening everyone's limits, but %s: %s then describes the middle of the spread, and where councils differ widely those in its tails stay outside. Without winsorising (--funnel-trim 0) %s is %s, at the price of letting genuine outliers inflate it, so that a few councils that truly differ may be absorbed rather than flagged.",
		est, third, est, est, plain)
}

// timesExpected writes how many times the 0.2% expected outside the 99.8% limits each KPI's comparison
// share is ("6.8 and 6.0 times"), or "" without a comparison.
func timesExpected(c *benchmark.TrimComparison) string {
	if c == nil {
		return ""
	}
	var xs []string
	for _, o := range c.Outside {
		if o.OrgYears > 0 {
			xs = append(xs, formatNumber(float64(o.Outside998)/float64(o.OrgYears)/expectedOutside998, 1))
		}
	}
	if len(xs) == 0 {
		return ""
	}
	return strings.Join(xs, " and ") + " times"
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
// outside year after year are real differences between councils.
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
		parts = append(parts, fmt.Sprintf("%s %s of %s org-years (%s)", lowerFirst(kpiTitle(k)),
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
	return out + fmt.Sprintf(" They belong to %s, %s of them outside in more than one year, which chance alone rarely does: these are differences between councils. Read a council outside these limits as one whose difference is larger than most councils' differences, and look for its cause before calling it performance.",
		plural(len(councils), "council", "councils"), formatNumber(float64(len(repeated)), 0))
}
