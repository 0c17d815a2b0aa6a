package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/psnbyod/psnbyod/datasets"
)

// dataFlags are the options every command that reads a dataset shares.
type dataFlags struct {
	data      string
	maxErrors int
	workers   int
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.data, "data", "", "dataset folder (default: the embedded default dataset)")
	fs.IntVar(&d.maxErrors, "max-errors", datasets.DefaultMaxErrors, "stop after reporting this many problems with the data")
	fs.IntVar(&d.workers, "workers", 0, "parallel workers (default: one per core; results do not depend on it)")
}

// open opens the dataset the flags name and reads its small tables.
func (d *dataFlags) open() (*datasets.Dataset, error) {
	if d.data == "" {
		return datasets.OpenDefault()
	}
	st, err := os.Stat(d.data)
	if err != nil {
		return nil, fmt.Errorf("--data %s: %w", d.data, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("--data %s: expected a folder holding organisations, survey_responses, devices and network (.csv or .parquet)", d.data)
	}
	return datasets.Open(os.DirFS(d.data), filepath.Clean(d.data), d.maxErrors)
}
