package costmodel

import (
	"fmt"
	"strings"
)

// Error is a problem in a scenario file, located by file, line and field so that the person who
// wrote the file can go straight to it.
type Error struct {
	File  string // file name as given to Parse
	Line  int    // 1-based line of the field, or 0 when it cannot be located
	Field string // dotted path of the field, e.g. "inputs.uptake.min" or "options[1].lines[0].amount"
	Msg   string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		b.WriteString(": ")
		b.WriteString(e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in one scenario file, in the order found. Parse returns all of
// them rather than stopping at the first, so one edit can fix several.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap lets errors.As find each *Error.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
