package datasets

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	arrowcsv "github.com/apache/arrow/go/v15/arrow/csv"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/compress"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"
	"github.com/golang/snappy"
)

// Hostile Parquet files, each made in the test from a small valid file by rewriting its footer or a
// page header, as a user with a hex editor (or an unlucky disk) would.

// tval is any Thrift compact value, kept whole so that a footer or page header can be changed and
// written back (test only: it allocates per value).
type tval struct {
	typ    byte
	i      int64
	raw    []byte // binary, or a double's 8 bytes
	elem   byte   // list element type
	list   []tval
	fields []tfield
	kv     byte // map key and value types
	m      []tval
}

type tfield struct {
	id int16
	v  tval
}

func decodeT(r *thriftReader, typ byte) tval {
	v := tval{typ: typ}
	switch typ {
	case tTrue, tFalse:
	case tByte, tI16, tI32, tI64:
		v.i = r.integer(typ)
	case tDouble:
		if len(r.b)-r.pos >= 8 {
			v.raw = r.b[r.pos : r.pos+8]
			r.pos += 8
		} else {
			r.fail(errThriftShort)
		}
	case tBinary:
		v.raw = r.binary(typ)
	case tList, tSet:
		n, elem := r.listHeader()
		v.elem = elem
		for i := 0; i < n && r.err == nil; i++ {
			if elem == tTrue || elem == tFalse {
				v.list = append(v.list, tval{typ: elem, i: int64(r.byte1())})
				continue
			}
			v.list = append(v.list, decodeT(r, elem))
		}
	case tMap:
		n := r.uvarint()
		if n > 0 {
			v.kv = r.byte1()
			for i := uint64(0); i < n && r.err == nil; i++ {
				v.m = append(v.m, decodeT(r, v.kv>>4), decodeT(r, v.kv&15))
			}
		}
	case tStruct:
		r.structure(typ, func(id int16, t byte) { v.fields = append(v.fields, tfield{id, decodeT(r, t)}) })
	default:
		r.failf("type %d", typ)
	}
	return v
}

func putUvarint(b []byte, u uint64) []byte { return binary.AppendUvarint(b, u) }
func putVarint(b []byte, i int64) []byte   { return putUvarint(b, uint64(i<<1)^uint64(i>>63)) }

func encodeT(b []byte, v tval) []byte {
	switch v.typ {
	case tTrue, tFalse:
	case tByte:
		b = append(b, byte(v.i))
	case tI16, tI32, tI64:
		b = putVarint(b, v.i)
	case tDouble:
		b = append(b, v.raw...)
	case tBinary:
		b = putUvarint(b, uint64(len(v.raw)))
		b = append(b, v.raw...)
	case tList, tSet:
		if len(v.list) < 15 {
			b = append(b, byte(len(v.list))<<4|v.elem)
		} else {
			b = append(b, 0xf0|v.elem)
			b = putUvarint(b, uint64(len(v.list)))
		}
		for _, e := range v.list {
			if e.typ == tTrue || e.typ == tFalse {
				b = append(b, byte(e.i))
				continue
			}
			b = encodeT(b, e)
		}
	case tMap:
		b = putUvarint(b, uint64(len(v.m)/2))
		if len(v.m) > 0 {
			b = append(b, v.kv)
			for _, e := range v.m {
				b = encodeT(b, e)
			}
		}
	case tStruct:
		var last int16
		for _, f := range v.fields {
			if d := f.id - last; d > 0 && d <= 15 {
				b = append(b, byte(d)<<4|f.v.typ)
			} else {
				b = append(b, f.v.typ)
				b = putVarint(b, int64(f.id))
			}
			last = f.id
			b = encodeT(b, f.v)
		}
		b = append(b, tStop)
	}
	return b
}

// field finds a struct's field by id, or nil.
func (v *tval) field(id int16) *tval {
	for i := range v.fields {
		if v.fields[i].id == id {
			return &v.fields[i].v
		}
	}
	return nil
}

// pqFile is a Parquet file opened for rewriting: its body and its footer as a Thrift tree.
type pqFile struct {
	body   []byte // from the start to the footer
	footer tval
}

func openPQ(t testing.TB, data []byte) *pqFile {
	t.Helper()
	n := int(binary.LittleEndian.Uint32(data[len(data)-8:]))
	start := len(data) - 8 - n
	r := &thriftReader{b: data[start : len(data)-8]}
	f := &pqFile{body: append([]byte{}, data[:start]...), footer: decodeT(r, tStruct)}
	if r.err != nil {
		t.Fatalf("footer: %v", r.err)
	}
	return f
}

func (f *pqFile) bytes() []byte {
	out := append([]byte{}, f.body...)
	foot := encodeT(nil, f.footer)
	out = append(out, foot...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(foot)))
	return append(out, "PAR1"...)
}

// chunkMeta returns the ColumnMetaData of row group g, column c.
func (f *pqFile) chunkMeta(g, c int) *tval {
	return f.footer.field(4).list[g].field(1).list[c].field(3)
}

