package sector

import "math"

// histogram counts iterations by an integer outcome 0..len−1 (councils at risk, submissions
// queued). Counts merge exactly, so figures do not depend on how iterations were split.
type histogram []int64

func (h histogram) add(o histogram) {
	for i, c := range o {
		h[i] += c
	}
}

func (h histogram) total() int64 {
	var n int64
	for _, c := range h {
		n += c
	}
	return n
}

// mean returns the mean and sample standard deviation (n − 1) of the outcomes.
func (h histogram) mean() (mean, sd float64) {
	var n, s float64
	for v, c := range h {
		n += float64(c)
		s += float64(c) * float64(v)
	}
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	mean = s / n
	var m2 float64
	for v, c := range h {
		d := float64(v) - mean
		m2 += float64(c) * d * d
	}
	if n > 1 {
		sd = math.Sqrt(m2 / (n - 1))
	}
	return mean, sd
}

// orderStat returns the k-th smallest outcome (0-based).
func (h histogram) orderStat(k int64) float64 {
	var cum int64
	for v, c := range h {
		cum += c
		if cum > k {
			return float64(v)
		}
	}
	return float64(len(h) - 1)
}

// quantile returns the type 7 p-quantile of the outcomes (as stats.QuantileSorted: linear
// interpolation between order statistics, Excel's PERCENTILE.INC).
func (h histogram) quantile(p float64) float64 {
	n := h.total()
	if n == 0 {
		return math.NaN()
	}
	x := float64(n-1) * p
	lo := int64(math.Floor(x))
	a := h.orderStat(lo)
	if lo >= n-1 || x == float64(lo) {
		return a
	}
	b := h.orderStat(lo + 1)
	return a + (x-float64(lo))*(b-a)
}

// trimmed returns the histogram without trailing empty outcomes (at least one bin).
func (h histogram) trimmed() histogram {
	end := len(h)
	for end > 1 && h[end-1] == 0 {
		end--
	}
	return h[:end]
}
