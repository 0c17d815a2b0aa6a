package resultfile

import "github.com/apache/arrow/go/v15/arrow"

// Kind is the logical type of a table column (the data contract's columns use the same kinds).
type Kind uint8

// Column kinds.
const (
	KindString Kind = iota
	KindInt32
	KindInt64
	KindFloat64
	KindBool
)

func (k Kind) String() string {
	return [...]string{"string", "int32", "int64", "float64", "bool"}[k]
}

// ArrowType is the Arrow type a column kind is written with.
func (k Kind) ArrowType() arrow.DataType {
	switch k {
	case KindInt32:
		return arrow.PrimitiveTypes.Int32
	case KindInt64:
		return arrow.PrimitiveTypes.Int64
	case KindFloat64:
		return arrow.PrimitiveTypes.Float64
	case KindBool:
		return arrow.FixedWidthTypes.Boolean
	}
	return arrow.BinaryTypes.String
}

// Format is how a table is stored.
type Format string

// Table formats.
const (
	FormatCSV     Format = "csv"
	FormatParquet Format = "parquet"
)
