package reports

// Charts and documents one at a time and in memory, for notebooks and other Go programs: the same
// specs, drawings and templates that Render saves to files, so what a notebook shows is what the
// documents carry.

import (
	"errors"
	"fmt"
	"slices"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/reports/chart"
)

// ErrNoChart is returned, wrapped, by a chart constructor when the result holds nothing the chart
// could show: no funnel for that KPI and year, no event study, no draws kept, no tornado for the
// option. The documents leave such a chart out.
var ErrNoChart = errors.New("nothing to draw")

var errNoStudy = errors.New("reports: no study result")

// Chart is one of the charts the documents carry. Its fields are the chart.Spec it is drawn from:
// Name (the file stem Render saves it under), Title, Subtitle (a line the chart itself carries under
// its title: which limits a funnel draws), Caption, Notes (what the documents say under it) and the
// series, with the data it shows.
type Chart struct {
	chart.Spec
}

// newChart checks that a spec draws, and wraps it.
func newChart(s chart.Spec, ok bool, what string) (*Chart, error) {
	if !ok {
		return nil, fmt.Errorf("%s: %w", what, ErrNoChart)
	}
	if err := chart.Check(&s); err != nil {
		return nil, err
	}
	return &Chart{s}, nil
}

// svg draws the chart as SVG, 16 cm by 10 cm, as the documents embed it.
func (c *Chart) svg() ([]byte, error) { return chart.SVG(&c.Spec) }

// PNG draws the chart as PNG at dpi dots per inch; 0 means 150, as in Options.PNGDPI.
func (c *Chart) PNG(dpi int) ([]byte, error) {
	return chart.PNG(&c.Spec, Options{PNGDPI: dpi}.dpi())
}

// PDF draws the chart as PDF.
func (c *Chart) PDF() ([]byte, error) { return chart.PDF(&c.Spec) }

// studyChart gathers what a sector chart needs: the study's facts under opts, and the year asked
// for, 0 meaning the latest year with respondents.
func studyChart(r *study.Result, kpi string, year int32, opts Options) (studyFacts, int32, error) {
	if r == nil {
		return studyFacts{}, 0, errNoStudy
	}
	if !slices.ContainsFunc(benchmark.Measures, func(m benchmark.Measure) bool { return m.Name == kpi }) {
		return studyFacts{}, 0, fmt.Errorf("reports: unknown KPI %q", kpi)
	}
	f := newStudyFacts(r, opts.Highlight, nil, opts.minGroup())
	if year == 0 {
		year = f.latestYear
	}
	return f, year, nil
}

// TrendChart is the sector report's satisfaction trend: restricted against unrestricted
// organisations by year, with 95% intervals. Group-years on fewer than opts.MinGroup respondents
// are left out.
func TrendChart(r *study.Result, opts Options) (*Chart, error) {
	if r == nil {
		return nil, errNoStudy
	}
	s, ok := trendSpec(r, opts.minGroup(), sectorCaption(r, r.Synthetic))
	return newChart(s, ok, "trend chart")
}

// EventStudyChart is the sector report's event study: the restriction effect by year since each
// organisation first restricted BYOD, with 95% intervals.
func EventStudyChart(r *study.Result) (*Chart, error) {
	if r == nil {
		return nil, errNoStudy
	}
	s, ok := eventSpec(r.Effect, sectorCaption(r, r.Synthetic))
	return newChart(s, ok, "event study chart")
}

// BoxPlotChart is the sector report's box plot of kpi (a benchmark.Measures name) across the
// organisations of each peer group in year (0: the latest year with respondents), with
// opts.Highlight marked (the report's choice when empty).
func BoxPlotChart(r *study.Result, kpi string, year int32, opts Options) (*Chart, error) {
	f, year, err := studyChart(r, kpi, year, opts)
	if err != nil {
		return nil, err
	}
	s := kpiBoxSpec(r, f.names, kpi, year, f.highlight, opts.minGroup(), sectorCaption(r, r.Synthetic))
	ok := len(s.Series) > 0 && len(s.Series[0].Groups) > 0
	return newChart(s, ok, fmt.Sprintf("box plot of %s in %d", kpi, year))
}

// FunnelChart is the sector report's funnel plot of kpi in year (0: the latest year with
// respondents), with opts.Highlight marked (the report's choice when empty).
func FunnelChart(r *study.Result, kpi string, year int32, opts Options) (*Chart, error) {
	f, year, err := studyChart(r, kpi, year, opts)
	if err != nil {
		return nil, err
	}
	s, ok := funnelSpec(r, f.names, kpi, year, f.highlight, opts.minGroup(), sectorCaption(r, r.Synthetic))
	return newChart(s, ok, fmt.Sprintf("funnel of %s in %d", kpi, year))
}

