package main

import (
	"context"
	"fmt"

	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/reports"
)

func cmdBenchmark(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "benchmark")
	var df dataFlags
	df.register(fs)
	var bf benchFlags
	bf.register(fs)
	out := fs.String("out", "out", "folder for the results")
	if err := parseFlags(e, fs, args); err != nil {
		return helpOK(err)
	}
	if _, err := checkOut(*out); err != nil {
		return err
	}
	var opts study.Options
	if err := bf.apply(&opts); err != nil {
		return err
	}
	// No benchmark uses the respondent ids: leaving them unread saves the largest survey column.
	// Nor the restriction effect, which benchmark does not write.
	opts.SkipRespondentIDs, opts.SkipEffect = true, true
	r, err := runStudy(ctx, e, &df, opts)
	if err != nil {
		return err
	}
	written, err := reports.WriteBenchmarks(*out, r)
	if err != nil {
		return writeFailure("writing the benchmarks", err)
	}
	if r.Neighbours == nil {
		fmt.Fprintf(e.stdout, "nearest neighbours not found: %s\n", r.NeighboursUnavailable)
	}
	if r.Synthetic {
		fmt.Fprintf(e.stdout, "note: %s\n", r.SyntheticNote)
	}
	fmt.Fprintf(e.stdout, "checked: %s\n", benchmarkChecks)
	printWritten(e.stdout, written)
	return nil
}

// benchmarkChecks says what benchmark checks of the data contract, in its output and --help.
const benchmarkChecks = "the data as psnbyod run does, except survey_responses' respondent_id, which benchmark " +
	"does not read (no benchmark uses it): that every row has one and that it is unique within " +
	"(org_code, year) is checked by psnbyod validate and psnbyod run"
