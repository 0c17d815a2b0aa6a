package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// command is one subcommand.
type command struct {
	name    string
	summary string
	usage   string // the arguments after the name
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what every command writes to.
type env struct {
	stdout, stderr io.Writer
}

var commands []command

func init() {
	commands = []command{
		{"run", "the whole job: validate the data, then write every output", "[--data DIR] [--out DIR] [--replications B] [--seed S] [--funnel-adjust none|multiplicative|additive] [--neighbours-config FILE] [--neighbours-across-nations]", cmdRun},
		{"benchmark", "write the KPIs, nearest neighbours, positions and funnel points", "[--data DIR] [--out DIR] [--funnel-adjust none|multiplicative|additive] [--neighbours-config FILE] [--neighbours-across-nations]", cmdBenchmark},
		{"effect", "estimate what BYOD restriction did to satisfaction", "[--data DIR] [--out DIR] [--replications B] [--seed S] [--control notyet|never]", cmdEffect},
		{"scenario", "run cost-model scenarios (TOML files, or ready ones by name; all ready ones when none is named) and write each one's results, charts, business case and workbook; 'scenario init' writes a starter scenario for a council", "[FILE|NAME...] [--set INPUT=VALUE...] [--iterations N] [--seed S] [--data DIR] [--highlight ORG_CODE] [--out DIR] [--pdf] [--no-draws] [--no-documents]\n       psnbyod scenario init --org ORG_CODE [--template NAME] [--data DIR] > my.toml", cmdScenario},
		{"compare", "put two runs side by side: expected NPSV, P(best), the preferred option and every input that differs", "A B [--set INPUT=VALUE...] [--iterations N] [--seed S] [--out DIR]   (A, B: result folders or scenario files; or one scenario and --set)", cmdCompare},
		{"sector", "run sector-wide models: the compliance deadline queue and advisory-group funding (ready ones by name; all when none is named)", "[FILE|NAME...] [--data DIR] [--out DIR] [--iterations N] [--seed S] [--workers N]", cmdSector},
		{"report", "render charts, report.html, business cases, results.xlsx and summary.md from the results in --out, without recomputing", "[--out DIR] [--pdf] [--min-group N] [--highlight ORG_CODE]", cmdReport},
		{"validate", "check a dataset against the data contract and summarise it", "[--data DIR]", cmdValidate},
		{"generate", "write a synthetic dataset (with truth.json) at any scale", "--out DIR [--orgs N] [--years 2011-2016] [--respondents-per-org M] [--seed S] [--format parquet|csv] [--effects constant|cohort|dynamic|reversal]", cmdGenerate},
	}
}

// run is the whole command line, so tests can drive it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	e := &env{stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(stdout)
		if len(args) == 0 {
			return &usageError{}
		}
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	printUsage(stderr)
	return &usageError{msg: fmt.Sprintf("unknown command %q%s", args[0], suggestCommand(args[0]))}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "psnbyod weighs BYOD schemes against PSN compliance and network procurement for UK councils.")
	fmt.Fprintln(w, "\nUsage: psnbyod COMMAND [options]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nWith no --data the embedded default dataset is used (real councils; synthetic survey,")
	fmt.Fprintln(w, "devices and network tables). Run 'psnbyod COMMAND --help' for a command's options.")
}

// newFlags makes a flag set whose --help prints the command's usage and options.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	registerMaxMemory(fs)
	var c command
	for _, x := range commands {
		if x.name == name {
			c = x
		}
	}
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: psnbyod %s %s\n\n%s.\n\nOptions:\n", c.name, c.usage, strings.ToUpper(c.summary[:1])+c.summary[1:])
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses a command's flags; --help prints the usage on stdout and ends the command.
func parseFlags(e *env, fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(e.stdout)
		fs.Usage()
		return errHelp
	}
	fs.SetOutput(e.stderr)
	if err != nil {
		fs.Usage()
		return &usageError{msg: suggestFlag(fs, err)}
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return &usageError{msg: fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// errHelp ends a command after --help without an error.
var errHelp = errors.New("help shown")