// columnIndex finds a column by name in the schema (leaves from 0).
func (f *pqFile) columnIndex(t testing.TB, name string) int {
	for i, e := range f.footer.field(2).list[1:] {
		if string(e.field(4).raw) == name {
			return i
		}
	}
	t.Fatalf("no column %s", name)
	return -1
}

// chunkStart is where a column chunk's first page starts.
func (f *pqFile) chunkStart(g, c int) int {
	m := f.chunkMeta(g, c)
	start := m.field(9).i
	if d := m.field(11); d != nil && d.i > 0 && d.i < start {
		start = d.i
	}
	return int(start)
}

// editPageHeader rewrites the first page header of a column chunk, moving what follows and every
// offset after it so that the rest of the file stays consistent.
func (f *pqFile) editPageHeader(t testing.TB, g, c int, edit func(h *tval)) {
	t.Helper()
	pos := f.chunkStart(g, c)
	r := &thriftReader{b: f.body[pos:]}
	h := decodeT(r, tStruct)
	if r.err != nil {
		t.Fatal(r.err)
	}
	old := r.pos
	edit(&h)
	nb := encodeT(nil, h)
	delta := int64(len(nb) - old)
	f.body = append(f.body[:pos:pos], append(nb, f.body[pos+old:]...)...)
	f.shift(pos, delta)
	m := f.chunkMeta(g, c)
	m.field(7).i += delta
	m.field(6).i += delta
}

// shift moves every offset past pos by delta, after bytes were inserted or removed at pos.
func (f *pqFile) shift(pos int, delta int64) {
	for _, rg := range f.footer.field(4).list {
		for _, ch := range rg.field(1).list {
			m := ch.field(3)
			for _, id := range []int16{9, 10, 11} {
				if o := m.field(id); o != nil && o.i > int64(pos) {
					o.i += delta
				}
			}
			if o := ch.field(2); o != nil && o.i > int64(pos) {
				o.i += delta
			}
		}
	}
}

// editPage rewrites page k (from 0) of a Snappy-compressed column chunk: edit gets the page's
// header and uncompressed data and returns the new data, which is compressed again, with the
// header's sizes, the chunk's sizes and every offset after it set to match.
func (f *pqFile) editPage(t testing.TB, g, c, k int, edit func(h *tval, data []byte) []byte) {
	t.Helper()
	snappy, err := compress.GetCodec(compress.Codecs.Snappy)
	if err != nil {
		t.Fatal(err)
	}
	pos := f.chunkStart(g, c)
	for ; ; k-- {
		r := &thriftReader{b: f.body[pos:]}
		h := decodeT(r, tStruct)
		if r.err != nil {
			t.Fatal(r.err)
		}
		hlen, clen := r.pos, int(h.field(3).i)
		if k > 0 {
			pos += hlen + clen
			continue
		}
		data := snappy.Decode(nil, f.body[pos+hlen:pos+hlen+clen])
		nd := edit(&h, data)
		comp := snappy.Encode(nil, nd)
		h.field(2).i, h.field(3).i = int64(len(nd)), int64(len(comp))
		nb := append(encodeT(nil, h), comp...)
		delta := int64(len(nb) - hlen - clen)
		f.body = append(f.body[:pos:pos], append(nb, f.body[pos+hlen+clen:]...)...)
		f.shift(pos, delta)
		m := f.chunkMeta(g, c)
		m.field(7).i += delta
		m.field(6).i += delta - int64(len(comp)-clen) + int64(len(nd)-len(data))
		return
	}
}

// Small valid tables in Parquet, made from the CSV text of the hand-written dataset.

func parquetOf(t testing.TB, csvText string, cols []Column, groups int) []byte {
	t.Helper()
	schema := Schema(cols)
	// The CSV's own columns, in its order, must be the contract's for arrow's reader.
	r := arrowcsv.NewReader(strings.NewReader(csvText), schema, arrowcsv.WithHeader(true),
		arrowcsv.WithNullReader(true, ""), arrowcsv.WithChunk(-1))
	defer r.Release()
	if !r.Next() {
		t.Fatalf("csv: %v", r.Err())
	}
	rec := r.Record()
	n := rec.NumRows()
	per := (n + int64(groups) - 1) / int64(groups)
	var parts []arrow.Record
	for lo := int64(0); lo < n; lo += per {
		parts = append(parts, rec.NewSlice(lo, min(n, lo+per)))
	}
	return writeParquet(t, schema, parts...)
}

