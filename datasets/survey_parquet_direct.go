package datasets

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/file"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// The direct survey reader decodes Parquet column chunks with arrow's low-level typed readers
// (file.Int32ColumnChunkReader.ReadBatch and its kin) straight into the slices of a contract.SurveyBatch and
// into per-worker scratch slices that live as long as the worker, with no Arrow record in between: pqarrow would
// decode each page into a builder, copy the builder into a record and leave the conversion to copy
// it once more. It handles the column types our files and most other writers use (text codes,
// int32 years and scores, int64 ids, float64 weights, booleans; required or optional columns; any
// page encoding or compression arrow reads). A file with other types is read by the pqarrow path
// (readRowGroup), which stays the reference: TestDirectReaderMatchesPqarrow checks that the two
// give the same batches and the same errors. A batch with a null where the contract allows none,
// or with an invalid value, is handed to the pqarrow path too, from that batch on, so that its
// errors are named row by row exactly as before.

// parquetReaderProps are the properties the survey file is opened with: pages in memory from the
// Go allocator, which codeCache relies on.
func parquetReaderProps() *parquet.ReaderProperties {
	return parquet.NewReaderProperties(memory.NewGoAllocator())
}

// parquetDirect lets a test force the pqarrow path.
var parquetDirect = true

// directBatches counts the batches the direct reader gave, and directFallbacks the row groups it
// handed to the pqarrow path part way, for tests.
var directBatches, directFallbacks atomic.Int64

// directPhysical is the physical type the direct reader expects for each survey column, in
// SurveyColumns order, with the Arrow type pqarrow reports for it.
var directPhysical = [...]struct {
	phys  parquet.Type
	arrow arrow.Type
}{
	{parquet.Types.ByteArray, arrow.STRING},
	{parquet.Types.Int32, arrow.INT32},
	{parquet.Types.Int64, arrow.INT64},
	{parquet.Types.ByteArray, arrow.STRING},
	{parquet.Types.Boolean, arrow.BOOL},
	{parquet.Types.Int32, arrow.INT32},
	{parquet.Types.Int32, arrow.INT32},
	{parquet.Types.Int32, arrow.INT32},
	{parquet.Types.Double, arrow.FLOAT64},
}

// directReadable reports whether the direct reader handles the survey columns at positions cols
// of a file: flat columns (at most one definition level) of the expected physical types, whose
// Arrow types (signed integers, UTF-8 text) say the values need no conversion.
func directReadable(pf *file.Reader, schema *arrow.Schema, cols []int) bool {
	if !parquetDirect || len(cols) != len(directPhysical) {
		return false
	}
	sc := pf.MetaData().Schema
	for c, p := range cols {
		if p < 0 || p >= sc.NumColumns() {
			return false
		}
		d := sc.Column(p)
		t := schema.Field(p).Type
		if dt, ok := t.(*arrow.DictionaryType); ok {
			t = dt.ValueType
		}
		if d.PhysicalType() != directPhysical[c].phys || t.ID() != directPhysical[c].arrow ||
			d.MaxRepetitionLevel() != 0 || d.MaxDefinitionLevel() > 1 {
			return false
		}
	}
	return true
}

// directScratch holds one worker's decoding buffers, reused from batch to batch.
type directScratch struct {
	org, staff            []parquet.ByteArray
	over, remote, device  []int32
	def                   [9][]int16
	orgCodes, staffCodes  codeCache
	remoteNull, deviceNul bool
	// Our page decoders (pqpages.go) and the column chunks they read.
	pq  [9]pqColumn
	raw [9][]byte
}

var directScratchPool = sync.Pool{New: func() any {
	s := &directScratch{
		org: make([]parquet.ByteArray, parquetBatchRows), staff: make([]parquet.ByteArray, parquetBatchRows),
		over: make([]int32, parquetBatchRows), remote: make([]int32, parquetBatchRows), device: make([]int32, parquetBatchRows),
	}
	for i := range s.def {
		s.def[i] = make([]int16, parquetBatchRows)
	}
	return s
}}

