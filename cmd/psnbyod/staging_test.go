package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run this test binary as psnbyod itself: with PSNBYOD_TEST_AS_COMMAND=1 in
// its environment it is the command, its arguments the command's (psnbyod run --out …), so that a
// test can kill a real run with SIGKILL at any moment.
func TestMain(m *testing.M) {
	if os.Getenv("PSNBYOD_TEST_AS_COMMAND") == "1" {
		main()
		return
	}
	code := m.Run()
	if generatedDir != "" {
		os.RemoveAll(generatedDir)
	}
	os.Exit(code)
}

// psnbyodChild is `psnbyod args...` as a child process (this test binary, as TestMain allows).
func psnbyodChild(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "PSNBYOD_TEST_AS_COMMAND=1")
	return cmd
}

var (
	generateOnce sync.Once
	generatedDir string // removed by TestMain
	generatedErr error
)

// smallGenerated is the dataset of the issue that failed late in run, made once for the package:
// psnbyod generate --orgs 50 --respondents-per-org 5 --format csv. With 5 respondents per council
// and year, every org-year is withheld from the survey charts (fewer than 10).
func smallGenerated(t *testing.T) string {
	t.Helper()
	generateOnce.Do(func() {
		if generatedDir, generatedErr = os.MkdirTemp("", "psnbyod-test-"); generatedErr != nil {
			return
		}
		dir := filepath.Join(generatedDir, "G")
		if _, stderr, code := runCmd(t, "generate", "--orgs", "50", "--respondents-per-org", "5", "--format", "csv", "--out", dir); code != 0 {
			generatedErr = fmt.Errorf("generate: exit %d: %s", code, stderr)
		}
	})
	if generatedErr != nil {
		t.Fatal(generatedErr)
	}
	return filepath.Join(generatedDir, "G")
}

var (
	smallRunOnce   sync.Once
	smallRunOut    string
	smallRunStdout string
	smallRunErr    error
)

// smallRun is the run of the issue on smallGenerated, made once for the package with the default
// options: psnbyod run --data G --out O. It returns O and what run printed.
func smallRun(t *testing.T) (string, string) {
	t.Helper()
	data := smallGenerated(t)
	smallRunOnce.Do(func() {
		smallRunOut = filepath.Join(generatedDir, "O")
		stdout, stderr, code := runCmd(t, "run", "--data", data, "--out", smallRunOut)
		smallRunStdout = stdout
		if code != 0 {
			smallRunErr = fmt.Errorf("run: exit %d: %s", code, stderr)
		}
	})
	if smallRunErr != nil {
		t.Fatal(smallRunErr)
	}
	return smallRunOut, smallRunStdout
}

// copyRun copies a complete run to a new --out (its manifest still matches) and returns the
// manifest's bytes.
func copyRun(t *testing.T, from, to string) []byte {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
	readManifest(t, to)
	b, err := os.ReadFile(filepath.Join(to, manifestName))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// holdsRun checks that out is the complete run whose manifest is want, byte for byte.
func holdsRun(t *testing.T, out string, want []byte, when string) {
	t.Helper()
	readManifest(t, out)
	got, err := os.ReadFile(filepath.Join(out, manifestName))
	if err != nil || string(got) != string(want) {
		t.Fatalf("%s: --out no longer holds the previous run (%v)", when, err)
	}
}

// readManifest reads the manifest of a complete run, checking that the folder matches it.
func readManifest(t *testing.T, out string) Manifest {
	t.Helper()
	if err := verifyManifest(out); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, manifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// stagingFolders lists the staging folders beside out.
func stagingFolders(out string) []string {
	s, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".staging-*"))
	return s
}

// The run of the issue: a generated dataset that validates used to fail late in run with "chart
// box_satisfaction_mean: plotter: no data points" (exit 1, 59 files and no report). It now exits
// 0 with the report written, the box plot drawn empty and saying why, and a matching manifest.
func TestRunGeneratedSmallDataset(t *testing.T) {
	out, stdout := smallRun(t)
	readManifest(t, out)
	for _, f := range []string{"report.html", "results.xlsx", "summary.md", "research.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	svg, err := os.ReadFile(filepath.Join(out, "charts", "box_satisfaction_mean.svg"))
	if err != nil {
		t.Fatal(err)
	}
	// Every org-year of 2016 rests on fewer than 10 respondents (5 on average; the generator's
	// draw leaves none at 10 or more), so no box is drawn and the note counts those left out.
	for _, want := range []string{"No data to show:", "with fewer than 10 respondents left out of the distributions"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("the empty box plot does not say %q", want)
		}
	}
	if !strings.Contains(stdout, "report.html") {
		t.Errorf("report.html not listed as written:\n%s", stdout)
	}
}