// writeParquet writes records as row groups of their own, as our writer does (Snappy, dictionary
// pages for text columns only).
func writeParquet(t testing.TB, schema *arrow.Schema, recs ...arrow.Record) []byte {
	t.Helper()
	opts := []parquet.WriterProperty{parquet.WithCompression(compress.Codecs.Snappy), parquet.WithDictionaryDefault(false)}
	for _, f := range schema.Fields() {
		if f.Type.ID() == arrow.STRING {
			opts = append(opts, parquet.WithDictionaryFor(f.Name, true))
		}
	}
	var buf bytes.Buffer
	fw, err := pqarrow.NewFileWriter(schema, &buf, parquet.NewWriterProperties(opts...), pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if err := fw.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// surveyCSV is a valid survey of n rows for the two organisations of the hand-written dataset, with
// its columns in the contract's order.
func surveyCSV(n int) string {
	var b strings.Builder
	b.WriteString("org_code,year,respondent_id,staff_group,uses_byod,overall_satisfaction,remote_access_satisfaction,device_satisfaction,weight\n")
	orgs := []string{"E06000001", "E07000223"}
	groups := []string{"frontline", "office", "ict"}
	for i := 0; i < n; i++ {
		b.WriteString(orgs[i%2] + ",2013," + itoa(i+1) + "," + groups[i%3] + ",true," + itoa(1+i%7) + ",,4,1.5\n")
	}
	return b.String()
}

func itoa(i int) string { return strconv.Itoa(i) }

// parquetDataset is the hand-written dataset with organisations and the survey as Parquet.
func parquetDataset(t testing.TB, orgs, survey []byte) fstest.MapFS {
	fsys := dataset(map[string]string{"organisations.csv": "", "survey_responses.csv": ""})
	fsys["organisations.parquet"] = &fstest.MapFile{Data: orgs}
	fsys["survey_responses.parquet"] = &fstest.MapFile{Data: survey}
	return fsys
}

func validOrgsParquet(t testing.TB) []byte {
	return parquetOf(t, validTables["organisations.csv"], organisationColumns, 2)
}

func validSurveyParquet(t testing.TB) []byte { return parquetOf(t, surveyCSV(300), SurveyColumns, 3) }

// validateParquet opens and validates a dataset, returning its problems with the data (a
// *ValidationError, nil when valid) apart from any other failure.
func validateParquet(t testing.TB, fsys fstest.MapFS) (problems, err error) {
	t.Helper()
	d, err := Open(fsys, "test", 20)
	if err == nil {
		_, err = Validate(context.Background(), d, SurveyScan{Workers: 2, MaxErrors: 20})
	}
	if ve := (*ValidationError)(nil); errors.As(err, &ve) {
		return ve, nil
	}
	return nil, err
}

func TestValidParquetDataset(t *testing.T) {
	problems, err := validateParquet(t, parquetDataset(t, validOrgsParquet(t), validSurveyParquet(t)))
	if err != nil || problems != nil {
		t.Fatalf("%v; %v", err, problems)
	}
}

// wantRefused checks that a hostile file is refused with a located error whose text holds each of
// want, and nothing panics.
func wantRefused(t *testing.T, fsys fstest.MapFS, want ...string) {
	t.Helper()
	problems, err := validateParquet(t, fsys)
	if err != nil {
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error %q does not say %q", err, w)
			}
		}
		return
	}
	if problems == nil {
		t.Fatalf("accepted; want an error saying %q", want)
	}
	msg := problems.Error()
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q does not say %q", msg, w)
		}
	}
	if strings.Contains(msg, "no rows") {
		t.Errorf("a corrupt file reported as empty: %s", msg)
	}
}

