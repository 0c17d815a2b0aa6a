package main

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/analysis/effect"
	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/datasets/scenarios"
	"github.com/psnbyod/psnbyod/reports"
)

func cmdScenario(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "init" {
		return cmdScenarioInit(ctx, e, args[1:])
	}
	fs := newFlags(e, "scenario")
	var (
		out        = fs.String("out", "out", "folder for the results (each scenario in out/scenarios/NAME)")
		iterations = fs.Int("iterations", 0, "Monte Carlo iterations, 1 or more (default: the scenario file's)")
		seed       = fs.Uint64("seed", 0, "random seed (default: the scenario file's)")
		noDraws    = fs.Bool("no-draws", false, "do not write draws.parquet (the per-iteration audit trail)")
		noDocs     = fs.Bool("no-documents", false, "write the results only: no charts, business case or workbook")
		sets       overrideFlags
		df         dataFlags
		rf         reportFlags
	)
	df.register(fs)
	rf.register(fs)
	fs.Var(&sets, "set", "change an input (`INPUT=VALUE`: a number, or a distribution such as 'uptake={ dist = \"pert\", min = 0.1, mode = 0.2, max = 0.3 }') or a line's amount (OPTION.LINE.amount=EXPRESSION) for this run; repeatable")
	fs.SetOutput(e.stderr)
	// Flags may come after the file names: psnbyod scenario a.toml --iterations 1000.
	files, flagArgs := splitArgs(args)
	if err := parseFlags(e, fs, flagArgs); err != nil {
		return helpOK(err)
	}
	if _, err := checkOut(*out); err != nil {
		return err
	}
	if err := checkIterations(fs, *iterations); err != nil {
		return err
	}
	ropts, err := rf.options(e)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		files = scenarios.Cost.Files()
	}
	opts := scenarioRun{iterations: *iterations, seed: *seed, draws: !*noDraws, workers: df.workers, overrides: sets}
	// Every file is read and checked before anything is written, so a mistake in the last one
	// leaves no results of the first behind.
	var loaded []*loadedScenario
	for _, f := range files {
		ls, err := loadScenarioRun(f, opts)
		if err != nil {
			return err
		}
		loaded = append(loaded, ls)
	}
	distinctFolders(loaded)
	// --highlight names the council whose benchmark position the business case shows, for a
	// scenario that names none (or another).
	if rf.highlight != "" {
		for _, ls := range loaded {
			ls.sc.Organisation = rf.highlight
		}
	}
	if err := checkOrganisations(loaded, &orgSource{df: &df}); err != nil {
		return err
	}
	// The council's benchmark position and the measured restriction effect come from the study
	// of the dataset, run (in seconds on the default dataset) before anything is written.
	var st *study.Result
	if !*noDocs && slices.ContainsFunc(loaded, func(ls *loadedScenario) bool { return ls.sc.Organisation != "" }) {
		if st, err = runStudy(ctx, e, &df, study.Options{Replications: effect.DefaultReplications, Seed: defaultSeed}); err != nil {
			return err
		}
	}
	var written []string
	in := &reports.Inputs{Study: st}
	for _, ls := range loaded {
		paths, err := runLoadedScenario(ctx, e, ls, *out, opts)
		if err != nil {
			return err
		}
		written = append(written, paths...)
		if !*noDocs {
			s, err := reports.LoadScenario(reports.ScenarioDir(*out, ls.folder()))
			if err != nil {
				return writeFailure("reading back the results of scenario "+ls.file, err)
			}
			in.Scenarios = append(in.Scenarios, *s)
		}
	}
	// psnbyod report renders this run's scenarios, not older results left in --out.
	var folders []string
	for _, ls := range loaded {
		folders = append(folders, ls.folder())
	}
	last, err := reports.WriteLastRun(*out, folders)
	if err != nil {
		return writeFailure("writing "+last, err)
	}
	written = append(written, last)
	if !*noDocs {
		paths, err := reports.RenderScenarios(*out, in, ropts)
		written = append(written, paths...)
		if err != nil {
			return writeFailure("rendering the business cases", err)
		}
	}
	for _, p := range written {
		fmt.Fprintln(e.stdout, "wrote "+p)
	}
	return nil
}

// overrideFlags collects repeated --set flags.
type overrideFlags []costmodel.Override

func (o *overrideFlags) String() string {
	var parts []string
	for _, x := range *o {
		parts = append(parts, x.String())
	}
	return strings.Join(parts, "; ")
}

func (o *overrideFlags) Set(s string) error {
	x, err := costmodel.ParseOverride(s)
	if err != nil {
		return err
	}
	*o = append(*o, x)
	return nil
}

