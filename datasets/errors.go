package datasets

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors, wrapped by the located errors below so callers can test with errors.Is.
var (
	ErrMissingTable  = errors.New("missing table")
	ErrMissingColumn = errors.New("missing column")
	ErrNoRows        = errors.New("no rows")
	ErrMalformed     = errors.New("malformed file")
	ErrInvalidValue  = errors.New("invalid value")
	ErrDuplicateKey  = errors.New("duplicate key")
	ErrUnknownCode   = errors.New("unknown code")
)

// Location is where in a file a problem is. Rows count from 1: for CSV the header is row 1, so the
// first data row is row 2; for Parquet the row counts data rows across the whole file, and RowGroup
// (from 0) says which row group holds it.
type Location struct {
	File     string
	Row      int64 // 0 when the problem concerns the whole file
	RowGroup int   // -1 for CSV
}

func (l Location) String() string {
	switch {
	case l.Row == 0 && l.RowGroup >= 0:
		return fmt.Sprintf("%s: row-group %d", l.File, l.RowGroup)
	case l.Row == 0:
		return l.File
	case l.RowGroup >= 0:
		return fmt.Sprintf("%s: row-group %d, row %d", l.File, l.RowGroup, l.Row)
	default:
		return fmt.Sprintf("%s: row %d", l.File, l.Row)
	}
}

// FieldError is one problem with one value: where it is, which column, the value and what was expected.
type FieldError struct {
	Loc      Location
	Column   string // empty when the problem is with the row or the file
	Value    string
	Expected string
	Err      error // a sentinel above
}

func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.Loc.String())
	if e.Column != "" {
		fmt.Fprintf(&b, ", column %s", e.Column)
	}
	if e.Column != "" || e.Value != "" {
		fmt.Fprintf(&b, ": value %s", quoteValue(e.Value))
	}
	fmt.Fprintf(&b, ": %s", e.Expected)
	return b.String()
}

func (e *FieldError) Unwrap() error { return e.Err }

// quoteValue shows a value as the user typed it, shortened when it is long.
func quoteValue(v string) string {
	const max = 60
	if len(v) > max {
		v = v[:max] + "…"
	}
	return fmt.Sprintf("%q", v)
}

// errorList collects the problems validation finds, in file order, at most Limit of them; the
// exported functions hand them over as one *ValidationError.
type errorList struct {
	List      []*FieldError
	Limit     int
	Truncated bool // more errors were found than Limit
}

// Add records a problem; it reports false once the limit is reached, so callers can stop early.
func (e *errorList) Add(fe *FieldError) bool {
	limit := e.Limit
	if limit <= 0 {
		limit = DefaultMaxErrors
	}
	if len(e.List) >= limit {
		e.Truncated = true
		return false
	}
	e.List = append(e.List, fe)
	return len(e.List) < limit
}

// Full reports whether the limit has been reached.
func (e *errorList) Full() bool {
	limit := e.Limit
	if limit <= 0 {
		limit = DefaultMaxErrors
	}
	return len(e.List) >= limit
}

// Err returns the list as an error, or nil when there were no problems.
func (e *errorList) Err() error {
	if len(e.List) == 0 {
		return nil
	}
	return &ValidationError{List: e.List, Truncated: e.Truncated}
}

// ValidationError is returned when a dataset breaks the data contract: Open, ReadOrganisations,
// ScanSurvey and Validate report problems with the data only this way. It lists every problem found,
// in file order, up to the caller's limit (Truncated says there were more), one per line.
type ValidationError struct {
	List      []*FieldError
	Truncated bool
}

func (v *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "invalid dataset: %d problem", len(v.List))
	if len(v.List) != 1 {
		b.WriteString("s")
	}
	if v.Truncated {
		b.WriteString(" shown (stopped at the limit; there are more)")
	}
	for _, fe := range v.List {
		b.WriteString("\n  ")
		b.WriteString(fe.Error())
	}
	return b.String()
}

// Unwrap lets errors.Is find the sentinels of the listed problems.
func (v *ValidationError) Unwrap() []error {
	out := make([]error, len(v.List))
	for i, fe := range v.List {
		out[i] = fe
	}
	return out
}
