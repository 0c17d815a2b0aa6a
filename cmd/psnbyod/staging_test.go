package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run this test binary as a child writer (PSNBYOD_STAGING_CHILD=out,run-id):
// it writes a run of many files through staged, slowly enough to be killed at any moment.
func TestMain(m *testing.M) {
	if spec := os.Getenv("PSNBYOD_STAGING_CHILD"); spec != "" {
		out, id, _ := strings.Cut(spec, ",")
		_, err := staged(out, func(stage string) ([]string, error) {
			var paths []string
			for i := range 40 {
				p := filepath.Join(stage, "sub", fmt.Sprintf("f%02d.txt", i))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					return nil, err
				}
				if err := os.WriteFile(p, []byte(strings.Repeat(id+"\n", 2000)), 0o644); err != nil {
					return nil, err
				}
				paths = append(paths, p)
				time.Sleep(2 * time.Millisecond)
			}
			return paths, nil
		})
		os.Exit(exitCode(err, os.Stderr))
	}
	os.Exit(m.Run())
}

func childWrite(t *testing.T, out, id string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PSNBYOD_STAGING_CHILD="+out+","+id)
	return cmd
}

// runID reads which run a complete --out holds, checking that every file is from that one run and
// that the manifest matches.
func runID(t *testing.T, out string) string {
	t.Helper()
	if err := verifyManifest(out); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for i := range 40 {
		data, err := os.ReadFile(filepath.Join(out, "sub", fmt.Sprintf("f%02d.txt", i)))
		if err != nil {
			t.Fatal(err)
		}
		ids[strings.SplitN(string(data), "\n", 2)[0]] = true
	}
	if len(ids) != 1 {
		t.Fatalf("--out mixes runs %v", ids)
	}
	for id := range ids {
		return id
	}
	return ""
}

// kill -9 at random moments of a run: --out always holds the previous complete run (or the new
// complete one, when the kill came after the swap), with a matching manifest, and the next run
// cleans the staging folder the killed one left.
func TestKilledRunLeavesPreviousRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if b, err := childWrite(t, out, "run0").CombinedOutput(); err != nil {
		t.Fatalf("first run: %v: %s", err, b)
	}
	prev := "run0"
	rng := rand.New(rand.NewPCG(1, 2))
	for k := 1; k <= 6; k++ {
		id := "run" + strconv.Itoa(k)
		cmd := childWrite(t, out, id)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(150)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got := runID(t, out)
		if got != prev && got != id {
			t.Fatalf("after kill %d: --out holds %s, want %s or %s", k, got, prev, id)
		}
		prev = got
	}
	if b, err := childWrite(t, out, "last").CombinedOutput(); err != nil {
		t.Fatalf("run after kills: %v: %s", err, b)
	}
	if got := runID(t, out); got != "last" {
		t.Fatalf("--out holds %s after a complete run", got)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".out.staging-*"))
	if len(left) != 0 {
		t.Fatalf("staging folders left: %v", left)
	}
}

// A failing write leaves --out as it was; a second run into a busy --out is refused with exit 1;
// --out "" and / are refused.
func TestStagingRefusals(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if b, err := childWrite(t, out, "good").CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	_, err := staged(out, func(stage string) ([]string, error) {
		os.WriteFile(filepath.Join(stage, "half.txt"), []byte("x"), 0o644)
		return nil, &ioFailure{what: "writing half.txt", err: syscall.ENOSPC}
	})
	if err == nil || exitCode(err, &strings.Builder{}) != exitIO {
		t.Fatalf("a disk-full failure: %v, exit %d; want exit %d", err, exitCode(err, &strings.Builder{}), exitIO)
	}
	if got := runID(t, out); got != "good" {
		t.Fatalf("a failed run changed --out: %s", got)
	}
	// Hold the lock as another run would.
	abs, _ := filepath.Abs(out)
	unlock, err := lockOut(filepath.Dir(abs), filepath.Base(abs), out)
	if err != nil {
		t.Fatal(err)
	}
	b, err := childWrite(t, out, "second").CombinedOutput()
	unlock()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(string(b), "another psnbyod run is writing into this folder") {
		t.Fatalf("a concurrent run: %v: %s", err, b)
	}
	for _, bad := range []string{"", "/", "  "} {
		_, stderr, code := runCmd(t, "run", "--out", bad)
		if code != 2 || !strings.Contains(stderr, "--out") {
			t.Errorf("--out %q: exit %d, %s", bad, code, stderr)
		}
	}
	// A changed file makes the manifest check fail, naming it.
	os.WriteFile(filepath.Join(out, "sub", "f03.txt"), []byte("edited"), 0o644)
	if err := verifyManifest(out); err == nil || !strings.Contains(err.Error(), "sub/f03.txt has changed") {
		t.Fatalf("got %v", err)
	}
}
