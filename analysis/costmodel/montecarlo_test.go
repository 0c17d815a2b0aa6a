package costmodel

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/psnbyod/psnbyod/analysis/stats"
	"github.com/psnbyod/psnbyod/datasets/scenarios"
)

// normalLines is a scenario whose NPSV is a linear combination of two independent normals, so its
// distribution is normal with a mean and spread known in closed form.
const normalLines = `name = "normal lines"
base_year = 2020
horizon_years = 3
discount = 0.10
iterations = 100000
seed = 7
baseline = "fixed"
[inputs]
a = { dist = "normal", mean = 100, sd = 10 }
b = { dist = "normal", mean = 50, sd = 5 }
[[options]]
name = "fixed"
  [[options.lines]]
  name = "known benefit"
  kind = "benefit"
  years = [0]
  amount = "180"
[[options]]
name = "uncertain"
  [[options.lines]]
  name = "benefit a"
  kind = "benefit"
  years = "0-2"
  amount = "a"
  [[options.lines]]
  name = "cost b"
  kind = "cost"
  category = "operating"
  years = "0-1"
  amount = "b"
`

// TestNormalLinesClosedForm: NPSV = ca·a − cb·b with ca = 1 + 1/1.1 + 1/1.21 and cb = 1 + 1/1.1, so
// it is normal with mean 100·ca − 50·cb and sd √((10·ca)² + (5·cb)²). Every Monte Carlo figure must
// agree within 4.5 of its standard errors.
func TestNormalLinesClosedForm(t *testing.T) {
	sc := mustParse(t, normalLines)
	r, err := Analyse(context.Background(), sc, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := float64(sc.Iterations)
	ca, cb := 1+1/1.1+1/1.21, 1+1/1.1
	mean := 100*ca - 50*cb
	sd := math.Hypot(10*ca, 5*cb)
	got := r.Options[1].NPSV
	if se := sd / math.Sqrt(n); !near(got.Mean, mean, 4.5*se) {
		t.Errorf("mean %.4f, want %.4f ± %.4f", got.Mean, mean, 4.5*se)
	}
	if se := sd / math.Sqrt(2*n); !near(got.SD, sd, 4.5*se) {
		t.Errorf("sd %.4f, want %.4f ± %.4f", got.SD, sd, 4.5*se)
	}
	if !near(got.SE, got.SD/math.Sqrt(n), 1e-12) {
		t.Errorf("se %v is not sd/√n", got.SE)
	}
	// Normal quantiles z_p, and the standard error of a sample quantile √(p(1−p)/n)/f(q_p).
	for _, q := range []struct {
		p, z, got float64
	}{{0.05, -1.6448536269514722, got.P5}, {0.10, -1.2815515655446004, got.P10}, {0.5, 0, got.P50},
		{0.90, 1.2815515655446004, got.P90}, {0.95, 1.6448536269514722, got.P95}} {
		want := mean + sd*q.z
		density := math.Exp(-q.z*q.z/2) / (sd * math.Sqrt(2*math.Pi))
		if se := math.Sqrt(q.p*(1-q.p)/n) / density; !near(q.got, want, 4.5*se) {
			t.Errorf("P%.0f = %.4f, want %.4f ± %.4f", q.p*100, q.got, want, 4.5*se)
		}
	}
	// P(uncertain beats fixed) = P(NPSV > 180) = Φ((mean − 180)/sd); it is also prob_better of the
	// incremental NPSV and the uncertain option's prob_best.
	p := stdNormalCDF((mean - 180) / sd)
	se := math.Sqrt(p * (1 - p) / n)
	if !near(r.Options[1].ProbBest, p, 4.5*se) || !near(r.Incremental[0].Monte.ProbBetter, p, 4.5*se) {
		t.Errorf("prob_best %.4f, prob_better %.4f, want %.4f ± %.4f", r.Options[1].ProbBest, r.Incremental[0].Monte.ProbBetter, p, 4.5*se)
	}
	if !near(r.Options[0].ProbBest+r.Options[1].ProbBest, 1, 1e-12) {
		t.Error("prob_best does not sum to 1")
	}
	// Deterministic case at the means: ca·100 − cb·50.
	if !near(r.Options[1].Deterministic.NPSV, mean, 1e-9) {
		t.Errorf("deterministic NPSV %.6f, want %.6f", r.Options[1].Deterministic.NPSV, mean)
	}
	// Spearman ρ of a with NPSV for a bivariate normal with Pearson r = 10·ca/sd is (6/π)·asin(r/2).
	rho := 6 / math.Pi * math.Asin(10*ca/sd/2)
	for _, ir := range r.RankCorrelations[1].Inputs {
		if ir.Input == "a" && !near(*ir.Rho, rho, 4.5*(1-rho*rho)/math.Sqrt(n)) {
			t.Errorf("rank correlation of a = %.4f, want %.4f", *ir.Rho, rho)
		}
	}
}

// TestDrawsStreamInOrder checks the sink sees every iteration once, in order, and that each NPSV
// is the closed-form combination of that iteration's inputs.
func TestDrawsStreamInOrder(t *testing.T) {
	sc := mustParse(t, normalLines)
	sc.Iterations = 3*chunkSize + 17
	ca, cb := 1+1/1.1+1/1.21, 1+1/1.1
	next := 0
	calls := 0
	var done int
	_, err := Analyse(context.Background(), sc, RunOptions{Workers: 3,
		Progress: func(d, total int) { done = d },
		Draws: func(c DrawChunk) error {
			calls++
			if c.Start != next {
				t.Fatalf("chunk starts at %d, want %d", c.Start, next)
			}
			for i := range c.Rows() {
				want := ca*c.Inputs[0][i] - cb*c.Inputs[1][i]
				if !near(c.NPSV[1][i], want, 1e-9*math.Abs(want)+1e-9) || c.NPSV[0][i] != 180 {
					t.Fatalf("iteration %d: NPSV %v, %v; want 180, %v", c.Start+i, c.NPSV[0][i], c.NPSV[1][i], want)
				}
			}
			next += c.Rows()
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if next != sc.Iterations || calls != 4 || done != sc.Iterations {
		t.Errorf("sink saw %d rows in %d calls, progress %d; want %d rows in 4 calls", next, calls, done, sc.Iterations)
	}
}

// TestSameResultWhateverTheWorkers runs the benchmark workload on 1 and 3 goroutines and requires
// byte-identical summaries.
func TestSameResultWhateverTheWorkers(t *testing.T) {
	sc := workload(t)
	sc.Iterations = 5*chunkSize + 100
	var out [2][]byte
	for i, w := range []int{1, 3} {
		r, err := Analyse(context.Background(), sc, RunOptions{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if out[i], err = json.Marshal(r); err != nil {
			t.Fatal(err)
		}
	}
	if string(out[0]) != string(out[1]) {
		t.Error("results differ between 1 and 3 workers")
	}
}

// TestInducedRankCorrelation checks Iman–Conover reaches the target rank correlations while
// keeping each input's own distribution.
func TestInducedRankCorrelation(t *testing.T) {
	sc := mustParse(t, `name = "corr"
base_year = 2020
horizon_years = 1
iterations = 65536
seed = 3
[inputs]
u1 = { dist = "uniform", min = 0, max = 1 }
u2 = { dist = "triangular", min = 0, mode = 2, max = 10 }
u3 = { dist = "lognormal", mu = 0, sigma = 1 }
[[correlations]]
inputs = ["u1", "u2"]
rank = 0.7
[[correlations]]
inputs = ["u3", "u1"]
rank = -0.4
[[options]]
name = "o"
  [[options.lines]]
  name = "l"
  kind = "benefit"
  years = [0]
  amount = "u1 + u2 + u3"
`)
	cols := make([][]float64, 3)
	_, err := Analyse(context.Background(), sc, RunOptions{Draws: func(c DrawChunk) error {
		for j := range cols {
			cols[j] = append(cols[j], c.Inputs[j]...)
		}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	n := float64(sc.Iterations)
	for _, tt := range []struct {
		i, j   int
		target float64
	}{{0, 1, 0.7}, {0, 2, -0.4}, {1, 2, 0}} {
		got, err := spearmanRho(cols[tt.i], cols[tt.j])
		if err != nil {
			t.Fatal(err)
		}
		// The sampling sd of Spearman's ρ is about (1 − ρ²)/√n for moderate ρ; allow 5 of them. The
		// pair (u2, u3) is not named, so its target is 0.
		target, tol := tt.target, 5*(1-tt.target*tt.target)/math.Sqrt(n)
		if !near(got, target, tol) {
			t.Errorf("ρ(u%d, u%d) = %.4f, want %.4f ± %.4f", tt.i+1, tt.j+1, got, target, tol)
		}
	}
	// The marginals are untouched: u1 stays uniform on [0, 1] (mean 1/2, sd 1/√12).
	var m float64
	for _, v := range cols[0] {
		m += v
	}
	if se := 1 / math.Sqrt(12*n); !near(m/n, 0.5, 5*se) {
		t.Errorf("mean of u1 %.4f, want 0.5", m/n)
	}
}

func workload(t testing.TB) *Scenario {
	t.Helper()
	data, err := os.ReadFile("testdata/mc_workload.toml")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Parse("mc_workload.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestMonteCarloWorkload runs the benchmark workload at a fifth of its size and compares it with
// the closed-form mean NPVs of shared/peers/MONTE_CARLO.md (each within 4.5 Monte Carlo standard
// errors) and with the reference run's probabilities of being best and rank correlations with NPV₁
// (published to 3 and 2 decimals: within the rounding plus 5 sampling standard errors).
func TestMonteCarloWorkload(t *testing.T) {
	sc := workload(t)
	sc.Iterations = 200_000
	r, err := Analyse(context.Background(), sc, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := float64(sc.Iterations)
	closed := []float64{-405731.23, -810349.19, -251750.53, -973393.95}
	pBest := []float64{0.092, 0.074, 0.509, 0.325}
	for i, o := range r.Options {
		if !near(o.NPSV.Mean, closed[i], 4.5*o.NPSV.SE) {
			t.Errorf("%s: mean NPV %.2f, closed form %.2f ± %.2f", o.Name, o.NPSV.Mean, closed[i], 4.5*o.NPSV.SE)
		}
		if tol := 0.0005 + 5*math.Sqrt(pBest[i]*(1-pBest[i])/n); !near(o.ProbBest, pBest[i], tol) {
			t.Errorf("%s: P(best) %.4f, reference %.3f ± %.4f", o.Name, o.ProbBest, pBest[i], tol)
		}
	}
	ref := map[string]float64{"compliance": -0.62, "uptake": 0.48, "prod_hours": 0.40, "staff": 0.30}
	top := r.RankCorrelations[0].Inputs
	for k, in := range top[:4] {
		want, ok := ref[in.Input]
		if !ok {
			t.Fatalf("input %d by |ρ| is %s, not one of the reference's top four", k+1, in.Input)
		}
		if tol := 0.005 + 5*(1-want*want)/math.Sqrt(n); !near(*in.Rho, want, tol) {
			t.Errorf("ρ(%s, NPV₁) = %.4f, reference %.2f ± %.4f", in.Input, *in.Rho, want, tol)
		}
	}
}

// BenchmarkMonteCarloWorkload is the MONTE CARLO workload of shared/peers/MONTE_CARLO.md at full
// size: 1,000,000 iterations, 4 options, 10 years, 12 inputs, with every output of Analyse
// (percentiles, probability best, rank correlations of all inputs with all options, tornado and
// switching values).
func BenchmarkMonteCarloWorkload(b *testing.B) {
	sc := workload(b)
	if sc.Iterations != 1_000_000 {
		b.Fatalf("workload has %d iterations, want 1,000,000", sc.Iterations)
	}
	for b.Loop() {
		if _, err := Analyse(context.Background(), sc, RunOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEVPPI measures what EVPPI for every uncertain input adds to a 100,000-draw scenario (the
// metro case, 22 uncertain inputs and 3 options, with every other output of Analyse): compare
// "with" and "without"; BENCHMARKS.md has the figures.
func BenchmarkEVPPI(b *testing.B) {
	data, err := scenarios.Cost.Read("metro_borough_byod.toml")
	if err != nil {
		b.Fatal(err)
	}
	sc, err := Parse("metro_borough_byod.toml", data)
	if err != nil {
		b.Fatal(err)
	}
	sc.Iterations = 100_000
	for _, bc := range []struct {
		name string
		opts RunOptions
	}{{"with", RunOptions{}}, {"without", RunOptions{noEVPPI: true}}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Analyse(context.Background(), sc, bc.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// spearmanRho is Spearman's rank correlation of two samples: the Pearson correlation of their
// fractional ranks (stats' ranker and rank correlation, checked against R in package stats).
func spearmanRho(x, y []float64) (float64, error) {
	rx, ry := make([]float64, len(x)), make([]float64, len(y))
	if err := (&stats.Ranker{}).Rank(rx, nil, x); err != nil {
		return 0, err
	}
	if err := (&stats.Ranker{}).Rank(ry, nil, y); err != nil {
		return 0, err
	}
	return stats.RankCorrelation(rx, ry), nil
}
