package study

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/synth"
)

// One generated dataset written as CSV and as Parquet gives byte-identical results: the study does not
// depend on the file format, nor on how each reader cuts the file into batches (which is why Run folds
// every batch into one accumulator in file order; see Run).
func TestFormatIndependence(t *testing.T) {
	dir := t.TempDir()
	var got [2][]byte
	for i, format := range []datasets.Format{datasets.FormatCSV, datasets.FormatParquet} {
		// 2,000 respondents per org-year make the CSV span several 4 MiB blocks and the Parquet file
		// several batches, so the two readers batch the rows differently.
		cfg := synth.Config{Orgs: 60, FirstYear: 2011, LastYear: 2016, RespondentsPerOrg: 2000, Seed: 42, Format: format}
		d, _, err := generate(dir, cfg)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Run(context.Background(), d, Options{Replications: 49, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		r.Summary.Files, r.Summary.Dataset = nil, "" // the file names differ by design
		surveys := make([]any, len(r.KPIs))
		for j := range r.KPIs {
			surveys[j] = r.KPIs[j].Survey // the histograms, which KPI's JSON leaves out
		}
		got[i], err = json.Marshal(struct {
			R       *Result
			Surveys []any
		}{r, surveys})
		if err != nil {
			t.Fatal(err)
		}
		if r.Effect == nil || len(r.KPIs) == 0 {
			t.Fatalf("%s: no effect or no KPIs", format)
		}
	}
	if !bytes.Equal(got[0], got[1]) {
		i := 0
		for i < min(len(got[0]), len(got[1])) && got[0][i] == got[1][i] {
			i++
		}
		lo := max(0, i-200)
		t.Errorf("CSV and Parquet results differ at byte %d:\ncsv:     %s\nparquet: %s", i, got[0][lo:min(i+100, len(got[0]))], got[1][lo:min(i+100, len(got[1]))])
	}
}

// What benchmark leaves out (respondent ids, the restriction effect) changes nothing else: on a
// generated dataset in either format, every other result is the same as the full study's, and
// the effect is absent with a reason.
func TestSkipsChangeNothingElse(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []datasets.Format{datasets.FormatCSV, datasets.FormatParquet} {
		cfg := synth.Config{Orgs: 30, FirstYear: 2012, LastYear: 2015, RespondentsPerOrg: 300, Seed: 5, Format: format}
		d, _, err := generate(dir, cfg)
		if err != nil {
			t.Fatal(err)
		}
		full, err := Run(context.Background(), d, Options{Replications: 19, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		lean, err := Run(context.Background(), d, Options{Replications: 19, Seed: 3, SkipRespondentIDs: true, SkipEffect: true})
		if err != nil {
			t.Fatal(err)
		}
		if full.Effect == nil || lean.Effect != nil || lean.EffectUnavailable == "" {
			t.Fatalf("%s: effect %v in the full study, %v (%q) without", format, full.Effect != nil, lean.Effect != nil, lean.EffectUnavailable)
		}
		full.Effect, full.EffectUnavailable, lean.EffectUnavailable = nil, "", ""
		a, err := json.Marshal(full)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(lean)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: results other than the effect differ", format)
		}
	}
}
