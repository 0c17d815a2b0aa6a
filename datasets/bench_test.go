package datasets_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/contract"
	"github.com/psnbyod/psnbyod/datasets/synth"
)

// benchData generates a 1M-response dataset once per format, outside the timer.
var (
	benchOnce sync.Map
)

func benchDataset(b *testing.B, format datasets.Format) string {
	b.Helper()
	if dir, ok := benchOnce.Load(format); ok {
		return dir.(string)
	}
	dir, err := os.MkdirTemp("", "psnbyod-bench-")
	if err != nil {
		b.Fatal(err)
	}
	orgs, err := datasets.ReadOrganisations(datasets.Default(), 0)
	if err != nil {
		b.Fatal(err)
	}
	cfg := synth.Config{Orgs: 400, FirstYear: 2011, LastYear: 2016, RespondentsPerOrg: 434, Seed: 1, Format: format}
	if _, err := synth.Generate(context.Background(), orgs, cfg, dir); err != nil {
		b.Fatal(err)
	}
	benchOnce.Store(format, dir)
	return dir
}

func benchValidate(b *testing.B, format datasets.Format) {
	dir := benchDataset(b, format)
	var rows int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, err := datasets.Open(os.DirFS(dir), dir, 0)
		if err != nil {
			b.Fatal(err)
		}
		s, err := datasets.Validate(context.Background(), d, datasets.SurveyScan{})
		if err != nil {
			b.Fatal(err)
		}
		rows = s.Rows[datasets.TableSurvey]
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mrows/s")
}

// BenchmarkValidateParquet reads and validates about 1M survey responses from Parquet.
func BenchmarkValidateParquet(b *testing.B) { benchValidate(b, datasets.FormatParquet) }

// BenchmarkValidateCSV reads and validates about 1M survey responses from CSV.
func BenchmarkValidateCSV(b *testing.B) { benchValidate(b, datasets.FormatCSV) }

// BenchmarkReadSurveyCSV streams the survey of a CSV dataset through an empty fold: the CSV counterpart
// of BenchmarkReadSurveyParquet. It reads the folder in PSNBYOD_BENCH_CSV when set (for the 10M-response
// CSV dataset of BENCHMARKS.md), else a generated one of about 1M responses.
func BenchmarkReadSurveyCSV(b *testing.B) {
	dir := os.Getenv("PSNBYOD_BENCH_CSV")
	if dir == "" {
		dir = benchDataset(b, datasets.FormatCSV)
	}
	d, err := datasets.Open(os.DirFS(dir), dir, 0)
	if err != nil {
		b.Fatalf("open: %v", err)
	}
	var rows int64
	b.ResetTimer()
	for range b.N {
		n, err := d.ScanSurvey(context.Background(), datasets.SurveyScan{}, func(*contract.SurveyBatch) error { return nil })
		if err != nil {
			b.Fatalf("scan: %v", err)
		}
		rows = n
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mrows/s")
}

// BenchmarkGenerateParquet writes about 1M survey responses (and the small tables) to Parquet.
func BenchmarkGenerateParquet(b *testing.B) {
	orgs, err := datasets.ReadOrganisations(datasets.Default(), 0)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		cfg := synth.Config{Orgs: 400, FirstYear: 2011, LastYear: 2016, RespondentsPerOrg: 434, Seed: 1, Format: datasets.FormatParquet}
		if _, err := synth.Generate(context.Background(), orgs, cfg, b.TempDir()); err != nil {
			b.Fatal(err)
		}
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	benchOnce.Range(func(_, dir any) bool {
		os.RemoveAll(dir.(string))
		return true
	})
	os.Exit(code)
}
