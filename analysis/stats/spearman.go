package stats

import (
	"errors"
	"math"
	"math/bits"
	"slices"
	"sort"

	"github.com/psnbyod/psnbyod/analysis/internal/hugemem"
)

// ErrSpearmanLength is returned when paired samples differ in length or have fewer than two values.
var ErrSpearmanLength = errors.New("stats: samples must have equal length of at least 2")

// ErrSpearmanNaN is returned when a sample holds a NaN, which has no rank.
var ErrSpearmanNaN = errors.New("stats: NaN in sample")

// spearman returns Spearman's rank correlation of x and y: the Pearson correlation of their ranks,
// ties given the average of the ranks they span (the "fractional ranking" of Spearman's original
// definition, as in R's cor(method = "spearman")). It returns NaN without error when either sample
// is constant, as the correlation is undefined.
func spearman(x, y []float64) (float64, error) {
	if len(x) != len(y) || len(x) < 2 {
		return math.NaN(), ErrSpearmanLength
	}
	rx, ry := make([]float64, len(x)), make([]float64, len(y))
	if err := (&Ranker{}).Rank(rx, nil, x); err != nil {
		return math.NaN(), err
	}
	if err := (&Ranker{}).Rank(ry, nil, y); err != nil {
		return math.NaN(), err
	}
	return RankCorrelation(rx, ry), nil
}

