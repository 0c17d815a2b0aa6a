package chart

// A chart whose series hold no points (every org-year withheld for having too few respondents, no
// tornado bars) is drawn as a placeholder that keeps the title and caption and says, in the middle
// of the plot area, that there is nothing to show and why (the spec's notes), instead of failing
// the document that carries it.

import (
	"errors"
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// noData is the first line of an empty chart's message.
const noData = "No data to show"

// empty returns the placeholder plot of a spec with no points: its title, no axes, and a message
// centred in the plot area: noData, then why (one line per entry, wrapped to the chart's width).
func empty(s *Spec, why ...string) *plot.Plot {
	p := newChart(s).Plot
	p.HideAxes()
	p.X.Label.Text, p.Y.Label.Text = "", ""
	msg := noData
	if len(why) > 0 {
		msg += ":"
	} else {
		msg += "."
	}
	p.Add(message{lines: append([]string{msg}, why...)})
	return p
}

// message is a plotter that writes lines of text centred in the data area.
type message struct{ lines []string }

func (m message) Plot(c draw.Canvas, _ *plot.Plot) {
	sty := text.Style{Color: color.NRGBA{0x44, 0x44, 0x44, 0xff}, Font: sans(10), XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: lineHandler}
	width := c.Max.X - c.Min.X - vg.Points(24)
	var wrapped []string
	for _, l := range m.lines {
		wrapped = append(wrapped, wrapTo(sty, l, width))
	}
	c.FillText(sty, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2}, strings.Join(wrapped, "\n"))
}

// buildOrEmpty draws a spec with draw, or its placeholder when a series it needs has no points.
func buildOrEmpty(s *Spec, draw func(*Spec) (*figure, error)) (*figure, error) {
	p, err := draw(s)
	if errors.Is(err, plotter.ErrNoData) {
		return &figure{Plot: empty(s, s.Notes...)}, nil
	}
	return p, err
}
