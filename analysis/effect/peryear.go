// Per-year comparisons of restricted with unrestricted org-years: the raw difference in org-year means
// with Welch's t-test, and the Mann–Whitney test on respondents' scores with its rank-biserial
// correlation. They describe the data year by year; the causal estimate is the difference-in-differences.

package effect

import (
	"gonum.org/v1/gonum/stat"

	"github.com/psnbyod/psnbyod/analysis/stats"
)

// YearComparison compares restricted and unrestricted organisations in one survey year. Fields that a
// test cannot supply (too few org-years, no spread, no respondent counts) are left out.
type YearComparison struct {
	// Year is the survey year.
	Year int32 `json:"year"`
	// NRestricted and NUnrestricted count the org-years with respondents in each group.
	NRestricted   int `json:"n_restricted"`
	NUnrestricted int `json:"n_unrestricted"`
	// MeanRestricted and MeanUnrestricted are unweighted means of org-year satisfaction_mean.
	MeanRestricted   float64 `json:"mean_restricted"`
	MeanUnrestricted float64 `json:"mean_unrestricted"`
	// Difference is MeanRestricted − MeanUnrestricted.
	Difference float64 `json:"difference"`
	// WelchT, WelchDF and WelchP are Welch's t-test on the org-year means (two-sided); it needs at
	// least two org-years in each group and some spread.
	WelchT  *float64 `json:"welch_t,omitempty"`
	WelchDF *float64 `json:"welch_df,omitempty"`
	WelchP  *float64 `json:"welch_p,omitempty"`
	// RespondentsRestricted and RespondentsUnrestricted are the respondents in the Mann–Whitney test.
	RespondentsRestricted   int64 `json:"respondents_restricted"`
	RespondentsUnrestricted int64 `json:"respondents_unrestricted"`
	// MannWhitneyU is U of the restricted respondents (pairs where they score higher, ties count half).
	MannWhitneyU *float64 `json:"mann_whitney_u,omitempty"`
	// MannWhitneyZ and MannWhitneyP are the tie-corrected, continuity-corrected normal approximation.
	MannWhitneyZ *float64 `json:"mann_whitney_z,omitempty"`
	MannWhitneyP *float64 `json:"mann_whitney_p,omitempty"`
	// RankBiserial is 2U/(n₁n₂) − 1: positive when restricted respondents tend to score higher.
	RankBiserial *float64 `json:"rank_biserial,omitempty"`
}

// compareYears builds a comparison for every year with both restricted and unrestricted org-years.
func compareYears(p *panelData, counts []Counts) []YearComparison {
	hist := map[int32]*Counts{}
	for _, c := range counts {
		h := hist[c.Year]
		if h == nil {
			h = &Counts{Year: c.Year}
			hist[c.Year] = h
		}
		for s := range Scores {
			h.Restricted[s] += c.Restricted[s]
			h.Unrestricted[s] += c.Unrestricted[s]
		}
	}
	byYear := make([][2][]float64, len(p.years)) // [unrestricted, restricted] org-year means
	for i, r := range p.rows {
		t := p.yearIdx[i]
		if r.Restricted {
			byYear[t][1] = append(byYear[t][1], r.Mean)
		} else {
			byYear[t][0] = append(byYear[t][0], r.Mean)
		}
	}
	out := []YearComparison{}
	for t, year := range p.years {
		un, re := byYear[t][0], byYear[t][1]
		if len(un) == 0 || len(re) == 0 {
			continue
		}
		c := YearComparison{
			Year: year, NRestricted: len(re), NUnrestricted: len(un),
			MeanRestricted: stat.Mean(re, nil), MeanUnrestricted: stat.Mean(un, nil),
		}
		c.Difference = c.MeanRestricted - c.MeanUnrestricted
		if w, err := stats.Welch(re, un); err == nil {
			c.WelchT, c.WelchDF, c.WelchP = &w.T, &w.DF, &w.P
		}
		if h := hist[year]; h != nil {
			for s := range Scores {
				c.RespondentsRestricted += h.Restricted[s]
				c.RespondentsUnrestricted += h.Unrestricted[s]
			}
			if m, err := stats.MannWhitneyCounts(h.Restricted[:], h.Unrestricted[:]); err == nil {
				c.MannWhitneyU, c.MannWhitneyZ, c.MannWhitneyP, c.RankBiserial = &m.U, &m.Z, &m.P, &m.RankBiserial
			}
		}
		out = append(out, c)
	}
	return out
}