// codeCache turns the text of a code column into its code without a map lookup per row. The
// values of a dictionary-encoded page point into the column chunk's dictionary, so each entry comes
// back at the same address: a small table indexed by a hash of the address (and the last value,
// for runs) keeps the value slice itself with its code, and a value at the same address with the
// same length is the same entry. That holds because the reader's pages live in memory from the Go
// allocator (parquetReaderProps), which arrow never hands out again, and the slot's slice keeps
// the memory from being collected while it is in the table. Other values (plain pages) are looked
// up by their text.
type codeCache struct {
	last  *codeSlot
	slots [256]codeSlot
	known map[string]int32
	// lookup resolves a text the cache has not seen.
	lookup func(string) (int32, bool)
}

type codeSlot struct {
	ref  []byte
	code int32
}

func (c *codeCache) reset(lookup func(string) (int32, bool)) {
	c.lookup = lookup
	c.last = &c.slots[0]
	for i := range c.slots {
		c.slots[i].ref = nil
	}
	clear(c.known)
}

// same reports whether a and b are the same bytes in memory.
func same(a, b []byte) bool {
	return len(a) == len(b) && len(a) > 0 && unsafe.SliceData(a) == unsafe.SliceData(b)
}

// code returns the code of a text, or -1 when it is not a known code.
func (c *codeCache) code(v []byte) int32 {
	if same(c.last.ref, v) {
		return c.last.code
	}
	h := uintptr(unsafe.Pointer(unsafe.SliceData(v)))
	slot := &c.slots[(h^h>>8^h>>16)%uintptr(len(c.slots))]
	c.last = slot
	if same(slot.ref, v) {
		return slot.code
	}
	if c.known == nil {
		c.known = map[string]int32{}
	}
	code, ok := c.known[string(v)]
	if !ok {
		if k, found := c.lookup(string(v)); found {
			code = k
		} else {
			code = -1
		}
		if len(c.known) < 1<<12 {
			c.known[string(v)] = code
		}
	}
	slot.ref, slot.code = v, code
	return code
}

// directColumns are the typed readers of one row group's survey columns.
type directColumns struct {
	org, staff                 *file.ByteArrayColumnChunkReader
	year, over, remote, device *file.Int32ColumnChunkReader
	rid                        *file.Int64ColumnChunkReader
	byod                       *file.BooleanColumnChunkReader
	weight                     *file.Float64ColumnChunkReader
}

// openDirectColumns opens the typed readers of a row group's survey columns; with skipIDs the
// respondent_id column is left unopened (opening a column reads its chunk) and dc.rid is nil.
func openDirectColumns(rgr *file.RowGroupReader, cols []int, skipIDs bool) (directColumns, error) {
	var dc directColumns
	var rdrs [9]file.ColumnChunkReader
	for c, p := range cols {
		if c == 2 && skipIDs {
			continue
		}
		r, err := rgr.Column(p)
		if err != nil {
			return dc, err
		}
		rdrs[c] = r
	}
	var ok [9]bool
	dc.org, ok[0] = rdrs[0].(*file.ByteArrayColumnChunkReader)
	dc.year, ok[1] = rdrs[1].(*file.Int32ColumnChunkReader)
	dc.rid, ok[2] = rdrs[2].(*file.Int64ColumnChunkReader)
	ok[2] = ok[2] || skipIDs
	dc.staff, ok[3] = rdrs[3].(*file.ByteArrayColumnChunkReader)
	dc.byod, ok[4] = rdrs[4].(*file.BooleanColumnChunkReader)
	dc.over, ok[5] = rdrs[5].(*file.Int32ColumnChunkReader)
	dc.remote, ok[6] = rdrs[6].(*file.Int32ColumnChunkReader)
	dc.device, ok[7] = rdrs[7].(*file.Int32ColumnChunkReader)
	dc.weight, ok[8] = rdrs[8].(*file.Float64ColumnChunkReader)
	for c := range ok {
		if !ok[c] {
			return dc, fmt.Errorf("column %s: unexpected physical type", SurveyColumns[c].Name)
		}
	}
	return dc, nil
}

// errShortColumn reports a column chunk with fewer values than its row group has rows.
var errShortColumn = errors.New("a column chunk ends before its row group")

