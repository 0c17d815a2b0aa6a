package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Nearest neighbours stay within class and nation by default; --neighbours-across-nations lets them
// cross nations (never classes); --neighbours-config reads a TOML and a misspelt key is a usage error.
func TestNeighbourFlags(t *testing.T) {
	data := generateTiny(t)
	orgs := readCSV(t, filepath.Join(data, "organisations.csv"))
	col := func(name string) int {
		for i, c := range orgs[0] {
			if c == name {
				return i
			}
		}
		t.Fatalf("organisations.csv has no %s", name)
		return -1
	}
	typ, nation := map[string]string{}, map[string]string{}
	for _, r := range orgs[1:] {
		typ[r[0]] = r[col("org_type")]
		nation[r[0]] = peerNation(r[0], typ[r[0]]) // generated tables carry no nation column
	}
	crossings := func(args ...string) (classes, nations, rows int) {
		out := filepath.Join(t.TempDir(), "out")
		if _, stderr, code := runCmd(t, append([]string{"benchmark", "--data", data, "--out", out}, args...)...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		peers := readCSV(t, filepath.Join(out, "peers.csv"))
		for _, r := range peers[1:] {
			if peerClass(typ[r[0]]) != peerClass(typ[r[2]]) {
				classes++
			}
			if nation[r[0]] != nation[r[2]] {
				nations++
			}
		}
		return classes, nations, len(peers) - 1
	}
	if c, n, rows := crossings(); c != 0 || n != 0 || rows == 0 {
		t.Errorf("default: %d pairs cross class, %d cross nation, of %d", c, n, rows)
	}
	if c, n, _ := crossings("--neighbours-across-nations"); c != 0 || n == 0 {
		t.Errorf("across nations: %d pairs cross class, %d cross nation", c, n)
	}
	cfg := filepath.Join(t.TempDir(), "n.toml")
	if err := os.WriteFile(cfg, []byte("across_classes = true\nacross_nations = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, _, _ := crossings("--neighbours-config", cfg); c == 0 {
		t.Error("across_classes = true: no pair crosses class")
	}
	if err := os.WriteFile(cfg, []byte("acros_nations = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCmd(t, "benchmark", "--data", data, "--out", filepath.Join(t.TempDir(), "x"), "--neighbours-config", cfg)
	if code != 2 || !strings.Contains(stderr, "acros_nations") {
		t.Errorf("misspelt key: exit %d, %s", code, stderr)
	}
}
