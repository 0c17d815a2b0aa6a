package reports

// The restriction effect in words when the staggered-timing estimators are available: the headline from
// Callaway and Sant'Anna's estimator with the two-way fixed-effects estimate beside it, and what the
// Goodman-Bacon decomposition, the pre-trend test, the sensitivity analysis, the imputation cross-check,
// the reversal estimate and, with few restricted councils, the wild bootstrap say.

import (
	"fmt"
	"math"

	"github.com/psnbyod/psnbyod/analysis/effect"
)

// zP is the two-sided normal p-value of est/se, from erfc so that it keeps its precision in the tail.
func zP(est, se float64) float64 {
	if !(se > 0) {
		if est == 0 {
			return 1
		}
		return 0
	}
	return math.Erfc(math.Abs(est/se) / math.Sqrt2)
}

// staggeredSentence is the headline from the robust estimator, with TWFE beside it.
func staggeredSentence(e *effect.Result) string {
	o := e.Staggered.Overall
	ci := func(lo, hi string) string {
		return "95% CI " + lo + " to " + hi + "; " + formatP(zP(o.Estimate, o.StdError))
	}
	twfe := fmt.Sprintf("the two-way fixed-effects estimate is %s (95%% CI %s to %s)", formatPoints(e.Estimate), formatPoints(e.CILow), formatPoints(e.CIHigh))
	how := "averaging each cohort's change against councils not yet restricted"
	if e.Staggered.Control == effect.ControlNeverTreated.String() {
		how = "averaging each cohort's change against councils never restricted"
	}
	switch {
	case o.CIHigh < 0:
		return fmt.Sprintf("Restricting BYOD lowered staff satisfaction with ICT by %s points on the 1–7 scale (%s), %s; %s.",
			formatPoints(-o.Estimate), ci(formatPoints(-o.CIHigh), formatPoints(-o.CILow)), how, twfe)
	case o.CILow > 0:
		return fmt.Sprintf("Restricting BYOD raised staff satisfaction with ICT by %s points on the 1–7 scale (%s), %s; %s.",
			formatPoints(o.Estimate), ci(formatPoints(o.CILow), formatPoints(o.CIHigh)), how, twfe)
	}
	return fmt.Sprintf("There is no evidence that restricting BYOD changed staff satisfaction with ICT: the estimate is %s points on the 1–7 scale (%s), %s; %s.",
		formatPoints(o.Estimate), ci(formatPoints(o.CILow), formatPoints(o.CIHigh)), how, twfe)
}

