package benchmark

import (
	"cmp"
	"slices"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// This file gives the figures of the peers' BENCHMARK workload (shared/peers/README.md) from the same
// accumulator as the KPIs, so the tool can be checked against DuckDB, pandas and R to 1e-9.

// WorkloadOrgYear is one row of the BENCHMARK workload's *_orgyear.csv: one per org-year with respondents.
type WorkloadOrgYear struct {
	OrgCode string `json:"org_code"`
	Year    int32  `json:"year"`
	N       int64  `json:"n"`
	// SumWeight is Σw.
	SumWeight float64 `json:"sum_weight"`
	// MeanSatisfaction is Σwx/Σw.
	MeanSatisfaction float64 `json:"mean_satisfaction"`
	// SDSatisfaction is the population form sqrt(Σw(x − mean)²/Σw).
	SDSatisfaction float64 `json:"sd_satisfaction"`
	// ShareSatisfied is the weight share with x ≥ 5.
	ShareSatisfied float64 `json:"share_satisfied"`
	// ShareBYOD is the weight share using BYOD.
	ShareBYOD float64 `json:"share_byod"`
	// MedianSatisfaction is the unweighted median of x.
	MedianSatisfaction float64 `json:"median_satisfaction"`
	// BYODRestricted comes from the network row of the same org-year (left join): nil when there is none.
	BYODRestricted *bool `json:"byod_restricted"`
}

// WorkloadYear is one row of the BENCHMARK workload's *_byyear.csv.
type WorkloadYear struct {
	Year          int32 `json:"year"`
	NRestricted   int   `json:"n_restricted"`
	NUnrestricted int   `json:"n_unrestricted"`
	// MeanRestricted and MeanUnrestricted are unweighted means over org-years of MeanSatisfaction;
	// empty when the side has no org-years.
	MeanRestricted   Opt `json:"mean_restricted"`
	MeanUnrestricted Opt `json:"mean_unrestricted"`
	// Diff is MeanRestricted − MeanUnrestricted, empty when either is.
	Diff Opt `json:"diff"`
}

// WorkloadOrgYears returns the BENCHMARK org-year rows sorted by (org_code, year).
func WorkloadOrgYears(orgs []contract.Organisation, network []contract.NetworkYear, acc *Accumulator) []WorkloadOrgYear {
	restricted := make(map[orgYear]bool, len(network))
	for _, nw := range network {
		restricted[orgYear{nw.Org, nw.Year}] = nw.BYODRestricted
	}
	groups := acc.Groups()
	out := make([]WorkloadOrgYear, 0, len(groups))
	for _, s := range groups {
		r := WorkloadOrgYear{
			OrgCode:            orgCode(orgs, s.Org),
			Year:               s.Year,
			N:                  s.Respondents,
			SumWeight:          s.SumWeight,
			MeanSatisfaction:   s.Mean,
			SDSatisfaction:     s.SD,
			ShareSatisfied:     s.SatisfiedShare,
			ShareBYOD:          s.BYODShare,
			MedianSatisfaction: s.Median,
		}
		if v, ok := restricted[orgYear{s.Org, s.Year}]; ok {
			r.BYODRestricted = &v
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b WorkloadOrgYear) int {
		return cmp.Or(cmp.Compare(a.OrgCode, b.OrgCode), cmp.Compare(a.Year, b.Year))
	})
	return out
}

// WorkloadYears summarises org-year rows by year, over the rows whose BYODRestricted is known. The means
// are summed in the order of rows (sorted by org_code), so the result is deterministic.
func WorkloadYears(rows []WorkloadOrgYear) []WorkloadYear {
	type acc struct {
		n    [2]int
		mean [2]float64
	}
	byYear := map[int32]*acc{}
	for _, r := range rows {
		if r.BYODRestricted == nil {
			continue
		}
		a := byYear[r.Year]
		if a == nil {
			a = &acc{}
			byYear[r.Year] = a
		}
		side := 1
		if *r.BYODRestricted {
			side = 0
		}
		a.n[side]++
		a.mean[side] += r.MeanSatisfaction
	}
	out := make([]WorkloadYear, 0, len(byYear))
	for y, a := range byYear {
		wy := WorkloadYear{Year: y, NRestricted: a.n[0], NUnrestricted: a.n[1]}
		wy.MeanRestricted = ratio(a.mean[0], float64(a.n[0]))
		wy.MeanUnrestricted = ratio(a.mean[1], float64(a.n[1]))
		if wy.MeanRestricted.Valid && wy.MeanUnrestricted.Valid {
			wy.Diff = Some(wy.MeanRestricted.Value - wy.MeanUnrestricted.Value)
		}
		out = append(out, wy)
	}
	slices.SortFunc(out, func(a, b WorkloadYear) int { return cmp.Compare(a.Year, b.Year) })
	return out
}

// orgYear keys the small tables (devices, network) by organisation index and year.
type orgYear struct {
	org  int32
	year int32
}

// orgCode names an organisation index, or "" when it is outside the table (a reader bug, not user input).
func orgCode(orgs []contract.Organisation, i int32) string {
	if i < 0 || int(i) >= len(orgs) {
		return ""
	}
	return orgs[i].Code
}