// readDirect reads n rows of every column into b and s. It reports whether every column that may
// not be empty has a value in every row.
func (dc *directColumns) readDirect(n int, b *contract.SurveyBatch, s *directScratch) (bool, error) {
	complete := true
	// read runs one typed ReadBatch; values come back dense (nulls left out) and are spread to
	// their rows here, nulls as zero values.
	check := func(c int, total int64, vals int, err error) error {
		if err != nil {
			return fmt.Errorf("column %s: %w", SurveyColumns[c].Name, err)
		}
		if total != int64(n) {
			return fmt.Errorf("column %s: %w", SurveyColumns[c].Name, errShortColumn)
		}
		if vals != n && !SurveyColumns[c].Nullable {
			complete = false
		}
		return nil
	}
	n64 := int64(n)
	t, v, err := dc.org.ReadBatch(n64, s.org[:n], s.def[0][:n], nil)
	if err := check(0, t, v, err); err != nil {
		return false, err
	}
	spread(s.org[:n], v, s.def[0][:n])
	t, v, err = dc.year.ReadBatch(n64, b.Year[:n], s.def[1][:n], nil)
	if err := check(1, t, v, err); err != nil {
		return false, err
	}
	spread(b.Year[:n], v, s.def[1][:n])
	if dc.rid != nil {
		t, v, err = dc.rid.ReadBatch(n64, b.RespondentID[:n], s.def[2][:n], nil)
		if err := check(2, t, v, err); err != nil {
			return false, err
		}
		spread(b.RespondentID[:n], v, s.def[2][:n])
	} else {
		clear(b.RespondentID[:n]) // not read (contract.SurveyScan.SkipRespondentIDs)
	}
	t, v, err = dc.staff.ReadBatch(n64, s.staff[:n], s.def[3][:n], nil)
	if err := check(3, t, v, err); err != nil {
		return false, err
	}
	spread(s.staff[:n], v, s.def[3][:n])
	t, v, err = dc.byod.ReadBatch(n64, b.UsesBYOD[:n], s.def[4][:n], nil)
	if err := check(4, t, v, err); err != nil {
		return false, err
	}
	spread(b.UsesBYOD[:n], v, s.def[4][:n])
	t, v, err = dc.over.ReadBatch(n64, s.over[:n], s.def[5][:n], nil)
	if err := check(5, t, v, err); err != nil {
		return false, err
	}
	spread(s.over[:n], v, s.def[5][:n])
	t, v, err = dc.remote.ReadBatch(n64, s.remote[:n], s.def[6][:n], nil)
	if err := check(6, t, v, err); err != nil {
		return false, err
	}
	s.remoteNull = v != n
	spread(s.remote[:n], v, s.def[6][:n])
	t, v, err = dc.device.ReadBatch(n64, s.device[:n], s.def[7][:n], nil)
	if err := check(7, t, v, err); err != nil {
		return false, err
	}
	s.deviceNul = v != n
	spread(s.device[:n], v, s.def[7][:n])
	t, v, err = dc.weight.ReadBatch(n64, b.Weight[:n], s.def[8][:n], nil)
	if err := check(8, t, v, err); err != nil {
		return false, err
	}
	spread(b.Weight[:n], v, s.def[8][:n])
	return complete, nil
}

// readDirectBatch reads and converts one batch of n rows. It reports false when the batch has a
// null where the contract allows none, an invalid value, or data the typed readers cannot decode
// (an error or a panic on a corrupt page).
func readDirectBatch(dc *directColumns, n int, b *contract.SurveyBatch, s *directScratch) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	complete, err := dc.readDirect(n, b, s)
	return err == nil && complete && convertDirect(b, s, n)
}

// spread moves the nvals dense values at the front of vals to the rows whose definition level is
// 1, and zeroes the null rows. With no nulls it does nothing.
func spread[T any](vals []T, nvals int, def []int16) {
	if nvals == len(vals) {
		return
	}
	var zero T
	j := nvals - 1
	for i := len(vals) - 1; i >= 0; i-- {
		if def[i] > 0 {
			vals[i] = vals[j]
			j--
		} else {
			vals[i] = zero
		}
	}
}