// kill -9 of a real `psnbyod run` at several moments — while it studies the data, while it writes
// the scenarios into its staging folder, and once every file is written (while the manifest is
// made, just before the swap) — leaves --out holding the previous complete run with a matching
// manifest. Each run's staging folder left by a kill is gone once the next run has made its own.
func TestKilledRunLeavesPreviousRun(t *testing.T) {
	prev, _ := smallRun(t)
	data := smallGenerated(t)
	out := filepath.Join(t.TempDir(), "out")
	want := copyRun(t, prev, out)
	runArgs := func(seed string) []string {
		return []string{"run", "--data", data, "--out", out, "--replications", "49", "--seed", seed}
	}
	glob := func(pattern string) func() bool {
		return func() bool {
			for _, s := range stagingFolders(out) {
				if m, _ := filepath.Glob(filepath.Join(s, pattern)); len(m) > 0 {
					return true
				}
			}
			return false
		}
	}
	moments := []struct {
		name string
		seed string
		now  func() bool // kill when this holds
	}{
		{"while studying the data", "2", nil}, // 150 ms after the start
		{"while writing the scenarios", "3", glob(filepath.Join("scenarios", "*", "*"))},
		{"with every file written, before the swap", "4", glob("summary.md")},
	}
	var left []string // staging folders the previous kill left
	for _, mo := range moments {
		cmd := psnbyodChild(runArgs(mo.seed)...)
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if mo.now == nil {
			mo.now = func() bool { return time.Since(start) > 150*time.Millisecond }
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		killed, cleaned := false, len(left) == 0
		for !killed {
			select {
			case err := <-done:
				t.Fatalf("%s: the run ended (%v) before the moment came", mo.name, err)
			case <-time.After(time.Millisecond):
			}
			if !cleaned {
				// Once this run has made its staging folder, the ones a killed run left are gone.
				now := stagingFolders(out)
				if len(now) > 0 && !slices.Equal(now, left) {
					for _, l := range left {
						if slices.Contains(now, l) {
							t.Errorf("%s: the staging folder %s a killed run left is still there", mo.name, l)
						}
					}
					cleaned = true
				}
			}
			if cleaned && mo.now() {
				cmd.Process.Signal(syscall.SIGKILL)
				killed = true
			}
		}
		if err := <-done; err == nil {
			t.Fatalf("%s: the run exited 0 before the kill", mo.name)
		}
		holdsRun(t, out, want, "after a kill "+mo.name)
		if tmp, _ := filepath.Glob(filepath.Join(out, ".*tmp-*")); len(tmp) > 0 {
			t.Errorf("after a kill %s: temporary files in --out: %v", mo.name, tmp)
		}
		left = stagingFolders(out)
	}
}

// A run that fills the disk exits 3 saying so, and leaves --out holding the previous complete run
// with a matching manifest, and no staging folder. The disk is a tmpfs just too small for a second
// run beside the first (mounting needs root, as the CI container has; the test says so otherwise).
func TestDiskFullLeavesPreviousRun(t *testing.T) {
	prev, _ := smallRun(t)
	data := smallGenerated(t)
	var size int64
	filepath.WalkDir(prev, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if st, err := d.Info(); err == nil {
				size += st.Size()
			}
		}
		return nil
	})
	disk := t.TempDir()
	// One run and a third of another fit: the second fails part way through its staging folder.
	if err := syscall.Mount("tmpfs", disk, "tmpfs", 0, fmt.Sprintf("size=%dk", (size+size/3)/1024)); err != nil {
		t.Skipf("cannot mount a small tmpfs to fill (%v): needs root or CAP_SYS_ADMIN", err)
	}
	t.Cleanup(func() { syscall.Unmount(disk, syscall.MNT_DETACH) })
	out := filepath.Join(disk, "out")
	want := copyRun(t, prev, out)
	_, stderr, code := runCmd(t, "run", "--data", data, "--out", out, "--replications", "49", "--seed", "7")
	if code != exitIO || !strings.Contains(stderr, "no space left on device") {
		t.Fatalf("a disk-full run: exit %d, %s; want exit %d saying no space left on device", code, stderr, exitIO)
	}
	holdsRun(t, out, want, "after a disk-full run")
	if s := stagingFolders(out); len(s) > 0 {
		t.Errorf("staging folders left: %v", s)
	}
}

