package reports

// The tornado chart: how far one option's incremental NPSV moves when each uncertain input goes to
// its P10 and to its P90, the others at base values (costmodel.Tornado). gonum/plot has no tornado:
// it is two horizontal bar charts of the changes from the base, the largest swing at the top.

import (
	"fmt"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/reports/chart"
)

// tornadoBars is the most inputs a tornado shows.
const tornadoBars = 12

// tornadoSpec describes one tornado of a scenario.
func tornadoSpec(s *ScenarioResult, t *costmodel.Tornado, caption string) chart.Spec {
	spec := chart.Spec{
		Name: "tornado_" + safeFileStem(t.Option), Kind: chart.Tornado,
		Title:   fmt.Sprintf("What moves the case for %s against %s", optionLabelOf(s.Result, t.Option), optionLabelOf(s.Result, t.Against)),
		XLabel:  fmt.Sprintf("Change in incremental NPSV from its base of %s (£)", FormatMoney(t.BaseNPSV)),
		Caption: caption,
		XTicks:  chart.TickMoney,
	}
	low := chart.Series{Name: "input at its P10", Role: "low"}
	high := chart.Series{Name: "input at its P90", Role: "high"}
	for i, b := range t.Bars {
		if i == tornadoBars {
			spec.Notes = append(spec.Notes, fmt.Sprintf("The %d inputs with the smallest swings are not shown.", len(t.Bars)-tornadoBars))
			break
		}
		label := fmt.Sprintf("%s (%s to %s)", chart.Shorten(inputLabel(s.Result, b.Input), 40), number(b.Low), number(b.High))
		low.Labels, high.Labels = append(low.Labels, label), append(high.Labels, label)
		low.X, high.X = append(low.X, b.NPSVLow-t.BaseNPSV), append(high.X, b.NPSVHigh-t.BaseNPSV)
	}
	spec.Series = []chart.Series{low, high}
	return spec
}
