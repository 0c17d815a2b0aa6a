package chart

// The spread of each option's NPSV over the Monte Carlo draws: overlaid histograms on common bins,
// drawn as step lines in distinct colours and dash patterns.

import (
	"gonum.org/v1/plot/plotter"
)

// buildNPSV draws an NPSV spec.
func buildNPSV(s *Spec) (*figure, error) {
	p := newChart(s)
	for i, ser := range s.Series {
		l, err := plotter.NewLine(xys(ser.X, ser.Y))
		if err != nil {
			return nil, err
		}
		l.StepStyle = plotter.MidStep
		l.LineStyle = lineStyle(i)
		p.Add(l)
		p.addLegend(Shorten(ser.Name, 60), l)
	}
	p.Y.Min = 0
	return p, nil
}
