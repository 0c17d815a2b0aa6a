// Estimate, the entry point: validation, then the difference-in-differences, its bootstrap, the event
// study and the per-year comparisons, on the same cleaned panel.

package effect

import (
	"context"
	"fmt"
	"runtime"

	"gonum.org/v1/gonum/stat"
)

// Estimate measures the effect of BYOD restriction on org-year satisfaction. panel holds one row per
// org-year (rows with no respondents are dropped); counts holds the respondent score histograms for
// the per-year Mann–Whitney tests (years without counts get no Mann–Whitney result). The result does
// not depend on opts.Workers. Invalid input returns located *InputError values joined; data that cannot
// identify the effect return ErrNoData, ErrNoTreated, ErrNoVariation or ErrTooFewClusters.
func Estimate(ctx context.Context, panel []OrgYear, counts []Counts, opts Options) (*Result, error) {
	if err := validate(panel, counts); err != nil {
		return nil, err
	}
	opts, err := opts.resolve(runtime.GOMAXPROCS(0))
	if err != nil {
		return nil, fmt.Errorf("effect: %w", err)
	}
	p := newPanel(panel)
	if len(p.rows) == 0 {
		return nil, fmt.Errorf("effect: %w", ErrNoData)
	}
	res := &Result{
		Observations:         len(p.rows),
		Clusters:             p.clusters(),
		DroppedNoRespondents: p.dropped,
		Years:                p.years,
	}
	for g := range p.clusters() {
		lo, hi := p.orgStart[g], p.orgStart[g+1]
		if hi-lo == 1 {
			res.SingletonClusters++
		}
		treated := false
		for _, r := range p.rows[lo:hi] {
			if r.Restricted {
				res.TreatedObservations++
				treated = true
			}
		}
		if treated {
			res.TreatedClusters++
		}
	}
	if res.TreatedObservations == 0 {
		return nil, fmt.Errorf("effect: %w", ErrNoTreated)
	}

	did, err := estimateTWFE(p)
	if err != nil {
		return nil, fmt.Errorf("effect: difference-in-differences: %w", err)
	}
	b := did.beta
	res.Estimate, res.StdError, res.CILow, res.CIHigh, res.PValue = b.est, b.se, b.lo, b.hi, b.p
	if b.se > 0 {
		res.T = &b.t
	}
	res.DF = did.fit.df()
	res.Parameters = did.fit.params
	res.OmittedYears = did.omittedYears

	boot, err := runBootstrap(ctx, did.design, opts)
	if err != nil {
		return nil, fmt.Errorf("effect: bootstrap: %w", err)
	}
	res.Bootstrap = Bootstrap{
		Replications: opts.Replications,
		Valid:        len(boot.estimates),
		Dropped:      boot.dropped,
		Seed:         opts.Seed,
	}
	if n := len(boot.estimates); n > 0 {
		lo, hi := percentile(0.025, boot.estimates), percentile(0.975, boot.estimates)
		res.Bootstrap.CILow, res.Bootstrap.CIHigh = &lo, &hi
		if n > 1 {
			sd := stat.StdDev(boot.estimates, nil)
			res.Bootstrap.StdError = &sd
		}
	}

	if res.TreatedClusters < wildBootstrapMaxTreated && b.se > 0 {
		wb, err := wildBootstrap(ctx, did.design, b.est, b.se, opts)
		if err != nil {
			return nil, fmt.Errorf("effect: wild bootstrap: %w", err)
		}
		wb.TreatedClusters = res.TreatedClusters
		wb.Warning = fmt.Sprintf("only %d councils are restricted: with fewer than %d treated clusters the clustered t-test "+
			"rejects too often and the pairs bootstrap is unreliable; rely on the wild cluster bootstrap p-value and interval",
			res.TreatedClusters, wildBootstrapMaxTreated)
		res.WildBootstrap = wb
	}

	es, err := estimateEventStudy(p, opts.EventMinOrganisations)
	if err != nil {
		return nil, fmt.Errorf("effect: event study: %w", err)
	}
	res.EventStudy, res.EventStudyOmitted, res.EventStudyParameters = es.effects, es.omitted, es.params

	res.PerYear = compareYears(p, counts)

	if err := estimateStaggered(ctx, p, opts, res); err != nil {
		return nil, fmt.Errorf("effect: staggered: %w", err)
	}
	res.Bacon = decomposeBacon(p)
	res.Reversal = estimateReversal(p)
	return res, nil
}
