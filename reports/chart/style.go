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
	"encoding/base64"
	"fmt"
	"html"
	"image/color"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"

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
	// Subtitle is a line under the title that a chart must carry wherever it goes, also as a file
	// alone: which limits a funnel draws. Description says it too.
	Subtitle string `json:"subtitle,omitempty"`
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

// Chart sizes: about the width of an A4 page's text block, and 9 cm high, so that a business case's
// charts print two and a half to a page at two thirds of the text block's width (the documents'
// print CSS), with their type at three quarters of its size: 9 pt tick labels print at 6.8 pt.
const (
	chartWidth  = 16 * vg.Centimeter
	chartHeight = 9 * vg.Centimeter
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

// figure is a plot and the entries of its legend. The legend is drawn above the data area, under
// the title, never inside it: inside, it covers data wherever the data reach its corner.
type figure struct {
	*plot.Plot
	subtitle string
	legend   []legendEntry
}

// legendEntry is one legend entry: its text and the marks that stand for the series.
type legendEntry struct {
	name   string
	thumbs []plot.Thumbnailer
}

// addLegend adds a legend entry.
func (f *figure) addLegend(name string, thumbs ...plot.Thumbnailer) {
	f.legend = append(f.legend, legendEntry{name, thumbs})
}

// newChart starts a chart with the spec's title and labels and the house style.
func newChart(s *Spec) *figure {
	p := plot.New()
	p.Title.TextStyle.Font = sans(12)
	// A long title wraps to the chart's width rather than running off it, on up to three lines (the
	// documents give it in full in the figure's caption).
	p.Title.Text = fitLines(p.Title.TextStyle, s.Title, chartWidth-2*margin-vg.Points(12), 3)
	p.Title.Padding = vg.Points(6)
	p.X.Label.Text = s.XLabel
	p.Y.Label.Text = s.YLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(10)
		a.Tick.Label.Font = sans(9)
		// Air between the tick labels and the axis label under or beside them.
		a.Label.Padding = vg.Points(4)
	}
	p.Legend.TextStyle.Font = sans(9)
	for _, sty := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle,
		&p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		sty.Handler = lineHandler
	}
	p.X.Tick.Marker = tickMarker(s.XTicks)
	p.Y.Tick.Marker = tickMarker(s.YTicks)
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = lightGrey, lightGrey
	g.Vertical.Width, g.Horizontal.Width = vg.Points(0.5), vg.Points(0.5)
	p.Add(g)
	return &figure{Plot: p, subtitle: s.Subtitle}
}

// lineHandler draws text as gonum/plot's plain handler does, except that the lines of a text of
// several lines (a wrapped title, a category label on two lines) are a line height apart, as the
// handler measures them: the plain handler sets them one font size apart, closer than the height
// it reserves, so that each line's box overlaps the next.
var lineHandler text.Handler = spacedLines{text.Plain{Fonts: font.DefaultCache}}

type spacedLines struct{ text.Plain }

// Draw draws txt at pt in sty, as text.Plain.Draw does but for the spacing of lines.
func (h spacedLines) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if txt == "" {
		return
	}
	fnt := h.Fonts.Lookup(sty.Font, sty.Font.Size)
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
		defer c.Pop()
	}
	sin, cos := math.Sincos(sty.Rotation)
	pt.X, pt.Y = pt.Y*vg.Length(sin)+pt.X*vg.Length(cos), pt.Y*vg.Length(cos)-pt.X*vg.Length(sin)
	ext := fnt.Extents()
	lines := h.Lines(txt)
	// The last line's baseline is where text.Plain puts a single line's.
	pt.Y += sty.Height(txt)*vg.Length(sty.YAlign) - ext.Ascent + sty.Font.Size
	for i, line := range lines {
		x := vg.Length(sty.XAlign) * fnt.Width(line)
		c.FillString(fnt, pt.Add(vg.Point{X: x, Y: vg.Length(len(lines)-1-i) * ext.Height}), line)
	}
}

// tickMarker is the axis ticker of a unit: 1-2-5 steps, zero labelled when in range (Ticks).
func tickMarker(kind string) plot.Ticker { return Ticks{Unit: kind} }

// subtitleStyle is the style of the line under a chart's title.
func subtitleStyle() text.Style {
	return text.Style{Color: color.NRGBA{0x33, 0x33, 0x33, 0xff}, Font: sans(9), XAlign: draw.XCenter, YAlign: draw.YTop,
		Handler: lineHandler}
}

