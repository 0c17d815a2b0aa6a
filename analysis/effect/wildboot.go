// The wild cluster bootstrap of the TWFE headline, for when few councils are restricted: with fewer
// than about 30 treated clusters the clustered t-test over-rejects and the pairs bootstrap (which can
// draw samples with hardly any treated council) is unreliable (MacKinnon and Webb 2017, "Wild bootstrap
// inference for wildly different cluster sizes", J. Applied Econometrics 32(2); Roodman, MacKinnon,
// Nielsen and Webb 2019, "Fast and wild", Stata Journal 19(1), whose boottest and R's
// fwildclusterboot are the references).
//
// The p-value is the restricted (WCR) bootstrap-t with Webb's six-point weights: the model is refitted
// with the effect set to zero, each council's residuals are multiplied by one weight drawn from
// {±√(3/2), ±1, ±√(1/2)}, and the clustered t of the refitted effect is compared with the observed one.
// The interval is the unrestricted (WCU) percentile-t: the 2.5% and 97.5% points of
// (β* − β̂)/SE* from residuals of the full model, turned around β̂ (boottest inverts the WCR test
// instead, which costs a search; the two agree closely when the test is reliable).

package effect

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
)

// wildBootstrapMaxTreated is the number of treated councils below which the wild cluster bootstrap is
// run and reported.
const wildBootstrapMaxTreated = 30

// WildBootstrap is the wild cluster bootstrap of the TWFE estimate.
type WildBootstrap struct {
	P      float64 `json:"p"`
	CILow  float64 `json:"ci_low"`
	CIHigh float64 `json:"ci_high"`
	// Weights is "webb"; Replications and Seed reproduce the draws.
	Weights      string `json:"weights"`
	Replications int    `json:"replications"`
	Seed         uint64 `json:"seed"`
	// TreatedClusters is the number of restricted councils that triggered it; Warning says why.
	TreatedClusters int    `json:"treated_clusters"`
	Warning         string `json:"warning"`
}

var webbWeights = [6]float64{-math.Sqrt(1.5), -1, -math.Sqrt(0.5), math.Sqrt(0.5), 1, math.Sqrt(1.5)}

// wildBootstrap runs the WCR p-value and WCU interval for the treatment coefficient of the TWFE design.
func wildBootstrap(ctx context.Context, d *design, beta, se float64, opts Options) (*WildBootstrap, error) {
	n, k := d.n, d.k
	tc := treatmentColumn(k)
	// Restricted fit: year dummies only (the effect set to zero).
	rd := &design{n: n, k: k - 1, x: make([]float64, n*(k-1)), y: d.y, orgStart: d.orgStart}
	for i := range n {
		copy(rd.x[i*(k-1):(i+1)*(k-1)], d.x[i*k:i*k+k-1])
	}
	fitted := func(dd *design, f *clusterFit) (fit, res []float64) {
		fit, res = make([]float64, dd.n), make([]float64, dd.n)
		for i := range dd.n {
			row := dd.x[i*dd.k : (i+1)*dd.k]
			for r, j := range f.sol.kept {
				fit[i] += row[j] * f.sol.beta[r]
			}
			res[i] = dd.y[i] - fit[i]
		}
		return fit, res
	}
	rf, err := fitClustered(rd)
	if err != nil {
		return nil, err
	}
	rFit, rRes := fitted(rd, rf)
	uf, err := fitClustered(d)
	if err != nil {
		return nil, err
	}
	uFit, uRes := fitted(d, uf)

	B := opts.Replications
	tR := make([]float64, B) // restricted bootstrap t
	tU := make([]float64, B) // unrestricted (β* − β̂)/SE*
	g := len(d.orgStart) - 1
	chunks := (B + bootstrapChunk - 1) / bootstrapChunk
	next := make(chan int, chunks)
	for c := range chunks {
		next <- c
	}
	close(next)
	var wg sync.WaitGroup
	for range max(1, min(opts.Workers, chunks)) {
		wg.Go(func() {
			bd := &design{n: n, k: k, x: d.x, y: make([]float64, n), orgStart: d.orgStart}
			w := make([]float64, g)
			for c := range next {
				if ctx.Err() != nil {
					return
				}
				rng := rand.New(rand.NewPCG(opts.Seed, 0x77626f<<32|uint64(c)))
				for r := c * bootstrapChunk; r < min(B, (c+1)*bootstrapChunk); r++ {
					for j := range w {
						w[j] = webbWeights[rng.IntN(6)]
					}
					tR[r] = wildT(bd, rFit, rRes, w, tc, 0)
					tU[r] = wildT(bd, uFit, uRes, w, tc, beta)
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t0 := math.Abs(beta / se)
	exceed, valid := 0, 0
	var us []float64
	for r := range B {
		if !math.IsNaN(tR[r]) {
			valid++
			if math.Abs(tR[r]) >= t0 {
				exceed++
			}
		}
		if !math.IsNaN(tU[r]) {
			us = append(us, tU[r])
		}
	}
	wb := &WildBootstrap{Weights: "webb", Replications: B, Seed: opts.Seed}
	if valid > 0 {
		wb.P = float64(exceed) / float64(valid)
	}
	if len(us) > 0 {
		slices.Sort(us)
		wb.CILow = beta - percentile(0.975, us)*se
		wb.CIHigh = beta - percentile(0.025, us)*se
	}
	return wb, nil
}

// wildT builds y* = fit + w_g·res, refits and returns (β* − null)/SE*, or NaN when the refit fails.
func wildT(bd *design, fit, res, w []float64, tc int, null float64) float64 {
	for c := range len(bd.orgStart) - 1 {
		for i := bd.orgStart[c]; i < bd.orgStart[c+1]; i++ {
			bd.y[i] = fit[i] + w[c]*res[i]
		}
	}
	f, err := fitClustered(bd)
	if err != nil {
		return math.NaN()
	}
	b, ok := f.coefficient(tc)
	if !ok || !(b.se > 0) {
		return math.NaN()
	}
	return (b.est - null) / b.se
}
