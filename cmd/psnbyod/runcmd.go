package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/scenarios"
	"github.com/psnbyod/psnbyod/internal/stages"
	"github.com/psnbyod/psnbyod/reports"
)

func cmdRun(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "run")
	var df dataFlags
	df.register(fs)
	var ef effectFlags
	ef.register(fs)
	var bf benchFlags
	bf.register(fs)
	var rf reportFlags
	rf.register(fs)
	out := fs.String("out", "out", "folder for the results")
	if err := parseFlags(e, fs, args); err != nil {
		return helpOK(err)
	}
	opts, err := ef.options()
	if err != nil {
		return err
	}
	if err := bf.apply(&opts); err != nil {
		return err
	}
	ropts, err := rf.options(e)
	if err != nil {
		return err
	}
	if _, err := checkOut(*out); err != nil {
		return err
	}
	d, err := df.open()
	if err != nil {
		return err
	}
	// Every ready scenario and sector model is read and checked (memory budget, organisations)
	// before the first file is written.
	sopts := scenarioRun{draws: true, workers: df.workers}
	var ready []*loadedScenario
	for _, name := range scenarios.Cost.Files() {
		ls, err := loadScenarioRun(name, sopts)
		if err != nil {
			return err
		}
		ready = append(ready, ls)
	}
	models, err := loadSectorRuns(scenarios.Sector.Files(), &orgSource{df: &df}, sectorRun{workers: df.workers})
	if err != nil {
		return err
	}
	// Everything is written into a staging folder that becomes --out in one step at the end, so a
	// failure or a kill leaves --out as it was.
	var r *study.Result
	written, err := staged(*out, func(stage string) ([]string, error) {
		job := runJob{d: d, df: &df, opts: opts, ropts: ropts, scenarios: ready, sopts: sopts, models: models}
		written, err := job.run(ctx, e, stage)
		r = job.result
		return written, err
	})
	if err != nil {
		return err
	}
	fmt.Fprint(e.stdout, r.Summary)
	if r.Effect == nil {
		fmt.Fprintf(e.stdout, "  restriction effect not estimated: %s\n", r.EffectUnavailable)
	}
	if r.Neighbours == nil {
		fmt.Fprintf(e.stdout, "  nearest neighbours not found: %s\n", r.NeighboursUnavailable)
	}
	printWritten(e.stdout, written)
	return nil
}

// runJob is everything run computes and writes once the dataset is open and every model is
// loaded.
type runJob struct {
	d         *datasets.Dataset
	df        *dataFlags
	opts      study.Options
	ropts     reports.Options
	scenarios []*loadedScenario
	sopts     scenarioRun
	models    []*loadedSector

	result *study.Result // the study, once run
}

