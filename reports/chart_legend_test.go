package reports

import (
	"testing"

	"github.com/psnbyod/psnbyod/reports/chart"
)

// No legend of the default run's charts (the sector report's and every ready scenario's) covers a
// data point or reaches into the data area, in the saved files' layout (with the source line) and
// in the documents' (without). The points are the specs' own (chart.Spec.Points), mapped through
// the drawn chart's axes.
func TestLegendsCoverNoData(t *testing.T) {
	in := defaultInputs(t)
	out := t.TempDir()
	f := newStudyFacts(in.Study, "", in.Scenarios, DefaultMinGroup)
	plans := sectorCharts(out, in.Study, f, in.synthetic(), DefaultMinGroup)
	for i := range in.Scenarios {
		plans = append(plans, scenarioCharts(out, &in.Scenarios[i], in.Study, &f, in.synthetic(), DefaultMinGroup)...)
	}
	withLegend := 0
	for _, p := range plans {
		s := p.Spec
		for _, withCaption := range []bool{true, false} {
			lay, err := chart.LayoutOf(&s, withCaption)
			if err != nil {
				t.Fatal(err)
			}
			if len(lay.Legend) > 0 && withCaption {
				withLegend++
			}
			pts := s.Points()
			if len(pts) == 0 {
				t.Errorf("%s: no data points", s.Name)
			}
			const radius = 5 // the largest marker's
			for i, r := range lay.Legend {
				if r.Min.X < lay.Data.Max.X && lay.Data.Min.X < r.Max.X && r.Min.Y < lay.Data.Max.Y && lay.Data.Min.Y < r.Max.Y {
					t.Errorf("%s: legend entry %d %v reaches into the data area %v", s.Name, i, r, lay.Data)
				}
				for _, pt := range pts {
					c := lay.ToCanvas(pt[0], pt[1])
					if c.X > r.Min.X-radius && c.X < r.Max.X+radius && c.Y > r.Min.Y-radius && c.Y < r.Max.Y+radius {
						t.Errorf("%s: legend entry %d covers the point (%g, %g)", s.Name, i, pt[0], pt[1])
					}
				}
			}
		}
	}
	if withLegend < 5 {
		t.Errorf("only %d of %d charts have a legend: the check has too little to check", withLegend, len(plans))
	}
}