func TestParquetFooterHostile(t *testing.T) {
	orgs, survey := validOrgsParquet(t), validSurveyParquet(t)
	cases := []struct {
		name    string
		survey  bool // rewrite the survey (else organisations)
		edit    func(f *pqFile)
		want    []string
		tooBig  bool
		noGroup bool
	}{
		{name: "total_compressed_size 2^40", edit: func(f *pqFile) { f.chunkMeta(0, 0).field(7).i = 1 << 40 },
			want: []string{"organisations.parquet: row-group 0", "org_code", "total_compressed_size 1099511627776", "a size from 0 to"}},
		{name: "survey total_compressed_size 2^40", survey: true, edit: func(f *pqFile) { f.chunkMeta(1, 2).field(7).i = 1 << 40 },
			want: []string{"survey_responses.parquet: row-group 1", "respondent_id", "total_compressed_size"}},
		{name: "root num_children -1", edit: func(f *pqFile) { f.footer.field(2).list[0].field(5).i = -1 },
			want: []string{"num_children -1", "flat schema"}},
		{name: "a column declared a group", edit: func(f *pqFile) {
			f.footer.field(2).list[2].fields = append(f.footer.field(2).list[2].fields, tfield{5, tval{typ: tI32, i: 1}})
		},
			want: []string{"name", "no nested columns"}},
		{name: "num_rows 10^15", edit: func(f *pqFile) { f.footer.field(3).i = 1e15 },
			want: []string{"organisations.parquet", "1000000000000000"}},
		{name: "row group num_rows -5", edit: func(f *pqFile) { f.footer.field(4).list[0].field(3).i = -5 },
			want: []string{"row-group 0", "num_rows -5"}},
		{name: "survey num_rows 10^15", survey: true, edit: func(f *pqFile) { f.footer.field(3).i = 1e15 },
			want: []string{"survey_responses.parquet", "num_rows 1000000000000000"}},
		{name: "survey row group num_rows -5", survey: true, edit: func(f *pqFile) { f.footer.field(4).list[2].field(3).i = -5 },
			want: []string{"survey_responses.parquet: row-group 2", "num_rows -5"}},
		{name: "codec ZSTD on Snappy data", edit: func(f *pqFile) { f.chunkMeta(0, 1).field(4).i = pqZstd },
			want: []string{"row-group 0", "column name", "no Zstandard frame"}},
		{name: "survey codec ZSTD", survey: true, edit: func(f *pqFile) { f.chunkMeta(0, 5).field(4).i = pqZstd },
			want: []string{"overall_satisfaction", "no Zstandard frame"}},
		{name: "unknown codec", edit: func(f *pqFile) { f.chunkMeta(0, 1).field(4).i = 99 },
			want: []string{"codec 99"}},
		{name: "5000 row groups", edit: func(f *pqFile) {
			rgs := f.footer.field(4)
			for len(rgs.list) < 5000 {
				rgs.list = append(rgs.list, rgs.list[0])
			}
		}, want: []string{"5000 row groups", "at most 4096"}},
		{name: "num_values off", survey: true, edit: func(f *pqFile) { f.chunkMeta(0, 3).field(5).i = 7 },
			want: []string{"staff_group", "num_values 7"}},
		{name: "offset past the footer", edit: func(f *pqFile) { f.chunkMeta(1, 0).field(9).i = 1 << 50; f.chunkMeta(1, 0).field(11).i = 1 << 50 },
			want: []string{"row-group 1", "offset"}},
		{name: "wrong physical type", edit: func(f *pqFile) { f.chunkMeta(0, 4).field(1).i = pqDouble },
			want: []string{"population", "type 5"}},
		{name: "data in another file", edit: func(f *pqFile) {
			ch := &f.footer.field(4).list[0].field(1).list[0]
			ch.fields = append([]tfield{{1, tval{typ: tBinary, raw: []byte("/etc/passwd")}}}, ch.fields...)
		}, want: []string{"data in another file"}},
		{name: "truncated footer", edit: func(f *pqFile) { f.footer.fields = f.footer.fields[:1] },
			want: []string{"is missing"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := orgs
			if c.survey {
				src = survey
			}
			f := openPQ(t, src)
			c.edit(f)
			o, s := orgs, survey
			if c.survey {
				s = f.bytes()
			} else {
				o = f.bytes()
			}
			wantRefused(t, parquetDataset(t, o, s), c.want...)
		})
	}
}

func TestParquetPageHeaderHostile(t *testing.T) {
	orgs, survey := validOrgsParquet(t), validSurveyParquet(t)
	cases := []struct {
		name   string
		survey bool
		col    string
		edit   func(h *tval)
		want   []string
	}{
		{name: "compressed size 2^31-1", col: "population", edit: func(h *tval) { h.field(3).i = math.MaxInt32 },
			want: []string{"population", "compressed_page_size 2147483647", "the rest of the column chunk"}},
		{name: "uncompressed size 2^31-1", survey: true, col: "weight", edit: func(h *tval) { h.field(2).i = math.MaxInt32 },
			want: []string{"weight", "uncompressed_page_size 2147483647", "memory budget"}},
		{name: "negative size", col: "employees", edit: func(h *tval) { h.field(3).i = -1 },
			want: []string{"employees", "compressed_page_size -1"}},
		{name: "rewritten unchanged (the helper is sound)", survey: true, col: "org_code", edit: func(h *tval) {}, want: nil},
		{name: "more values than the chunk", survey: true, col: "year", edit: func(h *tval) { h.field(5).field(1).i = 1 << 30 },
			want: []string{"year", "num_values 1073741824"}},
		{name: "unknown page type", col: "region", edit: func(h *tval) { h.field(1).i = 9 },
			want: []string{"region", "page type 9"}},
		// Arrow keeps an i32's low 32 bits: this encoding read as 5 (DELTA_BINARY_PACKED) and its
		// decoder looped for ever on the page's plain values (found by FuzzParquetFile, input
		// 32c28892019b42b1).
		{name: "encoding 2^31+5, past an i32", survey: true, col: "year", edit: func(h *tval) { h.field(5).field(2).i = 1<<31 + 5 },
			want: []string{"year", "a 32-bit integer field holds 2147483653"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, cols := orgs, organisationColumns
			if c.survey {
				src, cols = survey, SurveyColumns
			}
			_ = cols
			f := openPQ(t, src)
			col := f.columnIndex(t, c.col)
			f.editPageHeader(t, 0, col, c.edit)
			o, s := orgs, survey
			if c.survey {
				s = f.bytes()
			} else {
				o = f.bytes()
			}
			if c.want == nil {
				// An unchanged rewrite must still read: the helper itself is sound.
				if problems, err := validateParquet(t, parquetDataset(t, o, s)); err != nil || problems != nil {
					t.Fatalf("%v; %v", err, problems)
				}
				return
			}
			wantRefused(t, parquetDataset(t, o, s), c.want...)
		})
	}
}