// run computes and writes everything into stage, and returns the paths written: the research
// tables, each scenario's files, each sector model's, research.json, then the charts and
// documents. The steps that do not need each other's results run at the same time (the study,
// each scenario, each sector model; the research tables and research.json once the study is
// done; the charts and documents once the study and the scenarios are), at most one per worker,
// each into files of its own, so the files and the list do not depend on how they were scheduled.
func (j *runJob) run(ctx context.Context, e *env, stage string) ([]string, error) {
	bars := newProgressGroup(e.stderr)
	defer bars.close()
	e = &env{stdout: e.stdout, stderr: e.stderr, bars: bars}
	var (
		plan     stages.Plan
		research []string // the research tables
		scens    = make([][]string, len(j.scenarios))
		sectors  = make([][]string, len(j.models))
		saved    string   // research.json
		rendered []string // charts and documents
	)
	// Steps added first start first when several are ready: the study and the scenarios, which
	// the documents wait for, then the documents, then the rest.
	bars.step("reading survey_responses")
	studied := plan.Add("study", func(ctx context.Context) error {
		r, err := studyOn(ctx, e, j.d, j.df, j.opts)
		if err != nil {
			return err
		}
		if err := checkHighlight(j.ropts.Highlight, r.Organisations, cmp.Or(j.df.data, "the embedded default dataset")); err != nil {
			return err
		}
		j.result = r
		return nil
	})
	scenarioSteps := []*stages.Step{studied}
	for i, ls := range j.scenarios {
		bars.step("scenario " + ls.folder())
		scenarioSteps = append(scenarioSteps, plan.Add("scenario "+ls.file, func(ctx context.Context) error {
			var err error
			scens[i], err = runLoadedScenario(ctx, e, ls, stage, j.sopts)
			return err
		}))
	}
	const rendering = "charts and documents"
	bars.step(rendering)
	plan.Add(rendering, func(ctx context.Context) error {
		update, finish := e.bar(rendering, false)
		defer finish()
		if update != nil {
			update(0, 0)
		}
		var err error
		rendered, err = renderDocuments(stage, j.result, j.ropts)
		return writeFailure("rendering the documents", err)
	}, scenarioSteps...)
	plan.Add("research tables", func(ctx context.Context) error {
		var err error
		research, err = reports.WriteResearch(stage, j.result)
		return writeFailure("writing the study's results", err)
	}, studied)
	plan.Add("research.json", func(ctx context.Context) error {
		var err error
		saved, err = reports.SaveStudy(stage, j.result)
		return writeFailure("rendering the documents", err)
	}, studied)
	for i, ls := range j.models {
		bars.step("sector " + strings.TrimSuffix(ls.file, ".toml"))
		plan.Add("sector "+ls.file, func(ctx context.Context) error {
			var err error
			sectors[i], err = runLoadedSector(ctx, e, ls, stage)
			return err
		})
	}
	err := plan.Run(ctx, cmp.Or(j.df.workers, runtime.GOMAXPROCS(0)))
	written := research
	for _, paths := range scens {
		written = append(written, paths...)
	}
	for _, paths := range sectors {
		written = append(written, paths...)
	}
	if saved != "" {
		written = append(written, saved)
	}
	return append(written, rendered...), err
}

// runStudy opens the dataset the flags name and runs the study on it, with a progress bar on a
// terminal. Invalid data gives a *datasets.ValidationError, so nothing is written.
func runStudy(ctx context.Context, e *env, df *dataFlags, opts study.Options) (*study.Result, error) {
	d, err := df.open()
	if err != nil {
		return nil, err
	}
	return studyOn(ctx, e, d, df, opts)
}

// studyOn runs the study on an open dataset.
func studyOn(ctx context.Context, e *env, d *datasets.Dataset, df *dataFlags, opts study.Options) (*study.Result, error) {
	update, finish := e.bar("reading survey_responses", d.Files[datasets.TableSurvey].Format == datasets.FormatCSV)
	defer finish()
	opts.Workers, opts.Progress, opts.MaxErrors = df.workers, update, df.maxErrors
	r, err := study.Run(ctx, d, opts)
	if err != nil {
		return nil, err
	}
	if err := checkSurveyYears(ctx, d, df, r.Summary.Years); err != nil {
		return nil, err
	}
	return r, nil
}

// checkSurveyYears applies the contract's rule that validate applies and the study does not need:
// every survey year is a year both devices and network have rows for. When one is not, the
// dataset is validated again (the rare case) for the error that names its first row, so run and
// validate refuse the same datasets with the same message.
func checkSurveyYears(ctx context.Context, d *datasets.Dataset, df *dataFlags, years []int32) error {
	dev, net := map[int32]bool{}, map[int32]bool{}
	for _, r := range d.Devices {
		dev[r.Year] = true
	}
	for _, r := range d.Network {
		net[r.Year] = true
	}
	for _, y := range years {
		if !dev[y] || !net[y] {
			_, err := datasets.Validate(ctx, d, datasets.SurveyScan{Workers: df.workers, MaxErrors: df.maxErrors})
			if err == nil {
				err = fmt.Errorf("%s: survey year %d: devices or network have no rows for it", d.Name, y)
			}
			return err
		}
	}
	return nil
}

// printWritten lists the files a command wrote.
func printWritten(w io.Writer, paths []string) {
	fmt.Fprintln(w, "wrote:")
	for _, p := range paths {
		fmt.Fprintln(w, "  "+p)
	}
}
