package chart

// The event study: the effect of restriction by year relative to each organisation's first
// restricted year, with 95% intervals, against the reference year −1. Flat estimates before year 0
// support the parallel-trends assumption behind the difference-in-differences.

import (
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// buildEvent draws an event-study spec.
func buildEvent(s *Spec) (*figure, error) {
	p := newChart(s)
	est, ref := s.ByRole("estimate"), s.ByRole("reference")
	labels := map[int]string{}
	lo, hi := 0.0, 0.0
	for _, ser := range []*Series{est, ref} {
		for i, x := range ser.X {
			labels[int(x)] = ser.Labels[i]
			lo, hi = min(lo, x), max(hi, x)
		}
	}
	zero, err := plotter.NewLine(plotter.XYs{{X: lo - 0.5, Y: 0}, {X: hi + 0.5, Y: 0}})
	if err != nil {
		return nil, err
	}
	zero.LineStyle = draw.LineStyle{Color: grey, Width: vg.Points(1)}
	yLo, yHi := minOf(est.Low, 0), maxOf(est.High, 0)
	band := s.ByRole("band")
	if band != nil {
		yLo, yHi = minOf(band.Low, yLo), maxOf(band.High, yHi)
	}
	start, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: yLo}, {X: -0.5, Y: yHi}})
	if err != nil {
		return nil, err
	}
	start.LineStyle = draw.LineStyle{Color: grey, Width: vg.Points(1), Dashes: seriesDashes(1)}
	if err := addBand(p, band); err != nil {
		return nil, err
	}
	p.Add(zero, start)
	if len(est.X) > 0 {
		pts := xys(est.X, est.Y)
		errs := make(plotter.YErrors, len(est.X))
		for i := range est.X {
			errs[i].Low, errs[i].High = est.Y[i]-est.Low[i], est.High[i]-est.Y[i]
		}
		bars, err := plotter.NewYErrorBars(struct {
			plotter.XYs
			plotter.YErrors
		}{pts, errs})
		if err != nil {
			return nil, err
		}
		bars.LineStyle = draw.LineStyle{Color: seriesColor(0), Width: vg.Points(1.4)}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = glyphStyle(0)
		p.Add(bars, sc)
		p.addLegend(est.Name, sc)
	}
	if len(ref.X) > 0 {
		sc, err := plotter.NewScatter(xys(ref.X, ref.Y))
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: black, Radius: vg.Points(3.5), Shape: draw.RingGlyph{}}
		p.Add(sc)
		p.addLegend(ref.Name, sc)
	}
	p.X.Tick.Marker = integerTicks(labels)
	p.X.Min, p.X.Max = lo-0.5, hi+0.5
	return p, nil
}

func minOf(v []float64, floor float64) float64 {
	for _, x := range v {
		floor = min(floor, x)
	}
	return floor
}

func maxOf(v []float64, ceil float64) float64 {
	for _, x := range v {
		ceil = max(ceil, x)
	}
	return ceil
}

// addBand draws a simultaneous band (a series with role "band") as a light box around each estimate:
// the band is defined at whole years only, so it is not joined across them.
func addBand(p *figure, band *Series) error {
	if band == nil || len(band.X) == 0 {
		return nil
	}
	const half = 0.22
	var first *plotter.Polygon
	for i, x := range band.X {
		poly, err := plotter.NewPolygon(plotter.XYs{
			{X: x - half, Y: band.Low[i]}, {X: x + half, Y: band.Low[i]},
			{X: x + half, Y: band.High[i]}, {X: x - half, Y: band.High[i]},
		})
		if err != nil {
			return err
		}
		poly.Color = lightGrey
		poly.LineStyle.Width = 0
		p.Add(poly)
		if first == nil {
			first = poly
		}
	}
	p.addLegend(band.Name, first)
	return nil
}
