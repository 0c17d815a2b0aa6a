package study

import (
	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/effect"
)

// The restriction effect is estimated on the KPI rows, so that it sees exactly the org-years the
// benchmarks show. benchmark shapes them (Panel, RestrictionCounts); these two functions only change
// the type, because effect does not import benchmark.

// effectPanel is the difference-in-differences panel: org-years with respondents and a network row.
func effectPanel(kpis []benchmark.KPI) []effect.OrgYear {
	rows := benchmark.Panel(kpis)
	out := make([]effect.OrgYear, len(rows))
	for i, r := range rows {
		out[i] = effect.OrgYear{Org: r.Org, Year: r.Year, Mean: r.SatisfactionMean, Respondents: r.Respondents, Restricted: r.Restricted}
	}
	return out
}

// effectCounts are the per-year score histograms for the Mann–Whitney tests.
func effectCounts(kpis []benchmark.KPI) []effect.Counts {
	rows := benchmark.RestrictionCounts(kpis)
	out := make([]effect.Counts, len(rows))
	for i, r := range rows {
		out[i] = effect.Counts{Year: r.Year, Restricted: r.Restricted, Unrestricted: r.Unrestricted}
	}
	return out
}
