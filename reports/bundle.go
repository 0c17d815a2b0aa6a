package reports

// The results bundle: what `psnbyod report` reads from an output folder to render the documents
// without recomputing anything. It is made of files the run writes anyway plus two small ones:
//
//	out/research.json                      the whole study result and the organisations table
//	out/scenarios/NAME/summary.json        the cost model's result (WriteScenarioResult)
//	out/scenarios/NAME/cashflows.csv       its base-value cash flows (WriteScenarioResult)
//	out/scenarios/NAME/scenario.json       the scenario's options and lines as written (ScenarioInfo)
//	out/scenarios/NAME/draws.parquet       the Monte Carlo draws; only the npsv_OPTION columns are read
//
// Floats are written in shortest round-trip form, so a bundle reads back to the same bits and the
// documents rendered from it are byte-identical to those rendered from memory. Two things a bundle
// does not keep, because no document needs them: each org-year's score histogram (benchmark.KPI's
// Survey, which the research tables already summarise) and the input columns of the draws.

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/datasets/contract"
	"github.com/psnbyod/psnbyod/datasets/resultfile"
)

// Names of the bundle's own files.
const (
	fileResearch     = "research.json"
	fileScenarioInfo = "scenario.json"
	FileScenarioSum  = "summary.json"
	fileCashFlows    = "cashflows.csv"
	fileDraws        = "draws.parquet"
	// fileLastRun, in out/scenarios, names the scenarios of the latest psnbyod scenario run into
	// out: the ones LoadInputs renders (older results in the same folder stay until --all asks).
	fileLastRun = "last_run.json"
)

// researchFormat names the layout of research.json; a reader refuses any other.
const researchFormat = "psnbyod-research/1"

// researchFile is research.json.
type researchFile struct {
	Format        string                  `json:"format"`
	Organisations []contract.Organisation `json:"organisations"`
	Study         *study.Result           `json:"study"`
}

// SaveStudy writes research.json into out.
func SaveStudy(out string, r *study.Result) (string, error) {
	path := filepath.Join(out, fileResearch)
	return path, resultfile.WriteJSON(path, researchFile{Format: researchFormat, Organisations: r.Organisations, Study: r})
}

// WriteScenarioInfo writes scenario.json into a scenario's folder.
func WriteScenarioInfo(dir string, info ScenarioInfo) (string, error) {
	path := filepath.Join(dir, fileScenarioInfo)
	return path, resultfile.WriteJSON(path, info)
}

// saveInputs writes the whole bundle into out and returns the paths written. Draws, when present,
// are written as draws.parquet with only the iteration and npsv_OPTION columns, replacing any
// fuller audit trail a run left there.
func saveInputs(out string, in *Inputs) ([]string, error) {
	var written []string
	if in.Study != nil {
		p, err := SaveStudy(out, in.Study)
		if err != nil {
			return written, err
		}
		written = append(written, p)
	}
	for i := range in.Scenarios {
		s := &in.Scenarios[i]
		dir := ScenarioDir(out, s.Name)
		paths, err := WriteScenarioResult(dir, s.Result)
		written = append(written, paths...)
		if err != nil {
			return written, err
		}
		p, err := WriteScenarioInfo(dir, s.Info)
		if err != nil {
			return written, err
		}
		written = append(written, p)
		if s.Draws != nil {
			p := filepath.Join(dir, fileDraws)
			if err := writeNPSVDraws(p, s.Draws); err != nil {
				return written, err
			}
			written = append(written, p)
		}
	}
	return written, nil
}

// LoadInputs reads the bundle in out: research.json when present (else Study is nil) and every
// out/scenarios/NAME that holds a summary.json, sorted by NAME.
func LoadInputs(out string) (*Inputs, error) { return loadInputs(out, false) }

// LoadAllInputs is LoadInputs with every scenario in out, not only those of the latest run.
func LoadAllInputs(out string) (*Inputs, error) { return loadInputs(out, true) }

