package stats

import (
	"errors"
	"math"
	"testing"
)

// The reference values come from R 4.2.2 (Debian r-base-core), t.test(x, y) with its defaults
// (var.equal = FALSE, two-sided), printed with options(digits = 17). The first case is R's own
// documented example t.test(extra ~ group, data = sleep), whose printed output is published as
// "t = -1.8608, df = 17.776, p-value = 0.07939" (e.g. the R documentation and countless tutorials).
func TestWelch(t *testing.T) {
	tests := []struct {
		Name      string
		X, Y      []float64
		T, DF, P  float64
		Diff      float64
		published bool
	}{
		{
			Name:      "R sleep data (Cushny & Peebles), group 1 vs group 2",
			X:         []float64{0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0},
			Y:         []float64{1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4},
			T:         -1.860813467486853057,
			DF:        17.776473516178498357,
			P:         0.079394140187358173,
			Diff:      0.75 - 2.33,
			published: true,
		},
		{
			// A constant second sample: Welch–Satterthwaite df collapses to nx−1 = 3.
			Name: "one constant sample",
			X:    []float64{3.1, 4.2, 2.8, 5.0},
			Y:    []float64{1, 1, 1},
			T:    5.470791044800599856,
			DF:   3,
			P:    0.012006087319043776,
			Diff: 3.775 - 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			got, err := Welch(tt.X, tt.Y)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"t", got.T, tt.T}, {"df", got.DF, tt.DF}, {"p", got.P, tt.P}, {"difference", got.Difference, tt.Diff}} {
				if math.Abs(c.got-c.want) > 1e-10*math.Max(1, math.Abs(c.want)) {
					t.Errorf("%s = %.17g, want %.17g", c.name, c.got, c.want)
				}
			}
			if tt.published {
				// The four significant figures R prints.
				if math.Abs(got.T - -1.8608) > 5e-5 || math.Abs(got.DF-17.776) > 5e-4 || math.Abs(got.P-0.07939) > 5e-6 {
					t.Errorf("published sleep values differ: %+v", got)
				}
			}
		})
	}
}

func TestWelchErrors(t *testing.T) {
	tests := []struct {
		Name string
		X, Y []float64
		Err  error
	}{
		{"one value", []float64{1}, []float64{1, 2}, ErrWelchTooFew},
		{"both constant", []float64{2, 2}, []float64{3, 3, 3}, ErrWelchNoVariance},
		{"NaN", []float64{1, math.NaN()}, []float64{1, 2}, ErrWelchNotFinite},
		{"Inf", []float64{1, 2}, []float64{1, math.Inf(1)}, ErrWelchNotFinite},
	}
	for _, tt := range tests {
		if _, err := Welch(tt.X, tt.Y); !errors.Is(err, tt.Err) {
			t.Errorf("%s: err = %v, want %v", tt.Name, err, tt.Err)
		}
	}
}
