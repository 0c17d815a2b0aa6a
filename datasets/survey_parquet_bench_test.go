package datasets

import (
	"context"
	"os"
	"testing"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// BenchmarkReadSurveyParquet streams the survey of a Parquet dataset through an empty fold, by the
// direct reader (with and without respondent_id, as benchmark reads it) and by the pqarrow path. It reads the folder in PSNBYOD_BENCH_PARQUET when set (for
// the 10M-response dataset of BENCHMARKS.md), else the embedded default dataset (266k responses).
func BenchmarkReadSurveyParquet(b *testing.B) {
	open := func() *Dataset {
		var d *Dataset
		var err error
		if dir := os.Getenv("PSNBYOD_BENCH_PARQUET"); dir != "" {
			d, err = Open(os.DirFS(dir), dir, 0)
		} else {
			d, err = Open(Default(), DefaultName, 0)
		}
		if err != nil {
			b.Fatalf("open: %v", err)
		}
		return d
	}
	for _, c := range []struct {
		name           string
		direct, skipID bool
	}{{"direct", true, false}, {"direct_no_ids", true, true}, {"pqarrow", false, false}} {
		direct := c.direct
		b.Run(c.name, func(b *testing.B) {
			saved := parquetDirect
			parquetDirect = direct
			defer func() { parquetDirect = saved }()
			d := open()
			var rows int64
			b.ResetTimer()
			for range b.N {
				n, err := d.ScanSurvey(context.Background(), SurveyScan{SkipRespondentIDs: c.skipID}, func(*contract.SurveyBatch) error { return nil })
				if err != nil {
					b.Fatalf("scan: %v", err)
				}
				rows = n
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mrows/s")
		})
	}
}
