package reports

// Render: every chart and document from results already computed.

import (
	"fmt"
	"path/filepath"
	"sync"
)

// Render writes the charts, report.html, a business case per scenario, results.xlsx and
// summary.md into outDir, and returns the paths written: charts first, then documents. It computes
// nothing the analysis has not: every figure comes from in. The workbook is written while the
// charts are drawn, and the pages once they are, each on its own goroutine; every file's bytes
// and the list's order are the same whatever the scheduling.
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
	// The workbook shows no chart: it is written while the charts are drawn.
	var book struct {
		path string
		err  error
	}
	bookDone := make(chan struct{})
	go func() {
		defer close(bookDone)
		book.path, book.err = writeWorkbook(outDir, in, f, minGroup)
	}()
	charts, err := renderCharts(plans, opts.dpi(), opts.PDF)
	if err != nil {
		<-bookDone
		return nil, err
	}
	var written []string
	for _, c := range charts {
		written = append(written, c.Files...)
	}

	// report.html and the business cases, each on its own goroutine; listed in this order.
	type page struct {
		path string
		err  error
	}
	pages := make([]page, len(in.Scenarios)+1)
	var wg sync.WaitGroup
	if in.Study != nil {
		wg.Go(func() {
			p := &pages[0]
			b, err := renderSectorReport(in, *f, charts[:nSector], minGroup)
			if err != nil {
				p.err = fmt.Errorf("report.html: %w", err)
				return
			}
			p.path = filepath.Join(outDir, FileReport)
			p.err = writeBytes(p.path, b)
		})
	}
	for i := range in.Scenarios {
		wg.Go(func() {
			p := &pages[i+1]
			s := &in.Scenarios[i]
			b, err := renderBusinessCase(in, s, f, charts[starts[i]:starts[i+1]], minGroup)
			if err != nil {
				p.err = fmt.Errorf("business case %s: %w", s.Name, err)
				return
			}
			p.path = filepath.Join(ScenarioDir(outDir, s.Name), FileBusinessCase)
			p.err = writeBytes(p.path, b)
		})
	}
	wg.Wait()
	<-bookDone
	for _, p := range pages {
		if p.err != nil {
			return written, p.err
		}
		if p.path != "" {
			written = append(written, p.path)
		}
	}
	pdfs, err := printIfAsked(opts, written)
	written = append(written, pdfs...)
	if err != nil {
		return written, err
	}
	if book.err != nil {
		return written, fmt.Errorf("%s: %w", fileWorkbook, book.err)
	}
	written = append(written, book.path)
	path := filepath.Join(outDir, fileSummaryMD)
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
