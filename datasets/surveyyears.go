package datasets

import (
	"fmt"
	"slices"
	"strings"
)

// checkYearsCovered reports each survey year that devices or network have no rows for, at the
// first survey row that has it (firstRow: year -> data row, from 1): the benchmarks and charts of
// a run join each survey year to them, and a year they lack failed the run late, after output was
// written, where validate had passed it.
func checkYearsCovered(d *Dataset, firstRow map[int32]int64, errs *errorList) {
	var dev, net [MaxYear - MinYear + 1]bool
	for _, r := range d.Devices {
		dev[r.Year-MinYear] = true
	}
	for _, r := range d.Network {
		net[r.Year-MinYear] = true
	}
	years := make([]int32, 0, len(firstRow))
	for y := range firstRow {
		years = append(years, y)
	}
	slices.Sort(years)
	tf := d.Files[TableSurvey]
	for _, y := range years {
		if k := y - MinYear; dev[k] && net[k] {
			continue
		}
		loc := Location{File: tf.Path, Row: firstRow[y], RowGroup: -1}
		if tf.Format == FormatParquet {
			loc.RowGroup = d.surveyRowGroup(loc.Row)
		} else {
			loc.Row++ // the header is row 1
		}
		errs.Add(&FieldError{Loc: loc, Column: "year", Value: fmt.Sprint(y),
			Expected: fmt.Sprintf("a survey year that both devices (%s) and network (%s) have rows for (a run joins each survey year to them; the year's later rows are not listed)",
				yearSpan(dev[:]), yearSpan(net[:])),
			Err: ErrInvalidValue})
	}
}

// yearSpan describes the years a table has rows for.
func yearSpan(has []bool) string {
	var parts []string
	for k := 0; k < len(has); k++ {
		if !has[k] {
			continue
		}
		j := k
		for j+1 < len(has) && has[j+1] {
			j++
		}
		if j == k {
			parts = append(parts, fmt.Sprint(k+MinYear))
		} else {
			parts = append(parts, fmt.Sprintf("%d–%d", k+MinYear, j+MinYear))
		}
		k = j
	}
	if len(parts) == 0 {
		return "no years"
	}
	return strings.Join(parts, ", ")
}
