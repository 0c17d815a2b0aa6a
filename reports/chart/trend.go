package chart

// Satisfaction over time, restricted against unrestricted organisations, with 95% interval bands.

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// buildTrend draws a trend spec: a band, a line and markers per group.
func buildTrend(s *Spec) (*figure, error) {
	p := newChart(s)
	for i, g := range s.Series {
		if len(g.X) == 0 {
			continue
		}
		if err := addRibbon(p, &s.Series[i], i); err != nil {
			return nil, err
		}
		l, sc, err := plotter.NewLinePoints(xys(g.X, g.Y))
		if err != nil {
			return nil, err
		}
		l.LineStyle = lineStyle(i)
		sc.GlyphStyle = glyphStyle(i)
		p.Add(l, sc)
		p.addLegend(g.Name, l, sc)
	}
	p.X.Tick.Marker = integerTicks(nil)
	return p, nil
}

// integerTicks labels whole numbers on 1-2-5 steps (years without separators), every one where
// labels name some (an event study's "−3 or earlier").
func integerTicks(labels map[int]string) plot.Ticker {
	if labels != nil {
		return Ticks{Labels: labels, Max: 15}
	}
	return Ticks{Unit: TickYear}
}

// addRibbon shades the interval from a series' Low to its High, joined across its points, in a light
// tint of the i-th series colour; a series of one point has no ribbon.
func addRibbon(p *figure, ser *Series, i int) error {
	if len(ser.X) < 2 {
		return nil
	}
	band := make(plotter.XYs, 0, 2*len(ser.X))
	for j := range ser.X {
		band = append(band, plotter.XY{X: ser.X[j], Y: ser.High[j]})
	}
	for j := len(ser.X) - 1; j >= 0; j-- {
		band = append(band, plotter.XY{X: ser.X[j], Y: ser.Low[j]})
	}
	poly, err := plotter.NewPolygon(band)
	if err != nil {
		return err
	}
	poly.Color = faded(seriesColor(i), 0x38)
	poly.LineStyle.Width = 0
	p.Add(poly)
	return nil
}
