package benchmark

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Positions place each organisation within its peer group (org_type) and year, the way LG Inform shows
// comparisons: rank, percentile, quartile, z-score, and change on the previous year with its direction of
// travel read through the KPI's polarity.
//
// Definitions:
//   - Only peers with a value take part; n is their number.
//   - Rank: 1 is best by polarity (highest value first for HigherIsBetter and Neutral, lowest first for
//     LowerIsBetter). Ties share the lowest rank ("competition" ranking 1, 2, 2, 4).
//   - Percentile: the percentile rank 100 · (B + E/2) / n, where B is the number of peers strictly worse
//     and E the number equal (itself included). It runs from 50/n (worst, no ties) to 100 − 50/n (best).
//   - Survey KPIs rank only org-years with at least MinRespondents respondents (Socitm's rule): the
//     others are listed with their value and NotRanked says why, but take no part in n, rank or z.
//   - Quartile: ceil(4 · rank / n), the quarter of the group that holds the rank: 1 = best (highest for
//     neutral KPIs) to 4 = worst, named by QuartileLabel in words that carry the direction; tied
//     organisations share a quartile. With n = 15,
//     ranks 1–3 are upper, 4–7 upper middle, 8–11 lower middle, 12–15 lower. Quartile is 0 (no
//     quartile) when n < 4: a quarter of a smaller group is less than one organisation.
//   - Z-score: (value − peer mean) / peer sample SD (n − 1), in the KPI's own direction (not flipped by
//     polarity); empty when n < 2 or the SD is 0.
//   - Change: value − value in year − 1 for the same organisation, empty unless both exist. Direction is
//     "improving"/"worsening" by polarity, "higher"/"lower" for Neutral KPIs, "no change" when equal.

// Polarity says whether a higher value is better.
type Polarity int

// Polarities.
const (
	Neutral        Polarity = iota // a choice, not a performance: rank 1 is the highest value
	HigherIsBetter                 // satisfaction and the like
	LowerIsBetter                  // spend ratios
)

// String names the polarity as it appears in tables.
func (p Polarity) String() string {
	switch p {
	case HigherIsBetter:
		return "higher_is_better"
	case LowerIsBetter:
		return "lower_is_better"
	}
	return "neutral"
}

// MarshalText writes the polarity's name, so JSON shows words.
func (p Polarity) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText reads a name MarshalText writes.
func (p *Polarity) UnmarshalText(b []byte) error {
	for _, q := range []Polarity{Neutral, HigherIsBetter, LowerIsBetter} {
		if q.String() == string(b) {
			*p = q
			return nil
		}
	}
	return fmt.Errorf("unknown polarity %q: expected neutral, higher_is_better or lower_is_better", b)
}

// Measure is one KPI that positions are computed for.
type Measure struct {
	Name     string
	Polarity Polarity
	Value    func(*KPI) Opt
	// Survey is true for KPIs from the staff survey: org-years with fewer than MinRespondents
	// respondents (KPI.SampleOK false) keep their value but are not ranked on them.
	Survey bool
}

// Measures lists the KPIs that are positioned and their polarity. BYOD share and uptake are neutral: a
// council may restrict BYOD for good reasons, so more is not better. Devices per employee is neutral too:
// fewer corporate devices saves money but may mean staff lack tools. Spend ratios are lower-is-better,
// as in Socitm's cost KPIs.
var Measures = []Measure{
	{"satisfaction_mean", HigherIsBetter, func(k *KPI) Opt { return k.SatisfactionMean }, true},
	{"satisfied_share", HigherIsBetter, func(k *KPI) Opt { return k.SatisfiedShare }, true},
	{"remote_access_mean", HigherIsBetter, func(k *KPI) Opt { return k.RemoteAccessMean }, true},
	{"device_satisfaction_mean", HigherIsBetter, func(k *KPI) Opt { return k.DeviceSatisfactionMean }, true},
	{"byod_share", Neutral, func(k *KPI) Opt { return k.BYODShare }, true},
	{"byod_uptake", Neutral, func(k *KPI) Opt { return k.BYODUptake }, false},
	{"devices_per_employee", Neutral, func(k *KPI) Opt { return k.DevicesPerEmployee }, false},
	{"network_spend_per_site", LowerIsBetter, func(k *KPI) Opt { return k.NetworkSpendPerSite }, false},
	{"network_spend_per_employee", LowerIsBetter, func(k *KPI) Opt { return k.NetworkSpendPerEmployee }, false},
	{"compliance_spend_per_employee", LowerIsBetter, func(k *KPI) Opt { return k.ComplianceSpendPerEmployee }, false},
}

