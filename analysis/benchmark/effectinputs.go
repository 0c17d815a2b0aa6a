package benchmark

import (
	"cmp"
	"slices"
)

// This file hands the restriction-effect analysis (analysis/effect) its inputs, built from the KPI rows
// so that both analyses see the same org-years.

// ScoreCounts is, for one year, how many respondents gave each score 1..7 (index 0 is score 1) in
// org-years that restricted BYOD and in those that did not: the two samples of a Mann–Whitney test.
type ScoreCounts struct {
	Year         int32         `json:"year"`
	Restricted   [Scores]int64 `json:"restricted"`
	Unrestricted [Scores]int64 `json:"unrestricted"`
}

// RestrictionCounts sums score counts by year and restriction status. Org-years without a network row
// (restriction unknown) or without respondents are left out. Rows come back sorted by year.
func RestrictionCounts(kpis []KPI) []ScoreCounts {
	byYear := map[int32]*ScoreCounts{}
	for i := range kpis {
		k := &kpis[i]
		if k.BYODRestricted == nil || k.Respondents == 0 {
			continue
		}
		sc := byYear[k.Year]
		if sc == nil {
			sc = &ScoreCounts{Year: k.Year}
			byYear[k.Year] = sc
		}
		dst := &sc.Unrestricted
		if *k.BYODRestricted {
			dst = &sc.Restricted
		}
		for v, c := range k.Survey.Counts {
			dst[v] += c
		}
	}
	out := make([]ScoreCounts, 0, len(byYear))
	for _, sc := range byYear {
		out = append(out, *sc)
	}
	slices.SortFunc(out, func(a, b ScoreCounts) int { return cmp.Compare(a.Year, b.Year) })
	return out
}

// PanelRow is one org-year of the panel the difference-in-differences model is fitted on.
type PanelRow struct {
	Org              int32   `json:"-"`
	OrgCode          string  `json:"org_code"`
	Year             int32   `json:"year"`
	SatisfactionMean float64 `json:"satisfaction_mean"`
	Respondents      int64   `json:"respondents"`
	// SumWeight lets the model weight org-years by their survey weight if it chooses to.
	SumWeight  float64 `json:"sum_weight"`
	Restricted bool    `json:"byod_restricted"`
}

// Panel returns the org-years that have respondents and a known restriction status, in the KPI rows'
// order, (org_code, year).
func Panel(kpis []KPI) []PanelRow {
	out := make([]PanelRow, 0, len(kpis))
	for i := range kpis {
		k := &kpis[i]
		if k.BYODRestricted == nil || k.Respondents == 0 {
			continue
		}
		out = append(out, PanelRow{
			Org:              k.Org,
			OrgCode:          k.OrgCode,
			Year:             k.Year,
			SatisfactionMean: k.Survey.Mean,
			Respondents:      k.Respondents,
			SumWeight:        k.Survey.SumWeight,
			Restricted:       *k.BYODRestricted,
		})
	}
	return out
}
