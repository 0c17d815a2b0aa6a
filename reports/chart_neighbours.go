package reports

// One organisation's KPI against its nearest statistical neighbours (benchmark.NeighbourSet), as a
// dot plot: dots read true on a 1–7 scale, where bars from zero would not.

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/study"
)

func init() { chartBuilders["neighbours"] = buildNeighbours }

// neighboursSpec describes org's kpi in year against its neighbours, nearest first. Rows are listed
// top to bottom: the organisation, then its neighbours by rank. A row without a value, or whose value
// is withheld, keeps its place with no dot, and its label says why. False when the organisation has
// no neighbours.
func neighboursSpec(r *study.Result, names map[string]string, org, kpi string, year int32, minGroup int, caption string) (ChartSpec, bool) {
	if r.Neighbours == nil {
		return ChartSpec{}, false
	}
	var codes []string
	for _, n := range r.Neighbours.Rows {
		if n.OrgCode == org {
			codes = append(codes, n.NeighbourCode)
		}
	}
	if len(codes) == 0 {
		return ChartSpec{}, false
	}
	byCode := map[string]*benchmark.KPI{}
	for i := range r.KPIs {
		if r.KPIs[i].Year == year {
			byCode[r.KPIs[i].OrgCode] = &r.KPIs[i]
		}
	}
	unit := kpiUnit(kpi)
	s := ChartSpec{
		Name: "neighbours_" + safeFileStem(org) + "_" + kpi, Kind: "neighbours",
		Title:   fmt.Sprintf("%s and its %d nearest neighbours, %d", shorten(names[org], 48), len(codes), year),
		XLabel:  axisLabel(kpiTitle(kpi), unit),
		YLabel:  "",
		Caption: caption,
		XTicks:  tickKind(unit),
	}
	value := func(code string) (float64, string) {
		k := byCode[code]
		if k == nil {
			return 0, "no data"
		}
		v := kpiValue(k, kpi)
		switch {
		case !v.Valid:
			return 0, "no data"
		case withheld(k, kpi, minGroup):
			return 0, Suppressed
		}
		return scaleForChart(unit, v.Value), ""
	}
	self := SeriesSpec{Name: names[org], Role: "organisation"}
	nb := SeriesSpec{Name: "nearest neighbours", Role: "neighbours"}
	var sum float64
	var n int
	for i, code := range append([]string{org}, codes...) {
		label := shorten(names[code], 34)
		if i > 0 {
			label = fmt.Sprintf("%d. %s", i, label)
		}
		v, why := value(code)
		ser := &nb
		if i == 0 {
			ser = &self
		}
		if why != "" {
			ser.Labels = append(ser.Labels, label+" "+why)
			ser.X, ser.Y = append(ser.X, 0), append(ser.Y, -1) // Y −1: no dot
			continue
		}
		ser.Labels = append(ser.Labels, label)
		ser.X, ser.Y = append(ser.X, v), append(ser.Y, float64(i))
		if i > 0 {
			sum += v
			n++
		}
	}
	s.Series = []SeriesSpec{self, nb}
	if n > 0 {
		mean := sum / float64(n)
		s.Series = append(s.Series, SeriesSpec{Name: fmt.Sprintf("neighbours' mean (%s)", formatKPI(kpi, unscale(unit, mean))), Role: "mean", X: []float64{mean}})
	}
	s.Notes = append(s.Notes, fmt.Sprintf("Triangle: %s; dots: its nearest neighbours, nearest first.", names[org]))
	if n > 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("Dashed line: the neighbours' mean (%s).", formatKPI(kpi, unscale(unit, sum/float64(n)))))
	}
	if self.Y[0] < 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("%s has no value shown for %d.", names[org], year))
	}
	return s, true
}

// unscale undoes scaleForChart.
func unscale(unit string, v float64) float64 {
	if unit == unitShare {
		return v / 100
	}
	return v
}

// buildNeighbours draws a neighbours spec: rows from the top, the organisation first.
func buildNeighbours(s *ChartSpec) (*plot.Plot, error) {
	p := newPlot(s)
	self, nb := s.series("organisation"), s.series("neighbours")
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
	for j, ser := range []*SeriesSpec{nb, self} {
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
	if m := s.series("mean"); m != nil {
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
