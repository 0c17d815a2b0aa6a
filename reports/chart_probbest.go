package reports

// The probability that each option is best: the share of Monte Carlo draws in which it has the
// highest NPSV (costmodel.OptionResult.ProbBest).

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

func init() { chartBuilders["probbest"] = buildProbBest }

// probBestSpec describes the probability that each option of a scenario is best.
func probBestSpec(s *ScenarioResult, caption string) ChartSpec {
	spec := ChartSpec{
		Name: "probability_best", Kind: "probbest",
		Title:   "Probability that each option has the highest NPSV",
		XLabel:  "Option",
		YLabel:  "Share of Monte Carlo draws (%)",
		Caption: caption,
		YTicks:  "percent",
	}
	ser := SeriesSpec{Name: "probability best", Role: "bars"}
	for _, o := range s.Result.Options {
		ser.Labels = append(ser.Labels, o.Name)
		ser.Y = append(ser.Y, 100*o.ProbBest)
	}
	spec.Series = []SeriesSpec{ser}
	return spec
}

// buildProbBest draws a probability-best spec, each bar labelled with its percentage.
func buildProbBest(s *ChartSpec) (*plot.Plot, error) {
	p := newPlot(s)
	ser := s.series("bars")
	bc, err := plotter.NewBarChart(plotter.Values(ser.Y), vg.Points(40))
	if err != nil {
		return nil, err
	}
	bc.Color = seriesColor(0)
	bc.LineStyle = draw.LineStyle{Color: black, Width: vg.Points(0.5)}
	p.Add(bc)
	p.NominalX(ser.Labels...)
	var pts plotter.XYs
	var labels []string
	for i, v := range ser.Y {
		pts = append(pts, plotter.XY{X: float64(i), Y: v})
		labels = append(labels, FormatNumber(v, 1)+"%")
	}
	lab, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: labels})
	if err != nil {
		return nil, err
	}
	for i := range lab.TextStyle {
		lab.TextStyle[i].Font = sans(9)
		lab.TextStyle[i].XAlign = draw.XCenter
	}
	lab.Offset = vg.Point{Y: vg.Points(3)}
	p.Add(lab)
	p.Y.Min, p.Y.Max = 0, 105
	return p, nil
}
