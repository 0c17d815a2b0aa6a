package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"golang.org/x/sys/unix"
)

// A run writes into a staging folder beside --out and, once every file and the manifest are
// written, swaps it with --out in one step (renameat2 RENAME_EXCHANGE, or a rename when --out does
// not exist yet). So --out holds one complete run, or the previous one, whatever happens: a failure,
// kill -9, a full disk. A lock beside --out (flock, released by the kernel when the process dies)
// refuses a second run into the same folder; staging folders a killed run left are removed by the
// next one.

// manifestName is the file a run writes last, listing every other file with its SHA-256.
const manifestName = "manifest.json"

// Manifest describes a complete run's folder.
type Manifest struct {
	Command []string          `json:"command"`
	Version string            `json:"version"`
	Files   map[string]string `json:"files"` // path relative to the folder (slash-separated) -> SHA-256 hex
}

// checkOut refuses an --out that would write where a run must not: empty, a file-system root, or
// an existing file.
func checkOut(out string) (string, error) {
	if strings.TrimSpace(out) == "" {
		return "", &usageError{msg: "--out is empty: name a folder for the results"}
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", &usageError{msg: fmt.Sprintf("--out %s: %v", out, err)}
	}
	if filepath.Dir(abs) == abs {
		return "", &usageError{msg: fmt.Sprintf("--out %s is the root of the file system: name a folder for the results", out)}
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		return "", &usageError{msg: fmt.Sprintf("--out %s is a file: name a folder for the results", out)}
	}
	return abs, nil
}

// staged runs write with a staging folder for out, then makes it out. write returns the paths it
// wrote (inside the staging folder); staged returns them as they are in out.
func staged(out string, write func(stage string) ([]string, error)) ([]string, error) {
	abs, err := checkOut(out)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, &ioFailure{what: "creating the folder of --out", err: err}
	}
	unlock, err := lockOut(parent, base, out)
	if err != nil {
		return nil, err
	}
	defer unlock()
	// We hold the lock: any staging folder left is from a run that died.
	if old, _ := filepath.Glob(filepath.Join(parent, "."+base+".staging-*")); len(old) > 0 {
		for _, o := range old {
			os.RemoveAll(o)
		}
	}
	stage, err := os.MkdirTemp(parent, "."+base+".staging-")
	if err != nil {
		return nil, &ioFailure{what: "creating a staging folder beside --out", err: err}
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(stage)
		}
	}()
	written, err := write(stage)
	if err != nil {
		return nil, err
	}
	if err := writeManifest(stage); err != nil {
		return nil, &ioFailure{what: "writing " + manifestName, err: err}
	}
	if err := syncDir(stage); err != nil {
		return nil, &ioFailure{what: "syncing the staging folder", err: err}
	}
	if err := swapIn(stage, abs); err != nil {
		return nil, &ioFailure{what: "moving the results into --out", err: err}
	}
	done = true
	syncDir(parent)
	for i, p := range written {
		if rel, err := filepath.Rel(stage, p); err == nil && !strings.HasPrefix(rel, "..") {
			written[i] = filepath.Join(out, rel)
		}
	}
	return append(written, filepath.Join(out, manifestName)), nil
}

// lockOut takes the lock of --out, or says which run holds it.
func lockOut(parent, base, out string) (func(), error) {
	path := filepath.Join(parent, "."+base+".lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, &ioFailure{what: "creating the lock file " + path, err: err}
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &busyError{out: out, lock: path}
		}
		return nil, &ioFailure{what: "locking " + path, err: err}
	}
	return func() { f.Close() }, nil // closing releases the lock; the file stays for the next run
}

// busyError is a second run into an --out another run is writing.
type busyError struct{ out, lock string }

func (e *busyError) Error() string {
	return fmt.Sprintf("--out %s: another psnbyod run is writing into this folder (it holds %s); wait for it to finish or choose another --out", e.out, e.lock)
}

