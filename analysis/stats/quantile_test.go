package stats

import (
	"math"
	"testing"
)

func TestQuantileSorted(t *testing.T) {
	tests := []struct {
		name string
		data []float64 // sorted
		p    float64
		want float64
	}{
		// Microsoft's PERCENTILE.INC help page: =PERCENTILE.INC({1,3,2,4}, 0.3) returns 1.9.
		{"excel PERCENTILE.INC example", []float64{1, 2, 3, 4}, 0.3, 1.9},
		// Microsoft's QUARTILE.INC help page: =QUARTILE.INC({1,2,4,7,8,9,10,12}, 1) returns 3.5.
		{"excel QUARTILE.INC example", []float64{1, 2, 4, 7, 8, 9, 10, 12}, 0.25, 3.5},
		// numpy.percentile docs: np.percentile([[10, 7, 4], [3, 2, 1]], 50) is 3.5.
		{"numpy percentile example", []float64{1, 2, 3, 4, 7, 10}, 0.5, 3.5},
		// By hand: h = 9·0.95 = 8.55, so 9 + 0.55·(10 − 9) = 9.55.
		{"hand p95 of 1..10", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.95, 9.55},
		{"minimum", []float64{-3, 5}, 0, -3},
		{"maximum", []float64{-3, 5}, 1, 5},
		{"one value", []float64{42}, 0.37, 42},
		{"p clamped below", []float64{1, 2}, -1, 1},
		{"p clamped above", []float64{1, 2}, 2, 2},
		{"exact order statistic next to infinity", []float64{1, 2, math.Inf(1)}, 0.5, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := QuantileSorted(tt.data, tt.p); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("QuantileSorted(%v, %v) = %v, want %v", tt.data, tt.p, got, tt.want)
			}
		})
	}
	if got := QuantileSorted(nil, 0.5); !math.IsNaN(got) {
		t.Errorf("QuantileSorted(nil) = %v, want NaN", got)
	}
}
