package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Rendering from memory and rendering from a saved and reloaded bundle give identical documents and
// charts: the bundle keeps every figure the documents use, to the bit.
func TestBundleRoundTrip(t *testing.T) {
	in := defaultInputs(t)
	mem, saved := t.TempDir(), t.TempDir()
	filesMem, err := Render(mem, in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := saveInputs(saved, in); err != nil {
		t.Fatal(err)
	}
	back, err := LoadInputs(saved)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Scenarios) != len(in.Scenarios) {
		t.Fatalf("loaded %d scenarios, want %d", len(back.Scenarios), len(in.Scenarios))
	}
	for i := range in.Scenarios {
		a, b := &in.Scenarios[i], &back.Scenarios[i]
		if !reflect.DeepEqual(a.Result, b.Result) {
			t.Errorf("scenario %s: result differs after the round trip", a.Name)
		}
		if !reflect.DeepEqual(a.Info, b.Info) || !reflect.DeepEqual(a.Draws, b.Draws) {
			t.Errorf("scenario %s: info or draws differ after the round trip", a.Name)
		}
	}
	if !reflect.DeepEqual(in.Study.Effect, back.Study.Effect) || !reflect.DeepEqual(in.Study.Positions, back.Study.Positions) ||
		!reflect.DeepEqual(in.Study.Funnels, back.Study.Funnels) || !reflect.DeepEqual(in.Study.Neighbours, back.Study.Neighbours) {
		t.Error("study result differs after the round trip")
	}
	filesSaved, err := Render(saved, back, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(filesMem) != len(filesSaved) {
		t.Fatalf("rendered %d files from memory, %d from the bundle", len(filesMem), len(filesSaved))
	}
	compared := 0
	for i, p := range filesMem {
		rel, _ := filepath.Rel(mem, p)
		if rel2, _ := filepath.Rel(saved, filesSaved[i]); rel != rel2 {
			t.Errorf("file %d: %s from memory, %s from the bundle", i, rel, rel2)
			continue
		}
		if ext := filepath.Ext(p); ext != ".html" && ext != ".md" && ext != ".svg" {
			continue
		}
		a, _ := os.ReadFile(p)
		b, _ := os.ReadFile(filesSaved[i])
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between memory and bundle", rel)
		}
		compared++
	}
	if compared < 10 {
		t.Errorf("compared only %d documents", compared)
	}
}

// A bundle with no results is an error that says what to do.
func TestLoadInputsEmpty(t *testing.T) {
	if _, err := LoadInputs(t.TempDir()); err == nil || !strings.Contains(err.Error(), "psnbyod run") {
		t.Errorf("err = %v", err)
	}
}
