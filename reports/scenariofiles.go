package reports

import (
	"fmt"
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
//
// It gathers the draws into columns of one row group (resultfile.RowGroupRows rows), allocated
// once, and writes each full row group straight to the file, so its memory is that row group
// however many iterations there are. (Arrow's buffered row groups, used before, also kept every
// encoded and compressed page of the group in growing buffers until the group was full.) The
// bytes are those the buffered writer gave: the same row groups, and the same pages, because
// both cut pages at the same 1,024-value steps when chunks hold a multiple of 1,024 rows.
type DrawsWriter struct {
	w      *resultfile.ParquetWriter
	schema *arrow.Schema
	rows   int // rows in a row group
	iter   []int64
	cols   [][]float64 // inputs, then NPSVs, in schema order after the iteration
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
	rows := resultfile.RowGroupRows()
	size := min(rows, max(sc.Iterations, 1)) // room for the draws expected; more is appended
	d := &DrawsWriter{w: w, schema: schema, rows: rows, iter: make([]int64, 0, size), cols: make([][]float64, len(fields)-1)}
	for i := range d.cols {
		d.cols[i] = make([]float64, 0, size)
	}
	return d, nil
}

// Write appends one chunk of draws; it is the costmodel.RunOptions.Draws sink.
func (d *DrawsWriter) Write(c costmodel.DrawChunk) error {
	n := c.Rows()
	if len(c.Inputs)+len(c.NPSV) != len(d.cols) {
		return fmt.Errorf("draws chunk has %d columns, the file %d", len(c.Inputs)+len(c.NPSV), len(d.cols))
	}
	for done := 0; done < n; {
		m := min(n-done, d.rows-len(d.iter))
		for i := range m {
			d.iter = append(d.iter, int64(c.Start+done+i+1))
		}
		f := 0
		for _, col := range c.Inputs {
			d.cols[f] = append(d.cols[f], col[done:done+m]...)
			f++
		}
		for _, col := range c.NPSV {
			d.cols[f] = append(d.cols[f], col[done:done+m]...)
			f++
		}
		done += m
		if len(d.iter) == d.rows {
			if err := d.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// flush writes the gathered rows as one row group; the record shares the columns' memory.
func (d *DrawsWriter) flush() error {
	n := len(d.iter)
	if n == 0 {
		return nil
	}
	arrs := make([]arrow.Array, 0, len(d.cols)+1)
	arrs = append(arrs, array.NewInt64Data(array.NewData(arrow.PrimitiveTypes.Int64, n,
		[]*memory.Buffer{nil, memory.NewBufferBytes(arrow.Int64Traits.CastToBytes(d.iter))}, nil, 0, 0)))
	for _, col := range d.cols {
		arrs = append(arrs, array.NewFloat64Data(array.NewData(arrow.PrimitiveTypes.Float64, n,
			[]*memory.Buffer{nil, memory.NewBufferBytes(arrow.Float64Traits.CastToBytes(col))}, nil, 0, 0)))
	}
	rec := array.NewRecord(d.schema, arrs, int64(n))
	for _, a := range arrs {
		a.Release()
	}
	defer rec.Release()
	d.iter = d.iter[:0]
	for i := range d.cols {
		d.cols[i] = d.cols[i][:0]
	}
	return d.w.Write(rec)
}

// Close writes the last row group and finishes the file.
func (d *DrawsWriter) Close() error {
	if err := d.flush(); err != nil {
		d.w.Abort()
		return err
	}
	return d.w.Close()
}

// Abort removes the unfinished file.
func (d *DrawsWriter) Abort() {
	d.w.Abort()
}
