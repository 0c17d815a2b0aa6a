package reports

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeDefaultWorkbook writes results.xlsx for the default study and the ready scenarios.
func writeDefaultWorkbook(t *testing.T) string {
	t.Helper()
	in := defaultInputs(t)
	f := newStudyFacts(in.Study, "", in.Scenarios, DefaultMinGroup)
	path, err := writeWorkbook(t.TempDir(), in, &f, DefaultMinGroup)
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// textNumbers lists the cells of a workbook that hold a number as text, or text behind an apostrophe:
// what a finance officer's SUM would skip or a reader would see as a stray quote.
func textNumbers(t *testing.T, x *excelize.File) (bad []string, numbers int) {
	t.Helper()
	for _, sheet := range x.GetSheetList() {
		rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				cell := cellName(c+1, r+1)
				typ, err := x.GetCellType(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				switch typ {
				case excelize.CellTypeNumber, excelize.CellTypeUnset:
					if _, err := strconv.ParseFloat(v, 64); err == nil {
						numbers++
					}
					continue
				case excelize.CellTypeBool:
					continue
				}
				if _, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					bad = append(bad, sheet+"!"+cell+" = "+strconv.Quote(v))
				}
				if strings.HasPrefix(v, "'") {
					bad = append(bad, sheet+"!"+cell+" starts with an apostrophe: "+strconv.Quote(v))
				}
			}
		}
	}
	return bad, numbers
}

