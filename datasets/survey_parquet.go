package datasets

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"
)

// parquetBatchRows is the number of rows per Arrow record batch read from Parquet.
const parquetBatchRows = 64 << 10

// parquetSurveyJobs opens a Parquet survey file, checks its schema and returns a producer of record
// batches for the workers.
func (d *Dataset) parquetSurveyJobs(tf TableFile, errs *Errors) (func(context.Context, chan<- surveyJob) error, int64, error) {
	fileLoc := Location{File: tf.Path, RowGroup: -1}
	bad := func(err any) {
		errs.Add(&FieldError{Loc: fileLoc, Expected: fmt.Sprintf("a readable Parquet file: %v", err), Err: ErrMalformed})
	}
	ras, closer, err := openRandomAccess(d.FS, tf.Path)
	if err != nil {
		return nil, 0, err
	}
	pf, err := file.NewParquetReader(ras)
	if err != nil {
		closer.Close()
		bad(err)
		return nil, 0, nil
	}
	closeAll := func() { pf.Close(); closer.Close() }
	// Row groups are decoded in parallel by our workers, each with a sequential reader, rather than
	// with pqarrow's Parallel option: its goroutines would crash the program on a corrupt page,
	// where ours turn the panic into an error naming the file.
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: parquetBatchRows}, memory.DefaultAllocator)
	if err != nil {
		closeAll()
		bad(err)
		return nil, 0, nil
	}
	schema, err := fr.Schema()
	if err != nil {
		closeAll()
		bad(err)
		return nil, 0, nil
	}
	if pf.MetaData().Schema.NumColumns() != schema.NumFields() {
		closeAll()
		errs.Add(&FieldError{Loc: fileLoc, Expected: "a flat Parquet schema (no nested columns)", Err: ErrMalformed})
		return nil, 0, nil
	}
	names := make([]string, schema.NumFields())
	for i, f := range schema.Fields() {
		names[i] = f.Name
	}
	cm, ok := mapColumns(tf.Path, names, SurveyColumns, nil, errs)
	if !ok || !checkParquetTypes(tf.Path, schema, cm, errs) {
		closeAll()
		return nil, 0, nil
	}
	d.surveyRowGroupEnds = rowGroupEnds(pf)
	ends := d.surveyRowGroupEnds
	total := pf.NumRows()
	produce := func(ctx context.Context, jobs chan<- surveyJob) error {
		for rg := range ends {
			first := int64(0)
			if rg > 0 {
				first = ends[rg-1]
			}
			job := surveyJob{seq: rg, run: func(emit func(surveyResult) bool) {
				d.readRowGroup(ctx, tf.Path, pf, rg, cm.pos, first, emit)
			}}
			select {
			case jobs <- job:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	}
	return produce, total, nil
}

// readRowGroup decodes one row group in record batches, validating each; first is the number of
// rows before the group. Its last part is an empty marker.
func (d *Dataset) readRowGroup(ctx context.Context, path string, pf *file.Reader, rg int, cols []int, first int64, emit func(surveyResult) bool) {
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: parquetBatchRows}, memory.DefaultAllocator)
	if err != nil {
		emit(surveyResult{last: true, err: fmt.Errorf("%s: unreadable Parquet file: %w", path, err)})
		return
	}
	rr, err := fr.GetRecordReader(ctx, cols, []int{rg})
	if err != nil {
		emit(surveyResult{last: true, err: fmt.Errorf("%s: row-group %d: unreadable Parquet data: %w", path, rg, err)})
		return
	}
	defer rr.Release()
	for rr.Next() {
		rec := rr.Record()
		res := d.convertSurveyRecord(path, rec, first)
		first += rec.NumRows()
		res.done = first
		if !emit(res) {
			return
		}
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
		emit(surveyResult{last: true, err: fmt.Errorf("%s: row-group %d: unreadable Parquet data: %w", path, rg, err)})
		return
	}
	emit(surveyResult{last: true, done: first})
}