// quartileLabel names quartile q (1..4) in words that carry the direction, so that a reader cannot take
// a high spender's "lower" quartile for low spend: for higher-is-better KPIs "top quartile (better)" to
// "bottom quartile (worse)"; for lower-is-better ones, whose quartile 1 holds the lowest values, "lowest
// quartile (better)" to "highest quartile (worse)"; for neutral ones "highest quartile" to "lowest
// quartile". q = 0 (no quartile) gives "".
func quartileLabel(q int, p Polarity) string {
	if q < 1 || q > 4 {
		return ""
	}
	switch p {
	case HigherIsBetter:
		return [...]string{"top quartile (better)", "second quartile", "third quartile", "bottom quartile (worse)"}[q-1]
	case LowerIsBetter:
		return [...]string{"lowest quartile (better)", "second lowest quartile", "second highest quartile", "highest quartile (worse)"}[q-1]
	}
	return [...]string{"highest quartile", "second highest quartile", "second lowest quartile", "lowest quartile"}[q-1]
}

// notRankedSample is Position.NotRanked's reason for a survey KPI resting on too few respondents.
var notRankedSample = fmt.Sprintf("fewer than %d respondents", MinRespondents)

// Position is one organisation's place on one KPI in one year.
type Position struct {
	OrgCode   string   `json:"org_code"`
	Year      int32    `json:"year"`
	KPI       string   `json:"kpi"`
	Polarity  Polarity `json:"polarity"`
	PeerGroup string   `json:"peer_group"`
	Value     float64  `json:"value"`
	// GroupSize is n, the peers (itself included) with a value that year.
	GroupSize  int     `json:"group_size"`
	Rank       int     `json:"rank"`
	Percentile float64 `json:"percentile"`
	Quartile   int     `json:"quartile"`
	// Quartile is 1 (best, or highest for neutral KPIs) to 4, 0 when the group has fewer than 4 members
	// or the organisation is not ranked. QuartileName is QuartileLabel(Quartile, Polarity).
	QuartileName string `json:"quartile_name"`
	// NotRanked says why the organisation is shown but not ranked ("" when ranked): Rank, Percentile,
	// Quartile and ZScore are then zero or empty, and GroupSize counts the ranked peers.
	NotRanked string `json:"not_ranked,omitempty"`
	ZScore    Opt    `json:"z_score"`
	Previous  Opt    `json:"previous"`
	Change    Opt    `json:"change"`
	// Direction is "improving", "worsening", "higher", "lower", "no change", or "" without a previous year.
	Direction string `json:"direction"`
}

