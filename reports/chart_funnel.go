package reports

// The funnel plot: each organisation's satisfaction against its number of respondents, with the
// sector value and the 95% and 99.8% control limits (benchmark.Funnel), so a reader sees which
// differences are beyond chance. Points resting on fewer respondents than the disclosure threshold
// are not drawn.

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/study"
)

func init() { chartBuilders["funnel"] = buildFunnel }

// funnelSpec describes the funnel of kpi in year. It returns false when the study has no such funnel.
func funnelSpec(r *study.Result, names map[string]string, kpi string, year int32, highlight string, minGroup int, caption string) (ChartSpec, bool) {
	var f *benchmark.Funnel
	for i := range r.Funnels {
		if r.Funnels[i].KPI == kpi && r.Funnels[i].Year == year {
			f = &r.Funnels[i]
		}
	}
	if f == nil {
		return ChartSpec{}, false
	}
	unit := kpiUnit(kpi)
	s := ChartSpec{
		Name: "funnel_" + kpi, Kind: "funnel",
		Title:   fmt.Sprintf("%s against respondents, %d", kpiTitle(kpi), year),
		XLabel:  "Respondents (number of staff answering)",
		YLabel:  axisLabel(kpiTitle(kpi), unit),
		Caption: caption,
		YTicks:  tickKind(unit),
	}
	within := SeriesSpec{Name: "within 99.8% limits", Role: "points"}
	outside := SeriesSpec{Name: "outside 99.8% limits", Role: "outliers"}
	var hl *SeriesSpec
	left := 0
	nMin, nMax := math.Inf(1), math.Inf(-1)
	for _, pt := range r.FunnelPoints {
		if pt.KPI != kpi || pt.Year != year {
			continue
		}
		if pt.Respondents < int64(minGroup) {
			left++
			continue
		}
		n, v := float64(pt.Respondents), scaleForChart(unit, pt.Value)
		nMin, nMax = min(nMin, n), max(nMax, n)
		ser := &within
		if pt.Flag998 != "within" {
			ser = &outside
		}
		ser.X, ser.Y, ser.Labels = append(ser.X, n), append(ser.Y, v), append(ser.Labels, pt.OrgCode)
		if pt.OrgCode == highlight {
			hl = &SeriesSpec{Name: names[pt.OrgCode], Role: "highlight", X: []float64{n}, Y: []float64{v}}
		}
	}
	if math.IsInf(nMin, 0) {
		return ChartSpec{}, false
	}
	s.Series = append(s.Series, within, outside)
	target := SeriesSpec{Name: fmt.Sprintf("sector value (%s)", formatKPI(kpi, f.Target)), Role: "target",
		X: []float64{nMin, nMax}, Y: []float64{scaleForChart(unit, f.Target), scaleForChart(unit, f.Target)}}
	l95 := SeriesSpec{Name: "95% limits", Role: "limit95"}
	l998 := SeriesSpec{Name: "99.8% limits", Role: "limit998"}
	const steps = 40
	for i := 0; i <= steps; i++ {
		// Log-spaced, so the curve is smooth where it bends (small n).
		n := nMin * math.Pow(nMax/nMin, float64(i)/steps)
		lo, hi := f.Limits(n, benchmark.Z95)
		l95.X, l95.Low, l95.High = append(l95.X, n), append(l95.Low, scaleForChart(unit, lo)), append(l95.High, scaleForChart(unit, hi))
		lo, hi = f.Limits(n, benchmark.Z998)
		l998.X, l998.Low, l998.High = append(l998.X, n), append(l998.Low, scaleForChart(unit, lo)), append(l998.High, scaleForChart(unit, hi))
	}
	s.Series = append(s.Series, target, l95, l998)
	if hl != nil {
		s.Series = append(s.Series, *hl)
	}
	if left > 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("%s with fewer than %d respondents not shown (%s).", plural(left, "organisation", "organisations"), minGroup, Suppressed))
	}
	return s, true
}

// buildFunnel draws a funnel spec.
func buildFunnel(s *ChartSpec) (*plot.Plot, error) {
	p := newPlot(s)
	legendEntries := 0
	for i, role := range []string{"points", "outliers"} {
		ser := s.series(role)
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
		p.Legend.Add(ser.Name, sc)
		legendEntries++
	}
	if t := s.series("target"); t != nil {
		l, err := plotter.NewLine(xys(t.X, t.Y))
		if err != nil {
			return nil, err
		}
		l.LineStyle = draw.LineStyle{Color: black, Width: vg.Points(1.2)}
		p.Add(l)
		p.Legend.Add(t.Name, l)
		legendEntries++
	}
	for i, role := range []string{"limit95", "limit998"} {
		ser := s.series(role)
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
				p.Legend.Add(ser.Name, l)
				legendEntries++
			}
		}
	}
	if hl := s.series("highlight"); hl != nil {
		sc, err := plotter.NewScatter(xys(hl.X, hl.Y))
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: seriesColor(1), Radius: vg.Points(5), Shape: draw.TriangleGlyph{}}
		p.Add(sc)
		p.Legend.Add(shorten(hl.Name, 50), sc)
		legendEntries++
	}
	legendRoom(p, legendEntries)
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
