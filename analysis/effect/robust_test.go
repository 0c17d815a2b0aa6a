package effect

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"
)

// TestRandomPanelsMarshal runs the whole estimation on many small random panels (staggered, reversing,
// always-restricted councils, gaps, tiny cohorts) and checks that it either returns one of the
// package's errors or a result that marshals to JSON (so no field is NaN or infinite).
func TestRandomPanelsMarshal(t *testing.T) {
	estimated, staggered := 0, 0
	for s := range 300 {
		rng := rand.New(rand.NewPCG(uint64(s), 9))
		var rows []OrgYear
		orgs := 3 + rng.IntN(60)
		for org := range orgs {
			start := []int32{2011, 2013, 2014, 2015, 2017, 2017}[rng.IntN(6)] // 2017: never
			stop := int32(2018)
			if rng.IntN(5) == 0 {
				stop = start + 1 + int32(rng.IntN(2))
			}
			for y := int32(2011); y <= 2016; y++ {
				if rng.IntN(8) == 0 {
					continue
				}
				resp := int64(rng.IntN(3) * 20)
				rows = append(rows, OrgYear{Org: int32(org), Year: y, Respondents: resp,
					Mean: 4 + rng.NormFloat64(), Restricted: y >= start && y < stop})
			}
		}
		r, err := Estimate(t.Context(), rows, nil, Options{Replications: 9, Seed: 1, BandDraws: 49, Workers: 2})
		if err != nil {
			known := false
			for _, e := range []error{ErrNoData, ErrNoTreated, ErrNoVariation, ErrTooFewClusters, ErrSingular} {
				known = known || errors.Is(err, e)
			}
			if !known {
				t.Fatalf("seed %d: %v", s, err)
			}
			continue
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("seed %d: %v", s, err)
		}
		estimated++
		if r.Staggered != nil {
			staggered++
		}
	}
	if estimated < 250 || staggered < 150 {
		t.Errorf("only %d of 300 panels estimated, %d with a staggered result: the test exercises too little", estimated, staggered)
	}
}