// swapIn makes stage the folder at out: an atomic exchange when out exists (the old run then sits
// at stage and is removed), a rename when it does not.
func swapIn(stage, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(stage, out)
	}
	err := unix.Renameat2(unix.AT_FDCWD, stage, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	if err == nil {
		return os.RemoveAll(stage)
	}
	if !errors.Is(err, unix.EINVAL) && !errors.Is(err, unix.ENOSYS) && !errors.Is(err, unix.EXDEV) {
		return err
	}
	// A file system without the exchange: two renames, with a window where out is missing (the
	// old run stays beside it until the new one is in place).
	old := stage + ".old"
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(stage, out); err != nil {
		os.Rename(old, out)
		return err
	}
	return os.RemoveAll(old)
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// writeManifest lists every file under dir with its SHA-256, the command line and the version,
// and writes it last.
func writeManifest(dir string) error {
	files, err := hashTree(dir)
	if err != nil {
		return err
	}
	m := Manifest{Command: os.Args, Version: version(), Files: files}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, manifestName))
	if err != nil {
		return err
	}
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// hashTree hashes every regular file under dir except the manifest, syncing each to disk. Files
// are hashed and synced a few at a time: syncing mostly waits for the disk.
func hashTree(dir string) (map[string]string, error) {
	var rels []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel != manifestName {
			rels = append(rels, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sums := make([]string, len(rels))
	errs := make([]error, len(rels))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(len(rels), hashWorkers) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(rels); i = int(next.Add(1) - 1) {
				sums[i], errs[i] = hashSync(filepath.Join(dir, filepath.FromSlash(rels[i])))
			}
		})
	}
	wg.Wait()
	files := make(map[string]string, len(rels))
	for i, rel := range rels {
		if errs[i] != nil {
			return nil, errs[i]
		}
		files[rel] = sums[i]
	}
	return files, nil
}

// hashWorkers is the number of files hashTree hashes and syncs at once.
const hashWorkers = 8

// hashSync returns the SHA-256 of a file in hex, having synced it to disk.
func hashSync(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	if err := f.Sync(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// verifyManifest checks that dir holds exactly the files its manifest lists, with the listed
// contents; it returns what differs.
func verifyManifest(dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return fmt.Errorf("%s: no readable %s (%v): not a complete psnbyod run; run `psnbyod run --out %s` again", dir, manifestName, err, dir)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("%s: %s is not valid JSON: %v", dir, manifestName, err)
	}
	got, err := hashTree(dir)
	if err != nil {
		return err
	}
	var diffs []string
	for name, sum := range m.Files {
		switch g, ok := got[name]; {
		case !ok:
			diffs = append(diffs, name+" is missing")
		case g != sum:
			diffs = append(diffs, name+" has changed")
		}
	}
	for name := range got {
		if _, ok := m.Files[name]; !ok {
			diffs = append(diffs, name+" is not in the manifest")
		}
	}
	if len(diffs) > 0 {
		sort.Strings(diffs)
		if len(diffs) > 5 {
			diffs = append(diffs[:5], fmt.Sprintf("and %d more", len(diffs)-5))
		}
		return fmt.Errorf("%s does not match its %s: %s; run `psnbyod run --out %s` again", dir, manifestName, strings.Join(diffs, ", "), dir)
	}
	return nil
}

// version is the module version and commit the binary was built from.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			v += " " + s.Value
		}
	}
	return v
}

// ioFailure is a failure to read or write files that is not the input's fault (a full disk, a
// folder without permission): exit status 3.
type ioFailure struct {
	what string
	err  error
}

func (e *ioFailure) Error() string { return e.what + ": " + e.err.Error() }
func (e *ioFailure) Unwrap() error { return e.err }

// writeFailure classifies an error from writing results (what names the step, "writing the
// benchmarks"): a failure of the file system is an ioFailure (exit 3); an error already classified
// (invalid input, a busy --out, an interruption) stays as it is; anything else is an internal
// error (exit 4), since every check on the input has run before the writing starts: a chart that
// cannot be drawn is a bug, not the input's fault.
func writeFailure(what string, err error) error {
	if err == nil {
		return nil
	}
	var (
		usage    *usageError
		iof      *ioFailure
		internal *internalError
		busy     *busyError
		pathErr  *fs.PathError
		linkErr  *os.LinkError
		sysErr   *os.SyscallError
		errno    syscall.Errno
	)
	switch {
	case errors.As(err, &usage), errors.As(err, &iof), errors.As(err, &internal), errors.As(err, &busy),
		errors.Is(err, context.Canceled):
		return err
	case errors.As(err, &pathErr), errors.As(err, &linkErr), errors.As(err, &sysErr), errors.As(err, &errno):
		return &ioFailure{what: what, err: err}
	}
	return &internalError{err: fmt.Errorf("%s: %w", what, err)}
}
