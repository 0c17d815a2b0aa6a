// The staggered-adoption result in restriction_effect.json, built from the org-year panel: councils
// grouped by the year they first restricted BYOD, councils that later lifted the restriction and
// councils restricted from the first survey year set aside, then the group-time effects, their
// aggregations and diagnostics.

package effect

import (
	"context"
	"math"
)

// Interval is an estimate with its standard error and pointwise 95% interval (estimate ± 1.96·SE).
type Interval struct {
	Estimate float64 `json:"estimate"`
	StdError float64 `json:"se"`
	CILow    float64 `json:"ci_low"`
	CIHigh   float64 `json:"ci_high"`
}

func interval(est, se float64) Interval {
	return Interval{Estimate: est, StdError: se, CILow: est - 1.96*se, CIHigh: est + 1.96*se}
}

// EventTimeEffect is the effect e years after the first restricted year (e < 0: a placebo one-year
// change e years before), averaged over cohorts by size, with its pointwise interval and the
// simultaneous 95% band over all event times.
type EventTimeEffect struct {
	E int32 `json:"e"`
	Interval
	BandLow  float64 `json:"band_low"`
	BandHigh float64 `json:"band_high"`
}

// CohortEffect is a cohort's average effect over its restricted years.
type CohortEffect struct {
	Cohort int32 `json:"cohort"`
	Interval
}

// YearEffect is the average effect in one calendar year over the cohorts restricted by then.
type YearEffect struct {
	Year int32 `json:"year"`
	Interval
}

// GroupTimeEffect is one ATT(g, t): cohort g in year t against base year Base.
type GroupTimeEffect struct {
	Cohort int32 `json:"cohort"`
	Year   int32 `json:"year"`
	Base   int32 `json:"base_year"`
	Interval
	Treated  int `json:"treated"`
	Controls int `json:"controls"`
}

// Staggered is the Callaway–Sant'Anna estimate for staggered adoption.
type Staggered struct {
	// Estimator is "callaway_santanna"; Control "not_yet_treated" or "never_treated".
	Estimator string `json:"estimator"`
	Control   string `json:"control"`
	// Overall is did's "simple" aggregate: the restricted cells averaged with weights by cohort size.
	Overall Interval `json:"overall"`
	// EventTimeOverall averages the event-time effects for e ≥ 0 (did's dynamic overall).
	EventTimeOverall Interval          `json:"event_time_overall"`
	ByEventTime      []EventTimeEffect `json:"by_event_time"`
	// BandCritical is the multiplier-bootstrap critical value of the simultaneous band (1.96 would be
	// pointwise); BandDraws and BandSeed reproduce it.
	BandCritical  float64           `json:"band_critical_value"`
	BandDraws     int               `json:"band_draws"`
	BandSeed      uint64            `json:"band_seed"`
	ByCohort      []CohortEffect    `json:"by_cohort"`
	CohortOverall Interval          `json:"cohort_overall"`
	ByYear        []YearEffect      `json:"by_year"`
	YearOverall   Interval          `json:"year_overall"`
	GroupTime     []GroupTimeEffect `json:"group_time"`
	// Councils counts the councils in the estimation; Cohorts their treated cohorts' sizes.
	Councils        int `json:"councils"`
	NeverRestricted int `json:"never_restricted"`
	// ExcludedReversing counts councils that lifted a restriction (the estimator needs an absorbing
	// treatment); ExcludedAlwaysRestricted those restricted from the first survey year (no base year).
	ExcludedReversing        int `json:"excluded_reversing"`
	ExcludedAlwaysRestricted int `json:"excluded_always_restricted"`
	// ExcludedUnknownTiming counts councils with no row for the year before their first restricted
	// one, so their first restricted year is not known.
	ExcludedUnknownTiming int `json:"excluded_unknown_timing"`
	// ExcludedSmallCohorts counts councils in cohorts of fewer than MinCohortCouncils.
	ExcludedSmallCohorts int `json:"excluded_small_cohorts"`
}

// Pretrend is did's Wald pre-test on the pre-period group-time cells and the slope it can detect.
type Pretrend struct {
	Wald float64 `json:"wald"`
	DF   int     `json:"df"`
	P    float64 `json:"p"`
	// Slope80Power is the linear differential pre-trend (points per year) the test detects with 80%
	// power at the 5% level (Roth 2022): smaller trends would usually pass unnoticed.
	Slope80Power float64 `json:"slope_80_power"`
}

// Sensitivity is the relative-magnitudes breakdown value of the on-impact effect.
type Sensitivity struct {
	// BreakdownM is the largest M̄ for which the on-impact effect stays significant when the
	// post-period violation of parallel trends may be M̄ times the largest pre-period one.
	BreakdownM float64 `json:"breakdown_m"`
	Target     string  `json:"target"`
}

// councilHistory classifies an organisation's restriction history over its observed years.
type councilHistory int

const (
	historyNever councilHistory = iota
	historyAbsorbing
	historyReversing
	historyAlways
	historyUnknownTiming
)

