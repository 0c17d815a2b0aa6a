package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/datasets/scenarios"
	"github.com/psnbyod/psnbyod/reports"
)

// The end of run (research.json, then renderDocuments) and `psnbyod report` on the same folder give byte-identical documents:
// report reads back exactly what run computed, and recomputes nothing.
func TestRenderRunThenReport(t *testing.T) {
	ctx := context.Background()
	out := t.TempDir()
	e := &env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	d := generateTiny(t)
	var df dataFlags
	df.data = d
	r, err := runStudy(ctx, e, &df, study.Options{Replications: 49, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reports.WriteResearch(out, r); err != nil {
		t.Fatal(err)
	}
	for _, name := range scenarios.Cost.Files() {
		if _, err := runScenario(ctx, e, name, out, scenarioRun{iterations: 2000, draws: true}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := reports.SaveStudy(out, r); err != nil {
		t.Fatal(err)
	}
	written, err := renderDocuments(out, r, reports.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := []string{reports.FileReport, "summary.md", filepath.Join("scenarios", "metro_borough_byod", reports.FileBusinessCase)}
	first := map[string][]byte{}
	for _, name := range docs {
		path := filepath.Join(out, name)
		if !slices.Contains(written, path) {
			t.Errorf("renderDocuments did not list %s", path)
		}
		if first[name], err = os.ReadFile(path); err != nil {
			t.Fatal(err)
		}
	}

	var stdout bytes.Buffer
	e = &env{stdout: &stdout, stderr: &bytes.Buffer{}}
	if err := cmdReport(ctx, e, []string{"--out", out}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), filepath.Join(out, reports.FileReport)) || !strings.Contains(stdout.String(), "results.xlsx") {
		t.Errorf("report did not list its files:\n%s", stdout.String())
	}
	for _, name := range docs {
		again, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first[name], again) {
			t.Errorf("%s differs between run and report", name)
		}
	}
}

// report fails with a clear message on a folder without results, and rejects a bad --min-group.
func TestReportErrors(t *testing.T) {
	e := &env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	err := cmdReport(context.Background(), e, []string{"--out", t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "holds no results") {
		t.Errorf("empty folder: err = %v", err)
	}
	err = cmdReport(context.Background(), e, []string{"--out", t.TempDir(), "--min-group", "0"})
	if _, ok := err.(*usageError); !ok {
		t.Errorf("--min-group 0: err = %v, want a usage error", err)
	}
}
