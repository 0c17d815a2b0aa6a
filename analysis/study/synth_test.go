package study

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/synth"
)

// generate writes a synthetic dataset into dir/FORMAT, opens it, and returns it with its truth. It
// returns errors instead of failing the test so that goroutines can call it.
func generate(dir string, cfg synth.Config) (*datasets.Dataset, *synth.Truth, error) {
	base, err := datasets.ReadOrganisations(datasets.Default(), 0)
	if err != nil {
		return nil, nil, err
	}
	out := filepath.Join(dir, string(cfg.Format))
	truth, err := synth.Generate(context.Background(), base, cfg, out)
	if err != nil {
		return nil, nil, fmt.Errorf("generating seed %d: %w", cfg.Seed, err)
	}
	d, err := datasets.Open(os.DirFS(out), out, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("opening seed %d: %w", cfg.Seed, err)
	}
	return d, truth, nil
}
