// Package notebooks_test checks the committed notebooks without running them: they are stored without
// outputs, use the GoNB kernel, start with the cell that points Go at this repository, and are listed
// in the README. Running them needs Jupyter and GoNB, so that is notebooks/run.sh's job, not go test's.
package notebooks_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// journeys are the notebooks issue 7 asks for, one per user journey.
var journeys = []string{"researcher.ipynb", "finance-officer.ipynb", "cio-business-case.ipynb"}

// setupCell is what each notebook's first code cell must do: make the repository importable by its
// module path without a version look-up, and fetch the GoNB version whose gonbui the cells use.
var setupCell = []string{
	"!*go mod edit -require=github.com/psnbyod/psnbyod@v0.0.0",
	"-replace=github.com/psnbyod/psnbyod=${GONB_DIR}/..",
	"go get github.com/janpfeifer/gonb@v0.11.1",
}

// notebook is the part of the nbformat 4 document the checks read.
type notebook struct {
	NBFormat int `json:"nbformat"`
	Metadata struct {
		KernelSpec struct {
			Name string `json:"name"`
		} `json:"kernelspec"`
	} `json:"metadata"`
	Cells []struct {
		CellType       string            `json:"cell_type"`
		Source         multiline         `json:"source"`
		Outputs        []json.RawMessage `json:"outputs"`
		ExecutionCount *int              `json:"execution_count"`
		Metadata       map[string]any    `json:"metadata"`
	} `json:"cells"`
}

// multiline is a cell's source, which nbformat allows as one string or a list of lines.
type multiline string

func (m *multiline) UnmarshalJSON(b []byte) error {
	var lines []string
	if err := json.Unmarshal(b, &lines); err == nil {
		*m = multiline(strings.Join(lines, ""))
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*m = multiline(s)
	return nil
}

func TestJourneysPresent(t *testing.T) {
	files, err := filepath.Glob("*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range journeys {
		if !slices.Contains(files, j) {
			t.Errorf("%s is missing", j)
		}
	}
}

func TestNotebooksStoredClean(t *testing.T) {
	files, err := filepath.Glob("*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no notebooks found")
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var nb notebook
			if err := json.Unmarshal(b, &nb); err != nil {
				t.Fatalf("not a notebook: %v", err)
			}
			if nb.NBFormat != 4 {
				t.Errorf("nbformat %d, want 4", nb.NBFormat)
			}
			if nb.Metadata.KernelSpec.Name != "gonb" {
				t.Errorf("kernel %q, want gonb", nb.Metadata.KernelSpec.Name)
			}
			firstCode := -1
			for i, c := range nb.Cells {
				if c.CellType != "code" {
					continue
				}
				if firstCode < 0 {
					firstCode = i
				}
				// Outputs belong in the run's folder, not in the repository: they hold
				// machine-specific paths and megabytes of PNG, and go stale with every change.
				if len(c.Outputs) != 0 {
					t.Errorf("cell %d has %d outputs: clear them before committing (Edit > Clear All Outputs, or jupyter nbconvert --clear-output --inplace)", i+1, len(c.Outputs))
				}
				if c.ExecutionCount != nil {
					t.Errorf("cell %d has execution_count %d, want null", i+1, *c.ExecutionCount)
				}
				if _, ok := c.Metadata["execution"]; ok {
					t.Errorf("cell %d carries execution timings in its metadata", i+1)
				}
			}
			if firstCode < 0 {
				t.Fatal("no code cell")
			}
			for _, want := range setupCell {
				if !strings.Contains(string(nb.Cells[firstCode].Source), want) {
					t.Errorf("first code cell lacks %q", want)
				}
			}
		})
	}
}

func TestREADMEListsNotebooks(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("*.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !strings.Contains(string(b), "("+f+")") {
			t.Errorf("README.md does not link %s", f)
		}
	}
}
