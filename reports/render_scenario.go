package reports

// RenderScenarios: the documents of `psnbyod scenario`, one journey in one command. Each scenario
// gets its charts, its business case and a workbook of its own in its folder; the study, when
// given, only supplies the council's benchmark position and the measured restriction effect.

import (
	"fmt"
	"path/filepath"
)

// RenderScenarios writes, for each scenario in in, its charts, business_case.html and results.xlsx
// into out/scenarios/NAME, and returns the paths written. Unlike Render it writes no sector report
// and no output-wide workbook or summary.md, so it does not overwrite what `psnbyod run` wrote.
func RenderScenarios(outDir string, in *Inputs, opts Options) ([]string, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	minGroup := opts.minGroup()
	var f *studyFacts
	if in.Study != nil {
		sf := newStudyFacts(in.Study, opts.Highlight, in.Scenarios, minGroup)
		f = &sf
	}
	var written []string
	for i := range in.Scenarios {
		s := &in.Scenarios[i]
		charts, err := renderCharts(scenarioCharts(outDir, s, in.Study, f, in.synthetic(), minGroup), opts.dpi(), opts.PDF)
		if err != nil {
			return written, err
		}
		for _, c := range charts {
			written = append(written, c.Files...)
		}
		page, err := renderBusinessCase(in, s, f, charts, minGroup)
		if err != nil {
			return written, fmt.Errorf("business case %s: %w", s.Name, err)
		}
		dir := ScenarioDir(outDir, s.Name)
		path := filepath.Join(dir, FileBusinessCase)
		if err := writeBytes(path, page); err != nil {
			return written, err
		}
		written = append(written, path)
		// The scenario's own workbook, under the title the business case gives it.
		alone := *s
		alone.Info.Title = titleOf(in, s)
		one := &Inputs{Scenarios: []ScenarioResult{alone}, Synthetic: in.Synthetic}
		path, err = writeWorkbook(dir, one, nil, minGroup)
		if err != nil {
			return written, fmt.Errorf("%s: %w", filepath.Join(dir, fileWorkbook), err)
		}
		written = append(written, path)
	}
	pdfs, err := printIfAsked(opts, written)
	return append(written, pdfs...), err
}
