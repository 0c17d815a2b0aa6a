package reports

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// With a threshold above some org-years' respondents, those org-years' survey figures are withheld
// everywhere: "[c]" in the league table and the spreadsheet, left out of the box plot and funnel.
func TestSuppression(t *testing.T) {
	r := hostileStudy(t)
	in := &Inputs{Study: r}
	f := newStudyFacts(r, "", nil, 1)
	// A threshold between the smallest and largest respondents of the latest year.
	lo, hi := int64(1<<62), int64(0)
	for i := range r.KPIs {
		if k := &r.KPIs[i]; k.Year == f.latestYear && k.Respondents > 0 {
			lo, hi = min(lo, k.Respondents), max(hi, k.Respondents)
		}
	}
	if hi <= lo {
		t.Fatalf("respondents do not vary (%d..%d)", lo, hi)
	}
	minGroup := int((lo + hi) / 2)
	out := t.TempDir()
	if _, err := Render(out, in, Options{MinGroup: minGroup}); err != nil {
		t.Fatal(err)
	}
	figs := pageFigures(t, filepath.Join(out, FileReport))
	x, err := excelize.OpenFile(filepath.Join(out, fileWorkbook))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(sheetBenchmarks)
	if err != nil {
		t.Fatal(err)
	}
	var small, shown int
	for i := range r.KPIs {
		k := &r.KPIs[i]
		if k.Respondents == 0 {
			continue
		}
		hidden := k.Respondents < int64(minGroup)
		if k.Year == f.latestYear {
			got := figs["kpi-"+k.OrgCode+"-satisfaction_mean"]
			switch {
			case hidden && got != suppressed:
				t.Errorf("%s (%d respondents): league table shows %q, want %s", k.OrgCode, k.Respondents, got, suppressed)
			case !hidden && got != formatPoints(k.SatisfactionMean.Value):
				t.Errorf("%s (%d respondents): league table shows %q", k.OrgCode, k.Respondents, got)
			}
		}
		// Benchmarks sheet: row i+2, satisfaction in F, the effective sample size is not a column.
		cell := rows[i+1][5]
		if hidden {
			small++
			if cell != suppressed {
				t.Errorf("xlsx %s %d: satisfaction %q, want %s", k.OrgCode, k.Year, cell, suppressed)
			}
		} else if cell == suppressed {
			t.Errorf("xlsx %s %d: satisfaction suppressed with %d respondents", k.OrgCode, k.Year, k.Respondents)
		} else {
			shown++
		}
	}
	if small == 0 || shown == 0 {
		t.Fatalf("threshold %d hid %d org-years and showed %d", minGroup, small, shown)
	}

	box := kpiBoxSpec(r, f.names, "satisfaction_mean", f.latestYear, "", minGroup, "")
	n := 0
	for _, g := range box.Series[0].Groups {
		n += len(g)
	}
	fun, _ := funnelSpec(r, f.names, "satisfaction_mean", f.latestYear, "", minGroup, "")
	pts := len(fun.ByRole("points").X) + len(fun.ByRole("outliers").X)
	var want int
	for i := range r.KPIs {
		if k := &r.KPIs[i]; k.Year == f.latestYear && k.Respondents >= int64(minGroup) {
			want++
		}
	}
	if n != want || pts != want {
		t.Errorf("box plot holds %d and funnel %d org-years, want the %d with at least %d respondents", n, pts, want, minGroup)
	}
	if len(box.Notes) == 0 || !strings.Contains(strings.Join(box.Notes, " "), "fewer than") {
		t.Errorf("box plot notes %q do not say what was left out", box.Notes)
	}
}
