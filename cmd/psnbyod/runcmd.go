package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/psnbyod/psnbyod/datasets"
)

func cmdRun(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "run")
	var df dataFlags
	df.register(fs)
	out := fs.String("out", "out", "folder for the results")
	if err := parseFlags(e, fs, args); err != nil {
		return helpOK(err)
	}
	summary, err := validate(ctx, e, &df)
	if err != nil {
		return err
	}
	written := []string{filepath.Join(*out, "dataset_summary.json")}
	if err := datasets.WriteJSON(written[0], summary); err != nil {
		return err
	}
	fmt.Fprint(e.stdout, summary)
	fmt.Fprintln(e.stdout, "wrote:")
	for _, w := range written {
		fmt.Fprintln(e.stdout, "  "+w)
	}
	return nil
}