// Positions computes positions for every KPI row and measure that has a value, sorted by
// (org_code, year, measure order).
func Positions(kpis []KPI, measures []Measure) []Position {
	type key struct {
		group string
		year  int32
	}
	type member struct {
		row   int
		value float64
	}
	// At most one position per KPI row and measure; each is made once, in place, and sorted by
	// a small key (org, year, measure) rather than moved whole.
	out := make([]Position, 0, len(kpis)*len(measures))
	type sortKey struct {
		org     string
		year    int32
		measure int
		at      int
	}
	keys := make([]sortKey, 0, cap(out))
	prev := make(map[orgYear]int, len(kpis)) // KPI row of each org-year
	for i := range kpis {
		prev[orgYear{kpis[i].Org, kpis[i].Year}] = i
	}
	for mi, m := range measures {
		groups := map[key][]member{}
		groupSize := map[key]int{}
		var unranked []member
		for i := range kpis {
			if v := m.Value(&kpis[i]); v.Valid {
				k := key{kpis[i].PeerGroup, kpis[i].Year}
				if m.Survey && !kpis[i].SampleOK {
					unranked = append(unranked, member{i, v.Value})
					continue
				}
				groups[k] = append(groups[k], member{i, v.Value})
				groupSize[k]++
			}
		}
		for _, x := range unranked {
			k := &kpis[x.row]
			p := Position{OrgCode: k.OrgCode, Year: k.Year, KPI: m.Name, Polarity: m.Polarity, PeerGroup: k.PeerGroup,
				Value: x.value, GroupSize: groupSize[key{k.PeerGroup, k.Year}], NotRanked: notRankedSample}
			p.Previous, p.Change, p.Direction = change(kpis, prev, m, k, x.value)
			keys = append(keys, sortKey{p.OrgCode, p.Year, mi, len(out)})
			out = append(out, p)
		}
		for _, ms := range groups {
			// Best first; the KPI order breaks ties so the summation order below is fixed.
			slices.SortStableFunc(ms, func(a, b member) int {
				c := cmp.Compare(b.value, a.value)
				if m.Polarity == LowerIsBetter {
					c = -c
				}
				return c
			})
			n := len(ms)
			var mean, ss float64
			for _, x := range ms {
				mean += x.value
			}
			mean /= float64(n)
			for _, x := range ms {
				ss += (x.value - mean) * (x.value - mean)
			}
			sd := math.NaN()
			if n > 1 {
				sd = math.Sqrt(ss / float64(n-1))
			}
			for start := 0; start < n; {
				end := start + 1
				for end < n && ms[end].value == ms[start].value {
					end++
				}
				rank, equal, worse := start+1, end-start, n-end
				for _, x := range ms[start:end] {
					k := &kpis[x.row]
					p := Position{
						OrgCode:    k.OrgCode,
						Year:       k.Year,
						KPI:        m.Name,
						Polarity:   m.Polarity,
						PeerGroup:  k.PeerGroup,
						Value:      x.value,
						GroupSize:  n,
						Rank:       rank,
						Percentile: 100 * (float64(worse) + float64(equal)/2) / float64(n),
					}
					if n >= 4 {
						p.Quartile = (4*rank + n - 1) / n
					}
					p.QuartileName = quartileLabel(p.Quartile, m.Polarity)
					if sd > 0 {
						p.ZScore = Some((x.value - mean) / sd)
					}
					p.Previous, p.Change, p.Direction = change(kpis, prev, m, k, x.value)
					keys = append(keys, sortKey{p.OrgCode, p.Year, mi, len(out)})
					out = append(out, p)
				}
				start = end
			}
		}
	}
	// (org, year, measure) is unique, so any sort gives this one order.
	slices.SortFunc(keys, func(a, b sortKey) int {
		return cmp.Or(cmp.Compare(a.org, b.org), cmp.Compare(a.year, b.year), cmp.Compare(a.measure, b.measure))
	})
	sorted := make([]Position, len(out))
	for i, k := range keys {
		sorted[i] = out[k.at]
	}
	return sorted
}

// change is k's previous-year value of m, the change from it and its direction; empty without one.
func change(kpis []KPI, prev map[orgYear]int, m Measure, k *KPI, v float64) (previous, diff Opt, dir string) {
	if j, ok := prev[orgYear{k.Org, k.Year - 1}]; ok {
		if pv := m.Value(&kpis[j]); pv.Valid {
			return pv, Some(v - pv.Value), direction(v-pv.Value, m.Polarity)
		}
	}
	return Opt{}, Opt{}, ""
}

// direction reads a change through the polarity.
func direction(change float64, p Polarity) string {
	switch {
	case change == 0:
		return "no change"
	case p == Neutral && change > 0:
		return "higher"
	case p == Neutral:
		return "lower"
	case (change > 0) == (p == HigherIsBetter):
		return "improving"
	}
	return "worsening"
}
