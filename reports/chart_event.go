package reports

// The event study: the effect of restriction by year relative to each organisation's first
// restricted year, with 95% intervals, against the reference year −1. Flat estimates before year 0
// support the parallel-trends assumption behind the difference-in-differences.

import (
	"github.com/psnbyod/psnbyod/analysis/effect"
	"github.com/psnbyod/psnbyod/reports/chart"
)

// eventSpec describes the event study of an effect; false when it has no estimates.
func eventSpec(e *effect.Result, caption string) (chart.Spec, bool) {
	if e != nil && e.Staggered != nil {
		if s, ok := staggeredEventSpec(e, caption); ok {
			return s, true
		}
	}
	if e == nil || len(e.EventStudy) == 0 {
		return chart.Spec{}, false
	}
	s := chart.Spec{
		Name: "event_study", Kind: chart.Event,
		Title:   "Effect of restricting BYOD by year since restriction",
		XLabel:  "Years since the organisation first restricted BYOD (−1 = reference year)",
		YLabel:  "Difference in satisfaction (scale points)",
		Caption: caption,
		Notes:   []string{"Bars are 95% confidence intervals (organisation-clustered errors); year −1 is fixed at zero."},
	}
	est := chart.Series{Name: "estimate with 95% interval", Role: "estimate"}
	ref := chart.Series{Name: "reference year", Role: "reference"}
	for _, ev := range e.EventStudy {
		label := formatNumber(float64(ev.RelativeYear), 0)
		if ev.OpenEnded {
			if ev.RelativeYear < 0 {
				label = "≤" + label
			} else {
				label = "≥" + label
			}
		}
		x := float64(ev.RelativeYear)
		if ev.Reference {
			ref.X, ref.Y, ref.Labels = append(ref.X, x), append(ref.Y, 0), append(ref.Labels, label)
			continue
		}
		est.X, est.Y, est.Labels = append(est.X, x), append(est.Y, ev.Estimate), append(est.Labels, label)
		est.Low, est.High = append(est.Low, ev.CILow), append(est.High, ev.CIHigh)
	}
	s.Series = []chart.Series{est, ref}
	return s, true
}
