package reports

// The HTML templates. html/template escapes every value from input files (organisation names,
// scenario text) for the place it appears in; only the charts' SVG, which vgsvg has already
// escaped, is passed through as trusted markup.

import (
	"embed"
	"html/template"
	"sort"
	"strings"

	"github.com/psnbyod/psnbyod/reports/chart"
)

//go:embed templates/*.html.tmpl
var templateFS embed.FS

// pageTemplates parses the common definitions with one page.
func pageTemplates(page string) *template.Template {
	return template.Must(template.New(page).Funcs(template.FuncMap{"chartFontFace": chartFontFace}).ParseFS(templateFS, "templates/common.html.tmpl", "templates/explore.html.tmpl", "templates/"+page))
}

var (
	reportTemplate   = pageTemplates("report.html.tmpl")
	businessTemplate = pageTemplates("business_case.html.tmpl")
	compareTemplate  = pageTemplates("compare.html.tmpl")
)

// chartFontFace is the @font-face rule of the font the charts were measured with, for the pages
// that inline charts (template "chartFont"): with it the browser sets their text in that font.
func chartFontFace() (template.CSS, error) {
	css, err := chart.FontFaceCSS()
	return template.CSS(css), err
}

// figureView is a chart in a page.
type figureView struct {
	ID, Title, Caption string
	SVG                template.HTML
	Notes              []string
}

// newFigure turns a saved chart into a figure, or nil when the chart is missing.
func newFigure(c *savedChart) *figureView {
	if c == nil {
		return nil
	}
	id := "fig-" + c.Spec.Name
	return &figureView{ID: id, Title: c.Spec.Title, Caption: c.Spec.Caption, Notes: c.Spec.Notes,
		// vgsvg escapes all text it writes (html.EscapeString), and inlineSVG escapes the title
		// and the description.
		SVG: template.HTML(inlineSVG(c.Inline, &c.Spec, id))}
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// executeTemplate renders a page to bytes.
func executeTemplate(t *template.Template, name string, data any) ([]byte, error) {
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}
