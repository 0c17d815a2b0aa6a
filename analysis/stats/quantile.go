package stats

import "math"

// QuantileSorted returns the p-quantile of sorted data by linear interpolation between order
// statistics: Hyndman and Fan's type 7, the default of R and numpy and the rule of Excel's
// PERCENTILE.INC. With h = (n−1)p it returns x[⌊h⌋] + (h−⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
//
// sorted must be in ascending order (it is not checked, so the caller can reuse one sort for many
// quantiles); p is clamped to [0, 1]. It returns NaN for empty data.
func QuantileSorted(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 || math.IsNaN(p) {
		return math.NaN()
	}
	p = min(max(p, 0), 1)
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	frac := h - float64(lo)
	if frac == 0 {
		// Exact order statistic: no arithmetic, so an infinite neighbour cannot leak a NaN.
		return sorted[lo]
	}
	return sorted[lo] + frac*(sorted[lo+1]-sorted[lo])
}
