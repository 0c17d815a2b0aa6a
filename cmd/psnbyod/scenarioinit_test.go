package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The CIO's journey from a fresh clone: a starter scenario for a council, then its business case.
func TestScenarioInitThenScenario(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, code := runCmd(t, "scenario", "init", "--org", "E06000002")
	if code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	// Every input is either from the data or marked as an assumption (or cites its source).
	inInputs := false
	for _, line := range strings.Split(stdout, "\n") {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "[") {
			inInputs = trim == "[inputs]"
			continue
		}
		if inInputs && strings.Contains(trim, "=") && !strings.HasPrefix(trim, "#") &&
			!strings.Contains(line, "FROM DATA") && !strings.Contains(line, "ASSUMPTION") {
			t.Errorf("input line neither FROM DATA nor ASSUMPTION: %s", line)
		}
	}
	for _, want := range []string{
		`organisation = "E06000002"   # FROM DATA: Middlesbrough Borough Council`,
		`staff = { dist = "fixed", value = 1594, kind = "count", label = "Staff" }   # FROM DATA: employees in the devices table, 2016`,
		// 71 / 1594 = 0.0445 → mode 0.045; min 0.0445 × 0.67 = 0.030; max 0.0445 × 1.5 = 0.067.
		`uptake = { dist = "pert", min = 0.03, mode = 0.045, max = 0.067, kind = "probability"`,
		`name = "Middlesbrough Borough Council: keep BYOD under the PSN?"`,
		"SYNTHETIC",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("starter lacks %q", want)
		}
	}
	path := filepath.Join(dir, "s.toml")
	if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "o")
	if _, stderr, code := runCmd(t, "scenario", path, "--iterations", "2000", "--out", out); code != 0 {
		t.Fatalf("scenario: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"summary.json", "business_case.html", "results.xlsx", "charts/cumulative_cash_flow.svg"} {
		if _, err := os.Stat(filepath.Join(out, "scenarios", "s", f)); err != nil {
			t.Errorf("scenario wrote no %s: %v", f, err)
		}
	}
	page, _ := os.ReadFile(filepath.Join(out, "scenarios", "s", "business_case.html"))
	if !strings.Contains(string(page), "Middlesbrough Borough Council") {
		t.Errorf("the business case does not name the council")
	}
}

func TestScenarioInitErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
		code int
	}{
		{[]string{"scenario", "init"}, "psnbyod: scenario init: --org ORG_CODE is required", 2},
		{[]string{"scenario", "init", "--org", "E0600002"}, `psnbyod: --org: "E0600002" is not an org_code in the organisations table of the embedded default dataset (did you mean E06000002 (Middlesbrough Borough Council)?); expected the code of one of its 433 organisations, such as E06000001`, 1},
		{[]string{"scenario", "init", "--org", "E06000002", "--template", "metro_borugh_byod"}, `psnbyod: --template metro_borugh_byod: not a ready scenario (did you mean "metro_borough_byod"?); expected one of county_network_procurement.toml, district_compliance_timing.toml, metro_borough_byod.toml`, 2},
	} {
		stdout, stderr, code := runCmd(t, tt.args...)
		if code != tt.code || lastLine(stderr) != tt.want || stdout != "" {
			t.Errorf("%v: exit %d, stdout %d bytes, stderr ends\n%s\nwant exit %d and\n%s", tt.args, code, len(stdout), lastLine(stderr), tt.code, tt.want)
		}
	}
}
