package reports

import (
	"bytes"
	"errors"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/datasets/scenarios"
)

// TestDocumentsMatchRender checks that ReportHTML and BusinessCaseHTML return the very bytes Render
// writes, with and without a study and with options that change the pages.
func TestDocumentsMatchRender(t *testing.T) {
	full := defaultInputs(t)
	for _, tc := range []struct {
		Name string
		In   *Inputs
		Opts Options
	}{
		{"default", full, Options{}},
		{"highlight and threshold", full, Options{Highlight: full.Study.Organisations[3].Code, MinGroup: 40}},
		{"scenarios only", &Inputs{Scenarios: full.Scenarios[:1], Synthetic: true}, Options{}},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			out := t.TempDir()
			if _, err := Render(out, tc.In, tc.Opts); err != nil {
				t.Fatal(err)
			}
			same := func(path string, got []byte, err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s: %d bytes in memory, %d bytes written by Render", path, len(got), len(want))
				}
			}
			if tc.In.Study != nil {
				got, err := ReportHTML(tc.In, tc.Opts)
				same(filepath.Join(out, FileReport), got, err)
			} else if _, err := ReportHTML(tc.In, tc.Opts); err == nil {
				t.Error("ReportHTML without a study: no error")
			}
			for _, s := range tc.In.Scenarios {
				got, err := BusinessCaseHTML(tc.In, s.Name, tc.Opts)
				same(filepath.Join(ScenarioDir(out, s.Name), FileBusinessCase), got, err)
			}
		})
	}
	if _, err := BusinessCaseHTML(full, "no_such_scenario", Options{}); err == nil {
		t.Error("BusinessCaseHTML of an unknown scenario: no error")
	}
}

// testScenario is the first ready scenario, run briefly with its draws kept.
func testScenario(t *testing.T) *ScenarioResult {
	t.Helper()
	name := scenarios.Cost.Files()[0]
	text, err := scenarios.Cost.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	s := runScenarioFile(t, name, text, 2000)
	return &s
}

// TestChartConstructors checks that each constructor returns the chart the documents carry, and that
// it draws as SVG with its title, as PNG and as PDF.
func TestChartConstructors(t *testing.T) {
	r := goldenStudy()
	s := testScenario(t)
	if len(s.Result.Tornado) == 0 {
		t.Fatal("the scenario has no tornado")
	}
	opts := Options{Highlight: "E0000001"}
	for _, tc := range []struct {
		Name  string // the chart's Name, as Render saves it
		Chart func() (*Chart, error)
	}{
		{"trend_satisfaction", func() (*Chart, error) { return TrendChart(r, opts) }},
		{"event_study", func() (*Chart, error) { return EventStudyChart(r) }},
		{"box_satisfaction_mean", func() (*Chart, error) { return BoxPlotChart(r, "satisfaction_mean", 0, opts) }},
		{"box_network_spend_per_employee", func() (*Chart, error) { return BoxPlotChart(r, "network_spend_per_employee", 2014, opts) }},
		{"funnel_satisfaction_mean", func() (*Chart, error) { return FunnelChart(r, "satisfaction_mean", 2015, opts) }},
		{"neighbours_E0000001_satisfaction_mean", func() (*Chart, error) {
			return NeighboursChart(r, "E0000001", "satisfaction_mean", 0, opts)
		}},
		{"npsv_distribution", func() (*Chart, error) { return NPSVChart(s) }},
		{"probability_best", func() (*Chart, error) { return probBestChart(s) }},
		{"cumulative_cash_flow", func() (*Chart, error) { return CashflowChart(s) }},
		{"tornado_" + safeFileStem(s.Result.Tornado[0].Option), func() (*Chart, error) { return TornadoChart(s, s.Result.Tornado[0].Option) }},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			c, err := tc.Chart()
			if err != nil {
				t.Fatal(err)
			}
			if c.Name != tc.Name {
				t.Errorf("Name %q, want %q", c.Name, tc.Name)
			}
			if c.Title == "" || c.Caption == "" {
				t.Errorf("title %q, caption %q: want both", c.Title, c.Caption)
			}
			svg, err := c.svg()
			if err != nil {
				t.Fatal(err)
			}
			// A long title is wrapped over several text elements: look for each of its words.
			if !bytes.Contains(svg, []byte("<svg")) {
				t.Error("SVG lacks <svg")
			}
			for _, word := range strings.Fields(c.Title) {
				if !bytes.Contains(svg, []byte(html.EscapeString(word))) {
					t.Errorf("SVG lacks %q of the title %q", word, c.Title)
				}
			}
			png, err := c.PNG(0)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
				t.Error("PNG lacks the PNG signature")
			}
			small, err := c.PNG(50)
			if err != nil {
				t.Fatal(err)
			}
			if len(small) >= len(png) {
				t.Errorf("PNG at 50 dpi is %d bytes, at 150 dpi %d: want it smaller", len(small), len(png))
			}
			pdf, err := c.PDF()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF")) {
				t.Error("PDF lacks the PDF header")
			}
		})
	}
}

// TestChartConstructorsRefuse checks the errors for charts the results cannot give.
func TestChartConstructorsRefuse(t *testing.T) {
	r := goldenStudy()
	s := testScenario(t)
	noDraws := *s
	noDraws.Draws = nil
	for _, tc := range []struct {
		Name   string
		Chart  func() (*Chart, error)
		NoData bool // the error must be ErrNoChart
	}{
		{"no study", func() (*Chart, error) { return TrendChart(nil, Options{}) }, false},
		{"unknown KPI", func() (*Chart, error) { return BoxPlotChart(r, "happiness", 0, Options{}) }, false},
		{"no funnel for the KPI", func() (*Chart, error) { return FunnelChart(r, "byod_share", 0, Options{}) }, true},
		{"no funnel in the year", func() (*Chart, error) { return FunnelChart(r, "satisfaction_mean", 2014, Options{}) }, true},
		{"no values in the year", func() (*Chart, error) { return BoxPlotChart(r, "satisfaction_mean", 2020, Options{}) }, true},
		{"unknown organisation", func() (*Chart, error) { return NeighboursChart(r, "X", "satisfaction_mean", 0, Options{}) }, false},
		{"no neighbours", func() (*Chart, error) { return NeighboursChart(r, "E0000004", "satisfaction_mean", 0, Options{}) }, true},
		{"no draws", func() (*Chart, error) { return NPSVChart(&noDraws) }, true},
		{"no scenario", func() (*Chart, error) { return CashflowChart(nil) }, false},
		{"unknown option", func() (*Chart, error) { return TornadoChart(s, "no_such_option") }, true},
	} {
		t.Run(tc.Name, func(t *testing.T) {
			c, err := tc.Chart()
			if err == nil {
				t.Fatalf("no error, chart %q", c.Name)
			}
			if got := errors.Is(err, ErrNoChart); got != tc.NoData {
				t.Errorf("error %q: errors.Is(ErrNoChart) = %v, want %v", err, got, tc.NoData)
			}
		})
	}
}
