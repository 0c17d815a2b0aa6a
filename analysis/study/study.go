package study

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/effect"
	"github.com/psnbyod/psnbyod/datasets/contract"
)

// Options says how to run a study. The zero value gives the published defaults.
type Options struct {
	// Peers say how nearest neighbours are chosen; the zero value gives the defaults (area indicators,
	// 15 neighbours within class and nation; see benchmark.FindNeighbours).
	Peers benchmark.PeerOptions
	// Replications is the number of cluster-bootstrap replications of the restriction effect; 0 means
	// effect.DefaultReplications (1999).
	Replications int
	// Seed seeds the bootstrap: the same seed gives the same interval on any machine.
	Seed uint64
	// Workers parse survey batches and run the bootstrap; 0 means one per core. Results never depend on it.
	Workers int
	// Control is the staggered estimator's control group (not-yet-restricted councils by default).
	Control effect.ControlGroup
	// BandDraws is the number of multiplier-bootstrap draws of the event-time band; 0 means
	// 999.
	BandDraws int
	// FunnelAdjust is the overdispersion adjustment of the funnel limits; the zero value is additive
	// (DerSimonian–Laird τ²), as FunnelPlotR draws by default.
	FunnelAdjust benchmark.Adjustment
	// FunnelTrim is the share of z-scores winsorised at each end before φ and τ² are estimated; the zero
	// value, benchmark.DefaultTrim, winsorises none (τ² by DerSimonian–Laird from Cochran's Q), and
	// benchmark.FunnelPlotRTrim (0.1) is FunnelPlotR's default. Run rejects a trim outside 0 ≤ t < 0.5.
	FunnelTrim float64
	// Progress, when set, is called as the survey is read (see contract.SurveyScan).
	Progress func(done, total int64)
	// MaxErrors is how many problems with the survey are listed before reading stops looking; 0 (or
	// less) means contract.DefaultMaxErrors.
	MaxErrors int
	// SkipRespondentIDs leaves the survey's respondent_id out of the read and its uniqueness
	// unchecked (contract.SurveyScan.SkipRespondentIDs): no result uses the ids, so the results
	// are the same, but a caller that sets it must say that the check was left to validate and run.
	SkipRespondentIDs bool
	// SkipEffect leaves the restriction effect out, for a caller that writes none (benchmark):
	// Effect is then nil and EffectUnavailable says it was not estimated.
	SkipEffect bool
}

// Dataset is what Run reads: the small tables, whole, and the survey, streamed once. An opened
// *datasets.Dataset is one; Run takes the interface so that the analyses do not import the readers.
type Dataset interface {
	// SmallTables returns the valid organisations, devices and network tables.
	SmallTables() contract.SmallTables
	// ScanSurvey hands fn every valid survey batch, in file order, on one goroutine, and returns the
	// number of rows; problems with the data come back as one error listing them.
	ScanSurvey(ctx context.Context, scan contract.SurveyScan, fn func(*contract.SurveyBatch) error) (int64, error)
	// Summarise describes the dataset once its survey has been scanned.
	Summarise(surveyRows int64, surveyOrgYears int, surveyYears []int32) contract.Summary
}

// Result is everything one study gives. It holds no file paths of outputs: writing is the reports
// package's job.
type Result struct {
	// Summary is the validation summary of the dataset (dataset_summary.json).
	Summary contract.Summary `json:"summary"`
	// Synthetic is true when the dataset is the embedded default, whose survey, devices and network
	// tables are made up; SyntheticNote then says so in words every output must carry.
	Synthetic     bool   `json:"synthetic"`
	SyntheticNote string `json:"synthetic_data_note,omitempty"`
	// Organisations is the organisations table the KPI rows index (Org), so reports can name them.
	Organisations []contract.Organisation `json:"-"`
	// KPIs has one row per (org_code, year) present in the survey, devices or network, sorted.
	KPIs []benchmark.KPI `json:"kpis"`
	// Neighbours is each organisation's nearest neighbours; nil when they cannot be found, and then
	// NeighboursUnavailable says why (for example fewer than two organisations).
	Neighbours            *benchmark.NeighbourSet `json:"neighbours,omitempty"`
	NeighboursUnavailable string                  `json:"neighbours_unavailable,omitempty"`
	// Positions place every org-year within its peer group on every benchmark.Measures KPI.
	Positions []benchmark.Position `json:"positions"`
	// Funnels are the per-year funnel limits and FunnelPoints each org-year's place on them.
	Funnels      []benchmark.Funnel      `json:"funnels"`
	FunnelPoints []benchmark.FunnelPoint `json:"funnel_points"`
	// FunnelTrimComparison is the funnels' φ, τ² and org-years outside under the same adjustment at
	// benchmark.ComparisonTrim of the trim used, so a report can give both; nil under AdjustNone.
	FunnelTrimComparison *benchmark.TrimComparison `json:"funnel_trim_comparison,omitempty"`
	// Effect is the restriction effect; nil when the data cannot identify it (no restricted org-year,
	// no change in restriction within organisations, too few organisations), and then
	// EffectUnavailable says why.
	Effect            *effect.Result `json:"restriction_effect,omitempty"`
	EffectUnavailable string         `json:"restriction_effect_unavailable,omitempty"`
}

