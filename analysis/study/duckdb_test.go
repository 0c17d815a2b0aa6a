package study

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/contract"
)

// TestAgreesWithDuckDB checks the per-org-year figures against the peers' DuckDB BENCHMARK workload
// (shared/peers/bench_duckdb.mjs) on a large dataset. It needs data the repository does not hold, so it
// runs only when PSNBYOD_DUCKDB_DATA names a dataset folder and PSNBYOD_DUCKDB_ORGYEAR the
// *_orgyear.csv DuckDB wrote from that folder's survey_responses and network files:
//
//	node bench_duckdb.mjs DIR/survey_responses.parquet DIR/network.parquet /tmp/dk
//	PSNBYOD_DUCKDB_DATA=DIR PSNBYOD_DUCKDB_ORGYEAR=/tmp/dk_orgyear.csv go test -run DuckDB ./analysis/study
//
// Both benchmark.WorkloadOrgYears (over an accumulator folded as Run folds) and the study's KPI rows
// must agree with DuckDB to 1e-9 relative; counts, medians and the restriction flag exactly.
func TestAgreesWithDuckDB(t *testing.T) {
	dir, ref := os.Getenv("PSNBYOD_DUCKDB_DATA"), os.Getenv("PSNBYOD_DUCKDB_ORGYEAR")
	if dir == "" || ref == "" {
		t.Skip("set PSNBYOD_DUCKDB_DATA and PSNBYOD_DUCKDB_ORGYEAR to compare with DuckDB")
	}
	f, err := os.Open(ref)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range recs[0] {
		col[name] = i
	}
	recs = recs[1:]

	d, err := datasets.Open(os.DirFS(dir), dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	acc := benchmark.NewAccumulator(len(d.Orgs), 0, -1)
	if _, err := d.ScanSurvey(context.Background(), datasets.SurveyScan{}, func(b *contract.SurveyBatch) error { acc.Add(b); return nil }); err != nil {
		t.Fatal(err)
	}
	rows := benchmark.WorkloadOrgYears(d.Orgs, d.Network, acc)
	r, err := Run(context.Background(), d, Options{Replications: 9})
	if err != nil {
		t.Fatal(err)
	}
	kpis := map[[2]string]*benchmark.KPI{}
	for i := range r.KPIs {
		k := &r.KPIs[i]
		kpis[[2]string{k.OrgCode, strconv.Itoa(int(k.Year))}] = k
	}
	if len(rows) != len(recs) {
		t.Fatalf("%d org-years, DuckDB %d", len(rows), len(recs))
	}
	worst := 0.0
	check := func(what string, got float64, cell string) {
		want, err := strconv.ParseFloat(cell, 64)
		if err != nil {
			t.Fatalf("%s: DuckDB value %q: %v", what, cell, err)
		}
		rel := math.Abs(got-want) / math.Max(math.Abs(want), 1e-300)
		if got == want {
			rel = 0
		}
		worst = math.Max(worst, rel)
		if rel > 1e-9 {
			t.Errorf("%s: %v, DuckDB %v (relative %.2g)", what, got, want, rel)
		}
	}
	for i, w := range rows {
		rec := recs[i]
		key := [2]string{rec[col["org_code"]], rec[col["year"]]}
		if w.OrgCode != key[0] || strconv.Itoa(int(w.Year)) != key[1] {
			t.Fatalf("row %d: %s %d, DuckDB %s %s", i, w.OrgCode, w.Year, key[0], key[1])
		}
		id := w.OrgCode + " " + key[1]
		if strconv.FormatInt(w.N, 10) != rec[col["n"]] {
			t.Errorf("%s n: %d, DuckDB %s", id, w.N, rec[col["n"]])
		}
		restricted := ""
		if w.BYODRestricted != nil {
			restricted = strconv.FormatBool(*w.BYODRestricted)
		}
		if restricted != rec[col["byod_restricted"]] {
			t.Errorf("%s byod_restricted: %q, DuckDB %q", id, restricted, rec[col["byod_restricted"]])
		}
		check(id+" sum_weight", w.SumWeight, rec[col["sum_weight"]])
		check(id+" mean_satisfaction", w.MeanSatisfaction, rec[col["mean_satisfaction"]])
		check(id+" sd_satisfaction", w.SDSatisfaction, rec[col["sd_satisfaction"]])
		check(id+" share_satisfied", w.ShareSatisfied, rec[col["share_satisfied"]])
		check(id+" share_byod", w.ShareBYOD, rec[col["share_byod"]])
		check(id+" median_satisfaction", w.MedianSatisfaction, rec[col["median_satisfaction"]])
		k := kpis[key]
		if k == nil {
			t.Fatalf("%s: no KPI row", id)
		}
		check(id+" KPI satisfaction_mean", k.SatisfactionMean.Value, rec[col["mean_satisfaction"]])
		check(id+" KPI satisfied_share", k.SatisfiedShare.Value, rec[col["share_satisfied"]])
		check(id+" KPI byod_share", k.BYODShare.Value, rec[col["share_byod"]])
		check(id+" KPI satisfaction_median", k.SatisfactionMedian.Value, rec[col["median_satisfaction"]])
	}
	t.Logf("%d org-years agree with DuckDB; worst relative difference %.3g", len(rows), worst)
}
