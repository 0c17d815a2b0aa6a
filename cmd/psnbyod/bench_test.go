package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
)

// BenchmarkCommand runs one psnbyod command in-process, so that any command can be profiled with
// go test's -cpuprofile and -memprofile (the binary has no profiling flag): the command line is
// PSNBYOD_BENCH_ARGS, split on spaces, for example
//
//	PSNBYOD_BENCH_ARGS="benchmark --data /tmp/r10m --out /tmp/o" \
//	  go test -run XXX -bench Command -benchtime 3x -cpuprofile cpu.out ./cmd/psnbyod
//
// Its output goes to io.Discard; a failing command fails the benchmark.
func BenchmarkCommand(b *testing.B) {
	args := strings.Fields(os.Getenv("PSNBYOD_BENCH_ARGS"))
	if len(args) == 0 {
		b.Skip("PSNBYOD_BENCH_ARGS is not set: it names the command to measure, e.g. \"run --out /tmp/o\"")
	}
	for b.Loop() {
		if err := run(context.Background(), args, io.Discard, io.Discard); err != nil {
			b.Fatalf("psnbyod %s: %v", strings.Join(args, " "), err)
		}
	}
}
