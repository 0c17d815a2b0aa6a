// Package scenarios holds the ready-made cost-model scenario files, embedded in the binary.
package scenarios

import (
	"embed"
	"io/fs"
	"slices"
)

//go:embed *.toml
var files embed.FS

// FS is the embedded scenario files, at its root.
var FS fs.FS = files

// Files returns the names of the ready scenarios (e.g. "metro_borough_byod.toml"), sorted.
func Files() []string {
	entries, _ := fs.ReadDir(files, ".") // cannot fail: the directory is embedded
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// Read returns the contents of the named scenario file.
func Read(name string) ([]byte, error) {
	return fs.ReadFile(files, name)
}
