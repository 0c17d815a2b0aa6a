package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/reports/internal/browsertest"
)

// box is an element's rendered size.
type box struct {
	Label   string  `json:"label"`
	W       float64 `json:"w"`
	H       float64 `json:"h"`
	Visible bool    `json:"visible"`
}

// The sector report and a business case open in real headless Chromium the way a reader would open
// them: no console error or exception, no request for anything but the file itself, every chart
// laid out with a non-zero size, and a screenshot and an A4 print kept as artefacts.
func TestDocumentsInChromium(t *testing.T) {
	b := browsertest.Start(t)
	in := defaultInputs(t)
	out := t.TempDir()
	if _, err := Render(out, in, Options{}); err != nil {
		t.Fatal(err)
	}
	pages := []struct{ name, path string }{
		{"report", filepath.Join(out, FileReport)},
		{"business_case_metro_borough_byod", filepath.Join(ScenarioDir(out, "metro_borough_byod"), FileBusinessCase)},
	}
	for _, pg := range pages {
		t.Run(pg.name, func(t *testing.T) {
			p := b.Open(t, pg.path)
			boxes := browsertest.Eval[[]box](t, p, `Array.from(document.querySelectorAll('svg.chart')).map(s => {
				const r = s.getBoundingClientRect(), st = getComputedStyle(s);
				return {label: s.getAttribute('aria-label'), w: r.width, h: r.height,
					visible: st.display !== 'none' && st.visibility !== 'hidden' && Number(st.opacity) > 0};
			})`)
			src, err := os.ReadFile(pg.path)
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.Count(string(src), `<svg class="chart"`); len(boxes) != want || want == 0 {
				t.Errorf("the browser laid out %d charts, the file has %d", len(boxes), want)
			}
			for _, bx := range boxes {
				if bx.W <= 0 || bx.H <= 0 || !bx.Visible {
					t.Errorf("chart %q is not visible: %.0f×%.0f, visible %v", bx.Label, bx.W, bx.H, bx.Visible)
				}
			}
			p.Screenshot(t)
			if n := p.PageCount(t); n < 1 {
				t.Errorf("printed to %d pages", n)
			}
			p.CheckClean(t)
		})
	}
}
