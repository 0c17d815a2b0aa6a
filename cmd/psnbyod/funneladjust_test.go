package main

import (
	"path/filepath"
	"slices"
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