// Zeroed or random bytes in place of a column chunk's pages give an error that says the file is
// unreadable, never "no rows" and never a crash.
func TestParquetDamagedPages(t *testing.T) {
	orgs, survey := validOrgsParquet(t), validSurveyParquet(t)
	for _, fill := range []string{"zero", "random"} {
		for _, which := range []string{"organisations", "survey"} {
			t.Run(fill+" "+which, func(t *testing.T) {
				src := orgs
				if which == "survey" {
					src = survey
				}
				f := openPQ(t, src)
				m := f.chunkMeta(0, 1)
				start, n := f.chunkStart(0, 1), int(m.field(7).i)
				seed := uint32(12345)
				for i := start; i < start+n; i++ {
					if fill == "zero" {
						f.body[i] = 0
						continue
					}
					seed = seed*1664525 + 1013904223 // a fixed linear congruential sequence
					f.body[i] = byte(seed >> 24)
				}
				o, s := orgs, survey
				if which == "survey" {
					s = f.bytes()
				} else {
					o = f.bytes()
				}
				wantRefused(t, parquetDataset(t, o, s), "page")
			})
		}
	}
}

// A respondent id stored as an unsigned 64-bit integer at or above 2^63 is reported with its value,
// not as the duplicate "-1".
func TestParquetUint64RespondentID(t *testing.T) {
	fields := Schema(SurveyColumns).Fields()
	fields[2].Type = arrow.PrimitiveTypes.Uint64
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for i, id := range []uint64{1 << 63, 1<<63 + 1, 5} {
		b.Field(0).(*array.StringBuilder).Append("E06000001")
		b.Field(1).(*array.Int32Builder).Append(2013)
		b.Field(2).(*array.Uint64Builder).Append(id)
		b.Field(3).(*array.StringBuilder).Append("office")
		b.Field(4).(*array.BooleanBuilder).Append(true)
		b.Field(5).(*array.Int32Builder).Append(int32(1 + i))
		b.Field(6).(*array.Int32Builder).AppendNull()
		b.Field(7).(*array.Int32Builder).Append(3)
		b.Field(8).(*array.Float64Builder).Append(1)
	}
	rec := b.NewRecord()
	defer rec.Release()
	data := writeParquet(t, schema, rec)
	problems, err := validateParquet(t, parquetDataset(t, validOrgsParquet(t), data))
	if err != nil {
		t.Fatal(err)
	}
	msg := problems.Error()
	for _, want := range []string{"9223372036854775808", "9223372036854775809", "respondent_id"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q does not name %s", msg, want)
		}
	}
	if strings.Contains(msg, `"-1"`) {
		t.Errorf("%q reports the id as -1", msg)
	}
}

// A read that needs more memory than --max-memory is refused before it starts, saying how much.
func TestParquetMemoryBudget(t *testing.T) {
	defer SetMaxMemory(DefaultMaxMemory)
	SetMaxMemory(4 << 10)
	problems, err := validateParquet(t, parquetDataset(t, validOrgsParquet(t), validSurveyParquet(t)))
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(problems, ErrTooLarge) {
		t.Fatalf("want ErrTooLarge, got %v", problems)
	}
	if msg := problems.Error(); !strings.Contains(msg, "--max-memory") || !strings.Contains(msg, "survey_responses.parquet") {
		t.Errorf("%q does not say which file and which option", msg)
	}
}

// intsOf lists every integer in a Thrift tree, for the fuzz target to change one.
func intsOf(v *tval, out []*tval) []*tval {
	switch v.typ {
	case tByte, tI16, tI32, tI64:
		out = append(out, v)
	}
	for i := range v.list {
		out = intsOf(&v.list[i], out)
	}
	for i := range v.fields {
		out = intsOf(&v.fields[i].v, out)
	}
	return out
}

// FuzzParquetFile rewrites one number in the footer, or in the first page header of a column
// chunk, of a small valid organisations or survey file, and may flip one byte anywhere: reading the
// dataset must never crash, and must either accept it or say what is wrong.
func FuzzParquetFile(f *testing.F) {
	orgs, survey := validOrgsParquet(f), validSurveyParquet(f)
	f.Add(false, uint16(7), int64(1)<<40, false, uint32(0), byte(0))
	f.Add(true, uint16(3), int64(-5), false, uint32(0), byte(0))
	f.Add(true, uint16(0x0102), int64(math.MaxInt32), true, uint32(0), byte(0))
	f.Add(false, uint16(1), int64(-1), true, uint32(100), byte(0xff))
	f.Fuzz(func(t *testing.T, inSurvey bool, node uint16, value int64, page bool, flipAt uint32, flip byte) {
		src := orgs
		if inSurvey {
			src = survey
		}
		pf := openPQ(t, src)
		if page {
			cols := len(pf.footer.field(2).list) - 1
			pf.editPageHeader(t, 0, int(node>>8)%cols, func(h *tval) {
				if ints := intsOf(h, nil); len(ints) > 0 {
					ints[int(node&0xff)%len(ints)].i = value
				}
			})
		} else if ints := intsOf(&pf.footer, nil); len(ints) > 0 {
			ints[int(node)%len(ints)].i = value
		}
		data := pf.bytes()
		data[int(flipAt%uint32(len(data)))] ^= flip
		o, s := orgs, survey
		if inSurvey {
			s = data
		} else {
			o = data
		}
		problems, err := validateParquet(t, parquetDataset(t, o, s))
		if err != nil && problems == nil && strings.TrimSpace(err.Error()) == "" {
			t.Fatal("an error that says nothing")
		}
	})
}