// convertDirect validates the batch read by readDirect and fills its codes and scores. It reports
// false when a value breaks the contract: the caller then reads the batch again by the pqarrow
// path, which names each error.
func convertDirect(b *contract.SurveyBatch, s *directScratch, n int) bool {
	var neg int32
	for i, v := range s.org[:n] {
		c := s.orgCodes.code(v)
		neg |= c
		b.Org[i] = c
	}
	for i, v := range s.staff[:n] {
		c := s.staffCodes.code(v)
		neg |= c
		b.StaffGroup[i] = uint8(c)
	}
	if neg < 0 {
		return false
	}
	if !yearsAndWeights(b, n) {
		return false
	}
	var nulls []int16
	if s.remoteNull {
		nulls = s.def[6][:n]
	}
	ok := scoresDirect(b.Overall[:n], s.over[:n], nil) && scoresDirect(b.Remote[:n], s.remote[:n], nulls)
	nulls = nil
	if s.deviceNul {
		nulls = s.def[7][:n]
	}
	return ok && scoresDirect(b.Device[:n], s.device[:n], nulls)
}

// yearsAndWeights reports whether every year of a batch is in the contract's range and every
// weight positive and finite.
func yearsAndWeights(b *contract.SurveyBatch, n int) bool {
	lo, hi := int32(MaxYear), int32(MinYear)
	for _, y := range b.Year[:n] {
		lo, hi = min(lo, y), max(hi, y)
	}
	if lo < MinYear || hi > MaxYear {
		return false
	}
	wlo, whi := math.Inf(1), 0.0
	for _, w := range b.Weight[:n] {
		wlo, whi = min(wlo, w), max(whi, w) // min and max keep a NaN
	}
	return wlo > 0 && whi <= math.MaxFloat64
}

// scoresDirect writes scores on the 1–7 scale into dst and reports whether every one is on it.
// Null rows (definition level 0 in def, when def is not nil) are 0 already and are not checked.
func scoresDirect(dst []int8, src []int32, def []int16) bool {
	if def == nil {
		lo, hi := int32(7), int32(1)
		for i, v := range src {
			lo, hi = min(lo, v), max(hi, v)
			dst[i] = int8(v)
		}
		return lo >= 1 && hi <= 7
	}
	ok := true
	for i, v := range src {
		ok = ok && (def[i] == 0 || v >= 1 && v <= 7)
		dst[i] = int8(v)
	}
	return ok
}

// readRowGroupDirect decodes one row group with the typed column readers, in batches of
// parquetBatchRows rows; first is the number of rows before the group; skipIDs leaves
// respondent_id unread. A batch that is not complete and valid is read again, with every batch
// after it, by the pqarrow path (which reads every column).
func (d *Dataset) readRowGroupDirect(ctx context.Context, path string, ra io.ReaderAt, pf *file.Reader, rg int, cols []int, first int64, skipIDs bool, emit func(surveyResult) bool) {
	rgr := pf.RowGroup(rg)
	s := directScratchPool.Get().(*directScratch)
	defer directScratchPool.Put(s)
	own := d.openPQColumns(ra, pf, rg, cols, skipIDs, s)
	var dc directColumns
	if !own {
		var err error
		if dc, err = openDirectColumns(rgr, cols, skipIDs); err != nil {
			d.readRowGroup(ctx, path, pf, rg, cols, first, first, emit)
			return
		}
		s.orgCodes.reset(func(v string) (int32, bool) { c, ok := d.OrgIndex[v]; return c, ok })
		s.staffCodes.reset(func(v string) (int32, bool) { c, ok := staffCode(v); return int32(c), ok })
	}
	rows := rgr.NumRows()
	start := first
	for read := int64(0); read < rows; {
		if ctx.Err() != nil {
			return
		}
		n := int(min(rows-read, parquetBatchRows))
		b := newSurveyBatch(n)
		b.Org, b.Year, b.RespondentID, b.StaffGroup = b.Org[:n], b.Year[:n], b.RespondentID[:n], b.StaffGroup[:n]
		b.UsesBYOD, b.Overall, b.Remote, b.Device, b.Weight = b.UsesBYOD[:n], b.Overall[:n], b.Remote[:n], b.Device[:n], b.Weight[:n]
		var ok bool
		if own {
			ok = readPQBatch(n, b, s, skipIDs)
		} else {
			ok = readDirectBatch(&dc, n, b, s)
		}
		if !ok {
			// Not a complete and valid batch, or not a readable one: the pqarrow path reads it
			// again and names what is wrong, as it would have without the direct reader.
			directFallbacks.Add(1)
			batchPool.Put(b)
			d.readRowGroup(ctx, path, pf, rg, cols, start, first, emit)
			return
		}
		first += int64(n)
		read += int64(n)
		directBatches.Add(1)
		if !emit(surveyResult{records: int64(n), batch: b, done: first}) {
			return
		}
	}
	emit(surveyResult{last: true, done: first})
}

