package benchmark

import (
	"cmp"
	"errors"
	"math"
	"slices"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// Nearest neighbours in the style of CIPFA's model, with an open indicator list: each indicator is
// standardised to mean 0 and SD 1 across the organisations, the distance between two organisations is
// the weighted Euclidean distance sqrt(Σ_j w_j (z_aj − z_bj)²) (the weight multiplies the squared
// difference), and distances are rebased per organisation so that its farthest organisation scores 1.
//
// Choices, and why:
//   - SD is the population SD (divide by n), as "standardised to SD 1" means for the whole set. The choice
//     cannot change the result: any common rescaling of z cancels when distances are rebased.
//   - Rebasing is per organisation (each organisation's farthest scores 1), so each organisation's list
//     reads on its own 0..1 scale, as CIPFA's published lists do; ranks do not depend on it.
//   - An indicator that any organisation lacks is dropped for everyone (and listed in Dropped), rather
//     than imputed: an imputed mean would pull organisations with gaps towards the middle of every list.
//     An indicator with the same value for all organisations (SD 0) or weight 0 is dropped too.
//   - Ties in distance are broken by org_code, so lists do not depend on input order. Distances equal to
//     12 significant digits count as tied: standardising leaves last-bit noise in distances that are
//     equal by arithmetic.

// Indicator names that OrgIndicators computes.
const (
	IndicatorPopulation  = "population"         // organisations.population
	IndicatorEmployees   = "employees"          // organisations.employees
	IndicatorDensity     = "population_density" // population / area_km2, when organisations carry area
	IndicatorDeprivation = "deprivation"        // deprivation_score, when organisations carry it
	IndicatorSites       = "sites"              // network.sites in the organisation's latest network year
	IndicatorSpend       = "network_spend"      // network.network_spend_gbp in that same year
	IndicatorOlderShare  = "older_share"        // organisations.older_share, when organisations carry it
)

// defaultNeighbours is how many neighbours CIPFA's model lists.
const defaultNeighbours = 15

// Indicator names one indicator and its weight in the distance.
type Indicator struct {
	Name   string  `json:"name"`
	Weight float64 `json:"weight"`
}

// mixedIndicators were the defaults before AreaIndicators: the place, the organisation and, at half
// weight, its IT estate. They are kept for comparison; they let how a council resources its services
// choose its peers, and employees (estimated from population) counts size twice.
var mixedIndicators = []Indicator{
	{IndicatorPopulation, 1},
	{IndicatorEmployees, 1},
	{IndicatorDensity, 1},
	{IndicatorDeprivation, 1},
	{IndicatorSites, 0.5},
	{IndicatorSpend, 0.5},
}

// Errors returned by FindNeighbours.
var (
	ErrNoIndicators     = errors.New("no usable indicator")
	ErrUnknownIndicator = errors.New("unknown indicator")
	ErrBadWeight        = errors.New("indicator weight must be finite and ≥ 0")
	ErrBadK             = errors.New("number of neighbours must be at least 1")
	ErrTooFewOrgs       = errors.New("nearest neighbours need at least 2 organisations")
	ErrShape            = errors.New("indicator values do not match the organisations")
)

// IndicatorValues holds raw indicator values: Values[org][j] is indicator Names[j] of organisation org
// (same order as the organisations table), meaningful only where Present[org][j].
type IndicatorValues struct {
	Names   []string
	Values  [][]float64
	Present [][]bool
}

// OrgIndicators computes every indicator this package knows from the organisations and network tables.
func OrgIndicators(orgs []contract.Organisation, network []contract.NetworkYear) IndicatorValues {
	names := []string{IndicatorPopulation, IndicatorEmployees, IndicatorDensity, IndicatorDeprivation, IndicatorSites, IndicatorSpend,
		IndicatorLogPopulation, IndicatorLogDensity, IndicatorLogArea, IndicatorOlderShare}
	latest := make([]int, len(orgs)) // index into network of the latest year, −1 when none
	for i := range latest {
		latest[i] = -1
	}
	for i, nw := range network {
		if nw.Org < 0 || int(nw.Org) >= len(orgs) {
			continue
		}
		if j := latest[nw.Org]; j < 0 || network[j].Year < nw.Year {
			latest[nw.Org] = i
		}
	}
	iv := IndicatorValues{Names: names, Values: make([][]float64, len(orgs)), Present: make([][]bool, len(orgs))}
	for i, o := range orgs {
		v := make([]float64, len(names))
		p := make([]bool, len(names))
		v[0], p[0] = float64(o.Population), true
		v[1], p[1] = float64(o.Employees), true
		if o.HasArea && o.AreaKm2 > 0 {
			v[2], p[2] = float64(o.Population)/o.AreaKm2, true
		}
		if o.HasDeprivation {
			v[3], p[3] = o.DeprivationScore, true
		}
		if j := latest[i]; j >= 0 {
			v[4], p[4] = float64(network[j].Sites), true
			v[5], p[5] = network[j].NetworkSpendGBP, true
		}
		if o.Population > 0 {
			v[6], p[6] = math.Log(float64(o.Population)), true
		}
		if o.HasArea && o.AreaKm2 > 0 {
			v[8], p[8] = math.Log(o.AreaKm2), true
			if o.Population > 0 {
				v[7], p[7] = math.Log(float64(o.Population)/o.AreaKm2), true
			}
		}
		if o.HasOlderShare {
			v[9], p[9] = o.OlderShare, true
		}
		iv.Values[i], iv.Present[i] = v, p
	}
	return iv
}

// Neighbour is one organisation's neighbour.
type Neighbour struct {
	OrgCode       string `json:"org_code"`
	NeighbourCode string `json:"neighbour_code"`
	// Rank is 1 for the nearest.
	Rank int `json:"rank"`
	// Distance is rebased: the organisation's farthest organisation scores 1.
	Distance float64 `json:"distance"`
	// RawDistance is the weighted Euclidean distance in standardised units, before rebasing.
	RawDistance float64 `json:"raw_distance"`
	// Contributions[j] is indicator NeighbourSet.Indicators[j]'s share of the squared distance,
	// w_j (z_aj − z_bj)² / Σ_j w_j (z_aj − z_bj)²; they sum to 1 (all 0 when the distance is 0).
	Contributions []float64 `json:"contributions"`
}

// DroppedIndicator says why an indicator took no part.
type DroppedIndicator struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// NeighbourSet is the result of FindNeighbours.
type NeighbourSet struct {
	// Indicators are the indicators used, in the order of Contributions.
	Indicators []Indicator `json:"indicators"`
	// Dropped lists requested indicators left out, with the reason.
	Dropped []DroppedIndicator `json:"dropped"`
	// Rows holds each organisation's k nearest, by org_code then rank.
	Rows []Neighbour `json:"neighbours"`
	// How FindNeighbours grouped organisations (see peers.go): the correlation limit, whether
	// neighbours may cross classes or nations, each group's size, and the organisations alone in their
	// group (with no neighbours).
	MaxCorrelation float64         `json:"max_correlation,omitempty"`
	AcrossClasses  bool            `json:"across_classes"`
	AcrossNations  bool            `json:"across_nations"`
	Groups         []PeerGroupSize `json:"groups,omitempty"`
	Alone          []string        `json:"alone,omitempty"`
}

// nearest lists, for each organisation in org_code order, its k nearest among the others by the
// weighted Euclidean distance over the standardised values z (z[i*m+j] for organisation i, indicator
// j, m = len(weights)).
func nearest(codes []string, z, weights []float64, k int) []Neighbour {
	n, m := len(codes), len(weights)
	type cand struct {
		b   int
		d2  float64
		key float64 // d2 to 12 significant digits, so rounding noise cannot break a true tie
	}
	cands := make([]cand, 0, n-1)
	rows := make([]Neighbour, 0, n*k)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(codes[a], codes[b]) })
	for _, a := range order {
		cands = cands[:0]
		var farthest float64
		for b := range n {
			if b == a {
				continue
			}
			d2 := 0.0
			for j := range m {
				d := z[a*m+j] - z[b*m+j]
				d2 += weights[j] * d * d
			}
			cands = append(cands, cand{b, d2, roundSig(d2)})
			farthest = max(farthest, d2)
		}
		slices.SortFunc(cands, func(x, y cand) int {
			return cmp.Or(cmp.Compare(x.key, y.key), cmp.Compare(codes[x.b], codes[y.b]))
		})
		scale := math.Sqrt(farthest)
		for r, c := range cands[:k] {
			raw := math.Sqrt(c.d2)
			nb := Neighbour{
				OrgCode:       codes[a],
				NeighbourCode: codes[c.b],
				Rank:          r + 1,
				RawDistance:   raw,
				Contributions: make([]float64, m),
			}
			if scale > 0 {
				nb.Distance = raw / scale
			}
			if c.d2 > 0 {
				for j := range m {
					d := z[a*m+j] - z[c.b*m+j]
					nb.Contributions[j] = weights[j] * d * d / c.d2
				}
			}
			rows = append(rows, nb)
		}
	}
	return rows
}

// unusable says why column col cannot be used, or "" when it can.
func unusable(values IndicatorValues, col int, weight float64, orgs []contract.Organisation) string {
	if weight == 0 {
		return "weight 0"
	}
	first := values.Values[0][col]
	constant := true
	for i := range values.Values {
		if !values.Present[i][col] {
			return "missing for " + orgs[i].Code
		}
		v := values.Values[i][col]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "not finite for " + orgs[i].Code
		}
		constant = constant && v == first
	}
	if constant {
		return "same value for every organisation"
	}
	return ""
}

// roundSig rounds x > 0 to 12 significant decimal digits.
func roundSig(x float64) float64 {
	if x == 0 {
		return 0
	}
	p := math.Pow(10, 11-math.Floor(math.Log10(x)))
	return math.Round(x*p) / p
}
