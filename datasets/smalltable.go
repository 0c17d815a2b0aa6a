package datasets

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"unicode/utf8"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"
)

// cell is one value of a small table as text, whatever the file format, so that one set of rules
// validates CSV and Parquet alike and both give the same messages.
type cell struct {
	s    string
	null bool
}

// rowFunc receives one row: its location and its cells in the order of the column map (contract
// columns, then optional ones; an absent optional column gives null cells).
type rowFunc func(loc Location, cells []cell)

// readSmallTable reads a whole small table and calls fn for every data row. Problems with the file
// itself (malformed CSV, missing columns, no rows) go to errs; it returns the number of data rows.
func readSmallTable(fsys fs.FS, tf TableFile, required, optional []Column, errs *errorList, fn rowFunc) (int64, error) {
	if tf.Format == FormatParquet {
		return readParquetCells(fsys, tf, required, optional, errs, fn)
	}
	f, err := fsys.Open(tf.Path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	// A small table is read whole: at most a quarter of the memory budget, leaving the rest for
	// its parsed rows.
	limit := MaxMemory() / 4
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return 0, fmt.Errorf("reading %s: %w", tf.Path, err)
	}
	if int64(len(data)) > limit {
		errs.Add(&FieldError{Loc: Location{File: tf.Path, RowGroup: -1}, Value: fmt.Sprintf("more than %s", formatBytes(limit)),
			Expected: fmt.Sprintf("a table of at most %s, a quarter of the memory budget of %s (--max-memory)", formatBytes(limit), formatBytes(MaxMemory())),
			Err:      ErrTooLarge})
		return 0, nil
	}
	return readCSVCells(tf.Path, data, required, optional, errs, fn), nil
}

// readCSVCells tokenises a whole CSV file held in memory.
func readCSVCells(path string, data []byte, required, optional []Column, errs *errorList, fn rowFunc) int64 {
	hdr, ok := csvHeader(path, data, required, optional, errs)
	if !ok {
		return 0
	}
	tok := newCSVTokenizer(data[hdr.end:], 2)
	cells := make([]cell, len(hdr.cm.cols))
	var rows int64
	for !errs.Full() {
		fields, line, err := tok.next()
		if err == io.EOF {
			break
		}
		rows++
		loc := Location{File: path, Row: rows + 1, RowGroup: -1}
		if err != nil {
			errs.Add(&FieldError{Loc: loc, Expected: fmt.Sprintf("well-formed CSV (line %d): %v", line, err), Err: ErrMalformed})
			continue
		}
		if !checkRecord(loc, fields, hdr, errs) {
			continue
		}
		for i, p := range hdr.cm.pos {
			if p < 0 {
				cells[i] = cell{null: true}
				continue
			}
			v := fields[p]
			cells[i] = cell{s: string(v), null: isNullText(v)}
		}
		fn(loc, cells)
	}
	if rows == 0 && !errs.Full() && len(errs.List) == 0 {
		errs.Add(&FieldError{Loc: Location{File: path, RowGroup: -1}, Expected: "no rows: the file has a header but no data rows", Err: ErrNoRows})
	}
	return rows
}

// csvHead is a parsed CSV header.
type csvHead struct {
	cm     columnMap
	fields int // number of columns in the header
	end    int // offset of the first byte after the header line
}

// csvHeader reads and checks the header row at the start of data (after an optional UTF-8 byte
// order mark, which spreadsheet programs write).
func csvHeader(path string, data []byte, required, optional []Column, errs *errorList) (csvHead, bool) {
	start := 0
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		start = 3
	}
	loc := Location{File: path, Row: 1, RowGroup: -1}
	if len(bytes.TrimSpace(data[start:])) == 0 {
		errs.Add(&FieldError{Loc: Location{File: path, RowGroup: -1}, Expected: "empty file: expected a header row naming the columns, then data rows", Err: ErrNoRows})
		return csvHead{}, false
	}
	nl := bytes.IndexByte(data[start:], '\n')
	end := len(data)
	if nl >= 0 {
		end = start + nl + 1
	}
	tok := newCSVTokenizer(data[start:end], 1)
	fields, _, err := tok.next()
	if err != nil {
		errs.Add(&FieldError{Loc: loc, Expected: fmt.Sprintf("a well-formed header row: %v", err), Err: ErrMalformed})
		return csvHead{}, false
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		if !utf8.Valid(f) {
			errs.Add(&FieldError{Loc: loc, Value: string(f), Expected: "UTF-8 text in the header", Err: ErrMalformed})
			return csvHead{}, false
		}
		names[i] = string(bytes.TrimSpace(f))
	}
	cm, ok := mapColumns(path, names, required, optional, errs)
	return csvHead{cm: cm, fields: len(fields), end: end}, ok
}

