// The imputation estimator of Borusyak, Jaravel and Spiess (2024), "Revisiting event-study designs:
// robust and efficient estimation", Review of Economic Studies 91(6), 3253–3285, as R's didimputation
// and Stata's did_imputation compute it without covariates: fit council and year effects on the
// untreated org-years only (never-restricted councils, and restricting councils before they restrict),
// impute each restricted org-year's untreated outcome α̂_i + λ̂_t, and average the differences
// τ̂_it = y_it − α̂_i − λ̂_t, over all restricted org-years (overall) or by years since restriction.
// It assumes parallel trends and no anticipation for every untreated org-year, which is stronger than
// Callaway and Sant'Anna's pairwise assumption, and in exchange uses all pre-periods, so it is more
// precise. It runs on the same councils as the staggered estimator, as a cross-check.
//
// The estimate is linear in the outcomes, Σ_it v_it·y_it, with v_it = w_it for restricted org-years and
// v_it = −(a_i + b_t) for untreated ones, where (a, b) solve the two-way normal equations of the
// untreated sample with the treated weights' council and year sums on the right. The standard error is
// BJS's conservative one (their Theorem 3), clustered by council: Σ_i (Σ_t v_it·ε̃_it)², with ε̃ the
// untreated residuals and, for restricted org-years, τ̂_it minus its v²-weighted cohort-year average.

package effect

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Imputation is the imputation estimator's overall and event-time effects.
type Imputation struct {
	Overall     Interval          `json:"overall"`
	ByEventTime []ImputationEvent `json:"by_event_time"`
	// Agreement compares it with the Callaway–Sant'Anna overall effect: the difference and whether
	// each estimate lies inside the other's 95% interval.
	Agreement *Agreement `json:"agreement,omitempty"`
}

// ImputationEvent is the average imputed effect e years after restriction.
type ImputationEvent struct {
	E int32 `json:"e"`
	Interval
	Observations int `json:"observations"`
}

// Agreement says whether two estimates of the same effect agree.
type Agreement struct {
	Difference float64 `json:"difference"`
	// Agree is true when each estimate lies inside the other's 95% interval.
	Agree bool `json:"agree"`
}

// twoWay is the untreated sample of a group-time panel with what the normal equations need.
type twoWay struct {
	p         *gtPanel
	T         int
	untreated []bool // per cell u*T+j: observed and untreated
	treated   []bool // observed, restricted, in a unit with untreated cells
	nUnit     []float64
	schur     *mat.LU // the year block after eliminating the council effects, years 1..T−1
}

func newTwoWay(p *gtPanel) *twoWay {
	T := len(p.years)
	n := p.units()
	tw := &twoWay{p: p, T: T, untreated: make([]bool, n*T), treated: make([]bool, n*T), nUnit: make([]float64, n)}
	for u := range n {
		g := p.group[u]
		for j, y := range p.years {
			if math.IsNaN(p.y[u*T+j]) {
				continue
			}
			if g == 0 || y < g {
				tw.untreated[u*T+j] = true
				tw.nUnit[u]++
			}
		}
		for j, y := range p.years {
			if tw.nUnit[u] > 0 && g != 0 && y >= g && !math.IsNaN(p.y[u*T+j]) {
				tw.treated[u*T+j] = true
			}
		}
	}
	// M_ts = m_t·δ_ts − Σ_{i untreated in t and s} 1/n_i, for t, s ≥ 1 (λ of the first year is 0).
	m := mat.NewDense(T-1, T-1, nil)
	for u := range n {
		if tw.nUnit[u] == 0 {
			continue
		}
		inv := 1 / tw.nUnit[u]
		for t := 1; t < T; t++ {
			if !tw.untreated[u*T+t] {
				continue
			}
			m.Set(t-1, t-1, m.At(t-1, t-1)+1)
			for s := 1; s < T; s++ {
				if tw.untreated[u*T+s] {
					m.Set(t-1, s-1, m.At(t-1, s-1)-inv)
				}
			}
		}
	}
	tw.schur = &mat.LU{}
	tw.schur.Factorize(m)
	return tw
}