// The workbook as a finance team would set it up, read back with excelize: numbers stored as
// numbers (relative years too), no apostrophes, p-values shown as < 0.001 or to three significant
// figures, money as £, parameters one to a column, labels with codes beside them, headers frozen,
// filters, widths, landscape A4 print one page wide with repeated headers, a Contents sheet with links.
func TestWorkbookForFinanceTeams(t *testing.T) {
	path := writeDefaultWorkbook(t)
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	bad, numbers := textNumbers(t, x)
	for _, b := range bad {
		t.Error("text where a number belongs: " + b)
	}
	if numbers < 1000 {
		t.Errorf("only %d numeric cells", numbers)
	}

	sheets := x.GetSheetList()
	if sheets[0] != sheetContents {
		t.Fatalf("first sheet %q, want %s", sheets[0], sheetContents)
	}
	// Contents links to every other sheet.
	linked := map[string]bool{}
	contents, _ := x.GetRows(sheetContents)
	for r := range contents {
		if ok, target, _ := x.GetCellHyperLink(sheetContents, cellName(1, r+1)); ok {
			linked[target] = true
		}
	}
	names := map[string]string{} // defined name → refers to, per scope
	for _, d := range x.GetDefinedName() {
		names[d.Scope+"|"+d.Name] = d.RefersTo
	}
	for _, s := range sheets {
		// Print setup on every sheet.
		pl, err := x.GetPageLayout(s)
		if err != nil {
			t.Fatal(err)
		}
		props, _ := x.GetSheetProps(s)
		if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
			pl.FitToHeight == nil || *pl.FitToHeight != 0 || pl.Size == nil || *pl.Size != 9 || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: print setup %+v, fit to page %v; want landscape A4, one page wide", s, pl, props.FitToPage)
		}
		if w, _ := x.GetColWidth(s, "A"); w < 8 || w > 62 {
			t.Errorf("%s: column A width %g", s, w)
		}
		if s == sheetContents {
			continue
		}
		if !linked["'"+s+"'!A1"] {
			t.Errorf("Contents has no link to %s", s)
		}
	}
	// Table sheets: frozen header, filter over the table, header repeated on each printed page.
	for _, s := range sheets {
		if !slices.Contains([]string{sheetBenchmarks, sheetEventStudy, sheetByYear}, s) && !strings.HasSuffix(s, " Inputs") && !strings.HasSuffix(s, " Cash flows") {
			continue
		}
		rows, _ := x.GetRows(s)
		head := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 2 }) + 1
		p, err := x.GetPanes(s)
		if err != nil || !p.Freeze || p.YSplit != head {
			t.Errorf("%s: panes %+v (%v), want frozen below row %d", s, p, err, head)
		}
		if ref := names[s+"|_xlnm._FilterDatabase"]; !strings.Contains(ref, "$A$"+itoa(head)+":") || !strings.HasSuffix(ref, "$"+itoa(len(rows))) {
			t.Errorf("%s: filter %q, want the table from row %d to %d", s, ref, head, len(rows))
		}
		if ref := names[s+"|_xlnm.Print_Titles"]; !strings.HasSuffix(ref, "!$"+itoa(head)+":$"+itoa(head)) {
			t.Errorf("%s: print titles %q, want row %d", s, ref, head)
		}
	}

	// The event study: relative years as numbers, the open-ended and reference years said in a note.
	ev, _ := x.GetRows(sheetEventStudy, excelize.Options{RawCellValue: true})
	notes := 0
	for r := 2; r < len(ev); r++ {
		if typ, _ := x.GetCellType(sheetEventStudy, cellName(1, r+1)); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s!A%d = %q is not a number", sheetEventStudy, r+1, ev[r][0])
		}
		if len(ev[r]) == 9 && ev[r][8] != "" {
			notes++
		}
	}
	if notes < 2 {
		t.Errorf("%d event-study rows carry a note, want the reference year and the open-ended bins", notes)
	}

	// p-values as they show: the formats, rendered by excelize's own formatter on known values.
	// 8.43e-152 is the "8.43E-152"; the others show three significant figures.
	st, err := newXLSXStyles(x)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.NewSheet("p"); err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct {
		p    float64
		want string
	}{{8.43e-152, "< 0.001"}, {0.000999, "< 0.001"}, {0.001, "0.00100"}, {0.00123456, "0.00123"}, {0.0123456, "0.0123"}, {0.123456, "0.123"}, {0.5, "0.500"}, {1, "1.000"}} {
		cell := cellName(1, i+1)
		if err := x.SetCellFloat("p", cell, c.p, -1, 64); err != nil {
			t.Fatal(err)
		}
		if err := x.SetCellStyle("p", cell, cell, st.pStyle(c.p)); err != nil {
			t.Fatal(err)
		}
		if got, _ := x.GetCellValue("p", cell); got != c.want {
			t.Errorf("p = %g shows %q, want %q", c.p, got, c.want)
		}
	}

	// Inputs of the metro borough scenario: parameters in their own columns, as the scenario file
	// writes them (uptake = pert 0.10 / 0.15 / 0.25; laptop_price = triangular 550 / 650 / 900, "£ per
	// corporate device" in its note, so shown as £).
	var inputs string
	for _, s := range sheets {
		if strings.HasSuffix(s, " Inputs") {
			if v, _ := x.GetCellValue(s, "A1"); v == "Input" {
				if rows, _ := x.GetRows(s); slices.ContainsFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "laptop_price" }) {
					inputs = s
				}
			}
		}
	}
	if inputs == "" {
		t.Fatal("no Inputs sheet with laptop_price")
	}
	rows, _ := x.GetRows(inputs, excelize.Options{RawCellValue: true})
	col := func(name string) int { return slices.Index(rows[0], name) }
	for _, c := range []struct {
		input, dist     string
		min, mode, max  string
		money           bool
		moneyFormatSeen string
	}{
		{"uptake", "pert", "0.15", "0.17", "0.25", false, ""},
		{"laptop_price", "triangular", "550", "650", "900", true, "£650"},
	} {
		r := slices.IndexFunc(rows, func(r []string) bool { return r[0] == c.input })
		row := rows[r]
		if row[col("Distribution")] != c.dist || row[col("Parameter: min")] != c.min || row[col("Parameter: mode")] != c.mode || row[col("Parameter: max")] != c.max {
			t.Errorf("%s row %v", c.input, row)
		}
		shown, _ := x.GetCellValue(inputs, cellName(col("Parameter: mode")+1, r+1))
		if c.money && shown != c.moneyFormatSeen {
			t.Errorf("%s mode shows %q, want %q", c.input, shown, c.moneyFormatSeen)
		}
		if (row[col("Unit")] == "£") != c.money {
			t.Errorf("%s unit %q", c.input, row[col("Unit")])
		}
	}

	// Labels, with the codes in their own column: the metro borough's options as the file labels them,
	// and the data contract's PSN statuses.
	for _, s := range sheets {
		if !strings.HasSuffix(s, " Cash flows") {
			continue
		}
		rows, _ := x.GetRows(s)
		code := slices.Index(rows[0], "Option code")
		for _, r := range rows[1:] {
			if r[code] == "withdraw_byod" && r[0] != "Withdraw BYOD and issue corporate devices" {
				t.Errorf("%s: withdraw_byod labelled %q", s, r[0])
			}
			if strings.Contains(r[0], "_") {
				t.Errorf("%s: option shown as its code %q", s, r[0])
			}
		}
	}
	bench, _ := x.GetRows(sheetBenchmarks)
	label, code := slices.Index(bench[0], "PSN status"), slices.Index(bench[0], "PSN status code")
	seen := 0
	for _, r := range bench[1:] {
		if len(r) <= code || r[code] == "" {
			continue
		}
		if !slices.Contains([]string{"not_connected", "pending", "compliant", "non_compliant"}, r[code]) || strings.Contains(r[label], "_") || r[label] == "" {
			t.Errorf("PSN status %q shown as %q", r[code], r[label])
		}
		seen++
	}
	if seen == 0 {
		t.Error("no PSN status in the Benchmarks sheet")
	}
}

