package main

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The compare table of a small scenario against itself with an input and a line's amount changed.
// The figures can be checked by hand: laptops cost staff × E[uptake] × E[price] = 400 × 0.1667
// (PERT mean (0.1 + 4·0.15 + 0.3)/6) × £683.33 (triangular mean) = £45,556, which the mean of
// 4,000 draws (−£45,452) matches within its ± 2 SE (£498, as in the table).
func TestCompareGolden(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, code := runCmd(t, "compare", filepath.Join("testdata", "compare", "laptops.toml"),
		"--set", `licence={ dist = "uniform", min = 20, max = 40 }`,
		"--set", "byod.licences.amount=staff * uptake * licence + 500", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	stdout = strings.ReplaceAll(stdout, out, "OUT")
	stdout = strings.ReplaceAll(stdout, filepath.Join("testdata", "compare")+string(filepath.Separator), "")
	golden(t, filepath.Join("compare", "table.golden"), stdout)
	page, err := os.ReadFile(filepath.Join(out, "compare.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Let staff bring their own", "−£11,704", "Secure container licence (£ a user a year)", "staff * uptake * licence + 500"} {
		if !strings.Contains(html.UnescapeString(string(page)), want) {
			t.Errorf("compare.html lacks %q", want)
		}
	}
}

// Two result folders compare as they are, recomputing nothing.
func TestCompareFolders(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	file := filepath.Join("testdata", "compare", "laptops.toml")
	if _, stderr, code := runCmd(t, "scenario", file, "--out", a, "--no-draws"); code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := runCmd(t, "scenario", file, "--out", b, "--no-draws", "--set", "laptop_price=1200"); code != 0 {
		t.Fatal(stderr)
	}
	stdout, stderr, code := runCmd(t, "compare", a, b)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Laptop price (£)  triangular (max 900, min 500, mode 650)  1,200", "The advice is the same in both runs."} {
		if !strings.Contains(stdout, want) {
			t.Errorf("compare of folders lacks %q:\n%s", want, stdout)
		}
	}
	if _, stderr, code := runCmd(t, "compare", a); code != 2 || !strings.Contains(stderr, "compare takes two result folders or scenario files (or one scenario and --set), not 1") {
		t.Errorf("one folder: exit %d, %s", code, lastLine(stderr))
	}
}