// checkOrganisations reports each scenario whose organisation is not in the dataset, located at
// the file's organisation line, with the nearest code or name.
func checkOrganisations(loaded []*loadedScenario, orgs *orgSource) error {
	var errs costmodel.Errors
	for _, ls := range loaded {
		if ls.sc.Organisation == "" {
			continue
		}
		list, err := orgs.get()
		if err != nil {
			return err
		}
		name := "the embedded default dataset"
		if orgs.df.data != "" {
			name = orgs.df.data
		}
		if msg := unknownOrganisation(ls.sc.Organisation, list, name); msg != "" {
			errs = append(errs, ls.sc.FieldError("organisation", "%s", msg))
		}
	}
	if len(errs) > 0 {
		return errs
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
	return a == "no-draws" || a == "no-documents" || a == "h" || a == "help" || a == "pdf"
}

type scenarioRun struct {
	iterations int
	seed       uint64
	draws      bool
	workers    int
	overrides  []costmodel.Override
}

// loadedScenario is a scenario read, parsed and changed by --set, ready to run.
type loadedScenario struct {
	file string // the file's base name
	data []byte // its text
	sc   *costmodel.Scenario
	// dir is the results folder's name under --out/scenarios: the file's name without .toml, and
	// a number after it when the run names the same file (or two files of one name) again.
	dir string
}

// folder is the scenario's results folder name under --out/scenarios.
func (ls *loadedScenario) folder() string {
	return cmp.Or(ls.dir, strings.TrimSuffix(ls.file, ".toml"))
}

// distinctFolders gives each scenario of one run its own results folder: the second of two files
// with one name goes in NAME_2, so neither overwrites the other.
func distinctFolders(loaded []*loadedScenario) {
	seen := map[string]bool{}
	for _, ls := range loaded {
		base := ls.folder()
		name := base
		for k := 2; seen[name]; k++ {
			name = fmt.Sprintf("%s_%d", base, k)
		}
		seen[name] = true
		ls.dir = name
	}
}

// loadScenarioRun reads and parses a scenario and applies the run's flags to it.
func loadScenarioRun(name string, opts scenarioRun) (*loadedScenario, error) {
	file, data, err := loadScenario(name)
	if err != nil {
		return nil, err
	}
	sc, err := costmodel.Parse(file, data)
	if err != nil {
		return nil, err
	}
	if len(opts.overrides) > 0 {
		if sc, err = sc.With(opts.overrides...); err != nil {
			return nil, err
		}
	}
	if opts.iterations > 0 {
		sc.Iterations = opts.iterations
	}
	if opts.seed != 0 {
		sc.Seed = opts.seed
	}
	if err := checkScenarioWork(sc); err != nil {
		return nil, err
	}
	return &loadedScenario{file: file, data: data, sc: sc}, nil
}

// loadScenario reads a scenario from a path, or by name from the ready scenarios.
func loadScenario(name string) (string, []byte, error) {
	if err := checkResultStem("scenario", name, "scenarios"); err != nil {
		return "", nil, err
	}
	data, err := readModelFile(name)
	if err == nil {
		return filepath.Base(name), data, nil
	}
	ready := strings.TrimSuffix(filepath.Base(name), ".toml") + ".toml"
	if d, rerr := scenarios.Cost.Read(ready); rerr == nil && !strings.ContainsRune(name, os.PathSeparator) {
		return ready, d, nil
	}
	return "", nil, fmt.Errorf("scenario %s: %w (ready scenarios: %s)", name, err, strings.Join(scenarios.Cost.Files(), ", "))
}

// runScenario parses and runs one scenario and writes its outputs.
func runScenario(ctx context.Context, e *env, name, out string, opts scenarioRun) ([]string, error) {
	ls, err := loadScenarioRun(name, opts)
	if err != nil {
		return nil, err
	}
	return runLoadedScenario(ctx, e, ls, out, opts)
}

// runLoadedScenario runs one parsed scenario and writes its outputs.
func runLoadedScenario(ctx context.Context, e *env, ls *loadedScenario, out string, opts scenarioRun) ([]string, error) {
	file, data, sc := ls.file, ls.data, ls.sc
	var err error
	stem := ls.folder()
	dir := reports.ScenarioDir(out, stem)
	run := costmodel.RunOptions{Workers: opts.workers}
	var draws *reports.DrawsWriter
	if opts.draws {
		if draws, err = reports.NewDrawsWriter(filepath.Join(dir, "draws.parquet"), sc); err != nil {
			return nil, writeFailure("writing "+filepath.Join(dir, "draws.parquet"), err)
		}
		run.Draws = draws.Write
	}
	update, finish := e.bar("scenario "+stem, false)
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
		return nil, writeFailure("writing the results of scenario "+file, err)
	}
	if draws != nil {
		if err := draws.Close(); err != nil {
			return nil, writeFailure("writing "+filepath.Join(dir, "draws.parquet"), err)
		}
		paths = append(paths, filepath.Join(dir, "draws.parquet"))
	}
	return paths, nil
}

// checkResultStem refuses a scenario or model file whose name, without .toml, cannot name its
// results folder (--out/DIR/NAME): "...toml" would write at the root of --out and ".toml" into
// --out/DIR itself.
func checkResultStem(kind, name, dir string) error {
	switch stem := strings.TrimSuffix(filepath.Base(name), ".toml"); stem {
	case "", ".", "..":
		return &usageError{msg: fmt.Sprintf("%s file %s: its results go in --out/%s/NAME, NAME being the file's name without .toml, and %q cannot name a folder there; rename the file after the %s, such as my_council.toml",
			kind, name, dir, stem, kind)}
	}
	return nil
}
