package reports

// The findings in words. Like benchstat, the words follow the interval: an interval that includes
// zero is "no evidence of a difference", never a direction.

import (
	"fmt"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/analysis/effect"
)

// effectSentence states the restriction effect, its 95% interval and p-value in words.
func effectSentence(e *effect.Result) string {
	if e.Staggered != nil {
		return staggeredSentence(e)
	}
	ci := func(lo, hi float64) string {
		return fmt.Sprintf("95%% CI %s to %s; %s", formatPoints(lo), formatPoints(hi), formatP(e.PValue))
	}
	switch {
	case e.CIHigh < 0:
		return fmt.Sprintf("Restricting BYOD lowered staff satisfaction with ICT by %s points on the 1–7 scale (%s).",
			formatPoints(-e.Estimate), ci(-e.CIHigh, -e.CILow))
	case e.CILow > 0:
		return fmt.Sprintf("Restricting BYOD raised staff satisfaction with ICT by %s points on the 1–7 scale (%s).",
			formatPoints(e.Estimate), ci(e.CILow, e.CIHigh))
	}
	return fmt.Sprintf("There is no evidence of a difference in staff satisfaction with ICT between restricted and unrestricted BYOD: "+
		"the estimate is %s points on the 1–7 scale (%s).", formatPoints(e.Estimate), ci(e.CILow, e.CIHigh))
}

// effectMeaning says what the effect means for a reader: its size against the sector's mean, the
// bootstrap check, and what the data rest on.
func effectMeaning(e *effect.Result, sectorMean float64) []string {
	var out []string
	if sectorMean > 0 && (e.CIHigh < 0 || e.CILow > 0) {
		out = append(out, fmt.Sprintf("Against a sector mean of %s points, that is a change of about %s in a typical organisation's score.",
			formatPoints(sectorMean), formatPercent(abs(e.Estimate)/sectorMean, 0)))
	}
	if b := e.Bootstrap; b.CILow != nil && b.CIHigh != nil {
		out = append(out, fmt.Sprintf("A cluster bootstrap (%s replications, organisations resampled) gives a 95%% interval of %s to %s points.",
			formatNumber(float64(b.Replications), 0), formatPoints(*b.CILow), formatPoints(*b.CIHigh)))
	}
	out = append(out, fmt.Sprintf("The estimate compares each organisation with itself before and after restricting (two-way fixed effects), "+
		"over %s org-years of %s, %s of which restricted BYOD at some point.",
		formatNumber(float64(e.Observations), 0), plural(e.Clusters, "organisation", "organisations"), formatNumber(float64(e.TreatedClusters), 0)))
	if e.Pretrend == nil {
		if s := preTrendSentence(e); s != "" {
			out = append(out, s)
		}
	}
	return append(out, robustMeaning(e)...)
}

// preTrendSentence judges the leads of the event study.
func preTrendSentence(e *effect.Result) string {
	var leads, off []string
	for _, ev := range e.EventStudy {
		if ev.Reference || ev.RelativeYear >= 0 {
			continue
		}
		leads = append(leads, formatNumber(float64(ev.RelativeYear), 0))
		if ev.CILow > 0 || ev.CIHigh < 0 {
			off = append(off, formatNumber(float64(ev.RelativeYear), 0))
		}
	}
	switch {
	case len(leads) == 0:
		return ""
	case len(off) == 0:
		return "Before restricting, restricted organisations moved in step with the others (no year before restriction differs from zero at the 5% level), which supports the comparison."
	}
	return fmt.Sprintf("Restricted organisations already differed before restricting (year %s differs from zero at the 5%% level): read the estimate with care.",
		strings.Join(off, ", "))
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// preferredReasons gives the reasons for the preferred option, from the result alone.
func preferredReasons(r *costmodel.Result) []string {
	pref := optionIndex(r, r.Preferred)
	if pref < 0 {
		return nil
	}
	p := &r.Options[pref]
	var out []string
	// The reasons follow the model's decision: expected NPSV (the Monte Carlo mean), the runner-up
	// and the paired difference it computed, never a re-ranking on the most likely values.
	out = append(out, fmt.Sprintf("It has the highest expected net present social value, optimism bias applied: %s (standard error %s).",
		FormatMoney(p.ExpectedNPSV.Mean), FormatMoney(p.ExpectedNPSV.SE)))
	if second := optionIndex(r, r.RunnerUp); second >= 0 && r.RunnerUpDifference != nil {
		o := &r.Options[second]
		out = append(out, fmt.Sprintf("It is %s ahead of the next best option, %s (%s), standard error %s on the same draws.",
			FormatMoney(r.RunnerUpDifference.Mean), optionName(o), FormatMoney(o.ExpectedNPSV.Mean), FormatMoney(r.RunnerUpDifference.SE)))
		bestWithout := 0
		for i := range r.Options {
			if r.Options[i].ExpectedNPSVWithoutOB.Mean > r.Options[bestWithout].ExpectedNPSVWithoutOB.Mean {
				bestWithout = i
			}
		}
		if bestWithout == pref {
			out = append(out, "It stays the best option without optimism bias.")
		} else {
			out = append(out, fmt.Sprintf("Without optimism bias %s would come first: the ranking depends on the uplift on costs.", optionName(&r.Options[bestWithout])))
		}
	}
	out = append(out, fmt.Sprintf("It had the highest NPSV in %s of the %s Monte Carlo draws, and a positive NPSV in %s.",
		formatPercent(p.ProbBest, 1), formatNumber(float64(r.Iterations), 0), formatPercent(p.ProbPositive, 1)))
	var switches []string
	for _, sv := range r.SwitchingValues {
		label, value := inputInProse(r, sv.Input)
		for _, sw := range sv.Switches {
			switches = append(switches, fmt.Sprintf("%s at %s (base %s)", lowerFirst(label), value(sw.Value), value(sv.Base)))
		}
	}
	if len(switches) == 0 {
		out = append(out, "No single input, moved across its range with the others at base values, changes the preferred option.")
	} else {
		out = append(out, "The preferred option changes if "+strings.Join(switches, "; ")+": these are the figures to check first.")
	}
	return out
}

// optionIndex finds an option by name, or −1.
func optionIndex(r *costmodel.Result, name string) int {
	for i := range r.Options {
		if r.Options[i].Name == name {
			return i
		}
	}
	return -1
}

// optionName is an option's label, or its name.
func optionName(o *costmodel.OptionResult) string {
	if o.Label != "" {
		return o.Label
	}
	return o.Name
}
