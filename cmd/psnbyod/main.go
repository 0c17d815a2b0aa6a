// Command psnbyod weighs bring-your-own-device (BYOD) schemes against Public Services Network (PSN)
// compliance and network procurement for UK councils, in one batch run.
//
// Usage:
//
//	psnbyod run       [--data DIR] [--out DIR]    the whole job: validate, study, scenarios, reports
//	psnbyod validate  [--data DIR]                check a dataset against the data contract
//	psnbyod benchmark [--data DIR] [--out DIR]    KPIs, nearest neighbours, positions, funnel points
//	psnbyod effect    [--data DIR] [--out DIR]    what restricting BYOD did to staff satisfaction
//	psnbyod scenario  [FILE|NAME...] [--out DIR]  cost-model scenarios: NPSV, Monte Carlo, sensitivity
//	                  [--set INPUT=VALUE...]      change an input or a line's amount for this run
//	psnbyod compare   A B [--set INPUT=VALUE]     two runs side by side: expected NPSV, P(best), what differs
//	psnbyod sector    [FILE|NAME...] [--out DIR]  the compliance-deadline queue and advisory-group funding
//	psnbyod report    [--out DIR] [--pdf]         render charts and documents from results in --out
//	psnbyod generate  --out DIR [options]         write a synthetic dataset at any scale
//
// With no --data, the commands use the embedded default dataset: the real UK councils with
// synthetic survey, device and network tables (every output made from it says so). A dataset is a
// folder holding organisations, survey_responses, devices and network, each as NAME.csv or
// NAME.parquet (see datasets/README.md for the data contract).
//
// Exit status: 0 on success, 1 when the input is invalid (the problems are listed on stderr, each
// with file, row, column, value and what was expected) or another run is writing into --out, 2 on
// bad usage, 3 when reading or writing files failed (a full disk, no permission), 4 on an internal
// error (a bug).
//
// Run `psnbyod COMMAND --help` for the options of each command.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := runRecovered(ctx, os.Args[1:], os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode reports an error on stderr and maps it to the exit status.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var usage *usageError
	if errors.As(err, &usage) {
		if usage.msg != "" {
			fmt.Fprintf(stderr, "psnbyod: %s\n", usage.msg)
		}
		return 2
	}
	fmt.Fprintf(stderr, "psnbyod: %v\n", err)
	var iof *ioFailure
	var internal *internalError
	switch {
	case errors.As(err, &internal):
		return exitInternal
	case errors.As(err, &iof), errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT),
		errors.Is(err, syscall.EIO), errors.Is(err, syscall.EROFS):
		return exitIO
	}
	return 1
}

// Exit statuses besides 0 (success), 1 (invalid input, or --out busy) and 2 (bad usage).
const (
	exitIO       = 3 // reading or writing files failed (a full disk, no permission): not the input's fault
	exitInternal = 4 // a bug: a panic, reported with its stack
)

// internalError is a panic caught at the top, so that it exits with exitInternal and a message.
type internalError struct {
	value any
	stack []byte
}

func (e *internalError) Error() string {
	return fmt.Sprintf("internal error (please report it): %v\n%s", e.value, e.stack)
}

// runRecovered runs a command, turning a panic into an internalError.
func runRecovered(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &internalError{value: r, stack: debug.Stack()}
		}
	}()
	return run(ctx, args, stdout, stderr)
}
