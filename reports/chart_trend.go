package reports

// Satisfaction over time, restricted against unrestricted organisations, with 95% interval bands.

import (
	"fmt"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/effect"
	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/reports/chart"
)

// trendSpec describes the satisfaction trend. A group-year resting on fewer respondents than
// minGroup is left out. It returns false when there is nothing to draw.
func trendSpec(r *study.Result, minGroup int, caption string) (chart.Spec, bool) {
	s := chart.Spec{
		Name: "trend_satisfaction", Kind: chart.Trend,
		Title:   "User satisfaction with ICT, restricted and unrestricted BYOD",
		XLabel:  "Survey year",
		YLabel:  "Satisfaction (scale points, 1–7)",
		Caption: caption,
		Notes:   []string{"Bands are 95% confidence intervals of the mean across organisations (t distribution, n − 1 degrees of freedom)."},
	}
	groups := []chart.Series{{Name: "BYOD not restricted", Role: "unrestricted"}, {Name: "BYOD restricted for the PSN", Role: "restricted"}}
	left := 0
	for _, tp := range effect.GroupYears(trendRows(r.KPIs)) {
		if tp.Respondents < int64(minGroup) {
			left++
			continue
		}
		g := &groups[0]
		if tp.Restricted {
			g = &groups[1]
		}
		g.X, g.Y = append(g.X, float64(tp.Year)), append(g.Y, tp.Mean)
		g.Low, g.High = append(g.Low, tp.Low), append(g.High, tp.High)
	}
	if len(groups[0].X)+len(groups[1].X) == 0 {
		return chart.Spec{}, false
	}
	s.Series = groups
	if left > 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("%s with fewer than %d respondents not shown (%s).", plural(left, "group-year", "group-years"), minGroup, suppressed))
	}
	return s, true
}

// trendRows are the org-years the trend shows: those with respondents, a known restriction status
// and a satisfaction mean, in KPI order.
func trendRows(kpis []benchmark.KPI) []effect.OrgYear {
	var rows []effect.OrgYear
	for i := range kpis {
		k := &kpis[i]
		if k.Respondents == 0 || k.BYODRestricted == nil || !k.SatisfactionMean.Valid {
			continue
		}
		rows = append(rows, effect.OrgYear{Org: k.Org, Year: k.Year, Mean: k.SatisfactionMean.Value, Respondents: k.Respondents, Restricted: *k.BYODRestricted})
	}
	return rows
}
