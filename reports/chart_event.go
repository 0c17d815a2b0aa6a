package reports

// The event study: the effect of restriction by year relative to each organisation's first
// restricted year, with 95% intervals, against the reference year −1. Flat estimates before year 0
// support the parallel-trends assumption behind the difference-in-differences.

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/psnbyod/psnbyod/analysis/effect"
)

func init() { chartBuilders["event"] = buildEvent }

// eventSpec describes the event study of an effect; false when it has no estimates.
func eventSpec(e *effect.Result, caption string) (ChartSpec, bool) {
	if e == nil || len(e.EventStudy) == 0 {
		return ChartSpec{}, false
	}
	s := ChartSpec{
		Name: "event_study", Kind: "event",
		Title:   "Effect of restricting BYOD by year since restriction",
		XLabel:  "Years since the organisation first restricted BYOD (−1 = reference year)",
		YLabel:  "Difference in satisfaction (scale points)",
		Caption: caption,
		Notes:   []string{"Bars are 95% confidence intervals (organisation-clustered errors); year −1 is fixed at zero."},
	}
	est := SeriesSpec{Name: "estimate with 95% interval", Role: "estimate"}
	ref := SeriesSpec{Name: "reference year", Role: "reference"}
	for _, ev := range e.EventStudy {
		label := FormatNumber(float64(ev.RelativeYear), 0)
		if ev.OpenEnded {
			if ev.RelativeYear < 0 {
				label = "≤" + label
			} else {
				label = "≥" + label
			}
		}
		x := float64(ev.RelativeYear)
		if ev.Reference {
			ref.X, ref.Y, ref.Labels = append(ref.X, x), append(ref.Y, 0), append(ref.Labels, label)
			continue
		}
		est.X, est.Y, est.Labels = append(est.X, x), append(est.Y, ev.Estimate), append(est.Labels, label)
		est.Low, est.High = append(est.Low, ev.CILow), append(est.High, ev.CIHigh)
	}
	s.Series = []SeriesSpec{est, ref}
	return s, true
}

// buildEvent draws an event-study spec.
func buildEvent(s *ChartSpec) (*plot.Plot, error) {
	p := newPlot(s)
	est, ref := s.series("estimate"), s.series("reference")
	labels := map[int]string{}
	lo, hi := 0.0, 0.0
	for _, ser := range []*SeriesSpec{est, ref} {
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
	start, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: minOf(est.Low, 0)}, {X: -0.5, Y: maxOf(est.High, 0)}})
	if err != nil {
		return nil, err
	}
	start.LineStyle = draw.LineStyle{Color: grey, Width: vg.Points(1), Dashes: seriesDashes(1)}
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
		p.Legend.Add(est.Name, sc)
	}
	if len(ref.X) > 0 {
		sc, err := plotter.NewScatter(xys(ref.X, ref.Y))
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: black, Radius: vg.Points(3.5), Shape: draw.RingGlyph{}}
		p.Add(sc)
		p.Legend.Add(ref.Name, sc)
	}
	p.X.Tick.Marker = integerTicks(labels)
	p.X.Min, p.X.Max = lo-0.5, hi+0.5
	legendRoom(p, 2)
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
