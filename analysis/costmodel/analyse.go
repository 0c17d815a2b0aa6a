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
	df := s.Discount.Factors(s.Horizon)
	base := s.baseValues()
	amounts, err := s.lineAmounts(base)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.File, err)
	}
	withOB, withoutOB, rows := s.deterministic(amounts, df)
	r := &Result{
		Scenario: s.Name, Description: s.Description, File: s.File, Organisation: s.Organisation,
		BaseYear: s.BaseYear, HorizonYears: s.Horizon, Discount: s.Discount.String(),
		ExcelRate: s.Discount.ExcelRate(), DiscountFactors: df, Iterations: s.Iterations, Seed: s.Seed,
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
	pref := 0
	for i, o := range s.Options {
		r.Options = append(r.Options, OptionResult{Name: o.Name, Label: o.Label, Description: o.Description,
			Deterministic: withOB[i], DeterministicWithoutOB: withoutOB[i]})
		if withOB[i].NPSV > withOB[pref].NPSV {
			pref = i
		}
	}
	r.Preferred = s.Options[pref].Name
	r.Incremental = s.incremental(withOB, withoutOB, df)
	if r.Incremental == nil {
		r.Incremental = []Incremental{}
	}
	pe := s.newPointEvaluator(df)
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
	for i := range r.Options {
		o := &r.Options[i]
		o.NPSV, o.ProbPositive, o.ProbBest = mc.summaries[i], mc.probPos[i], mc.probBest[i]
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
	if len(s.Correlations) > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("rank correlations between inputs were induced by the Iman–Conover method within each chunk of %d iterations", ChunkSize))
	}
	if s.Discount.GreenBook && s.Horizon > 31 {
		r.Notes = append(r.Notes, "excel_npv uses 3.5% throughout; the Green Book schedule lowers the rate after year 30")
	}
	return r, nil
}

func absOrMinus(p *float64) float64 {
	if p == nil {
		return -1
	}
	return math.Abs(*p)
}
