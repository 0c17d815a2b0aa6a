package datasets

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// rowReader turns the text cells of one row into typed values, recording a located error for every
// value that breaks its column's rule. ok stays true while the row is clean.
type rowReader struct {
	loc   Location
	cells []cell
	cols  []Column
	errs  *errorList
	ok    bool
}

func (r *rowReader) fail(i int, value, expected string, err error) {
	r.ok = false
	r.errs.Add(&FieldError{Loc: r.loc, Column: r.cols[i].Name, Value: value, Expected: expected, Err: err})
}

// present reports whether cell i holds a value, recording an error when a required one is missing.
func (r *rowReader) present(i int) bool {
	if r.cells[i].null {
		if !r.cols[i].Nullable {
			r.fail(i, r.cells[i].s, "a value (this column may not be empty)", ErrInvalidValue)
		}
		return false
	}
	return true
}

func (r *rowReader) text(i int) string {
	if !r.present(i) {
		return ""
	}
	s := strings.TrimSpace(r.cells[i].s)
	if s == "" {
		r.fail(i, r.cells[i].s, "non-empty text", ErrInvalidValue)
	}
	if msg := badText(s); msg != "" {
		r.fail(i, s, msg, ErrInvalidValue)
		return ""
	}
	return s
}

// maxTextChars is the longest text value (a name, code or region) the contract allows, in characters.
const maxTextChars = 200

// badText says what is wrong with a text value, or "": longer than MaxTextChars characters, or
// holding a control character (a NUL, a tab, a line break, an escape...), which would travel raw
// into every CSV, HTML and spreadsheet output.
func badText(s string) string {
	n := 0
	for _, c := range s {
		n++
		if unicode.IsControl(c) {
			return fmt.Sprintf("text without control characters (found %U)", c)
		}
	}
	if n > maxTextChars {
		return fmt.Sprintf("text of at most %d characters (found %d)", maxTextChars, n)
	}
	return ""
}

func (r *rowReader) enum(i int, allowed []string) string {
	s := r.text(i)
	if s == "" {
		return s
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	r.fail(i, s, "one of "+strings.Join(allowed, ", "), ErrInvalidValue)
	return s
}

func (r *rowReader) integer(i int, min, max int64, rule string) int64 {
	if !r.present(i) {
		return 0
	}
	v, ok := parseInt([]byte(r.cells[i].s))
	if !ok {
		r.fail(i, r.cells[i].s, "an integer "+rule, ErrInvalidValue)
		return 0
	}
	if v < min || v > max {
		r.fail(i, r.cells[i].s, "an integer "+rule, ErrInvalidValue)
	}
	return v
}

func (r *rowReader) year(i int) int32 {
	return int32(r.integer(i, MinYear, MaxYear, fmt.Sprintf("from %d to %d", MinYear, MaxYear)))
}

func (r *rowReader) count(i int) int64 {
	return r.integer(i, 0, math.MaxInt64, "≥ 0")
}

// amount reads a finite, non-negative float (money, areas).
func (r *rowReader) amount(i int) (float64, bool) {
	if !r.present(i) {
		return 0, false
	}
	v, ok := parseFloat([]byte(r.cells[i].s))
	if !ok || v < 0 {
		r.fail(i, r.cells[i].s, "a finite number ≥ 0", ErrInvalidValue)
		return 0, false
	}
	return v, true
}

func (r *rowReader) boolean(i int) bool {
	if !r.present(i) {
		return false
	}
	v, ok := parseBool([]byte(r.cells[i].s))
	if !ok {
		r.fail(i, r.cells[i].s, "true or false (or 1 or 0)", ErrInvalidValue)
	}
	return v
}

// orgCode reads an organisation code that must exist in the organisations table.
func (r *rowReader) orgCode(i int, index map[string]int32) int32 {
	s := r.text(i)
	if s == "" {
		return -1
	}
	o, ok := index[s]
	if !ok {
		r.fail(i, s, "an org_code present in organisations", ErrUnknownCode)
		return -1
	}
	return o
}

// orgYearKeys finds repeated (org_code, year) keys in devices and network.
type orgYearKeys struct {
	seen map[int64]int64 // key -> first row
}

func (k *orgYearKeys) check(r *rowReader, org, year int32, orgCol, yearCol int) {
	if !r.ok || org < 0 {
		return
	}
	if k.seen == nil {
		k.seen = make(map[int64]int64)
	}
	key := int64(org)<<32 | int64(year)
	if first, dup := k.seen[key]; dup {
		r.ok = false
		r.errs.Add(&FieldError{Loc: r.loc, Column: r.cols[orgCol].Name + ", " + r.cols[yearCol].Name,
			Value:    r.cells[orgCol].s + ", " + strconv.Itoa(int(year)),
			Expected: fmt.Sprintf("one row per (org_code, year); this key is also on row %d", first), Err: ErrDuplicateKey})
		return
	}
	k.seen[key] = r.loc.Row
}
