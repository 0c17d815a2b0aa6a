package reports

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/effect"
	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/datasets"
)

// pointOne is a variable so that pointOne + 0.2 is float64 arithmetic (0.30000000000000004), not an
// exact constant expression (0.3).
var pointOne = 0.1

// handResult is a study result built by hand: two org-years of one council whose name a spreadsheet
// would run as a formula, one with respondents and a network row, one with neither.
func handResult() *study.Result {
	restricted := true
	return &study.Result{
		Summary:       datasets.Summary{Dataset: "hand"},
		Organisations: []datasets.Organisation{{Code: "E1", Name: "=HYPERLINK(\"x\")"}, {Code: "E2", Name: "Beta"}},
		KPIs: []benchmark.KPI{
			{Org: 0, OrgCode: "E1", Year: 2011, PeerGroup: "district", Respondents: 120,
				SatisfactionMean: benchmark.Some(pointOne + 0.2), SatisfactionSE: benchmark.Some(1.0 / 3),
				BYODRestricted: &restricted, PSNStatus: "compliant", SampleOK: true,
				Survey: benchmark.Survey{Respondents: 120, SD: 1.25, SumWeight: 118.5}},
			{Org: 0, OrgCode: "E1", Year: 2012, PeerGroup: "district", BYODUptake: benchmark.Some(-1e-7)},
		},
		Neighbours: &benchmark.NeighbourSet{
			Indicators: []benchmark.Indicator{{Name: "population", Weight: 1}, {Name: "sites", Weight: 0.5}},
			Rows:       []benchmark.Neighbour{{OrgCode: "E1", NeighbourCode: "E2", Rank: 1, Distance: 0.5, RawDistance: 2, Contributions: []float64{0.75, 0.25}}},
		},
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// column returns the named column of a CSV read with its header.
func column(t *testing.T, recs [][]string, name string) []string {
	t.Helper()
	j := slices.Index(recs[0], name)
	if j < 0 {
		t.Fatalf("no column %s in %v", name, recs[0])
	}
	var out []string
	for _, r := range recs[1:] {
		out = append(out, r[j])
	}
	return out
}

func TestWriteBenchmarks(t *testing.T) {
	dir := t.TempDir()
	written, err := WriteBenchmarks(dir, handResult())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range written {
		names = append(names, filepath.Base(p))
	}
	if want := []string{"benchmarks.parquet", "benchmarks.csv", "peers.csv", "positions.csv", "funnel.csv"}; !slices.Equal(names, want) {
		t.Errorf("wrote %v, want %v", names, want)
	}

	recs := readCSV(t, filepath.Join(dir, fileBenchmarksCSV))
	want := map[string][]string{
		// The name goes through SafeCell: a leading quote keeps a spreadsheet from running it.
		"name": {`'=HYPERLINK("x")`, `'=HYPERLINK("x")`},
		"year": {"2011", "2012"},
		// Full precision: 0.1 + 0.2 is 0.30000000000000004 as a float64, and 1/3 needs 17 digits.
		"satisfaction_mean": {"0.30000000000000004", ""},
		"satisfaction_se":   {"0.3333333333333333", ""},
		// A value too small for plain decimals keeps its exponent; a negative number is not defused.
		"byod_uptake":     {"", "-1e-07"},
		"respondents":     {"120", "0"},
		"psn_status":      {"compliant", ""},
		"byod_restricted": {"true", ""},
		"sample_ok":       {"true", "false"},
		"peer_group":      {"district", "district"},
		"satisfaction_sd": {"1.25", ""},
		"sum_weight":      {"118.5", ""},
	}
	for name, w := range want {
		if got := column(t, recs, name); !slices.Equal(got, w) {
			t.Errorf("benchmarks.csv %s = %q, want %q", name, got, w)
		}
	}
	wantHeader := []string{"org_code", "name", "year", "respondents", "satisfaction_mean", "satisfaction_se", "satisfied_share", "byod_share",
		"remote_access_mean", "device_satisfaction_mean", "byod_uptake", "devices_per_employee", "network_spend_per_site",
		"network_spend_per_employee", "compliance_spend_per_employee", "psn_status", "byod_restricted", "sample_ok", "peer_group"}
	if got := recs[0][:len(wantHeader)]; !slices.Equal(got, wantHeader) {
		t.Errorf("header starts %v, want the issue's order %v", got, wantHeader)
	}

	// The Parquet file holds the same values, with nulls for the empty cells and the name unchanged
	// (Parquet is not opened by spreadsheets, so no quote is added).
	pf, err := file.OpenParquetFile(filepath.Join(dir, fileBenchmarksParq), false)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 1024}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	col := func(name string) any {
		idx := tbl.Schema().FieldIndices(name)
		if len(idx) != 1 {
			t.Fatalf("parquet: no column %s", name)
		}
		return tbl.Column(idx[0]).Data().Chunk(0)
	}
	if mean := col("satisfaction_mean").(*array.Float64); mean.Value(0) != pointOne+0.2 || !mean.IsNull(1) {
		t.Errorf("parquet satisfaction_mean = %v", mean)
	}
	if name := col("name").(*array.String); name.Value(0) != `=HYPERLINK("x")` {
		t.Errorf("parquet name = %q", name.Value(0))
	}
	if r := col("byod_restricted").(*array.Boolean); !r.Value(0) || !r.IsNull(1) {
		t.Errorf("parquet byod_restricted = %v", r)
	}

	peers := readCSV(t, filepath.Join(dir, filePeers))
	if want := []string{"organisation", "organisation_name", "neighbour", "neighbour_name", "rank", "distance", "raw_distance", "contribution_population", "contribution_sites"}; !slices.Equal(peers[0], want) {
		t.Errorf("peers.csv header %v, want %v", peers[0], want)
	}
	if want := []string{"E1", `'=HYPERLINK("x")`, "E2", "Beta", "1", "0.5", "2", "0.75", "0.25"}; !slices.Equal(peers[1], want) {
		t.Errorf("peers.csv row %v, want %v", peers[1], want)
	}
}

// Positions and funnel points come out one row each, with empty cells for empty values.
func TestPositionsAndFunnelTables(t *testing.T) {
	r := handResult()
	r.Positions = []benchmark.Position{{OrgCode: "E1", Year: 2011, KPI: "satisfaction_mean", Polarity: benchmark.HigherIsBetter, PeerGroup: "district",
		Value: 4.5, GroupSize: 3, Rank: 2, Percentile: 50}, {OrgCode: "E2", Year: 2011, KPI: "satisfaction_mean", Polarity: benchmark.HigherIsBetter,
		PeerGroup: "district", Value: 4, GroupSize: 3, NotRanked: "fewer than 100 respondents"}}
	r.FunnelPoints = []benchmark.FunnelPoint{{OrgCode: "E1", Year: 2011, KPI: "satisfied_share", Respondents: 120, Value: 0.6, Target: 0.55,
		Lower95: 0.46, Upper95: 0.64, Lower998: 0.41, Upper998: 0.69, Flag95: "within", Flag998: "within",
		Adjustment: benchmark.AdjustAdditive, Phi: 2.5, Tau2: 0.001, AdjLower95: 0.4, AdjUpper95: 0.7, AdjLower998: 0.35, AdjUpper998: 0.75,
		AdjFlag95: "within", AdjFlag998: "within"}}
	dir := t.TempDir()
	if _, err := WriteBenchmarks(dir, r); err != nil {
		t.Fatal(err)
	}
	pos := readCSV(t, filepath.Join(dir, filePositions))
	// A group of 3 has no quartile (0), no previous year, no change: empty cells, not zeros.
	if want := []string{"E1", "2011", "satisfaction_mean", "higher_is_better", "district", "4.5", "3", "2", "50", "", "", "", "", "", "", ""}; !slices.Equal(pos[1], want) {
		t.Errorf("positions.csv row %q, want %q", pos[1], want)
	}
	// Shown but not ranked: rank and percentile empty, the reason in the last column.
	if want := []string{"E2", "2011", "satisfaction_mean", "higher_is_better", "district", "4", "3", "", "", "", "", "", "", "", "", "fewer than 100 respondents"}; !slices.Equal(pos[2], want) {
		t.Errorf("positions.csv row %q, want %q", pos[2], want)
	}
	fun := readCSV(t, filepath.Join(dir, fileFunnel))
	if want := []string{"E1", "2011", "satisfied_share", "120", "0.6", "0.55", "0.46", "0.64", "0.41", "0.69", "within", "within",
		"additive", "2.5", "0.001", "0.4", "0.7", "0.35", "0.75", "within", "within"}; !slices.Equal(fun[1], want) {
		t.Errorf("funnel.csv row %q, want %q", fun[1], want)
	}
}

// restriction_effect.json carries the effect's fields at the top level, the dataset and the
// synthetic note; without an effect nothing is written and the reason is given.
func TestWriteEffect(t *testing.T) {
	dir := t.TempDir()
	r := handResult()
	r.EffectUnavailable = "effect: no restricted org-year"
	if _, err := WriteEffect(dir, r); err == nil || !strings.Contains(err.Error(), "no restricted org-year") {
		t.Errorf("err = %v, want the reason", err)
	}
	written, err := WriteResearch(dir, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 6 || slices.ContainsFunc(written, func(p string) bool { return strings.HasSuffix(p, fileRestrictionEffect) }) {
		t.Errorf("without an effect WriteResearch wrote %v", written)
	}

	lo, hi := -0.6, -0.4
	r.Effect = &effect.Result{Estimate: -0.5, CILow: -0.55, CIHigh: -0.45, DF: 9, Clusters: 10, Observations: 60,
		Bootstrap: effect.Bootstrap{CILow: &lo, CIHigh: &hi, Replications: 1999, Seed: 3}}
	r.SyntheticNote = "made up"
	if _, err := WriteEffect(dir, r); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	b, _ := os.ReadFile(filepath.Join(dir, fileRestrictionEffect))
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got["estimate"] != -0.5 || got["ci_low"] != -0.55 || got["df"] != 9.0 || got["clusters"] != 10.0 || got["observations"] != 60.0 ||
		got["dataset"] != "hand" || got["synthetic_data_note"] != "made up" {
		t.Errorf("restriction_effect.json = %s", b)
	}
	if boot := got["bootstrap"].(map[string]any); boot["ci_low"] != -0.6 || boot["replications"] != 1999.0 || boot["seed"] != 3.0 {
		t.Errorf("bootstrap = %v", boot)
	}
}
