package effect

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestImputationExactWithoutNoise: when untreated outcomes are exactly council plus year effects, the
// imputation estimator recovers the average of heterogeneous, growing effects exactly, overall and by
// event time, on an unbalanced panel with never-restricted councils and three cohorts.
func TestImputationExactWithoutNoise(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	years := []int32{2011, 2012, 2013, 2014, 2015, 2016}
	p := &gtPanel{years: years}
	var sum float64
	var cnt int
	byE := map[int32][2]float64{}
	for u := range 60 {
		g := []int32{0, 2013, 2014, 2015}[u%4]
		a := rng.NormFloat64()
		p.group = append(p.group, g)
		for j, y := range years {
			v := a + 0.1*float64(j*j)
			if u%7 == 3 && j == 4 { // a gap
				v = math.NaN()
			} else if g != 0 && y >= g {
				eff := -0.3 - 0.2*float64(y-g) - 0.1*float64(g-2013)
				v += eff
				sum += eff
				cnt++
				s := byE[y-g]
				byE[y-g] = [2]float64{s[0] + eff, s[1] + 1}
			}
			p.y = append(p.y, v)
		}
	}
	im := estimateImputation(p)
	if im == nil {
		t.Fatal("no estimate")
	}
	if math.Abs(im.Overall.Estimate-sum/float64(cnt)) > 1e-12 || im.Overall.StdError > 1e-10 {
		t.Errorf("overall %+v, want %v exactly with zero SE", im.Overall, sum/float64(cnt))
	}
	for _, e := range im.ByEventTime {
		want := byE[e.E][0] / byE[e.E][1]
		if math.Abs(e.Estimate-want) > 1e-12 || e.Observations != int(byE[e.E][1]) {
			t.Errorf("e = %d: %v on %d, want %v on %v", e.E, e.Estimate, e.Observations, want, byE[e.E][1])
		}
	}
}

// TestImputationAgreesWithCS: on a noisy staggered panel the imputation and Callaway–Sant'Anna
// estimates agree (each inside the other's interval), and the imputation SE is positive.
func TestImputationAgreesWithCS(t *testing.T) {
	rows := staggeredPanelFixture(11, map[int32]int{0: 40, 2013: 20, 2014: 20, 2015: 20})
	r, err := Estimate(t.Context(), rows, nil, Options{Replications: 9, Seed: 1, BandDraws: 99})
	if err != nil {
		t.Fatal(err)
	}
	if r.Imputation == nil || r.Imputation.Agreement == nil || !r.Imputation.Agreement.Agree || !(r.Imputation.Overall.StdError > 0) {
		t.Errorf("imputation %+v against CS %+v", r.Imputation, r.Staggered.Overall)
	}
}