// robustMeaning explains the diagnostics of the staggered-timing analysis.
func robustMeaning(e *effect.Result) []string {
	var out []string
	if s := e.Staggered; s != nil {
		var set []string
		if s.ExcludedReversing > 0 {
			set = append(set, plural(s.ExcludedReversing, "council that later lifted its restriction", "councils that later lifted their restriction"))
		}
		if s.ExcludedUnknownTiming > 0 {
			set = append(set, plural(s.ExcludedUnknownTiming, "council whose first restricted year is unknown", "councils whose first restricted year is unknown"))
		}
		if s.ExcludedSmallCohorts > 0 {
			set = append(set, plural(s.ExcludedSmallCohorts, "council in a cohort of fewer than 5", "councils in cohorts of fewer than 5"))
		}
		if s.ExcludedAlwaysRestricted > 0 {
			set = append(set, plural(s.ExcludedAlwaysRestricted, "council restricted from the first year", "councils restricted from the first year"))
		}
		msg := fmt.Sprintf("The headline uses Callaway and Sant'Anna's estimator on %s (%s never restricted), which compares each cohort of councils only with councils not yet or never restricted, so it stays unbiased when councils restricted in different years and the effect differs by cohort or grows with time.",
			plural(s.Councils, "council", "councils"), formatNumber(float64(s.NeverRestricted), 0))
		if len(set) > 0 {
			msg += " Left out: " + joinAnd(set) + "."
		}
		out = append(out, msg)
	}
	if b := e.Bacon; b != nil {
		var forbidden effect.BaconType
		for _, t := range b.ByType {
			if t.Type == effect.BaconLaterVsEarlier {
				forbidden = t
			}
		}
		msg := fmt.Sprintf("The two-way fixed-effects estimate on the %s surveyed every year (%s) is a weighted average of simple before-and-after comparisons (Goodman-Bacon decomposition)",
			plural(b.Councils, "council", "councils"), formatPoints(b.TWFE))
		if forbidden.Weight > 0 {
			msg += fmt.Sprintf(": %s of its weight is on comparisons that use already-restricted councils as controls, which average %s; where the effect grows over time those comparisons pull the estimate toward zero.",
				formatPercent(forbidden.Weight, 0), formatPoints(forbidden.Estimate))
		} else {
			msg += "; none of it uses already-restricted councils as controls."
		}
		out = append(out, msg)
	}
	if pt := e.Pretrend; pt != nil {
		verdict := "finds no evidence that restricting councils were already on a different path"
		if pt.P < 0.05 {
			verdict = "finds that restricting councils were already on a different path: read the estimate with care"
		}
		out = append(out, fmt.Sprintf("A joint test of the %s before restriction %s (Wald χ²(%d) = %s, %s). A pass is weak evidence on its own: the test would catch a steady drift of %s points a year only 80%% of the time.",
			plural(pt.DF, "one-year change", "one-year changes"), verdict, pt.DF, formatNumber(pt.Wald, 2), formatP(pt.P), formatNumber(pt.Slope80Power, 3)))
	}
	if sv := e.Sensitivity; sv != nil {
		if sv.BreakdownM > 0 {
			out = append(out, fmt.Sprintf("The effect in the year of restriction stays significant unless the departure from parallel trends after restriction is more than %s times the largest year-to-year departure before it (relative-magnitudes sensitivity, Rambachan and Roth).",
				formatNumber(sv.BreakdownM, 1)))
		} else {
			out = append(out, "The effect in the year of restriction is not significant even if trends were exactly parallel, so no sensitivity margin is reported.")
		}
	}
	if im := e.Imputation; im != nil && im.Agreement != nil {
		word := "agrees with it"
		if !im.Agreement.Agree {
			word = "does not agree with it: the stronger parallel-trends assumption it needs may fail"
		}
		out = append(out, fmt.Sprintf("The imputation estimator (Borusyak, Jaravel and Spiess), a cross-check on the same councils, gives %s (95%% CI %s to %s) and %s.",
			formatPoints(im.Overall.Estimate), formatPoints(im.Overall.CILow), formatPoints(im.Overall.CIHigh), word))
	}
	if rv := e.Reversal; rv != nil {
		out = append(out, fmt.Sprintf("%s lifted a restriction; against councils that stayed restricted, lifting changed satisfaction by %s points (95%% CI %s to %s).",
			capitalise(plural(rv.Councils, "council", "councils")), formatPoints(rv.Estimate), formatPoints(rv.CILow), formatPoints(rv.CIHigh)))
	}
	if wb := e.WildBootstrap; wb != nil {
		out = append(out, fmt.Sprintf("Only %s restricted BYOD, too few for clustered standard errors to be trusted: a wild cluster bootstrap (Webb weights, %s replications) gives %s and a 95%% interval of %s to %s for the two-way fixed-effects estimate.",
			plural(wb.TreatedClusters, "council", "councils"), formatNumber(float64(wb.Replications), 0), formatP(wb.P), formatPoints(wb.CILow), formatPoints(wb.CIHigh)))
	}
	return out
}

func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	out := parts[0]
	for _, p := range parts[1 : len(parts)-1] {
		out += ", " + p
	}
	return out + " and " + parts[len(parts)-1]
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}

// robustRows are the effect table's rows for the staggered-timing estimators.
func robustRows(e *effect.Result) []effectRow {
	row := func(label string, iv effect.Interval) effectRow {
		return effectRow{Label: label, Estimate: formatPoints(iv.Estimate), CILow: formatPoints(iv.CILow), CIHigh: formatPoints(iv.CIHigh),
			SE: formatNumber(iv.StdError, 3), P: formatP(zP(iv.Estimate, iv.StdError))}
	}
	var rows []effectRow
	if s := e.Staggered; s != nil {
		rows = append(rows, row("Callaway–Sant'Anna, staggered adoption (headline), council-clustered", s.Overall))
	}
	if im := e.Imputation; im != nil {
		rows = append(rows, row("Imputation (Borusyak–Jaravel–Spiess), cross-check", im.Overall))
	}
	if rv := e.Reversal; rv != nil {
		rows = append(rows, row("Lifting a restriction (switchers out against stayers)", rv.Interval))
	}
	if wb := e.WildBootstrap; wb != nil {
		rows = append(rows, effectRow{Label: fmt.Sprintf("Wild cluster bootstrap of the fixed-effects estimate, Webb weights, %s replications", formatNumber(float64(wb.Replications), 0)),
			Estimate: formatPoints(e.Estimate), CILow: formatPoints(wb.CILow), CIHigh: formatPoints(wb.CIHigh), SE: "–", P: formatP(wb.P)})
	}
	return rows
}
