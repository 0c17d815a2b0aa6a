package reports

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/datasets/resultfile"
)

// TestDrawsWriterBytes: draws.parquet written by DrawsWriter (its own row-group columns, each
// full group written at once) is byte for byte the file Arrow's buffered row groups write from
// the same chunks, as DrawsWriter wrote it before, for a run of several row groups ending in a
// short one, and for one smaller than a row group.
func TestDrawsWriterBytes(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "analysis", "costmodel", "testdata", "mc_workload.toml"))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := costmodel.Parse("mc_workload.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	const chunk = 8192 // the Monte Carlo's chunk
	rng := rand.New(rand.NewPCG(1, 2))
	for _, iterations := range []int{2*resultfile.RowGroupRows() + 3*chunk + 17, 1000} {
		sc.Iterations = iterations
		var chunks []costmodel.DrawChunk
		for lo := 0; lo < iterations; lo += chunk {
			n := min(chunk, iterations-lo)
			c := costmodel.DrawChunk{Start: lo}
			for range sc.UncertainInputs() {
				c.Inputs = append(c.Inputs, randCol(rng, n))
			}
			for range sc.Options {
				c.NPSV = append(c.NPSV, randCol(rng, n))
			}
			chunks = append(chunks, c)
		}
		dir := t.TempDir()
		got := filepath.Join(dir, "draws.parquet")
		dw, err := NewDrawsWriter(got, sc)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range chunks {
			if err := dw.Write(c); err != nil {
				t.Fatal(err)
			}
		}
		if err := dw.Close(); err != nil {
			t.Fatal(err)
		}
		// The reference: one Arrow record per chunk into buffered row groups.
		want := filepath.Join(dir, "reference.parquet")
		w, err := resultfile.NewParquetWriter(want, dw.schema)
		if err != nil {
			t.Fatal(err)
		}
		b := array.NewRecordBuilder(memory.DefaultAllocator, dw.schema)
		for _, c := range chunks {
			for i := range c.Rows() {
				b.Field(0).(*array.Int64Builder).Append(int64(c.Start + i + 1))
			}
			f := 1
			for _, col := range append(append([][]float64(nil), c.Inputs...), c.NPSV...) {
				b.Field(f).(*array.Float64Builder).AppendValues(col, nil)
				f++
			}
			rec := b.NewRecord()
			if err := w.WriteBuffered(rec); err != nil {
				t.Fatal(err)
			}
			rec.Release()
		}
		b.Release()
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		g, _ := os.ReadFile(got)
		r, _ := os.ReadFile(want)
		if len(g) == 0 || !bytes.Equal(g, r) {
			t.Errorf("%d iterations: draws.parquet (%d bytes) differs from the buffered writer's (%d bytes)", iterations, len(g), len(r))
		}
	}
}

func randCol(rng *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64() * 1e6
	}
	return x
}
