package costmodel

import (
	"fmt"
	"math"
	"strconv"
)

// The deterministic case evaluates every line at the inputs' base values, year by year: the cash
// flows a finance officer can check by hand, and the figures Green Book tables show first.

// lineAmounts returns each line's amount per year (zero outside its years) with the uncertain
// inputs at vals, before optimism bias, in real terms (nominal lines are deflated).
func (s *Scenario) lineAmounts(vals []float64) ([][][]float64, error) {
	e := newEvaluator(s.graph)
	out := make([][][]float64, len(s.Options))
	for i, o := range s.Options {
		out[i] = make([][]float64, len(o.Lines))
		for j, l := range o.Lines {
			all := e.values(s.lines[i][j], vals)
			amt := make([]float64, s.Horizon)
			for _, t := range l.Years {
				if v := all[t]; math.IsNaN(v) || math.IsInf(v, 0) {
					return nil, fmt.Errorf("option %q, line %q, year %d: amount %q is %v at base values (a division by zero?)",
						o.Name, l.Name, t, l.Amount, v)
				}
				amt[t] = all[t]
				if l.Nominal {
					amt[t] *= s.realFactor(t)
				}
			}
			out[i][j] = amt
		}
	}
	return out, nil
}

// deterministic computes every option's deterministic figures with and without optimism bias,
// and the cash-flow rows, from line amounts at base values.
func (s *Scenario) deterministic(amounts [][][]float64, df []float64) (withOB, withoutOB []Deterministic, rows []CashFlow) {
	excelRate := s.Discount.excelRate()
	figures := func(costs, benefits []float64) Deterministic {
		d := Deterministic{Costs: costs, Benefits: benefits}
		d.PVCosts = presentValue(costs, df)
		d.PVBenefits = presentValue(benefits, df)
		d.NPSV = d.PVBenefits - d.PVCosts
		switch {
		case d.PVBenefits == 0:
			d.BCRNote = "no benefit–cost ratio: the option has costs only; compare it through the incremental BCR and NPSV against the baseline"
		case d.PVCosts == 0:
			d.BCRNote = "no benefit–cost ratio: the option has no costs"
		default:
			bcr := d.PVBenefits / d.PVCosts
			d.BCR = &bcr
		}
		net := make([]float64, len(costs))
		for t := range net {
			net[t] = benefits[t] - costs[t]
		}
		d.ExcelNPV = excelNPV(excelRate, net)
		return d
	}
	for i, o := range s.Options {
		costs, costsOB := make([]float64, s.Horizon), make([]float64, s.Horizon)
		benefits, benefitsOB := make([]float64, s.Horizon), make([]float64, s.Horizon)
		for j := range o.Lines {
			l := &o.Lines[j]
			up := s.uplift(l)
			for _, t := range l.Years {
				a := amounts[i][j][t]
				if l.Kind == Cost {
					costs[t] += a
					costsOB[t] += a * up
				} else {
					benefits[t] += a
					benefitsOB[t] += a * up
				}
				rows = append(rows, CashFlow{
					Option: o.Name, Year: t, CalendarYear: s.BaseYear + t, Line: l.Name, Kind: l.Kind,
					Category: string(l.Category), Amount: a, DiscountFactor: df[t], PresentValue: a * df[t],
					Uplift: up, PresentValueWithUplift: a * up * df[t],
				})
			}
		}
		withOB = append(withOB, figures(costsOB, benefitsOB))
		withoutOB = append(withoutOB, figures(costs, benefits))
	}
	return withOB, withoutOB, rows
}

