package resultfile

import (
	"math"
	"strconv"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
)

// TableColumn is one column of a result table held in memory. Exactly one of the value slices is
// used, by Kind (Int for KindInt32 and KindInt64). Valid, when not nil, marks which rows hold a
// value; the others are written as empty (CSV) or null (Parquet).
type TableColumn struct {
	Name  string
	Kind  Kind
	Int   []int64
	Float []float64
	Str   []string
	Bool  []bool
	Valid []bool
}

// Table is a small result table: columns of equal length.
type Table struct {
	Columns []TableColumn
}

// Len is the number of rows.
func (t *Table) Len() int {
	if len(t.Columns) == 0 {
		return 0
	}
	c := t.Columns[0]
	return max(len(c.Int), len(c.Float), len(c.Str), len(c.Bool))
}

func (c *TableColumn) valid(i int) bool { return c.Valid == nil || c.Valid[i] }

// schema is the Arrow schema of the table.
func (t *Table) schema() *arrow.Schema {
	fields := make([]arrow.Field, len(t.Columns))
	for i, c := range t.Columns {
		fields[i] = arrow.Field{Name: c.Name, Type: c.Kind.ArrowType(), Nullable: c.Valid != nil}
	}
	return arrow.NewSchema(fields, nil)
}

// record builds the table as one Arrow record; the caller releases it.
func (t *Table) record(mem memory.Allocator) arrow.Record {
	b := array.NewRecordBuilder(mem, t.schema())
	defer b.Release()
	n := t.Len()
	for j := range t.Columns {
		c := &t.Columns[j]
		switch fb := b.Field(j).(type) {
		case *array.Int32Builder:
			for i := 0; i < n; i++ {
				if c.valid(i) {
					fb.Append(int32(c.Int[i]))
				} else {
					fb.AppendNull()
				}
			}
		case *array.Int64Builder:
			for i := 0; i < n; i++ {
				if c.valid(i) {
					fb.Append(c.Int[i])
				} else {
					fb.AppendNull()
				}
			}
		case *array.Float64Builder:
			for i := 0; i < n; i++ {
				if c.valid(i) && !math.IsNaN(c.Float[i]) && !math.IsInf(c.Float[i], 0) {
					fb.Append(c.Float[i])
				} else {
					fb.AppendNull()
				}
			}
		case *array.StringBuilder:
			for i := 0; i < n; i++ {
				if c.valid(i) {
					fb.Append(c.Str[i])
				} else {
					fb.AppendNull()
				}
			}
		case *array.BooleanBuilder:
			for i := 0; i < n; i++ {
				if c.valid(i) {
					fb.Append(c.Bool[i])
				} else {
					fb.AppendNull()
				}
			}
		}
	}
	return b.NewRecord()
}

// formatFloat writes a float in full precision: the shortest decimal that reads back to the same
// float64, without an exponent unless the number is very large or very small.
func formatFloat(v float64) string {
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// cellText is the CSV text of row i of a column.
func (c *TableColumn) cellText(i int) string {
	if !c.valid(i) {
		return ""
	}
	switch c.Kind {
	case KindInt32, KindInt64:
		return strconv.FormatInt(c.Int[i], 10)
	case KindFloat64:
		if math.IsNaN(c.Float[i]) || math.IsInf(c.Float[i], 0) {
			return ""
		}
		return formatFloat(c.Float[i])
	case KindBool:
		return strconv.FormatBool(c.Bool[i])
	}
	return c.Str[i]
}

// WriteTable writes the table as CSV or Parquet, by format, atomically.
func WriteTable(path string, format Format, t *Table) error {
	if format == FormatParquet {
		w, err := NewParquetWriter(path, t.schema())
		if err != nil {
			return err
		}
		rec := t.record(memory.DefaultAllocator)
		defer rec.Release()
		if err := w.Write(rec); err != nil {
			w.Abort()
			return err
		}
		return w.Close()
	}
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = c.Name
	}
	return WriteCSV(path, header, func(emit func([]string) error) error {
		rec := make([]string, len(t.Columns))
		for i := 0; i < t.Len(); i++ {
			for j := range t.Columns {
				rec[j] = t.Columns[j].cellText(i)
			}
			if err := emit(rec); err != nil {
				return err
			}
		}
		return nil
	})
}
