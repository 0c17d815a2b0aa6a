package chart

import (
	"fmt"
)

// Kind is a kind of chart: it says how a Spec is drawn. Its text is what chart specs carry in JSON.
type Kind string

// The kinds of chart.
const (
	Box        Kind = "box"        // box plots of one value by category, with one point marked
	Funnel     Kind = "funnel"     // points against their group size, within control limits
	Trend      Kind = "trend"      // yearly means of two groups with interval bands
	Event      Kind = "event"      // event-study estimates by relative year, with intervals
	Neighbours Kind = "neighbours" // horizontal bars: one organisation against its neighbours
	NPSV       Kind = "npsv"       // histograms of net present social value draws, one per option
	Tornado    Kind = "tornado"    // low and high bars around a base value, one per input
	Cashflow   Kind = "cashflow"   // cumulative discounted cash flow lines by year
	ProbBest   Kind = "probbest"   // the probability that each option is best
	SCurve     Kind = "scurve"     // cumulative distributions of NPSV, one per option
	// Convergence: running Monte Carlo means with ± 2 standard errors against the number of draws.
	Convergence Kind = "convergence"
)

// build draws a spec by its kind.
func build(s *Spec) (*figure, error) {
	var draw func(*Spec) (*figure, error)
	switch s.Kind {
	case Box:
		draw = buildBox
	case Funnel:
		draw = buildFunnel
	case Trend:
		draw = buildTrend
	case Event:
		draw = buildEvent
	case Neighbours:
		draw = buildNeighbours
	case NPSV:
		draw = buildNPSV
	case Tornado:
		draw = buildTornado
	case Cashflow:
		draw = buildCashflow
	case ProbBest:
		draw = buildProbBest
	case SCurve:
		draw = buildSCurve
	case Convergence:
		draw = buildConvergence
	default:
		return nil, fmt.Errorf("chart %s: unknown kind %q", s.Name, s.Kind)
	}
	p, err := buildOrEmpty(s, draw)
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", s.Name, err)
	}
	return p, nil
}

// Check reports whether a spec can be drawn: its kind is known and its series hold what the kind
// needs. A spec whose series hold no points draws as a placeholder that says so (empty).
func Check(s *Spec) error {
	_, err := build(s)
	return err
}

// Points returns every point a chart of the spec marks, in data coordinates: each series' (x, y)
// and the ends of its intervals; on a category axis (box plots' groups, bars, a tornado's or a
// neighbour chart's rows) category i is at i, as Layout.ToCanvas maps it. Checks of the drawing
// (that the legend covers no data) take the data from here, not from the drawing.
func (s *Spec) Points() [][2]float64 {
	var pts [][2]float64
	add := func(x, y float64) { pts = append(pts, [2]float64{x, y}) }
	switch s.Kind {
	case Box:
		if b := s.ByRole("box"); b != nil {
			for g, vals := range b.Groups {
				for _, v := range vals {
					add(float64(g), v)
				}
			}
		}
		if hl := s.ByRole("highlight"); hl != nil && len(hl.X) > 0 {
			add(hl.X[0], hl.Y[0])
		}
	case Tornado:
		low, high := s.ByRole("low"), s.ByRole("high")
		if low == nil || high == nil {
			return nil
		}
		n := len(low.X)
		for i := range low.X {
			y := float64(n - 1 - i)
			add(low.X[i], y)
			add(high.X[i], y)
			add(0, y)
		}
	case Neighbours:
		self, nb := s.ByRole("organisation"), s.ByRole("neighbours")
		if self == nil || nb == nil {
			return nil
		}
		rows := len(self.Labels) + len(nb.Labels)
		for _, ser := range []*Series{self, nb} {
			for i := range ser.X {
				if ser.Y[i] >= 0 {
					add(ser.X[i], float64(rows-1)-ser.Y[i])
				}
			}
		}
	case ProbBest:
		if b := s.ByRole("bars"); b != nil {
			for i, v := range b.Y {
				add(float64(i), v)
				add(float64(i), 0)
			}
		}
	default:
		for _, ser := range s.Series {
			for i, x := range ser.X {
				for _, ys := range [][]float64{ser.Y, ser.Low, ser.High} {
					if i < len(ys) {
						add(x, ys[i])
					}
				}
			}
		}
	}
	return pts
}
