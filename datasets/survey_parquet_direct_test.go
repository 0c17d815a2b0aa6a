package datasets

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/compress"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// surveyRows is the survey table as plain Go values, to write in other shapes.
type surveyRows struct {
	org, staff             []string
	year, over             []int32
	remote, device         []int32 // 0 is null
	rid                    []int64
	byod                   []bool
	weight                 []float64
	orgNull, remoteAsInt64 bool
}

// defaultSurveyRows reads the default dataset's survey into Go values.
func defaultSurveyRows(t testing.TB) surveyRows {
	t.Helper()
	staffNames := map[uint8]string{}
	for _, s := range []string{"frontline", "office", "manager", "ict", "other"} {
		c, _ := staffCode(s)
		staffNames[c] = s
	}
	d := openDefaultParquet(t)
	var r surveyRows
	_, err := d.ScanSurvey(context.Background(), SurveyScan{}, func(b *contract.SurveyBatch) error {
		for i := range b.Org {
			r.org = append(r.org, d.Orgs[b.Org[i]].Code)
			r.staff = append(r.staff, staffNames[b.StaffGroup[i]])
			r.year = append(r.year, b.Year[i])
			r.over = append(r.over, int32(b.Overall[i]))
			r.remote = append(r.remote, int32(b.Remote[i]))
			r.device = append(r.device, int32(b.Device[i]))
			r.rid = append(r.rid, b.RespondentID[i])
			r.byod = append(r.byod, b.UsesBYOD[i])
			r.weight = append(r.weight, b.Weight[i])
		}
		return nil
	})
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	return r
}

// parquetShape is how another tool might write the survey.
type parquetShape struct {
	name        string
	rowGroup    int64 // rows per row group
	dict        bool
	pageSize    int64
	v2          bool
	codec       compress.Compression
	allOptional bool // every column declared optional, as DuckDB and pandas write them
	yearInt64   bool // a type the direct reader leaves to pqarrow
	// dictLimit caps a dictionary page's size: past it the writer goes on in PLAIN pages, so a
	// column chunk holds dictionary and plain pages.
	dictLimit int64
	boolRLE   bool // booleans RLE-encoded instead of PLAIN
	deltaYear bool // years DELTA_BINARY_PACKED, an encoding our page decoder leaves to arrow
}

