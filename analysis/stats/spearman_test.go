package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
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
		want := naiveRanks(x)
		ranks, sorted := make([]float64, n), make([]float64, n)
		var r Ranker
		if err := r.Rank(ranks, sorted, x); err != nil {
			t.Fatal(err)
		}
		for i := range x {
			if ranks[i] != want[i] {
				t.Fatalf("n=%d: rank of x[%d]=%v is %v, want %v", n, i, x[i], ranks[i], want[i])
			}
		}
		inPlace := slices.Clone(x)
		if err := r.Rank(inPlace, nil, inPlace); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(inPlace, want) {
			t.Fatalf("n=%d: ranking in place differs", n)
		}
		s := slices.Clone(x)
		slices.Sort(s)
		for i := range s {
			if s[i] != sorted[i] {
				t.Fatalf("n=%d: sorted[%d] = %v, want %v", n, i, sorted[i], s[i])
			}
		}
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