// LibreOffice opens the workbook and, converting it headless, keeps every number a number: no cell
// that LibreOffice reads as text holds a number.
func TestWorkbookInLibreOffice(t *testing.T) {
	soffice := ""
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			soffice = p
			break
		}
	}
	if soffice == "" {
		t.Skip("LibreOffice not installed (Debian: apt-get install libreoffice-calc-nogui): the conversion check is skipped")
	}
	path := writeDefaultWorkbook(t)
	orig, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, want := textNumbers(t, orig)
	orig.Close()

	dir := t.TempDir()
	profile := "file://" + filepath.Join(t.TempDir(), "profile")
	cmd := exec.Command(soffice, "-env:UserInstallation="+profile, "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dir, path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	conv := filepath.Join(dir, filepath.Base(path))
	if _, err := os.Stat(conv); err != nil {
		t.Fatalf("LibreOffice wrote no file: %v", err)
	}
	x, err := excelize.OpenFile(conv)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	bad, got := textNumbers(t, x)
	for _, b := range bad {
		t.Error("after LibreOffice, text where a number belongs: " + b)
	}
	// LibreOffice writes back every numeric cell it read; p-value cells shown as "< 0.001" stay numbers.
	if got != want {
		t.Errorf("LibreOffice kept %d numeric cells of %d", got, want)
	}
	if s := x.GetSheetList(); len(s) != len(orig.GetSheetList()) || s[0] != sheetContents {
		t.Errorf("sheets after conversion: %v", s)
	}

	// Every sheet as LibreOffice shows it (CSV of the formatted cells, one file a sheet): the
	// restriction effect's p-value (of the order of 1e-150 on the default data) reads "< 0.001".
	csvDir := t.TempDir()
	cmd = exec.Command(soffice, "-env:UserInstallation="+profile, "--headless", "--norestore", "--convert-to",
		"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "--outdir", csvDir, path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	shown, err := os.ReadFile(filepath.Join(csvDir, "results-"+sheetEffect+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(shown), "p-value,< 0.001") || strings.Contains(string(shown), "E-") {
		t.Errorf("LibreOffice shows the effect sheet as:\n%s", shown)
	}
}
