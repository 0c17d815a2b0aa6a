package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/sector"
	"github.com/psnbyod/psnbyod/datasets"
	sectorfiles "github.com/psnbyod/psnbyod/datasets/scenarios/sector"
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
	if err := checkIterations(fs, *iterations); err != nil {
		return err
	}
	if len(files) == 0 {
		files = sectorfiles.Files()
	}
	orgs := &orgSource{df: &df}
	for _, f := range files {
		paths, err := runSector(ctx, e, f, *out, orgs, sectorRun{iterations: *iterations, seed: *seed, workers: df.workers})
		if err != nil {
			return err
		}
		for _, p := range paths {
			fmt.Fprintln(e.stdout, "wrote "+p)
		}
	}
	return nil
}

// runSectorModels runs every ready sector model into out with the organisations of the dataset
// that df names (the embedded default when df.data is empty): the `run` command's step.
func runSectorModels(ctx context.Context, e *env, out string, df *dataFlags) ([]string, error) {
	orgs := &orgSource{df: df}
	var written []string
	for _, name := range sectorfiles.Files() {
		paths, err := runSector(ctx, e, name, out, orgs, sectorRun{workers: df.workers})
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
	data, err := readModelFile(name)
	if err == nil {
		return filepath.Base(name), data, nil
	}
	ready := strings.TrimSuffix(filepath.Base(name), ".toml") + ".toml"
	if d, rerr := sectorfiles.Read(ready); rerr == nil && !strings.ContainsRune(name, os.PathSeparator) {
		return ready, d, nil
	}
	return "", nil, fmt.Errorf("sector model %s: %w (ready models: %s)", name, err, strings.Join(sectorfiles.Files(), ", "))
}

// runSector parses and runs one model and writes its outputs.
func runSector(ctx context.Context, e *env, name, out string, orgs *orgSource, opts sectorRun) ([]string, error) {
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
	var list []datasets.Organisation
	if m.FromDataset {
		if list, err = orgs.get(); err != nil {
			return nil, err
		}
	}
	run := sector.RunOptions{Workers: opts.workers}
	update, finish := progress(e.stderr, "sector "+strings.TrimSuffix(file, ".toml"), false)
	if update != nil {
		run.Progress = func(done, total int) { update(int64(done), int64(total)) }
	}
	res, err := sector.Run(ctx, m, list, run)
	finish()
	if err != nil {
		return nil, fmt.Errorf("sector model %s: %w", file, err)
	}
	return reports.WriteSector(out, res)
}
