package reports

// The spreadsheet, out/results.xlsx, for the finance officer who checks the numbers: benchmarks,
// the restriction effect and, per scenario, the inputs, cash flows and summary. Numbers are stored
// as numbers at full precision with display formats (£, %, scale points, p-values); text is stored as
// written, and text that would read as a formula when edited is in Text format rather than behind an
// apostrophe. Every table sheet has its header frozen and a filter; every sheet prints landscape on
// A4, one page wide; the Contents sheet links to each sheet.

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/datasets/resultfile"
)

// fileWorkbook is the spreadsheet's name in the output folder.
const fileWorkbook = "results.xlsx"

// Sheet names that do not depend on the scenarios.
const (
	sheetContents   = "Contents"
	sheetBenchmarks = "Benchmarks"
	sheetEffect     = "Restriction effect"
)

// scenarioSheet names a scenario's sheet: "Metropolitan borough Inputs", the prefix being the start
// of the scenario's title (sheetPrefixes); the Contents sheet gives each sheet's full title.
func scenarioSheet(prefix, part string) string { return prefix + " " + part }

// xlsxStyles are the workbook's cell styles.
type xlsxStyles struct {
	header, title, titleText, text, link, money, money2, percent, points, number, integer, general, ratio int
	// pLow, p3, p4 and p5 show a p-value as "< 0.001" or to three significant figures; the cell keeps the
	// exact value.
	pLow, p3, p4, p5 int
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	custom := func(format string) *excelize.Style { return &excelize.Style{CustomNumFmt: &format} }
	const textFmt = 49 // "@": the cell is text, and stays text when edited (so "=..." never becomes a formula)
	defs := []struct {
		dst   *int
		style *excelize.Style
	}{
		{&s.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8E8E8"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, NumFmt: textFmt}},
		{&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.titleText, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, NumFmt: textFmt}},
		{&s.text, &excelize.Style{NumFmt: textFmt}},
		{&s.link, &excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, NumFmt: textFmt}},
		{&s.money, custom(`£#,##0;-£#,##0`)},
		{&s.money2, custom(`£#,##0.00;-£#,##0.00`)},
		{&s.percent, custom(`0.0%`)},
		{&s.points, custom(`0.00`)},
		{&s.number, custom(`#,##0.###`)},
		{&s.integer, custom(`#,##0`)},
		{&s.general, &excelize.Style{}},
		{&s.ratio, custom(`0.000`)},
		{&s.pLow, custom(`\<\ \0\.\0\0\1`)}, // "< 0.001", each character escaped: some readers mangle a quoted "."
		{&s.p3, custom(`0.000`)},
		{&s.p4, custom(`0.0000`)},
		{&s.p5, custom(`0.00000`)},
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

// pStyle is the style that shows p as journals do: "< 0.001" below 0.001, else three significant
// figures (0.0123, 0.123).
func (s xlsxStyles) pStyle(p float64) int {
	switch {
	case p < 0.001:
		return s.pLow
	case p < 0.01:
		return s.p5
	case p < 0.1:
		return s.p4
	}
	return s.p3
}

// cell constructors. Text is written as it is: a cell that would read as a formula when edited gets
// the Text number format instead of an apostrophe (sheetWriter.add).
func xText(s string) excelize.Cell { return excelize.Cell{Value: s} }
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

// xAmount is a cell for a figure of no fixed unit (a scenario input, a switching value): whole
// numbers from 100 up, else up to three decimals.
func xAmount(st xlsxStyles, v float64) excelize.Cell {
	if math.Abs(v) >= 100 {
		return xNum(v, st.integer)
	}
	return xNum(v, st.number)
}

// xP is a p-value cell (nil when there is none).
func xP(st xlsxStyles, p *float64) excelize.Cell {
	if p == nil || !finite(*p) {
		return excelize.Cell{}
	}
	return xNum(*p, st.pStyle(*p))
}

// formulaLike reports whether a spreadsheet would read text typed into a cell as a formula.
func formulaLike(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

// workbook is the file being written and the Contents sheet's list of the sheets after it.
type workbook struct {
	f        *excelize.File
	st       xlsxStyles
	contents [][2]string // sheet, what it holds
}

// sheetWriter writes rows into one sheet, top to bottom, and on finish sets what makes a table
// usable and printable: frozen header, filter, column widths, landscape A4 one page wide with the
// header repeated on every page. It does not use excelize's stream writer: that rounds every number
// to Excel's 15 significant digits on the way out, and the workbook must hold the computed values
// exactly.
type sheetWriter struct {
	b     *workbook
	sheet string
	row   int
	// heads are the rows of the tables' header rows; cols the widest table.
	heads []int
	cols  int
	// freezeCols keeps that many columns in view when scrolling right (names beside their figures).
	freezeCols int
	width      []float64
}

// sheet adds a sheet, listed on the Contents sheet with what it holds.
func (b *workbook) sheet(name, about string) (*sheetWriter, error) {
	if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	if about != "" {
		b.contents = append(b.contents, [2]string{name, about})
	}
	return &sheetWriter{b: b, sheet: name, row: 1}, nil
}

// head writes a table's header row.
func (w *sheetWriter) head(names ...string) error {
	w.heads = append(w.heads, w.row)
	w.cols = max(w.cols, len(names))
	row := make([]any, len(names))
	for i, n := range names {
		row[i] = excelize.Cell{Value: n, StyleID: w.b.st.header}
	}
	return w.add(row...)
}

// measure widens column i to fit n characters.
func (w *sheetWriter) measure(i int, n float64) {
	for len(w.width) <= i {
		w.width = append(w.width, 0)
	}
	w.width[i] = max(w.width[i], n)
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
		style := c.StyleID
		switch x := c.Value.(type) {
		case float64:
			// The shortest decimal that reads back to the same float64, as that many decimals.
			s := strconv.FormatFloat(x, 'f', -1, 64)
			prec := 0
			if dot := strings.IndexByte(s, '.'); dot >= 0 {
				prec = len(s) - dot - 1
			}
			err = w.b.f.SetCellFloat(w.sheet, cell, x, prec, 64)
			// Shown rounded, with separators and a unit: about 4 more characters than the whole part.
			w.measure(i, float64(len(strconv.FormatFloat(math.Abs(x), 'f', 0, 64)))*4/3+4)
		case string:
			err = w.b.f.SetCellStr(w.sheet, cell, x)
			switch {
			case style == w.b.st.header:
				w.measure(i, min(float64(utf8.RuneCountInString(x)), 16)) // headers wrap
			case style == w.b.st.title || len(values) == 1:
				// a title or a sentence alone on its row runs over the empty cells beside it
			default:
				w.measure(i, float64(utf8.RuneCountInString(x)))
			}
			if formulaLike(x) {
				switch style {
				case 0:
					style = w.b.st.text
				case w.b.st.title:
					style = w.b.st.titleText
				}
			}
		case bool:
			err = w.b.f.SetCellBool(w.sheet, cell, x)
			w.measure(i, 6)
		default:
			err = fmt.Errorf("xlsx: unexpected value %T", x)
		}
		if err == nil && style != 0 {
			err = w.b.f.SetCellStyle(w.sheet, cell, cell, style)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// finish sets the column widths and the print setup (landscape A4, one page wide, as many pages
// down as it takes). A sheet holding one table also gets its header frozen, a filter on the table
// and the rows down to the header repeated at the top of every printed page.
func (w *sheetWriter) finish() error {
	f := w.b.f
	for i, n := range w.width {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(w.sheet, col, col, min(max(n+2, 8), 60)); err != nil {
			return err
		}
	}
	if len(w.heads) == 1 {
		if err := w.table(); err != nil {
			return err
		}
	}
	// After the filter, which rewrites the sheet's properties.
	landscape, a4, one, any0, fit := "landscape", 9, 1, 0, true
	if err := f.SetPageLayout(w.sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4, FitToWidth: &one, FitToHeight: &any0}); err != nil {
		return err
	}
	return f.SetSheetProps(w.sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}

// table freezes the header of the sheet's one table, filters it and repeats it on printed pages.
func (w *sheetWriter) table() error {
	f := w.b.f
	h := w.heads[0]
	top, err := excelize.CoordinatesToCellName(w.freezeCols+1, h+1)
	if err != nil {
		return err
	}
	pane := "bottomLeft"
	if w.freezeCols > 0 {
		pane = "bottomRight"
	}
	if err := f.SetPanes(w.sheet, &excelize.Panes{Freeze: true, XSplit: w.freezeCols, YSplit: h, TopLeftCell: top, ActivePane: pane}); err != nil {
		return err
	}
	last, err := excelize.CoordinatesToCellName(w.cols, max(w.row-1, h))
	if err != nil {
		return err
	}
	if err := f.AutoFilter(w.sheet, "A"+strconv.Itoa(h)+":"+last, nil); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: w.sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(w.sheet, "'", "''"), h, h)})
}

// addAll writes rows.
func (w *sheetWriter) addAll(rows [][]any) error {
	for _, r := range rows {
		if err := w.add(r...); err != nil {
			return err
		}
	}
	return nil
}

// writeWorkbook writes results.xlsx into out.
func writeWorkbook(out string, in *Inputs, f *studyFacts, minGroup int) (string, error) {
	x := excelize.NewFile()
	defer x.Close()
	st, err := newXLSXStyles(x)
	if err != nil {
		return "", err
	}
	if err := x.SetSheetName("Sheet1", sheetContents); err != nil {
		return "", err
	}
	b := &workbook{f: x, st: st}
	if in.Study != nil {
		if err := writeBenchmarksSheet(b, in, f, minGroup); err != nil {
			return "", err
		}
		if err := writeEffectSheets(b, in, minGroup); err != nil {
			return "", err
		}
	}
	titles := scenarioTitles(in.Scenarios)
	prefixes := sheetPrefixes(titles)
	for i := range in.Scenarios {
		if err := writeScenarioSheets(b, prefixes[i], titles[i], &in.Scenarios[i]); err != nil {
			return "", err
		}
	}
	// Contents last, so it lists every sheet written; it stays the first sheet.
	if err := writeContentsSheet(b, in, minGroup); err != nil {
		return "", err
	}
	x.SetActiveSheet(0)
	path := filepath.Join(out, fileWorkbook)
	err = resultfile.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := x.WriteTo(w)
		return err
	})
	return path, err
}