// NeighboursChart is the documents' chart of an organisation (org_code) and its nearest neighbours
// on kpi in year (0: the latest year with respondents).
func NeighboursChart(r *study.Result, org, kpi string, year int32, opts Options) (*Chart, error) {
	f, year, err := studyChart(r, kpi, year, opts)
	if err != nil {
		return nil, err
	}
	if _, ok := f.names[org]; !ok {
		return nil, fmt.Errorf("reports: organisation %q is not in the study", org)
	}
	s, ok := neighboursSpec(r, f.names, org, kpi, year, opts.minGroup(), sectorCaption(r, r.Synthetic))
	return newChart(s, ok, fmt.Sprintf("neighbours of %s", org))
}

// scenarioChart checks a scenario before its charts are planned.
func scenarioChart(s *ScenarioResult) error {
	if s == nil || s.Result == nil {
		return errors.New("reports: no scenario result")
	}
	return nil
}

// NPSVChart is the business case's histogram of each option's NPSV over the Monte Carlo draws; it
// needs s.Draws (see NewDraws).
func NPSVChart(s *ScenarioResult) (*Chart, error) {
	if err := scenarioChart(s); err != nil {
		return nil, err
	}
	spec, ok := npsvSpec(s, scenarioCaption(s))
	return newChart(spec, ok, "NPSV distribution of "+s.Name+" (no draws kept)")
}

// probBestChart is the business case's chart of the probability that each option has the highest NPSV.
func probBestChart(s *ScenarioResult) (*Chart, error) {
	if err := scenarioChart(s); err != nil {
		return nil, err
	}
	return newChart(probBestSpec(s, scenarioCaption(s)), true, "probability best")
}

// CashflowChart is the business case's cumulative discounted net cash flow of each option.
func CashflowChart(s *ScenarioResult) (*Chart, error) {
	if err := scenarioChart(s); err != nil {
		return nil, err
	}
	return newChart(cashflowSpec(s, scenarioCaption(s)), true, "cash flow")
}

// TornadoChart is the business case's tornado of an option (its name in the scenario): how far its
// incremental NPSV moves as each input goes to its P10 and its P90.
func TornadoChart(s *ScenarioResult, option string) (*Chart, error) {
	if err := scenarioChart(s); err != nil {
		return nil, err
	}
	for i := range s.Result.Tornado {
		if t := &s.Result.Tornado[i]; t.Option == option && len(t.Bars) > 0 {
			return newChart(tornadoSpec(s, t, scenarioCaption(s)), true, "tornado")
		}
	}
	return nil, fmt.Errorf("tornado of %s in %s: %w", option, s.Name, ErrNoChart)
}

// ReportHTML returns the sector report, the bytes Render writes to report.html; in needs a Study.
func ReportHTML(in *Inputs, opts Options) ([]byte, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	if in.Study == nil {
		return nil, errors.New("reports: the sector report needs a study result")
	}
	minGroup := opts.minGroup()
	f := newStudyFacts(in.Study, opts.Highlight, in.Scenarios, minGroup)
	charts, err := svgCharts(sectorCharts("", in.Study, f, in.synthetic(), minGroup))
	if err != nil {
		return nil, err
	}
	page, err := renderSectorReport(in, f, charts, minGroup)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", FileReport, err)
	}
	return page, nil
}

// BusinessCaseHTML returns the business case of the scenario named scenario (ScenarioResult.Name)
// among in.Scenarios: the bytes Render writes to scenarios/NAME/business_case.html. With a Study in
// in, the case includes the organisation's benchmark position.
func BusinessCaseHTML(in *Inputs, scenario string, opts Options) ([]byte, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	i := slices.IndexFunc(in.Scenarios, func(s ScenarioResult) bool { return s.Name == scenario })
	if i < 0 {
		return nil, fmt.Errorf("reports: no scenario %q among the inputs", scenario)
	}
	s := &in.Scenarios[i]
	minGroup := opts.minGroup()
	var f *studyFacts
	if in.Study != nil {
		sf := newStudyFacts(in.Study, opts.Highlight, in.Scenarios, minGroup)
		f = &sf
	}
	charts, err := svgCharts(scenarioCharts("", s, in.Study, f, in.synthetic(), minGroup))
	if err != nil {
		return nil, err
	}
	page, err := renderBusinessCase(in, s, f, charts, minGroup)
	if err != nil {
		return nil, fmt.Errorf("business case %s: %w", s.Name, err)
	}
	return page, nil
}

// svgCharts draws planned charts as the inline SVG a page embeds, and nothing else.
func svgCharts(plans []plannedChart) ([]savedChart, error) {
	out := make([]savedChart, len(plans))
	for i := range plans {
		svg, err := chart.InlineSVG(&plans[i].Spec)
		if err != nil {
			return nil, err
		}
		out[i] = savedChart{Rendered: &chart.Rendered{Spec: plans[i].Spec, Inline: svg}}
	}
	return out, nil
}