// captionStyle is the style of the source line under a chart.
func captionStyle() text.Style {
	return text.Style{Color: color.NRGBA{0x33, 0x33, 0x33, 0xff}, Font: sans(8), XAlign: draw.XLeft, YAlign: draw.YBottom,
		Handler: lineHandler}
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

// margin is the blank edge left on every side of a chart, so that no text touches the edge of the
// canvas (gonum/plot sets a title's and a vertical axis label's box flush with it).
const margin vg.Length = 4 // points

// layout is where drawChart put a chart's parts.
type layout struct {
	Data   draw.Canvas    // the data area
	Legend []vg.Rectangle // each legend entry: its marks and its text
}

// Layout is where a chart drawn at its size puts its data area and its legend entries, in points
// from the bottom left, and the map from data coordinates to that canvas: what a check that the
// legend covers no data needs. With a caption the layout is that of the saved files; without, that
// of a page's inline SVG.
type Layout struct {
	Data   vg.Rectangle
	Legend []vg.Rectangle
	// ToCanvas maps a point in data coordinates to the canvas. On a category axis (box plots'
	// groups, a tornado's inputs) category i is at i.
	ToCanvas func(x, y float64) vg.Point
}

// LayoutOf draws a spec (with its caption or without) and returns its Layout.
func LayoutOf(s *Spec, withCaption bool) (Layout, error) {
	f, err := build(s)
	if err != nil {
		return Layout{}, err
	}
	caption := ""
	if withCaption {
		caption = s.Caption
	}
	lay := drawChart(f, caption, draw.New(vgsvg.New(chartWidth, chartHeight)))
	tx, ty := f.Plot.Transforms(&lay.Data)
	return Layout{Data: lay.Data.Rectangle, Legend: lay.Legend,
		ToCanvas: func(x, y float64) vg.Point { return vg.Point{X: tx(x), Y: ty(y)} }}, nil
}

// fitLines wraps text to lines no wider than width, at most n of them; when it needs more, the last
// line ends in an ellipsis where the text is cut. Use it only where the full text is also given
// (a table beside the chart, the spec's series name).
func fitLines(sty text.Style, s string, width vg.Length, n int) string {
	lines := strings.Split(wrapTo(sty, s, width), "\n")
	if len(lines) <= n && sty.Width(lines[len(lines)-1]) <= width {
		return strings.Join(lines, "\n")
	}
	rest := []rune(strings.Join(lines[n-1:], " "))
	last := string(rest) + "..."
	for len(rest) > 0 && sty.Width(last) > width {
		rest = rest[:len(rest)-1]
		last = strings.TrimSpace(string(rest)) + "..."
	}
	return strings.Join(append(lines[:n-1], last), "\n")
}

// drawChart draws the figure with the caption beneath it ("" draws the plot alone): the title, the
// subtitle, the legend in rows under them, then the axes and the data.
func drawChart(f *figure, caption string, c draw.Canvas) layout {
	c = draw.Crop(c, margin, -margin, margin, -margin)
	if caption != "" {
		sty := captionStyle()
		capText := wrapTo(sty, caption, c.Max.X-c.Min.X)
		h := sty.Height(capText) + vg.Points(6)
		c.FillText(sty, vg.Point{X: c.Min.X, Y: c.Min.Y}, capText)
		c = draw.Crop(c, 0, 0, h, 0)
	}
	p := f.Plot
	if title := p.Title.Text; title != "" {
		// As plot.Plot.Draw places it.
		sty := p.Title.TextStyle
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y + sty.FontExtents().Descent}, title)
		c.Max.Y -= sty.Rectangle(title).Size().Y + p.Title.Padding
		p.Title.Text = ""
		defer func() { p.Title.Text = title }()
	}
	if f.subtitle != "" {
		// Under the title, centred as it is, wrapped to the chart's width.
		sty := subtitleStyle()
		sub := wrapTo(sty, f.subtitle, c.Max.X-c.Min.X)
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, sub)
		c.Max.Y -= sty.Height(sub) + vg.Points(6)
	}
	var lay layout
	if len(f.legend) > 0 {
		lay.Legend = drawLegend(f, c)
		top := c.Max.Y
		for _, r := range lay.Legend {
			top = min(top, r.Min.Y)
		}
		c.Max.Y = top - vg.Points(6)
	}
	// An axis label longer than its axis wraps onto a second line (then is cut with an ellipsis;
	// the documents give every label in the figure's text alternative and caption).
	// (gonum/plot would instead shrink the data area until a long vertical label fits beside it.)
	if yl := p.Y.Label.Text; yl != "" {
		p.Y.Label.Text = ""
		data := p.DataCanvas(c)
		p.Y.Label.Text = fitLines(p.Y.Label.TextStyle, yl, data.Max.Y-data.Min.Y, 2)
	}
	p.X.Label.Text = fitLines(p.X.Label.TextStyle, p.X.Label.Text, c.Max.X-c.Min.X, 2)
	p.Draw(c)
	lay.Data = p.DataCanvas(c)
	return lay
}