// writeContentsSheet writes the first sheet: what the workbook is, how to read it, and a link to
// each sheet.
func writeContentsSheet(b *workbook, in *Inputs, minGroup int) error {
	st := b.st
	w := &sheetWriter{b: b, sheet: sheetContents, row: 1}
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
		[]any{xText("Numbers"), xText("Cells hold the computed values at full precision; formats only round the display. Money is £ in real terms at each scenario's base-year prices. p-values show as < 0.001 or to three significant figures.")},
		[]any{xText("Codes"), xText("Labels are shown for readers; the codes used in the data files are in the columns headed \"code\" at the right of each table.")},
		nil)
	if err := w.addAll(rows); err != nil {
		return err
	}
	if err := w.head("Sheet", "Contents"); err != nil {
		return err
	}
	for _, c := range b.contents {
		cell := "A" + strconv.Itoa(w.row)
		if err := w.add(excelize.Cell{Value: c[0], StyleID: st.link}, xText(c[1])); err != nil {
			return err
		}
		ref := "'" + strings.ReplaceAll(c[0], "'", "''") + "'!A1"
		if err := b.f.SetCellHyperLink(sheetContents, cell, ref, "Location", excelize.HyperlinkOpts{Tooltip: &c[1]}); err != nil {
			return err
		}
	}
	w.width[1] = min(w.width[1], 100)
	return w.finish()
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

