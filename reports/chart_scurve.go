package reports

// The distribution charts of issue 12: each option's S-curve (the empirical cumulative distribution
// of its NPSV, costmodel.OptionResult.SCurve) and the convergence of its Monte Carlo mean
// (OptionResult.Convergence), both from summary.json, so they draw the same with or without the
// kept draws.

import (
	"fmt"

	"github.com/psnbyod/psnbyod/reports/chart"
)

// sCurveSpec describes the S-curves of a scenario's options; false when no option has one.
func sCurveSpec(s *ScenarioResult, caption string) (chart.Spec, bool) {
	spec := chart.Spec{
		Name: "s_curve", Kind: chart.SCurve,
		Title:   "S-curves: the chance that each option's NPSV is at or below a value",
		XLabel:  "NPSV, optimism bias applied (£, " + baseYearPrices(s) + ")",
		YLabel:  "Share of draws at or below (%)",
		Caption: caption,
		XTicks:  chart.TickMoney,
		YTicks:  chart.TickPercent,
	}
	for _, o := range s.Result.Options {
		n := len(o.SCurve)
		if n < 2 {
			continue
		}
		ser := chart.Series{Name: optionLabel(s, o.Name), Role: "cdf"}
		for i, q := range o.SCurve {
			ser.X = append(ser.X, q)
			ser.Y = append(ser.Y, 100*float64(i)/float64(n-1))
		}
		spec.Series = append(spec.Series, ser)
	}
	if len(spec.Series) == 0 {
		return chart.Spec{}, false
	}
	spec.Notes = []string{fmt.Sprintf("Each curve passes through the %d quantiles of the option's %s draws, from the lowest (0%%) to the highest (100%%); read the P80 where a curve crosses 80%%.",
		len(spec.Series[0].X), formatNumber(float64(s.Result.Iterations), 0))}
	return spec, true
}

// convergenceSpec describes the convergence of each option's Monte Carlo mean; false when no option
// has a convergence record.
func convergenceSpec(s *ScenarioResult, caption string) (chart.Spec, bool) {
	spec := chart.Spec{
		Name: "convergence", Kind: chart.Convergence,
		Title:   "Convergence of each option's Monte Carlo mean NPSV",
		XLabel:  "Monte Carlo draws (logarithmic scale)",
		YLabel:  "Running mean NPSV (£, " + baseYearPrices(s) + ")",
		Caption: caption,
		XTicks:  chart.TickInteger,
		YTicks:  chart.TickMoney,
		Notes:   []string{"Band: the running mean ± 2 standard errors (the standard deviation of the draws so far over the square root of their number)."},
	}
	for _, o := range s.Result.Options {
		if len(o.Convergence) == 0 {
			continue
		}
		ser := chart.Series{Name: optionLabel(s, o.Name), Role: "running_mean"}
		for _, c := range o.Convergence {
			ser.X = append(ser.X, float64(c.Iterations))
			ser.Y = append(ser.Y, c.Mean)
			ser.Low = append(ser.Low, c.Mean-2*c.SE)
			ser.High = append(ser.High, c.Mean+2*c.SE)
		}
		spec.Series = append(spec.Series, ser)
	}
	if len(spec.Series) == 0 {
		return chart.Spec{}, false
	}
	return spec, true
}
