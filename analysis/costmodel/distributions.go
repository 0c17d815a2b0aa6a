package costmodel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// DistKind names a family of input distributions as written in a scenario file.
type DistKind string

// The distributions a scenario input may follow.
const (
	Fixed      DistKind = "fixed"      // value
	Uniform    DistKind = "uniform"    // min, max
	Triangular DistKind = "triangular" // min, mode, max
	PERT       DistKind = "pert"       // min, mode, max, optional lambda (default 4)
	Normal     DistKind = "normal"     // mean, sd, optional min and max (truncation)
	LogNormal  DistKind = "lognormal"  // p10 and p90, or mean and sd, or mu and sigma of the logarithm
	Bernoulli  DistKind = "bernoulli"  // p
	Discrete   DistKind = "discrete"   // values, optional weights
)

// Distribution is one input's uncertainty, validated. Only the fields of its Kind are meaningful;
// a lognormal is held as Mu and Sigma whichever way it was written (Params keeps what was written).
type Distribution struct {
	Kind           DistKind
	Value          float64 // fixed
	Min, Mode, Max float64 // uniform, triangular, PERT; Min and Max also truncate a normal
	Lambda         float64 // PERT shape weight on the mode
	Mean, SD       float64 // normal
	Truncated      bool    // normal has Min and Max (either may be infinite)
	Mu, Sigma      float64 // lognormal: parameters of the logarithm
	P              float64 // bernoulli
	Values         []float64
	Weights        []float64 // discrete, normalised to sum to 1
	// Params are the parameters as written in the scenario, for reports.
	Params map[string]float64
}

// z90 is the 90th percentile of the standard normal, Φ⁻¹(0.9), used to turn a P10–P90 range into a
// lognormal's σ.
const z90 = 1.2815515655446004

// isFixed reports whether the input takes one value in every draw.
func (d *Distribution) isFixed() bool { return d.Kind == Fixed }

// Base returns the value used in the deterministic ("most likely") case and as the centre of the
// tornado: the mode of a triangular or PERT, the mean of a uniform or normal (of the truncated
// distribution when truncated), the median of a lognormal, and the most likely outcome of a
// bernoulli (1 only when p > 0.5) or discrete input (the value of highest weight, the first listed
// on ties). An event is never taken at its mean: a 50% chance is not a half-happened event.
func (d *Distribution) Base() float64 {
	switch d.Kind {
	case Fixed:
		return d.Value
	case Uniform:
		return (d.Min + d.Max) / 2
	case Triangular, PERT:
		return d.Mode
	case Normal:
		return d.ExpectedValue()
	case LogNormal:
		return math.Exp(d.Mu)
	case Bernoulli:
		if d.P > 0.5 {
			return 1
		}
		return 0
	case Discrete:
		m := 0
		for i, w := range d.Weights {
			if w > d.Weights[m] {
				m = i
			}
		}
		return d.Values[m]
	}
	return math.NaN()
}

// ExpectedValue returns the mean of the distribution in closed form.
func (d *Distribution) ExpectedValue() float64 {
	switch d.Kind {
	case Fixed:
		return d.Value
	case Uniform:
		return (d.Min + d.Max) / 2
	case Triangular:
		return (d.Min + d.Mode + d.Max) / 3
	case PERT:
		return (d.Min + d.Lambda*d.Mode + d.Max) / (d.Lambda + 2)
	case Normal:
		if !d.Truncated {
			return d.Mean
		}
		// Mean of a truncated normal: μ + σ(φ(α) − φ(β))/(Φ(β) − Φ(α)).
		a, b := (d.Min-d.Mean)/d.SD, (d.Max-d.Mean)/d.SD
		std := distuv.UnitNormal
		return d.Mean + d.SD*(std.Prob(a)-std.Prob(b))/truncMass(a, b)
	case LogNormal:
		return math.Exp(d.Mu + d.Sigma*d.Sigma/2)
	case Bernoulli:
		return d.P
	case Discrete:
		var m float64
		for i, v := range d.Values {
			m += d.Weights[i] * v
		}
		return m
	}
	return math.NaN()
}

