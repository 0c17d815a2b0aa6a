package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/psnbyod/psnbyod/datasets/scenarios"
)

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// command is one subcommand. The table below is the one place the usage text lives: --help
// prints it, doc.go is generated from it, and a test checks README's command table against it.
type command struct {
	name    string // "scenario init" for a subcommand
	summary string
	usage   string // the arguments after the name
	run     func(ctx context.Context, env *env, args []string) error
	// notes, when set, adds a paragraph after the summary in the command's --help.
	notes func() string
	// hidden flags work but are not shown in --help (tools of the project itself).
	hidden []string
}

// env is what every command writes to.
type env struct {
	stdout, stderr io.Writer
	// bars, when set, is the one progress bar of steps that run at the same time (run's).
	bars *progressGroup
}

// bar returns the progress callbacks of one step of a command: progress's bar on a terminal, or
// the step's share of e.bars when set.
func (e *env) bar(what string, bytes bool) (update func(done, total int64), finish func()) {
	if e.bars != nil {
		return e.bars.step(what)
	}
	return progress(e.stderr, what, bytes)
}

var commands []command

func init() {
	commands = []command{
		{name: "run", summary: "the whole job: validate the data, then write every output",
			usage: "[--data DIR] [--out DIR] [--replications B] [--seed S] [--funnel-adjust none|multiplicative|additive] [--funnel-trim FRACTION] [--neighbours-config FILE] [--neighbours-across-nations]",
			run:   cmdRun},
		{name: "benchmark", summary: "write the KPIs, nearest neighbours, positions and funnel points",
			usage: "[--data DIR] [--out DIR] [--funnel-adjust none|multiplicative|additive] [--funnel-trim FRACTION] [--neighbours-config FILE] [--neighbours-across-nations]",
			run:   cmdBenchmark,
			notes: func() string { return "Checks " + benchmarkChecks + "." }},
		{name: "effect", summary: "estimate what BYOD restriction did to satisfaction",
			usage: "[--data DIR] [--out DIR] [--replications B] [--seed S] [--control notyet|never]",
			run:   cmdEffect},
		{name: "scenario", summary: "run cost-model scenarios (TOML files, or ready ones by name; all ready ones when none is named) and write each one's results, charts, business case and workbook; 'scenario init' writes a starter scenario for a council",
			usage: "[FILE|NAME...] [--set INPUT=VALUE...] [--iterations N] [--seed S] [--data DIR] [--highlight ORG_CODE] [--out DIR] [--pdf] [--no-draws] [--no-documents]",
			run:   cmdScenario},
		{name: "scenario init", summary: "write a starter scenario for one council on stdout: a ready scenario with the council's staff, BYOD take-up and network spend from the dataset, each commented with where it came from, and every other figure marked ASSUMPTION",
			usage: "--org ORG_CODE [--template NAME] [--data DIR] > my.toml",
			run:   cmdScenarioInit,
			notes: func() string { return "Ready templates: " + strings.Join(scenarios.Cost.Files(), ", ") + "." }},
		{name: "compare", summary: "put two runs side by side: expected NPSV, P(best), the preferred option and every input that differs",
			usage: "A B [--set INPUT=VALUE...] [--iterations N] [--seed S] [--out DIR]",
			run:   cmdCompare,
			notes: func() string {
				return "A and B are result folders or scenario files (run now with the same seed); or one scenario and --set, compared with itself changed."
			}},
		{name: "sector", summary: "run sector-wide models: the compliance deadline queue and advisory-group funding (ready ones by name; all when none is named)",
			usage: "[FILE|NAME...] [--data DIR] [--out DIR] [--iterations N] [--seed S] [--workers N]",
			run:   cmdSector},
		{name: "report", summary: "render charts, report.html, business cases, results.xlsx and summary.md from the results in --out, without recomputing",
			usage: "[--out DIR] [--all] [--pdf] [--min-group N] [--highlight ORG_CODE]",
			run:   cmdReport},
		{name: "validate", summary: "check a dataset against the data contract and summarise it",
			usage: "[--data DIR]",
			run:   cmdValidate},
		{name: "generate", summary: "write a synthetic dataset (with truth.json) at any scale",
			usage:  "--out DIR [--orgs N] [--years 2011-2016] [--respondents-per-org M] [--seed S] [--format parquet|csv] [--effects constant|cohort|dynamic|reversal]",
			run:    cmdGenerate,
			hidden: []string{"default"}},
	}
}

// exitStatuses says what each exit status means, for --help, doc.go and README.
var exitStatuses = []struct {
	code int
	text string
}{
	{0, "success"},
	{1, "the input is invalid (each problem on stderr with its file, row, column, value and what was expected; nothing is written), or another run is writing into --out"},
	{exitUsage, "a mistake in the command line"},
	{exitIO, "reading or writing files failed (a full disk, no permission); run leaves --out as it was"},
	{exitInternal, "an internal error (a bug): please report it with the message"},
	{exitInterrupted, "interrupted (Ctrl-C); run leaves --out as it was"},
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
		if !strings.Contains(c.name, " ") {
			fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
		}
	}
	fmt.Fprintln(w, "\nWith no --data the embedded default dataset is used (real councils; synthetic survey,")
	fmt.Fprintln(w, "devices and network tables). Run 'psnbyod COMMAND --help' for a command's options.")
	fmt.Fprintln(w, "\nExit status:")
	for _, s := range exitStatuses {
		fmt.Fprintf(w, "  %-3d %s\n", s.code, strings.Join(wrapWords(s.text, 88), "\n      "))
	}
}

// wrapWords breaks text at spaces into lines of at most width bytes (a longer word has its own line).
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// commandNamed is the command of the table with that name.
func commandNamed(name string) command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	panic("no command " + name)
}

// newFlags makes a flag set whose --help prints the command's usage and options.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	registerMaxMemory(fs)
	c := commandNamed(name)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: psnbyod %s %s\n", c.name, c.usage)
		for _, sub := range commands {
			if strings.HasPrefix(sub.name, c.name+" ") {
				fmt.Fprintf(w, "       psnbyod %s %s\n", sub.name, sub.usage)
			}
		}
		fmt.Fprintf(w, "\n%s.\n\n", strings.ToUpper(c.summary[:1])+c.summary[1:])
		if c.notes != nil {
			fmt.Fprintf(w, "%s\n\n", c.notes())
		}
		fmt.Fprintln(w, "Options:")
		printDefaults(fs, w, c.hidden)
		fmt.Fprintln(w, "\nExit status: 0 success, 1 invalid input, 2 bad usage, 3 reading or writing files failed, 4 internal error, 130 interrupted (psnbyod --help says more).")
	}
	return fs
}

// printDefaults is fs.PrintDefaults without the hidden flags.
func printDefaults(fs *flag.FlagSet, w io.Writer, hidden []string) {
	shown := flag.NewFlagSet(fs.Name(), flag.ContinueOnError)
	shown.SetOutput(w)
	fs.VisitAll(func(f *flag.Flag) {
		if !slices.Contains(hidden, f.Name) {
			shown.Var(f.Value, f.Name, f.Usage)
			shown.Lookup(f.Name).DefValue = f.DefValue
		}
	})
	shown.PrintDefaults()
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
