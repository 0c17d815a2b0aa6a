package reports

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/resultfile"
	"github.com/psnbyod/psnbyod/datasets/synth"
)

// Names from input files that look like HTML or like a spreadsheet formula.
const (
	tagName     = `<script>alert("pwned")</script><img src=x onerror=alert(1)>`
	formulaName = `=HYPERLINK("http://evil.example/","click")`
)

// hostileStudy generates a small synthetic dataset, renames its first two organisations to the
// hostile names in organisations.csv, and runs the study on it.
func hostileStudy(t *testing.T) *study.Result {
	t.Helper()
	base, err := datasets.ReadOrganisations(datasets.Default(), 0)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg := synth.Config{Orgs: 30, FirstYear: 2012, LastYear: 2015, RespondentsPerOrg: 40, Seed: 9, Format: resultfile.FormatCSV}
	if _, err := synth.Generate(context.Background(), base, cfg, dir); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "organisations.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	name := -1
	for j, h := range recs[0] {
		if h == "name" {
			name = j
		}
	}
	recs[1][name], recs[2][name] = tagName, formulaName
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(out)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	out.Close()
	d, err := datasets.Open(os.DirFS(dir), dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := study.Run(context.Background(), d, study.Options{Replications: 19, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Organisations[0].Name != tagName || r.Organisations[1].Name != formulaName {
		t.Fatalf("the hostile names did not survive reading: %q, %q", r.Organisations[0].Name, r.Organisations[1].Name)
	}
	return r
}

// An organisation named like an HTML tag is escaped in every HTML output and in the charts' SVG, and
// one named like a formula is plain text in the spreadsheet and inert in the Markdown.
func TestHostileNames(t *testing.T) {
	r := hostileStudy(t)
	sc := runScenarioFile(t, "hostile.toml", []byte(hostileScenario(r.Organisations[0].Code)), 500)
	in := &Inputs{Study: r, Scenarios: []ScenarioResult{sc}}
	out := t.TempDir()
	written, err := Render(out, in, Options{Highlight: r.Organisations[0].Code})
	if err != nil {
		t.Fatal(err)
	}
	escaped := 0
	for _, path := range written {
		ext := filepath.Ext(path)
		if ext != ".html" && ext != ".svg" && ext != ".md" {
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		// The documents carry scripts of their own (report.html's explorer), so look for the name's
		// own tags, which must only ever appear escaped.
		for _, bad := range []string{"<script>alert", "<img src=x", "onerror=alert(1)>"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q unescaped", path, bad)
			}
		}
		if strings.Contains(s, "&lt;script&gt;") || strings.Contains(s, "&lt;script") {
			escaped++
		}
	}
	// The name appears (escaped) in report.html, the business case, the neighbours and box charts
	// and the Markdown: at least those five files.
	t.Logf("escaped name in %d files; ", escaped)
	if escaped < 5 {
		t.Errorf("the escaped name appears in %d files, want at least 5", escaped)
	}

	x, err := excelize.OpenFile(filepath.Join(out, fileWorkbook))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(sheetBenchmarks)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for i, row := range rows {
		if len(row) < 2 || !strings.Contains(row[1], "HYPERLINK") {
			continue
		}
		cell := "B" + itoa(i+1)
		if formula, err := x.GetCellFormula(sheetBenchmarks, cell); err != nil || formula != "" {
			t.Errorf("%s has formula %q (err %v)", cell, formula, err)
		}
		typ, err := x.GetCellType(sheetBenchmarks, cell)
		if err != nil || (typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString) {
			t.Errorf("%s has type %v (err %v), want a string", cell, typ, err)
		}
		// The name as it is, no apostrophe, in the Text number format: a spreadsheet keeps an edited
		// Text cell as text, so the formula never runs.
		if row[1] != formulaName || !textFormat(t, x, sheetBenchmarks, cell) {
			t.Errorf("%s = %q, want the name as written in a Text-format cell", cell, row[1])
		}
		checked++
	}
	t.Logf("%d formula-like cells checked", checked)
	if checked == 0 {
		t.Error("the formula-like name is not in the Benchmarks sheet")
	}
	// Scenario text from the file is defused too.
	sum, err := x.GetRows(scenarioSheet(sheetPrefixes(scenarioTitles(in.Scenarios))[0], "Inputs"))
	if err != nil {
		t.Fatal(err)
	}
	last := sum[len(sum)-1]
	if src := last[len(last)-1]; !strings.HasPrefix(src, "=cmd") || !textFormat(t, x, scenarioSheet(sheetPrefixes(scenarioTitles(in.Scenarios))[0], "Inputs"), cellName(len(last), len(sum))) {
		t.Errorf("the formula-like source note is not kept as text: %q", last)
	}

	md, err := os.ReadFile(filepath.Join(out, fileSummaryMD))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(md), "<script") || !strings.Contains(string(md), "&lt;script&gt;") {
		t.Errorf("summary.md does not escape the name")
	}
}

// hostileScenario is a scenario naming org whose labels and notes are hostile too.
func hostileScenario(org string) string {
	return `name = "<b>bold</b> case"
description = "<script>alert(2)</script>"
organisation = "` + org + `"
base_year = 2014
horizon_years = 3
iterations = 500
seed = 3

[inputs]
cost = { dist = "triangular", min = 80, mode = 100, max = 150 }
saving = { dist = "uniform", min = 50, max = 200 }   # =cmd|' /C calc'!A0

[[options]]
name = "do_nothing"
label = "<i>Do nothing</i>"
  [[options.lines]]
  name = "=SUM(A1:A9)"
  kind = "cost"
  category = "operating"
  years = "0-2"
  amount = "cost"

[[options]]
name = "act"
label = "@act now"
  [[options.lines]]
  name = "saving"
  kind = "benefit"
  years = "0-2"
  amount = "saving"
`
}

// textFormat reports whether a cell has the Text number format (49, "@").
func textFormat(t *testing.T, x *excelize.File, sheet, cell string) bool {
	t.Helper()
	id, err := x.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := x.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.NumFmt == 49
}

// cellName is the A1 name of a 1-based column and row.
func cellName(col, row int) string {
	n, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return n
}
