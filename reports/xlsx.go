package reports

// The spreadsheet, out/results.xlsx, for the finance officer who checks the numbers: benchmarks,
// the restriction effect and, per scenario, the inputs, cash flows and summary. Numbers are stored
// as numbers at full precision with display formats (£, %, scale points); text from input files
// goes through resultfile.SafeCell, so nothing in a cell starts a formula even when edited.

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/datasets/resultfile"
)

// FileWorkbook is the spreadsheet's name in the output folder.
const FileWorkbook = "results.xlsx"

// Sheet names that do not depend on the scenarios.
const (
	SheetContents   = "Contents"
	SheetBenchmarks = "Benchmarks"
	SheetEffect     = "Restriction effect"
)

// scenarioSheet names a scenario's sheet: "S1 Inputs". Scenario names can be longer than the 31
// characters a sheet name may have, so sheets are numbered and the Contents sheet says which is which.
func scenarioSheet(i int, part string) string { return fmt.Sprintf("S%d %s", i+1, part) }

// xlsxStyles are the workbook's cell styles.
type xlsxStyles struct {
	header, title, money, money2, percent, points, number, integer, general, ratio int
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	custom := func(format string) *excelize.Style { return &excelize.Style{CustomNumFmt: &format} }
	defs := []struct {
		dst   *int
		style *excelize.Style
	}{
		{&s.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8E8E8"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.money, custom(`£#,##0;-£#,##0`)},
		{&s.money2, custom(`£#,##0.00;-£#,##0.00`)},
		{&s.percent, custom(`0.0%`)},
		{&s.points, custom(`0.00`)},
		{&s.number, custom(`#,##0.####`)},
		{&s.integer, custom(`#,##0`)},
		{&s.general, &excelize.Style{}},
		{&s.ratio, custom(`0.000`)},
	}
	for _, d := range defs {
		id, err := f.NewStyle(d.style)
		if err != nil {
			return s, err
		}
		*d.dst = id
	}
	return s, nil
}

// cell constructors for the stream writer.
func xText(s string) excelize.Cell { return excelize.Cell{Value: resultfile.SafeCell(s)} }
func xNum(v float64, style int) excelize.Cell {
	if !finite(v) {
		return excelize.Cell{}
	}
	return excelize.Cell{Value: v, StyleID: style}
}
func xOpt(o benchmark.Opt, style int) excelize.Cell {
	if !o.Valid {
		return excelize.Cell{}
	}
	return xNum(o.Value, style)
}
func xPtr(p *float64, style int) excelize.Cell {
	if p == nil {
		return excelize.Cell{}
	}
	return xNum(*p, style)
}
func xHead(st xlsxStyles, names ...string) []any {
	row := make([]any, len(names))
	for i, n := range names {
		row[i] = excelize.Cell{Value: n, StyleID: st.header}
	}
	return row
}

// sheetWriter writes rows into one sheet, top to bottom. It does not use excelize's stream writer:
// that rounds every number to Excel's 15 significant digits on the way out, and the workbook must
// hold the computed values exactly.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	row   int
}

func newSheet(f *excelize.File, name string, widths ...float64) (*sheetWriter, error) {
	if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	for i, w := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return nil, err
		}
		if err := f.SetColWidth(name, col, col, w); err != nil {
			return nil, err
		}
	}
	return &sheetWriter{f: f, sheet: name, row: 1}, nil
}

