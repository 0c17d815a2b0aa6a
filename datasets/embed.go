package datasets

import (
	"embed"
	"io/fs"
)

// The default dataset: real UK councils (organisations.csv, built from the reference data by
// go run ./internal/mkorgs, in this folder) and synthetic survey, devices and network tables for
// 2011–2016 (built by the generator with a fixed seed; see datasets/README.md).
//
//go:generate go run ./internal/mkorgs
//go:generate go run ../cmd/psnbyod generate --default
//go:embed default
var defaultFS embed.FS

// DefaultName is how outputs name the embedded default dataset.
const DefaultName = "embedded default dataset (real councils; synthetic survey, devices and network tables)"

// Default returns the embedded default dataset as a folder.
func Default() fs.FS {
	sub, err := fs.Sub(defaultFS, "default")
	if err != nil {
		panic(err) // the folder is embedded at build time; it cannot be missing
	}
	return sub
}

// DefaultGeneration is how the default dataset's synthetic tables were generated: the command
// `psnbyod generate --default` uses these settings, and tests check that the embedded files match.
var DefaultGeneration = struct {
	FirstYear, LastYear, RespondentsPerOrg int
	Seed                                   uint64
}{2011, 2016, 120, 2014}

// OpenDefault opens the embedded default dataset.
func OpenDefault() (*Dataset, error) {
	d, err := Open(Default(), DefaultName, 0)
	if err != nil {
		return nil, err
	}
	d.Synthetic = true
	return d, nil
}
