package benchmark

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// Peers the way CIPFA's Nearest Neighbours model and ONS's area classifications choose them:
//
//   - Indicators describe the area a council serves, not how the council resources its services
//     (CIPFA: "the model uses ... characteristics of the area"): by default log population, log
//     population density (people per km², the open stand-in for rurality) and deprivation (la_imd's
//     composite score). Population is logged because councils' sizes are skewed (from 2,000 residents to
//     over a million): unlogged, a handful of the largest would decide every distance. The share of older
//     residents, which CIPFA also uses, is not in the open reference data and so not among the defaults; a
//     user's organisations table can bring any indicator this package knows. Area is not a default: log
//     area = log population − log density, so with both of those it would count size a third time.
//   - Each indicator is standardised to mean 0, SD 1 within the group being compared, as CIPFA
//     standardises within each model.
//   - ONS's rule that no indicator counts twice: any indicator whose Pearson correlation with one kept
//     before it exceeds MaxCorrelation (0.9) in absolute value, across all organisations, is dropped and
//     listed in Dropped with the correlation.
//   - Neighbours are found within a class of authority with like functions (CIPFA runs separate models
//     for counties, districts and single-tier authorities): single-tier (unitary, metropolitan, London
//     borough, Scottish and Welsh unitary, and the City of London, "other"), county, district, and NI
//     district (NI councils run neither education nor social care). Within nation too, unless
//     AcrossNations: services, funding and law differ between the four nations.
//
// Known weakness: with few indicators, organisations alike on them may differ on what they do not
// measure (age structure, tourism, commuting); and a class with few members (Northern Ireland's
// districts) gives neighbours that are simply the rest of the class.

// Area indicators OrgIndicators computes besides the raw ones.
const (
	IndicatorLogPopulation = "log_population" // ln(population)
	IndicatorLogDensity    = "log_density"    // ln(population / area_km2)
	IndicatorLogArea       = "log_area"       // ln(area_km2)
)

// maxCorrelation is the correlation above which an indicator counts twice and is dropped.
const maxCorrelation = 0.9

// areaIndicators are the default indicators: characteristics of the area only, equally weighted.
var areaIndicators = []Indicator{
	{IndicatorLogPopulation, 1},
	{IndicatorLogDensity, 1},
	{IndicatorDeprivation, 1},
}

// PeerOptions say how FindNeighbours chooses peers. The zero value gives the defaults.
type PeerOptions struct {
	// Indicators and their weights; nil means the area indicators log_population, log_density and
	// deprivation, equally weighted.
	Indicators []Indicator `toml:"indicator" json:"indicators"`
	// K is the number of neighbours; 0 means 15, as CIPFA's model lists.
	K int `toml:"neighbours" json:"neighbours"`
	// AcrossClasses lets neighbours come from any class of authority; AcrossNations from any nation.
	AcrossClasses bool `toml:"across_classes" json:"across_classes"`
	AcrossNations bool `toml:"across_nations" json:"across_nations"`
	// MaxCorrelation, when > 0, replaces the correlation limit of 0.9 above which an indicator is
	// dropped as counting twice.
	MaxCorrelation float64 `toml:"max_correlation" json:"max_correlation"`
}

// class is the class of authority an org_type belongs to for neighbours.
func class(orgType string) string {
	switch orgType {
	case "county", "district", "ni_district":
		return orgType
	}
	return "single_tier"
}

// nation is an organisation's nation: its nation column when present, else read from a GSS code's
// first letter (E England, W Wales, S Scotland, N Northern Ireland) or its org_type; "" when unknown.
func nation(o *contract.Organisation) string {
	if o.Nation != "" {
		return o.Nation
	}
	switch o.Type {
	case "scottish_unitary":
		return "Scotland"
	case "welsh_unitary":
		return "Wales"
	case "ni_district":
		return "Northern Ireland"
	}
	if len(o.Code) == 9 && o.Code[1] >= '0' && o.Code[1] <= '9' {
		switch o.Code[0] {
		case 'E':
			return "England"
		case 'W':
			return "Wales"
		case 'S':
			return "Scotland"
		case 'N':
			return "Northern Ireland"
		}
	}
	return ""
}

