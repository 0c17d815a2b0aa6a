package costmodel

import (
	"context"
	"fmt"
	"math"
	"slices"
)

// Analyse runs the whole appraisal of a parsed scenario: the deterministic case with and without
// optimism bias, incremental figures against the baseline, the tornado and switching values at
// base values, and the Monte Carlo summaries and rank correlations. The result depends only on the
// scenario (including its Iterations and Seed), never on opts.Workers.
func Analyse(ctx context.Context, s *Scenario, opts RunOptions) (*Result, error) {
	if s == nil || s.graph == nil {
		return nil, fmt.Errorf("costmodel: scenario was not made by Parse")
	}
	if s.Iterations < 1 {
		return nil, fmt.Errorf("costmodel: %s: iterations must be at least 1", s.File)
	}
	df := s.Discount.factors(s.Horizon)
	base := s.baseValues()
	amounts, err := s.lineAmounts(base)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.File, err)
	}
	withOB, withoutOB, rows := s.deterministic(amounts, df)
	r := &Result{
		Scenario: s.Name, Description: s.Description, File: s.File, Organisation: s.Organisation,
		BaseYear: s.BaseYear, PriceBaseYear: s.PriceBaseYear, Prices: s.Prices, HorizonYears: s.Horizon,
		Discount: s.Discount.String(), DiscountSchedule: s.Discount.scheduleName(),
		ExcelRate: s.Discount.excelRate(), DiscountFactors: df, Iterations: s.Iterations, Seed: s.Seed,
		Baseline: s.Baseline, OptimismBias: s.OptimismBias, CashFlows: rows, Notes: []string{},
		Overrides: s.Overrides,
	}
	for _, in := range s.Inputs {
		d := &in.Dist
		label := in.Label
		if label == in.Name {
			label = ""
		}
		r.Inputs = append(r.Inputs, InputSummary{
			Name: in.Name, Label: label, Distribution: string(d.Kind), Params: d.Params, Values: d.Values, Weights: d.Weights,
			Base: d.Base(), Mean: d.ExpectedValue(), P10: d.Quantile(0.1), P90: d.Quantile(0.9), Source: in.Source,
		})
	}
	pe := s.newPointEvaluator(df)
	atMeans := pe.eval(columnsOf(s.meanValues()))
	pref := 0
	for i, o := range s.Options {
		r.Options = append(r.Options, OptionResult{Name: o.Name, Label: o.Label, Description: o.Description,
			Deterministic: withOB[i], DeterministicWithoutOB: withoutOB[i],
			NPSVAtMeans: atMeans[i][0], NPSVMostLikely: withOB[i].NPSV})
		if withOB[i].NPSV > withOB[pref].NPSV {
			pref = i
		}
	}
	r.PreferredMostLikely = s.Options[pref].Name
	r.CaseLabels = caseLabels
	r.Incremental = s.incremental(withOB, withoutOB, df)
	if r.Incremental == nil {
		r.Incremental = []Incremental{}
	}
	if r.Tornado, err = s.tornado(pe, base); err != nil {
		return nil, fmt.Errorf("%s: %w", s.File, err)
	}
	if r.Tornado == nil {
		r.Tornado = []Tornado{}
	}
	r.SwitchingValues = s.switchingValues(pe, base)

	mc, err := s.monteCarlo(ctx, opts, df)
	if err != nil {
		return nil, fmt.Errorf("%s: Monte Carlo: %w", s.File, err)
	}
	unc := s.UncertainInputs()
	r.RankCorrelations = []RankCorrelations{}
	n := float64(s.Iterations)
	binom := func(p float64) Share { return Share{P: p, SE: math.Sqrt(p * (1 - p) / n)} }
	for i := range r.Options {
		o := &r.Options[i]
		o.NPSV, o.ProbPositive, o.ProbBest = mc.summaries[i], mc.probPos[i], mc.probBest[i]
		o.ExpectedNPSV = Estimate{Mean: o.NPSV.Mean, SE: o.NPSV.SE}
		o.ExpectedNPSVWithoutOB = mc.noOB[i]
		o.SCurve, o.Percentiles, o.Convergence = mc.sCurves[i], mc.percentiles[i], mc.convergence[i]
		o.PBest, o.PPositive = binom(o.ProbBest), binom(o.ProbPositive)
		if costOnly(&s.Options[i]) {
			c := -o.SCurve[20] // PV of costs = −NPSV, so its P80 is −(P20 of NPSV)
			o.P80Cost = &c
		}
		rc := RankCorrelations{Option: o.Name, Inputs: []InputRankCorrel{}}
		for j, in := range unc {
			ir := InputRankCorrel{Input: in.Name}
			if rho := mc.rho[i][j]; !math.IsNaN(rho) {
				ir.Rho = &rho
			}
			rc.Inputs = append(rc.Inputs, ir)
		}
		slices.SortStableFunc(rc.Inputs, func(a, b InputRankCorrel) int {
			x, y := absOrMinus(a.Rho), absOrMinus(b.Rho)
			switch {
			case x > y:
				return -1
			case x < y:
				return 1
			}
			return 0
		})
		r.RankCorrelations = append(r.RankCorrelations, rc)
	}
	for j := range r.Incremental {
		r.Incremental[j].Monte = mc.incremental[j]
	}
	d := mc.decision
	r.Preferred = s.Options[d.pref].Name
	if d.runner >= 0 {
		r.RunnerUp = s.Options[d.runner].Name
		r.RunnerUpDifference = &Estimate{Mean: d.diff.Mean, SE: d.diff.SE}
	}
	r.DecisionNote, r.TooCloseToCall = s.decisionNote(r, d, pref)
	r.EVPI = d.evpi
	r.EVPPIMethod = evppiMethod
	r.EVPPI, r.EVPPITop = []EVPPI{}, []string{}
	for j, in := range unc {
		r.EVPPI = append(r.EVPPI, EVPPI{Input: in.Name, Value: mc.evppi[j].Mean, SE: mc.evppi[j].SE})
	}
	slices.SortStableFunc(r.EVPPI, func(a, b EVPPI) int {
		switch {
		case a.Value > b.Value:
			return -1
		case a.Value < b.Value:
			return 1
		}
		return 0
	})
	for _, e := range r.EVPPI {
		if len(r.EVPPITop) < 3 && e.Value > 0 && e.Value >= 0.05*r.EVPI.Mean && e.Value > 2*e.SE {
			r.EVPPITop = append(r.EVPPITop, e.Input)
		}
	}
	r.RiskRegister = mc.risks
	r.Notes = append(r.Notes, "options are ranked by expected NPSV, the Monte Carlo mean (Green Book 2022, 2.16): npsv_most_likely and npsv_at_means are sensitivities, and every event (bernoulli or discrete input, risk event) is taken at its most likely outcome in them")
	if len(r.RiskRegister) > 0 {
		r.Notes = append(r.Notes, "risk events happen or not in each draw: the deterministic columns take each at its most likely outcome (it happens only if its probability is above 0.5); their expected cost is in the risk register")
	}
	if len(s.Correlations) > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("rank correlations between inputs were induced by the Iman–Conover method within each chunk of %d iterations", chunkSize))
	}
	if s.Discount.GreenBook && s.Horizon > 31 {
		r.Notes = append(r.Notes, "excel_npv uses 3.5% throughout; the Green Book schedule lowers the rate after year 30")
	}
	if r.Preferred != "" {
		fc, err := Finance(r, r.Preferred, s.Case.Budget)
		if err != nil {
			return nil, err
		}
		r.Financial = &fc
	}
	return r, nil
}

// caseLabels explain the three central figures of each option.
var caseLabels = map[string]string{
	"expected_npsv":    "expected NPSV: the Monte Carlo mean over all draws, optimism bias applied; options are ranked by it",
	"npsv_at_means":    "NPSV at input means: every quantity at its mean, every event at its most likely outcome (a sensitivity)",
	"npsv_most_likely": "most likely NPSV (the deterministic case): modes of triangular and PERT inputs, medians of lognormals, means of uniform and normal inputs, every event at its most likely outcome (a sensitivity)",
}

// costOnly reports whether an option has cost lines only.
func costOnly(o *Option) bool {
	for _, l := range o.Lines {
		if l.Kind != Cost {
			return false
		}
	}
	return len(o.Lines) > 0
}

func absOrMinus(p *float64) float64 {
	if p == nil {
		return -1
	}
	return math.Abs(*p)
}
