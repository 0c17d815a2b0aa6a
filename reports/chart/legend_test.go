package chart

import (
	"fmt"
	"testing"

	"gonum.org/v1/plot/vg"
)

// legendProblems lists every data point of s that a legend entry covers, and every legend entry
// that reaches into the data area, in the layout with the caption and without. Points come from
// the spec (Spec.Points), not from the drawing; a point covers what lies within the largest
// marker's radius (5 pt) of it.
func legendProblems(t *testing.T, s *Spec) []string {
	t.Helper()
	var out []string
	for _, withCaption := range []bool{true, false} {
		lay, err := LayoutOf(s, withCaption)
		if err != nil {
			t.Fatal(err)
		}
		const radius = 5
		for i, r := range lay.Legend {
			if overlaps(r, lay.Data) {
				out = append(out, fmt.Sprintf("%s: legend entry %d %v reaches into the data area %v", s.Name, i, r, lay.Data))
			}
			for _, p := range s.Points() {
				c := lay.ToCanvas(p[0], p[1])
				if c.X > r.Min.X-radius && c.X < r.Max.X+radius && c.Y > r.Min.Y-radius && c.Y < r.Max.Y+radius {
					out = append(out, fmt.Sprintf("%s: legend entry %d covers the point (%g, %g)", s.Name, i, p[0], p[1]))
				}
			}
		}
	}
	return out
}

func overlaps(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

// Data in every corner of the data area, where a legend inside it would have to sit on some: each
// kind of chart with a legend keeps it off the data, with the caption and without.
func TestLegendCoversNoData(t *testing.T) {
	corners := Series{Name: "a series with points in all four corners of the chart", Role: "estimate",
		X: []float64{0, 0, 10, 10, 5}, Y: []float64{0, 100, 0, 100, 50}, Low: []float64{0, 90, 0, 90, 40}, High: []float64{10, 100, 10, 100, 60}}
	second := corners
	second.Name, second.Role = "another series, also in the corners", "reference"
	specs := []Spec{
		{Name: "trend", Kind: Trend, Title: "Trend", Series: []Series{corners, second}},
		{Name: "npsv", Kind: NPSV, Title: "NPSV", Series: []Series{corners, second}},
		{Name: "cashflow", Kind: Cashflow, Title: "Cash flow", Series: []Series{corners, second}},
		{Name: "event", Kind: Event, Title: "Event study", Series: []Series{
			{Name: "estimate with 95% interval", Role: "estimate", Labels: []string{"-3", "-2", "0", "1"}, X: []float64{-3, -2, 0, 1}, Y: []float64{1, 1, -1, 1}, Low: []float64{0.5, 0.5, -1.5, 0.5}, High: []float64{1.5, 1.5, -0.5, 1.5}},
			{Name: "reference year", Role: "reference", Labels: []string{"-1"}, X: []float64{-1}, Y: []float64{0}},
			{Name: "simultaneous 95% band", Role: "band", X: []float64{-3, -2, 0, 1}, Low: []float64{0.2, 0.2, -1.8, 0.2}, High: []float64{1.8, 1.8, -0.2, 1.8}},
		}},
		{Name: "funnel", Kind: Funnel, Title: "Funnel", Subtitle: "Limits adjusted for overdispersion: additive, τ² = 0.142", Series: []Series{
			{Name: "within limits", Role: "points", X: []float64{10, 10, 200, 200}, Y: []float64{1, 7, 1, 7}},
			{Name: "outside limits", Role: "outliers", X: []float64{100}, Y: []float64{7}},
			{Name: "sector value", Role: "target", X: []float64{10, 200}, Y: []float64{4, 4}},
			{Name: "95% limits", Role: "limit95", X: []float64{10, 200}, Low: []float64{2, 3.5}, High: []float64{6, 4.5}},
			{Name: "highlighted council", Role: "highlight", X: []float64{190}, Y: []float64{6.9}},
		}},
		{Name: "box", Kind: Box, Title: "Box", Series: []Series{
			{Name: "box", Role: "box", Labels: []string{"A", "B"}, Groups: [][]float64{{1, 2, 3, 7}, {1, 5, 6, 7}}},
			{Name: "highlighted council", Role: "highlight", X: []float64{1}, Y: []float64{7}},
		}},
		{Name: "tornado", Kind: Tornado, Title: "Tornado", Series: []Series{
			{Name: "input at its P10", Role: "low", Labels: []string{"first", "second"}, X: []float64{-100, -10}},
			{Name: "input at its P90", Role: "high", Labels: []string{"first", "second"}, X: []float64{100, 10}},
		}},
	}
	for i := range specs {
		s := &specs[i]
		s.Caption = "Source: a test."
		if len(s.Points()) == 0 {
			t.Fatalf("%s: no points to check", s.Name)
		}
		for _, pr := range legendProblems(t, s) {
			t.Error(pr)
		}
	}
}
