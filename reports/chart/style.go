package chart

// The common look of every chart, and how a chart is saved. Each chart is described first as a
// Spec (title, axis labels, caption and the series with their points: the data the chart is
// drawn from, which the golden tests compare) and then drawn from that spec alone, so the picture
// cannot show anything the spec does not hold.
//
// Colours are the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies;
// every series also differs in dash pattern or marker shape, so charts survive greyscale printing.

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Spec is the data a chart is drawn from.
type Spec struct {
	// Name is the file stem (the chart is saved as NAME.svg, NAME.png and NAME.pdf).
	Name string `json:"name"`
	// Kind selects the drawing.
	Kind    Kind   `json:"kind"`
	Title   string `json:"title"`
	XLabel  string `json:"x_label"`
	YLabel  string `json:"y_label"`
	Caption string `json:"caption"`
	// XTicks and YTicks say how ticks are labelled: TickPlain numbers, TickMoney (£1.5m), TickPercent.
	XTicks string   `json:"x_ticks,omitempty"`
	YTicks string   `json:"y_ticks,omitempty"`
	Series []Series `json:"series"`
	// Notes are said under the chart in the documents (suppressed groups, left-out points).
	Notes []string `json:"notes,omitempty"`
}

// Series is one series: a name for the legend, its role in the chart, and its points. Labels
// name categories (boxes, bars) in order; X, Y, Low and High are parallel.
type Series struct {
	Name   string    `json:"name"`
	Role   string    `json:"role"`
	Labels []string  `json:"labels,omitempty"`
	X      []float64 `json:"x,omitempty"`
	Y      []float64 `json:"y,omitempty"`
	Low    []float64 `json:"low,omitempty"`
	High   []float64 `json:"high,omitempty"`
	// Groups holds the raw values of each category of a box plot.
	Groups [][]float64 `json:"groups,omitempty"`
}

// ByRole returns the first series with a role, or nil.
func (s *Spec) ByRole(role string) *Series {
	for i := range s.Series {
		if s.Series[i].Role == role {
			return &s.Series[i]
		}
	}
	return nil
}

// Chart sizes: the width of an A4 page's text block, and a readable height.
const (
	chartWidth  = 16 * vg.Centimeter
	chartHeight = 10 * vg.Centimeter
)

// okabeIto is the Okabe–Ito palette without yellow, which vanishes on white paper: blue,
// vermillion, bluish green, orange, reddish purple, sky blue, black.
var okabeIto = []color.NRGBA{
	{0x00, 0x72, 0xB2, 0xff},
	{0xD5, 0x5E, 0x00, 0xff},
	{0x00, 0x9E, 0x73, 0xff},
	{0xE6, 0x9F, 0x00, 0xff},
	{0xCC, 0x79, 0xA7, 0xff},
	{0x56, 0xB4, 0xE9, 0xff},
	{0x00, 0x00, 0x00, 0xff},
}

// seriesColor is the colour of series i.
func seriesColor(i int) color.NRGBA { return okabeIto[i%len(okabeIto)] }

// faded is a colour at low opacity, for interval bands.
func faded(c color.NRGBA, alpha uint8) color.NRGBA {
	// NRGBA is not premultiplied: keep the colour, lower the alpha.
	c.A = alpha
	return c
}

var (
	grey      = color.NRGBA{0x99, 0x99, 0x99, 0xff}
	lightGrey = color.NRGBA{0xdd, 0xdd, 0xdd, 0xff}
	black     = color.NRGBA{0, 0, 0, 0xff}
)

// dashes are the line patterns of series i: solid, dashed, dotted, dash-dot, long dash.
var dashes = [][]vg.Length{
	nil,
	{vg.Points(6), vg.Points(3)},
	{vg.Points(1.5), vg.Points(2)},
	{vg.Points(6), vg.Points(2), vg.Points(1.5), vg.Points(2)},
	{vg.Points(10), vg.Points(3)},
}

func seriesDashes(i int) []vg.Length { return dashes[i%len(dashes)] }

// glyphs are the marker shapes of series i.
var glyphs = []draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.TriangleGlyph{}, draw.SquareGlyph{}, draw.CrossGlyph{}, draw.RingGlyph{}, draw.PyramidGlyph{}, draw.PlusGlyph{},
}

func seriesGlyph(i int) draw.GlyphDrawer { return glyphs[i%len(glyphs)] }

// lineStyle is series i's line.
func lineStyle(i int) draw.LineStyle {
	return draw.LineStyle{Color: seriesColor(i), Width: vg.Points(1.6), Dashes: seriesDashes(i)}
}

// glyphStyle is series i's marker.
func glyphStyle(i int) draw.GlyphStyle {
	return draw.GlyphStyle{Color: seriesColor(i), Radius: vg.Points(3), Shape: seriesGlyph(i)}
}

