package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/datasets/contract"
	"github.com/psnbyod/psnbyod/datasets/scenarios"
)

// runCmd drives the whole command line and returns stdout, stderr and the exit status main would give.
func runCmd(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, &stdout, &stderr)
	code := exitCode(err, &stderr)
	return stdout.String(), stderr.String(), code
}

// generateTiny writes a small synthetic CSV dataset with the generate command and returns its folder.
func generateTiny(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if _, stderr, code := runCmd(t, "generate", "--out", dir, "--orgs", "40", "--respondents-per-org", "30", "--format", "csv", "--seed", "5"); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, stderr)
	}
	return dir
}

// readCSV reads a whole CSV file.
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

// listDir names the files in dir, sorted; none when it does not exist.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// run on the default dataset writes every output, lists them on stdout, and marks the effect as
// made from synthetic data.
func TestRunWritesEverything(t *testing.T) {
	if testing.Short() {
		t.Skip("a whole run on the default dataset (about a second)")
	}
	out := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := runCmd(t, "run", "--out", out, "--replications", "199")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{"benchmarks.csv", "benchmarks.parquet", "charts", "dataset_summary.json", "funnel.csv", "manifest.json", "peers.csv", "positions.csv",
		"report.html", "research.json", "restriction_effect.json", "results.xlsx", "scenarios", "sector", "summary.md"}
	if got := listDir(t, out); !slices.Equal(got, want) {
		t.Errorf("files %v, want %v (and no temporary files)", got, want)
	}
	// The manifest lists every file with its hash, and report accepts the folder.
	if err := verifyManifest(out); err != nil {
		t.Error(err)
	}
	if !strings.Contains(stdout, filepath.Join(out, "manifest.json")) || strings.Contains(stdout, ".staging-") {
		t.Errorf("stdout does not list the files where they ended up:\n%s", stdout)
	}
	for _, sc := range scenarios.Cost.Files() {
		dir := filepath.Join("scenarios", strings.TrimSuffix(sc, ".toml"))
		want := []string{"business_case.html", "cashflows.csv", "charts", "draws.parquet", "scenario.json", "summary.json"}
		if got := listDir(t, filepath.Join(out, dir)); !slices.Equal(got, want) {
			t.Errorf("%s holds %v, want %v", dir, got, want)
		}
	}
	for _, name := range want {
		if !strings.Contains(stdout, filepath.Join(out, name)) {
			t.Errorf("stdout does not list %s:\n%s", name, stdout)
		}
	}

	var eff map[string]any
	b, err := os.ReadFile(filepath.Join(out, "restriction_effect.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &eff); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"estimate", "std_error", "ci_low", "ci_high", "p_value", "df", "clusters", "observations", "bootstrap", "event_study", "per_year", "synthetic_data_note"} {
		if _, ok := eff[key]; !ok {
			t.Errorf("restriction_effect.json has no %q", key)
		}
	}
	boot := eff["bootstrap"].(map[string]any)
	for _, key := range []string{"ci_low", "ci_high", "replications", "seed"} {
		if _, ok := boot[key]; !ok {
			t.Errorf("restriction_effect.json bootstrap has no %q", key)
		}
	}
	if boot["replications"] != 199.0 || boot["seed"] != 1.0 {
		t.Errorf("bootstrap replications %v seed %v, want 199 and the default seed 1", boot["replications"], boot["seed"])
	}
	if eff["synthetic_data_note"] != contract.SyntheticNote {
		t.Errorf("synthetic_data_note = %v", eff["synthetic_data_note"])
	}
	// The default dataset's truth.json plants −0.4728; the estimate must be near it and its
	// interval should hold it.
	if est := eff["estimate"].(float64); est > -0.40 || est < -0.55 || eff["ci_low"].(float64) > -0.4728 || eff["ci_high"].(float64) < -0.4728 {
		t.Errorf("estimate %v [%v, %v]; the default dataset plants −0.4728", est, eff["ci_low"], eff["ci_high"])
	}

	recs := readCSV(t, filepath.Join(out, "benchmarks.csv"))
	header := recs[0]
	for _, c := range []string{"org_code", "name", "year", "respondents", "satisfaction_mean", "satisfaction_se", "satisfied_share", "byod_share",
		"remote_access_mean", "device_satisfaction_mean", "byod_uptake", "devices_per_employee", "network_spend_per_site",
		"network_spend_per_employee", "compliance_spend_per_employee", "psn_status", "byod_restricted", "sample_ok", "peer_group"} {
		if !slices.Contains(header, c) {
			t.Errorf("benchmarks.csv has no column %s", c)
		}
	}
	// 433 councils × 6 years in devices and network (dataset_summary.json of the default dataset).
	if len(recs)-1 != 2598 {
		t.Errorf("benchmarks.csv has %d rows, want 2598", len(recs)-1)
	}
	checkDefaultFunnelShares(t, filepath.Join(out, "funnel.csv"))
}

// checkDefaultFunnelShares checks the default run's funnel on the default dataset: limits adjusted
// additively with τ² by DerSimonian–Laird from z-scores not winsorised leave under 1% of each KPI's
// org-years outside the adjusted 99.8% limits (0.2% expected if the random-effects model holds; this is a
// property of the data and the method, not of the code alone), and φ and τ² are reported on every row.
func checkDefaultFunnelShares(t *testing.T, path string) {
	t.Helper()
	recs := readCSV(t, path)
	col := func(name string) int { return slices.Index(recs[0], name) }
	kpi, adj, flag, phi, tau2 := col("kpi"), col("adjustment"), col("adj_flag_998"), col("phi"), col("tau2")
	if kpi < 0 || adj < 0 || flag < 0 || phi < 0 || tau2 < 0 {
		t.Fatalf("funnel.csv header %q", recs[0])
	}
	points, outside := map[string]int{}, map[string]int{}
	for _, r := range recs[1:] {
		points[r[kpi]]++
		if r[flag] != "within" {
			outside[r[kpi]]++
		}
		if r[adj] != "additive" || r[phi] == "" || r[tau2] == "" || r[tau2] == "0" {
			t.Errorf("row %q: want the additive adjustment with φ and a positive τ²", r)
			break
		}
	}
	for _, k := range []string{"satisfaction_mean", "satisfied_share"} {
		share := float64(outside[k]) / float64(points[k])
		if points[k] == 0 || share >= 0.01 {
			t.Errorf("%s: %d of %d org-years (%.2f%%) outside the adjusted 99.8%% limits, want under 1%%", k, outside[k], points[k], 100*share)
		}
	}
}

// benchmark on a small generated dataset writes the benchmark tables and nothing else.
func TestBenchmarkCommand(t *testing.T) {
	data := generateTiny(t)
	out := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := runCmd(t, "benchmark", "--data", data, "--out", out, "--workers", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{"benchmarks.csv", "benchmarks.parquet", "funnel.csv", "peers.csv", "positions.csv"}
	if got := listDir(t, out); !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	if strings.Contains(stdout, "note:") {
		t.Errorf("a generated folder is not the default dataset, yet stdout carries the synthetic note:\n%s", stdout)
	}
	// benchmark leaves respondent_id unread and says so.
	if !strings.Contains(stdout, "checked: the data as psnbyod run does, except survey_responses' respondent_id") {
		t.Errorf("stdout does not say what benchmark checked:\n%s", stdout)
	}
	// 40 organisations, 2011–2016: 240 org-years in devices and network.
	if n := len(readCSV(t, filepath.Join(out, "benchmarks.csv"))) - 1; n != 240 {
		t.Errorf("benchmarks.csv has %d rows, want 240", n)
	}
	// Each of the 40 organisations gets its 15 nearest within its class and nation, or all the others
	// of its group when the group is smaller.
	orgs := readCSV(t, filepath.Join(data, "organisations.csv"))
	groups := map[string]int{}
	for _, r := range orgs[1:] {
		groups[peerClass(r[2])+"/"+peerNation(r[0], r[2])]++
	}
	wantRows := 0
	for _, size := range groups {
		wantRows += size * min(15, size-1)
	}
	if orgs[0][0] != "org_code" || orgs[0][2] != "org_type" || len(orgs) != 41 {
		t.Fatalf("organisations.csv header %q, %d rows", orgs[0], len(orgs)-1)
	}
	if n := len(readCSV(t, filepath.Join(out, "peers.csv"))) - 1; n != wantRows {
		t.Errorf("peers.csv has %d rows, want %d (groups %v)", n, wantRows, groups)
	}
}

// effect writes restriction_effect.json and prints the estimate.
func TestEffectCommand(t *testing.T) {
	data := generateTiny(t)
	out := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := runCmd(t, "effect", "--data", data, "--out", out, "--replications", "99", "--seed", "11")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := listDir(t, out); !slices.Equal(got, []string{"restriction_effect.json"}) {
		t.Errorf("files %v", got)
	}
	if !strings.Contains(stdout, "restriction effect on satisfaction_mean:") {
		t.Errorf("stdout:\n%s", stdout)
	}
	var eff struct {
		Bootstrap struct{ Replications, Seed int }
		Note      *string `json:"synthetic_data_note"`
	}
	b, _ := os.ReadFile(filepath.Join(out, "restriction_effect.json"))
	if err := json.Unmarshal(b, &eff); err != nil {
		t.Fatal(err)
	}
	if eff.Bootstrap.Replications != 99 || eff.Bootstrap.Seed != 11 || eff.Note != nil {
		t.Errorf("bootstrap %+v, note %v; want 99 replications, seed 11, no synthetic note", eff.Bootstrap, eff.Note)
	}
	if _, _, code := runCmd(t, "effect", "--replications", "0"); code != 2 {
		t.Errorf("--replications 0: exit %d, want 2", code)
	}
}

// A dataset with one bad value fails with exit status 1, names the problem on stderr and writes
// nothing, whichever command reads it.
func TestInvalidDataWritesNothing(t *testing.T) {
	data := generateTiny(t)
	path := filepath.Join(data, "survey_responses.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	cells := strings.Split(lines[5], ",") // data row 5 is file row 6
	cells[5] = "8"                        // overall_satisfaction must be 1..7
	lines[5] = strings.Join(cells, ",")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"run", "benchmark", "effect"} {
		out := filepath.Join(t.TempDir(), "out")
		stdout, stderr, code := runCmd(t, cmd, "--data", data, "--out", out)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1", cmd, code)
		}
		if !strings.Contains(stderr, "survey_responses.csv: row 6, column overall_satisfaction: value \"8\"") {
			t.Errorf("%s: stderr does not locate the bad value:\n%s", cmd, stderr)
		}
		if files := listDir(t, out); len(files) != 0 || strings.Contains(stdout, "wrote") {
			t.Errorf("%s: wrote %v; stdout %q", cmd, files, stdout)
		}
	}
}