// Run reads the survey of d once and computes every result. Problems with the data (up to
// opts.MaxErrors) are returned as the error of d.ScanSurvey, a *datasets.ValidationError for an opened
// dataset, with no result, so a caller that writes only on success writes nothing for invalid data.
//
// The survey fold. ScanSurvey parses on every core but hands the batches to the callback in file order
// on one goroutine, so Run folds them all into one benchmark.Accumulator as they come. Each org-year's
// sums are then added row by row in file order: the same bits whatever the number of workers and
// however the reader cuts the file into batches (CSV blocks and Parquet row groups cut it differently,
// yet both formats give byte-identical KPIs). Folding batches into separate accumulators on several
// goroutines and merging them in Seq order would tie the last bits to the batch boundaries, and so to
// the file format. One accumulator is
// cheap enough here: on 10M rows the fold took about 7 ns a row against the reader's 150–300 ns of CPU.
func Run(ctx context.Context, d Dataset, opts Options) (*Result, error) {
	if opts.Peers.K < 0 || opts.Replications < 0 || opts.Workers < 0 {
		return nil, fmt.Errorf("%w: neighbours %d, replications %d, workers %d", ErrOptions, opts.Peers.K, opts.Replications, opts.Workers)
	}
	if err := benchmark.CheckTrim(opts.FunnelTrim); err != nil {
		return nil, fmt.Errorf("%w: funnel %v", ErrOptions, err)
	}
	t := d.SmallTables()
	lo, hi := tableYears(t)
	acc := benchmark.NewAccumulator(len(t.Orgs), lo, hi)
	scan := contract.SurveyScan{Workers: opts.Workers, Progress: opts.Progress, MaxErrors: opts.MaxErrors,
		SkipRespondentIDs: opts.SkipRespondentIDs}
	rows, err := d.ScanSurvey(ctx, scan, func(b *contract.SurveyBatch) error {
		acc.Add(b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if n := acc.Invalid(); n > 0 {
		// Validated batches hold only known organisations and scores 1..7: this is a reader bug.
		return nil, fmt.Errorf("study: %d validated survey rows had an unknown organisation or a score outside 1..7", n)
	}

	groups := acc.Groups()
	r := &Result{Summary: d.Summarise(rows, len(groups), surveyYears(groups)), Organisations: t.Orgs}
	if r.Summary.Synthetic {
		r.Synthetic, r.SyntheticNote = true, contract.SyntheticNote
	}
	r.KPIs = benchmark.BuildKPIs(t.Orgs, t.Devices, t.Network, acc)

	values := benchmark.OrgIndicators(t.Orgs, t.Network)
	switch set, err := benchmark.FindNeighbours(t.Orgs, values, opts.Peers); {
	case errors.Is(err, benchmark.ErrTooFewOrgs), errors.Is(err, benchmark.ErrNoIndicators):
		r.NeighboursUnavailable = err.Error()
	case err != nil: // a bad indicator name or weight: the caller's mistake
		return nil, fmt.Errorf("study: neighbours: %w", err)
	default:
		r.Neighbours = set
	}

	r.Positions = benchmark.Positions(r.KPIs, benchmark.Measures)
	r.Funnels, r.FunnelPoints = benchmark.Funnels(r.KPIs, opts.FunnelAdjust, opts.FunnelTrim)
	if opts.FunnelAdjust != benchmark.AdjustNone {
		r.FunnelTrimComparison = benchmark.CompareTrim(r.KPIs, opts.FunnelAdjust, benchmark.ComparisonTrim(opts.FunnelTrim))
	}

	if opts.SkipEffect {
		r.EffectUnavailable = "not estimated (not asked for)"
		return r, nil
	}
	eff, err := effect.Estimate(ctx, effectPanel(r.KPIs), effectCounts(r.KPIs),
		effect.Options{Replications: opts.Replications, Seed: opts.Seed, Workers: opts.Workers,
			Control: opts.Control, BandDraws: opts.BandDraws})
	switch {
	case unidentified(err):
		r.EffectUnavailable = err.Error()
	case err != nil:
		return nil, fmt.Errorf("study: %w", err)
	default:
		r.Effect = eff
	}
	return r, nil
}

// ErrOptions is returned for options out of range: negative counts, or a funnel trim outside 0 ≤ t < 0.5.
var ErrOptions = errors.New("study: invalid options")

// unidentified reports whether the effect failed because the data cannot answer the question, which
// is a finding to report, not a failure of the run.
func unidentified(err error) bool {
	for _, e := range []error{effect.ErrNoData, effect.ErrNoTreated, effect.ErrNoVariation, effect.ErrTooFewClusters, effect.ErrSingular} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// tableYears is the range of years in devices and network, the accumulator's first guess at the
// survey's years (it grows if the survey goes beyond them).
func tableYears(d contract.SmallTables) (lo, hi int32) {
	lo, hi = 1, 0
	see := func(y int32) {
		if lo > hi {
			lo, hi = y, y
			return
		}
		lo, hi = min(lo, y), max(hi, y)
	}
	for _, r := range d.Devices {
		see(r.Year)
	}
	for _, r := range d.Network {
		see(r.Year)
	}
	return lo, hi
}

// surveyYears lists the distinct years of the org-years with respondents, ascending.
func surveyYears(groups []benchmark.Survey) []int32 {
	var years []int32
	for _, g := range groups {
		if !slices.Contains(years, g.Year) {
			years = append(years, g.Year)
		}
	}
	slices.Sort(years)
	return years
}