// A data page of dictionary indices whose bit width lets an index point far past the dictionary is
// refused before arrow reads it: arrow sizes its dictionary converter by the largest index it
// decodes (24 bytes a slot), so a width of 30 bits on a two-entry dictionary cost 16 GB (found by
// FuzzParquetFile, input 6a2379e508bd1120, where one flipped byte did this).
func TestParquetDictionaryIndexWidth(t *testing.T) {
	optionalStaff := append([]Column{}, SurveyColumns...)
	optionalStaff[3].Nullable = true
	cases := []struct {
		name     string
		survey   bool
		col      string
		optional bool // definition levels come before the indices
		src      func(t testing.TB) []byte
		width    byte
		want     []string
	}{
		{name: "survey org_code, 30 bits", survey: true, col: "org_code", src: validSurveyParquet, width: 30,
			want: []string{"survey_responses.parquet: row-group 0", "org_code", "dictionary indices of 30 bits", "at most 2 bits for a dictionary of 2 entries"}},
		{name: "survey optional staff_group, 32 bits", survey: true, col: "staff_group", optional: true, width: 32,
			src:  func(t testing.TB) []byte { return parquetOf(t, surveyCSV(300), optionalStaff, 3) },
			want: []string{"staff_group", "dictionary indices of 32 bits", "at most 2 bits for a dictionary of 3 entries"}},
		{name: "organisations region, 31 bits", col: "region", src: validOrgsParquet, width: 31,
			want: []string{"organisations.parquet: row-group 0", "region", "dictionary indices of 31 bits"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := openPQ(t, c.src(t))
			f.editPage(t, 0, f.columnIndex(t, c.col), 1, func(h *tval, data []byte) []byte {
				if enc := h.field(5).field(2).i; enc != encRLEDictionary && enc != encPlainDictionary {
					t.Fatalf("page 1 of %s has encoding %d, not dictionary indices", c.col, enc)
				}
				off := 0
				if c.optional {
					off = 4 + int(binary.LittleEndian.Uint32(data))
				}
				data[off] = c.width
				return data
			})
			o, s := validOrgsParquet(t), validSurveyParquet(t)
			if c.survey {
				s = f.bytes()
			} else {
				o = f.bytes()
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			wantRefused(t, parquetDataset(t, o, s), c.want...)
			runtime.ReadMemStats(&after)
			// A refusal from the layout check reads a few pages; a read that got to arrow's
			// decoder would have allocated gigabytes.
			if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
				t.Errorf("refusing the file allocated %d bytes", got)
			}
		})
	}
}

// The same rewrite that leaves the bit width as written reads as valid: editPage itself is sound.
func TestParquetEditPageUnchanged(t *testing.T) {
	f := openPQ(t, validSurveyParquet(t))
	f.editPage(t, 1, f.columnIndex(t, "staff_group"), 1, func(h *tval, data []byte) []byte { return data })
	if problems, err := validateParquet(t, parquetDataset(t, validOrgsParquet(t), f.bytes())); err != nil || problems != nil {
		t.Fatalf("%v; %v", err, problems)
	}
}

