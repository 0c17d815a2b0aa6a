package numfmt

import (
	"math"
	"testing"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		v    float64
		dp   int
		want string
	}{
		{1234567.891, 2, "1,234,567.89"},
		{-2500000, 0, "−2,500,000"},
		{999, 0, "999"},
		{-0.004, 2, "0.00"}, // rounds to zero: no minus sign
		{0.5, 1, "0.5"},
		{math.NaN(), 1, "–"},
		{math.Inf(-1), 0, "–"},
	}
	for _, tt := range tests {
		if got := Number(tt.v, tt.dp); got != tt.want {
			t.Errorf("Number(%v, %d) = %q, want %q", tt.v, tt.dp, got, tt.want)
		}
	}
}

func TestTrimZeros(t *testing.T) {
	for in, want := range map[string]string{"1.500": "1.5", "2.000": "2", "300": "300", "0.05": "0.05"} {
		if got := TrimZeros(in); got != want {
			t.Errorf("TrimZeros(%q) = %q, want %q", in, got, want)
		}
	}
}
