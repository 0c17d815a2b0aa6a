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
	"github.com/xuri/excelize/v2"
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

// Many scenarios in one --out: the same scenario twice in one run gets two folders, and every
// document tells the two apart by the scenario's name and then the folder; psnbyod report renders
// the scenarios of the latest run only, and every one with --all.
func TestManyScenariosInOneOutput(t *testing.T) {
	ctx := context.Background()
	out := t.TempDir()
	run := func(cmd func(context.Context, *env, []string) error, args ...string) {
		t.Helper()
		var stderr bytes.Buffer
		if err := cmd(ctx, &env{stdout: &bytes.Buffer{}, stderr: &stderr}, args); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr.String())
		}
	}
	read := func(path string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, path))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	const metro = "Metropolitan borough: keep BYOD under the PSN?"
	run(cmdScenario, "metro_borough_byod", "metro_borough_byod", "--iterations", "300", "--no-draws", "--out", out)
	for _, dir := range []string{"metro_borough_byod", "metro_borough_byod_2"} {
		page := read(filepath.Join("scenarios", dir, "business_case.html"))
		if want := "<h1>Business case: " + metro + " (" + dir + ")</h1>"; !strings.Contains(page, want) {
			t.Errorf("%s: no heading %q", dir, want)
		}
	}
	if got := read(filepath.Join("scenarios", "last_run.json")); !strings.Contains(got, `"metro_borough_byod_2"`) {
		t.Errorf("last_run.json = %s", got)
	}
	// A later run into the same folder, with a change: report shows it alone.
	run(cmdScenario, "district_compliance_timing", "--set", "plan_cost=6000", "--iterations", "300", "--no-draws", "--no-documents", "--out", out)
	run(cmdReport, "--out", out)
	md := read("summary.md")
	if !strings.Contains(md, "## Small district: comply now, agree a remediation plan, or delay?\n") || strings.Contains(md, "## "+metro) {
		t.Errorf("report without --all rendered other runs' scenarios:\n%s", md)
	}
	run(cmdReport, "--all", "--out", out)
	md = read("summary.md")
	// (Markdown escapes the underscores of the folder names.)
	for _, h := range []string{"## " + metro + ` (metro\_borough\_byod)` + "\n", "## " + metro + ` (metro\_borough\_byod\_2)` + "\n", "## Small district: comply now, agree a remediation plan, or delay?\n"} {
		if strings.Count(md, h) != 1 {
			t.Errorf("summary.md has %d sections %q", strings.Count(md, h), h)
		}
	}
	x, err := excelize.OpenFile(filepath.Join(out, "results.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheets := strings.Join(x.GetSheetList(), "|")
	for _, s := range []string{"Metropolitan borough Summary", "Metropolitan 2 Summary", "Small district Summary", "Small district Cash flows"} {
		if !strings.Contains("|"+sheets+"|", "|"+s+"|") {
			t.Errorf("no sheet %q in %s", s, sheets)
		}
	}
}
