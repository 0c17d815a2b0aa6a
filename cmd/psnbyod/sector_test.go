package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/datasets/scenarios"
)

func TestSectorWritesOutputs(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr}
	if err := cmdSector(context.Background(), e, []string{"--iterations", "500", "--out", out}); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	for _, f := range []string{
		"psn_deadline_2014/summary.json", "psn_deadline_2014/weeks.csv", "psn_deadline_2014/at_risk.csv",
		"psn_deadline_2014/capacity_curve.csv",
		"advisory_group_funding/summary.json", "advisory_group_funding/by_posts.csv", "advisory_group_funding/participation.csv",
	} {
		p := filepath.Join(out, "sector", f)
		if _, err := os.Stat(p); err != nil {
			t.Errorf("missing %s", f)
		}
		if !strings.Contains(stdout.String(), p) {
			t.Errorf("stdout does not list %s", p)
		}
	}
	var summary struct {
		Queue struct {
			Iterations int `json:"iterations"`
			Councils   int `json:"councils"`
		} `json:"deadline_queue"`
	}
	data, err := os.ReadFile(filepath.Join(out, "sector", "psn_deadline_2014", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &summary); err != nil {
		t.Fatal(err)
	}
	// The default dataset holds 433 councils (those in existence on 1 April 2014).
	if summary.Queue.Iterations != 500 || summary.Queue.Councils != 433 {
		t.Errorf("summary: %+v", summary.Queue)
	}
}

func TestSectorRunModels(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	models, err := loadSectorRuns(scenarios.Sector.Files(), &orgSource{df: &dataFlags{}}, sectorRun{})
	if err != nil {
		t.Fatal(err)
	}
	paths, err := runSectorModels(context.Background(), &env{stdout: &stdout, stderr: &stderr}, out, models)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 7 {
		t.Errorf("wrote %d files: %v", len(paths), paths)
	}
}

func TestSectorBadFileExitsOne(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("model = \"advisory_funding\"\nname = \"x\"\n[inputs]\ncost_per_post = { dist = \"uniform\", min = 5, max = 3 }\n"), 0o644)
	var stdout, stderr bytes.Buffer
	err := cmdSector(context.Background(), &env{stdout: &stdout, stderr: &stderr}, []string{bad, "--out", filepath.Join(dir, "out")})
	if err == nil {
		t.Fatal("bad model accepted")
	}
	for _, want := range []string{"bad.toml:4", "inputs.cost_per_post", "contributors"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q: %v", want, err)
		}
	}
	if exitCode(err, &stderr) != 1 {
		t.Errorf("exit code %d, want 1", exitCode(err, &stderr))
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a bad model left output behind")
	}
}
