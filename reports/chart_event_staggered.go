package reports

// The event study of the staggered-adoption estimator: Callaway and Sant'Anna's effects by years since
// a cohort first restricted, with pointwise 95% intervals and the simultaneous 95% band over all event
// times (the band is what licenses reading the whole curve at once). Before year 0 each point is a
// one-year placebo change, so flat points near zero support parallel trends.

import (
	"fmt"

	"github.com/psnbyod/psnbyod/analysis/effect"
	"github.com/psnbyod/psnbyod/reports/chart"
)

// staggeredEventSpec describes the Callaway–Sant'Anna event study; false without event times.
func staggeredEventSpec(e *effect.Result, caption string) (chart.Spec, bool) {
	s := e.Staggered
	if s == nil || len(s.ByEventTime) == 0 {
		return chart.Spec{}, false
	}
	spec := chart.Spec{
		Name: "event_study", Kind: chart.Event,
		Title:   "Effect of restricting BYOD by year since restriction",
		XLabel:  "Years since first restricted (before 0: one-year placebo changes)",
		YLabel:  "Difference in satisfaction (scale points)",
		Caption: caption,
		Notes: []string{fmt.Sprintf("Callaway–Sant'Anna estimates; bars are pointwise 95%% intervals (council-clustered), the grey band "+
			"a simultaneous 95%% band over all years (multiplier bootstrap, %s draws, critical value %s).",
			formatNumber(float64(s.BandDraws), 0), formatNumber(s.BandCritical, 2))},
	}
	est := chart.Series{Name: "estimate with 95% interval", Role: "estimate"}
	band := chart.Series{Name: "simultaneous 95% band", Role: "band"}
	for _, ev := range s.ByEventTime {
		x := float64(ev.E)
		label := formatNumber(x, 0)
		est.X, est.Y, est.Labels = append(est.X, x), append(est.Y, ev.Estimate), append(est.Labels, label)
		est.Low, est.High = append(est.Low, ev.CILow), append(est.High, ev.CIHigh)
		band.X, band.Labels = append(band.X, x), append(band.Labels, label)
		band.Low, band.High = append(band.Low, ev.BandLow), append(band.High, ev.BandHigh)
	}
	spec.Series = []chart.Series{est, {Name: "reference year", Role: "reference"}, band}
	return spec, true
}