// psnStatusLabels name the PSN statuses of the data contract for readers.
var psnStatusLabels = map[string]string{
	"not_connected": "Not connected",
	"pending":       "Pending",
	"compliant":     "Compliant",
	"non_compliant": "Non-compliant",
}

// psnStatusLabel is a PSN status for readers, or the code when it has no label.
func psnStatusLabel(code string) string {
	if l, ok := psnStatusLabels[code]; ok {
		return l
	}
	return code
}

func writeBenchmarksSheet(b *workbook, in *Inputs, f *studyFacts, minGroup int) error {
	st := b.st
	w, err := b.sheet(sheetBenchmarks, "One row per organisation and year: the KPIs of the benchmarking study.")
	if err != nil {
		return err
	}
	w.freezeCols = 2
	head := []string{"Org code", "Organisation", "Year", "Peer group", "Respondents"}
	for _, c := range benchmarkColumns {
		head = append(head, c.head)
	}
	head = append(head, "PSN status", "BYOD restricted", "Sample ≥ 100", "Peer group code", "PSN status code")
	if err := w.head(head...); err != nil {
		return err
	}
	for i := range in.Study.KPIs {
		k := &in.Study.KPIs[i]
		group := ""
		if k.PeerGroup != "" {
			group = groupLabel(k.PeerGroup)
		}
		row := []any{xText(k.OrgCode), xText(f.names[k.OrgCode]), xNum(float64(k.Year), st.general), xText(group), xNum(float64(k.Respondents), st.integer)}
		for _, c := range benchmarkColumns {
			switch v := kpiValue(k, c.kpi); {
			case v.Valid && withheld(k, c.kpi, minGroup):
				row = append(row, xText(suppressed))
			default:
				row = append(row, xOpt(v, c.format(st)))
			}
		}
		row = append(row, xText(psnStatusLabel(k.PSNStatus)))
		if k.BYODRestricted != nil {
			row = append(row, excelize.Cell{Value: *k.BYODRestricted})
		} else {
			row = append(row, nil)
		}
		row = append(row, excelize.Cell{Value: k.SampleOK}, xText(k.PeerGroup), xText(k.PSNStatus))
		if err := w.add(row...); err != nil {
			return err
		}
	}
	return w.finish()
}