// RankCorrelation returns the Pearson correlation of two rank vectors from Ranker.Rank, that is
// Spearman's rho when the ranks came from the original samples. Ranks 1..n always have mean
// (n+1)/2, which it uses instead of summing. It returns NaN if either vector is constant.
func RankCorrelation(rx, ry []float64) float64 {
	n := len(rx)
	mean := float64(n+1) / 2
	var sxy, sxx, syy float64
	for i, a := range rx[:n] {
		a -= mean
		b := ry[i] - mean
		sxy += a * b
		sxx += a * a
		syy += b * b
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

// Ranker ranks samples with a radix sort, keeping its scratch space between calls so that ranking
// many long columns (a million Monte Carlo draws each) allocates once. The zero value is ready to
// use; a Ranker must not be used by two goroutines at once.
type Ranker struct {
	keys, tmp []uint64
	runV      []float64 // values of one run of keys that agree in their kept bits
	runI      []uint32  // and their indices
}

// Rank writes the fractional ranks of x (1 for the smallest, ties averaged) to ranks, and, when
// sorted is not nil, x in ascending order to sorted. Both must have len(x) elements; ranks may be x
// itself, to rank a column in place. It returns ErrSpearmanNaN if x holds a NaN.
//
// Why a radix sort: each value gets a 32-bit key that never orders it before a smaller value (the
// 32 most significant bits of its order-preserving 64-bit key less the smallest key; for samples of
// both signs, its position between the smallest and the largest value), packed with the value's
// index into one uint64, which four LSD radix passes sort. One last pass reads the sorted keys in order: a key whose kept bits no other key
// shares is a distinct value, whose rank is its position, so its value is not read again (unless
// sorted is wanted); the rare runs of keys that agree in all kept bits are put in exact order by
// their values, and equal values (which always share their kept bits) get their average rank.
// Comparison sorts of (value, index) pairs are several times slower; most of the remaining time is
// the one random write of each rank.
func (r *Ranker) Rank(ranks, sorted, x []float64) error {
	n := len(x)
	if len(ranks) != n || (sorted != nil && len(sorted) != n) {
		return ErrSpearmanLength
	}
	if n == 0 {
		return nil
	}
	if uint64(n) > 1<<32 {
		return ErrSpearmanLength
	}
	if cap(r.keys) < n {
		r.keys = hugemem.Make[uint64](n)
		r.tmp = hugemem.Make[uint64](n)
	}
	keys, tmp := r.keys[:n], r.tmp[:n]
	// Keep the 32 most significant bits of each key's offset from the smallest key: bits that
	// every value shares (sign, most of the exponent) carry no order and are dropped.
	kmin, kmax, ok := keyRange(x)
	if !ok {
		return ErrSpearmanNaN
	}
	var counts [4][256]uint32
	if lo, hi := keyValue(kmin), keyValue(kmax); lo < 0 && hi > 0 && hi-lo <= math.MaxFloat64 {
		// Both signs: the keys of values near zero would take most of the key range, so the
		// kept bits come from the value's position between the smallest and the largest value
		// instead. Rounding keeps (v−lo)·scale in order (never above 2³²−1), so equal values
		// still share a key and a smaller value never gets a larger key.
		keysByPosition(keys, x, lo, (1<<32-1)/(hi-lo), &counts)
	} else {
		keysByOffset(keys, x, kmin, uint(max(bits.Len64(kmax-kmin)-32, 0)), &counts)
	}
	for p, shift := range [4]uint{32, 40, 48, 56} {
		c := &counts[p]
		if c[keys[0]>>shift&0xFF] == uint32(n) {
			continue // every key has the same digit: the pass would not move anything
		}
		scatter(tmp, keys, c, shift)
		keys, tmp = tmp, keys
	}
	// With sorted wanted, one gather puts the values in key order first; then runs read their
	// values from sorted. Every index is read from x (if at all) before its rank is written, so
	// ranks may alias x.
	if sorted != nil {
		for j, k := range keys {
			sorted[j] = x[uint32(k)]
		}
	}
	for j := 0; j < n; {
		k := keys[j]
		h := j + 1
		for h < n && keys[h]>>32 == k>>32 {
			h++
		}
		if h == j+1 {
			ranks[uint32(k)] = float64(j + 1)
		} else {
			r.rankRun(ranks, sorted, x, keys[j:h], j)
		}
		j = h
	}
	return nil
}

// keyRange returns the smallest and largest orderedKey of x, and false if x holds a NaN.
//
//go:noinline
func keyRange(x []float64) (kmin, kmax uint64, ok bool) {
	kmin = math.MaxUint64
	for _, v := range x {
		if v != v {
			return 0, 0, false
		}
		k := orderedKey(v)
		kmin, kmax = min(kmin, k), max(kmax, k)
	}
	return kmin, kmax, true
}

// keysByOffset packs, for each value, the 32 bits of its orderedKey less kmin that remain after
// dropping the drop lowest, with its index, and counts the four 8-bit digits of the kept bits.
//
//go:noinline
func keysByOffset(keys []uint64, x []float64, kmin uint64, drop uint, counts *[4][256]uint32) {
	keys = keys[:len(x)]
	for i, v := range x {
		k := (orderedKey(v)-kmin)>>(drop&63)<<32 | uint64(i)
		keys[i] = k
		counts[0][k>>32&0xFF]++
		counts[1][k>>40&0xFF]++
		counts[2][k>>48&0xFF]++
		counts[3][k>>56]++
	}
}

// keysByPosition packs, for each value, ⌊(v−lo)·scale⌋ (at most 2³²−1) with its index, and counts
// the four 8-bit digits of the kept bits.
//
//go:noinline
func keysByPosition(keys []uint64, x []float64, lo, scale float64, counts *[4][256]uint32) {
	keys = keys[:len(x)]
	for i, v := range x {
		k := min(uint64((v-lo)*scale), 1<<32-1)<<32 | uint64(i)
		keys[i] = k
		counts[0][k>>32&0xFF]++
		counts[1][k>>40&0xFF]++
		counts[2][k>>48&0xFF]++
		counts[3][k>>56]++
	}
}

// scatter is one LSD radix pass: it moves src to dst in the order of the 8-bit digit at shift,
// stable, given the count of each digit in c (which it overwrites). A function of its own, so
// that its loop keeps everything in registers (inlined into Rank, it would not; so for the other
// loops over every value). Four passes of 8 bits take less time than three
// of 11: 256 places to write to at once stay in the nearest cache, 2,048 do not.
//
//go:noinline
func scatter(dst, src []uint64, c *[256]uint32, shift uint) {
	var sum uint32
	for d := range c {
		c[d], sum = sum, sum+c[d]
	}
	for _, k := range src {
		d := k >> (shift & 63) & 0xFF
		dst[c[d]] = k
		c[d]++
	}
}

// rankRun ranks a run of sorted keys that agree in their kept bits, starting at position lo: it
// orders their values exactly, and gives equal values the mean of the positions they span.
func (r *Ranker) rankRun(ranks, sorted, x []float64, keys []uint64, lo int) {
	m := len(keys)
	r.runV, r.runI = slices.Grow(r.runV[:0], m)[:m], slices.Grow(r.runI[:0], m)[:m]
	v, idx := r.runV, r.runI
	if sorted != nil {
		v = sorted[lo : lo+m]
		for j, k := range keys {
			idx[j] = uint32(k)
		}
	} else {
		for j, k := range keys {
			idx[j] = uint32(k)
			v[j] = x[idx[j]]
		}
	}
	sortRun(v, idx)
	for a := 0; a < m; {
		b := a + 1
		for b < m && v[b] == v[a] {
			b++
		}
		rank := float64(2*lo+a+b+1) / 2 // mean of lo+a+1 .. lo+b
		for _, i := range idx[a:b] {
			ranks[i] = rank
		}
		a = b
	}
}

// sortRun orders a run of values, and their indices with them, unless it is already in order (all
// equal, as for a discrete input, is the common case).
func sortRun(v []float64, idx []uint32) {
	if slices.IsSorted(v) {
		return
	}
	if len(v) <= 16 {
		for i := 1; i < len(v); i++ {
			for j := i; j > 0 && v[j] < v[j-1]; j-- {
				v[j], v[j-1] = v[j-1], v[j]
				idx[j], idx[j-1] = idx[j-1], idx[j]
			}
		}
		return
	}
	sort.Sort(pairs{v, idx})
}

// pairs sorts values with their indices in step.
type pairs struct {
	v   []float64
	idx []uint32
}

func (p pairs) Len() int           { return len(p.v) }
func (p pairs) Less(i, j int) bool { return p.v[i] < p.v[j] }
func (p pairs) Swap(i, j int) {
	p.v[i], p.v[j] = p.v[j], p.v[i]
	p.idx[i], p.idx[j] = p.idx[j], p.idx[i]
}

// orderedKey maps a float64 to a uint64 whose unsigned order is the numeric order of the floats;
// −0 and +0, which are equal, share a key.
func orderedKey(v float64) uint64 {
	b := math.Float64bits(v)
	if v == 0 {
		b = 0
	}
	if b>>63 != 0 {
		return ^b
	}
	return b | 1<<63
}

// keyValue is the inverse of orderedKey.
func keyValue(k uint64) float64 {
	if k>>63 != 0 {
		return math.Float64frombits(k &^ (1 << 63))
	}
	return math.Float64frombits(^k)
}
