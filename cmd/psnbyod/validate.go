package main

import (
	"context"
	"fmt"

	"github.com/psnbyod/psnbyod/datasets"
)

func cmdValidate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "validate")
	var df dataFlags
	df.register(fs)
	if err := parseFlags(e, fs, args); err != nil {
		return helpOK(err)
	}
	summary, err := validate(ctx, e, &df)
	if err != nil {
		return err
	}
	fmt.Fprint(e.stdout, summary)
	return nil
}

// validate opens and checks a whole dataset.
func validate(ctx context.Context, e *env, df *dataFlags) (datasets.Summary, error) {
	d, err := df.open()
	if err != nil {
		return datasets.Summary{}, err
	}
	update, finish := progress(e.stderr, "reading survey_responses", d.Files[datasets.TableSurvey].Format == datasets.FormatCSV)
	defer finish()
	return datasets.Validate(ctx, d, datasets.SurveyScan{Workers: df.workers, Progress: update, MaxErrors: df.maxErrors})
}

// helpOK turns the end of a --help into success.
func helpOK(err error) error {
	if err == errHelp {
		return nil
	}
	return err
}
