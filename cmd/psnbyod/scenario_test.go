package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/parquet/file"
)

func TestScenarioWritesOutputs(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr}
	if err := cmdScenario(context.Background(), e, []string{"metro_borough_byod", "--iterations", "2000", "--out", out}); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	dir := filepath.Join(out, "scenarios", "metro_borough_byod")
	var summary struct {
		Iterations int `json:"iterations"`
		Options    []struct {
			Name string `json:"name"`
		} `json:"options"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &summary); err != nil {
		t.Fatal(err)
	}
	if summary.Iterations != 2000 || len(summary.Options) < 2 {
		t.Errorf("summary: %d iterations, %d options", summary.Iterations, len(summary.Options))
	}
	cash, err := os.ReadFile(filepath.Join(dir, "cashflows.csv"))
	if err != nil || !strings.HasPrefix(string(cash), "option,year,calendar_year,line,kind,category,amount,discount_factor,present_value") {
		t.Errorf("cashflows.csv header: %.100q (%v)", cash, err)
	}
	// draws.parquet has one row per iteration and a column per uncertain input and option.
	pf, err := file.OpenParquetFile(filepath.Join(dir, "draws.parquet"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	if pf.NumRows() != 2000 {
		t.Errorf("draws.parquet has %d rows, want 2000", pf.NumRows())
	}
	if !strings.Contains(stdout.String(), "draws.parquet") {
		t.Errorf("stdout does not list draws.parquet:\n%s", stdout.String())
	}
}

func TestScenarioBadFileExitsOne(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("name = \"x\"\nbase_year = 2014\nhorizon_years = 10\ndiscount = 0.035\niterations = 100\nseed = 1\nbaseline = \"a\"\n[inputs]\nu = { dist = \"uniform\", min = 5, max = 3 }\n[[options]]\nname = \"a\"\n  [[options.lines]]\n  name = \"l\"\n  kind = \"cost\"\n  category = \"capital\"\n  years = \"0-1\"\n  amount = \"u * nope\"\n"), 0o644)
	var stdout, stderr bytes.Buffer
	err := cmdScenario(context.Background(), &env{stdout: &stdout, stderr: &stderr}, []string{bad, "--out", filepath.Join(dir, "out")})
	if err == nil {
		t.Fatal("bad scenario accepted")
	}
	msg := err.Error()
	for _, want := range []string{"bad.toml:9", "inputs.u", "nope"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not mention %q: %v", want, msg)
		}
	}
	if exitCode(err, &stderr) != 1 {
		t.Errorf("exit code %d, want 1", exitCode(err, &stderr))
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a bad scenario left output behind")
	}
}
