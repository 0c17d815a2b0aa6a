// Package sectorfiles holds the ready sector model files (deadline queue, advisory-group funding), embedded in the binary.
package sectorfiles

import (
	"embed"
	"io/fs"
	"slices"
)

//go:embed *.toml
var files embed.FS

// FS is the embedded model files, at its root.
var FS fs.FS = files

// Files returns the names of the ready model files (e.g. "psn_deadline_2014.toml"), sorted.
func Files() []string {
	entries, _ := fs.ReadDir(files, ".") // cannot fail: the directory is embedded
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// Read returns the contents of the named model file.
func Read(name string) ([]byte, error) {
	return fs.ReadFile(files, name)
}
