package datasets

import (
	"context"
	"sort"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// Validate streams the survey table of an opened dataset to check every row, and summarises the
// dataset. A dataset that breaks the contract gives a *ValidationError listing the problems.
func Validate(ctx context.Context, d *Dataset, scan SurveyScan) (Summary, error) {
	errs := &errorList{Limit: scan.MaxErrors}
	orgYears := map[int64]bool{}
	// years maps each survey year to the first data row (from 1) that has it. fn only sees
	// batches while no row has been dropped for a problem, so the rows before a batch are the
	// rows of the batches before it.
	years := map[int32]int64{}
	var seen int64
	rows, err := d.scanSurvey(ctx, scan, errs, func(b *contract.SurveyBatch) error {
		var lastKey int64 = -1
		for i := range b.Org {
			key := int64(b.Org[i])<<32 | int64(b.Year[i])
			if key != lastKey {
				orgYears[key] = true
				if _, ok := years[b.Year[i]]; !ok {
					years[b.Year[i]] = seen + int64(i) + 1
				}
				lastKey = key
			}
		}
		seen += int64(b.Len())
		return nil
	})
	if err != nil {
		return Summary{}, err
	}
	if err := errs.Err(); err != nil {
		return Summary{}, err
	}
	ys := make([]int32, 0, len(years))
	for y := range years {
		ys = append(ys, y)
	}
	sort.Slice(ys, func(i, j int) bool { return ys[i] < ys[j] })
	if checkYearsCovered(d, years, errs); errs.Err() != nil {
		return Summary{}, errs.Err()
	}
	return d.Summarise(rows, len(orgYears), ys), nil
}
