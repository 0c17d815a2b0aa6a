package chart

// The S-curve: each option's empirical cumulative distribution of NPSV over the Monte Carlo draws
// (costmodel.OptionResult.SCurve, the quantiles at 0%, 1%, …, 100%), overlaid, as @RISK and Crystal
// Ball draw it. A reader reads the P80 (the value the NPSV exceeds in 20% of draws, or a cost
// stays within in 80%) off the 80% line, and sees where one option's curve lies right of another's
// (better at every confidence level) or where they cross.

import (
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// buildSCurve draws an S-curve spec: one line per option through its (quantile, percentage)
// points, and light lines at 10%, 50%, 80% and 90%.
func buildSCurve(s *Spec) (*figure, error) {
	p := newChart(s)
	lo, hi, found := 0.0, 0.0, false
	for _, ser := range s.Series {
		for _, x := range ser.X {
			if !found {
				lo, hi, found = x, x, true
			}
			lo, hi = min(lo, x), max(hi, x)
		}
	}
	if !found {
		return nil, plotter.ErrNoData
	}
	for _, level := range []float64{10, 50, 80, 90} {
		l, err := plotter.NewLine(plotter.XYs{{X: lo, Y: level}, {X: hi, Y: level}})
		if err != nil {
			return nil, err
		}
		l.LineStyle = draw.LineStyle{Color: grey, Width: vg.Points(0.6), Dashes: seriesDashes(2)}
		p.Add(l)
	}
	for i, ser := range s.Series {
		if len(ser.X) == 0 {
			continue
		}
		l, err := plotter.NewLine(xys(ser.X, ser.Y))
		if err != nil {
			return nil, err
		}
		l.LineStyle = lineStyle(i)
		p.Add(l)
		p.addLegend(ser.Name, l)
	}
	p.Y.Min, p.Y.Max = 0, 100
	return p, nil
}