// Sheet names of the restriction effect's event study and year-by-year comparison.
const (
	sheetEventStudy = "Event study"
	sheetByYear     = "Effect by year"
)

// writeEffectSheets writes the restriction effect: its figures, the event study and the
// year-by-year comparison, one table to a sheet so each can be filtered and printed with its header.
func writeEffectSheets(b *workbook, in *Inputs, minGroup int) error {
	st := b.st
	w, err := b.sheet(sheetEffect, "The effect of restricting BYOD on satisfaction: the estimate, its interval and test.")
	if err != nil {
		return err
	}
	r := in.Study
	e := r.Effect
	if e == nil {
		if err := w.add(xText("Not estimated"), xText(r.EffectUnavailable)); err != nil {
			return err
		}
		return w.finish()
	}
	if err := w.addAll([][]any{
		{excelize.Cell{Value: "Effect of restricting BYOD on user satisfaction (scale points, 1–7)", StyleID: st.title}},
		{xText(effectSentence(e))},
		nil,
	}); err != nil {
		return err
	}
	if err := w.head("Figure", "Value"); err != nil {
		return err
	}
	p := e.PValue
	if err := w.addAll([][]any{
		{xText("Estimate (difference-in-differences)"), xNum(e.Estimate, st.ratio)},
		{xText("Standard error (organisation-clustered)"), xNum(e.StdError, st.ratio)},
		{xText("95% CI low"), xNum(e.CILow, st.ratio)},
		{xText("95% CI high"), xNum(e.CIHigh, st.ratio)},
		{xText("p-value"), xP(st, &p)},
		{xText("Degrees of freedom"), xNum(float64(e.DF), st.integer)},
		{xText("Organisations (clusters)"), xNum(float64(e.Clusters), st.integer)},
		{xText("Org-years (observations)"), xNum(float64(e.Observations), st.integer)},
		{xText("Organisations ever restricted"), xNum(float64(e.TreatedClusters), st.integer)},
		{xText("Restricted org-years"), xNum(float64(e.TreatedObservations), st.integer)},
		{xText("Bootstrap 95% CI low"), xPtr(e.Bootstrap.CILow, st.ratio)},
		{xText("Bootstrap 95% CI high"), xPtr(e.Bootstrap.CIHigh, st.ratio)},
		{xText("Bootstrap replications"), xNum(float64(e.Bootstrap.Replications), st.integer)},
	}); err != nil {
		return err
	}
	if err := w.finish(); err != nil {
		return err
	}

	if w, err = b.sheet(sheetEventStudy, "The event study: the effect by year relative to the first restriction."); err != nil {
		return err
	}
	if err := w.add(excelize.Cell{Value: "Event study: effect by year relative to first restriction (scale points)", StyleID: st.title}); err != nil {
		return err
	}
	if err := w.head("Relative year", "Estimate", "95% CI low", "95% CI high", "Std. error", "p-value", "Org-years", "Organisations", "Note"); err != nil {
		return err
	}
	for _, ev := range e.EventStudy {
		note := ""
		switch {
		case ev.Reference:
			note = "reference year: the estimates are differences from it"
		case ev.OpenEnded && ev.RelativeYear < 0:
			note = "this year and all earlier ones"
		case ev.OpenEnded:
			note = "this year and all later ones"
		}
		p := ev.PValue
		if err := w.add(xNum(float64(ev.RelativeYear), st.general), xNum(ev.Estimate, st.ratio), xNum(ev.CILow, st.ratio), xNum(ev.CIHigh, st.ratio),
			xNum(ev.StdError, st.ratio), xP(st, &p), xNum(float64(ev.Observations), st.integer), xNum(float64(ev.Organisations), st.integer), xText(note)); err != nil {
			return err
		}
	}
	if err := w.finish(); err != nil {
		return err
	}

	if w, err = b.sheet(sheetByYear, "Restricted against unrestricted organisations, year by year."); err != nil {
		return err
	}
	if err := w.add(excelize.Cell{Value: "Restricted against unrestricted organisations, year by year (scale points)", StyleID: st.title}); err != nil {
		return err
	}
	if err := w.head("Year", "Restricted org-years", "Unrestricted org-years", "Mean, restricted", "Mean, unrestricted", "Difference", "Welch p", "Respondents"); err != nil {
		return err
	}
	for _, y := range e.PerYear {
		row := []any{xNum(float64(y.Year), st.general), xNum(float64(y.NRestricted), st.integer), xNum(float64(y.NUnrestricted), st.integer)}
		if y.RespondentsRestricted < int64(minGroup) || y.RespondentsUnrestricted < int64(minGroup) {
			row = append(row, xText(suppressed), xText(suppressed), xText(suppressed), xText(suppressed))
		} else {
			row = append(row, xNum(y.MeanRestricted, st.points), xNum(y.MeanUnrestricted, st.points), xNum(y.Difference, st.points), xP(st, y.WelchP))
		}
		row = append(row, xNum(float64(y.RespondentsRestricted+y.RespondentsUnrestricted), st.integer))
		if err := w.add(row...); err != nil {
			return err
		}
	}
	return w.finish()
}