// drawLegend draws the legend's entries in rows at the top of c, across the width of the data
// area, as many to a row as fit, and returns each entry's box.
func drawLegend(f *figure, c draw.Canvas) []vg.Rectangle {
	data := f.Plot.DataCanvas(c)
	sty := f.Plot.Legend.TextStyle
	thumb := f.Plot.Legend.ThumbnailWidth
	space := sty.Width(" ")
	gap := vg.Points(14)
	rowH := sty.FontExtents().Height + vg.Points(2)
	left, right := data.Min.X, c.Max.X
	x, y := left, c.Max.Y
	var boxes []vg.Rectangle
	for i, e := range f.legend {
		w := thumb + space + sty.Width(e.name)
		if i > 0 && x+w > right {
			x, y = left, y-rowH
		}
		box := vg.Rectangle{Min: vg.Point{X: x, Y: y - rowH}, Max: vg.Point{X: x + w, Y: y}}
		l := plot.NewLegend()
		l.TextStyle = sty
		l.ThumbnailWidth = thumb
		l.Left, l.Top = true, true
		l.Add(e.name, e.thumbs...)
		l.Draw(draw.Canvas{Canvas: c.Canvas, Rectangle: box})
		boxes = append(boxes, box)
		x += w + gap
	}
	return boxes
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
	b, err := drawOn(s, "svg", vgsvg.New(chartWidth, chartHeight))
	if err != nil {
		return nil, err
	}
	return withTitle(svgFonts(b, false), s), nil
}

// InlineSVG draws a spec as SVG without its source line, for a page that gives it in a caption
// (and gives the chart its title and text alternative: Spec.Description).
func InlineSVG(s *Spec) ([]byte, error) {
	bare := *s
	bare.Caption = ""
	b, err := drawOn(&bare, "svg", vgsvg.New(chartWidth, chartHeight))
	return svgFonts(b, true), err
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

// FontFamily is the CSS family name under which a page that inlines charts embeds the font the
// charts were measured with (FontFaceCSS). Inline SVG asks for it first.
const FontFamily = "psnbyod chart sans"

// svgFamily is the font-family the SVG files ask for: the font gonum/plot measured every text with
// (Liberation Sans, bundled with gonum/plot), then Arial, which has the same widths (Liberation Sans
// was drawn metric-compatible with it). The HTML documents embed the font (FontFaceCSS); the PNG
// and PDF files carry their own text.
const svgFamily = `'Liberation Sans',Arial,Helvetica,sans-serif`

// svgText matches a text element as vgsvg writes it: its opening tag up to the font size, the rest
// of the tag, and the (escaped) text.
var svgText = regexp.MustCompile(`<text ([^>]*?font-size:([0-9.]+)px[^>]*)>([^<]*)</text>`)

// svgFonts points the SVG's text at svgFamily, and in an inline chart at FontFamily first. Each
// text element also gets the width gonum/plot measured it at as its textLength: a viewer that has
// none of the fonts asked for sets the text in another, wider or narrower, and textLength (with
// lengthAdjust spacingAndGlyphs) fits it back to that width, so no label overruns the space it was
// given or the edge of the chart.
func svgFonts(svg []byte, inline bool) []byte {
	fam := svgFamily
	if inline {
		fam = "'" + FontFamily + "'," + fam
	}
	svg = bytes.ReplaceAll(svg, []byte("font-family:Liberation Sans;"), []byte("font-family:"+fam+";"))
	return svgText.ReplaceAllFunc(svg, func(m []byte) []byte {
		sub := svgText.FindSubmatch(m)
		size, err := strconv.ParseFloat(string(sub[2]), 64)
		if err != nil || size <= 0 {
			return m
		}
		txt := html.UnescapeString(string(sub[3]))
		face := font.DefaultCache.Lookup(sans(vg.Length(size)), vg.Length(size))
		w := face.Width(txt)
		return fmt.Appendf(nil, `<text textLength="%.2f" lengthAdjust="spacingAndGlyphs" %s>%s</text>`, w.Points(), sub[1], sub[3])
	})
}

var fontFace struct {
	once sync.Once
	css  string
	err  error
}

// FontFaceCSS is a CSS @font-face rule that embeds, as a data URL, the font every chart's text was
// measured with (Liberation Sans Regular, SIL Open Font License), under the family FontFamily: a
// page that inlines the charts' SVG includes it once, so that the browser lays their text out with
// the widths gonum/plot measured, whatever fonts the reader's machine has.
func FontFaceCSS() (string, error) {
	fontFace.once.Do(func() {
		face := font.DefaultCache.Lookup(sans(10), 10)
		var raw bytes.Buffer
		if _, err := face.Face.WriteSourceTo(nil, &raw); err != nil {
			fontFace.err = fmt.Errorf("chart font: %w", err)
			return
		}
		fontFace.css = fmt.Sprintf(`@font-face{font-family:%q;font-style:normal;font-weight:normal;src:url(data:font/ttf;base64,%s) format("truetype");}`,
			FontFamily, base64.StdEncoding.EncodeToString(raw.Bytes()))
	})
	return fontFace.css, fontFace.err
}
