package reports

// Cumulative discounted net cash flow of each option over the appraisal period (optimism bias
// applied): where a line ends is the option's NPSV, and where it crosses zero it pays back.

import (
	"fmt"

	"github.com/psnbyod/psnbyod/reports/chart"
)

// cumulativePV is an option's running total of discounted (benefits − costs), by year index.
func cumulativePV(costs, benefits, df []float64) []float64 {
	out := make([]float64, len(df))
	var sum float64
	for t := range df {
		var c, b float64
		if t < len(costs) {
			c = costs[t]
		}
		if t < len(benefits) {
			b = benefits[t]
		}
		sum += (b - c) * df[t]
		out[t] = sum
	}
	return out
}

// cashflowSpec describes the cumulative discounted cash flows of a scenario's options.
func cashflowSpec(s *ScenarioResult, caption string) chart.Spec {
	r := s.Result
	spec := chart.Spec{
		Name: "cumulative_cash_flow", Kind: chart.Cashflow,
		Title:   "Cumulative discounted net cash flow by option",
		XLabel:  "Year",
		YLabel:  fmt.Sprintf("Cumulative net present value (£, %d prices)", r.BaseYear),
		Caption: caption,
		YTicks:  chart.TickMoney,
		Notes:   []string{"Optimism bias applied to costs; the end of each line is the option's NPSV."},
	}
	for _, o := range r.Options {
		ser := chart.Series{Name: optionLabel(s, o.Name), Role: "option"}
		for t, v := range cumulativePV(o.Deterministic.Costs, o.Deterministic.Benefits, r.DiscountFactors) {
			ser.X, ser.Y = append(ser.X, float64(r.BaseYear+t)), append(ser.Y, v)
		}
		spec.Series = append(spec.Series, ser)
	}
	return spec
}
