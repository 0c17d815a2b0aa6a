package costmodel

import (
	"math"
	"strings"
	"testing"
)

func TestIRR(t *testing.T) {
	const c, d = 1 / 1.1, 1 / 1.5
	tests := []struct {
		name     string
		flows    []float64
		want     []float64
		noteHas  string
		tolerace float64
	}{
		// −100 + 110/(1+r) = 0 gives r = 10%.
		{"one period", []float64{-100, 110}, []float64{0.1}, "", 1e-12},
		// −100 + 121/(1+r)² = 0 gives (1+r)² = 1.21, r = 10%.
		{"two periods", []float64{-100, 0, 121}, []float64{0.1}, "", 1e-12},
		// −1 + 5x − 6x² with x = 1/(1+r) has roots x = 1/2 and 1/3: r = 100% and 200%.
		{"two roots", []float64{-1, 5, -6}, []float64{1, 2}, "2 internal rates of return", 1e-10},
		// A level annuity: −1000 + 1100·x... (1+r) = 1.1 is the root of −1000 + 1100/(1+r) repeated
		// with zero flows in between: −1000, 0, 0, 1331 gives (1+r)³ = 1.331.
		{"three periods", []float64{-1000, 0, 0, 1331}, []float64{0.1}, "", 1e-12},
		{"no sign change", []float64{100, 50, 50}, []float64{}, "never change sign", 0},
		// −100 + 50 + 40: cumulative −10 at any positive rate, and the root is below 0:
		// −100 + 50x + 40x² = 0, x = (−50 + √(2500+16000))/80 = 1.075, r = 1/1.075 − 1 = −6.98%.
		{"negative rate", []float64{-100, 50, 40}, []float64{1/((-50+math.Sqrt(18500))/80) - 1}, "", 1e-10},
		// 1000·(x − c)² with c = 1/1.1: the present value touches zero at r = 10% and is positive
		// on either side, a repeated root that no sign change reveals.
		{"repeated root", []float64{1000 * c * c, -2000 * c, 1000}, []float64{0.1}, "touches zero at 10%", 1e-9},
		// (x − c)²(x − d) with d = 1/1.5 expands to −c²d + (c² + 2cd)x − (2c + d)x² + x³: a repeated
		// root at 10% and a crossing at 50%.
		{"repeated and simple roots", []float64{-c * c * d, c*c + 2*c*d, -(2*c + d), 1}, []float64{0.1, 0.5},
			"2 internal rates of return", 1e-9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, note := irr(tt.flows)
			if len(got) != len(tt.want) {
				t.Fatalf("IRR = %v (%s), want %v", got, note, tt.want)
			}
			for i := range got {
				if math.Abs(got[i]-tt.want[i]) > tt.tolerace {
					t.Errorf("root %d = %.12f, want %.12f", i, got[i], tt.want[i])
				}
			}
			if !strings.Contains(note, tt.noteHas) {
				t.Errorf("note %q does not mention %q", note, tt.noteHas)
			}
		})
	}
}

func TestDiscountedPayback(t *testing.T) {
	df := Discounting{Rate: 0.1}.factors(4)
	// By hand: cumulative −120, −74.55, −33.22, +4.34: pays back in year 3.
	if y, ok := discountedPayback([]float64{-120, 50, 50, 50}, df); !ok || y != 3 {
		t.Errorf("payback = %d, %v; want 3, true", y, ok)
	}
	if _, ok := discountedPayback([]float64{-200, 50, 50, 50}, df); ok {
		t.Error("a project that never pays back reported a payback year")
	}
}