// A delta-encoded page's header sizes arrow's buffers (miniblock widths, a miniblock's values, the
// lengths of the values), unchecked: a header claiming 2^40 miniblocks or values is refused first,
// and a page of genuine delta encoding still reads.
func TestParquetDeltaHeader(t *testing.T) {
	uv := func(vs ...uint64) []byte {
		var b []byte
		for _, v := range vs {
			b = binary.AppendUvarint(b, v)
		}
		return append(b, 0) // first value, zigzag 0
	}
	cases := []struct {
		name   string
		header []byte
		want   []string
	}{
		{"2^40 miniblocks", uv(128, 1<<40, 10), []string{"year", "1099511627776 miniblocks"}},
		{"block of 2^40 values", uv(1<<40, 4, 10), []string{"year", "delta block size 1099511627776", "multiple of 128"}},
		{"2^40 values", uv(128, 4, 1<<40), []string{"year", "a delta header of 1099511627776 values", "at most the page's 100 values"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := openPQ(t, validSurveyParquet(t))
			f.editPage(t, 0, f.columnIndex(t, "year"), 0, func(h *tval, data []byte) []byte {
				h.field(5).field(2).i = encDeltaBinaryPacked
				return append(c.header, data[len(c.header):]...)
			})
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			wantRefused(t, parquetDataset(t, validOrgsParquet(t), f.bytes()), c.want...)
			runtime.ReadMemStats(&after)
			if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
				t.Errorf("refusing the file allocated %d bytes", got)
			}
		})
	}
	t.Run("genuine delta pages read", func(t *testing.T) {
		schema := Schema(SurveyColumns)
		r := arrowcsv.NewReader(strings.NewReader(surveyCSV(300)), schema, arrowcsv.WithHeader(true),
			arrowcsv.WithNullReader(true, ""), arrowcsv.WithChunk(-1))
		defer r.Release()
		if !r.Next() {
			t.Fatalf("csv: %v", r.Err())
		}
		props := parquet.NewWriterProperties(parquet.WithDictionaryDefault(false), parquet.WithDataPageVersion(parquet.DataPageV2),
			parquet.WithEncodingFor("year", parquet.Encodings.DeltaBinaryPacked),
			parquet.WithEncodingFor("respondent_id", parquet.Encodings.DeltaBinaryPacked),
			parquet.WithEncodingFor("org_code", parquet.Encodings.DeltaByteArray),
			parquet.WithEncodingFor("staff_group", parquet.Encodings.DeltaLengthByteArray))
		var buf bytes.Buffer
		fw, err := pqarrow.NewFileWriter(schema, &buf, props, pqarrow.NewArrowWriterProperties())
		if err != nil {
			t.Fatal(err)
		}
		if err := fw.Write(r.Record()); err != nil {
			t.Fatal(err)
		}
		if err := fw.Close(); err != nil {
			t.Fatal(err)
		}
		if problems, err := validateParquet(t, parquetDataset(t, validOrgsParquet(t), buf.Bytes())); err != nil || problems != nil {
			t.Fatalf("%v; %v", err, problems)
		}
	})
}

// validateWithin validates a dataset as validateParquet does, failing the test if that takes more
// than 30 seconds: a read that would loop for ever fails by this deadline, not by the test binary's.
func validateWithin(t *testing.T, fsys fstest.MapFS) (problems, err error) {
	t.Helper()
	type outcome struct{ problems, err error }
	done := make(chan outcome, 1)
	go func() {
		p, e := validateParquet(t, fsys)
		done <- outcome{p, e}
	}()
	select {
	case o := <-done:
		return o.problems, o.err
	case <-time.After(30 * time.Second):
		t.Fatal("validation still running after 30 s: the read hangs")
		return nil, nil
	}
}

// A data page of an optional column whose definition levels end before its values made validate
// hang: arrow v15's column reader decodes levels until their runs end, with no error, then asks
// for the rest of the page for ever (file.columnChunkReader.readBatch). The layout check refuses
// such a page, with its place, before arrow reads it. The first case is the input FuzzPageDecoder
// found (testdata/fuzz/FuzzPageDecoder/4e4c65dcc202fb99): a flipped byte in the Snappy data of
// org_code's first data page turned its levels' first run, a repeated run of 150 ones (0xac 0x02
// 0x01), into a bit-packed run of 6 groups (0x0d) that the levels' 3 bytes cannot hold (arrow,
// reading on into the values, got 48 levels and no more).
func TestParquetDefinitionLevelsShort(t *testing.T) {
	t.Run("fuzz input 4e4c65dcc202fb99", func(t *testing.T) {
		data := writeSurveyParquet(t, defaultSurveyRows(t), 300,
			parquetShape{name: "snappy", rowGroup: 150, dict: true, codec: compress.Codecs.Snappy, allOptional: true})
		// The fuzz input's flips: byte 4 + 123 % span with 0x30, byte 4 + 81 % span with 0xa1.
		span := uint32(len(data) - 8 - int(binary.LittleEndian.Uint32(data[len(data)-8:])) - 4)
		data[4+123%span] ^= 0x30
		data[4+81%span] ^= 0xa1
		problems, err := validateWithin(t, withSurvey(t, data))
		if err != nil || problems == nil {
			t.Fatalf("want a located problem, got %v; %v", err, problems)
		}
		for _, w := range []string{"survey_responses.parquet: row-group 0", "column org_code", "page 1 at byte 33: definition levels cut short",
			"a definition level for each of the page's 150 values (its levels end after 0)"} {
			if !strings.Contains(problems.Error(), w) {
				t.Errorf("error %q does not say %q", problems, w)
			}
		}
	})
	// The same in a page of plain values of remote_access_satisfaction (optional), whose Snappy data
	// the check decompresses only as far as the levels go: the levels rewritten as one repeated run
	// of fewer levels than the page's 100 values, or as a run of none.
	for _, c := range []struct {
		name   string
		levels []byte
		want   string
	}{
		{"a run of 99 levels", append(binary.AppendUvarint(nil, 99<<1), 1), "its levels end after 99"},
		{"a bit-packed run of 12 groups in 2 bytes", []byte{12<<1 | 1, 0xff, 0xff}, "its levels end after 0"},
		{"a run of no levels", []byte{0, 1}, "its levels end after 0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := openPQ(t, validSurveyParquet(t))
			col := f.columnIndex(t, "remote_access_satisfaction")
			f.editPage(t, 0, col, 0, func(h *tval, data []byte) []byte {
				if n := h.field(5).field(1).i; n != 100 {
					t.Fatalf("page 0 of remote_access_satisfaction has %d values, want 100", n)
				}
				if enc := h.field(5).field(2).i; enc != encPlain {
					t.Fatalf("page 0 of remote_access_satisfaction has encoding %d, want PLAIN", enc)
				}
				values := data[4+binary.LittleEndian.Uint32(data):]
				out := binary.LittleEndian.AppendUint32(nil, uint32(len(c.levels)))
				return append(append(out, c.levels...), values...)
			})
			problems, err := validateWithin(t, parquetDataset(t, validOrgsParquet(t), f.bytes()))
			if err != nil || problems == nil {
				t.Fatalf("want a located problem, got %v; %v", err, problems)
			}
			for _, w := range []string{"survey_responses.parquet: row-group 0", "column remote_access_satisfaction",
				"definition levels cut short", "each of the page's 100 values", c.want} {
				if !strings.Contains(problems.Error(), w) {
					t.Errorf("error %q does not say %q", problems, w)
				}
			}
		})
	}
}

