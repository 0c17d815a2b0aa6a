package chart

// The tornado chart: how far one option's incremental NPSV moves when each uncertain input goes to
// its P10 and to its P90, the others at base values (costmodel.Tornado). gonum/plot has no tornado:
// it is two horizontal bar charts of the changes from the base, the largest swing at the top.

import (
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// buildTornado draws a tornado spec.
func buildTornado(s *Spec) (*figure, error) {
	p := newChart(s)
	low, high := s.ByRole("low"), s.ByRole("high")
	n := len(low.X)
	if n == 0 {
		return nil, plotter.ErrNoData
	}
	// NominalY puts index 0 at the bottom; the largest swing (first bar) goes on top.
	rev := func(v []float64) plotter.Values {
		out := make(plotter.Values, n)
		for i := range v {
			out[n-1-i] = v[i]
		}
		return out
	}
	labels := make([]string, n)
	for i, l := range low.Labels {
		labels[n-1-i] = l
	}
	const w = 7
	for j, ser := range []*Series{low, high} {
		bc, err := plotter.NewBarChart(rev(ser.X), vg.Points(w))
		if err != nil {
			return nil, err
		}
		bc.Horizontal = true
		bc.Color = seriesColor(j * 3) // blue and orange: apart in hue and in grey
		bc.LineStyle = draw.LineStyle{Color: black, Width: vg.Points(0.5)}
		bc.Offset = vg.Points(w) * vg.Length(2*j-1) / 2
		p.Add(bc)
		p.addLegend(ser.Name, bc)
	}
	p.NominalY(labels...)
	p.Y.Tick.Label.Font = sans(8)
	// The inputs' labels take up to half the width: at most six short money labels (£400k, £1.5m)
	// fit under the bars.
	p.X.Tick.Marker = Ticks{Unit: s.XTicks, Max: 6, Short: true}
	zero, err := plotter.NewLine(plotter.XYs{{X: 0, Y: -0.5}, {X: 0, Y: float64(n) - 0.5}})
	if err != nil {
		return nil, err
	}
	zero.LineStyle = draw.LineStyle{Color: black, Width: vg.Points(1)}
	p.Add(zero)
	return p, nil
}