// solve returns (a, b) with Σ_{t∈U_i} (a_i + b_t) = cUnit_i and Σ_{i∋t} (a_i + b_t) = cYear_t, b_0 = 0.
func (tw *twoWay) solve(cUnit, cYear []float64) (a, b []float64, ok bool) {
	T, n := tw.T, tw.p.units()
	rhs := mat.NewVecDense(T-1, nil)
	for t := 1; t < T; t++ {
		rhs.SetVec(t-1, cYear[t])
	}
	for u := range n {
		if tw.nUnit[u] == 0 {
			continue
		}
		for t := 1; t < T; t++ {
			if tw.untreated[u*T+t] {
				rhs.SetVec(t-1, rhs.AtVec(t-1)-cUnit[u]/tw.nUnit[u])
			}
		}
	}
	var x mat.VecDense
	if err := tw.schur.SolveVecTo(&x, false, rhs); err != nil {
		return nil, nil, false
	}
	b = make([]float64, T)
	for t := 1; t < T; t++ {
		b[t] = x.AtVec(t - 1)
	}
	a = make([]float64, n)
	for u := range n {
		if tw.nUnit[u] == 0 {
			continue
		}
		s := cUnit[u]
		for t := range T {
			if tw.untreated[u*T+t] {
				s -= b[t]
			}
		}
		a[u] = s / tw.nUnit[u]
	}
	return a, b, true
}

// estimateImputation computes the overall and event-time imputation estimates; nil when the untreated
// sample cannot identify the year effects or nothing is restricted.
func estimateImputation(p *gtPanel) *Imputation {
	T, n := len(p.years), p.units()
	if T < 2 {
		return nil
	}
	tw := newTwoWay(p)
	// Council and year effects of the untreated outcomes, and the imputed effects.
	cu, cy := make([]float64, n), make([]float64, T)
	for u := range n {
		for t := range T {
			if tw.untreated[u*T+t] {
				cu[u] += p.y[u*T+t]
				cy[t] += p.y[u*T+t]
			}
		}
	}
	alpha, lambda, ok := tw.solve(cu, cy)
	if !ok {
		return nil
	}
	tau := make([]float64, n*T)
	resid := make([]float64, n*T)
	byE := map[int32][]int{}
	var all []int
	for u := range n {
		for t := range T {
			k := u*T + t
			fit := alpha[u] + lambda[t]
			switch {
			case tw.untreated[k]:
				resid[k] = p.y[k] - fit
			case tw.treated[k]:
				tau[k] = p.y[k] - fit
				e := p.years[t] - p.group[u]
				byE[e] = append(byE[e], k)
				all = append(all, k)
			}
		}
	}
	if len(all) == 0 {
		return nil
	}
	estimate := func(cells []int) (Interval, bool) {
		w := 1 / float64(len(cells))
		wu, wy := make([]float64, n), make([]float64, T)
		est := 0.0
		for _, k := range cells {
			wu[k/T] += w
			wy[k%T] += w
			est += w * tau[k]
		}
		a, b, ok := tw.solve(wu, wy)
		if !ok {
			return Interval{}, false
		}
		// ε̃ of restricted cells: τ̂ minus its v²-weighted (here equal-weighted) cohort-year average.
		type key struct{ g, t int32 }
		sum, cnt := map[key]float64{}, map[key]float64{}
		for _, k := range cells {
			c := key{p.group[k/T], p.years[k%T]}
			sum[c] += tau[k]
			cnt[c]++
		}
		score := make([]float64, n)
		for _, k := range cells {
			c := key{p.group[k/T], p.years[k%T]}
			score[k/T] += w * (tau[k] - sum[c]/cnt[c])
		}
		for u := range n {
			for t := range T {
				if tw.untreated[u*T+t] {
					score[u] -= (a[u] + b[t]) * resid[u*T+t]
				}
			}
		}
		ss := 0.0
		for _, s := range score {
			ss += s * s
		}
		return interval(est, math.Sqrt(ss)), true
	}
	im := &Imputation{}
	if im.Overall, ok = estimate(all); !ok {
		return nil
	}
	var es []int32
	for e := range byE {
		es = append(es, e)
	}
	slices.Sort(es)
	for _, e := range es {
		if iv, ok := estimate(byE[e]); ok {
			im.ByEventTime = append(im.ByEventTime, ImputationEvent{E: e, Interval: iv, Observations: len(byE[e])})
		}
	}
	return im
}

// agreement compares two estimates of one effect.
func agreement(a, b Interval) *Agreement {
	return &Agreement{
		Difference: a.Estimate - b.Estimate,
		Agree:      a.CILow <= b.Estimate && b.Estimate <= a.CIHigh && b.CILow <= a.Estimate && a.Estimate <= b.CIHigh,
	}
}
