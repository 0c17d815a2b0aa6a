package chart

// Cumulative discounted net cash flow of each option over the appraisal period (optimism bias
// applied): where a line ends is the option's NPSV, and where it crosses zero it pays back.

import (
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// buildCashflow draws a cash-flow spec.
func buildCashflow(s *Spec) (*figure, error) {
	p := newChart(s)
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
		p.addLegend(Shorten(ser.Name, 60), l, sc)
	}
	zero, err := plotter.NewLine(plotter.XYs{{X: lo, Y: 0}, {X: hi, Y: 0}})
	if err != nil {
		return nil, err
	}
	zero.LineStyle = draw.LineStyle{Color: grey, Width: vg.Points(1)}
	p.Add(zero)
	p.X.Tick.Marker = integerTicks(nil)
	return p, nil
}
