package reports

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/analysis/effect"
	"github.com/xuri/excelize/v2"
)

// Every key figure in report.html, the business cases, results.xlsx and summary.md is the value in
// the result type it came from: formatted the same way in the documents, and stored exactly (to the
// last bit) in the spreadsheet.
func TestDocumentsShowTheComputedNumbers(t *testing.T) {
	in := defaultInputs(t)
	out := t.TempDir()
	if _, err := Render(out, in, Options{}); err != nil {
		t.Fatal(err)
	}
	e := in.Study.Effect
	if e == nil {
		t.Fatal("the default dataset should identify the effect")
	}

	// report.html
	figs := pageFigures(t, filepath.Join(out, FileReport))
	want := map[string]string{
		"effect-estimate":  formatPoints(e.Estimate),
		"effect-ci-low":    formatPoints(e.CILow),
		"effect-ci-high":   formatPoints(e.CIHigh),
		"effect-p":         formatP(e.PValue),
		"effect-boot-low":  formatPoints(*e.Bootstrap.CILow),
		"effect-boot-high": formatPoints(*e.Bootstrap.CIHigh),
		"effect-sentence":  effectSentence(e),
	}
	// One organisation's KPI: the first org-year of the latest survey year with enough respondents.
	f := newStudyFacts(in.Study, "", in.Scenarios, DefaultMinGroup)
	for i := range in.Study.KPIs {
		k := &in.Study.KPIs[i]
		if k.Year == f.latestYear && k.Respondents >= DefaultMinGroup {
			want["kpi-"+k.OrgCode+"-satisfaction_mean"] = formatPoints(k.SatisfactionMean.Value)
			break
		}
	}
	for key, w := range want {
		if got, ok := figs[key]; !ok || got != w {
			t.Errorf("report.html %s = %q, want %q", key, got, w)
		}
	}
	// The words match the direction and size of the interval: the default data plant a drop.
	if !strings.HasPrefix(figs["effect-sentence"], "Restricting BYOD lowered staff satisfaction with ICT by "+formatPoints(-e.Estimate)) {
		t.Errorf("headline = %q", figs["effect-sentence"])
	}

	// Business cases.
	for _, s := range in.Scenarios {
		figs := pageFigures(t, filepath.Join(ScenarioDir(out, s.Name), FileBusinessCase))
		for _, o := range s.Result.Options {
			for key, w := range map[string]string{
				"npsv-det-" + o.Name:      FormatMoney(o.Deterministic.NPSV),
				"npsv-det-noob-" + o.Name: FormatMoney(o.DeterministicWithoutOB.NPSV),
				"npsv-mean-" + o.Name:     FormatMoney(o.NPSV.Mean),
				"prob-best-" + o.Name:     formatPercent(o.ProbBest, 1),
				"bcr-" + o.Name:           formatRatio(o.Deterministic.BCR),
			} {
				if got := figs[key]; got != w {
					t.Errorf("%s business case %s = %q, want %q", s.Name, key, got, w)
				}
			}
		}
		if got, w := figs["preferred"], optionLabelOf(s.Result, s.Result.Preferred); got != w {
			t.Errorf("%s preferred = %q, want %q", s.Name, got, w)
		}
	}

	// results.xlsx: numbers stored as numbers, equal to the results bit for bit.
	x, err := excelize.OpenFile(filepath.Join(out, fileWorkbook))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(sheetEffect, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	cellFloat := func(sheet, cell string, want float64) {
		t.Helper()
		typ, err := x.GetCellType(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		v, err := x.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s!%s is of type %v, want a number", sheet, cell, typ)
		}
		if v != formatExact(want) {
			t.Errorf("%s!%s = %s, want %s", sheet, cell, v, formatExact(want))
		}
	}
	found := 0
	for i, r := range rows {
		cell := func(col string) string { return col + itoa(i+1) }
		if len(r) < 2 {
			continue
		}
		switch r[0] {
		case "Estimate (difference-in-differences)":
			cellFloat(sheetEffect, cell("B"), e.Estimate)
			found++
		case "95% CI low":
			cellFloat(sheetEffect, cell("B"), e.CILow)
			found++
		case "95% CI high":
			cellFloat(sheetEffect, cell("B"), e.CIHigh)
			found++
		}
	}
	if found != 3 {
		t.Errorf("found %d of the effect's 3 rows in %s", found, sheetEffect)
	}
	prefixes := sheetPrefixes(scenarioTitles(in.Scenarios))
	for i, s := range in.Scenarios {
		sheet := scenarioSheet(prefixes[i], "Summary")
		rows, err := x.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		head := -1
		for j, r := range rows {
			if len(r) > 1 && r[0] == "Option" && r[1] == "Expected NPSV" {
				head = j
			}
		}
		if head < 0 {
			t.Fatalf("%s: no options table", sheet)
		}
		for j, o := range s.Result.Options {
			row := itoa(head + 2 + j)
			cellFloat(sheet, "B"+row, o.ExpectedNPSV.Mean)
			cellFloat(sheet, "C"+row, o.ExpectedNPSV.SE)
			cellFloat(sheet, "D"+row, o.PBest.P)
			cellFloat(sheet, "E"+row, o.NPSVAtMeans)
			cellFloat(sheet, "H"+row, o.Deterministic.NPSV)
			cellFloat(sheet, "J"+row, o.DeterministicWithoutOB.NPSV)
			cellFloat(sheet, "M"+row, o.NPSV.Mean)
		}
		// Formats: money and percentages.
		if st, _ := x.GetCellStyle(sheet, "B"+itoa(head+2)); !hasNumFmt(t, x, st, "£#,##0") {
			t.Errorf("%s expected NPSV cell is not formatted as £", sheet)
		}
		if st, _ := x.GetCellStyle(sheet, "D"+itoa(head+2)); !hasNumFmt(t, x, st, "0.0%") {
			t.Errorf("%s P(best) cell is not formatted as %%", sheet)
		}
	}
	k := &in.Study.KPIs[0]
	cellFloat(sheetBenchmarks, "F2", k.SatisfactionMean.Value)
	cellFloat(sheetBenchmarks, "E2", float64(k.Respondents))

	// summary.md
	mdText, err := os.ReadFile(filepath.Join(out, fileSummaryMD))
	if err != nil {
		t.Fatal(err)
	}
	md := string(mdText)
	for _, w := range []string{
		"| Estimate (scale points) | " + formatPoints(e.Estimate) + " |",
		"| 95% CI | " + formatPoints(e.CILow) + " to " + formatPoints(e.CIHigh) + " |",
		effectSentence(e),
	} {
		if !strings.Contains(md, w) {
			t.Errorf("summary.md lacks %q", w)
		}
	}
	for _, s := range in.Scenarios {
		for _, o := range s.Result.Options {
			row := "| " + FormatMoney(o.ExpectedNPSV.Mean) + " | " + FormatMoney(o.ExpectedNPSV.SE) + " | " + formatPercent(o.PBest.P, 1) + " | " +
				FormatMoney(o.NPSVAtMeans) + " | " + FormatMoney(o.NPSVMostLikely) + " | " + formatRatio(o.Deterministic.BCR) + " | " +
				FormatMoney(o.ExpectedNPSVWithoutOB.Mean) + " |"
			if !strings.Contains(md, row) {
				t.Errorf("summary.md lacks the row of %s/%s: %q", s.Name, o.Name, row)
			}
		}
	}
}

// hasNumFmt reports whether a style's custom number format starts with prefix.
func hasNumFmt(t *testing.T, x *excelize.File, style int, prefix string) bool {
	t.Helper()
	st, err := x.GetStyle(style)
	if err != nil {
		t.Fatal(err)
	}
	return st.CustomNumFmt != nil && strings.HasPrefix(*st.CustomNumFmt, prefix)
}

// The trend chart's yearly group means are the effect's per-year means (both are unweighted means of
// org-year satisfaction), so the chart and the per-year table cannot disagree.
func TestTrendMatchesPerYear(t *testing.T) {
	in := defaultInputs(t)
	got := map[int32][2]float64{}
	for _, tp := range effect.GroupYears(trendRows(in.Study.KPIs)) {
		v := got[tp.Year]
		if tp.Restricted {
			v[1] = tp.Mean
		} else {
			v[0] = tp.Mean
		}
		got[tp.Year] = v
	}
	if len(in.Study.Effect.PerYear) == 0 {
		t.Fatal("no per-year comparisons")
	}
	for _, y := range in.Study.Effect.PerYear {
		v := got[y.Year]
		if math.Abs(v[0]-y.MeanUnrestricted) > 1e-12 || math.Abs(v[1]-y.MeanRestricted) > 1e-12 {
			t.Errorf("%d: trend means %v, per-year means %v and %v", y.Year, v, y.MeanUnrestricted, y.MeanRestricted)
		}
	}
}
