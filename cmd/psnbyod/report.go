package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/reports"
)

// reportFlags are the rendering options that report and run share.
type reportFlags struct {
	pdf       bool
	minGroup  int
	highlight string
}

func (f *reportFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.pdf, "pdf", false, "also save every chart as PDF, and print report.html and the business cases to A4 PDF with headless Chromium when it is installed")
	fs.IntVar(&f.minGroup, "min-group", reports.DefaultMinGroup, "suppress survey figures resting on fewer respondents than this, marked [c]")
	fs.StringVar(&f.highlight, "highlight", "", "org_code of the organisation the sector charts single out (default: the first scenario's organisation)")
}

// options checks the flags and turns them into render options; notices go to stderr.
func (f *reportFlags) options(e *env) (reports.Options, error) {
	if f.minGroup < 1 {
		return reports.Options{}, &usageError{msg: fmt.Sprintf("--min-group %d: expected 1 or more", f.minGroup)}
	}
	return reports.Options{PDF: f.pdf, MinGroup: f.minGroup, Highlight: f.highlight, Notices: e.stderr}, nil
}

// cmdReport renders the charts and documents from the results already in --out, computing nothing.
func cmdReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report")
	out := fs.String("out", "out", "folder holding the results of psnbyod run (or scenario), where the documents are written")
	all := fs.Bool("all", false, "render every scenario in --out, not only those of the latest psnbyod scenario run there")
	var rf reportFlags
	rf.register(fs)
	if err := parseFlags(e, fs, args); err != nil {
		return helpOK(err)
	}
	if _, err := checkOut(*out); err != nil {
		return err
	}
	opts, err := rf.options(e)
	if err != nil {
		return err
	}
	// A folder written by run carries a manifest: refuse one whose files no longer match it, and
	// keep it true after rendering.
	manifest := false
	if _, err := os.Stat(filepath.Join(*out, manifestName)); err == nil {
		abs, err := checkOut(*out)
		if err != nil {
			return err
		}
		unlock, err := lockOut(filepath.Dir(abs), filepath.Base(abs), *out)
		if err != nil {
			return err
		}
		defer unlock()
		if err := verifyManifest(*out); err != nil {
			return err
		}
		manifest = true
	}
	load := reports.LoadInputs
	if *all {
		load = reports.LoadAllInputs
	}
	in, err := load(*out)
	if err != nil {
		return err
	}
	if in.Study != nil {
		if err := checkHighlight(opts.Highlight, in.Study.Organisations, "the study in "+*out); err != nil {
			return err
		}
	}
	written, err := reports.Render(*out, in, opts)
	if err != nil {
		return writeFailure("rendering the documents", err)
	}
	if manifest {
		if err := writeManifest(*out); err != nil {
			return &ioFailure{what: "writing " + manifestName, err: err}
		}
	}
	printWritten(e.stdout, written)
	return nil
}

// checkHighlight reports a --highlight code that is not an organisation of the study (the
// charts used to fall back to another council without a word).
func checkHighlight(code string, orgs []datasets.Organisation, dataName string) error {
	if code == "" || len(orgs) == 0 {
		return nil
	}
	if msg := unknownOrganisation(code, orgs, dataName); msg != "" {
		return fmt.Errorf("--highlight: %s", msg)
	}
	return nil
}

// renderDocuments renders every chart and document from the study and the scenario results in
// out (the scenarios wrote their summary.json, scenario.json and draws.parquet as they ran): the
// path psnbyod report takes, so documents rendered later are byte-identical.
func renderDocuments(out string, r *study.Result, opts reports.Options) ([]string, error) {
	scens, err := reports.LoadScenarios(out)
	if err != nil {
		return nil, err
	}
	return reports.Render(out, &reports.Inputs{Study: r, Scenarios: scens, Synthetic: r.Synthetic}, opts)
}