// Quantile returns the p-quantile, the smallest x with P(X ≤ x) ≥ p. The tornado uses P10 and P90.
func (d *Distribution) Quantile(p float64) float64 {
	switch d.Kind {
	case Fixed:
		return d.Value
	case Uniform:
		return d.Min + p*(d.Max-d.Min)
	case Triangular:
		return distuv.NewTriangle(d.Min, d.Max, d.Mode, nil).Quantile(p)
	case PERT:
		a, b := d.pertShape()
		return d.Min + (d.Max-d.Min)*distuv.Beta{Alpha: a, Beta: b}.Quantile(p)
	case Normal:
		if !d.Truncated {
			return d.Mean + d.SD*distuv.UnitNormal.Quantile(p)
		}
		a, b := (d.Min-d.Mean)/d.SD, (d.Max-d.Mean)/d.SD
		return d.Mean + d.SD*truncQuantile(a, b, p)
	case LogNormal:
		return math.Exp(d.Mu + d.Sigma*distuv.UnitNormal.Quantile(p))
	case Bernoulli:
		if p <= 1-d.P {
			return 0
		}
		return 1
	case Discrete:
		vals, cum := d.cumulative()
		for i, c := range cum {
			if c >= p-1e-12 {
				return vals[i]
			}
		}
		return vals[len(vals)-1]
	}
	return math.NaN()
}

// Range returns the interval searched for switching values: the support of a uniform, triangular,
// PERT, bernoulli or discrete input, and P1 to P99 of a normal (truncated or not) or lognormal one,
// whose tails would otherwise stretch the search to implausible values.
func (d *Distribution) Range() (lo, hi float64) {
	switch d.Kind {
	case Fixed:
		return d.Value, d.Value
	case Uniform, Triangular, PERT:
		return d.Min, d.Max
	case Bernoulli:
		return 0, 1
	case Discrete:
		return slices.Min(d.Values), slices.Max(d.Values)
	}
	return d.Quantile(0.01), d.Quantile(0.99)
}

// String describes the distribution as it was written, e.g. "pert(min=0.1, mode=0.15, max=0.25)".
func (d *Distribution) String() string {
	switch d.Kind {
	case Fixed:
		return fmt.Sprintf("fixed(%g)", d.Value)
	case Discrete:
		return fmt.Sprintf("discrete(values=%v, weights=%v)", d.Values, d.Weights)
	}
	keys := make([]string, 0, len(d.Params))
	for k := range d.Params {
		keys = append(keys, k)
	}
	order := []string{"min", "mode", "max", "mean", "sd", "p10", "p90", "mu", "sigma", "p", "lambda"}
	slices.SortFunc(keys, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%g", k, d.Params[k])
	}
	return string(d.Kind) + "(" + strings.Join(parts, ", ") + ")"
}

func (d *Distribution) pertShape() (alpha, beta float64) {
	w := d.Max - d.Min
	return 1 + d.Lambda*(d.Mode-d.Min)/w, 1 + d.Lambda*(d.Max-d.Mode)/w
}

// cumulative returns the discrete values in ascending order (equal values merged) with their
// cumulative probabilities.
func (d *Distribution) cumulative() (vals, cum []float64) {
	idx := make([]int, len(d.Values))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case d.Values[a] < d.Values[b]:
			return -1
		case d.Values[a] > d.Values[b]:
			return 1
		}
		return 0
	})
	var c float64
	for _, i := range idx {
		c += d.Weights[i]
		if n := len(vals); n > 0 && vals[n-1] == d.Values[i] {
			cum[n-1] = c
			continue
		}
		vals = append(vals, d.Values[i])
		cum = append(cum, c)
	}
	return vals, cum
}

// truncMass returns Φ(b) − Φ(a) accurately in either tail.
func truncMass(a, b float64) float64 {
	if a > 0 {
		// Upper tail: use survival functions, which keep their precision there.
		return distuv.UnitNormal.Survival(a) - distuv.UnitNormal.Survival(b)
	}
	return distuv.UnitNormal.CDF(b) - distuv.UnitNormal.CDF(a)
}