// incremental compares each option other than the baseline with it.
func (s *Scenario) incremental(withOB, withoutOB []Deterministic, df []float64) []Incremental {
	b := s.optionIndex(s.Baseline)
	var out []Incremental
	for i, o := range s.Options {
		if i == b {
			continue
		}
		inc := Incremental{Option: o.Name, Against: s.Baseline}
		inc.NetFlows = make([]float64, s.Horizon)
		for t := range inc.NetFlows {
			inc.NetFlows[t] = (withOB[i].Benefits[t] - withOB[i].Costs[t]) - (withOB[b].Benefits[t] - withOB[b].Costs[t])
		}
		inc.PVCosts = withOB[i].PVCosts - withOB[b].PVCosts
		inc.PVBenefits = withOB[i].PVBenefits - withOB[b].PVBenefits
		inc.NPSV = withOB[i].NPSV - withOB[b].NPSV
		inc.NPSVWithoutOB = withoutOB[i].NPSV - withoutOB[b].NPSV
		inc.ExcelNPV = excelNPV(s.Discount.excelRate(), inc.NetFlows)
		if y, ok := discountedPayback(inc.NetFlows, df); ok {
			inc.DiscountedPaybackYear = &y
			if y == 0 {
				inc.PaybackNote = "no investment to pay back: the option is at least as good as the baseline from year 0"
			}
		} else {
			inc.PaybackNote = "does not pay back within the horizon"
		}
		inc.IRR, inc.IRRNote = irr(inc.NetFlows)
		inc.IRRKind, inc.IRRSentence = irrKind(inc.NetFlows, inc.IRR, s.Discount.excelRate())
		// Incremental BCR: (the baseline's costs avoided + the benefits added) / the option's costs.
		// It exceeds 1 exactly when the incremental NPSV is positive.
		if pc := withOB[i].PVCosts; pc > 0 {
			r := (withOB[b].PVCosts + inc.PVBenefits) / pc
			inc.BCR = &r
		} else {
			inc.BCRNote = "no incremental BCR: the option has no costs"
		}
		out = append(out, inc)
	}
	return out
}

// discountedPayback returns the first year t at which Σ_{s≤t} flows[s]·factors[s] ≥ 0, and false
// if the cumulative discounted flows stay negative throughout.
func discountedPayback(flows, factors []float64) (int, bool) {
	var cum float64
	for t, v := range flows {
		cum += v * factors[t]
		if cum >= 0 {
			return t, true
		}
	}
	return 0, false
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func itoa(i int) string { return strconv.Itoa(i) }

// IRR kinds, from the pattern of signs of the incremental net flows.
const (
	irrInvestment = "investment" // outlays first, returns later: a higher IRR is better
	irrBorrowing  = "borrowing"  // gains first, costs later: a lower IRR is better
	irrMixed      = "mixed"      // several changes of sign: several or no roots
	irrNone       = "none"       // the flows never change sign
)

// irrKind classifies net flows by their signs and writes the sentence the documents print beside
// the IRR. For one change of sign the present value is monotone in the rate (Descartes' rule of
// signs allows one root): investment-type flows (− then +) have a positive NPSV when the IRR is
// above the discount rate, borrowing-type flows (+ then −) when it is below.
func irrKind(flows, roots []float64, rate float64) (kind, sentence string) {
	first := 0.0
	for _, v := range flows {
		if v != 0 {
			first = v
			break
		}
	}
	rs := fmt.Sprintf("%.3g%%", rate*100)
	switch n := signChanges(flows); {
	case n == 0:
		return irrNone, "There is no internal rate of return: the net flows against the baseline never change sign, so the option is better or worse in every year; read the NPSV."
	case n > 1 || len(roots) > 1:
		return irrMixed, fmt.Sprintf("The net flows change sign %d times, so there can be several internal rates of return or none (%d found): no single IRR is meaningful; read the NPSV.", n, len(roots))
	case len(roots) == 0:
		k := irrInvestment
		if first > 0 {
			k = irrBorrowing
		}
		return k, "No internal rate of return lies between −99% and 1,000%; read the NPSV."
	case first < 0:
		return irrInvestment, fmt.Sprintf("Investment-type flows (outlay first, returns later): the IRR of %s is the return on the extra outlay, and the option beats the baseline when it exceeds the %s discount rate.", percents(roots), rs)
	}
	return irrBorrowing, fmt.Sprintf("Borrowing-type flows (gains first, costs later): the IRR of %s is the rate at which the option borrows from later years, so here a lower IRR is better; the option beats the baseline when its IRR is below the %s discount rate.", percents(roots), rs)
}
