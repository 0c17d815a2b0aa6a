package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/scenarios"
)

// lastLine is the last line a command wrote on stderr: the error, after any usage text.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestCommandLineSlips(t *testing.T) {
	tests := []struct {
		args []string
		want string
		code int
	}{
		{[]string{"scenaro"}, `psnbyod: unknown command "scenaro" (did you mean "scenario"?)`, 2},
		{[]string{"rpeort"}, `psnbyod: unknown command "rpeort" (did you mean "report"?)`, 2},
		{[]string{"frobnicate"}, `psnbyod: unknown command "frobnicate"`, 2},
		{[]string{"scenario", "--iteraions", "5"}, `psnbyod: unknown flag --iteraions (did you mean --iterations?)`, 2},
		{[]string{"report", "--hilight", "E08000029"}, `psnbyod: unknown flag --hilight (did you mean --highlight?)`, 2},
		{[]string{"scenario", "--iterations", "0"}, `psnbyod: --iterations 0: expected a whole number of 1 or more (leave the flag out to use the file's)`, 2},
		{[]string{"scenario", "--iterations", "-5"}, `psnbyod: --iterations -5: expected a whole number of 1 or more (leave the flag out to use the file's)`, 2},
		{[]string{"sector", "--iterations", "0"}, `psnbyod: --iterations 0: expected a whole number of 1 or more (leave the flag out to use the file's)`, 2},
		{[]string{"scenario", "metro_borough_byod", "--set", "uptak=0.2"}, `psnbyod: metro_borough_byod.toml: --set uptak: no input is named "uptak" (did you mean "uptake"?); expected one of staff, uptake, container_share, laptop_price, refresh_years, device_support, container_licence, thin_client_cost, hours_saved, hourly_cost, incident_cost, separation_running, p_walled_garden_stops, walled_garden_stop_year, redesign_cost, p_product_refused, certified_licence, certification_setup, policy_setup, p_psn_wound_down, or OPTION.LINE.amount`, 1},
		{[]string{"scenario", "metro_borough_byod", "--set", "uptake"}, `psnbyod: invalid value "uptake" for flag -set: --set "uptake": expected INPUT=VALUE (a number, or a distribution such as uptake={ dist = "pert", min = 0.1, mode = 0.2, max = 0.3 }) or OPTION.LINE.amount=EXPRESSION`, 2},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			_, stderr, code := runCmd(t, append(tt.args, "--out", out)...)
			if tt.args[0] == "scenaro" || tt.args[0] == "rpeort" || tt.args[0] == "frobnicate" {
				_, stderr, code = runCmd(t, tt.args...)
			}
			if code != tt.code || lastLine(stderr) != tt.want {
				t.Errorf("exit %d, stderr ends\n%s\nwant exit %d and\n%s", code, lastLine(stderr), tt.code, tt.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written", out)
			}
		})
	}
}

// An organisation code that is not in the data is an error at the file's organisation line, with
// the nearest code or name; nothing is written.
func TestScenarioOrganisationNotInData(t *testing.T) {
	text, err := scenarios.Cost.Read("metro_borough_byod.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const tail = `is not an org_code in the organisations table of the embedded default dataset`
	// The line of the file that sets organisation, as the message must give it.
	line := strconv.Itoa(1 + strings.Count(string(text[:strings.Index(string(text), "\norganisation = ")+1]), "\n"))
	for _, tt := range []struct{ code, want string }{
		{"E0800029", `m.toml:` + line + `: organisation: "E0800029" ` + tail + ` (did you mean E08000029 (Solihull Metropolitan Borough Council)?); expected the code of one of its 433 organisations, such as E06000001`},
		{"solihull", `m.toml:` + line + `: organisation: "solihull" ` + tail + ` (did you mean E08000029 (Solihull Metropolitan Borough Council)?); expected the code of one of its 433 organisations, such as E06000001`},
		{"XYZ999", `m.toml:` + line + `: organisation: "XYZ999" ` + tail + `; expected the code of one of its 433 organisations, such as E06000001`},
	} {
		path := filepath.Join(dir, "m.toml")
		if err := os.WriteFile(path, []byte(strings.Replace(string(text), `organisation = "E08000029"`, `organisation = "`+tt.code+`"`, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out")
		_, stderr, code := runCmd(t, "scenario", path, "--iterations", "100", "--out", out)
		if code != 1 || lastLine(stderr) != "psnbyod: "+tt.want {
			t.Errorf("exit %d, stderr\n%s\nwant exit 1 and\npsnbyod: %s", code, stderr, tt.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: output written", tt.code)
		}
	}
}

func TestCheckHighlight(t *testing.T) {
	orgs, err := datasets.ReadOrganisations(datasets.Default(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkHighlight("E08000029", orgs, "the study in out"); err != nil {
		t.Errorf("a known code: %v", err)
	}
	err = checkHighlight("XYZ999", orgs, "the study in out")
	want := `--highlight: "XYZ999" is not an org_code in the organisations table of the study in out; expected the code of one of its 433 organisations, such as E06000001`
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant  %s", err, want)
	}
	if code := exitCode(err, &strings.Builder{}); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	err = checkHighlight("e08000029", orgs, "x")
	if err == nil || !strings.Contains(err.Error(), "(did you mean E08000029 (Solihull Metropolitan Borough Council)?)") {
		t.Errorf("lower-case code: %v", err)
	}
}