// checkRecord checks a record's shape (as many fields as the header) and encoding.
func checkRecord(loc Location, fields [][]byte, hdr csvHead, errs *errorList) bool {
	if len(fields) != hdr.fields {
		errs.Add(&FieldError{Loc: loc, Value: string(bytes.Join(fields, []byte{','})),
			Expected: fmt.Sprintf("%d fields as in the header, found %d", hdr.fields, len(fields)), Err: ErrMalformed})
		return false
	}
	for i, f := range fields {
		if !utf8.Valid(f) {
			errs.Add(&FieldError{Loc: loc, Column: columnName(hdr, i), Value: string(f), Expected: "UTF-8 text", Err: ErrMalformed})
			return false
		}
	}
	return true
}

// columnName names the file column at position p for an error message.
func columnName(hdr csvHead, p int) string {
	for i, q := range hdr.cm.pos {
		if q == p {
			return hdr.cm.cols[i].Name
		}
	}
	return fmt.Sprintf("#%d", p+1)
}

// readParquetCells reads a whole small Parquet table and turns its values into text cells.
func readParquetCells(fsys fs.FS, tf TableFile, required, optional []Column, errs *errorList, fn rowFunc) (rows int64, err error) {
	fileLoc := Location{File: tf.Path, RowGroup: -1}
	defer func() {
		// The Parquet decoder can panic on corrupt input; report that as a bad file, not a crash.
		if r := recover(); r != nil {
			errs.Add(&FieldError{Loc: fileLoc, Expected: fmt.Sprintf("a readable Parquet file: %v", r), Err: ErrMalformed})
			err = nil
		}
	}()
	ras, closer, err := openRandomAccess(fsys, tf.Path)
	if err != nil {
		return 0, err
	}
	defer closer.Close()
	if _, ferr := checkParquetTable(tf.Path, ras, append(append([]Column{}, required...), optional...), 0); ferr != nil {
		errs.Add(ferr)
		return 0, nil
	}
	pf, err := openParquetReader(ras)
	if err != nil {
		errs.Add(&FieldError{Loc: fileLoc, Expected: fmt.Sprintf("a readable Parquet file: %v", err), Err: ErrMalformed})
		return 0, nil
	}
	defer pf.Close()
	// Batches of at most 64k rows, and no more than the table has: arrow reserves a batch's
	// worth of every column up front.
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: min(64<<10, max(pf.NumRows(), 1))}, memory.DefaultAllocator)
	if err != nil {
		errs.Add(&FieldError{Loc: fileLoc, Expected: fmt.Sprintf("a readable Parquet file: %v", err), Err: ErrMalformed})
		return 0, nil
	}
	schema, err := fr.Schema()
	if err != nil {
		errs.Add(&FieldError{Loc: fileLoc, Expected: fmt.Sprintf("a Parquet schema Arrow can read: %v", err), Err: ErrMalformed})
		return 0, nil
	}
	names := make([]string, schema.NumFields())
	for i, f := range schema.Fields() {
		names[i] = f.Name
	}
	cm, ok := mapColumns(tf.Path, names, required, optional, errs)
	if !ok || !checkParquetTypes(tf.Path, schema, cm, errs) {
		return 0, nil
	}
	// A record reader decodes in this goroutine (ReadTable would start its own, whose panics on a
	// corrupt page no recover here could catch), one batch at a time.
	rr, err := fr.GetRecordReader(context.Background(), nil, nil)
	if err != nil {
		errs.Add(&FieldError{Loc: fileLoc, Expected: fmt.Sprintf("a readable Parquet file: %v", err), Err: ErrMalformed})
		return 0, nil
	}
	defer rr.Release()
	rgEnds := rowGroupEnds(pf)
	cells := make([]cell, len(cm.cols))
	for rr.Next() && !errs.Full() {
		rec := rr.Record()
		for r := 0; r < int(rec.NumRows()) && !errs.Full(); r++ {
			rows++
			for i, p := range cm.pos {
				if p < 0 {
					cells[i] = cell{null: true}
					continue
				}
				cells[i] = arrowCell(rec.Column(p), r)
			}
			fn(Location{File: tf.Path, Row: rows, RowGroup: rowGroupOf(rgEnds, rows)}, cells)
		}
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
		errs.Add(&FieldError{Loc: fileLoc, Expected: fmt.Sprintf("a readable Parquet file: %v", err), Err: ErrMalformed})
		return rows, nil
	}
	if rows == 0 && len(errs.List) == 0 {
		errs.Add(&FieldError{Loc: fileLoc, Expected: "no rows: the file has a schema but no data rows", Err: ErrNoRows})
	}
	return rows, nil
}

