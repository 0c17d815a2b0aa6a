package reports

import (
	"path/filepath"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/datasets/resultfile"
)

// ScenarioDir is the folder of a scenario's outputs: out/scenarios/NAME.
func ScenarioDir(out, name string) string { return filepath.Join(out, "scenarios", name) }

// WriteScenarioResult writes a scenario's summary.json (the result itself) and cashflows.csv (the
// base-value cash flows, one row per option, line and year) into dir, and returns their paths.
func WriteScenarioResult(dir string, r *costmodel.Result) ([]string, error) {
	summary := filepath.Join(dir, "summary.json")
	if err := resultfile.WriteJSON(summary, r); err != nil {
		return nil, err
	}
	cash := filepath.Join(dir, "cashflows.csv")
	err := resultfile.WriteCSV(cash, costmodel.CashFlowHeader, func(emit func([]string) error) error {
		for i := range r.CashFlows {
			if err := emit(r.CashFlows[i].Record()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return []string{summary, cash}, nil
}

// DrawsWriter streams a scenario's Monte Carlo draws to draws.parquet as they are produced: one
// row per iteration with the iteration number, every uncertain input and every option's NPSV
// (optimism bias applied), the audit trail of the run. The file appears only when Close succeeds.
type DrawsWriter struct {
	w      *resultfile.ParquetWriter
	schema *arrow.Schema
	b      *array.RecordBuilder
}

// NewDrawsWriter starts draws.parquet for a scenario.
func NewDrawsWriter(path string, sc *costmodel.Scenario) (*DrawsWriter, error) {
	fields := []arrow.Field{{Name: "iteration", Type: arrow.PrimitiveTypes.Int64}}
	for _, in := range sc.UncertainInputs() {
		fields = append(fields, arrow.Field{Name: in.Name, Type: arrow.PrimitiveTypes.Float64})
	}
	for _, o := range sc.Options {
		fields = append(fields, arrow.Field{Name: "npsv_" + o.Name, Type: arrow.PrimitiveTypes.Float64})
	}
	schema := arrow.NewSchema(fields, nil)
	w, err := resultfile.NewParquetWriter(path, schema)
	if err != nil {
		return nil, err
	}
	return &DrawsWriter{w: w, schema: schema, b: array.NewRecordBuilder(memory.DefaultAllocator, schema)}, nil
}

// Write appends one chunk of draws; it is the costmodel.RunOptions.Draws sink.
func (d *DrawsWriter) Write(c costmodel.DrawChunk) error {
	n := c.Rows()
	ib := d.b.Field(0).(*array.Int64Builder)
	ib.Reserve(n)
	for i := 0; i < n; i++ {
		ib.UnsafeAppend(int64(c.Start + i + 1))
	}
	f := 1
	for _, col := range c.Inputs {
		d.b.Field(f).(*array.Float64Builder).AppendValues(col, nil)
		f++
	}
	for _, col := range c.NPSV {
		d.b.Field(f).(*array.Float64Builder).AppendValues(col, nil)
		f++
	}
	rec := d.b.NewRecord()
	defer rec.Release()
	return d.w.WriteBuffered(rec)
}

// Close finishes the file.
func (d *DrawsWriter) Close() error {
	d.b.Release()
	return d.w.Close()
}

// Abort removes the unfinished file.
func (d *DrawsWriter) Abort() {
	d.b.Release()
	d.w.Abort()
}
