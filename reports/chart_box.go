package reports

// Box plots of one KPI across the organisations of each peer group in one year, with one
// organisation marked, so a council sees where it sits in its own kind of authority.

import (
	"fmt"
	"slices"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/reports/chart"
)

// kpiBoxSpec describes the distribution of kpi across organisations by peer group in year, with
// highlight (an org_code, or "") marked. Org-years whose survey figures are withheld are left out
// of the distributions, and the notes say how many.
func kpiBoxSpec(r *study.Result, names map[string]string, kpi string, year int32, highlight string, minGroup int, caption string) chart.Spec {
	unit := kpiUnit(kpi)
	s := chart.Spec{
		Name: "box_" + kpi, Kind: chart.Box,
		Title:   fmt.Sprintf("%s by peer group, %d", kpiTitle(kpi), year),
		XLabel:  "Peer group (authority type; n = organisations shown)",
		YLabel:  axisLabel(kpiTitle(kpi), unit),
		Caption: caption,
		YTicks:  tickKind(unit),
	}
	byGroup := map[string][]float64{}
	left := 0
	var hl *chart.Series
	for i := range r.KPIs {
		k := &r.KPIs[i]
		if k.Year != year {
			continue
		}
		v := kpiValue(k, kpi)
		if !v.Valid {
			continue
		}
		if withheld(k, kpi, minGroup) {
			left++
			if k.OrgCode == highlight {
				s.Notes = append(s.Notes, fmt.Sprintf("%s: %s (fewer than %d respondents).", names[k.OrgCode], suppressed, minGroup))
			}
			continue
		}
		x := scaleForChart(unit, v.Value)
		byGroup[k.PeerGroup] = append(byGroup[k.PeerGroup], x)
		if k.OrgCode == highlight {
			hl = &chart.Series{Name: fmt.Sprintf("%s (%s)", names[k.OrgCode], formatKPI(kpi, v.Value)), Role: "highlight",
				Labels: []string{k.PeerGroup}, Y: []float64{x}}
		}
	}
	groups := make([]string, 0, len(byGroup))
	for g := range byGroup {
		groups = append(groups, g)
	}
	slices.Sort(groups)
	box := chart.Series{Name: "organisations", Role: "box"}
	for _, g := range groups {
		box.Labels = append(box.Labels, fmt.Sprintf("%s (n=%d)", groupLabel(g), len(byGroup[g])))
		box.Groups = append(box.Groups, byGroup[g])
	}
	s.Series = append(s.Series, box)
	if hl != nil {
		hl.X = []float64{float64(slices.Index(groups, hl.Labels[0]))}
		hl.Labels = nil
		s.Series = append(s.Series, *hl)
	}
	if left > 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("%s with fewer than %d respondents left out of the distributions (%s).",
			plural(left, "org-year", "org-years"), minGroup, suppressed))
	}
	return s
}

// groupLabel names a peer group for readers: london_borough → London borough.
func groupLabel(g string) string {
	if g == "" {
		return "(none)"
	}
	g = strings.ReplaceAll(g, "_", " ")
	if strings.HasPrefix(g, "ni ") {
		return "NI " + g[3:]
	}
	return strings.ToUpper(g[:1]) + g[1:]
}

// axisLabel adds the unit to an axis title.
func axisLabel(title, unit string) string {
	switch unit {
	case unitShare:
		return title + " (%)"
	case unitMoney:
		return title + " (£)"
	case unitPoints:
		return strings.Replace(title, " (mean, 1–7)", "", 1) + " (scale points, 1–7)"
	}
	return title
}

// tickKind is how the ticks of a unit are labelled.
func tickKind(unit string) string {
	switch unit {
	case unitShare:
		return chart.TickPercent
	case unitMoney:
		return chart.TickMoney
	}
	return chart.TickPlain
}

// scaleForChart puts a share on a 0–100 scale for a percent axis.
func scaleForChart(unit string, v float64) float64 {
	if unit == unitShare {
		return 100 * v
	}
	return v
}
