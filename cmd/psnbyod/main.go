package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
		return exitUsage
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "psnbyod: interrupted")
		return exitInterrupted
	}
	fmt.Fprintf(stderr, "psnbyod: %v\n", err)
	var iof *ioFailure
	var internal *internalError
	switch {
	case errors.As(err, &internal):
		return exitInternal
	case errors.As(err, &iof), errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT),
		errors.Is(err, syscall.EIO), errors.Is(err, syscall.EROFS), errors.Is(err, fs.ErrPermission):
		return exitIO
	}
	return 1
}

// Exit statuses besides 0 (success) and 1 (invalid input, or --out busy); exitStatuses in
// commands.go says what each means to a user.
const (
	exitUsage       = 2   // a mistake in the command line
	exitIO          = 3   // reading or writing files failed (a full disk, no permission): not the input's fault
	exitInternal    = 4   // a bug: a panic, or a failure no input explains, reported as such
	exitInterrupted = 130 // Ctrl-C (128 + SIGINT, as shells report it)
)

// internalError is a failure no input explains (a bug): a panic caught at the top, with its
// stack, or an error from a step that should not fail on checked input (drawing a chart), so that
// it exits with exitInternal and says so.
type internalError struct {
	err   error // the failure, when it was an error
	value any   // the panic's value, when it was a panic
	stack []byte
}

func (e *internalError) Error() string {
	if e.err != nil {
		return fmt.Sprintf("internal error (please report it): %v", e.err)
	}
	return fmt.Sprintf("internal error (please report it): %v\n%s", e.value, e.stack)
}

func (e *internalError) Unwrap() error { return e.err }

// runRecovered runs a command, turning a panic into an internalError.
func runRecovered(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &internalError{value: r, stack: debug.Stack()}
		}
	}()
	return run(ctx, args, stdout, stderr)
}
