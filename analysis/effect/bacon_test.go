package effect

import (
	"math"
	"math/rand/v2"
	"testing"
)

// staggeredPanelFixture makes a balanced panel of 2011–2016 with cohorts restricting in the given
// years (0 never, 2011 restricted throughout), effects that grow with time since restriction, and noise.
func staggeredPanelFixture(seed uint64, cohorts map[int32]int) []OrgYear {
	rng := rand.New(rand.NewPCG(seed, 1))
	var rows []OrgYear
	org := int32(0)
	for _, g := range []int32{0, 2011, 2013, 2014, 2015} {
		for range cohorts[g] {
			org++
			a := rng.NormFloat64()
			for y := int32(2011); y <= 2016; y++ {
				r := OrgYear{Org: org, Year: y, Respondents: 100, Mean: 4.5 + a + 0.03*float64(y-2011) + 0.1*rng.NormFloat64()}
				if g != 0 && y >= g {
					r.Restricted = true
					r.Mean -= 0.2 + 0.15*float64(y-g)
				}
				rows = append(rows, r)
			}
		}
	}
	return rows
}

// TestBaconSumsToTWFE checks Goodman-Bacon's Theorem 1: the weights sum to one and the weighted sum
// of the 2×2 estimates equals the TWFE coefficient on the same balanced panel, to rounding.
func TestBaconSumsToTWFE(t *testing.T) {
	for name, cohorts := range map[string]map[int32]int{
		"with never restricted":  {0: 30, 2013: 10, 2014: 15, 2015: 8},
		"no never restricted":    {2013: 10, 2014: 15, 2015: 8},
		"with always restricted": {0: 20, 2011: 5, 2013: 10, 2015: 8},
		"one cohort and never":   {0: 12, 2014: 9},
	} {
		t.Run(name, func(t *testing.T) {
			p := newPanel(staggeredPanelFixture(7, cohorts))
			b := decomposeBacon(p)
			if b == nil {
				t.Fatal("no decomposition")
			}
			did, err := estimateTWFE(p)
			if err != nil {
				t.Fatal(err)
			}
			if b.TWFE != did.beta.est {
				t.Errorf("decomposed TWFE %v, full-panel TWFE %v (the panel is balanced)", b.TWFE, did.beta.est)
			}
			sw, sum := 0.0, 0.0
			for _, term := range b.Terms {
				sw += term.Weight
				sum += term.Weight * term.Estimate
			}
			if math.Abs(sw-1) > 1e-12 || math.Abs(sum-b.TWFE) > 1e-12 {
				t.Errorf("weights sum to %.15g, weighted estimates to %.15g; TWFE %.15g", sw, sum, b.TWFE)
			}
		})
	}
}

// TestBaconForbiddenComparisons: with effects growing over time, later-vs-already-restricted
// comparisons pick up the earlier cohort's growing effect as if it were a trend, so they are less
// negative than the treated-vs-never ones.
func TestBaconForbiddenComparisons(t *testing.T) {
	b := decomposeBacon(newPanel(staggeredPanelFixture(3, map[int32]int{0: 30, 2013: 20, 2015: 20})))
	var never, forbidden float64
	for _, bt := range b.ByType {
		switch bt.Type {
		case BaconTreatedVsNever:
			never = bt.Estimate
		case BaconLaterVsEarlier:
			forbidden = bt.Estimate
		}
	}
	if !(forbidden > never+0.1) {
		t.Errorf("later-vs-already-restricted %v, treated-vs-never %v: expected the forbidden comparison biased up", forbidden, never)
	}
}
