package reports

import "github.com/psnbyod/psnbyod/reports/chart"

// The probability that each option is best: the share of Monte Carlo draws in which it has the
// highest NPSV (costmodel.OptionResult.ProbBest).

// probBestSpec describes the probability that each option of a scenario is best.
func probBestSpec(s *ScenarioResult, caption string) chart.Spec {
	spec := chart.Spec{
		Name: "probability_best", Kind: chart.ProbBest,
		Title:   "Probability that each option has the highest NPSV",
		XLabel:  "Option",
		YLabel:  "Share of Monte Carlo draws (%)",
		Caption: caption,
		YTicks:  chart.TickPercent,
	}
	ser := chart.Series{Name: "probability best", Role: "bars"}
	for _, o := range s.Result.Options {
		ser.Labels = append(ser.Labels, optionName(&o))
		ser.Y = append(ser.Y, 100*o.ProbBest)
	}
	spec.Series = []chart.Series{ser}
	return spec
}
