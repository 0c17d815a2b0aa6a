package costmodel

import (
	"math"
	"testing"
)

func TestGreenBookFactors(t *testing.T) {
	f := Discounting{GreenBook: true}.factors(132)
	tests := []struct {
		year int
		want float64
		tol  float64
	}{
		{0, 1, 0},
		// Green Book discount factor tables (3.5%): year 1 0.9662, year 10 0.7089, year 30 0.3563;
		// 1/1.035 = 0.966184, 1/1.035^10 = 0.708919, 1/1.035^30 = 0.356278 by hand.
		{1, 0.9662, 5e-5},
		{10, 0.7089, 5e-5},
		{30, 0.3563, 5e-5},
		// From year 31 the rate is 3.0%: 0.356278/1.03 = 0.345901, and 0.356278/1.03^45 = 0.094006
		// at year 75.
		{31, 0.356278 / 1.03, 1e-6},
		{75, 0.356278 / math.Pow(1.03, 45), 1e-6},
		// Year 76 is the first at 2.5%.
		{76, 0.356278 / math.Pow(1.03, 45) / 1.025, 1e-6},
		{131, 0.356278 / math.Pow(1.03, 45) / math.Pow(1.025, 50) / math.Pow(1.02, 6), 1e-6},
	}
	for _, tt := range tests {
		if got := f[tt.year]; math.Abs(got-tt.want) > tt.tol {
			t.Errorf("factor for year %d = %.6f, want %.6f", tt.year, got, tt.want)
		}
	}
}

func TestGreenBookRate(t *testing.T) {
	// Green Book 2022, Annex A6: 3.5% (0–30), 3% (31–75), 2.5% (76–125), 2% (126–200),
	// 1.5% (201–300), 1% (301+).
	for _, tt := range []struct {
		year int
		want float64
	}{{1, 0.035}, {30, 0.035}, {31, 0.03}, {75, 0.03}, {76, 0.025}, {125, 0.025}, {126, 0.02},
		{200, 0.02}, {201, 0.015}, {300, 0.015}, {301, 0.01}, {1000, 0.01}} {
		if got := greenBookRate(tt.year); got != tt.want {
			t.Errorf("GreenBookRate(%d) = %v, want %v", tt.year, got, tt.want)
		}
	}
}

func TestConstantRateFactors(t *testing.T) {
	f := Discounting{Rate: 0.1}.factors(4)
	want := []float64{1, 1 / 1.1, 1 / 1.21, 1 / 1.331} // by hand
	for i := range want {
		if math.Abs(f[i]-want[i]) > 1e-15 {
			t.Errorf("factor %d = %v, want %v", i, f[i], want[i])
		}
	}
}

func TestExcelNPV(t *testing.T) {
	tests := []struct {
		name  string
		rate  float64
		flows []float64
		want  float64
		tol   float64
	}{
		// Microsoft's NPV help page, example 1: =NPV(10%, -10000, 3000, 4200, 6800) is 1,188.44.
		{"excel help example", 0.10, []float64{-10000, 3000, 4200, 6800}, 1188.44, 0.005},
		// By hand: 100/1.035 = 96.618357.
		{"one value is discounted one period", 0.035, []float64{100}, 100 / 1.035, 1e-12},
	}
	for _, tt := range tests {
		if got := excelNPV(tt.rate, tt.flows); math.Abs(got-tt.want) > tt.tol {
			t.Errorf("%s: ExcelNPV = %.4f, want %.4f", tt.name, got, tt.want)
		}
	}
}

func TestPresentValue(t *testing.T) {
	// By hand: −100 + 60/1.1 + 60/1.21 = −100 + 54.545455 + 49.586777 = 4.132231.
	got := presentValue([]float64{-100, 60, 60}, Discounting{Rate: 0.1}.factors(3))
	if math.Abs(got-4.132231) > 1e-6 {
		t.Errorf("PresentValue = %.6f, want 4.132231", got)
	}
}
