package costmodel

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestBetaSamplerMatchesGonum draws from gonum's distuv.Beta and from betaSampler on two
// generators seeded alike: every draw must be the same float64, bit for bit, for PERT-like shapes
// (α, β ≥ 1, including α = 1 exactly) and for shapes below 1 and below 0.2.
func TestBetaSamplerMatchesGonum(t *testing.T) {
	shapes := [][2]float64{{1, 5}, {5, 1}, {1, 1}, {2.2, 3.8}, {1.0000001, 4}, {4.6, 1.4}, {0.5, 0.7}, {0.1, 2}, {3, 0.15}}
	for _, sh := range shapes {
		ref := distuv.Beta{Alpha: sh[0], Beta: sh[1], Src: rand.NewPCG(7, 11)}
		ours := newBetaSampler(sh[0], sh[1], rand.NewPCG(7, 11))
		for i := range 20000 {
			want, got := ref.Rand(), ours.Rand()
			if math.Float64bits(want) != math.Float64bits(got) {
				t.Fatalf("Beta(%g, %g) draw %d: gonum %v, betaSampler %v", sh[0], sh[1], i, want, got)
			}
		}
	}
}

// BenchmarkBetaSampler compares one PERT-shaped draw by gonum and by betaSampler.
func BenchmarkBetaSampler(b *testing.B) {
	b.Run("gonum", func(b *testing.B) {
		beta := distuv.Beta{Alpha: 2.2, Beta: 3.8, Src: rand.NewPCG(1, 2)}
		for range b.N {
			beta.Rand()
		}
	})
	b.Run("betaSampler", func(b *testing.B) {
		beta := newBetaSampler(2.2, 3.8, rand.NewPCG(1, 2))
		for range b.N {
			beta.Rand()
		}
	})
}

// TestSamplersMatchGonum draws from gonum's distuv distributions and from the scenario samplers
// on two generators seeded alike: uniform, triangular (mode at either end too), normal and
// lognormal draws must be the same float64s, bit for bit, so that writing the samplers out
// changed no result.
func TestSamplersMatchGonum(t *testing.T) {
	cases := []struct {
		d   Distribution
		ref func(src rand.Source) func() float64
	}{
		{Distribution{Kind: Uniform, Min: 3, Max: 5},
			func(src rand.Source) func() float64 { return distuv.Uniform{Min: 3, Max: 5, Src: src}.Rand }},
		{Distribution{Kind: Triangular, Min: 800, Mode: 1200, Max: 2000},
			func(src rand.Source) func() float64 { return distuv.NewTriangle(800, 2000, 1200, src).Rand }},
		{Distribution{Kind: Triangular, Min: 0, Mode: 0, Max: 1},
			func(src rand.Source) func() float64 { return distuv.NewTriangle(0, 1, 0, src).Rand }},
		{Distribution{Kind: Triangular, Min: -3, Mode: 7, Max: 7},
			func(src rand.Source) func() float64 { return distuv.NewTriangle(-3, 7, 7, src).Rand }},
		{Distribution{Kind: Normal, Mean: 60, SD: 10},
			func(src rand.Source) func() float64 { return distuv.Normal{Mu: 60, Sigma: 10, Src: src}.Rand }},
		{Distribution{Kind: LogNormal, Mu: 11.918390573078392, Sigma: 0.3},
			func(src rand.Source) func() float64 {
				return distuv.LogNormal{Mu: 11.918390573078392, Sigma: 0.3, Src: src}.Rand
			}},
	}
	for _, c := range cases {
		ref := c.ref(rand.NewPCG(7, 11))
		got := make([]float64, 20000)
		c.d.newSampler(rand.NewPCG(7, 11))(got)
		for i, g := range got {
			if want := ref(); math.Float64bits(want) != math.Float64bits(g) {
				t.Fatalf("%s draw %d: gonum %v, sampler %v", c.d.Kind, i, want, g)
			}
		}
	}
}