// The same in a data page v2, whose levels are stored uncompressed before its values: the first
// run header of remote_access_satisfaction's levels made a run of no values.
func TestParquetDefinitionLevelsShortV2(t *testing.T) {
	data := writeSurveyParquet(t, defaultSurveyRows(t), 300,
		parquetShape{name: "v2", rowGroup: 150, v2: true, codec: compress.Codecs.Snappy, allOptional: true})
	f := openPQ(t, data)
	pos := f.chunkStart(0, f.columnIndex(t, "remote_access_satisfaction"))
	r := &thriftReader{b: f.body[pos:]}
	h := decodeT(r, tStruct)
	if r.err != nil || h.field(1).i != pageDataV2 || h.field(8).field(5).i == 0 {
		t.Fatalf("the chunk's first page is not a v2 data page with definition levels: %v", r.err)
	}
	f.body[pos+r.pos+int(h.field(8).field(6).i)] = 0 // after the repetition levels, if any
	problems, err := validateWithin(t, withSurvey(t, f.bytes()))
	if err != nil || problems == nil {
		t.Fatalf("want a located problem, got %v; %v", err, problems)
	}
	for _, w := range []string{"survey_responses.parquet: row-group 0", "column remote_access_satisfaction",
		"page 0 at byte", "definition levels cut short", "(its levels end after 0)"} {
		if !strings.Contains(problems.Error(), w) {
			t.Errorf("error %q does not say %q", problems, w)
		}
	}
}

// snappyPrefix gives the first bytes of what snappy.Decode gives, for literals short and long and
// copies with 1- and 2-byte offsets (what snappy.Encode writes for the text below) and, by hand, a
// copy with a 4-byte offset; it refuses a block cut short or a copy from before its start.
func TestSnappyPrefix(t *testing.T) {
	var text []byte
	seed := uint32(7)
	for i := range 70000 {
		seed = seed*1664525 + 1013904223
		if i%1000 < 300 {
			text = append(text, byte(seed>>24)) // incompressible stretches: literals
		} else {
			text = append(text, "abcdefgh"[i%8], byte('0'+i/5000%10)) // repeats: copies
		}
	}
	block := snappy.Encode(nil, text)
	for _, want := range []int{0, 1, 4, 17, 300, 4096, 65536, 70000, len(text)} {
		got, ok := snappyPrefix(make([]byte, 8), block, want)
		if !ok || !bytes.Equal(got, text[:want]) {
			t.Fatalf("prefix of %d: ok %v, %d bytes, equal %v", want, ok, len(got), bytes.Equal(got, text[:min(want, len(got))]))
		}
	}
	// 8 bytes: the literal "abcd", then a copy of 4 bytes from 4 back, its offset in 4 bytes.
	if got, ok := snappyPrefix(nil, []byte{8, 3 << 2, 'a', 'b', 'c', 'd', 3 | 3<<2, 4, 0, 0, 0}, 8); !ok || string(got) != "abcdabcd" {
		t.Errorf("a copy with a 4-byte offset: %q %v, want \"abcdabcd\"", got, ok)
	}
	if _, ok := snappyPrefix(nil, block[:len(block)/2], len(text)); ok {
		t.Error("half a block gave all the text")
	}
	if _, ok := snappyPrefix(nil, []byte{10, 0x01 | 2<<2, 5}, 4); ok { // a copy before any byte
		t.Error("a copy with nothing to copy from was accepted")
	}
}
