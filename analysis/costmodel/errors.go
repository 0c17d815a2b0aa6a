package costmodel

import (
	"errors"
	"fmt"
	"strings"
)

// Kinds of problem in a scenario or model file. Every *Error wraps one, so a caller can tell them
// apart with errors.Is (also through Errors) without reading the message, which stays written for
// the person who wrote the file.
var (
	ErrSyntax         = errors.New("TOML syntax error")
	ErrTooLarge       = errors.New("beyond a size limit")
	ErrMissing        = errors.New("missing field")
	ErrUnknownField   = errors.New("unknown field")
	ErrWrongType      = errors.New("value of the wrong type")
	ErrDistribution   = errors.New("bad distribution")
	ErrUnknownInput   = errors.New("unknown input")
	ErrUnknownOption  = errors.New("unknown option")
	ErrExpression     = errors.New("bad expression")
	ErrNegativeAmount = errors.New("negative amount")
	ErrCorrelation    = errors.New("bad correlation")
	ErrDuplicate      = errors.New("defined twice")
	ErrOverride       = errors.New("bad --set override")
	// ErrInvalidValue is any other value outside what its field allows.
	ErrInvalidValue = errors.New("invalid value")
)

// Error is a problem in a scenario file, located by file, line and field so that the person who
// wrote the file can go straight to it.
type Error struct {
	File  string // file name as given to Parse
	Line  int    // 1-based line of the field, or 0 when it cannot be located
	Field string // dotted path of the field, e.g. "inputs.uptake.min" or "options[1].lines[0].amount"
	Msg   string
	Kind  error // one of the Err kinds above; the message does not include it
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

// Unwrap returns the kind of problem, for errors.Is.
func (e *Error) Unwrap() error { return e.Kind }

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

// Unwrap lets errors.As find each *Error, and errors.Is each one's kind.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
