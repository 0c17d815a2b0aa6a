package stats

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

func TestSpearman(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want float64
	}{
		// Wikipedia, "Spearman's rank correlation coefficient", worked example: IQ against hours of
		// television a week for ten people; Σd² = 194, ρ = 1 − 6·194/(10·99) = −29/165.
		{"wikipedia iq and tv",
			[]float64{106, 100, 86, 101, 99, 103, 97, 113, 112, 110},
			[]float64{7, 27, 2, 50, 28, 29, 20, 12, 6, 17},
			-29.0 / 165},
		// Ties by hand: ranks x = 1, 2.5, 2.5, 4 and y = 1, 3, 2, 4, both with mean 2.5; deviations
		// (−1.5, 0, 0, 1.5) and (−1.5, 0.5, −0.5, 1.5) give Sxy = 4.5, Sxx = 4.5, Syy = 5, so
		// ρ = 4.5/√22.5 = 0.9486832980505138.
		{"ties averaged", []float64{1, 2, 2, 3}, []float64{1, 3, 2, 4}, 0.9486832980505138},
		{"monotone but not linear", []float64{1, 2, 3, 4, 5}, []float64{1, 8, 27, 64, 125}, 1},
		{"reversed", []float64{-1, -2, -3}, []float64{0.1, 0.2, 0.3}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := spearman(tt.x, tt.y)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("Spearman = %.16g, want %.16g", got, tt.want)
			}
		})
	}
}

func TestSpearmanErrors(t *testing.T) {
	if _, err := spearman([]float64{1, 2}, []float64{1}); !errors.Is(err, ErrSpearmanLength) {
		t.Errorf("unequal lengths: err = %v, want ErrSpearmanLength", err)
	}
	if _, err := spearman([]float64{1, math.NaN()}, []float64{1, 2}); !errors.Is(err, ErrSpearmanNaN) {
		t.Errorf("NaN: err = %v, want ErrSpearmanNaN", err)
	}
	if got, err := spearman([]float64{1, 1, 1}, []float64{1, 2, 3}); err != nil || !math.IsNaN(got) {
		t.Errorf("constant sample: got %v, %v, want NaN, nil", got, err)
	}
}

// TestRankAgainstComparisonSort checks the radix ranker against the definition of fractional
// ranks computed by a plain comparison sort, on data built to stress it: both signs, ±0, values
// that share their top 32 key bits, heavy ties and ±Inf.
func TestRankAgainstComparisonSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 17, 1000, 100_000} {
		x := make([]float64, n)
		for i := range x {
			switch rng.IntN(6) {
			case 0:
				x[i] = rng.NormFloat64() * 1e6
			case 1:
				x[i] = float64(rng.IntN(5)) // ties
			case 2:
				x[i] = 1000 + float64(rng.IntN(1000))*1e-12 // share the top 32 bits
			case 3:
				x[i] = math.Copysign(0, rng.NormFloat64())
			case 4:
				x[i] = math.Inf(2*rng.IntN(2) - 1)
			default:
				x[i] = -rng.ExpFloat64()
			}
		}
		s := slices.Clone(x)
		slices.Sort(s)
		checkRanks(t, fmt.Sprintf("n=%d", n), x, naiveRanks(x), s)
	}
}

// TestRankAgainstStableSort checks the radix ranker against average ranks computed from a stable
// comparison sort of the indices, on samples shaped like Monte Carlo columns: continuous draws of
// one sign (ranked on their float keys), of both signs (ranked on their position between the
// smallest and largest value), with exact ties mixed in, and with values that differ only in their
// last bits, which the kept key bits cannot tell apart.
func TestRankAgainstStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	// A slice, not a map: the cases share rng, so their order fixes the samples drawn.
	draws := []struct {
		name string
		draw func() float64
	}{
		{"positive", func() float64 { return math.Exp(12 + 0.5*rng.NormFloat64()) }},
		{"both signs", func() float64 { return -4e5 + 6e5*rng.NormFloat64() }},
		{"positive, ties", func() float64 { return math.Round(100 + 10*rng.NormFloat64()) }},
		{"both signs, ties", func() float64 { return float64(rng.IntN(41) - 20) }},
		{"both signs, close", func() float64 {
			if rng.IntN(2) == 0 {
				return -1e6
			}
			return 1e6 + float64(rng.IntN(1000))*1e-9
		}},
	}
	for _, c := range draws {
		name, draw := c.name, c.draw
		for _, n := range []int{2, 3, 100, 70_000} {
			x := make([]float64, n)
			for i := range x {
				x[i] = draw()
				if rng.IntN(10) == 0 && i > 0 {
					x[i] = x[rng.IntN(i)] // an exact tie with an earlier draw
				}
			}
			order := make([]int, n)
			for i := range order {
				order[i] = i
			}
			sort.SliceStable(order, func(a, b int) bool { return x[order[a]] < x[order[b]] })
			want := make([]float64, n)
			for lo := 0; lo < n; {
				hi := lo + 1
				for hi < n && x[order[hi]] == x[order[lo]] {
					hi++
				}
				for _, i := range order[lo:hi] {
					want[i] = float64(lo+1+hi) / 2
				}
				lo = hi
			}
			sorted := make([]float64, n)
			for j, i := range order {
				sorted[j] = x[i]
			}
			checkRanks(t, fmt.Sprintf("%s, n=%d", name, n), x, want, sorted)
		}
	}
}

// checkRanks ranks x with a new Ranker, asking for its sorted values, and then again in place on a
// copy, and fails unless the ranks are want both times and the sorted values are sorted.
func checkRanks(t *testing.T, label string, x, want, sorted []float64) {
	t.Helper()
	n := len(x)
	ranks, got := make([]float64, n), make([]float64, n)
	var r Ranker
	if err := r.Rank(ranks, got, x); err != nil {
		t.Fatal(err)
	}
	for i := range x {
		if ranks[i] != want[i] {
			t.Fatalf("%s: rank of x[%d]=%v is %v, want %v", label, i, x[i], ranks[i], want[i])
		}
	}
	for j := range sorted {
		if got[j] != sorted[j] {
			t.Fatalf("%s: sorted[%d] = %v, want %v", label, j, got[j], sorted[j])
		}
	}
	inPlace := slices.Clone(x)
	if err := r.Rank(inPlace, nil, inPlace); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(inPlace, want) {
		t.Fatalf("%s: ranking in place differs", label)
	}
}

// naiveRanks is the textbook definition: the rank of x[i] is the number of smaller values plus the
// mean of the positions 1..m taken by the m values equal to it.
func naiveRanks(x []float64) []float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	r := make([]float64, len(x))
	for i, v := range x {
		lo, _ := slices.BinarySearch(s, v)
		hi := lo
		for hi < len(s) && s[hi] == v {
			hi++
		}
		r[i] = float64(lo+1+hi) / 2
	}
	return r
}

func BenchmarkRankMillion(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	x := make([]float64, 1_000_000)
	for i := range x {
		x[i] = rng.NormFloat64()*1e5 + 4e5
	}
	ranks := make([]float64, len(x))
	var r Ranker
	for b.Loop() {
		if err := r.Rank(ranks, nil, x); err != nil {
			b.Fatal(err)
		}
	}
}
