package main

import (
	"cmp"
	"context"
	"fmt"
	"io"

	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/scenarios"
	sectorfiles "github.com/psnbyod/psnbyod/datasets/scenarios/sector"
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
	r, err := runStudy(ctx, e, &df, opts)
	if err != nil {
		return err
	}
	if err := checkHighlight(ropts.Highlight, r.Organisations, cmp.Or(df.data, "the embedded default dataset")); err != nil {
		return err
	}
	// Every ready scenario and sector model is read and checked (memory budget, organisations)
	// before the first file is written.
	sopts := scenarioRun{draws: true, workers: df.workers}
	var ready []*loadedScenario
	for _, name := range scenarios.Files() {
		ls, err := loadScenarioRun(name, sopts)
		if err != nil {
			return err
		}
		ready = append(ready, ls)
	}
	models, err := loadSectorRuns(sectorfiles.Files(), &orgSource{df: &df}, sectorRun{workers: df.workers})
	if err != nil {
		return err
	}
	// Everything is written into a staging folder that becomes --out in one step at the end, so a
	// failure or a kill leaves --out as it was.
	written, err := staged(*out, func(stage string) ([]string, error) {
		written, err := reports.WriteResearch(stage, r)
		if err != nil {
			return nil, writeFailure("writing the study's results", err)
		}
		for _, ls := range ready {
			paths, err := runLoadedScenario(ctx, e, ls, stage, sopts)
			if err != nil {
				return nil, err
			}
			written = append(written, paths...)
		}
		paths, err := runSectorModels(ctx, e, stage, models)
		if err != nil {
			return nil, err
		}
		written = append(written, paths...)
		paths, err = renderRun(stage, r, ropts)
		written = append(written, paths...)
		return written, writeFailure("rendering the documents", err)
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

// runStudy opens the dataset the flags name and runs the study on it, with a progress bar on a
// terminal. Invalid data gives a *datasets.ValidationError, so nothing is written.
func runStudy(ctx context.Context, e *env, df *dataFlags, opts study.Options) (*study.Result, error) {
	d, err := df.open()
	if err != nil {
		return nil, err
	}
	update, finish := progress(e.stderr, "reading survey_responses", d.Files[datasets.TableSurvey].Format == datasets.FormatCSV)
	defer finish()
	opts.Workers, opts.Progress, opts.MaxErrors = df.workers, update, df.maxErrors
	return study.Run(ctx, d, opts)
}

// printWritten lists the files a command wrote.
func printWritten(w io.Writer, paths []string) {
	fmt.Fprintln(w, "wrote:")
	for _, p := range paths {
		fmt.Fprintln(w, "  "+p)
	}
}