func loadInputs(out string, all bool) (*Inputs, error) {
	in := &Inputs{}
	r, err := loadStudy(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		in.Study, in.Synthetic = r, r.Synthetic
	}
	if in.Scenarios, err = LoadScenarios(out); err != nil {
		return nil, err
	}
	if !all {
		if in.Scenarios, err = latestRun(out, in.Scenarios); err != nil {
			return nil, err
		}
	}
	if in.Study == nil && len(in.Scenarios) == 0 {
		return nil, fmt.Errorf("%s holds no results (no %s and no scenarios/*/%s): run psnbyod run first", out, fileResearch, FileScenarioSum)
	}
	return in, nil
}

// loadStudy reads research.json from out. An org-year's organisation index (KPI.Org) is restored
// from its code.
func loadStudy(out string) (*study.Result, error) {
	path := filepath.Join(out, fileResearch)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f struct {
		Format        string                  `json:"format"`
		Organisations []contract.Organisation `json:"organisations"`
		Study         json.RawMessage         `json:"study"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if f.Format != researchFormat {
		return nil, fmt.Errorf("reading %s: format %q, want %q", path, f.Format, researchFormat)
	}
	r := &study.Result{}
	if err := json.Unmarshal(f.Study, r); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	r.Organisations = f.Organisations
	index := make(map[string]int32, len(f.Organisations))
	for i, o := range f.Organisations {
		index[o.Code] = int32(i)
	}
	for i := range r.KPIs {
		if j, ok := index[r.KPIs[i].OrgCode]; ok {
			r.KPIs[i].Org = j
		} else {
			r.KPIs[i].Org = -1
		}
	}
	return r, nil
}

// LoadScenarios reads every scenario folder under out/scenarios that holds a summary.json.
func LoadScenarios(out string) ([]ScenarioResult, error) {
	entries, err := os.ReadDir(filepath.Join(out, "scenarios"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var list []ScenarioResult
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := ScenarioDir(out, e.Name())
		if _, err := os.Stat(filepath.Join(dir, FileScenarioSum)); err != nil {
			continue
		}
		s, err := LoadScenario(dir)
		if err != nil {
			return nil, err
		}
		list = append(list, *s)
	}
	slices.SortFunc(list, func(a, b ScenarioResult) int { return strings.Compare(a.Name, b.Name) })
	return list, nil
}

// LoadScenario reads one scenario folder: summary.json, and cashflows.csv, scenario.json and
// draws.parquet when they are there.
func LoadScenario(dir string) (*ScenarioResult, error) {
	s := &ScenarioResult{Name: filepath.Base(dir), Result: &costmodel.Result{}}
	if err := readJSON(filepath.Join(dir, FileScenarioSum), s.Result); err != nil {
		return nil, err
	}
	cf, err := readCashFlows(filepath.Join(dir, fileCashFlows))
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		s.Result.CashFlows = cf
	}
	switch err := readJSON(filepath.Join(dir, fileScenarioInfo), &s.Info); {
	case errors.Is(err, fs.ErrNotExist):
		s.Info = infoFromResult(s.Result)
	case err != nil:
		return nil, err
	}
	names := make([]string, len(s.Result.Options))
	for i, o := range s.Result.Options {
		names[i] = o.Name
	}
	d, err := readNPSVDraws(filepath.Join(dir, fileDraws), names)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		s.Draws = d
	}
	return s, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	return nil
}

// readCashFlows reads cashflows.csv back into rows. Text cells were defused by resultfile.SafeCell on
// the way out; the added quote is taken off again.
func readCashFlows(path string) ([]costmodel.CashFlow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if !slices.Equal(header, costmodel.CashFlowHeader) {
		return nil, fmt.Errorf("reading %s: header %v, want %v", path, header, costmodel.CashFlowHeader)
	}
	var rows []costmodel.CashFlow
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", path, err)
		}
		var bad error
		num := func(i int) float64 {
			v, err := strconv.ParseFloat(rec[i], 64)
			if err != nil && bad == nil {
				bad = fmt.Errorf("reading %s: line %d, column %s: %w", path, line, header[i], err)
			}
			return v
		}
		c := costmodel.CashFlow{Option: unSafe(rec[0]), Year: int(num(1)), CalendarYear: int(num(2)), Line: unSafe(rec[3]),
			Kind: costmodel.Kind(rec[4]), Category: unSafe(rec[5]), Amount: num(6), DiscountFactor: num(7),
			PresentValue: num(8), Uplift: num(9), PresentValueWithUplift: num(10)}
		if bad != nil {
			return nil, bad
		}
		rows = append(rows, c)
	}
}

// unSafe undoes resultfile.SafeCell.
func unSafe(s string) string {
	if len(s) > 1 && s[0] == '\'' && resultfile.SafeCell(s[1:]) == s {
		return s[1:]
	}
	return s
}

// drawsColumn is the draws.parquet column of an option's NPSV (as reports.NewDrawsWriter names it).
func drawsColumn(option string) string { return "npsv_" + option }

// writeNPSVDraws writes draws as draws.parquet: the iteration number and each option's NPSV.
func writeNPSVDraws(path string, d *Draws) error {
	fields := []arrow.Field{{Name: "iteration", Type: arrow.PrimitiveTypes.Int64}}
	for _, o := range d.Options {
		fields = append(fields, arrow.Field{Name: drawsColumn(o), Type: arrow.PrimitiveTypes.Float64})
	}
	schema := arrow.NewSchema(fields, nil)
	w, err := resultfile.NewParquetWriter(path, schema)
	if err != nil {
		return err
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	n := 0
	if len(d.NPSV) > 0 {
		n = len(d.NPSV[0])
	}
	const batch = 65536
	for start := 0; start < n || start == 0; start += batch {
		end := min(start+batch, n)
		ib := b.Field(0).(*array.Int64Builder)
		for i := start; i < end; i++ {
			ib.Append(int64(i + 1))
		}
		for j, col := range d.NPSV {
			b.Field(j+1).(*array.Float64Builder).AppendValues(col[start:end], nil)
		}
		rec := b.NewRecord()
		err := w.WriteBuffered(rec)
		rec.Release()
		if err != nil {
			w.Abort()
			return err
		}
		if end >= n {
			break
		}
	}
	return w.Close()
}

// readNPSVDraws reads the npsv_OPTION columns of draws.parquet.
func readNPSVDraws(path string, options []string) (*Draws, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 64 << 10}, memory.DefaultAllocator)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	schema, err := fr.Schema()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	cols := make([]int, len(options))
	for i, o := range options {
		idx := schema.FieldIndices(drawsColumn(o))
		if len(idx) != 1 {
			return nil, fmt.Errorf("reading %s: no column %s", path, drawsColumn(o))
		}
		cols[i] = idx[0]
	}
	rr, err := fr.GetRecordReader(context.Background(), cols, nil)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	defer rr.Release()
	d := &Draws{Options: slices.Clone(options), NPSV: make([][]float64, len(options))}
	for rr.Next() {
		rec := rr.Record()
		for i := range options {
			d.NPSV[i] = append(d.NPSV[i], rec.Column(i).(*array.Float64).Float64Values()...)
		}
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return d, nil
}

// lastRun is out/scenarios/last_run.json.
type lastRun struct {
	Scenarios []string `json:"scenarios"` // folder names under out/scenarios, in the run's order
}

// WriteLastRun records which scenario folders of out the latest run wrote, for LoadInputs.
func WriteLastRun(out string, names []string) (string, error) {
	path := filepath.Join(out, "scenarios", fileLastRun)
	return path, resultfile.WriteJSON(path, lastRun{Scenarios: names})
}

// latestRun keeps, of the scenarios loaded from out, those of the latest run in its order, when
// out/scenarios/last_run.json says which; all of them when it does not (a folder psnbyod run wrote
// holds its own run only).
func latestRun(out string, all []ScenarioResult) ([]ScenarioResult, error) {
	path := filepath.Join(out, "scenarios", fileLastRun)
	var lr lastRun
	switch err := readJSON(path, &lr); {
	case errors.Is(err, fs.ErrNotExist):
		return all, nil
	case err != nil:
		return nil, err
	}
	byName := map[string]int{}
	for i := range all {
		byName[all[i].Name] = i
	}
	var out2 []ScenarioResult
	for _, n := range lr.Scenarios {
		i, ok := byName[n]
		if !ok {
			return nil, fmt.Errorf("%s names scenario %q, whose results are not in %s: run it again, or render every scenario there with --all", path, n, filepath.Join(out, "scenarios"))
		}
		out2 = append(out2, all[i])
	}
	return out2, nil
}
