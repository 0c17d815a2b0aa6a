package costmodel

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// parseDist parses one input written as in a scenario file.
func parseDist(t *testing.T, src string) Distribution {
	t.Helper()
	sc, err := Parse("dist.toml", []byte(`name = "d"
base_year = 2014
horizon_years = 1
[inputs]
x = `+src+`
[[options]]
name = "o"
  [[options.lines]]
  name = "l"
  kind = "benefit"
  years = "0"
  amount = "x"
`))
	if err != nil {
		t.Fatalf("parsing %s: %v", src, err)
	}
	return sc.Inputs[0].Dist
}

// stdNormalCDF is Φ, written out here so the tests do not lean on the code under test.
func stdNormalCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// TestSamplers checks each sampler against its closed-form distribution: the mean within 5
// standard errors, the variance within 5 standard errors of the sample variance (estimated from the
// sample's fourth moment), and the whole distribution by a Kolmogorov–Smirnov test at α = 0.001
// (critical value 1.949/√n).
func TestSamplers(t *testing.T) {
	const n = 200_000
	pertCDF := func(a, m, b float64) func(float64) float64 {
		// PERT(a, m, b) is a + (b−a)·Beta(α, β); for (0, 0.5, 1), α = β = 3 and the Beta(3, 3) CDF
		// is the regularised incomplete beta I_x(3, 3) = 10x³ − 15x⁴ + 6x⁵.
		return func(x float64) float64 {
			u := (x - a) / (b - a)
			u = min(max(u, 0), 1)
			return 10*u*u*u - 15*u*u*u*u + 6*u*u*u*u*u
		}
	}
	tests := []struct {
		name       string
		src        string
		mean, vari float64
		cdf        func(float64) float64
	}{
		{"uniform", `{ dist = "uniform", min = 3, max = 5 }`, 4, 4.0 / 12,
			func(x float64) float64 { return min(max((x-3)/2, 0), 1) }},
		// Triangular(a, c, b): mean (a+b+c)/3, variance (a²+b²+c²−ab−ac−bc)/18.
		{"triangular", `{ dist = "triangular", min = 0, mode = 1, max = 3 }`, 4.0 / 3, (0 + 9 + 1 - 0 - 0 - 3) / 18.0,
			func(x float64) float64 {
				switch {
				case x <= 0:
					return 0
				case x <= 1:
					return x * x / 3 // x²/((b−a)(c−a))
				case x < 3:
					return 1 - (3-x)*(3-x)/6 // 1 − (b−x)²/((b−a)(b−c))
				}
				return 1
			}},
		// Beta(3, 3): mean 1/2, variance αβ/((α+β)²(α+β+1)) = 9/(36·7) = 1/28.
		{"pert", `{ dist = "pert", min = 0, mode = 0.5, max = 1 }`, 0.5, 1.0 / 28, pertCDF(0, 0.5, 1)},
		{"normal", `{ dist = "normal", mean = 60, sd = 8 }`, 60, 64,
			func(x float64) float64 { return stdNormalCDF((x - 60) / 8) }},
		// Half-normal: mean σ√(2/π), variance σ²(1 − 2/π); CDF 2Φ(x/σ) − 1.
		{"truncated normal", `{ dist = "normal", mean = 0, sd = 2, min = 0 }`, 2 * math.Sqrt(2/math.Pi), 4 * (1 - 2/math.Pi),
			func(x float64) float64 { return max(2*stdNormalCDF(x/2)-1, 0) }},
		// Lognormal(μ, σ): mean e^(μ+σ²/2), variance (e^σ² − 1)e^(2μ+σ²).
		{"lognormal", `{ dist = "lognormal", mu = 1, sigma = 0.5 }`, math.Exp(1.125), (math.Exp(0.25) - 1) * math.Exp(2.25),
			func(x float64) float64 {
				if x <= 0 {
					return 0
				}
				return stdNormalCDF((math.Log(x) - 1) / 0.5)
			}},
		{"bernoulli", `{ dist = "bernoulli", p = 0.3 }`, 0.3, 0.21,
			func(x float64) float64 {
				switch {
				case x < 0:
					return 0
				case x < 1:
					return 0.7
				}
				return 1
			}},
		// values 1, 2, 10 with weights 1, 2, 1: mean (1+4+10)/4 = 3.75, E[X²] = (1+8+100)/4 = 27.25.
		{"discrete", `{ dist = "discrete", values = [10, 1, 2], weights = [1, 1, 2] }`, 3.75, 27.25 - 3.75*3.75,
			func(x float64) float64 {
				switch {
				case x < 1:
					return 0
				case x < 2:
					return 0.25
				case x < 10:
					return 0.75
				}
				return 1
			}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parseDist(t, tt.src)
			x := make([]float64, n)
			d.newSampler(rand.NewPCG(42, uint64(i)))(x)
			var mean float64
			for _, v := range x {
				mean += v
			}
			mean /= n
			var m2, m4 float64
			for _, v := range x {
				d := (v - mean) * (v - mean)
				m2 += d
				m4 += d * d
			}
			s2 := m2 / (n - 1)
			m4 /= n
			if se := math.Sqrt(tt.vari / n); math.Abs(mean-tt.mean) > 5*se {
				t.Errorf("mean %.6g, want %.6g ± %.3g", mean, tt.mean, 5*se)
			}
			if se := math.Sqrt((m4 - s2*s2) / n); math.Abs(s2-tt.vari) > 5*se {
				t.Errorf("variance %.6g, want %.6g ± %.3g", s2, tt.vari, 5*se)
			}
			slices.Sort(x)
			// D is the largest gap between the empirical CDF and F, checked on both sides of each
			// distinct value: F(v) against the share ≤ v, and F(v⁻) against the share < v.
			var dmax float64
			for lo := 0; lo < n; {
				v := x[lo]
				hi := lo + 1
				for hi < n && x[hi] == v {
					hi++
				}
				below := tt.cdf(math.Nextafter(v, math.Inf(-1)))
				dmax = max(dmax, math.Abs(float64(hi)/n-tt.cdf(v)), math.Abs(float64(lo)/n-below))
				lo = hi
			}
			if crit := 1.949 / math.Sqrt(n); dmax > crit {
				t.Errorf("Kolmogorov–Smirnov D = %.5f > %.5f", dmax, crit)
			}
		})
	}
}