// sans is the font of all chart text: a sans-serif reads better at small sizes.
func sans(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// newPlot starts a plot with the spec's title and labels and the house style.
func newPlot(s *Spec) *plot.Plot {
	p := plot.New()
	p.Title.TextStyle.Font = sans(12)
	// A long title wraps to the chart's width rather than running off it.
	p.Title.Text = wrapTo(p.Title.TextStyle, s.Title, chartWidth-vg.Points(12))
	p.Title.Padding = vg.Points(6)
	p.X.Label.Text = s.XLabel
	p.Y.Label.Text = s.YLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(10)
		a.Tick.Label.Font = sans(9)
	}
	p.Legend.TextStyle.Font = sans(9)
	p.Legend.Top = true
	p.Legend.YOffs = -vg.Points(2)
	p.X.Tick.Marker = tickMarker(s.XTicks)
	p.Y.Tick.Marker = tickMarker(s.YTicks)
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = lightGrey, lightGrey
	g.Vertical.Width, g.Horizontal.Width = vg.Points(0.5), vg.Points(0.5)
	p.Add(g)
	return p
}

// tickMarker is the axis ticker of a unit: 1-2-5 steps, zero labelled when in range (Ticks).
func tickMarker(kind string) plot.Ticker { return Ticks{Unit: kind} }

// captionStyle is the style of the source line under a chart.
func captionStyle() text.Style {
	return text.Style{Color: color.NRGBA{0x33, 0x33, 0x33, 0xff}, Font: sans(8), XAlign: draw.XLeft, YAlign: draw.YBottom,
		Handler: plot.DefaultTextHandler}
}

// wrapTo breaks text at spaces into lines no wider than width in the style's font.
func wrapTo(sty text.Style, s string, width vg.Length) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && sty.Width(line+" "+w) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// drawChart draws the plot with the caption beneath it ("" draws the plot alone).
func drawChart(p *plot.Plot, caption string, c draw.Canvas) {
	if caption == "" {
		p.Draw(c)
		return
	}
	sty := captionStyle()
	capText := wrapTo(sty, caption, c.Max.X-c.Min.X-vg.Points(8))
	h := sty.Height(capText) + vg.Points(6)
	p.Draw(draw.Crop(c, 0, 0, h, 0))
	c.FillText(sty, vg.Point{X: c.Min.X + vg.Points(4), Y: c.Min.Y + vg.Points(3)}, capText)
}

// Rendered is a chart in every format it is saved in.
type Rendered struct {
	Spec Spec
	SVG  []byte
	// Inline is the SVG for an HTML page, which gives the source line in the figure's caption: the
	// chart without it. The saved files (SVG, PNG, PDF) keep it, as they travel alone.
	Inline []byte
	PNG    []byte
	PDF    []byte // nil unless asked for
}

// Render draws a spec as SVG and PNG at dpi, and as PDF when pdf is set.
func Render(s Spec, dpi int, pdf bool) (*Rendered, error) {
	out := &Rendered{Spec: s}
	var err error
	if out.SVG, err = SVG(&s); err != nil {
		return nil, err
	}
	if out.Inline, err = InlineSVG(&s); err != nil {
		return nil, err
	}
	if out.PNG, err = PNG(&s, dpi); err != nil {
		return nil, err
	}
	if pdf {
		if out.PDF, err = PDF(&s); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SVG draws a spec as SVG.
func SVG(s *Spec) ([]byte, error) {
	return drawOn(s, "svg", vgsvg.New(chartWidth, chartHeight))
}

// InlineSVG draws a spec as SVG without its source line, for a page that gives it in a caption.
func InlineSVG(s *Spec) ([]byte, error) {
	bare := *s
	bare.Caption = ""
	return drawOn(&bare, "svg", vgsvg.New(chartWidth, chartHeight))
}

// PNG draws a spec as PNG at dpi.
func PNG(s *Spec, dpi int) ([]byte, error) {
	img := vgimg.NewWith(vgimg.UseWH(chartWidth, chartHeight), vgimg.UseDPI(dpi))
	return drawOn(s, "png", vgimg.PngCanvas{Canvas: img})
}

// PDF draws a spec as PDF.
func PDF(s *Spec) ([]byte, error) {
	return drawOn(s, "pdf", vgpdf.New(chartWidth, chartHeight))
}

// drawOn draws a spec with its caption on a canvas and returns what the canvas writes. The plot is
// built anew for each canvas: drawing may cache sizes that depend on the canvas.
func drawOn(s *Spec, format string, c interface {
	vg.CanvasSizer
	io.WriterTo
}) ([]byte, error) {
	p, err := build(s)
	if err != nil {
		return nil, err
	}
	drawChart(p, s.Caption, draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("chart %s: %s: %w", s.Name, format, err)
	}
	return b.Bytes(), nil
}

// shorten cuts a label to n runes with an ellipsis.
func Shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	// Three dots, not "…": the PNG renderer measures the ellipsis glyph short and clips the label.
	return strings.TrimSpace(string(r[:n-3])) + "..."
}

// legendRoom raises the top of the Y axis so that a legend of n entries at the top of the plot
// sits above the data instead of on it. Call it after adding every plotter.
func legendRoom(p *plot.Plot, n int) {
	const share = 0.065 // one legend entry's share of the data area's height
	f := math.Min(share*float64(n), 0.6)
	p.Y.Max += (p.Y.Max - p.Y.Min) * f / (1 - f)
}