// A failing write leaves --out as it was; a second run into a busy --out is refused with exit 1;
// --out "" and / are refused by every command that writes; a changed file fails the manifest check.
func TestStagingRefusals(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	writeGood := func(stage string) ([]string, error) {
		p := filepath.Join(stage, "sub", "f.txt")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		return []string{p}, os.WriteFile(p, []byte("good"), 0o644)
	}
	if _, err := staged(out, writeGood); err != nil {
		t.Fatal(err)
	}
	_, err := staged(out, func(stage string) ([]string, error) {
		os.WriteFile(filepath.Join(stage, "half.txt"), []byte("x"), 0o644)
		return nil, &ioFailure{what: "writing half.txt", err: syscall.ENOSPC}
	})
	if err == nil || exitCode(err, &strings.Builder{}) != exitIO {
		t.Fatalf("a disk-full failure: %v, exit %d; want exit %d", err, exitCode(err, &strings.Builder{}), exitIO)
	}
	if b, err := os.ReadFile(filepath.Join(out, "sub", "f.txt")); err != nil || string(b) != "good" {
		t.Fatalf("a failed run changed --out: %q, %v", b, err)
	}
	readManifest(t, out)
	if _, err := os.Stat(filepath.Join(out, "half.txt")); err == nil {
		t.Fatal("the failed run's file is in --out")
	}
	// Hold the lock as another run would (flock locks conflict between two opens in one process).
	abs, _ := filepath.Abs(out)
	unlock, err := lockOut(filepath.Dir(abs), filepath.Base(abs), out)
	if err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCmd(t, "run", "--data", filepath.Join("testdata", "validate", "small"), "--out", out, "--replications", "19")
	unlock()
	if code != 1 || !strings.Contains(stderr, "another psnbyod run is writing into this folder") {
		t.Fatalf("a concurrent run: exit %d: %s", code, stderr)
	}
	for _, cmd := range [][]string{{"run"}, {"benchmark"}, {"effect"}, {"scenario"}, {"sector"}, {"report"}, {"generate"}, {"compare", "a", "b"}} {
		for _, bad := range []string{"", "/", "  "} {
			if cmd[0] == "compare" && bad == "" {
				continue // compare's --out is optional: "" writes no compare.html
			}
			_, stderr, code := runCmd(t, append(cmd, "--out", bad)...)
			if code != 2 || !strings.Contains(stderr, "--out") {
				t.Errorf("%s --out %q: exit %d, %s", cmd[0], bad, code, lastLine(stderr))
			}
		}
	}
	// A changed file makes the manifest check fail, naming it.
	os.WriteFile(filepath.Join(out, "sub", "f.txt"), []byte("edited"), 0o644)
	if err := verifyManifest(out); err == nil || !strings.Contains(err.Error(), "sub/f.txt has changed") {
		t.Fatalf("got %v", err)
	}
}

// Exit statuses: a failure to write is 3 whatever the command, never 1; a step that fails on
// checked input (a chart that cannot be drawn) is 4; an interrupted run is 130.
func TestExitStatuses(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	small := filepath.Join("testdata", "validate", "small")
	// --out under a file: creating the folder fails (not a directory).
	for _, args := range [][]string{
		{"benchmark", "--data", small, "--out", filepath.Join(file, "out")},
		{"effect", "--data", smallGenerated(t), "--replications", "19", "--out", filepath.Join(file, "out")},
		{"sector", "advisory_group_funding", "--iterations", "50", "--out", filepath.Join(file, "out")},
		{"scenario", "metro_borough_byod", "--iterations", "50", "--no-documents", "--out", filepath.Join(file, "out")},
		{"generate", "--orgs", "3", "--respondents-per-org", "2", "--format", "csv", "--out", filepath.Join(file, "out")},
		{"run", "--data", small, "--replications", "19", "--out", filepath.Join(file, "out")},
	} {
		_, stderr, code := runCmd(t, args...)
		if code != exitIO || !strings.Contains(stderr, "not a directory") {
			t.Errorf("%s into a folder under a file: exit %d, %s; want %d", args[0], code, lastLine(stderr), exitIO)
		}
	}
	for _, tt := range []struct {
		err  error
		want int
	}{
		{writeFailure("rendering the documents", errors.New("chart box_x: plotter: NaN data point")), exitInternal},
		{writeFailure("writing x", &fs.PathError{Op: "open", Path: "x", Err: syscall.EACCES}), exitIO},
		{writeFailure("writing x", fmt.Errorf("report.html: %w", &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC})), exitIO},
		{writeFailure("writing x", &busyError{out: "o", lock: "l"}), 1},
		{fmt.Errorf("scenario a.toml: %w", context.Canceled), exitInterrupted},
		{&internalError{value: "boom", stack: []byte("stack")}, exitInternal},
	} {
		var msg strings.Builder
		if got := exitCode(tt.err, &msg); got != tt.want {
			t.Errorf("%v: exit %d, want %d", tt.err, got, tt.want)
		}
	}
	var msg strings.Builder
	exitCode(writeFailure("rendering the documents", errors.New("chart box_x: plotter: NaN data point")), &msg)
	if want := "psnbyod: internal error (please report it): rendering the documents: chart box_x: plotter: NaN data point\n"; msg.String() != want {
		t.Errorf("message %q, want %q", msg.String(), want)
	}
}

// A scenario or model file named ".toml" or "...toml" would write its results into --out/scenarios
// or at the root of --out: refused, with exit 2, before anything is written.
func TestResultStemRefused(t *testing.T) {
	dir := t.TempDir()
	text, err := os.ReadFile(filepath.Join("testdata", "compare", "laptops.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"...toml", ".toml"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, text, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, cmd := range []string{"scenario", "sector"} {
			out := filepath.Join(dir, "out")
			_, stderr, code := runCmd(t, cmd, path, "--out", out)
			if code != 2 || !strings.Contains(stderr, "cannot name a folder there; rename the file") {
				t.Errorf("%s %s: exit %d, %s", cmd, name, code, lastLine(stderr))
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s %s: --out written", cmd, name)
			}
		}
	}
}