// optionLabels maps a scenario's option names to their labels.
func optionLabels(r *costmodel.Result) map[string]string {
	m := make(map[string]string, len(r.Options))
	for i := range r.Options {
		m[r.Options[i].Name] = optionName(&r.Options[i])
	}
	return m
}

// labelOr is m[code], or code when m has none.
func labelOr(m map[string]string, code string) string {
	if l, ok := m[code]; ok {
		return l
	}
	return code
}

// inputParamColumns are the distribution parameters the Inputs sheet gives a column each; any
// other (a PERT's lambda, a lognormal's p10 and p90 or mu and sigma) goes in "Other parameters".
var inputParamColumns = []string{"min", "mode", "max", "mean", "sd", "p"}

// moneyInput reports whether an input is a sum of money, as far as the scenario file says: its
// source or the comment on its line speaks of £. (Scenario files give no unit; an input whose note
// says nothing about £ shows as a plain number.)
func moneyInput(x costmodel.InputSummary, note string) bool {
	return strings.Contains(x.Source, "£") || strings.Contains(note, "£")
}

func writeScenarioSheets(b *workbook, prefix, title string, s *ScenarioResult) error {
	st := b.st
	r := s.Result
	labels := optionLabels(r)
	// Summary.
	w, err := b.sheet(scenarioSheet(prefix, "Summary"), fmt.Sprintf("Summary: %s (scenario %s)", title, s.Name))
	if err != nil {
		return err
	}
	w.freezeCols = 1
	if err := w.addAll([][]any{
		{excelize.Cell{Value: title, StyleID: st.title}},
		{xText("Scenario file"), xText(r.File)},
		{xText("Prices"), xText(fmt.Sprintf("real terms, %d prices", r.BaseYear))},
		{xText("Discounting"), xText(discountText(r.Discount))},
		{xText("Optimism bias, capital"), xNum(r.OptimismBias.Capital, st.percent)},
		{xText("Optimism bias, operating"), xNum(r.OptimismBias.Operating, st.percent)},
		{xText("Monte Carlo draws"), xNum(float64(r.Iterations), st.integer)},
		{xText("Preferred option"), xText(labelOr(labels, r.Preferred))},
		{xText("Decision"), xText(labelIDs(r.DecisionNote, r))},
		nil,
	}); err != nil {
		return err
	}
	// The expected NPSV (the Monte Carlo mean) comes first: options are ranked by it. The NPSV at input
	// means and the most likely NPSV ("NPSV", every input at its most likely value) are sensitivities.
	if err := w.head("Option", "Expected NPSV", "SE of expected NPSV", "P(best)", "NPSV at input means",
		"PV costs", "PV benefits", "NPSV most likely", "BCR", "NPSV most likely, without optimism bias", "BCR without optimism bias",
		"Excel NPV()", "Mean NPSV (draws)", "SD", "P5", "P10", "Median", "P90", "P95", "P(NPSV > 0)", "Option code"); err != nil {
		return err
	}
	for _, o := range r.Options {
		d := o.Deterministic
		if err := w.add(xText(optionName(&o)), xNum(o.ExpectedNPSV.Mean, st.money), xNum(o.ExpectedNPSV.SE, st.money),
			xNum(o.PBest.P, st.percent), xNum(o.NPSVAtMeans, st.money),
			xNum(d.PVCosts, st.money), xNum(d.PVBenefits, st.money), xNum(d.NPSV, st.money),
			xPtr(d.BCR, st.points), xNum(o.DeterministicWithoutOB.NPSV, st.money), xPtr(o.DeterministicWithoutOB.BCR, st.points),
			xNum(d.ExcelNPV, st.money), xNum(o.NPSV.Mean, st.money), xNum(o.NPSV.SD, st.money), xNum(o.NPSV.P5, st.money),
			xNum(o.NPSV.P10, st.money), xNum(o.NPSV.P50, st.money), xNum(o.NPSV.P90, st.money), xNum(o.NPSV.P95, st.money),
			xNum(o.ProbPositive, st.percent), xText(o.Name)); err != nil {
			return err
		}
	}
	if len(r.Incremental) > 0 {
		if err := w.add(); err != nil {
			return err
		}
		if err := w.head("Against the baseline", "Incremental NPSV", "Without optimism bias", "Excel NPV()", "Mean (draws)", "P(better)", "Option code", "Baseline code"); err != nil {
			return err
		}
		for _, inc := range r.Incremental {
			if err := w.add(xText(labelOr(labels, inc.Option)+" vs "+labelOr(labels, inc.Against)), xNum(inc.NPSV, st.money), xNum(inc.NPSVWithoutOB, st.money),
				xNum(inc.ExcelNPV, st.money), xNum(inc.Monte.Mean, st.money), xNum(inc.Monte.ProbBetter, st.percent), xText(inc.Option), xText(inc.Against)); err != nil {
				return err
			}
		}
	}
	if err := w.add(); err != nil {
		return err
	}
	if err := w.head("Switching values: input", "Base", "Range low", "Range high", "Switches at", "Preferred below", "Preferred above", "Note"); err != nil {
		return err
	}
	for _, sv := range r.SwitchingValues {
		if len(sv.Switches) == 0 {
			if err := w.add(xText(sv.Input), xAmount(st, sv.Base), xAmount(st, sv.RangeLow), xAmount(st, sv.RangeHigh), nil, nil, nil, xText(sv.Note)); err != nil {
				return err
			}
		}
		for _, sw := range sv.Switches {
			if err := w.add(xText(sv.Input), xAmount(st, sv.Base), xAmount(st, sv.RangeLow), xAmount(st, sv.RangeHigh),
				xAmount(st, sw.Value), xText(labelOr(labels, sw.Below)), xText(labelOr(labels, sw.Above))); err != nil {
				return err
			}
		}
	}
	if err := w.finish(); err != nil {
		return err
	}

	// Inputs: the distribution's parameters one to a column, so they can be sorted and charted.
	if w, err = b.sheet(scenarioSheet(prefix, "Inputs"), fmt.Sprintf("Inputs: %s (scenario %s)", title, s.Name)); err != nil {
		return err
	}
	w.freezeCols = 1
	head := []string{"Input", "Distribution"}
	for _, k := range inputParamColumns {
		head = append(head, "Parameter: "+k)
	}
	head = append(head, "Other parameters", "Base", "Mean", "P10", "P90", "Unit", "Source")
	if err := w.head(head...); err != nil {
		return err
	}
	for _, in := range r.Inputs {
		note := s.Info.InputNotes[in.Name]
		src := cmp.Or(in.Source, note)
		cell, unit := func(v float64) excelize.Cell { return xAmount(st, v) }, ""
		if moneyInput(in, note) {
			cell, unit = func(v float64) excelize.Cell { return xNum(v, st.money) }, "£"
		}
		row := []any{xText(in.Name), xText(in.Distribution)}
		for _, k := range inputParamColumns {
			if v, ok := in.Params[k]; ok {
				if k == "p" {
					row = append(row, xNum(v, st.number))
				} else {
					row = append(row, cell(v))
				}
			} else {
				row = append(row, nil)
			}
		}
		row = append(row, xText(otherParams(in)), cell(in.Base), cell(in.Mean), cell(in.P10), cell(in.P90), xText(unit), xText(src))
		if err := w.add(row...); err != nil {
			return err
		}
	}
	w.width[len(head)-1] = min(w.width[len(head)-1], 70)
	if err := w.finish(); err != nil {
		return err
	}

	// Cash flows.
	if w, err = b.sheet(scenarioSheet(prefix, "Cash flows"), fmt.Sprintf("Cash flows: %s (scenario %s)", title, s.Name)); err != nil {
		return err
	}
	if err := w.head("Option", "Year", "Calendar year", "Line", "Kind", "Category", "Amount (£)", "Discount factor",
		"Present value (£)", "Optimism bias factor", "PV with optimism bias (£)", "Option code"); err != nil {
		return err
	}
	for _, c := range r.CashFlows {
		if err := w.add(xText(labelOr(labels, c.Option)), xNum(float64(c.Year), st.general), xNum(float64(c.CalendarYear), st.general), xText(c.Line),
			xText(string(c.Kind)), xText(c.Category), xNum(c.Amount, st.money), xNum(c.DiscountFactor, st.ratio),
			xNum(c.PresentValue, st.money), xNum(c.Uplift, st.ratio), xNum(c.PresentValueWithUplift, st.money), xText(c.Option)); err != nil {
			return err
		}
	}
	return w.finish()
}

// otherParams writes the parameters that have no column of their own, and a discrete input's values.
func otherParams(x costmodel.InputSummary) string {
	var parts []string
	for _, k := range sortedKeys(x.Params) {
		if !slices.Contains(inputParamColumns, k) {
			parts = append(parts, k+" "+number(x.Params[k]))
		}
	}
	if len(x.Values) > 0 {
		var vs []string
		for _, v := range x.Values {
			vs = append(vs, number(v))
		}
		parts = append(parts, "values "+strings.Join(vs, ", "))
	}
	return strings.Join(parts, "; ")
}