// rowGroupEnds lists the cumulative row counts at the end of each row group.
func rowGroupEnds(pf *file.Reader) []int64 {
	ends := make([]int64, pf.NumRowGroups())
	var n int64
	for i := range ends {
		n += pf.MetaData().RowGroup(i).NumRows()
		ends[i] = n
	}
	return ends
}

// rowGroupOf finds the row group (from 0) holding row (from 1).
func rowGroupOf(ends []int64, row int64) int {
	for i, e := range ends {
		if row <= e {
			return i
		}
	}
	return len(ends) - 1
}

// checkParquetTypes checks that each contract column is stored with a type its kind can take.
func checkParquetTypes(path string, schema *arrow.Schema, cm columnMap, errs *errorList) bool {
	ok := true
	for i, p := range cm.pos {
		if p < 0 {
			continue
		}
		t := schema.Field(p).Type
		if !kindAccepts(cm.cols[i].Kind, t) {
			errs.Add(&FieldError{Loc: Location{File: path, RowGroup: -1}, Column: cm.cols[i].Name, Value: t.String(),
				Expected: fmt.Sprintf("a column of type %s", cm.cols[i].Kind), Err: ErrInvalidValue})
			ok = false
		}
	}
	return ok
}

// kindAccepts says whether an Arrow type can hold a contract kind: any integer width for integers
// (values are range-checked), floats or integers for float64, text or dictionary-encoded text for strings.
func kindAccepts(k Kind, t arrow.DataType) bool {
	if d, ok := t.(*arrow.DictionaryType); ok {
		t = d.ValueType
	}
	switch k {
	case KindString:
		return t.ID() == arrow.STRING || t.ID() == arrow.LARGE_STRING
	case KindInt32, KindInt64:
		return arrow.IsInteger(t.ID())
	case KindFloat64:
		return arrow.IsFloating(t.ID()) || arrow.IsInteger(t.ID())
	case KindBool:
		return t.ID() == arrow.BOOL
	}
	return false
}

// arrowCell formats one Arrow value as the text a CSV file would hold.
func arrowCell(arr arrow.Array, i int) cell {
	if arr.IsNull(i) {
		return cell{null: true}
	}
	switch a := arr.(type) {
	case *array.String:
		return cell{s: a.Value(i)}
	case *array.LargeString:
		return cell{s: a.Value(i)}
	case *array.Dictionary:
		return arrowCell(a.Dictionary(), a.GetValueIndex(i))
	case *array.Boolean:
		return cell{s: strconv.FormatBool(a.Value(i))}
	case *array.Float64:
		return cell{s: strconv.FormatFloat(a.Value(i), 'g', -1, 64)}
	case *array.Float32:
		return cell{s: strconv.FormatFloat(float64(a.Value(i)), 'g', -1, 32)}
	case *array.Int64:
		return cell{s: strconv.FormatInt(a.Value(i), 10)}
	case *array.Int32:
		return cell{s: strconv.FormatInt(int64(a.Value(i)), 10)}
	case *array.Int16:
		return cell{s: strconv.FormatInt(int64(a.Value(i)), 10)}
	case *array.Int8:
		return cell{s: strconv.FormatInt(int64(a.Value(i)), 10)}
	case *array.Uint64:
		return cell{s: strconv.FormatUint(a.Value(i), 10)}
	case *array.Uint32:
		return cell{s: strconv.FormatUint(uint64(a.Value(i)), 10)}
	case *array.Uint16:
		return cell{s: strconv.FormatUint(uint64(a.Value(i)), 10)}
	case *array.Uint8:
		return cell{s: strconv.FormatUint(uint64(a.Value(i)), 10)}
	}
	return cell{s: arr.ValueStr(i)}
}
