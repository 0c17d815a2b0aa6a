package chart

import (
	"fmt"

	"gonum.org/v1/plot"
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
)

// build draws a spec by its kind.
func build(s *Spec) (*plot.Plot, error) {
	var draw func(*Spec) (*plot.Plot, error)
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
// needs. A spec whose series hold no points draws as a placeholder that says so (Empty).
func Check(s *Spec) error {
	_, err := build(s)
	return err
}
