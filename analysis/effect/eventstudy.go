// The event study: effects by years relative to each organisation's first restricted year (leads and
// lags, reference year −1) with organisation and year fixed effects and the same clustered errors, so a
// reader can judge whether restricted and unrestricted organisations were on parallel paths before.

package effect

import (
	"math"
	"slices"
)

// referenceRelativeYear is the relative year every other is compared with: the year before the first
// restriction.
const referenceRelativeYear = -1

// EventEffect is the effect of restriction in one year relative to the organisation's first restricted
// year (0 is that year, −2 two years before, 3 three years after).
type EventEffect struct {
	// RelativeYear is the survey year minus the organisation's first restricted year.
	RelativeYear int32 `json:"relative_year"`
	// Estimate is the difference from the reference year −1, net of organisation and year effects.
	Estimate float64 `json:"estimate"`
	// StdError is the organisation-clustered standard error.
	StdError float64 `json:"std_error"`
	// CILow and CIHigh bound the 95% interval from Student's t with G−1 degrees of freedom.
	CILow  float64 `json:"ci_low"`
	CIHigh float64 `json:"ci_high"`
	// PValue is the two-sided p-value of a zero effect; 1 for the reference year.
	PValue float64 `json:"p_value"`
	// Observations and Organisations count the org-years and organisations in this relative year.
	Observations  int `json:"observations"`
	Organisations int `json:"organisations"`
	// OpenEnded marks an end bin that also holds the relative years beyond RelativeYear (earlier for a
	// lead, later for a lag), binned because they rest on too few organisations.
	OpenEnded bool `json:"open_ended,omitempty"`
	// Reference marks the reference year −1, fixed at zero.
	Reference bool `json:"reference,omitempty"`
}

// eventStudy is the fitted event study.
type eventStudy struct {
	effects []EventEffect
	// omitted are relative years whose dummies were collinear with the fixed effects and earlier
	// dummies (possible when no organisation is never restricted); they have no estimate.
	omitted []int32
	params  int
}

// defaultEventMinOrganisations is the smallest number of organisations an endpoint relative year may
// rest on before it is binned with its neighbour, when Options.EventMinOrganisations is 0.
const defaultEventMinOrganisations = 5

