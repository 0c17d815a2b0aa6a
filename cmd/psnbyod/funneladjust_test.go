package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// --funnel-adjust none leaves the funnel as it was before overdispersion was estimated: its adjusted
// columns repeat the unadjusted ones, and the unadjusted columns are the same under every adjustment
// (they never depend on it). A value the flag does not know is a usage error.
func TestFunnelAdjustFlag(t *testing.T) {
	data := generateTiny(t)
	read := func(adj string) [][]string {
		out := filepath.Join(t.TempDir(), "out")
		if _, stderr, code := runCmd(t, "benchmark", "--data", data, "--out", out, "--funnel-adjust", adj); code != 0 {
			t.Fatalf("%s: exit %d: %s", adj, code, stderr)
		}
		return readCSV(t, filepath.Join(out, "funnel.csv"))
	}
	none, additive := read("none"), read("additive")
	head := none[0]
	col := func(name string) int { return slices.Index(head, name) }
	if len(none) < 2 || len(none) != len(additive) || col("adj_flag_998") < 0 {
		t.Fatalf("funnel.csv: %d and %d rows, header %q", len(none), len(additive), head)
	}
	unadjusted := col("adjustment") // the columns before it are the funnel as it was
	for i := 1; i < len(none); i++ {
		if !slices.Equal(none[i][:unadjusted], additive[i][:unadjusted]) {
			t.Errorf("row %d: unadjusted columns differ: %q vs %q", i, none[i][:unadjusted], additive[i][:unadjusted])
		}
		for _, c := range []string{"lower_95", "upper_95", "lower_998", "upper_998", "flag_95", "flag_998"} {
			if none[i][col("adj_"+c)] != none[i][col(c)] {
				t.Errorf("row %d: adj_%s %s, %s %s under none", i, c, none[i][col("adj_"+c)], c, none[i][col(c)])
			}
		}
		if none[i][col("adjustment")] != "none" || additive[i][col("adjustment")] != "additive" {
			t.Errorf("row %d: adjustment %s, %s", i, none[i][col("adjustment")], additive[i][col("adjustment")])
		}
	}
	_, stderr, code := runCmd(t, "benchmark", "--data", data, "--out", filepath.Join(t.TempDir(), "x"), "--funnel-adjust", "both")
	if code != 2 || !strings.Contains(stderr, "--funnel-adjust") {
		t.Errorf("--funnel-adjust both: exit %d, %s", code, stderr)
	}
}

// --funnel-trim sets the share of z-scores winsorised before φ and τ² are estimated. The default is 0,
// the same output as --funnel-trim 0 byte for byte; at 0.1 (FunnelPlotR's default) every φ is at most the
// untrimmed one (winsorising only pulls z-scores in) and some are smaller, while the unadjusted limits and
// flags do not move. A trim outside 0 ≤ t < 0.5, or not a number, is a usage error (exit 2) naming the
// flag, for benchmark and run alike.
func TestFunnelTrimFlag(t *testing.T) {
	data := generateTiny(t)
	bench := func(args ...string) string {
		out := filepath.Join(t.TempDir(), "out")
		if _, stderr, code := runCmd(t, append([]string{"benchmark", "--data", data, "--out", out}, args...)...); code != 0 {
			t.Fatalf("%q: exit %d: %s", args, code, stderr)
		}
		return filepath.Join(out, "funnel.csv")
	}
	def, zero, tenth := bench(), bench("--funnel-trim", "0"), bench("--funnel-trim", "0.1")
	a, err := os.ReadFile(def)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(zero); err != nil || string(a) != string(b) {
		t.Errorf("default and --funnel-trim 0 differ (%v)", err)
	}
	z, w := readCSV(t, zero), readCSV(t, tenth)
	head := z[0]
	col := func(name string) int { return slices.Index(head, name) }
	if len(z) != len(w) || len(z) < 2 || col("phi") < 0 {
		t.Fatalf("%d and %d rows, header %q", len(z), len(w), head)
	}
	smaller := 0
	for i := 1; i < len(z); i++ {
		if !slices.Equal(z[i][:col("adjustment")], w[i][:col("adjustment")]) {
			t.Errorf("row %d: unadjusted columns differ: %q vs %q", i, z[i], w[i])
		}
		p0, err0 := strconv.ParseFloat(z[i][col("phi")], 64)
		p1, err1 := strconv.ParseFloat(w[i][col("phi")], 64)
		if err0 != nil || err1 != nil || p1 > p0 {
			t.Errorf("row %d: φ %s at trim 0, %s at 0.1", i, z[i][col("phi")], w[i][col("phi")])
		}
		if p1 < p0 {
			smaller++
		}
	}
	if smaller == 0 {
		t.Error("winsorising at 10% changed no φ")
	}

	for _, cmd := range []string{"benchmark", "run"} {
		for _, bad := range []string{"0.5", "-0.1", "1", "NaN", "Inf", "ten", ""} {
			_, stderr, code := runCmd(t, cmd, "--data", data, "--out", filepath.Join(t.TempDir(), "x"), "--funnel-trim", bad)
			if code != 2 || !strings.Contains(stderr, "--funnel-trim") || !strings.Contains(stderr, "0.5") {
				t.Errorf("%s --funnel-trim %q: exit %d, %s", cmd, bad, code, stderr)
			}
		}
	}
}
