package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Names from input files are data, never markup or formulas: an organisation named like an HTML tag
// and one named like a spreadsheet formula go through the whole run, and come out escaped in the
// HTML and as plain text in the CSV and XLSX outputs.
func TestRunEscapesHostileNames(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole run on a generated dataset (a few seconds)")
	}
	const (
		tag     = `<script>alert("pwned")</script><img src=x onerror=alert(1)>`
		formula = `=HYPERLINK("http://evil.example","click")`
	)
	data := generateTiny(t)
	path := filepath.Join(data, "organisations.csv")
	recs := readCSV(t, path)
	recs[1][1], recs[2][1] = tag, formula // name is the second column the generator writes
	var b strings.Builder
	for _, r := range recs {
		for i, v := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + strings.ReplaceAll(v, `"`, `""`) + `"`)
		}
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, stderr, code := runCmd(t, "run", "--data", data, "--out", out, "--replications", "49", "--min-group", "1"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}

	// HTML and Markdown: the tag never appears as markup.
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := filepath.Ext(p); ext != ".html" && ext != ".svg" && ext != ".md" {
			return nil
		}
		text, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(text), "<script>alert") || strings.Contains(string(text), "<img src=x") {
			t.Errorf("%s holds the organisation's name as live markup", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	report, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(report), "&lt;script&gt;alert(") {
		t.Error("report.html does not show the tag-like name, escaped")
	}

	// CSV: the formula-like name is defused with a leading quote.
	found := false
	for _, r := range readCSV(t, filepath.Join(out, "benchmarks.csv")) {
		if r[1] == "'"+formula {
			found = true
		}
		if r[1] == formula {
			t.Fatal("benchmarks.csv holds the formula-like name as a live formula")
		}
	}
	if !found {
		t.Error("benchmarks.csv does not hold the formula-like name as text")
	}

	// XLSX: no cell is a formula, and the name is there as a string.
	f, err := excelize.OpenFile(filepath.Join(out, "results.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := false
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j, v := range row {
				if !strings.Contains(v, "HYPERLINK") {
					continue
				}
				seen = true
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
					t.Errorf("%s!%s is a formula: %q", sheet, cell, fm)
				}
			}
		}
	}
	if !seen {
		t.Error("results.xlsx does not hold the formula-like name at all")
	}
}
