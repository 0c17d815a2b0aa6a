package main

import (
	"fmt"
	"io"
	"os"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/analysis/sector"
	"github.com/psnbyod/psnbyod/datasets"
)

// readModelFile reads a scenario or sector model file, refusing one larger than the parsers accept
// before reading it whole.
func readModelFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, costmodel.MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > costmodel.MaxFileBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes (1 MiB), the most a scenario or model file may be", path, costmodel.MaxFileBytes)
	}
	return data, nil
}

// checkScenarioWork refuses, before it starts, a scenario run that would not fit the memory budget.
func checkScenarioWork(sc *costmodel.Scenario) error {
	return costmodel.CheckWork(sc, datasets.MaxMemory())
}

// checkSectorWork refuses, before it starts, a sector run that would not fit the memory budget.
func checkSectorWork(m *sector.Model) error {
	return sector.CheckWork(m, datasets.MaxMemory())
}

// maxReplications bounds --replications: each cluster-bootstrap replication keeps its estimates
// (a few hundred bytes), so a million stay within a few hundred megabytes; the default is 999.
const maxReplications = 1_000_000
