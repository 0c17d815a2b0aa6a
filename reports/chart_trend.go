package reports

// Satisfaction over time, restricted against unrestricted organisations, with 95% interval bands.

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/psnbyod/psnbyod/analysis/study"
)

func init() { chartBuilders["trend"] = buildTrend }

// trendSpec describes the satisfaction trend. A group-year resting on fewer respondents than
// minGroup is left out. It returns false when there is nothing to draw.
func trendSpec(r *study.Result, minGroup int, caption string) (ChartSpec, bool) {
	s := ChartSpec{
		Name: "trend_satisfaction", Kind: "trend",
		Title:   "User satisfaction with ICT, restricted and unrestricted BYOD",
		XLabel:  "Survey year",
		YLabel:  "Satisfaction (scale points, 1–7)",
		Caption: caption,
		Notes:   []string{"Bands are 95% confidence intervals of the mean across organisations (t distribution, n − 1 degrees of freedom)."},
	}
	groups := []SeriesSpec{{Name: "BYOD not restricted", Role: "unrestricted"}, {Name: "BYOD restricted for the PSN", Role: "restricted"}}
	left := 0
	for _, tp := range satisfactionTrend(r.KPIs) {
		if tp.Respondents < int64(minGroup) {
			left++
			continue
		}
		g := &groups[0]
		if tp.Restricted {
			g = &groups[1]
		}
		g.X, g.Y = append(g.X, float64(tp.Year)), append(g.Y, tp.Mean)
		g.Low, g.High = append(g.Low, tp.Low), append(g.High, tp.High)
	}
	if len(groups[0].X)+len(groups[1].X) == 0 {
		return ChartSpec{}, false
	}
	s.Series = groups
	if left > 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("%s with fewer than %d respondents not shown (%s).", plural(left, "group-year", "group-years"), minGroup, Suppressed))
	}
	return s, true
}

// buildTrend draws a trend spec: a band, a line and markers per group.
func buildTrend(s *ChartSpec) (*plot.Plot, error) {
	p := newPlot(s)
	for i, g := range s.Series {
		if len(g.X) == 0 {
			continue
		}
		if len(g.X) > 1 {
			band := make(plotter.XYs, 0, 2*len(g.X))
			for j := range g.X {
				band = append(band, plotter.XY{X: g.X[j], Y: g.High[j]})
			}
			for j := len(g.X) - 1; j >= 0; j-- {
				band = append(band, plotter.XY{X: g.X[j], Y: g.Low[j]})
			}
			poly, err := plotter.NewPolygon(band)
			if err != nil {
				return nil, err
			}
			poly.Color = faded(seriesColor(i), 0x38)
			poly.LineStyle.Width = 0
			p.Add(poly)
		}
		l, sc, err := plotter.NewLinePoints(xys(g.X, g.Y))
		if err != nil {
			return nil, err
		}
		l.LineStyle = lineStyle(i)
		sc.GlyphStyle = glyphStyle(i)
		p.Add(l, sc)
		p.Legend.Add(g.Name, l, sc)
	}
	p.X.Tick.Marker = integerTicks(nil)
	legendRoom(p, 2)
	return p, nil
}

// integerTicks labels every whole number in the range, using labels for the values it has.
func integerTicks(labels map[int]string) plot.Ticker {
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		var ts []plot.Tick
		for v := int(lo); float64(v) <= hi; v++ {
			if float64(v) < lo {
				continue
			}
			l, ok := labels[v]
			if !ok {
				l = FormatNumber(float64(v), 0)
				if v >= 1000 {
					l = fmt.Sprint(v) // years without a thousands separator
				}
			}
			ts = append(ts, plot.Tick{Value: float64(v), Label: l})
		}
		return ts
	})
}
