package chart

// The convergence chart: each option's running Monte Carlo mean NPSV against the number of draws,
// with a band of ± 2 standard errors (costmodel.OptionResult.Convergence). The mean settles and the
// band narrows as 1/√n; where the bands of two options still overlap at the last draw the ranking
// of their expected NPSVs is not settled by the simulation.

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// buildConvergence draws a convergence spec: per option a band from Low to High and a line through
// the running means, on a logarithmic axis of draws.
func buildConvergence(s *Spec) (*figure, error) {
	p := newChart(s)
	drawn := 0
	for i, ser := range s.Series {
		if len(ser.X) == 0 {
			continue
		}
		if len(ser.Low) == len(ser.X) && len(ser.High) == len(ser.X) {
			if err := addRibbon(p, &s.Series[i], i); err != nil {
				return nil, err
			}
		}
		l, err := plotter.NewLine(xys(ser.X, ser.Y))
		if err != nil {
			return nil, err
		}
		l.LineStyle = lineStyle(i)
		p.Add(l)
		p.addLegend(ser.Name, l)
		drawn++
	}
	if drawn == 0 {
		return nil, plotter.ErrNoData
	}
	if p.X.Min > 0 {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = powersOfTen{}
	}
	return p, nil
}

// powersOfTen labels a logarithmic axis of counts at 1, 10, 100, … (with thousands separators),
// with unlabelled ticks at 2 and 5 times each.
type powersOfTen struct{}

// Ticks returns the ticks from min to max (both positive).
func (powersOfTen) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || max < min {
		return nil
	}
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(min)); e <= math.Ceil(math.Log10(max)); e++ {
		base := math.Pow(10, e)
		for _, m := range []float64{1, 2, 5} {
			v := m * base
			if v < min*(1-1e-9) || v > max*(1+1e-9) {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 {
				t.Label = tickDigits(v, 0)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}
