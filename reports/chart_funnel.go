package reports

// The funnel plot: each organisation's satisfaction against its number of respondents, with the
// sector value and the 95% and 99.8% control limits (benchmark.Funnel), so a reader sees which
// differences are beyond chance. Points resting on fewer respondents than the disclosure threshold
// are not drawn.

import (
	"fmt"
	"math"
	"strconv"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/reports/chart"
)

// funnelSpec describes the funnel of kpi in year. It returns false when the study has no such funnel.
func funnelSpec(r *study.Result, names map[string]string, kpi string, year int32, highlight string, minGroup int, caption string) (chart.Spec, bool) {
	var f *benchmark.Funnel
	for i := range r.Funnels {
		if r.Funnels[i].KPI == kpi && r.Funnels[i].Year == year {
			f = &r.Funnels[i]
		}
	}
	if f == nil {
		return chart.Spec{}, false
	}
	unit := kpiUnit(kpi)
	s := chart.Spec{
		Name: "funnel_" + kpi, Kind: chart.Funnel,
		Title:   fmt.Sprintf("%s against respondents, %d", kpiTitle(kpi), year),
		XLabel:  "Respondents (number of staff answering)",
		YLabel:  axisLabel(kpiTitle(kpi), unit),
		Caption: caption,
		YTicks:  tickKind(unit),
	}
	within := chart.Series{Name: "within 99.8% limits", Role: "points"}
	outside := chart.Series{Name: "outside 99.8% limits", Role: "outliers"}
	s.Subtitle = funnelLimitsLine(f)
	if f.Adjustment != benchmark.AdjustNone {
		s.Notes = append(s.Notes, funnelAdjustNote(f))
	}
	var hl *chart.Series
	left := 0
	nMin, nMax := math.Inf(1), math.Inf(-1)
	for _, pt := range r.FunnelPoints {
		if pt.KPI != kpi || pt.Year != year {
			continue
		}
		if pt.Respondents < int64(minGroup) {
			left++
			continue
		}
		n, v := float64(pt.Respondents), scaleForChart(unit, pt.Value)
		nMin, nMax = min(nMin, n), max(nMax, n)
		ser := &within
		if funnelFlag(pt, f.Adjustment) != "within" {
			ser = &outside
		}
		ser.X, ser.Y, ser.Labels = append(ser.X, n), append(ser.Y, v), append(ser.Labels, pt.OrgCode)
		if pt.OrgCode == highlight {
			hl = &chart.Series{Name: names[pt.OrgCode], Role: "highlight", X: []float64{n}, Y: []float64{v}}
		}
	}
	if math.IsInf(nMin, 0) {
		return chart.Spec{}, false
	}
	s.Series = append(s.Series, within, outside)
	target := chart.Series{Name: fmt.Sprintf("sector value (%s)", formatKPI(kpi, f.Target)), Role: "target",
		X: []float64{nMin, nMax}, Y: []float64{scaleForChart(unit, f.Target), scaleForChart(unit, f.Target)}}
	l95 := chart.Series{Name: "95% limits", Role: "limit95"}
	l998 := chart.Series{Name: "99.8% limits", Role: "limit998"}
	const steps = 40
	for i := 0; i <= steps; i++ {
		// Log-spaced, so the curve is smooth where it bends (small n).
		n := nMin * math.Pow(nMax/nMin, float64(i)/steps)
		lo, hi := f.AdjustedLimits(n, benchmark.Z95, f.Adjustment)
		l95.X, l95.Low, l95.High = append(l95.X, n), append(l95.Low, scaleForChart(unit, lo)), append(l95.High, scaleForChart(unit, hi))
		lo, hi = f.AdjustedLimits(n, benchmark.Z998, f.Adjustment)
		l998.X, l998.Low, l998.High = append(l998.X, n), append(l998.Low, scaleForChart(unit, lo)), append(l998.High, scaleForChart(unit, hi))
	}
	s.Series = append(s.Series, target, l95, l998)
	if hl != nil {
		s.Series = append(s.Series, *hl)
	}
	if left > 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("%s with fewer than %d respondents not shown (%s).", plural(left, "organisation", "organisations"), minGroup, suppressed))
	}
	return s, true
}

// funnelFlag is a point's 99.8% flag under the limits the chart draws.
func funnelFlag(pt benchmark.FunnelPoint, a benchmark.Adjustment) string {
	if a == benchmark.AdjustNone {
		return pt.Flag998
	}
	return pt.AdjFlag998
}

// funnelAdjustNote says which limits the chart draws: the adjustment, its estimate and the trim of the
// z-scores it was estimated from.
func funnelAdjustNote(f *benchmark.Funnel) string {
	switch f.Adjustment {
	case benchmark.AdjustMultiplicative:
		return fmt.Sprintf("%s (Spiegelhalter 2005): φ = %s from %s; funnel.csv also has the unadjusted limits.", limitsAdjusted(f.Adjustment, ", "), formatNumber(f.Phi, 2), trimWords(f.Trim))
	}
	scale := ""
	if f.Scale == benchmark.ScaleArcsine {
		scale = " on the arcsine square-root scale"
	}
	return fmt.Sprintf("%s random effects (as FunnelPlotR): τ² = %s%s by DerSimonian–Laird, φ = %s, from %s; funnel.csv also has the unadjusted limits.", limitsAdjusted(f.Adjustment, ", "), formatTau2(f.Tau2), scale, formatNumber(f.Phi, 2), trimWords(f.Trim))
}

// funnelLimitsLine is the line under the funnel chart's title that says which limits it draws: the
// adjustment, its estimate, and the trim of the z-scores it was estimated from when they were
// winsorised. The chart carries it into the saved files, where no caption goes with it.
func funnelLimitsLine(f *benchmark.Funnel) string {
	s := limitsAdjusted(f.Adjustment, ": ")
	switch f.Adjustment {
	case benchmark.AdjustNone:
		return s
	case benchmark.AdjustMultiplicative:
		s += ", φ = " + formatNumber(f.Phi, 2)
	default:
		s += ", τ² = " + formatTau2(f.Tau2)
		if f.Scale == benchmark.ScaleArcsine {
			s += " on the arcsine square-root scale"
		}
	}
	if f.Trim != 0 {
		s += ", from " + winsorisedAt(f.Trim)
	}
	return s
}

// formatTau2 writes τ² to 3 significant figures: it is a small variance on the KPI's own scale.
func formatTau2(v float64) string { return strconv.FormatFloat(v, 'g', 3, 64) }