// writeSurveyParquet writes rows (the first n) as a survey_responses.parquet in the given shape.
func writeSurveyParquet(t testing.TB, r surveyRows, n int, shape parquetShape) []byte {
	t.Helper()
	fields := make([]arrow.Field, len(SurveyColumns))
	for i, c := range SurveyColumns {
		fields[i] = arrow.Field{Name: c.Name, Type: c.Kind.ArrowType(), Nullable: c.Nullable || shape.allOptional}
	}
	if shape.yearInt64 {
		fields[1].Type = arrow.PrimitiveTypes.Int64
	}
	schema := arrow.NewSchema(fields, nil)
	mem := memory.NewGoAllocator()
	bld := array.NewRecordBuilder(mem, schema)
	defer bld.Release()
	for i := range n {
		if r.orgNull && i == n/2 {
			bld.Field(0).AppendNull()
		} else {
			bld.Field(0).(*array.StringBuilder).Append(r.org[i])
		}
		if shape.yearInt64 {
			bld.Field(1).(*array.Int64Builder).Append(int64(r.year[i]))
		} else {
			bld.Field(1).(*array.Int32Builder).Append(r.year[i])
		}
		bld.Field(2).(*array.Int64Builder).Append(r.rid[i])
		bld.Field(3).(*array.StringBuilder).Append(r.staff[i])
		bld.Field(4).(*array.BooleanBuilder).Append(r.byod[i])
		bld.Field(5).(*array.Int32Builder).Append(r.over[i])
		for f, v := range map[int]int32{6: r.remote[i], 7: r.device[i]} {
			if v == 0 {
				bld.Field(f).AppendNull()
			} else {
				bld.Field(f).(*array.Int32Builder).Append(v)
			}
		}
		bld.Field(8).(*array.Float64Builder).Append(r.weight[i])
	}
	rec := bld.NewRecord()
	defer rec.Release()
	opts := []parquet.WriterProperty{
		parquet.WithDictionaryDefault(shape.dict),
		parquet.WithCompression(shape.codec),
		parquet.WithMaxRowGroupLength(shape.rowGroup),
	}
	if shape.pageSize > 0 {
		opts = append(opts, parquet.WithDataPageSize(shape.pageSize))
	}
	if shape.v2 {
		opts = append(opts, parquet.WithDataPageVersion(parquet.DataPageV2))
	}
	if shape.dictLimit > 0 {
		opts = append(opts, parquet.WithDictionaryPageSizeLimit(shape.dictLimit))
	}
	if shape.boolRLE {
		opts = append(opts, parquet.WithEncodingFor("uses_byod", parquet.Encodings.RLE))
	}
	if shape.deltaYear {
		opts = append(opts, parquet.WithDictionaryFor("year", false), parquet.WithEncodingFor("year", parquet.Encodings.DeltaBinaryPacked))
	}
	var buf bytes.Buffer
	w, err := pqarrow.NewFileWriter(schema, &buf, parquet.NewWriterProperties(opts...), pqarrow.DefaultWriterProps())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withSurvey is the default dataset with its survey replaced by a Parquet file.
func withSurvey(t testing.TB, survey []byte) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(Default(), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.HasPrefix(p, "survey_responses") {
			return err
		}
		data, err := fs.ReadFile(Default(), p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	m["survey_responses.parquet"] = &fstest.MapFile{Data: survey}
	return m
}

// scanOutcome is everything a survey scan gives: the batches' values (hashed, in order), the rows,
// and each reported error as text.
func scanOutcome(t testing.TB, fsys fs.FS, workers int) string {
	t.Helper()
	d, err := Open(fsys, "shape", 20)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	return scanDataset(d, workers)
}

// scanDataset is scanOutcome on an open dataset.
func scanDataset(d *Dataset, workers int) string {
	h := sha256.New()
	n, err := d.ScanSurvey(context.Background(), SurveyScan{Workers: workers, MaxErrors: 20}, func(b *contract.SurveyBatch) error {
		for _, col := range []any{b.Org, b.Year, b.RespondentID, b.StaffGroup, b.UsesBYOD, b.Overall, b.Remote, b.Device, b.Weight} {
			if err := binary.Write(h, binary.LittleEndian, col); err != nil {
				return err
			}
		}
		return nil
	})
	var problems []*FieldError
	if ve := (*ValidationError)(nil); errors.As(err, &ve) {
		problems, err = ve.List, nil
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "rows %d, err %v, digest %x\n", n, err, h.Sum(nil))
	for _, fe := range problems {
		fmt.Fprintf(&sb, "%v\n", fe)
	}
	return sb.String()
}

// TestDirectReaderMatchesPqarrow reads the survey in shapes other tools write (several and
// one-row row groups, dictionary and plain pages, both in one column chunk, small pages, data
// page v2, other codecs, every column optional, nulls, RLE booleans) and with planted errors, by
// the direct reader with our page decoder (pqpages.go), by the direct reader with arrow's typed
// column readers, and by the pqarrow path: the batches, row counts and errors must be the same.
func TestDirectReaderMatchesPqarrow(t *testing.T) {
	base := defaultSurveyRows(t)
	const big = 70000 // more than one batch in a row group
	if len(base.org) < big {
		t.Fatalf("the default survey has %d rows; the test needs %d", len(base.org), big)
	}
	bad := func(edit func(r *surveyRows)) surveyRows {
		r := base
		r.org, r.over, r.weight, r.year = append([]string(nil), base.org...), append([]int32(nil), base.over...),
			append([]float64(nil), base.weight...), append([]int32(nil), base.year...)
		edit(&r)
		return r
	}
	snappy := compress.Codecs.Snappy
	cases := []struct {
		rows  surveyRows
		n     int
		shape parquetShape
	}{
		{base, len(base.org), parquetShape{name: "as generated", rowGroup: 256 << 10, dict: true, codec: snappy}},
		{base, big, parquetShape{name: "plain pages, uncompressed, all optional", rowGroup: 30000, codec: compress.Codecs.Uncompressed, allOptional: true}},
		{base, big, parquetShape{name: "small pages v2 zstd", rowGroup: big, dict: true, pageSize: 4 << 10, v2: true, codec: compress.Codecs.Zstd}},
		{base, 5, parquetShape{name: "one-row groups", rowGroup: 1, dict: true, codec: snappy, allOptional: true}},
		{base, big, parquetShape{name: "gzip, dictionary, odd row groups", rowGroup: 12345, dict: true, codec: compress.Codecs.Gzip}},
		{base, 3000, parquetShape{name: "int64 year (pqarrow path)", rowGroup: 1000, dict: true, codec: snappy, yearInt64: true}},
		{base, big, parquetShape{name: "dictionary then plain pages, small pages", rowGroup: 40000, dict: true, pageSize: 8 << 10, dictLimit: 2 << 10, codec: snappy, allOptional: true}},
		{base, big, parquetShape{name: "RLE booleans, v1 and optional", rowGroup: 50000, dict: true, boolRLE: true, codec: snappy, allOptional: true}},
		{base, big, parquetShape{name: "RLE booleans, v2", rowGroup: big, boolRLE: true, v2: true, pageSize: 16 << 10, codec: compress.Codecs.Uncompressed}},
		{base, 5000, parquetShape{name: "delta years (typed readers)", rowGroup: 2000, dict: true, deltaYear: true, codec: snappy}},
		{bad(func(r *surveyRows) { r.over[big-10] = 9; r.org[big-5] = "E99999999" }), big,
			parquetShape{name: "invalid values in a second batch", rowGroup: big, dict: true, codec: snappy}},
		{bad(func(r *surveyRows) { r.weight[3] = math.Inf(1); r.year[100] = 1999; r.weight[200] = -1 }), 1000,
			parquetShape{name: "invalid weight and year, plain", rowGroup: 400, codec: snappy}},
		{bad(func(r *surveyRows) { r.orgNull = true }), big,
			parquetShape{name: "null org_code", rowGroup: 50000, dict: true, codec: snappy, allOptional: true}},
		{bad(func(r *surveyRows) { r.staff = append([]string(nil), base.staff...); r.staff[9] = "chef" }), 100,
			parquetShape{name: "unknown staff group", rowGroup: 50, dict: true, codec: snappy}},
	}
	for _, c := range cases {
		t.Run(c.shape.name, func(t *testing.T) {
			fsys := withSurvey(t, writeSurveyParquet(t, c.rows, c.n, c.shape))
			before, beforePQ := directBatches.Load(), pqBatches.Load()
			direct := scanOutcome(t, fsys, 2)
			if used := directBatches.Load() > before; used == c.shape.yearInt64 {
				t.Errorf("direct reader used: %v", used)
			}
			if used := pqBatches.Load() > beforePQ; used == (c.shape.yearInt64 || c.shape.deltaYear) {
				t.Errorf("our page decoder used: %v", used)
			}
			parquetOwnPages = false
			beforeTyped := directBatches.Load()
			typed := scanOutcome(t, fsys, 2)
			if used := directBatches.Load() > beforeTyped; used == c.shape.yearInt64 {
				t.Errorf("typed readers used: %v", used)
			}
			parquetOwnPages = true
			parquetDirect = false
			ref := scanOutcome(t, fsys, 2)
			parquetDirect = true
			if testing.Verbose() {
				t.Log(direct)
			}
			if direct != ref {
				t.Errorf("direct reader:\n%s\npqarrow:\n%s", direct, ref)
			}
			if typed != ref {
				t.Errorf("typed readers:\n%s\npqarrow:\n%s", typed, ref)
			}
			if one := scanOutcome(t, fsys, 1); one != direct {
				t.Errorf("one worker:\n%s\ntwo workers:\n%s", one, direct)
			}
		})
	}
}

// TestSkipRespondentIDs: a scan with SkipRespondentIDs gives the same batches as a full scan on
// every column but respondent_id, which comes back zero, and does not report a repeated id,
// which the full scan does; by the direct reader and by the pqarrow path.
func TestSkipRespondentIDs(t *testing.T) {
	base := defaultSurveyRows(t)
	const n = 3000
	r := base
	r.rid = append([]int64(nil), base.rid[:n]...)
	dup := -1
	for i := 1; i < n; i++ {
		if r.org[i] == r.org[0] && r.year[i] == r.year[0] {
			dup = i
			break
		}
	}
	if dup < 0 {
		t.Fatal("no second row for the first row's council and year")
	}
	r.rid[dup] = r.rid[0]
	fsys := withSurvey(t, writeSurveyParquet(t, r, n, parquetShape{name: "repeated id", rowGroup: 1000, dict: true, codec: compress.Codecs.Snappy}))
	d, err := Open(fsys, "shape", 20)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	scan := func(d *Dataset, skip bool) (digest string, ids []int64, err error) {
		h := sha256.New()
		_, err = d.ScanSurvey(context.Background(), SurveyScan{Workers: 2, SkipRespondentIDs: skip}, func(b *contract.SurveyBatch) error {
			ids = append(ids, b.RespondentID...)
			for _, col := range []any{b.Org, b.Year, b.StaffGroup, b.UsesBYOD, b.Overall, b.Remote, b.Device, b.Weight} {
				if err := binary.Write(h, binary.LittleEndian, col); err != nil {
					return err
				}
			}
			return nil
		})
		return fmt.Sprintf("%x", h.Sum(nil)), ids, err
	}
	for _, direct := range []bool{true, false} {
		parquetDirect = direct
		_, _, err := scan(d, false)
		var ve *ValidationError
		if !errors.As(err, &ve) || len(ve.List) != 1 || ve.List[0].Column != "respondent_id" || ve.List[0].Loc.Row != int64(dup)+1 {
			t.Errorf("direct %v: full scan gives %v, want the repeated respondent_id at row %d", direct, err, dup+1)
		}
		// Without the repeat, the full scan's batches are the reference.
		r.rid[dup] = base.rid[dup]
		ok := withSurvey(t, writeSurveyParquet(t, r, n, parquetShape{name: "unique ids", rowGroup: 1000, dict: true, codec: compress.Codecs.Snappy}))
		r.rid[dup] = r.rid[0]
		dOK, err := Open(ok, "shape", 20)
		if err != nil {
			t.Fatal(err)
		}
		want, wantIDs, err := scan(dOK, false)
		if err != nil || len(wantIDs) != n || wantIDs[5] != base.rid[5] {
			t.Fatalf("direct %v: full scan of unique ids: %v, %d ids", direct, err, len(wantIDs))
		}
		got, ids, err := scan(d, true)
		if err != nil {
			t.Errorf("direct %v: scan without ids: %v", direct, err)
		}
		if got != want {
			t.Errorf("direct %v: batches without ids differ from the full scan's", direct)
		}
		if len(ids) != n {
			t.Errorf("direct %v: %d rows, want %d", direct, len(ids), n)
		}
		for i, id := range ids {
			if direct && id != 0 {
				t.Errorf("direct reader: respondent_id %d in row %d of a scan without ids, want 0", id, i+1)
				break
			}
		}
	}
	parquetDirect = true
}