// add writes a row of excelize.Cell values; nil values and empty cells are left blank.
func (w *sheetWriter) add(values ...any) error {
	defer func() { w.row++ }()
	for i, v := range values {
		c, ok := v.(excelize.Cell)
		if !ok || c.Value == nil {
			continue
		}
		cell, err := excelize.CoordinatesToCellName(i+1, w.row)
		if err != nil {
			return err
		}
		switch x := c.Value.(type) {
		case float64:
			// The shortest decimal that reads back to the same float64, as that many decimals.
			s := strconv.FormatFloat(x, 'f', -1, 64)
			prec := 0
			if dot := strings.IndexByte(s, '.'); dot >= 0 {
				prec = len(s) - dot - 1
			}
			err = w.f.SetCellFloat(w.sheet, cell, x, prec, 64)
		case string:
			err = w.f.SetCellStr(w.sheet, cell, x)
		case bool:
			err = w.f.SetCellBool(w.sheet, cell, x)
		default:
			err = fmt.Errorf("xlsx: unexpected value %T", x)
		}
		if err == nil && c.StyleID != 0 {
			err = w.f.SetCellStyle(w.sheet, cell, cell, c.StyleID)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// flush finishes the sheet (nothing to do: cells are written as they are added).
func (w *sheetWriter) flush() error { return nil }

// writeWorkbook writes results.xlsx into out.
func writeWorkbook(out string, in *Inputs, f *studyFacts, minGroup int) (string, error) {
	x := excelize.NewFile()
	defer x.Close()
	st, err := newXLSXStyles(x)
	if err != nil {
		return "", err
	}
	if err := x.SetSheetName("Sheet1", SheetContents); err != nil {
		return "", err
	}
	if err := writeContentsSheet(x, st, in, minGroup); err != nil {
		return "", err
	}
	if in.Study != nil {
		if err := writeBenchmarksSheet(x, st, in, f, minGroup); err != nil {
			return "", err
		}
		if err := writeEffectSheet(x, st, in, minGroup); err != nil {
			return "", err
		}
	}
	for i := range in.Scenarios {
		if err := writeScenarioSheets(x, st, i, &in.Scenarios[i]); err != nil {
			return "", err
		}
	}
	path := filepath.Join(out, FileWorkbook)
	err = resultfile.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := x.WriteTo(w)
		return err
	})
	return path, err
}

func writeContentsSheet(x *excelize.File, st xlsxStyles, in *Inputs, minGroup int) error {
	w, err := newSheet(x, SheetContents, 22, 100)
	if err != nil {
		return err
	}
	rows := [][]any{
		{excelize.Cell{Value: "psnbyod results", StyleID: st.title}},
	}
	if in.synthetic() {
		rows = append(rows, []any{xText("SYNTHETIC DATA"), xText("No figure in this workbook describes a real council.")})
	}
	if in.Study != nil {
		rows = append(rows, []any{xText("Dataset"), xText(in.Study.Summary.Dataset)})
		if in.Study.SyntheticNote != "" {
			rows = append(rows, []any{xText("Note"), xText(in.Study.SyntheticNote)})
		}
	}
	rows = append(rows,
		[]any{xText("Suppression"), xText(fmt.Sprintf("[c] marks a survey figure suppressed because it rests on fewer than %d respondents.", minGroup))},
		[]any{xText("Numbers"), xText("Cells hold the computed values at full precision; formats only round the display. Money is £ in real terms at each scenario's base-year prices.")},
		nil,
		xHead(st, "Sheet", "Contents"))
	if in.Study != nil {
		rows = append(rows,
			[]any{xText(SheetBenchmarks), xText("One row per organisation and year: the KPIs of the benchmarking study.")},
			[]any{xText(SheetEffect), xText("The effect of restricting BYOD on satisfaction, the event study and the year-by-year comparison.")})
	}
	for i, s := range in.Scenarios {
		title := s.Info.Title
		if title == "" {
			title = s.Result.Scenario
		}
		for _, part := range []string{"Summary", "Inputs", "Cash flows"} {
			rows = append(rows, []any{xText(scenarioSheet(i, part)), xText(fmt.Sprintf("%s: %s (scenario %s)", part, title, s.Name))})
		}
	}
	for _, r := range rows {
		if err := w.add(r...); err != nil {
			return err
		}
	}
	return w.flush()
}

// benchmarkColumns are the Benchmarks sheet's KPI columns and their formats.
var benchmarkColumns = []struct {
	kpi, head string
	format    func(xlsxStyles) int
}{
	{"satisfaction_mean", "Satisfaction mean (1–7)", func(s xlsxStyles) int { return s.points }},
	{"satisfaction_se", "Satisfaction SE", func(s xlsxStyles) int { return s.ratio }},
	{"satisfied_share", "Satisfied (5–7)", func(s xlsxStyles) int { return s.percent }},
	{"byod_share", "Respondents using BYOD", func(s xlsxStyles) int { return s.percent }},
	{"remote_access_mean", "Remote access satisfaction (1–7)", func(s xlsxStyles) int { return s.points }},
	{"device_satisfaction_mean", "Device satisfaction (1–7)", func(s xlsxStyles) int { return s.points }},
	{"byod_uptake", "BYOD take-up", func(s xlsxStyles) int { return s.percent }},
	{"devices_per_employee", "Corporate devices per employee", func(s xlsxStyles) int { return s.points }},
	{"network_spend_per_site", "Network spend per site (£)", func(s xlsxStyles) int { return s.money }},
	{"network_spend_per_employee", "Network spend per employee (£)", func(s xlsxStyles) int { return s.money2 }},
	{"compliance_spend_per_employee", "Compliance spend per employee (£)", func(s xlsxStyles) int { return s.money2 }},
}

func writeBenchmarksSheet(x *excelize.File, st xlsxStyles, in *Inputs, f *studyFacts, minGroup int) error {
	widths := []float64{11, 34, 7, 16, 12}
	for range benchmarkColumns {
		widths = append(widths, 14)
	}
	widths = append(widths, 14, 11, 11)
	w, err := newSheet(x, SheetBenchmarks, widths...)
	if err != nil {
		return err
	}
	head := []string{"Org code", "Organisation", "Year", "Peer group", "Respondents"}
	for _, c := range benchmarkColumns {
		head = append(head, c.head)
	}
	head = append(head, "PSN status", "BYOD restricted", "Sample ≥ 100")
	if err := w.add(xHead(st, head...)...); err != nil {
		return err
	}
	for i := range in.Study.KPIs {
		k := &in.Study.KPIs[i]
		row := []any{xText(k.OrgCode), xText(f.names[k.OrgCode]), xNum(float64(k.Year), st.general), xText(k.PeerGroup), xNum(float64(k.Respondents), st.integer)}
		for _, c := range benchmarkColumns {
			switch v := kpiValue(k, c.kpi); {
			case v.Valid && withheld(k, c.kpi, minGroup):
				row = append(row, xText(Suppressed))
			default:
				row = append(row, xOpt(v, c.format(st)))
			}
		}
		row = append(row, xText(k.PSNStatus))
		if k.BYODRestricted != nil {
			row = append(row, excelize.Cell{Value: *k.BYODRestricted})
		} else {
			row = append(row, nil)
		}
		row = append(row, excelize.Cell{Value: k.SampleOK})
		if err := w.add(row...); err != nil {
			return err
		}
	}
	return w.flush()
}

func writeEffectSheet(x *excelize.File, st xlsxStyles, in *Inputs, minGroup int) error {
	w, err := newSheet(x, SheetEffect, 44, 16, 16, 16, 16, 16, 14, 14)
	if err != nil {
		return err
	}
	r := in.Study
	e := r.Effect
	if e == nil {
		if err := w.add(xText("Not estimated"), xText(r.EffectUnavailable)); err != nil {
			return err
		}
		return w.flush()
	}
	rows := [][]any{
		{excelize.Cell{Value: "Effect of restricting BYOD on user satisfaction (scale points, 1–7)", StyleID: st.title}},
		{xText(EffectSentence(e))},
		nil,
		xHead(st, "Figure", "Value"),
		{xText("Estimate (difference-in-differences)"), xNum(e.Estimate, st.ratio)},
		{xText("Standard error (organisation-clustered)"), xNum(e.StdError, st.ratio)},
		{xText("95% CI low"), xNum(e.CILow, st.ratio)},
		{xText("95% CI high"), xNum(e.CIHigh, st.ratio)},
		{xText("p-value"), xNum(e.PValue, st.general)},
		{xText("Degrees of freedom"), xNum(float64(e.DF), st.integer)},
		{xText("Organisations (clusters)"), xNum(float64(e.Clusters), st.integer)},
		{xText("Org-years (observations)"), xNum(float64(e.Observations), st.integer)},
		{xText("Organisations ever restricted"), xNum(float64(e.TreatedClusters), st.integer)},
		{xText("Restricted org-years"), xNum(float64(e.TreatedObservations), st.integer)},
		{xText("Bootstrap 95% CI low"), xPtr(e.Bootstrap.CILow, st.ratio)},
		{xText("Bootstrap 95% CI high"), xPtr(e.Bootstrap.CIHigh, st.ratio)},
		{xText("Bootstrap replications"), xNum(float64(e.Bootstrap.Replications), st.integer)},
		nil,
		{excelize.Cell{Value: "Event study: effect by year relative to first restriction", StyleID: st.title}},
		xHead(st, "Relative year", "Estimate", "95% CI low", "95% CI high", "Std. error", "p-value", "Org-years", "Organisations"),
	}
	for _, ev := range e.EventStudy {
		label := fmt.Sprint(ev.RelativeYear)
		if ev.Reference {
			label += " (reference)"
		} else if ev.OpenEnded {
			label += " (and beyond)"
		}
		rows = append(rows, []any{xText(label), xNum(ev.Estimate, st.ratio), xNum(ev.CILow, st.ratio), xNum(ev.CIHigh, st.ratio),
			xNum(ev.StdError, st.ratio), xNum(ev.PValue, st.general), xNum(float64(ev.Observations), st.integer), xNum(float64(ev.Organisations), st.integer)})
	}
	rows = append(rows, nil, []any{excelize.Cell{Value: "Restricted against unrestricted organisations, year by year", StyleID: st.title}},
		xHead(st, "Year", "Restricted org-years", "Unrestricted org-years", "Mean, restricted", "Mean, unrestricted", "Difference", "Welch p", "Respondents"))
	for _, y := range e.PerYear {
		row := []any{xNum(float64(y.Year), st.general), xNum(float64(y.NRestricted), st.integer), xNum(float64(y.NUnrestricted), st.integer)}
		if y.RespondentsRestricted < int64(minGroup) || y.RespondentsUnrestricted < int64(minGroup) {
			row = append(row, xText(Suppressed), xText(Suppressed), xText(Suppressed), xText(Suppressed))
		} else {
			row = append(row, xNum(y.MeanRestricted, st.points), xNum(y.MeanUnrestricted, st.points), xNum(y.Difference, st.points), xPtr(y.WelchP, st.general))
		}
		row = append(row, xNum(float64(y.RespondentsRestricted+y.RespondentsUnrestricted), st.integer))
		rows = append(rows, row)
	}
	for _, r := range rows {
		if err := w.add(r...); err != nil {
			return err
		}
	}
	return w.flush()
}

func writeScenarioSheets(x *excelize.File, st xlsxStyles, i int, s *ScenarioResult) error {
	r := s.Result
	// Summary.
	w, err := newSheet(x, scenarioSheet(i, "Summary"), 40, 16, 16, 16, 10, 16, 10, 16, 16, 16, 16, 16, 16, 16, 16, 12, 12)
	if err != nil {
		return err
	}
	rows := [][]any{
		{excelize.Cell{Value: resultfile.SafeCell(s.Info.Title), StyleID: st.title}},
		{xText("Scenario file"), xText(r.File)},
		{xText("Prices"), xText(fmt.Sprintf("real terms, %d prices", r.BaseYear))},
		{xText("Discounting"), xText(discountText(r.Discount))},
		{xText("Optimism bias, capital"), xNum(r.OptimismBias.Capital, st.percent)},
		{xText("Optimism bias, operating"), xNum(r.OptimismBias.Operating, st.percent)},
		{xText("Monte Carlo draws"), xNum(float64(r.Iterations), st.integer)},
		{xText("Preferred option"), xText(r.Preferred)},
		nil,
		xHead(st, "Option", "PV costs", "PV benefits", "NPSV", "BCR", "NPSV without optimism bias", "BCR without optimism bias",
			"Excel NPV()", "Mean NPSV (draws)", "SD", "P5", "P10", "Median", "P90", "P95", "P(NPSV > 0)", "P(best)"),
	}
	for _, o := range r.Options {
		d := o.Deterministic
		rows = append(rows, []any{xText(optionName(&o)), xNum(d.PVCosts, st.money), xNum(d.PVBenefits, st.money), xNum(d.NPSV, st.money),
			xPtr(d.BCR, st.points), xNum(o.DeterministicWithoutOB.NPSV, st.money), xPtr(o.DeterministicWithoutOB.BCR, st.points),
			xNum(d.ExcelNPV, st.money), xNum(o.NPSV.Mean, st.money), xNum(o.NPSV.SD, st.money), xNum(o.NPSV.P5, st.money),
			xNum(o.NPSV.P10, st.money), xNum(o.NPSV.P50, st.money), xNum(o.NPSV.P90, st.money), xNum(o.NPSV.P95, st.money),
			xNum(o.ProbPositive, st.percent), xNum(o.ProbBest, st.percent)})
	}
	if len(r.Incremental) > 0 {
		rows = append(rows, nil, xHead(st, "Against the baseline", "Incremental NPSV", "Without optimism bias", "Excel NPV()", "Mean (draws)", "P(better)"))
		for _, inc := range r.Incremental {
			rows = append(rows, []any{xText(inc.Option + " vs " + inc.Against), xNum(inc.NPSV, st.money), xNum(inc.NPSVWithoutOB, st.money),
				xNum(inc.ExcelNPV, st.money), xNum(inc.Monte.Mean, st.money), xNum(inc.Monte.ProbBetter, st.percent)})
		}
	}
	rows = append(rows, nil, xHead(st, "Switching values: input", "Base", "Range low", "Range high", "Switches at", "Preferred below", "Preferred above"))
	for _, sv := range r.SwitchingValues {
		if len(sv.Switches) == 0 {
			rows = append(rows, []any{xText(sv.Input), xNum(sv.Base, st.number), xNum(sv.RangeLow, st.number), xNum(sv.RangeHigh, st.number), xText(sv.Note)})
		}
		for _, sw := range sv.Switches {
			rows = append(rows, []any{xText(sv.Input), xNum(sv.Base, st.number), xNum(sv.RangeLow, st.number), xNum(sv.RangeHigh, st.number),
				xNum(sw.Value, st.number), xText(sw.Below), xText(sw.Above)})
		}
	}
	for _, r := range rows {
		if err := w.add(r...); err != nil {
			return err
		}
	}
	if err := w.flush(); err != nil {
		return err
	}

	// Inputs.
	if w, err = newSheet(x, scenarioSheet(i, "Inputs"), 24, 14, 40, 14, 14, 14, 14, 70); err != nil {
		return err
	}
	if err := w.add(xHead(st, "Input", "Distribution", "Parameters", "Base", "Mean", "P10", "P90", "Source")...); err != nil {
		return err
	}
	for _, in := range r.Inputs {
		src := in.Source
		if src == "" {
			src = s.Info.InputNotes[in.Name]
		}
		if err := w.add(xText(in.Name), xText(in.Distribution), xText(distText(in)), xNum(in.Base, st.number), xNum(in.Mean, st.number),
			xNum(in.P10, st.number), xNum(in.P90, st.number), xText(src)); err != nil {
			return err
		}
	}
	if err := w.flush(); err != nil {
		return err
	}

	// Cash flows.
	if w, err = newSheet(x, scenarioSheet(i, "Cash flows"), 22, 6, 9, 36, 9, 11, 14, 10, 14, 10, 16); err != nil {
		return err
	}
	if err := w.add(xHead(st, "Option", "Year", "Calendar year", "Line", "Kind", "Category", "Amount (£)", "Discount factor",
		"Present value (£)", "Optimism bias factor", "PV with optimism bias (£)")...); err != nil {
		return err
	}
	for _, c := range r.CashFlows {
		if err := w.add(xText(c.Option), xNum(float64(c.Year), st.general), xNum(float64(c.CalendarYear), st.general), xText(c.Line),
			xText(string(c.Kind)), xText(c.Category), xNum(c.Amount, st.money), xNum(c.DiscountFactor, st.ratio),
			xNum(c.PresentValue, st.money), xNum(c.Uplift, st.ratio), xNum(c.PresentValueWithUplift, st.money)); err != nil {
			return err
		}
	}
	return w.flush()
}
