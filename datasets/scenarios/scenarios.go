// Package scenarios holds the ready model files, embedded in the binary: the cost-model scenarios
// (Cost, the .toml files of this folder) and the sector-wide models (Sector, the .toml files of
// sector/). Each is a file system with its files at the root. The files are read by
// analysis/costmodel and analysis/sector; this package only carries them.
package scenarios

import (
	"embed"
	"io/fs"
	"slices"
)

var (
	//go:embed *.toml
	costFiles embed.FS
	//go:embed sector/*.toml
	sectorFiles embed.FS
)

// Set is one folder of ready model files: a file system holding its .toml files at the root.
type Set struct{ fs.FS }

var (
	// Cost is the ready cost-model scenarios (metro_borough_byod.toml and the others).
	Cost = Set{costFiles}
	// Sector is the ready sector models: the compliance-deadline queue and the advisory-group funding.
	Sector = Set{sub(sectorFiles, "sector")}
)

func sub(fsys fs.FS, dir string) fs.FS {
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // the folder is embedded at build time; it cannot be missing
	}
	return s
}

// Files returns the names of the set's files (e.g. "metro_borough_byod.toml"), sorted.
func (s Set) Files() []string {
	entries, _ := fs.ReadDir(s.FS, ".") // cannot fail: the directory is embedded
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// Read returns the contents of the named file of the set.
func (s Set) Read(name string) ([]byte, error) {
	return fs.ReadFile(s.FS, name)
}
