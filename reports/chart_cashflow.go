package reports

// Cumulative discounted net cash flow of each option over the appraisal period (optimism bias
// applied): where a line ends is the option's NPSV, and where it crosses zero it pays back.

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

func init() { chartBuilders["cashflow"] = buildCashflow }

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
func cashflowSpec(s *ScenarioResult, caption string) ChartSpec {
	r := s.Result
	spec := ChartSpec{
		Name: "cumulative_cash_flow", Kind: "cashflow",
		Title:   "Cumulative discounted net cash flow by option",
		XLabel:  "Year",
		YLabel:  fmt.Sprintf("Cumulative net present value (£, %d prices)", r.BaseYear),
		Caption: caption,
		YTicks:  "money",
		Notes:   []string{"Optimism bias applied to costs; the end of each line is the option's NPSV."},
	}
	for _, o := range r.Options {
		ser := SeriesSpec{Name: optionLabel(s, o.Name), Role: "option"}
		for t, v := range cumulativePV(o.Deterministic.Costs, o.Deterministic.Benefits, r.DiscountFactors) {
			ser.X, ser.Y = append(ser.X, float64(r.BaseYear+t)), append(ser.Y, v)
		}
		spec.Series = append(spec.Series, ser)
	}
	return spec
}

// buildCashflow draws a cash-flow spec.
func buildCashflow(s *ChartSpec) (*plot.Plot, error) {
	p := newPlot(s)
	var lo, hi float64
	for i, ser := range s.Series {
		if len(ser.X) == 0 {
			continue
		}
		if i == 0 {
			lo, hi = ser.X[0], ser.X[len(ser.X)-1]
		}
		l, sc, err := plotter.NewLinePoints(xys(ser.X, ser.Y))
		if err != nil {
			return nil, err
		}
		l.LineStyle = lineStyle(i)
		sc.GlyphStyle = glyphStyle(i)
		p.Add(l, sc)
		p.Legend.Add(shorten(ser.Name, 60), l, sc)
	}
	zero, err := plotter.NewLine(plotter.XYs{{X: lo, Y: 0}, {X: hi, Y: 0}})
	if err != nil {
		return nil, err
	}
	zero.LineStyle = draw.LineStyle{Color: grey, Width: vg.Points(1)}
	p.Add(zero)
	p.X.Tick.Marker = integerTicks(nil)
	p.Legend.Top = false
	p.Legend.Left = true
	return p, nil
}
