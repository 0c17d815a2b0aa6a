package reports

// One organisation's KPI against its nearest statistical neighbours (benchmark.NeighbourSet), as a
// dot plot: dots read true on a 1–7 scale, where bars from zero would not.

import (
	"fmt"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/reports/chart"
)

// neighboursSpec describes org's kpi in year against its neighbours, nearest first. Rows are listed
// top to bottom: the organisation, then its neighbours by rank. A row without a value, or whose value
// is withheld, keeps its place with no dot, and its label says why. False when the organisation has
// no neighbours.
func neighboursSpec(r *study.Result, names map[string]string, org, kpi string, year int32, minGroup int, caption string) (chart.Spec, bool) {
	if r.Neighbours == nil {
		return chart.Spec{}, false
	}
	var codes []string
	for _, n := range r.Neighbours.Rows {
		if n.OrgCode == org {
			codes = append(codes, n.NeighbourCode)
		}
	}
	if len(codes) == 0 {
		return chart.Spec{}, false
	}
	byCode := map[string]*benchmark.KPI{}
	for i := range r.KPIs {
		if r.KPIs[i].Year == year {
			byCode[r.KPIs[i].OrgCode] = &r.KPIs[i]
		}
	}
	unit := kpiUnit(kpi)
	s := chart.Spec{
		Name: "neighbours_" + safeFileStem(org) + "_" + kpi, Kind: chart.Neighbours,
		Title:   fmt.Sprintf("%s and its %d nearest neighbours, %d", chart.Shorten(names[org], 48), len(codes), year),
		XLabel:  axisLabel(kpiTitle(kpi), unit),
		YLabel:  "",
		Caption: caption,
		XTicks:  tickKind(unit),
	}
	value := func(code string) (float64, string) {
		k := byCode[code]
		if k == nil {
			return 0, "no data"
		}
		v := kpiValue(k, kpi)
		switch {
		case !v.Valid:
			return 0, "no data"
		case withheld(k, kpi, minGroup):
			return 0, suppressed
		}
		return scaleForChart(unit, v.Value), ""
	}
	self := chart.Series{Name: names[org], Role: "organisation"}
	nb := chart.Series{Name: "nearest neighbours", Role: "neighbours"}
	var sum float64
	var n int
	for i, code := range append([]string{org}, codes...) {
		label := chart.Shorten(names[code], 34)
		if i > 0 {
			label = fmt.Sprintf("%d. %s", i, label)
		}
		v, why := value(code)
		ser := &nb
		if i == 0 {
			ser = &self
		}
		if why != "" {
			ser.Labels = append(ser.Labels, label+" "+why)
			ser.X, ser.Y = append(ser.X, 0), append(ser.Y, -1) // Y −1: no dot
			continue
		}
		ser.Labels = append(ser.Labels, label)
		ser.X, ser.Y = append(ser.X, v), append(ser.Y, float64(i))
		if i > 0 {
			sum += v
			n++
		}
	}
	s.Series = []chart.Series{self, nb}
	if n > 0 {
		mean := sum / float64(n)
		s.Series = append(s.Series, chart.Series{Name: fmt.Sprintf("neighbours' mean (%s)", formatKPI(kpi, unscale(unit, mean))), Role: "mean", X: []float64{mean}})
	}
	s.Notes = append(s.Notes, fmt.Sprintf("Triangle: %s; dots: its nearest neighbours, nearest first.", names[org]))
	if n > 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("Dashed line: the neighbours' mean (%s).", formatKPI(kpi, unscale(unit, sum/float64(n)))))
	}
	if self.Y[0] < 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("%s has no value shown for %d.", names[org], year))
	}
	return s, true
}

// unscale undoes scaleForChart.
func unscale(unit string, v float64) float64 {
	if unit == unitShare {
		return v / 100
	}
	return v
}