// parquetOwnPages lets a test leave every row group to arrow's typed readers.
var parquetOwnPages = true

// pqBatches counts the batches our page decoders gave, and pqPanics the panics they turned into
// a read by the pqarrow path (none is expected: the decoders check every length), for tests.
var pqBatches, pqPanics atomic.Int64

// openPQColumns reads a row group's survey column chunks (respondent_id left out with skipIDs)
// into s and starts our page decoders on them. It reports false when a chunk is in a layout they
// do not read; the row group then goes to arrow's typed readers.
func (d *Dataset) openPQColumns(ra io.ReaderAt, pf *file.Reader, rg int, cols []int, skipIDs bool, s *directScratch) bool {
	if !parquetOwnPages {
		return false
	}
	meta := pf.MetaData()
	rgm := meta.RowGroup(rg)
	rows := rgm.NumRows()
	for c, p := range cols {
		if c == 2 && skipIDs {
			continue
		}
		cc, err := rgm.ColumnChunk(p)
		if err != nil || cc.NumValues() != rows {
			return false
		}
		start := cc.DataPageOffset()
		if cc.HasDictionaryPage() && cc.DictionaryPageOffset() > 0 && cc.DictionaryPageOffset() < start {
			start = cc.DictionaryPageOffset()
		}
		raw, err := pqChunkBytes(ra, s.raw[c], start, cc.TotalCompressedSize())
		if err != nil {
			return false
		}
		s.raw[c] = raw
		desc := meta.Schema.Column(p)
		phys, optional := int64(desc.PhysicalType()), desc.MaxDefinitionLevel() == 1
		if !pqSupported(raw, phys, optional) {
			return false
		}
		s.pq[c].reset(raw, int64(cc.Compression()), phys, optional)
	}
	s.pq[0].codeOf = func(v []byte) int32 {
		if c, ok := d.OrgIndex[string(v)]; ok {
			return c
		}
		return -1
	}
	s.pq[3].codeOf = func(v []byte) int32 {
		if c, ok := staffCode(string(v)); ok {
			return int32(c)
		}
		return -1
	}
	return true
}

// readPQBatch reads and checks one batch of n rows with our page decoders. It reports false when
// the batch has a null where the contract allows none, an invalid value, or a page the decoders
// cannot read; the caller then reads it again by the pqarrow path, which names what is wrong.
func readPQBatch(n int, b *contract.SurveyBatch, s *directScratch, skipIDs bool) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			pqPanics.Add(1)
			ok = false
		}
	}()
	nulls, known, err := readCodes(&s.pq[0], b.Org[:n])
	if err != nil || nulls || !known {
		return false
	}
	if nulls, err = readFixed(&s.pq[1], b.Year[:n]); err != nil || nulls {
		return false
	}
	if skipIDs {
		clear(b.RespondentID[:n]) // not read (contract.SurveyScan.SkipRespondentIDs)
	} else if nulls, err = readFixed(&s.pq[2], b.RespondentID[:n]); err != nil || nulls {
		return false
	}
	if nulls, known, err = readCodes(&s.pq[3], b.StaffGroup[:n]); err != nil || nulls || !known {
		return false
	}
	if nulls, err = s.pq[4].readBools(b.UsesBYOD[:n]); err != nil || nulls {
		return false
	}
	if nulls, ok, err = s.pq[5].readScores(b.Overall[:n]); err != nil || nulls || !ok {
		return false
	}
	if _, ok, err = s.pq[6].readScores(b.Remote[:n]); err != nil || !ok {
		return false
	}
	if _, ok, err = s.pq[7].readScores(b.Device[:n]); err != nil || !ok {
		return false
	}
	if nulls, err = readFixed(&s.pq[8], b.Weight[:n]); err != nil || nulls {
		return false
	}
	if !yearsAndWeights(b, n) {
		return false
	}
	pqBatches.Add(1)
	return true
}