// estimateEventStudy fits y_it = α_i + λ_t + Σ_{r≠−1} δ_r·1[t − E_i = r] + e_it, where E_i is the first
// year organisation i is restricted in the data; never-restricted organisations have no event dummies
// and anchor the year effects. Event time runs within a restriction spell: an organisation's years from
// the first one in which it lifts its restriction on are left out, since they are neither restricted
// nor a clean comparison (lifting is estimated on its own, see reversal.go).
//
// Each relative year gets its own dummy, except at the ends: the farthest leads (and lags) are binned
// into an open-ended "this far or farther" dummy while the end bin has fewer than minOrgs organisations,
// because a coefficient identified by one or two organisations has a clustered error that means
// nothing. Bins never reach the reference year; interior relative years are never merged. Every effect
// reports the org-years and organisations it rests on.
func estimateEventStudy(p *panelData, minOrgs int) (*eventStudy, error) {
	p = withinFirstSpell(p)
	// First restricted year of each organisation, and each row's relative year.
	rel := make([]int32, len(p.rows))
	treated := make([]bool, len(p.rows))
	for g := range p.clusters() {
		lo, hi := p.orgStart[g], p.orgStart[g+1]
		first := -1
		for i := lo; i < hi; i++ {
			if p.rows[i].Restricted {
				first = i
				break
			}
		}
		if first < 0 {
			continue
		}
		for i := lo; i < hi; i++ {
			rel[i] = p.rows[i].Year - p.rows[first].Year
			treated[i] = true
		}
	}
	byRel := map[int32][]int{} // relative year → rows
	for i := range p.rows {
		if treated[i] {
			byRel[rel[i]] = append(byRel[rel[i]], i)
		}
	}
	observed := make([]int32, 0, len(byRel))
	for r := range byRel {
		observed = append(observed, r)
	}
	slices.Sort(observed)
	orgsIn := func(rs []int32) int {
		seen := map[int32]struct{}{}
		for _, r := range rs {
			for _, i := range byRel[r] {
				seen[p.rows[i].Org] = struct{}{}
			}
		}
		return len(seen)
	}
	// Edges of the end bins: relative years below loEdge join loEdge, above hiEdge join hiEdge.
	loEdge, hiEdge := int32(math.MinInt32), int32(math.MaxInt32)
	if len(observed) > 0 && observed[0] < referenceRelativeYear {
		i := 0
		for i+1 < len(observed) && observed[i+1] < referenceRelativeYear && orgsIn(observed[:i+1]) < minOrgs {
			i++
		}
		loEdge = observed[i]
	}
	if n := len(observed); n > 0 && observed[n-1] > referenceRelativeYear {
		j := n - 1
		for j-1 >= 0 && observed[j-1] > referenceRelativeYear && orgsIn(observed[j:]) < minOrgs {
			j--
		}
		hiEdge = observed[j]
	}
	bin := func(r int32) int32 { return min(max(r, loEdge), hiEdge) }
	type cell struct {
		members []int32 // relative years in the bin
	}
	cells := map[int32]*cell{}
	for _, r := range observed {
		b := bin(r)
		if cells[b] == nil {
			cells[b] = &cell{}
		}
		cells[b].members = append(cells[b].members, r)
	}
	var relYears []int32 // the bins that get a dummy
	for b := range cells {
		if b != referenceRelativeYear {
			relYears = append(relYears, b)
		}
	}
	slices.Sort(relYears)

	// Year dummies first, then event dummies in increasing relative year: if the event dummies are
	// collinear with the fixed effects, the latest lags are the ones omitted, and the year effects stay.
	ny := len(p.years) - 1
	k := ny + len(relYears)
	d := withinDesign(p, k, func(i int, row []float64) {
		if t := p.yearIdx[i]; t > 0 {
			row[t-1] = 1
		}
		if treated[i] {
			if j, ok := slices.BinarySearch(relYears, bin(rel[i])); ok {
				row[ny+j] = 1
			}
		}
	})
	f, err := fitClustered(d)
	if err != nil {
		return nil, err
	}
	es := &eventStudy{effects: []EventEffect{}, params: f.params}
	count := func(b int32) (obs, orgs int) {
		for _, r := range cells[b].members {
			obs += len(byRel[r])
		}
		return obs, orgsIn(cells[b].members)
	}
	if _, ok := cells[referenceRelativeYear]; ok {
		obs, orgs := count(referenceRelativeYear)
		es.effects = append(es.effects, EventEffect{
			RelativeYear: referenceRelativeYear, PValue: 1,
			Observations: obs, Organisations: orgs, Reference: true,
		})
	}
	for j, r := range relYears {
		b, ok := f.coefficient(ny + j)
		if !ok {
			es.omitted = append(es.omitted, r)
			continue
		}
		obs, orgs := count(r)
		es.effects = append(es.effects, EventEffect{
			RelativeYear: r, Estimate: b.est, StdError: b.se, CILow: b.lo, CIHigh: b.hi, PValue: b.p,
			Observations: obs, Organisations: orgs, OpenEnded: len(cells[r].members) > 1,
		})
	}
	slices.SortFunc(es.effects, func(a, b EventEffect) int { return int(a.RelativeYear - b.RelativeYear) })
	return es, nil
}

// withinFirstSpell returns p without each organisation's rows from the first year it lifts a
// restriction on (p itself when no organisation does).
func withinFirstSpell(p *panelData) *panelData {
	var keep []OrgYear
	cut := false
	for g := range p.clusters() {
		restricted := false
		for i := p.orgStart[g]; i < p.orgStart[g+1]; i++ {
			r := p.rows[i]
			if restricted && !r.Restricted {
				cut = true
				break
			}
			restricted = restricted || r.Restricted
			keep = append(keep, r)
		}
	}
	if !cut {
		return p
	}
	q := newPanel(keep)
	q.dropped = p.dropped
	return q
}
