// Lifting a restriction, estimated on its own: councils that relax are not the mirror image of councils
// that restrict, and the staggered estimator (which needs an absorbing treatment) leaves them out. In
// the spirit of de Chaisemartin and D'Haultfœuille's switchers-out estimator (DID_M, "Two-way fixed
// effects estimators with heterogeneous treatment effects", American Economic Review 110(9), 2020, and
// R's DIDmultiplegtDYN), each year's switchers (restricted the year before, unrestricted now) are
// compared with that year's stayers (restricted in both years): the difference of their mean changes
// in satisfaction, averaged over years with weights by number of switchers. It assumes the switchers
// would have moved like the stayers had they stayed restricted. Its standard error comes from the
// influence function, clustered by council, with the weights taken as fixed.

package effect

import "math"

// Reversal is the effect of lifting a restriction.
type Reversal struct {
	Interval
	// Councils counts the councils that lift a restriction at least once (observed on both sides of
	// the switch); Switches the council-years of switching; Controls the distinct stayers used.
	Councils int `json:"councils"`
	Switches int `json:"switches"`
	Controls int `json:"controls"`
	// ByYear has each year's switchers-out comparison.
	ByYear []ReversalYear `json:"by_year"`
}

// ReversalYear is one year's comparison of switchers out with stayers.
type ReversalYear struct {
	Year      int32   `json:"year"`
	Estimate  float64 `json:"estimate"`
	Switchers int     `json:"switchers"`
	Stayers   int     `json:"stayers"`
}

// estimateReversal computes the switchers-out estimate; nil when no year has both switchers and stayers.
func estimateReversal(p *panelData) *Reversal {
	G := p.clusters()
	type pair struct {
		org  int // cluster index
		dy   float64
		lift bool
	}
	byYear := make([][]pair, len(p.years))
	for c := range G {
		for i := p.orgStart[c] + 1; i < p.orgStart[c+1]; i++ {
			prev, cur := p.rows[i-1], p.rows[i]
			if p.yearIdx[i] != p.yearIdx[i-1]+1 || !prev.Restricted {
				continue // consecutive survey years only, restricted in the first
			}
			byYear[p.yearIdx[i]] = append(byYear[p.yearIdx[i]], pair{org: c, dy: cur.Mean - prev.Mean, lift: !cur.Restricted})
		}
	}
	rv := &Reversal{}
	inf := make([]float64, G)
	type yearTerm struct {
		est    float64
		nS, nC int
		mS, mC float64
		pairs  []pair
	}
	var terms []yearTerm
	totalS := 0
	switchers, stayers := map[int]bool{}, map[int]bool{}
	for j, ps := range byYear {
		var yt yearTerm
		for _, q := range ps {
			if q.lift {
				yt.nS++
				yt.mS += q.dy
			} else {
				yt.nC++
				yt.mC += q.dy
			}
		}
		if yt.nS == 0 || yt.nC == 0 {
			continue
		}
		yt.mS /= float64(yt.nS)
		yt.mC /= float64(yt.nC)
		yt.est = yt.mS - yt.mC
		yt.pairs = ps
		terms = append(terms, yt)
		totalS += yt.nS
		for _, q := range ps {
			if q.lift {
				switchers[q.org] = true
			} else {
				stayers[q.org] = true
			}
		}
		rv.ByYear = append(rv.ByYear, ReversalYear{Year: p.years[j], Estimate: yt.est, Switchers: yt.nS, Stayers: yt.nC})
	}
	if len(terms) == 0 {
		return nil
	}
	// The estimate Σ_t w_t·(m_S,t − m_C,t), w_t = N_S,t/N_S; its influence function on council i is
	// Σ_t w_t·[1{i switches at t}·(ΔY − m_S,t)/N_S,t − 1{i stays at t}·(ΔY − m_C,t)/N_C,t], summed over a
	// council's years (clustering by council), so Var = Σ_i (Σ_t …)².
	est := 0.0
	for _, yt := range terms {
		w := float64(yt.nS) / float64(totalS)
		est += w * yt.est
		for _, q := range yt.pairs {
			if q.lift {
				inf[q.org] += w * (q.dy - yt.mS) / float64(yt.nS)
			} else {
				inf[q.org] -= w * (q.dy - yt.mC) / float64(yt.nC)
			}
		}
	}
	ss := 0.0
	for _, v := range inf {
		ss += v * v
	}
	rv.Interval = interval(est, math.Sqrt(ss))
	rv.Councils, rv.Switches, rv.Controls = len(switchers), totalS, len(stayers)
	return rv
}