// FindNeighbours finds each organisation's nearest neighbours within its class and nation (unless
// opts say otherwise) on the chosen indicators, after dropping indicators that any organisation lacks,
// that are constant, or that correlate above the limit with one kept before them. An organisation
// alone in its group gets no neighbours and is listed in Alone.
func FindNeighbours(orgs []contract.Organisation, values IndicatorValues, opts PeerOptions) (*NeighbourSet, error) {
	n := len(orgs)
	k := cmp.Or(opts.K, defaultNeighbours)
	indicators := opts.Indicators
	if indicators == nil {
		indicators = areaIndicators
	}
	limit := cmp.Or(opts.MaxCorrelation, maxCorrelation)
	switch {
	case k < 1:
		return nil, fmt.Errorf("%w: %d", ErrBadK, k)
	case n < 2:
		return nil, ErrTooFewOrgs
	case len(values.Values) != n || len(values.Present) != n:
		return nil, fmt.Errorf("%w: %d organisations, %d value rows", ErrShape, n, len(values.Values))
	case math.IsNaN(limit) || limit <= 0 || limit > 1:
		return nil, fmt.Errorf("max_correlation %v: expected a number in (0, 1]", limit)
	}
	set := &NeighbourSet{MaxCorrelation: limit, AcrossClasses: opts.AcrossClasses, AcrossNations: opts.AcrossNations}
	var cols []int
	for _, ind := range indicators {
		if math.IsNaN(ind.Weight) || math.IsInf(ind.Weight, 0) || ind.Weight < 0 {
			return nil, fmt.Errorf("%w: %s = %v", ErrBadWeight, ind.Name, ind.Weight)
		}
		col := slices.Index(values.Names, ind.Name)
		if col < 0 {
			return nil, fmt.Errorf("%w %q (known: %v)", ErrUnknownIndicator, ind.Name, values.Names)
		}
		if slices.Contains(cols, col) {
			return nil, fmt.Errorf("%w %q: listed twice", ErrUnknownIndicator, ind.Name)
		}
		if reason := unusable(values, col, ind.Weight, orgs); reason != "" {
			set.Dropped = append(set.Dropped, DroppedIndicator{ind.Name, reason})
			continue
		}
		drop := ""
		for j, kept := range cols {
			if r := correlation(values, kept, col); math.Abs(r) > limit {
				drop = fmt.Sprintf("correlation %.3f with %s (above %g): it would count twice", r, set.Indicators[j].Name, limit)
				break
			}
		}
		if drop != "" {
			set.Dropped = append(set.Dropped, DroppedIndicator{ind.Name, drop})
			continue
		}
		set.Indicators = append(set.Indicators, ind)
		cols = append(cols, col)
	}
	m := len(cols)
	if m == 0 {
		return set, ErrNoIndicators
	}

	// Groups, each in org_code order, and the groups in order of their first code.
	groups := map[string][]int{}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(orgs[a].Code, orgs[b].Code) })
	var keys []string
	for _, i := range order {
		key := set.groupOf(&orgs[i])
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], i)
	}
	weights := make([]float64, m)
	for j := range m {
		weights[j] = set.Indicators[j].Weight
	}
	for _, key := range keys {
		members := groups[key]
		set.Groups = append(set.Groups, PeerGroupSize{Group: key, Size: len(members)})
		if len(members) < 2 {
			set.Alone = append(set.Alone, orgs[members[0]].Code)
			continue
		}
		z := make([]float64, len(members)*m)
		for j, col := range cols {
			var mean, ss float64
			for _, i := range members {
				mean += values.Values[i][col]
			}
			mean /= float64(len(members))
			for _, i := range members {
				d := values.Values[i][col] - mean
				ss += d * d
			}
			sd := math.Sqrt(ss / float64(len(members)))
			for a, i := range members {
				if sd > 0 { // constant within the group: it cannot tell members apart, z stays 0
					z[a*m+j] = (values.Values[i][col] - mean) / sd
				}
			}
		}
		codes := make([]string, len(members))
		for a, i := range members {
			codes[a] = orgs[i].Code
		}
		set.Rows = append(set.Rows, nearest(codes, z, weights, min(k, len(members)-1))...)
	}
	slices.SortStableFunc(set.Rows, func(a, b Neighbour) int {
		return cmp.Or(cmp.Compare(a.OrgCode, b.OrgCode), cmp.Compare(a.Rank, b.Rank))
	})
	return set, nil
}

// PeerGroupSize is one group of organisations neighbours are found within, and its size.
type PeerGroupSize struct {
	Group string `json:"group"`
	Size  int    `json:"size"`
}

// groupOf names the group an organisation's neighbours come from: its class and nation, as the set's
// options say ("all" when neither applies).
func (s *NeighbourSet) groupOf(o *contract.Organisation) string {
	var parts []string
	if !s.AcrossClasses {
		parts = append(parts, class(o.Type))
	}
	if !s.AcrossNations {
		parts = append(parts, cmp.Or(nation(o), "nation unknown"))
	}
	if len(parts) == 0 {
		return "all"
	}
	return strings.Join(parts, ", ")
}

// correlation is the Pearson correlation of two columns over all organisations (0 when either is
// constant).
func correlation(values IndicatorValues, a, b int) float64 {
	n := float64(len(values.Values))
	var ma, mb float64
	for _, v := range values.Values {
		ma += v[a]
		mb += v[b]
	}
	ma, mb = ma/n, mb/n
	var sab, saa, sbb float64
	for _, v := range values.Values {
		da, db := v[a]-ma, v[b]-mb
		sab += da * db
		saa += da * da
		sbb += db * db
	}
	if saa == 0 || sbb == 0 {
		return 0
	}
	return sab / math.Sqrt(saa*sbb)
}
