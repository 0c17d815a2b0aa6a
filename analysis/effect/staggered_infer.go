// Inference on the group-time effects beyond pointwise standard errors: the multiplier-bootstrap
// simultaneous band of the event-time curve, did's Wald pre-test of the pre-period cells, the
// pre-trend slope that test detects with 80% power (Roth 2022), and a relative-magnitudes breakdown
// value in the spirit of HonestDiD (Rambachan and Roth 2023).

package effect

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/psnbyod/psnbyod/analysis/stats"
)

// defaultBandDraws is the number of multiplier-bootstrap draws for the simultaneous band when
// Options.BandDraws is 0 (did's biters default is 1000; 999 puts the 95% point on an order statistic).
const defaultBandDraws = 999

// bandChunk is the number of draws taken from one random stream, fixed so that the draws do not
// depend on how chunks are shared among goroutines.
const bandChunk = 64

// simultaneousCritical is did's mboot critical value for a uniform 95% band over the columns of infs
// (one influence function per effect, each of length n): each draw multiplies the units' influence
// functions by independent Rademacher weights v_i = ±1 and forms b_e = Σ_i v_i·inf_ie/√n; each
// column is scaled by its bootstrap spread σ_e = IQR(b_e)/(Φ⁻¹(0.75) − Φ⁻¹(0.25)); the critical value is
// the 95% point (type 1 quantile, as did) of max_e |b_e|/σ_e. Columns with no spread are left out, as
// did does. It returns 0 when no column has spread. Draws run in fixed chunks with their own seeded
// streams, so the value depends on the seed only, never on the number of workers.
func simultaneousCritical(ctx context.Context, infs [][]float64, draws int, seed uint64, workers int) (float64, error) {
	m := len(infs)
	if m == 0 || draws <= 0 {
		return 0, nil
	}
	n := len(infs[0])
	sqn := math.Sqrt(float64(n))
	b := make([]float64, draws*m) // b[d*m+e]
	chunks := (draws + bandChunk - 1) / bandChunk
	next := make(chan int, chunks)
	for c := range chunks {
		next <- c
	}
	close(next)
	var wg sync.WaitGroup
	for range max(1, min(workers, chunks)) {
		wg.Go(func() {
			v := make([]float64, n)
			for c := range next {
				if ctx.Err() != nil {
					return
				}
				rng := rand.New(rand.NewPCG(seed, 0x6d62<<32|uint64(c)))
				for d := c * bandChunk; d < min(draws, (c+1)*bandChunk); d++ {
					for i := range v {
						v[i] = float64(2*int(rng.Uint64()&1) - 1)
					}
					row := b[d*m : (d+1)*m]
					for e, inf := range infs {
						s := 0.0
						for i, x := range inf {
							s += v[i] * x
						}
						row[e] = s / sqn
					}
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	scale := distuv.UnitNormal.Quantile(0.75) - distuv.UnitNormal.Quantile(0.25)
	sigma := make([]float64, m)
	col := make([]float64, draws)
	for e := range m {
		for d := range draws {
			col[d] = b[d*m+e]
		}
		slices.Sort(col)
		sigma[e] = (percentile(0.75, col) - percentile(0.25, col)) / scale
	}
	tmax := make([]float64, 0, draws)
	for d := range draws {
		mx, any := 0.0, false
		for e := range m {
			if sigma[e] <= math.Sqrt(0x1p-52)*10 {
				continue
			}
			mx = math.Max(mx, math.Abs(b[d*m+e])/sigma[e])
			any = true
		}
		if any {
			tmax = append(tmax, mx)
		}
	}
	if len(tmax) == 0 {
		return 0, nil
	}
	slices.Sort(tmax)
	return percentile(0.95, tmax), nil
}

// waldPretest is did's pre-test of parallel trends: W = θ'V⁻¹θ over the pre-period cells (t < g),
// with V their influence-function covariance, against χ² with as many degrees of freedom as cells.
// It also returns the pre-trend slope the test detects with 80% power: under a linear differential
// trend of δ per year each pre-period cell has mean δ·(t − base) = δ·a, so W is noncentral χ² with
// λ = δ²·a'V⁻¹a, and the slope is the δ at which P(W > χ²₀.₉₅) = 0.8 (Roth 2022's power analysis,
// applied to this joint test). ok is false when there are no pre-period cells or V is singular.
func (f *gtFit) waldPretest() (w float64, df int, p, slope float64, ok bool) {
	var pre []*gtCell
	for i := range f.cells {
		if !f.cells[i].post {
			pre = append(pre, &f.cells[i])
		}
	}
	k := len(pre)
	if k == 0 {
		return 0, 0, 0, 0, false
	}
	n2 := float64(f.n) * float64(f.n)
	v := mat.NewSymDense(k, nil)
	for a := range k {
		for c := a; c < k; c++ {
			s := 0.0
			for i, x := range pre[a].inf {
				s += x * pre[c].inf[i]
			}
			v.SetSym(a, c, s/n2)
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(v) || ch.Cond() > 1e12 {
		return 0, 0, 0, 0, false
	}
	theta := mat.NewVecDense(k, nil)
	lin := mat.NewVecDense(k, nil)
	for a, c := range pre {
		theta.SetVec(a, c.att)
		lin.SetVec(a, float64(c.year-c.base))
	}
	var x mat.VecDense
	if err := ch.SolveVecTo(&x, theta); err != nil {
		return 0, 0, 0, 0, false
	}
	w = mat.Dot(theta, &x)
	chi := distuv.ChiSquared{K: float64(k)}
	p = chi.Survival(w)
	if err := ch.SolveVecTo(&x, lin); err != nil {
		return w, k, p, 0, true
	}
	aVa := mat.Dot(lin, &x)
	lambda := powerNoncentrality(k, 0.05, 0.8)
	if aVa > 0 && !math.IsNaN(lambda) {
		slope = math.Sqrt(lambda / aVa)
	}
	return w, k, p, slope, true
}

// noncentralChi2Survival is P(X > x) for X ~ χ²_k(λ), as the Poisson(λ/2) mixture of central χ²_{k+2j}
// survival functions, summed until the Poisson weights left are negligible.
func noncentralChi2Survival(x float64, k int, lambda float64) float64 {
	h := lambda / 2
	s := 0.0
	logW := -h // log of e^{−h}·h^j/j! at j = 0
	cum := 0.0
	for j := 0; j < 10000; j++ {
		w := math.Exp(logW)
		s += w * distuv.ChiSquared{K: float64(k + 2*j)}.Survival(x)
		cum += w
		if float64(j) > h && 1-cum < 1e-14 {
			break
		}
		logW += math.Log(h) - math.Log(float64(j+1))
	}
	return s
}

// powerNoncentrality is the noncentrality λ at which a level-alpha χ²_k test has the given power.
func powerNoncentrality(k int, alpha, power float64) float64 {
	crit := distuv.ChiSquared{K: float64(k)}.Quantile(1 - alpha)
	lam, err := stats.Brent(func(l float64) float64 {
		return noncentralChi2Survival(crit, k, l) - power
	}, 0, 200, 1e-10)
	if err != nil {
		return math.NaN()
	}
	return lam
}

// breakdownRM is the relative-magnitudes breakdown value for the on-impact effect (event time 0):
// HonestDiD's Δ^RM(M̄) lets the post-period departure from parallel trends be up to M̄ times the
// largest one-period pre-period departure. With the varying base period each pre-period event-time
// effect estimates one such one-period change, so the bias of the on-impact effect lies within
// ±M̄·D, D = max_e<0 |β̂_e|, and the robust 95% interval is β̂₀ ± (M̄·D + 1.96·SE₀). The breakdown value
// is the largest M̄ for which that interval excludes zero: (|β̂₀| − 1.96·SE₀)/D, or 0 when the ordinary
// interval already includes zero. D is plugged in as estimated (HonestDiD's conditional and hybrid
// intervals also allow for its sampling error, so their breakdown value is somewhat smaller).
// ok is false without an on-impact effect or a non-zero pre-period effect.
func breakdownRM(dyn []dynamicEffect) (m float64, ok bool) {
	var b0, se0, d float64
	found := false
	for _, e := range dyn {
		switch {
		case e.e == 0:
			b0, se0, found = e.est, e.se, true
		case e.e < 0:
			d = math.Max(d, math.Abs(e.est))
		}
	}
	if !found || d == 0 {
		return 0, false
	}
	return math.Max(0, (math.Abs(b0)-1.96*se0)/d), true
}
