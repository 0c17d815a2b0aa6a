package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/datasets/resultfile"
	"github.com/psnbyod/psnbyod/reports"
)

// cmdCompare puts two runs side by side: result folders as they are, scenario files (or ready
// names) run now with the same seed and iterations. With one scenario and --set, it compares the
// scenario with itself changed.
func cmdCompare(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "compare")
	var (
		out        = fs.String("out", "", "also write compare.html into this folder")
		iterations = fs.Int("iterations", 0, "Monte Carlo iterations for scenario files, 1 or more (default: each file's)")
		seed       = fs.Uint64("seed", 0, "random seed for scenario files (default: A's file's, used for both)")
		sets       overrideFlags
	)
	fs.Var(&sets, "set", "change an input or a line's amount in B (`INPUT=VALUE` or OPTION.LINE.amount=EXPRESSION, as for scenario); repeatable")
	names, flagArgs := splitArgs(args)
	if err := parseFlags(e, fs, flagArgs); err != nil {
		return helpOK(err)
	}
	if *out != "" {
		if _, err := checkOut(*out); err != nil {
			return err
		}
	}
	if err := checkIterations(fs, *iterations); err != nil {
		return err
	}
	switch {
	case len(names) == 1 && len(sets) > 0:
		names = append(names, names[0])
	case len(names) != 2:
		fs.SetOutput(e.stderr)
		fs.Usage()
		return &usageError{msg: fmt.Sprintf("compare takes two result folders or scenario files (or one scenario and --set), not %d", len(names))}
	}
	a, err := compareSide(ctx, names[0], scenarioRun{iterations: *iterations, seed: *seed}, 0)
	if err != nil {
		return err
	}
	// The same seed on both sides, so that a difference comes from the change, not the draws.
	b, err := compareSide(ctx, names[1], scenarioRun{iterations: *iterations, seed: *seed, overrides: sets}, a.Seed)
	if err != nil {
		return err
	}
	labelB := names[1]
	if len(sets) > 0 {
		labelB += " with --set " + sets.String()
	}
	c := reports.Compare(names[0], a, labelB, b)
	if *out != "" {
		page, err := c.HTML()
		if err != nil {
			return writeFailure("rendering "+reports.FileCompare, err)
		}
		path := filepath.Join(*out, reports.FileCompare)
		if err := resultfile.WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(page); return err }); err != nil {
			return writeFailure("writing "+path, err)
		}
		defer fmt.Fprintln(e.stdout, "\nwrote "+path)
	}
	fmt.Fprint(e.stdout, c.Text())
	return nil
}

// compareSide is one side of a comparison: the result in a folder (a scenario's own folder, or an
// --out folder holding one scenario), or a scenario file run now. seed, when not zero, is the seed
// a scenario file is run with (unless --seed says otherwise).
func compareSide(ctx context.Context, name string, opts scenarioRun, seed uint64) (*costmodel.Result, error) {
	if st, err := os.Stat(name); err == nil && st.IsDir() {
		if len(opts.overrides) > 0 {
			return nil, &usageError{msg: fmt.Sprintf("--set changes a scenario file, not the results in the folder %s", name)}
		}
		dir := name
		if _, err := os.Stat(filepath.Join(dir, reports.FileScenarioSum)); err != nil {
			subs, _ := filepath.Glob(filepath.Join(name, "scenarios", "*", reports.FileScenarioSum))
			if len(subs) != 1 {
				return nil, fmt.Errorf("%s: expected a scenario's result folder (holding %s) or an output folder with one scenario, found %d scenarios",
					name, reports.FileScenarioSum, len(subs))
			}
			dir = filepath.Dir(subs[0])
		}
		s, err := reports.LoadScenario(dir)
		if err != nil {
			return nil, err
		}
		return s.Result, nil
	}
	if opts.seed == 0 {
		opts.seed = seed
	}
	ls, err := loadScenarioRun(name, opts)
	if err != nil {
		return nil, err
	}
	r, err := costmodel.Analyse(ctx, ls.sc, costmodel.RunOptions{})
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", ls.file, err)
	}
	return r, nil
}
