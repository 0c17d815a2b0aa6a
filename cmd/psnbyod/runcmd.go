package main

import (
	"cmp"
	"context"
	"fmt"
	"io"

	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/scenarios"
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
