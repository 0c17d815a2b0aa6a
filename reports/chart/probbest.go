package chart

// The probability that each option is best: the share of Monte Carlo draws in which it has the
// highest NPSV (costmodel.OptionResult.ProbBest).

import (
	"github.com/psnbyod/psnbyod/reports/internal/numfmt"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// buildProbBest draws a probability-best spec, each bar labelled with its percentage.
func buildProbBest(s *Spec) (*figure, error) {
	p := newChart(s)
	ser := s.ByRole("bars")
	bc, err := plotter.NewBarChart(plotter.Values(ser.Y), vg.Points(40))
	if err != nil {
		return nil, err
	}
	bc.Color = seriesColor(0)
	bc.LineStyle = draw.LineStyle{Color: black, Width: vg.Points(0.5)}
	p.Add(bc)
	// Each option's name on up to three lines under its bar, as wide as a bar's share of the axis.
	slot := (chartWidth-2*margin-vg.Points(60))/vg.Length(max(len(ser.Labels), 1)) - vg.Points(8)
	names := make([]string, len(ser.Labels))
	for i, l := range ser.Labels {
		names[i] = fitLines(p.X.Tick.Label, l, slot, 3)
	}
	p.NominalX(names...)
	var pts plotter.XYs
	var labels []string
	for i, v := range ser.Y {
		pts = append(pts, plotter.XY{X: float64(i), Y: v})
		labels = append(labels, numfmt.Number(v, 1)+"%")
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
