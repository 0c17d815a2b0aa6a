package datasets

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/bitutil"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// parquetBatchRows is the number of rows per Arrow record batch read from Parquet.
const parquetBatchRows = 64 << 10

// parquetSurveyJobs opens a Parquet survey file, checks its schema and returns a producer of record
// batches for the workers.
func (d *Dataset) parquetSurveyJobs(tf TableFile, errs *errorList, skipIDs bool) (func(context.Context, chan<- surveyJob) error, int64, error) {
	fileLoc := Location{File: tf.Path, RowGroup: -1}
	bad := func(err any) {
		errs.Add(&FieldError{Loc: fileLoc, Expected: fmt.Sprintf("a readable Parquet file: %v", err), Err: ErrMalformed})
	}
	ras, closer, err := openRandomAccess(d.FS, tf.Path)
	if err != nil {
		return nil, 0, err
	}
	// Every size, count and offset the file claims is checked before arrow (or the direct reader)
	// allocates by it; the budget assumes one row group in flight per core.
	if _, ferr := checkParquetTable(tf.Path, ras, SurveyColumns, runtime.GOMAXPROCS(0)); ferr != nil {
		closer.Close()
		errs.Add(ferr)
		return nil, 0, nil
	}
	pf, err := openParquetReader(ras, file.WithReadProps(parquetReaderProps()))
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
	direct := directReadable(pf, schema, cm.pos)
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
				if direct {
					d.readRowGroupDirect(ctx, tf.Path, ras, pf, rg, cm.pos, first, skipIDs, emit)
				} else {
					d.readRowGroup(ctx, tf.Path, pf, rg, cm.pos, first, first, emit)
				}
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

// readRowGroup decodes one row group in record batches with pqarrow, validating each; first is
// the number of rows before the group. Batches that end at or before row `from` of the file
// (which the direct reader already gave) are read and skipped. Its last part is an empty marker.
func (d *Dataset) readRowGroup(ctx context.Context, path string, pf *file.Reader, rg int, cols []int, first, from int64, emit func(surveyResult) bool) {
	props := pqarrow.ArrowReadProperties{BatchSize: parquetBatchRows}
	// Codes are read as dictionaries: a batch then holds each distinct code once, and rows point
	// at them, so a code is looked up once per batch instead of once per row.
	props.SetReadDict(cols[0], true)
	props.SetReadDict(cols[3], true)
	// Batches come from pooled memory and go back when the next one is read: convertSurveyRecord
	// copies what it keeps.
	fr, err := pqarrow.NewFileReader(pf, props, readAllocator)
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
		if first < from {
			first += rec.NumRows()
			if first > from {
				emit(surveyResult{last: true, err: fmt.Errorf("%s: row-group %d: record batches do not line up with the direct reader's", path, rg)})
				return
			}
			continue
		}
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

// codeColumn resolves a text column of codes to small integers once per distinct value: for a
// dictionary-encoded column that is once per dictionary entry, not once per row.
type codeColumn struct {
	raw    []int32       // row -> dictionary entry, for int32 indices
	idx    func(int) int // row -> dictionary entry, for other indices
	codes  []int32       // dictionary entry -> code, -1 when unknown
	text   func(int) string
	lookup func(string) (int32, bool)
}

func newCodeColumn(a arrow.Array, lookup func(string) (int32, bool)) codeColumn {
	c := codeColumn{text: stringAt(a), lookup: lookup}
	if d, ok := a.(*array.Dictionary); ok {
		dict := stringAt(d.Dictionary())
		c.codes = make([]int32, d.Dictionary().Len())
		for i := range c.codes {
			if v, ok := lookup(dict(i)); ok {
				c.codes[i] = v
			} else {
				c.codes[i] = -1
			}
		}
		switch ix := d.Indices().(type) {
		case *array.Int32:
			c.raw = ix.Int32Values()
		default:
			c.idx = d.GetValueIndex
		}
	}
	return c
}

// at returns the code of row i, or false when the value is not a known code.
func (c *codeColumn) at(i int) (int32, bool) {
	if c.raw != nil {
		v := c.codes[c.raw[i]]
		return v, v >= 0
	}
	if c.idx != nil {
		v := c.codes[c.idx(i)]
		return v, v >= 0
	}
	return c.lookup(c.text(i))
}

// int32s returns the raw values of an int32 column, or nil for other types.
func int32s(a arrow.Array) []int32 {
	if v, ok := a.(*array.Int32); ok {
		return v.Int32Values()
	}
	return nil
}

// int64s returns the raw values of an int64 column, or nil for other types.
func int64s(a arrow.Array) []int64 {
	if v, ok := a.(*array.Int64); ok {
		return v.Int64Values()
	}
	return nil
}

// float64s returns the raw values of a float64 column, or nil for other types.
func float64s(a arrow.Array) []float64 {
	if v, ok := a.(*array.Float64); ok {
		return v.Float64Values()
	}
	return nil
}

// convertSurveyRecord validates one Arrow record batch of survey responses and copies it into
// typed columns. first is the number of rows before this batch in the file. The common column
// types (int32 scores and years, int64 ids, float64 weights) are read from their raw buffers.
func (d *Dataset) convertSurveyRecord(path string, rec arrow.Record, first int64) surveyResult {
	col := func(name string) arrow.Array {
		idx := rec.Schema().FieldIndices(name)
		return rec.Column(idx[0])
	}
	arrs := make([]arrow.Array, len(SurveyColumns))
	for c, sc := range SurveyColumns {
		arrs[c] = col(sc.Name)
	}
	var (
		org                                = newCodeColumn(arrs[0], func(s string) (int32, bool) { v, ok := d.OrgIndex[s]; return v, ok })
		staff                              = newCodeColumn(arrs[3], func(s string) (int32, bool) { v, ok := staffCode(s); return int32(v), ok })
		year, over, remote, device         = intAt(arrs[1]), intAt(arrs[5]), intAt(arrs[6]), intAt(arrs[7])
		year32, over32, remote32, device32 = int32s(arrs[1]), int32s(arrs[5]), int32s(arrs[6]), int32s(arrs[7])
		rid                                = intAt(arrs[2])
		ridU64, _                          = arrs[2].(*array.Uint64)
		rid64                              = int64s(arrs[2])
		weight64                           = float64s(arrs[8])
		byod                               = arrs[4].(*array.Boolean)
		weight                             = floatAt(arrs[8])
	)
	n := int(rec.NumRows())
	anyNulls := false
	for c, a := range arrs {
		if a.NullN() > 0 && !SurveyColumns[c].Nullable {
			anyNulls = true
		}
	}
	// Validity is read from the bitmaps of the two nullable columns, where a column has nulls.
	remoteValid, remoteOff := validity(arrs[6])
	deviceValid, deviceOff := validity(arrs[7])
	if surveyFastPath && !anyNulls {
		batch, ok := convertSurveyColumns(&org, &staff, year32, over32, rid64, weight64, byod,
			scores{remote32, remoteValid, remoteOff}, scores{device32, deviceValid, deviceOff})
		if ok {
			return surveyResult{records: int64(n), batch: batch}
		}
	}
	res := surveyResult{records: int64(n)}
	batch := newSurveyBatch(n)
	var row int64
	fail := func(c int, v, expected string, err error) {
		if len(res.errs) < maxBlockErrors {
			res.errs = append(res.errs, &FieldError{Loc: Location{File: path, Row: row, RowGroup: d.surveyRowGroup(row)},
				Column: SurveyColumns[c].Name, Value: strings.Clone(v), Expected: expected, Err: err})
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
		o, ok := org.at(i)
		if !ok {
			fail(0, org.text(i), expectOrg, ErrUnknownCode)
		}
		var y int64
		if year32 != nil {
			y = int64(year32[i])
		} else {
			y = year(i)
		}
		if !validYear(y) {
			fail(1, strconv.FormatInt(y, 10), expectYear, ErrInvalidValue)
		}
		if ridU64 != nil && ridU64.Value(i) > math.MaxInt64 {
			fail(2, strconv.FormatUint(ridU64.Value(i), 10), expectID, ErrInvalidValue)
		}
		sg, ok := staff.at(i)
		if !ok {
			fail(3, staff.text(i), expectStaff, ErrInvalidValue)
		}
		var ov int64
		if over32 != nil {
			ov = int64(over32[i])
		} else {
			ov = over(i)
		}
		if !validScore(ov) {
			fail(5, strconv.FormatInt(ov, 10), expectScore, ErrInvalidValue)
		}
		var ra, dv int64
		if remoteValid == nil || bitutil.BitIsSet(remoteValid, remoteOff+i) {
			if remote32 != nil {
				ra = int64(remote32[i])
			} else {
				ra = remote(i)
			}
			if !validScore(ra) {
				fail(6, strconv.FormatInt(ra, 10), expectScoreN, ErrInvalidValue)
			}
		}
		if deviceValid == nil || bitutil.BitIsSet(deviceValid, deviceOff+i) {
			if device32 != nil {
				dv = int64(device32[i])
			} else {
				dv = device(i)
			}
			if !validScore(dv) {
				fail(7, strconv.FormatInt(dv, 10), expectScoreN, ErrInvalidValue)
			}
		}
		var w float64
		if weight64 != nil {
			w = weight64[i]
		} else {
			w = weight(i)
		}
		if !(w > 0) || math.IsInf(w, 1) {
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
		if rid64 != nil {
			batch.RespondentID = append(batch.RespondentID, rid64[i])
		} else {
			batch.RespondentID = append(batch.RespondentID, rid(i))
		}
		batch.StaffGroup = append(batch.StaffGroup, uint8(sg))
		batch.UsesBYOD = append(batch.UsesBYOD, byod.Value(i))
		batch.Overall = append(batch.Overall, int8(ov))
		batch.Remote = append(batch.Remote, int8(ra))
		batch.Device = append(batch.Device, int8(dv))
		batch.Weight = append(batch.Weight, w)
	}
	res.batch = batch
	return res
}

// surveyFastPath lets a test compare convertSurveyColumns with the row-by-row conversion.
var surveyFastPath = true

// convertSurveyColumns converts a batch of survey responses column by column, in tight loops, when
// its columns have the types our files use (codes as dictionaries, int32 scores and years, int64 ids,
// float64 weights: each nil otherwise), no column that may not be empty has a null, and every value
// is valid, as in almost every batch. It reports false, and keeps nothing, otherwise: the caller then
// converts the batch row by row, naming each error.
func convertSurveyColumns(org, staff *codeColumn, year, over []int32, rid []int64, weight []float64,
	byod *array.Boolean, remote, device scores) (*contract.SurveyBatch, bool) {
	if org.raw == nil || staff.raw == nil || year == nil || rid == nil || over == nil ||
		remote.vals == nil || device.vals == nil || weight == nil {
		return nil, false
	}
	n := len(org.raw)
	b := newSurveyBatch(n)
	b.Org, b.Year, b.RespondentID, b.StaffGroup = b.Org[:n], b.Year[:n], b.RespondentID[:n], b.StaffGroup[:n]
	b.UsesBYOD, b.Overall, b.Remote, b.Device, b.Weight = b.UsesBYOD[:n], b.Overall[:n], b.Remote[:n], b.Device[:n], b.Weight[:n]
	valid := codesInto(b.Org, org) && codesInto(b.StaffGroup, staff) &&
		scoresInto(b.Overall, scores{vals: over}) && scoresInto(b.Remote, remote) && scoresInto(b.Device, device)
	if valid {
		lo, hi := int32(MaxYear), int32(MinYear)
		for i, y := range year[:n] {
			lo, hi = min(lo, y), max(hi, y)
			b.Year[i] = y
		}
		wlo, whi := math.Inf(1), 0.0
		for i, w := range weight[:n] {
			wlo, whi = min(wlo, w), max(whi, w) // min and max keep a NaN
			b.Weight[i] = w
		}
		valid = lo >= MinYear && hi <= MaxYear && wlo > 0 && whi <= math.MaxFloat64
	}
	if !valid {
		batchPool.Put(b)
		return nil, false
	}
	copy(b.RespondentID, rid[:n])
	for i := range b.UsesBYOD {
		b.UsesBYOD[i] = byod.Value(i)
	}
	return b, true
}

// codesInto writes a dictionary column's codes into dst and reports whether every code is known.
func codesInto[T int32 | uint8](dst []T, c *codeColumn) bool {
	var neg int32
	for i, ix := range c.raw[:len(dst)] {
		v := c.codes[ix]
		neg |= v
		dst[i] = T(v)
	}
	return neg >= 0
}

// scores is an int32 column of scores with its validity bitmap (nil when it has no nulls).
type scores struct {
	vals  []int32
	valid []byte
	off   int
}

// scoresInto writes scores on the 1–7 scale into dst and reports whether every one is on it. Null
// rows are written as 0 and not checked.
func scoresInto(dst []int8, s scores) bool {
	src := s.vals[:len(dst)]
	if s.valid == nil {
		lo, hi := int32(7), int32(1)
		for i, v := range src {
			lo, hi = min(lo, v), max(hi, v)
			dst[i] = int8(v)
		}
		return lo >= 1 && hi <= 7
	}
	ok := true
	for i, v := range src {
		if !bitutil.BitIsSet(s.valid, s.off+i) {
			dst[i] = 0
			continue
		}
		ok = ok && v >= 1 && v <= 7
		dst[i] = int8(v)
	}
	return ok
}

// validity returns the validity bitmap of a column and its offset into it, or nil when the column
// has no nulls.
func validity(a arrow.Array) ([]byte, int) {
	if a.NullN() == 0 {
		return nil, 0
	}
	return a.NullBitmapBytes(), a.Data().Offset()
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
			if v > math.MaxInt64 {
				return -1 // out of every range the contract allows; respondent ids are checked apart
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
