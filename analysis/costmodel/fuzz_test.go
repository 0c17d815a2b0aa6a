package costmodel

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds any text to the scenario parser, starting from the ready scenarios: it must
// return a scenario or an error, never panic, and a scenario it returns must pass its own checks
// (CheckWork is what a run calls next).
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../datasets/scenarios/*.toml")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("x = {a={b={c=1}}}\n"))
	f.Add([]byte("iterations = 2147483647\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Parse("fuzz.toml", data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error that says nothing")
			}
			return
		}
		if sc == nil {
			t.Fatal("no scenario and no error")
		}
		_ = CheckWork(sc, 1<<30)
	})
}
