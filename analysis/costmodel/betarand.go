package costmodel

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// betaSampler draws from Beta(α, β) exactly as gonum's distuv.Beta.Rand does, draw for draw and
// bit for bit (a ratio of two gamma variates, each by Marsaglia and Tsang's method, "A simple method
// for generating gamma variables", ACM TOMS 26(3), 2000), without what gonum's generic code costs on
// every call: a new rand.Rand wrapper and three method values per gamma variate, and the shape
// constants worked out again. math/rand/v2's Rand holds nothing but its source, so one wrapper
// gives the same numbers as gonum's fresh ones. TestBetaSamplerMatchesGonum checks the identity.
type betaSampler struct {
	rng  *rand.Rand
	a, b gammaShape
	src  rand.Source
}

// gammaShape holds a Gamma(α, 1) variate's constants for Marsaglia and Tsang's method.
type gammaShape struct {
	alpha, d, c float64
}

func newGammaShape(alpha float64) gammaShape {
	d := alpha - 1.0/3
	if alpha < 1 {
		d += 1.0
	}
	return gammaShape{alpha: alpha, d: d, c: 1 / (3 * math.Sqrt(d))}
}

func newBetaSampler(alpha, beta float64, src rand.Source) *betaSampler {
	return &betaSampler{rng: rand.New(src), a: newGammaShape(alpha), b: newGammaShape(beta), src: src}
}

// Rand returns one Beta variate.
func (s *betaSampler) Rand() float64 {
	ga := s.gamma(&s.a)
	gb := s.gamma(&s.b)
	return ga / (ga + gb)
}

// gamma follows gonum's Gamma.Rand with rate 1, step by step.
func (s *betaSampler) gamma(g *gammaShape) float64 {
	const b = 1.0
	a := g.alpha
	switch {
	case a <= 0 || a < 0.2:
		// gonum panics on a <= 0 and uses Liu, Martin and Syring's method below 0.2; neither
		// happens for the shapes we draw (PERT shapes are at least 1), but gonum is the reference.
		return distuv.Gamma{Alpha: a, Beta: b, Src: s.src}.Rand()
	case a == 1:
		return s.rng.ExpFloat64() / b
	}
	d, c := g.d, g.c
	m := 1.0
	if a < 1 {
		m = math.Pow(s.rng.Float64(), 1/a)
	}
	for {
		x := s.rng.NormFloat64()
		v := 1 + x*c
		if v <= 0.0 {
			continue
		}
		v = v * v * v
		u := s.rng.Float64()
		if u < 1.0-0.0331*(x*x)*(x*x) {
			return m * d * v / b
		}
		if math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return m * d * v / b
		}
	}
}
