package chart

// Box plots of one KPI across the organisations of each peer group in one year, with one
// organisation marked, so a council sees where it sits in its own kind of authority.

import (
	"strings"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// buildBox draws a box spec.
func buildBox(s *Spec) (*figure, error) {
	p := newChart(s)
	box := s.ByRole("box")
	if box == nil || len(box.Groups) == 0 {
		return nil, plotter.ErrNoData
	}
	for i, vals := range box.Groups {
		b, err := plotter.NewBoxPlot(vg.Points(28), float64(i), plotter.Values(vals))
		if err != nil {
			return nil, err
		}
		b.FillColor = faded(seriesColor(0), 0x40)
		b.BoxStyle.Color = black
		b.MedianStyle.Width = vg.Points(2)
		b.GlyphStyle.Shape = draw.CircleGlyph{}
		b.GlyphStyle.Radius = vg.Points(1.5)
		b.GlyphStyle.Color = grey
		p.Add(b)
	}
	labels := make([]string, len(box.Labels))
	for i, l := range box.Labels {
		labels[i] = strings.ReplaceAll(l, " ", "\n")
	}
	p.NominalX(labels...)
	p.X.Tick.Label.Font = sans(8)
	if hl := s.ByRole("highlight"); hl != nil {
		sc, err := plotter.NewScatter(plotter.XYs{{X: hl.X[0], Y: hl.Y[0]}})
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: seriesColor(1), Radius: vg.Points(5), Shape: draw.TriangleGlyph{}}
		p.Add(sc)
		p.addLegend(hl.Name, sc)
	}
	return p, nil
}
