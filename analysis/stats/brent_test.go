package stats

import (
	"errors"
	"math"
	"testing"
)

func TestBrent(t *testing.T) {
	tests := []struct {
		name string
		f    func(float64) float64
		a, b float64
		want float64
	}{
		{"sqrt 2", func(x float64) float64 { return x*x - 2 }, 0, 2, math.Sqrt2},
		// Wallis's cubic x³ − 2x − 5, the classic test of root finders; root 2.0945514815423265...
		{"wallis cubic", func(x float64) float64 { return x*x*x - 2*x - 5 }, 2, 3, 2.0945514815423265},
		// The Dottie number, the fixed point of cos: 0.7390851332151607...
		{"dottie number", func(x float64) float64 { return math.Cos(x) - x }, 0, 1, 0.7390851332151607},
		// IRR of −100 now and +110 in a year is exactly 10%.
		{"one period irr", func(r float64) float64 { return -100 + 110/(1+r) }, 0, 1, 0.1},
		{"root at an end", func(x float64) float64 { return x - 1 }, 1, 3, 1},
		{"reversed bracket", func(x float64) float64 { return x*x - 2 }, 2, 0, math.Sqrt2},
		// A step: Brent must fall back on bisection and still close in on the jump.
		{"discontinuous step", func(x float64) float64 {
			if x < 0.3 {
				return -1
			}
			return 1
		}, 0, 1, 0.3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Brent(tt.f, tt.a, tt.b, 1e-13)
			if err != nil {
				t.Fatalf("Brent: %v", err)
			}
			if math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("Brent = %.17g, want %.17g", got, tt.want)
			}
		})
	}
}

func TestBrentNoBracket(t *testing.T) {
	_, err := Brent(func(x float64) float64 { return x*x + 1 }, -1, 1, 0)
	if !errors.Is(err, ErrBrentNoBracket) {
		t.Errorf("err = %v, want ErrBrentNoBracket", err)
	}
}