// truncQuantile returns the p-quantile of a standard normal truncated to [a, b].
func truncQuantile(a, b, p float64) float64 {
	std := distuv.UnitNormal
	if a > 0 {
		// Mirror into the lower tail, where CDF values are not rounded to 1.
		return -truncQuantile(-b, -a, 1-p)
	}
	return std.Quantile(std.CDF(a) + p*truncMass(a, b))
}

// sampler fills a column with independent draws.
type sampler func(dst []float64)

// newSampler returns a sampler drawing from src. It uses gonum's distuv samplers where gonum has
// the distribution; a PERT is a scaled Beta, and a truncated normal is drawn by rejection when
// most of the mass is kept and by inverse CDF otherwise.
func (d *Distribution) newSampler(src rand.Source) sampler {
	fill := func(r func() float64) sampler {
		return func(dst []float64) {
			for i := range dst {
				dst[i] = r()
			}
		}
	}
	switch d.Kind {
	case Fixed:
		v := d.Value
		return func(dst []float64) {
			for i := range dst {
				dst[i] = v
			}
		}
	// Uniform, triangular, normal and lognormal draws are gonum's Rand, draw for draw and bit
	// for bit (TestSamplersMatchGonum), written out: through a method value, each draw cost an
	// indirect call and a copy of the distribution.
	case Uniform:
		rng, lo, hi := rand.New(src), d.Min, d.Max
		return func(dst []float64) {
			for i := range dst {
				dst[i] = rng.Float64()*(hi-lo) + lo
			}
		}
	case Triangular:
		_ = distuv.NewTriangle(d.Min, d.Max, d.Mode, src) // its checks of the parameters
		rng, a, b, c := rand.New(src), d.Min, d.Max, d.Mode
		f := (c - a) / (b - a)
		return func(dst []float64) {
			for i := range dst {
				if p := rng.Float64(); p < f {
					dst[i] = a + math.Sqrt(p*(b-a)*(c-a))
				} else {
					dst[i] = b - math.Sqrt((1-p)*(b-a)*(b-c))
				}
			}
		}
	case PERT:
		a, b := d.pertShape()
		beta := newBetaSampler(a, b, src) // gonum's Beta.Rand, draw for draw, without its per-call set-up
		lo, w := d.Min, d.Max-d.Min
		return func(dst []float64) {
			for i := range dst {
				dst[i] = lo + w*beta.Rand()
			}
		}
	case Normal:
		n := distuv.Normal{Mu: d.Mean, Sigma: d.SD, Src: src}
		if !d.Truncated {
			rng, mu, sigma := rand.New(src), d.Mean, d.SD
			return func(dst []float64) {
				for i := range dst {
					dst[i] = rng.NormFloat64()*sigma + mu
				}
			}
		}
		a, b := (d.Min-d.Mean)/d.SD, (d.Max-d.Mean)/d.SD
		if truncMass(a, b) >= 0.25 {
			return fill(func() float64 {
				for {
					if x := n.Rand(); x >= d.Min && x <= d.Max {
						return x
					}
				}
			})
		}
		u := distuv.Uniform{Min: 0, Max: 1, Src: src}
		return fill(func() float64 { return d.Mean + d.SD*truncQuantile(a, b, u.Rand()) })
	case LogNormal:
		rng, mu, sigma := rand.New(src), d.Mu, d.Sigma
		return func(dst []float64) {
			for i := range dst {
				dst[i] = math.Exp(rng.NormFloat64()*sigma + mu)
			}
		}
	case Bernoulli:
		return fill(distuv.Bernoulli{P: d.P, Src: src}.Rand)
	case Discrete:
		c := distuv.NewCategorical(d.Weights, src)
		vals := d.Values
		return fill(func() float64 { return vals[int(c.Rand())] })
	}
	panic("costmodel: unknown distribution " + string(d.Kind))
}
