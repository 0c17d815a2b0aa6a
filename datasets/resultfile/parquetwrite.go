package resultfile

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/compress"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"
)

// ParquetWriter streams Arrow record batches into a Parquet file that appears under its name only
// when Close succeeds.
type ParquetWriter struct {
	path string
	tmp  *os.File
	fw   *pqarrow.FileWriter
}

// parquetRowGroupRows is the largest row group of the files we write: large enough that a reader
// spends its time decoding rather than starting row groups (reading 10M survey rows in row groups
// of 256k rows is 12% faster than in 64k ones), small enough that several readers can work at once
// and each holds little of the file (a row group's column chunks are read whole).
const parquetRowGroupRows = 256 << 10

// NewParquetWriter starts a Parquet file with the given schema, compressed with Snappy (fast to write and to read; DuckDB's default too).
func NewParquetWriter(path string, schema *arrow.Schema) (*ParquetWriter, error) {
	return NewParquetWriterCompressed(path, schema, compress.Codecs.Snappy)
}

// NewParquetWriterCompressed starts a Parquet file compressed with the given codec (zstd makes
// smaller files, for the embedded dataset, at several times the cost of writing).
func NewParquetWriterCompressed(path string, schema *arrow.Schema, codec compress.Compression) (*ParquetWriter, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	// Dictionary encoding only for text: codes repeat, so it shrinks them; for numbers such as ids it
	// would build a dictionary as large as the column and then give up on it, slowly.
	opts := []parquet.WriterProperty{
		parquet.WithCompression(codec),
		parquet.WithMaxRowGroupLength(parquetRowGroupRows),
		parquet.WithDictionaryDefault(false),
		parquet.WithAllocator(writeAllocator),
	}
	for _, f := range schema.Fields() {
		if f.Type.ID() == arrow.STRING {
			opts = append(opts, parquet.WithDictionaryFor(f.Name, true))
		}
	}
	props := parquet.NewWriterProperties(opts...)
	fw, err := pqarrow.NewFileWriter(schema, tmp, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(writeAllocator)))
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return &ParquetWriter{path: path, tmp: tmp, fw: fw}, nil
}

// Write appends a record batch as a row group of its own.
func (w *ParquetWriter) Write(rec arrow.Record) error {
	if err := w.fw.Write(rec); err != nil {
		return fmt.Errorf("writing %s: %w", w.path, err)
	}
	return nil
}

// Close finishes the file and renames it into place.
func (w *ParquetWriter) Close() error {
	if err := w.fw.Close(); err != nil { // closes the temporary file too
		os.Remove(w.tmp.Name())
		return fmt.Errorf("writing %s: %w", w.path, err)
	}
	if err := os.Chmod(w.tmp.Name(), 0o644); err != nil {
		os.Remove(w.tmp.Name())
		return fmt.Errorf("writing %s: %w", w.path, err)
	}
	if err := os.Rename(w.tmp.Name(), w.path); err != nil {
		os.Remove(w.tmp.Name())
		return fmt.Errorf("writing %s: %w", w.path, err)
	}
	return nil
}

// Abort gives up on the file and removes what was written.
func (w *ParquetWriter) Abort() {
	w.fw.Close()
	os.Remove(w.tmp.Name())
}

// RowGroupRows is the most rows a row group of the files we write holds: Write cuts longer
// records into row groups of this many rows.
func RowGroupRows() int { return parquetRowGroupRows }

// WriteBuffered appends a record batch to the current row group, starting a new one when it
// reaches parquetRowGroupRows: for streams of small batches, such as Monte Carlo draws.
func (w *ParquetWriter) WriteBuffered(rec arrow.Record) error {
	if err := w.fw.WriteBuffered(rec); err != nil {
		return fmt.Errorf("writing %s: %w", w.path, err)
	}
	return nil
}
