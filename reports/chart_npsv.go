package reports

// The spread of each option's NPSV over the Monte Carlo draws: overlaid histograms on common bins,
// drawn as step lines in distinct colours and dash patterns.

import (
	"fmt"
	"math"
	"slices"

	"github.com/psnbyod/psnbyod/reports/chart"
)

// npsvBins is the number of histogram bins.
const npsvBins = 50

// npsvSpec describes the NPSV distributions of a scenario's options; false without draws.
func npsvSpec(s *ScenarioResult, caption string) (chart.Spec, bool) {
	d := s.Draws
	if d == nil || len(d.NPSV) == 0 || len(d.NPSV[0]) == 0 {
		return chart.Spec{}, false
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, col := range d.NPSV {
		lo, hi = min(lo, slices.Min(col)), max(hi, slices.Max(col))
	}
	if hi == lo {
		hi = lo + 1
	}
	width := (hi - lo) / npsvBins
	spec := chart.Spec{
		Name: "npsv_distribution", Kind: chart.NPSV,
		Title:   "Spread of net present social value by option",
		XLabel:  "NPSV, optimism bias applied (£, " + baseYearPrices(s) + ")",
		YLabel:  "Share of draws (%)",
		Caption: caption,
		XTicks:  chart.TickMoney,
		YTicks:  chart.TickPercent,
		Notes:   []string{fmt.Sprintf("Histogram of %s Monte Carlo draws per option, in bins of %s.", formatNumber(float64(len(d.NPSV[0])), 0), FormatMoney(width))},
	}
	for i, col := range d.NPSV {
		counts := make([]float64, npsvBins)
		for _, v := range col {
			b := int((v - lo) / width)
			b = min(max(b, 0), npsvBins-1)
			counts[b]++
		}
		ser := chart.Series{Name: optionLabel(s, d.Options[i]), Role: "histogram"}
		for b, c := range counts {
			ser.X = append(ser.X, lo+(float64(b)+0.5)*width)
			ser.Y = append(ser.Y, 100*c/float64(len(col)))
		}
		spec.Series = append(spec.Series, ser)
	}
	return spec, true
}

// optionLabel names an option for a chart: its short name.
func optionLabel(s *ScenarioResult, name string) string {
	for _, o := range s.Result.Options {
		if o.Name == name && o.Label != "" {
			return chart.Shorten(o.Label, 60)
		}
	}
	return name
}

// baseYearPrices says in what prices a scenario's money is.
func baseYearPrices(s *ScenarioResult) string {
	return fmt.Sprintf("%d prices", s.Result.BaseYear)
}
