package effect

import (
	"math"
	"math/rand/v2"
)

// simulate draws a panel of orgs organisations over years years (from 2010) with organisation effects,
// year effects, AR(1) noise within organisations and staggered adoption: 40% restrict from the third
// year, 30% from the fourth, 30% never. A few org-years are missing, so the panel is unbalanced. The true
// effect of restriction is effect; counts holds matching 1–7 respondent histograms.
func simulate(seed uint64, orgs, years int, effect float64) ([]OrgYear, []Counts) {
	rng := rand.New(rand.NewPCG(seed, 0xeffec7))
	panel := make([]OrgYear, 0, orgs*years)
	hist := make([]Counts, years)
	for t := range hist {
		hist[t].Year = int32(2010 + t)
	}
	const rho, sd = 0.5, 0.3
	for o := range orgs {
		alpha := 0.5 * rng.NormFloat64()
		adopt := math.MaxInt
		switch u := rng.Float64(); {
		case u < 0.4:
			adopt = 2
		case u < 0.7:
			adopt = 3
		}
		e := sd * rng.NormFloat64()
		for t := range years {
			if t > 0 {
				e = rho*e + sd*math.Sqrt(1-rho*rho)*rng.NormFloat64()
			}
			restricted := t >= adopt
			mean := 5 + alpha + 0.1*float64(t) + e
			if restricted {
				mean += effect
			}
			if rng.Float64() < 0.05 {
				continue // not surveyed this year
			}
			n := int64(100 + rng.IntN(50))
			panel = append(panel, OrgYear{Org: int32(o), Year: int32(2010 + t), Mean: mean, Respondents: n, Restricted: restricted})
			for range n / 10 { // a thinned respondent sample is plenty for the histogram
				s := min(7, max(1, int(math.Round(mean+rng.NormFloat64()))))
				if restricted {
					hist[t].Restricted[s-1]++
				} else {
					hist[t].Unrestricted[s-1]++
				}
			}
		}
	}
	return panel, hist
}