// histories returns every organisation's restriction history and first restricted year (0 never).
func histories(p *panelData) ([]councilHistory, []int32) {
	g := p.clusters()
	h := make([]councilHistory, g)
	first := make([]int32, g)
	for c := range g {
		t := p.timing[p.rows[p.orgStart[c]].Org]
		h[c], first[c] = t.history, t.first
	}
	return h, first
}

// staggeredPanel builds the group-time panel of the absorbing councils and the never restricted.
func staggeredPanel(p *panelData) (gp *gtPanel, reversing, always, unknown, small int) {
	h, first := histories(p)
	size := map[int32]int{}
	for c := range p.clusters() {
		if h[c] == historyAbsorbing {
			size[first[c]]++
		}
	}
	T := len(p.years)
	gp = &gtPanel{years: p.years}
	for c := range p.clusters() {
		switch h[c] {
		case historyReversing:
			reversing++
			continue
		case historyAlways:
			always++
			continue
		case historyUnknownTiming:
			unknown++
			continue
		}
		if g := first[c]; g != 0 && size[g] < minCohortCouncils {
			small++
			continue
		}
		row := make([]float64, T)
		for j := range row {
			row[j] = math.NaN()
		}
		for i := p.orgStart[c]; i < p.orgStart[c+1]; i++ {
			row[p.yearIdx[i]] = p.rows[i].Mean
		}
		gp.y = append(gp.y, row...)
		gp.group = append(gp.group, first[c])
	}
	return gp, reversing, always, unknown, small
}

// minCohortCouncils is the fewest councils a cohort may have to be estimated: with fewer, its
// influence-function standard errors (and so the band and the pre-test) understate the uncertainty
// badly; such councils are set aside and counted.
const minCohortCouncils = 5

// estimateStaggered runs the Callaway–Sant'Anna estimator and its diagnostics; it returns nil results
// when no group-time effect can be estimated (no cohort with a base year and controls).
func estimateStaggered(ctx context.Context, p *panelData, opts Options, res *Result) error {
	gp, reversing, always, unknown, small := staggeredPanel(p)
	if gp.units() == 0 {
		return nil
	}
	f := fitGroupTime(gp, opts.Control)
	if len(f.simpleCells()) == 0 {
		return nil
	}
	s := &Staggered{
		Estimator: "callaway_santanna", Control: opts.Control.String(),
		Councils: gp.units(), ExcludedReversing: reversing, ExcludedAlwaysRestricted: always, ExcludedUnknownTiming: unknown, ExcludedSmallCohorts: small,
		BandDraws: opts.BandDraws, BandSeed: opts.Seed,
	}
	for _, g := range gp.group {
		if g == 0 {
			s.NeverRestricted++
		}
	}
	simple := f.simple()
	s.Overall = interval(simple.est, simple.se)
	dyn, dynAll := f.dynamic()
	s.EventTimeOverall = interval(dynAll.est, dynAll.se)
	infs := make([][]float64, len(dyn))
	for i, d := range dyn {
		infs[i] = d.inf
	}
	crit, err := simultaneousCritical(ctx, infs, opts.BandDraws, opts.Seed, opts.Workers)
	if err != nil {
		return err
	}
	s.BandCritical = crit
	for _, d := range dyn {
		s.ByEventTime = append(s.ByEventTime, EventTimeEffect{
			E: d.e, Interval: interval(d.est, d.se), BandLow: d.est - crit*d.se, BandHigh: d.est + crit*d.se,
		})
	}
	grp, grpAll := f.byCohort()
	for _, g := range grp {
		s.ByCohort = append(s.ByCohort, CohortEffect{Cohort: g.key, Interval: interval(g.est, g.se)})
	}
	s.CohortOverall = interval(grpAll.est, grpAll.se)
	cal, calAll := f.byYear()
	for _, c := range cal {
		s.ByYear = append(s.ByYear, YearEffect{Year: c.key, Interval: interval(c.est, c.se)})
	}
	s.YearOverall = interval(calAll.est, calAll.se)
	for _, c := range f.cells {
		s.GroupTime = append(s.GroupTime, GroupTimeEffect{
			Cohort: c.group, Year: c.year, Base: c.base, Interval: interval(c.att, c.se),
			Treated: c.treated, Controls: c.controls,
		})
	}
	res.Staggered = s
	if w, df, pv, slope, ok := f.waldPretest(); ok {
		res.Pretrend = &Pretrend{Wald: w, DF: df, P: pv, Slope80Power: slope}
	}
	if m, ok := breakdownRM(dyn); ok {
		res.Sensitivity = &Sensitivity{BreakdownM: m, Target: "event_time_0"}
	}
	if im := estimateImputation(gp); im != nil {
		im.Agreement = agreement(im.Overall, s.Overall)
		res.Imputation = im
	}
	return nil
}

// simpleCells returns the post-period cells.
func (f *gtFit) simpleCells() []*gtCell {
	var out []*gtCell
	for i := range f.cells {
		if f.cells[i].post {
			out = append(out, &f.cells[i])
		}
	}
	return out
}
