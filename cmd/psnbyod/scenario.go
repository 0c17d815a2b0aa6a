package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/datasets/scenarios"
	"github.com/psnbyod/psnbyod/reports"
)

func cmdScenario(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "scenario")
	var (
		out        = fs.String("out", "out", "folder for the results (each scenario in out/scenarios/NAME)")
		iterations = fs.Int("iterations", 0, "Monte Carlo iterations (default: the scenario file's)")
		seed       = fs.Uint64("seed", 0, "random seed (default: the scenario file's)")
		noDraws    = fs.Bool("no-draws", false, "do not write draws.parquet (the per-iteration audit trail)")
		workers    = fs.Int("workers", 0, "parallel workers (default: one per core; results do not depend on it)")
	)
	fs.SetOutput(e.stderr)
	// Flags may come after the file names: psnbyod scenario a.toml --iterations 1000.
	files, flagArgs := splitArgs(args)
	if err := parseFlags(e, fs, flagArgs); err != nil {
		return helpOK(err)
	}
	if len(files) == 0 {
		files = scenarios.Files()
	}
	for _, f := range files {
		paths, err := runScenario(ctx, e, f, *out, scenarioRun{iterations: *iterations, seed: *seed, draws: !*noDraws, workers: *workers})
		if err != nil {
			return err
		}
		for _, p := range paths {
			fmt.Fprintln(e.stdout, "wrote "+p)
		}
	}
	return nil
}

// splitArgs separates file names from flags (and their values).
func splitArgs(args []string) (files, flags []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			flags = append(flags, a)
			if !strings.Contains(a, "=") && i+1 < len(args) && !isBoolFlag(a) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		files = append(files, a)
	}
	return files, flags
}

func isBoolFlag(a string) bool {
	a = strings.TrimLeft(a, "-")
	return a == "no-draws" || a == "h" || a == "help" || a == "pdf"
}

type scenarioRun struct {
	iterations int
	seed       uint64
	draws      bool
	workers    int
}

// loadScenario reads a scenario from a path, or by name from the ready scenarios.
func loadScenario(name string) (string, []byte, error) {
	data, err := os.ReadFile(name)
	if err == nil {
		return filepath.Base(name), data, nil
	}
	ready := strings.TrimSuffix(filepath.Base(name), ".toml") + ".toml"
	if d, rerr := scenarios.Read(ready); rerr == nil && !strings.ContainsRune(name, os.PathSeparator) {
		return ready, d, nil
	}
	return "", nil, fmt.Errorf("scenario %s: %w (ready scenarios: %s)", name, err, strings.Join(scenarios.Files(), ", "))
}

// runScenario parses and runs one scenario and writes its outputs.
func runScenario(ctx context.Context, e *env, name, out string, opts scenarioRun) ([]string, error) {
	file, data, err := loadScenario(name)
	if err != nil {
		return nil, err
	}
	sc, err := costmodel.Parse(file, data)
	if err != nil {
		return nil, err
	}
	if opts.iterations > 0 {
		sc.Iterations = opts.iterations
	}
	if opts.seed != 0 {
		sc.Seed = opts.seed
	}
	stem := strings.TrimSuffix(file, ".toml")
	dir := reports.ScenarioDir(out, stem)
	run := costmodel.RunOptions{Workers: opts.workers}
	var draws *reports.DrawsWriter
	if opts.draws {
		if draws, err = reports.NewDrawsWriter(filepath.Join(dir, "draws.parquet"), sc); err != nil {
			return nil, err
		}
		run.Draws = draws.Write
	}
	update, finish := progress(e.stderr, "scenario "+stem, false)
	if update != nil {
		run.Progress = func(done, total int) { update(int64(done), int64(total)) }
	}
	res, err := costmodel.Analyse(ctx, sc, run)
	finish()
	if err != nil {
		if draws != nil {
			draws.Abort()
		}
		return nil, fmt.Errorf("scenario %s: %w", file, err)
	}
	paths, err := reports.WriteScenarioResult(dir, res)
	if err == nil {
		// scenario.json keeps what the business case shows of the file itself (labels, line
		// expressions, each assumption's source), so psnbyod report can render without the TOML.
		var info string
		info, err = reports.WriteScenarioInfo(dir, reports.NewScenarioInfo(sc, data))
		paths = append(paths, info)
	}
	if err != nil {
		if draws != nil {
			draws.Abort()
		}
		return nil, err
	}
	if draws != nil {
		if err := draws.Close(); err != nil {
			return nil, err
		}
		paths = append(paths, filepath.Join(dir, "draws.parquet"))
	}
	return paths, nil
}
