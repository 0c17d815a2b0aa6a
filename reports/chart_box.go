package reports

// Box plots of one KPI across the organisations of each peer group in one year, with one
// organisation marked, so a council sees where it sits in its own kind of authority.

import (
	"fmt"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/psnbyod/psnbyod/analysis/study"
)

func init() { chartBuilders["box"] = buildBox }

// kpiBoxSpec describes the distribution of kpi across organisations by peer group in year, with
// highlight (an org_code, or "") marked. Org-years whose survey figures are withheld are left out
// of the distributions, and the notes say how many.
func kpiBoxSpec(r *study.Result, names map[string]string, kpi string, year int32, highlight string, minGroup int, caption string) ChartSpec {
	unit := kpiUnit(kpi)
	s := ChartSpec{
		Name: "box_" + kpi, Kind: "box",
		Title:   fmt.Sprintf("%s by peer group, %d", kpiTitle(kpi), year),
		XLabel:  "Peer group (authority type; n = organisations shown)",
		YLabel:  axisLabel(kpiTitle(kpi), unit),
		Caption: caption,
		YTicks:  tickKind(unit),
	}
	byGroup := map[string][]float64{}
	left := 0
	var hl *SeriesSpec
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
				s.Notes = append(s.Notes, fmt.Sprintf("%s: %s (fewer than %d respondents).", names[k.OrgCode], Suppressed, minGroup))
			}
			continue
		}
		x := scaleForChart(unit, v.Value)
		byGroup[k.PeerGroup] = append(byGroup[k.PeerGroup], x)
		if k.OrgCode == highlight {
			hl = &SeriesSpec{Name: fmt.Sprintf("%s (%s)", names[k.OrgCode], formatKPI(kpi, v.Value)), Role: "highlight",
				Labels: []string{k.PeerGroup}, Y: []float64{x}}
		}
	}
	groups := make([]string, 0, len(byGroup))
	for g := range byGroup {
		groups = append(groups, g)
	}
	slices.Sort(groups)
	box := SeriesSpec{Name: "organisations", Role: "box"}
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
			plural(left, "org-year", "org-years"), minGroup, Suppressed))
	}
	return s
}

// buildBox draws a box spec.
func buildBox(s *ChartSpec) (*plot.Plot, error) {
	p := newPlot(s)
	box := s.series("box")
	if box == nil || len(box.Groups) == 0 {
		return nil, plotter.ErrNoData
	}
	for i, vals := range box.Groups {
		b, err := plotter.NewBoxPlot(vg.Points(28), float64(i), plotter.Values(vals))
		if err != nil {
			return nil, err
		}
		b.FillColor = faded(seriesColor(0), 0x40)
		b.BoxStyle.Color = black
		b.MedianStyle.Width = vg.Points(2)
		b.GlyphStyle.Shape = draw.CircleGlyph{}
		b.GlyphStyle.Radius = vg.Points(1.5)
		b.GlyphStyle.Color = grey
		p.Add(b)
	}
	labels := make([]string, len(box.Labels))
	for i, l := range box.Labels {
		labels[i] = strings.ReplaceAll(l, " ", "\n")
	}
	p.NominalX(labels...)
	p.X.Tick.Label.Font = sans(8)
	if hl := s.series("highlight"); hl != nil {
		sc, err := plotter.NewScatter(plotter.XYs{{X: hl.X[0], Y: hl.Y[0]}})
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: seriesColor(1), Radius: vg.Points(5), Shape: draw.TriangleGlyph{}}
		p.Add(sc)
		p.Legend.Add(hl.Name, sc)
		legendRoom(p, 1)
	}
	return p, nil
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
		return "percent"
	case unitMoney:
		return "money"
	}
	return ""
}

// scaleForChart puts a share on a 0–100 scale for a percent axis.
func scaleForChart(unit string, v float64) float64 {
	if unit == unitShare {
		return 100 * v
	}
	return v
}
