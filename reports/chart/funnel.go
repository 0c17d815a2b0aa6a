package chart

// The funnel plot: each organisation's satisfaction against its number of respondents, with the
// sector value and the 95% and 99.8% control limits (benchmark.Funnel), so a reader sees which
// differences are beyond chance. Points resting on fewer respondents than the disclosure threshold
// are not drawn.

import (
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// buildFunnel draws a funnel spec.
func buildFunnel(s *Spec) (*figure, error) {
	p := newChart(s)
	legendEntries := 0
	for i, role := range []string{"points", "outliers"} {
		ser := s.ByRole(role)
		if ser == nil || len(ser.X) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(xys(ser.X, ser.Y))
		if err != nil {
			return nil, err
		}
		if i == 0 {
			sc.GlyphStyle = draw.GlyphStyle{Color: grey, Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
		} else {
			sc.GlyphStyle = draw.GlyphStyle{Color: seriesColor(0), Radius: vg.Points(2.5), Shape: draw.SquareGlyph{}}
		}
		p.Add(sc)
		p.addLegend(ser.Name, sc)
		legendEntries++
	}
	if t := s.ByRole("target"); t != nil {
		l, err := plotter.NewLine(xys(t.X, t.Y))
		if err != nil {
			return nil, err
		}
		l.LineStyle = draw.LineStyle{Color: black, Width: vg.Points(1.2)}
		p.Add(l)
		p.addLegend(t.Name, l)
		legendEntries++
	}
	for i, role := range []string{"limit95", "limit998"} {
		ser := s.ByRole(role)
		if ser == nil {
			continue
		}
		sty := draw.LineStyle{Color: seriesColor(1 + i), Width: vg.Points(1.2), Dashes: seriesDashes(1 + i)}
		for j, ys := range [][]float64{ser.Low, ser.High} {
			l, err := plotter.NewLine(xys(ser.X, ys))
			if err != nil {
				return nil, err
			}
			l.LineStyle = sty
			p.Add(l)
			if j == 0 {
				p.addLegend(ser.Name, l)
				legendEntries++
			}
		}
	}
	if hl := s.ByRole("highlight"); hl != nil {
		sc, err := plotter.NewScatter(xys(hl.X, hl.Y))
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: seriesColor(1), Radius: vg.Points(5), Shape: draw.TriangleGlyph{}}
		p.Add(sc)
		p.addLegend(Shorten(hl.Name, 50), sc)
		legendEntries++
	}
	return p, nil
}

// xys pairs two slices as points.
func xys(x, y []float64) plotter.XYs {
	pts := make(plotter.XYs, len(x))
	for i := range x {
		pts[i].X, pts[i].Y = x[i], y[i]
	}
	return pts
}
