package sector

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds any text to the sector model parser, starting from the ready models: it must
// return a model or an error, never panic.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../datasets/scenarios/sector/*.toml")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("model = \"deadline_queue\"\ninputs = {a={b={c=[[[1]]]}}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse("fuzz.toml", data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error that says nothing")
			}
			return
		}
		if m == nil {
			t.Fatal("no model and no error")
		}
		_ = CheckWork(m, 1<<30)
	})
}
