package chart

// One organisation's KPI against its nearest statistical neighbours (benchmark.NeighbourSet), as a
// dot plot: dots read true on a 1–7 scale, where bars from zero would not.

import (
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// buildNeighbours draws a neighbours spec: rows from the top, the organisation first.
func buildNeighbours(s *Spec) (*figure, error) {
	p := newChart(s)
	self, nb := s.ByRole("organisation"), s.ByRole("neighbours")
	rows := len(self.Labels) + len(nb.Labels)
	labels := make([]string, rows)
	// NominalY puts index 0 at the bottom: row i from the top is index rows−1−i.
	for i, l := range append(append([]string{}, self.Labels...), nb.Labels...) {
		labels[rows-1-i] = l
	}
	p.NominalY(labels...)
	p.Y.Tick.Label.Font = sans(8)
	var lo, hi float64 = 0, 0
	first := true
	for j, ser := range []*Series{nb, self} {
		var pts plotter.XYs
		for i := range ser.X {
			if ser.Y[i] < 0 {
				continue
			}
			pts = append(pts, plotter.XY{X: ser.X[i], Y: float64(rows-1) - ser.Y[i]})
			if first {
				lo, hi, first = ser.X[i], ser.X[i], false
			}
			lo, hi = min(lo, ser.X[i]), max(hi, ser.X[i])
		}
		if len(pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		if j == 0 {
			sc.GlyphStyle = draw.GlyphStyle{Color: seriesColor(0), Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
		} else {
			sc.GlyphStyle = draw.GlyphStyle{Color: seriesColor(1), Radius: vg.Points(5), Shape: draw.TriangleGlyph{}}
		}
		p.Add(sc)
	}
	if m := s.ByRole("mean"); m != nil {
		l, err := plotter.NewLine(plotter.XYs{{X: m.X[0], Y: -0.5}, {X: m.X[0], Y: float64(rows) - 0.5}})
		if err != nil {
			return nil, err
		}
		l.LineStyle = draw.LineStyle{Color: black, Width: vg.Points(1), Dashes: seriesDashes(1)}
		p.Add(l)
	}
	if !first {
		pad := (hi - lo) * 0.1
		if pad == 0 {
			pad = 0.5
		}
		p.X.Min, p.X.Max = lo-pad, hi+pad
	}
	return p, nil
}
