package datasets

import (
	"fmt"
	"strings"
)

// surveyYears records the first row of each survey year, so that a scan can check at its end that
// the devices and network tables cover every year the survey has: the study joins each survey
// year to them, and a year they lack would fail later, after output was written.
type surveyYears struct {
	first [MaxYear - MinYear + 1]int64 // row of the first response of each year; 0 when none
}

// add notes the years of a valid batch. before is the number of rows before it; csv adds the
// header row.
func (s *surveyYears) add(b *SurveyBatch, before int64, csv bool) {
	last := int32(-1)
	for i, y := range b.Year {
		if y == last {
			continue
		}
		last = y
		if k := y - MinYear; s.first[k] == 0 {
			row := before + int64(i) + 1
			if csv {
				row++
			}
			s.first[k] = row
		}
	}
}

// check reports each survey year that devices or network lack, at its first row.
func (s *surveyYears) check(d *Dataset, path string, rowGroup func(int64) int, errs *Errors) {
	var dev, net [MaxYear - MinYear + 1]bool
	for _, r := range d.Devices {
		dev[r.Year-MinYear] = true
	}
	for _, r := range d.Network {
		net[r.Year-MinYear] = true
	}
	for k, row := range s.first {
		if row == 0 || (dev[k] && net[k]) {
			continue
		}
		errs.Add(&FieldError{Loc: Location{File: path, Row: row, RowGroup: rowGroup(row)}, Column: "year", Value: fmt.Sprint(k + MinYear),
			Expected: fmt.Sprintf("a year both devices (%s) and network (%s) have rows for: the study joins each survey year to them",
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
