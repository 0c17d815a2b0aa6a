package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Counts from flags are bounded by what memory allows and refused before any work starts (a
// trillion iterations or replications ran out of memory).
func TestHugeCountsRefusedUpFront(t *testing.T) {
	out := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"scenario", "metro_borough_byod", "--iterations", "1000000000000", "--out", out}, "expected 1 to 10000000"},
		{[]string{"scenario", "metro_borough_byod", "--iterations", "9000000", "--out", out, "--max-memory", "64MiB"}, "iterations fit"},
		{[]string{"sector", "psn_deadline_2014", "--iterations", "1000000000000", "--out", out}, "expected 1 to 10000000"},
		{[]string{"effect", "--replications", "1000000000000", "--out", out}, "expected 1 to 1000000"},
	}
	for _, c := range cases {
		_, stderr, code := runCmd(t, c.args...)
		if code == 0 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want an error saying %q", c.args, code, stderr, c.want)
		}
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 0 {
		t.Errorf("refused runs wrote %d files", len(entries))
	}
}

// A deeply nested or oversized scenario file is refused before parsing.
func TestHostileScenarioFiles(t *testing.T) {
	dir := t.TempDir()
	deep := filepath.Join(dir, "deep.toml")
	os.WriteFile(deep, []byte("x = "+strings.Repeat("{a=", 20000)+"1"+strings.Repeat("}", 20000)+"\n"), 0o644)
	big := filepath.Join(dir, "big.toml")
	os.WriteFile(big, []byte(strings.Repeat("# padding\n", 200000)), 0o644)
	for path, want := range map[string]string{deep: "nested more than 16 deep", big: "larger than 1048576 bytes"} {
		_, stderr, code := runCmd(t, "scenario", path, "--out", filepath.Join(dir, "out"))
		if code == 0 || !strings.Contains(stderr, want) {
			t.Errorf("%s: exit %d, %q", path, code, stderr)
		}
	}
}
