// The Goodman-Bacon decomposition of the static two-way fixed-effects estimate:
//
//	Goodman-Bacon, A. (2021), "Difference-in-differences with variation in treatment timing",
//	Journal of Econometrics 225(2), 254–277 (Theorem 1), as R's bacondecomp computes it.
//
// On a balanced panel with an absorbing treatment the TWFE coefficient is exactly a weighted average of
// every 2×2 difference in differences between timing cohorts: each cohort against the never
// restricted, each earlier cohort against a later one before the later one restricts, and each later
// cohort against an earlier one that is already restricted. The last kind uses a treated cohort as
// control, so when effects grow over time it subtracts part of the effect: the "forbidden comparison"
// that biases TWFE under staggered timing. The weights depend only on cohort sizes and timing.
//
// The decomposition needs a balanced panel and an absorbing treatment, so it is computed on the
// councils surveyed in every year that never lifted a restriction, and the TWFE estimate on that same
// panel is reported beside it (it differs from the headline TWFE on the full, unbalanced panel).

package effect

import (
	"math"
	"slices"
)

// Bacon comparison types.
const (
	BaconTreatedVsNever   = "treated_vs_never"
	BaconEarlierVsLater   = "earlier_vs_later"
	BaconLaterVsEarlier   = "later_vs_already_treated"
	baconAlwaysRestricted = -1 // cohort key of councils restricted in every year
)

// BaconTerm is one 2×2 comparison.
type BaconTerm struct {
	Type string `json:"type"`
	// Treated and Control are the cohorts (first restricted year; 0 never restricted, −1 restricted
	// in every year).
	Treated  int32   `json:"treated_cohort"`
	Control  int32   `json:"control_cohort"`
	Weight   float64 `json:"weight"`
	Estimate float64 `json:"estimate"`
}

// BaconType sums the comparisons of one type: their total weight and weighted average estimate.
type BaconType struct {
	Type     string  `json:"type"`
	Weight   float64 `json:"weight"`
	Estimate float64 `json:"estimate"`
}

// Bacon is the decomposition with the TWFE estimate it decomposes.
type Bacon struct {
	// TWFE is the static two-way fixed-effects estimate on the balanced, absorbing panel; the
	// weighted sum of Terms equals it.
	TWFE float64 `json:"twfe_balanced"`
	// Councils counts the councils in the balanced panel; Dropped those left out (not surveyed every
	// year, or lifting a restriction).
	Councils int         `json:"councils"`
	Dropped  int         `json:"dropped"`
	ByType   []BaconType `json:"by_type"`
	Terms    []BaconTerm `json:"terms"`
}

