package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/sector"
	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/scenarios"
	"github.com/psnbyod/psnbyod/reports"
)

func cmdSector(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "sector")
	var df dataFlags
	df.register(fs)
	var (
		out        = fs.String("out", "out", "folder for the results (each model in out/sector/NAME)")
		iterations = fs.Int("iterations", 0, "Monte Carlo iterations, 1 or more (default: the model file's)")
		seed       = fs.Uint64("seed", 0, "random seed (default: the model file's)")
	)
	// Flags may come after the file names: psnbyod sector a.toml --iterations 1000.
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
	if len(files) == 0 {
		files = scenarios.Sector.Files()
	}
	// Every file is read and checked before anything is written.
	orgs := &orgSource{df: &df}
	loaded, err := loadSectorRuns(files, orgs, sectorRun{iterations: *iterations, seed: *seed, workers: df.workers})
	if err != nil {
		return err
	}
	for _, ls := range loaded {
		paths, err := runLoadedSector(ctx, e, ls, *out)
		if err != nil {
			return err
		}
		for _, p := range paths {
			fmt.Fprintln(e.stdout, "wrote "+p)
		}
	}
	return nil
}

// loadSectorRuns reads, parses and checks sector model files, with the dataset's organisations
// for the models that use them.
func loadSectorRuns(files []string, orgs *orgSource, opts sectorRun) ([]*loadedSector, error) {
	var loaded []*loadedSector
	for _, f := range files {
		ls, err := loadSectorRun(f, orgs, opts)
		if err != nil {
			return nil, err
		}
		loaded = append(loaded, ls)
	}
	return loaded, nil
}

// runSectorModels runs sector models loaded by loadSectorRuns into out: the `run` command's step.
func runSectorModels(ctx context.Context, e *env, out string, loaded []*loadedSector) ([]string, error) {
	var written []string
	for _, ls := range loaded {
		paths, err := runLoadedSector(ctx, e, ls, out)
		if err != nil {
			return nil, err
		}
		written = append(written, paths...)
	}
	return written, nil
}

type sectorRun struct {
	iterations int
	seed       uint64
	workers    int
}

// orgSource reads the dataset's organisations once, when a model first asks for them.
type orgSource struct {
	df   *dataFlags
	orgs []datasets.Organisation
}

func (o *orgSource) get() ([]datasets.Organisation, error) {
	if o.orgs != nil {
		return o.orgs, nil
	}
	fsys, name := datasets.Default(), datasets.DefaultName
	if o.df.data != "" {
		st, err := os.Stat(o.df.data)
		if err != nil {
			return nil, fmt.Errorf("--data %s: %w", o.df.data, err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("--data %s: expected a folder holding the organisations table", o.df.data)
		}
		fsys, name = os.DirFS(o.df.data), filepath.Clean(o.df.data)
	}
	orgs, err := datasets.ReadOrganisations(fsys, o.df.maxErrors)
	if err != nil {
		return nil, fmt.Errorf("organisations of %s: %w", name, err)
	}
	o.orgs = orgs
	return orgs, nil
}

// loadSectorModel reads a model file from a path, or by name from the ready models.
func loadSectorModel(name string) (string, []byte, error) {
	if err := checkResultStem("sector model", name, "sector"); err != nil {
		return "", nil, err
	}
	data, err := readModelFile(name)
	if err == nil {
		return filepath.Base(name), data, nil
	}
	ready := strings.TrimSuffix(filepath.Base(name), ".toml") + ".toml"
	if d, rerr := scenarios.Sector.Read(ready); rerr == nil && !strings.ContainsRune(name, os.PathSeparator) {
		return ready, d, nil
	}
	return "", nil, fmt.Errorf("sector model %s: %w (ready models: %s)", name, err, strings.Join(scenarios.Sector.Files(), ", "))
}

// loadedSector is a sector model read, parsed and checked, with its organisations, ready to run.
type loadedSector struct {
	file  string
	model *sector.Model
	orgs  []datasets.Organisation
	opts  sectorRun
}

// loadSectorRun reads, parses and checks one model and applies the run's flags to it.
func loadSectorRun(name string, orgs *orgSource, opts sectorRun) (*loadedSector, error) {
	file, data, err := loadSectorModel(name)
	if err != nil {
		return nil, err
	}
	m, err := sector.Parse(file, data)
	if err != nil {
		return nil, err
	}
	if opts.iterations > 0 {
		m.Iterations = opts.iterations
	}
	if opts.seed != 0 {
		m.Seed = opts.seed
	}
	if err := checkSectorWork(m); err != nil {
		return nil, err
	}
	ls := &loadedSector{file: file, model: m, opts: opts}
	if m.FromDataset {
		if ls.orgs, err = orgs.get(); err != nil {
			return nil, err
		}
	}
	return ls, nil
}

// runLoadedSector runs one loaded model and writes its outputs.
func runLoadedSector(ctx context.Context, e *env, ls *loadedSector, out string) ([]string, error) {
	run := sector.RunOptions{Workers: ls.opts.workers}
	update, finish := e.bar("sector "+strings.TrimSuffix(ls.file, ".toml"), false)
	if update != nil {
		run.Progress = func(done, total int) { update(int64(done), int64(total)) }
	}
	res, err := sector.Run(ctx, ls.model, ls.orgs, run)
	finish()
	if err != nil {
		return nil, fmt.Errorf("sector model %s: %w", ls.file, err)
	}
	paths, err := reports.WriteSector(out, res)
	return paths, writeFailure("writing the results of sector model "+ls.file, err)
}
