// The two-way fixed-effects difference-in-differences: satisfaction_mean on byod_restricted with
// organisation and year fixed effects, on an unbalanced panel, unweighted.

package effect

// twfeDesign is the design of y_it = α_i + λ_t + β·d_it + e_it after removing the organisation means:
// columns 0..T−2 are dummies for the second to last year (the first year is the base) and the last
// column is the treatment d. The demeaned year dummies carry the year effects exactly in an unbalanced
// panel, which demeaning by year as well would not. The treatment comes last so that, if it is
// collinear with the year effects (every organisation switching in the same year), it is the
// treatment that is found unidentified, rather than a year dummy being dropped to make room for it.
func twfeDesign(p *panelData) *design {
	k := len(p.years)
	return withinDesign(p, k, func(i int, row []float64) {
		if t := p.yearIdx[i]; t > 0 {
			row[t-1] = 1
		}
		if p.rows[i].Restricted {
			row[k-1] = 1
		}
	})
}

// twfe is the fitted difference-in-differences.
type twfe struct {
	design *design
	fit    *clusterFit
	beta   coef
	// omittedYears are year dummies dropped as collinear (years seen only in singleton organisations).
	omittedYears []int32
}

// treatmentColumn is the design column of the treatment in a design with k columns.
func treatmentColumn(k int) int { return k - 1 }

// estimateTWFE fits the difference-in-differences with clustered errors.
func estimateTWFE(p *panelData) (*twfe, error) {
	d := twfeDesign(p)
	f, err := fitClustered(d)
	if err != nil {
		return nil, err
	}
	b, ok := f.coefficient(treatmentColumn(d.k))
	if !ok {
		return nil, ErrNoVariation
	}
	t := &twfe{design: d, fit: f, beta: b}
	for j := 0; j < d.k-1; j++ {
		if f.sol.position(j) < 0 {
			t.omittedYears = append(t.omittedYears, p.years[j+1])
		}
	}
	return t, nil
}
