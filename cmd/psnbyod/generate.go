package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/synth"
)

func cmdGenerate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "generate")
	def := datasets.DefaultGeneration
	var (
		out     = fs.String("out", "", "folder to write the dataset into (required)")
		orgs    = fs.Int("orgs", 0, "number of organisations (0: all the real councils; more adds synthetic ones)")
		years   = fs.String("years", fmt.Sprintf("%d-%d", def.FirstYear, def.LastYear), "survey years, FIRST-LAST")
		resp    = fs.Int("respondents-per-org", def.RespondentsPerOrg, "average respondents per organisation per year")
		seed    = fs.Uint64("seed", def.Seed, "random seed: the same seed gives the same bytes")
		format  = fs.String("format", "parquet", "file format: parquet or csv")
		workers = fs.Int("workers", 0, "parallel workers (default: one per core; output does not depend on it)")
		effects = fs.String("effects", "constant", "how the planted effect varies: constant, cohort (by first restricted year), dynamic (by cohort and growing each year), reversal (some councils lift the restriction)")
		deflt   = fs.Bool("default", false, "rebuild the embedded default dataset's synthetic tables in ./default (for go generate in datasets/)")
	)
	if err := parseFlags(e, fs, args); err != nil {
		return helpOK(err)
	}
	first, last, err := parseYears(*years)
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	cfg := synth.Config{Orgs: *orgs, FirstYear: first, LastYear: last, RespondentsPerOrg: *resp, Seed: *seed,
		Format: datasets.Format(*format), Workers: *workers, Effects: synth.Effects(*effects)}
	if *deflt {
		*out = "default"
		cfg = synth.Config{FirstYear: def.FirstYear, LastYear: def.LastYear, RespondentsPerOrg: def.RespondentsPerOrg,
			Seed: def.Seed, Format: datasets.FormatParquet, Workers: *workers, SkipOrganisations: true, Compact: true}
	}
	if *out == "" {
		fs.Usage()
		return &usageError{msg: "generate needs --out DIR"}
	}
	if _, err := checkOut(*out); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return &usageError{msg: err.Error()}
	}
	base, err := datasets.ReadOrganisations(datasets.Default(), 0)
	if err != nil {
		return err
	}
	update, finish := progress(e.stderr, "generating survey_responses", false)
	cfg.Progress = update
	truth, err := synth.Generate(ctx, base, cfg, *out)
	finish()
	if err != nil {
		return writeFailure("writing the dataset", err)
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d organisations, %d–%d, %d survey responses (%s); planted restriction effect %.4f scale points (truth.json)\n",
		*out, truth.Organisations, truth.FirstYear, truth.LastYear, truth.SurveyRows, cfg.Format, truth.RestrictionEffect)
	return nil
}

// parseYears reads FIRST-LAST (or a single year).
func parseYears(s string) (int, int, error) {
	a, b, found := strings.Cut(s, "-")
	if !found {
		b = a
	}
	first, err1 := strconv.Atoi(strings.TrimSpace(a))
	last, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("--years %q: expected FIRST-LAST, such as 2011-2016", s)
	}
	return first, last, nil
}