func TestQuantilesAndBaseValues(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		base      float64
		p         float64
		quantile  float64
		mean      float64
		tolerance float64
	}{
		// Triangular(0, 1, 3): F(1) = 1/3, so the median solves 1 − (3−x)²/6 = 1/2: x = 3 − √3.
		{"triangular", `{ dist = "triangular", min = 0, mode = 1, max = 3 }`, 1, 0.5, 3 - math.Sqrt(3), 4.0 / 3, 1e-12},
		// PERT(0, 0.5, 1) is Beta(3, 3), symmetric: median 0.5; PERT mean (a + 4m + b)/6.
		{"pert median", `{ dist = "pert", min = 0, mode = 0.5, max = 1 }`, 0.5, 0.5, 0.5, 0.5, 1e-9},
		{"pert mean", `{ dist = "pert", min = 0.10, mode = 0.30, max = 0.60 }`, 0.30, 0, 0.10, (0.1 + 1.2 + 0.6) / 6, 1e-12},
		{"uniform", `{ dist = "uniform", min = 3, max = 5 }`, 4, 0.1, 3.2, 4, 1e-12},
		// Normal P90 = mean + 1.2815515655·sd.
		{"normal", `{ dist = "normal", mean = 60, sd = 8 }`, 60, 0.9, 60 + 8*1.2815515655446004, 60, 1e-9},
		// Half-normal median σ·Φ⁻¹(0.75) = 0.6744897501960817σ; mean σ√(2/π), also its base value.
		{"half normal", `{ dist = "normal", mean = 0, sd = 2, min = 0 }`, 2 * math.Sqrt(2/math.Pi), 0.5, 2 * 0.6744897501960817, 2 * math.Sqrt(2/math.Pi), 1e-9},
		// A lognormal given by P10 and P90 returns them, and its base is the median √(p10·p90).
		{"lognormal p10", `{ dist = "lognormal", p10 = 50000, p90 = 400000 }`, math.Sqrt(50000 * 400000), 0.1, 50000, 0, 1e-6},
		{"lognormal p90", `{ dist = "lognormal", p10 = 50000, p90 = 400000 }`, math.Sqrt(50000 * 400000), 0.9, 400000, 0, 1e-6},
		// By mean and sd: σ² = ln(1 + 0.25) so the median is mean/√1.25.
		{"lognormal mean sd", `{ dist = "lognormal", mean = 100, sd = 50 }`, 100 / math.Sqrt(1.25), 0.5, 100 / math.Sqrt(1.25), 100, 1e-9},
		// An event's base is its most likely outcome, never its mean: 1 only when p > 0.5.
		{"bernoulli", `{ dist = "bernoulli", p = 0.6 }`, 1, 0.3, 0, 0.6, 0},
		{"bernoulli high", `{ dist = "bernoulli", p = 0.6 }`, 1, 0.9, 1, 0.6, 0},
		{"bernoulli even", `{ dist = "bernoulli", p = 0.5 }`, 0, 0.9, 1, 0.5, 0},
		{"bernoulli unlikely", `{ dist = "bernoulli", p = 0.3 }`, 0, 0.9, 1, 0.3, 0},
		// Weights 1/4, 1/4, 1/2: the mode is 2; the mean 10/4 + 1/4 + 1 = 3.75.
		{"discrete", `{ dist = "discrete", values = [10, 1, 2], weights = [1, 1, 2] }`, 2, 0.5, 2, 3.75, 1e-12},
		// Equal weights: the first value listed.
		{"discrete tie", `{ dist = "discrete", values = [4, 3, 5] }`, 4, 0.5, 4, 4, 1e-12},
		{"fixed", `5`, 5, 0.9, 5, 5, 0},
		{"fixed table", `{ dist = "fixed", value = 7 }`, 7, 0.1, 7, 7, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parseDist(t, tt.src)
			if got := d.Base(); math.Abs(got-tt.base) > tt.tolerance*max(1, math.Abs(tt.base)) {
				t.Errorf("Base = %.12g, want %.12g", got, tt.base)
			}
			if got := d.Quantile(tt.p); math.Abs(got-tt.quantile) > tt.tolerance*max(1, math.Abs(tt.quantile)) {
				t.Errorf("Quantile(%v) = %.12g, want %.12g", tt.p, got, tt.quantile)
			}
			if tt.mean != 0 {
				if got := d.ExpectedValue(); math.Abs(got-tt.mean) > tt.tolerance*max(1, math.Abs(tt.mean)) {
					t.Errorf("ExpectedValue = %.12g, want %.12g", got, tt.mean)
				}
			}
		})
	}
}
