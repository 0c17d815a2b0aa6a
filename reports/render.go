package reports

// Render: every chart and document from results already computed.

import (
	"fmt"
	"path/filepath"
)

// Render writes the charts, report.html, a business case per scenario, results.xlsx and
// summary.md into outDir, and returns the paths written: charts first, then documents. It computes
// nothing the analysis has not: every figure comes from in.
func Render(outDir string, in *Inputs, opts Options) ([]string, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	minGroup := opts.minGroup()
	var f *studyFacts
	var plans []plannedChart
	if in.Study != nil {
		sf := newStudyFacts(in.Study, opts.Highlight, in.Scenarios, minGroup)
		f = &sf
		plans = append(plans, sectorCharts(outDir, in.Study, sf, in.synthetic(), minGroup)...)
	}
	nSector := len(plans)
	starts := make([]int, len(in.Scenarios)+1)
	for i := range in.Scenarios {
		starts[i] = len(plans)
		plans = append(plans, scenarioCharts(outDir, &in.Scenarios[i], in.Study, f, in.synthetic(), minGroup)...)
	}
	starts[len(in.Scenarios)] = len(plans)
	charts, err := renderCharts(plans, opts.dpi(), opts.PDF)
	if err != nil {
		return nil, err
	}
	var written []string
	for _, c := range charts {
		written = append(written, c.Files...)
	}

	if in.Study != nil {
		page, err := renderSectorReport(in, *f, charts[:nSector], minGroup)
		if err != nil {
			return written, fmt.Errorf("report.html: %w", err)
		}
		path := filepath.Join(outDir, FileReport)
		if err := writeBytes(path, page); err != nil {
			return written, err
		}
		written = append(written, path)
	}
	for i := range in.Scenarios {
		s := &in.Scenarios[i]
		page, err := renderBusinessCase(in, s, f, charts[starts[i]:starts[i+1]], minGroup)
		if err != nil {
			return written, fmt.Errorf("business case %s: %w", s.Name, err)
		}
		path := filepath.Join(ScenarioDir(outDir, s.Name), FileBusinessCase)
		if err := writeBytes(path, page); err != nil {
			return written, err
		}
		written = append(written, path)
	}
	pdfs, err := printIfAsked(opts, written)
	written = append(written, pdfs...)
	if err != nil {
		return written, err
	}
	path, err := writeWorkbook(outDir, in, f, minGroup)
	if err != nil {
		return written, fmt.Errorf("%s: %w", fileWorkbook, err)
	}
	written = append(written, path)
	path = filepath.Join(outDir, fileSummaryMD)
	if err := writeBytes(path, renderMarkdown(outDir, in, f, minGroup, written)); err != nil {
		return written, err
	}
	return append(written, path), nil
}

// check says why in cannot be rendered, or returns nil.
func (in *Inputs) check() error {
	if in == nil || (in.Study == nil && len(in.Scenarios) == 0) {
		return fmt.Errorf("reports: nothing to render")
	}
	for i := range in.Scenarios {
		if in.Scenarios[i].Result == nil {
			return fmt.Errorf("reports: scenario %s has no result", in.Scenarios[i].Name)
		}
	}
	return nil
}