// convertSurveyRecord validates one Arrow record batch of survey responses and copies it into
// typed columns. first is the number of rows before this batch in the file.
func (d *Dataset) convertSurveyRecord(path string, rec arrow.Record, first int64) surveyResult {
	col := func(name string) arrow.Array {
		idx := rec.Schema().FieldIndices(name)
		return rec.Column(idx[0])
	}
	var (
		org    = stringAt(col("org_code"))
		year   = intAt(col("year"))
		rid    = intAt(col("respondent_id"))
		staff  = stringAt(col("staff_group"))
		byod   = col("uses_byod").(*array.Boolean)
		over   = intAt(col("overall_satisfaction"))
		remote = intAt(col("remote_access_satisfaction"))
		device = intAt(col("device_satisfaction"))
		weight = floatAt(col("weight"))
		arrs   = []arrow.Array{col("org_code"), col("year"), col("respondent_id"), col("staff_group"), col("uses_byod"),
			col("overall_satisfaction"), col("remote_access_satisfaction"), col("device_satisfaction"), col("weight")}
	)
	n := int(rec.NumRows())
	res := surveyResult{records: int64(n)}
	batch := newSurveyBatch(n)
	var row int64
	fail := func(c int, v, expected string, err error) {
		if len(res.errs) < maxBlockErrors {
			res.errs = append(res.errs, &FieldError{Loc: Location{File: path, Row: row, RowGroup: d.surveyRowGroup(row)},
				Column: SurveyColumns[c].Name, Value: v, Expected: expected, Err: err})
		}
	}
	anyNulls := false
	for c, a := range arrs {
		if a.NullN() > 0 && !SurveyColumns[c].Nullable {
			anyNulls = true
		}
	}
	for i := 0; i < n; i++ {
		row = first + int64(i) + 1
		nerr := len(res.errs)
		if anyNulls {
			for c, a := range arrs {
				if !SurveyColumns[c].Nullable && a.IsNull(i) {
					fail(c, "", "a value (this column may not be empty)", ErrInvalidValue)
				}
			}
			if len(res.errs) > nerr {
				continue
			}
		}
		code := org(i)
		o, ok := d.OrgIndex[code]
		if !ok {
			fail(0, code, expectOrg, ErrUnknownCode)
		}
		y := year(i)
		if !validYear(y) {
			fail(1, strconv.FormatInt(y, 10), expectYear, ErrInvalidValue)
		}
		sg, ok := staffCode(staff(i))
		if !ok {
			fail(3, staff(i), expectStaff, ErrInvalidValue)
		}
		ov := over(i)
		if !validScore(ov) {
			fail(5, strconv.FormatInt(ov, 10), expectScore, ErrInvalidValue)
		}
		var ra, dv int64
		if !arrs[6].IsNull(i) {
			if ra = remote(i); !validScore(ra) {
				fail(6, strconv.FormatInt(ra, 10), expectScoreN, ErrInvalidValue)
			}
		}
		if !arrs[7].IsNull(i) {
			if dv = device(i); !validScore(dv) {
				fail(7, strconv.FormatInt(dv, 10), expectScoreN, ErrInvalidValue)
			}
		}
		w := weight(i)
		if !(w > 0) || w > 1e308 {
			fail(8, strconv.FormatFloat(w, 'g', -1, 64), expectWeight, ErrInvalidValue)
		}
		if len(res.errs) > nerr {
			continue
		}
		if res.rowOf != nil || i != len(batch.Org) {
			if res.rowOf == nil {
				res.rowOf = make([]int64, len(batch.Org), n)
				for k := range res.rowOf {
					res.rowOf[k] = int64(k) + 1
				}
			}
			res.rowOf = append(res.rowOf, int64(i)+1)
		}
		batch.Org = append(batch.Org, o)
		batch.Year = append(batch.Year, int32(y))
		batch.RespondentID = append(batch.RespondentID, rid(i))
		batch.StaffGroup = append(batch.StaffGroup, sg)
		batch.UsesBYOD = append(batch.UsesBYOD, byod.Value(i))
		batch.Overall = append(batch.Overall, int8(ov))
		batch.Remote = append(batch.Remote, int8(ra))
		batch.Device = append(batch.Device, int8(dv))
		batch.Weight = append(batch.Weight, w)
	}
	res.batch = batch
	return res
}

// stringAt returns a reader of a text column, plain or dictionary-encoded.
func stringAt(a arrow.Array) func(int) string {
	switch s := a.(type) {
	case *array.String:
		return s.Value
	case *array.LargeString:
		return s.Value
	case *array.Dictionary:
		dict := stringAt(s.Dictionary())
		return func(i int) string { return dict(s.GetValueIndex(i)) }
	}
	return func(i int) string { return a.ValueStr(i) }
}

// intAt returns a reader of an integer column of any width.
func intAt(a arrow.Array) func(int) int64 {
	switch s := a.(type) {
	case *array.Int32:
		return func(i int) int64 { return int64(s.Value(i)) }
	case *array.Int64:
		return s.Value
	case *array.Int16:
		return func(i int) int64 { return int64(s.Value(i)) }
	case *array.Int8:
		return func(i int) int64 { return int64(s.Value(i)) }
	case *array.Uint8:
		return func(i int) int64 { return int64(s.Value(i)) }
	case *array.Uint16:
		return func(i int) int64 { return int64(s.Value(i)) }
	case *array.Uint32:
		return func(i int) int64 { return int64(s.Value(i)) }
	case *array.Uint64:
		return func(i int) int64 {
			v := s.Value(i)
			if v > 1<<62 {
				return -1 // out of every range the contract allows
			}
			return int64(v)
		}
	}
	return func(int) int64 { return -1 }
}

// floatAt returns a reader of a float (or integer) column.
func floatAt(a arrow.Array) func(int) float64 {
	switch s := a.(type) {
	case *array.Float64:
		return s.Value
	case *array.Float32:
		return func(i int) float64 { return float64(s.Value(i)) }
	}
	ints := intAt(a)
	return func(i int) float64 { return float64(ints(i)) }
}
