package reports

import (
	"math"
	"slices"
	"testing"
)

// Each ready scenario's S-curve chart draws, for every option, exactly the 101 points of its
// summary's s_curve: x the quantile, y the level i% (quantile i of 100, so 0%, 1%, …, 100%).
func TestSCurveChartIsTheSummarysCurve(t *testing.T) {
	for _, s := range defaultInputs(t).Scenarios {
		spec, ok := sCurveSpec(&s, "caption")
		if !ok {
			t.Fatalf("%s: no S-curve chart", s.Name)
		}
		if len(spec.Series) != len(s.Result.Options) {
			t.Fatalf("%s: %d curves for %d options", s.Name, len(spec.Series), len(s.Result.Options))
		}
		for i, o := range s.Result.Options {
			ser := spec.Series[i]
			if len(o.SCurve) != 101 || len(ser.X) != 101 || len(ser.Y) != 101 {
				t.Fatalf("%s/%s: s_curve has %d points, the chart %d×%d; want 101", s.Name, o.Name, len(o.SCurve), len(ser.X), len(ser.Y))
			}
			if !slices.Equal(ser.X, o.SCurve) {
				t.Errorf("%s/%s: the curve's x are not the summary's s_curve", s.Name, o.Name)
			}
			for j, y := range ser.Y {
				if math.Abs(y-float64(j)) > 1e-12 {
					t.Errorf("%s/%s: point %d at %v%%, want %d%%", s.Name, o.Name, j, y, j)
					break
				}
			}
			// The S-curve rises: quantiles never fall with the level.
			if !slices.IsSorted(ser.X) {
				t.Errorf("%s/%s: the quantiles are not in order", s.Name, o.Name)
			}
			// Its 80% point is the summary's P80 (both the 80th quantile of the same draws).
			if p80 := o.Percentiles.P80.Value; math.Abs(ser.X[80]-p80) > 1e-6*math.Max(1, math.Abs(p80)) {
				t.Errorf("%s/%s: the curve crosses 80%% at %v, the summary's P80 is %v", s.Name, o.Name, ser.X[80], p80)
			}
		}
	}
}

// Each ready scenario's convergence chart draws, for every option, the summary's convergence
// points: x the draws, y the running mean, the band the mean ∓ 2 SE; and it ends at all the draws,
// at the expected NPSV the documents quote.
func TestConvergenceChartIsTheSummarys(t *testing.T) {
	for _, s := range defaultInputs(t).Scenarios {
		spec, ok := convergenceSpec(&s, "caption")
		if !ok {
			t.Fatalf("%s: no convergence chart", s.Name)
		}
		for i, o := range s.Result.Options {
			ser := spec.Series[i]
			if len(ser.X) != len(o.Convergence) || len(ser.X) < 10 {
				t.Fatalf("%s/%s: %d points for %d in the summary", s.Name, o.Name, len(ser.X), len(o.Convergence))
			}
			for j, c := range o.Convergence {
				if ser.X[j] != float64(c.Iterations) || ser.Y[j] != c.Mean || ser.Low[j] != c.Mean-2*c.SE || ser.High[j] != c.Mean+2*c.SE {
					t.Errorf("%s/%s: point %d is (%v, %v, %v…%v), summary %+v", s.Name, o.Name, j, ser.X[j], ser.Y[j], ser.Low[j], ser.High[j], c)
					break
				}
			}
			last := len(ser.X) - 1
			if int(ser.X[last]) != s.Result.Iterations {
				t.Errorf("%s/%s: ends at %v draws, the run made %d", s.Name, o.Name, ser.X[last], s.Result.Iterations)
			}
			if m := o.ExpectedNPSV.Mean; math.Abs(ser.Y[last]-m) > 1e-9*math.Max(1, math.Abs(m)) {
				t.Errorf("%s/%s: ends at a mean of %v, expected NPSV %v", s.Name, o.Name, ser.Y[last], m)
			}
			if se := o.ExpectedNPSV.SE; math.Abs((ser.High[last]-ser.Low[last])/4-se) > 1e-6*math.Max(1, se) {
				t.Errorf("%s/%s: band half-width at the end %v, want 2 × SE %v", s.Name, o.Name, (ser.High[last]-ser.Low[last])/2, 2*se)
			}
		}
	}
}
