package datasets

import (
	"fmt"
	"strings"
)

// columnMap maps contract columns to their positions in a file: pos[i] is the file's column index
// of cols[i], or -1 when an optional column is absent.
type columnMap struct {
	cols []Column
	pos  []int
}

// mapColumns matches a file's column names to the contract by name (order does not matter, extra
// columns are ignored) and reports missing required columns and repeated names.
func mapColumns(file string, names []string, required, optional []Column, errs *errorList) (columnMap, bool) {
	index := make(map[string]int, len(names))
	ok := true
	for i, n := range names {
		if _, dup := index[n]; dup {
			errs.Add(&FieldError{Loc: Location{File: file, Row: 1, RowGroup: -1}, Column: n, Value: n,
				Expected: "each column name once; this one appears twice", Err: ErrMalformed})
			ok = false
			continue
		}
		index[n] = i
	}
	cm := columnMap{cols: append(append([]Column{}, required...), optional...)}
	cm.pos = make([]int, len(cm.cols))
	var missing []string
	for i, c := range cm.cols {
		p, found := index[c.Name]
		if !found {
			p = -1
			if i < len(required) {
				missing = append(missing, c.Name)
			}
		}
		cm.pos[i] = p
	}
	if len(missing) > 0 {
		want := make([]string, len(required))
		for i, c := range required {
			want[i] = c.Name
		}
		errs.Add(&FieldError{Loc: Location{File: file, Row: 1, RowGroup: -1}, Column: strings.Join(missing, ", "),
			Value:    strings.Join(names, ","),
			Expected: fmt.Sprintf("missing required column(s) %s; the header must name %s", strings.Join(missing, ", "), strings.Join(want, ", ")),
			Err:      ErrMissingColumn})
		ok = false
	}
	return cm, ok
}