// decomposeBacon computes the decomposition; nil when the balanced panel has no timing variation.
func decomposeBacon(p *panelData) *Bacon {
	h, first := histories(p)
	T := len(p.years)
	var rows []OrgYear
	cohortOf := map[int32]int32{} // org → cohort key
	dropped := 0
	for c := range p.clusters() {
		lo, hi := p.orgStart[c], p.orgStart[c+1]
		if hi-lo != T || h[c] == historyReversing || h[c] == historyUnknownTiming {
			dropped++
			continue
		}
		rows = append(rows, p.rows[lo:hi]...)
		k := first[c]
		if h[c] == historyAlways {
			k = baconAlwaysRestricted
		}
		cohortOf[p.rows[lo].Org] = k
	}
	if len(rows) == 0 {
		return nil
	}
	bp := newPanel(rows)
	did, err := estimateTWFE(bp)
	if err != nil {
		return nil
	}
	// Cohort sizes, treated shares of periods and mean outcome by cohort and year.
	type cohort struct {
		key   int32
		n     float64
		share float64   // D̄: share of periods restricted
		start int       // index of the first restricted year (T for never, 0 for always)
		mean  []float64 // mean outcome by year index
	}
	byKey := map[int32]*cohort{}
	for g := range bp.clusters() {
		lo := bp.orgStart[g]
		k := cohortOf[bp.rows[lo].Org]
		c := byKey[k]
		if c == nil {
			c = &cohort{key: k, mean: make([]float64, T), start: T}
			switch k {
			case 0:
			case baconAlwaysRestricted:
				c.start = 0
			default:
				c.start, _ = slices.BinarySearch(bp.years, k)
			}
			c.share = float64(T-c.start) / float64(T)
			byKey[k] = c
		}
		c.n++
		for j := range T {
			c.mean[j] += bp.rows[lo+j].Mean
		}
	}
	var cohorts []*cohort
	total := 0.0
	for _, c := range byKey {
		for j := range c.mean {
			c.mean[j] /= c.n
		}
		total += c.n
		cohorts = append(cohorts, c)
	}
	slices.SortFunc(cohorts, func(a, b *cohort) int { return a.start - b.start })
	for _, c := range cohorts {
		c.n /= total
	}
	avg := func(c *cohort, from, to int) float64 { // mean over year indices [from, to)
		s := 0.0
		for j := from; j < to; j++ {
			s += c.mean[j]
		}
		return s / float64(to-from)
	}
	b := &Bacon{TWFE: did.beta.est, Councils: bp.clusters(), Dropped: dropped}
	var never *cohort
	if c := byKey[0]; c != nil {
		never = c
	}
	sum := 0.0
	for _, k := range cohorts {
		if k.key == 0 || k.key == baconAlwaysRestricted {
			continue
		}
		dk := k.share
		if never != nil {
			nkU := k.n / (k.n + never.n)
			w := (k.n + never.n) * (k.n + never.n) * nkU * (1 - nkU) * dk * (1 - dk)
			est := avg(k, k.start, T) - avg(k, 0, k.start) - (avg(never, k.start, T) - avg(never, 0, k.start))
			b.Terms = append(b.Terms, BaconTerm{Type: BaconTreatedVsNever, Treated: k.key, Control: 0, Weight: w, Estimate: est})
			sum += w
		}
	}
	// Pairs of timing cohorts, k restricting before l (the always-restricted cohort counts as the
	// earliest: it can only serve as an already-treated control).
	for a, k := range cohorts {
		if k.key == 0 {
			continue
		}
		for _, l := range cohorts[a+1:] {
			if l.key == 0 || l.start == k.start {
				continue
			}
			dk, dl := k.share, l.share
			nkl := k.n / (k.n + l.n)
			if k.key != baconAlwaysRestricted {
				// k treated, l not yet: years before l restricts.
				w := math.Pow((k.n+l.n)*(1-dl), 2) * nkl * (1 - nkl) * ((dk - dl) / (1 - dl)) * ((1 - dk) / (1 - dl))
				est := avg(k, k.start, l.start) - avg(k, 0, k.start) - (avg(l, k.start, l.start) - avg(l, 0, k.start))
				b.Terms = append(b.Terms, BaconTerm{Type: BaconEarlierVsLater, Treated: k.key, Control: l.key, Weight: w, Estimate: est})
				sum += w
			}
			// l treated, k already restricted: years from k's restriction on.
			w := math.Pow((k.n+l.n)*dk, 2) * nkl * (1 - nkl) * (dl / dk) * ((dk - dl) / dk)
			est := avg(l, l.start, T) - avg(l, k.start, l.start) - (avg(k, l.start, T) - avg(k, k.start, l.start))
			b.Terms = append(b.Terms, BaconTerm{Type: BaconLaterVsEarlier, Treated: l.key, Control: k.key, Weight: w, Estimate: est})
			sum += w
		}
	}
	if sum == 0 {
		return nil
	}
	types := map[string]*BaconType{}
	for i := range b.Terms {
		t := &b.Terms[i]
		t.Weight /= sum
		bt := types[t.Type]
		if bt == nil {
			bt = &BaconType{Type: t.Type}
			types[t.Type] = bt
		}
		bt.Weight += t.Weight
		bt.Estimate += t.Weight * t.Estimate
	}
	for _, name := range []string{BaconTreatedVsNever, BaconEarlierVsLater, BaconLaterVsEarlier} {
		if bt := types[name]; bt != nil {
			if bt.Weight > 0 {
				bt.Estimate /= bt.Weight
			}
			b.ByType = append(b.ByType, *bt)
		}
	}
	return b
}
