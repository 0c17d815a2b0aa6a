package costmodel

// The financial case: what an option costs the council's budget, year by year, in the cash the
// section 151 officer will pay. The economic case is in real terms at the price base year; the
// budget is set in cash. So each year's costs (base values, optimism bias applied, as the headline
// figures) are turned into nominal pounds with the scenario's deflator, split into capital and
// revenue, and set against the budget line when the scenario gives one (HM Treasury and Welsh
// Government, "Guide to developing the project business case", 2018, the financial case: "the
// affordability of the proposal ... the capital and revenue requirements ... over the life span").

import (
	"fmt"
	"math"
)

// FinancialCase is one option's costs by financial year, as the budget sees them.
type FinancialCase struct {
	Option string `json:"option"`
	// Nominal is true when the amounts are nominal (cash) pounds, converted with the scenario's
	// deflator; false when the scenario gives no deflator covering every year, and the amounts stay
	// in real terms at PriceBaseYear prices (PricesNote says why).
	Nominal       bool   `json:"nominal"`
	PriceBaseYear int    `json:"price_base_year"`
	PricesNote    string `json:"prices_note"`
	// Years are the appraisal's years, year index 0 first.
	Years []FinancialYear `json:"years"`
	// FirstYears is how many years Next3 covers: three, or the horizon when shorter.
	FirstYears int `json:"first_years"`
	// Next3 is the total cost of the first FirstYears years, in the same terms as Years: the cost to
	// the council's budget "in the next three years" that the executive summary states.
	Next3 float64 `json:"cost_first_three_years"`
	// Budget is the budget line's yearly amount in real terms as the scenario states it; null when
	// the scenario gives none.
	Budget *float64 `json:"budget"`
}

// FinancialYear is one year of a financial case. Capital and Revenue are the option's cost lines of
// category capital and operating; a benefit (even a cash saving) is not netted off, because the
// budget must carry the costs before any saving is banked.
type FinancialYear struct {
	Year         int     `json:"year"`          // index t from 0
	CalendarYear int     `json:"calendar_year"` // BaseYear + t; the financial year starting in April of it
	Deflator     float64 `json:"deflator"`      // D(year)/D(price base year): nominal = real × Deflator
	Capital      float64 `json:"capital"`
	Revenue      float64 `json:"revenue"`
	Total        float64 `json:"total"`
	// Budget is the budget line in this year in the same terms as the costs (a real-terms budget
	// carried into cash by the deflator); Headroom is Budget − Total. Both null without a budget.
	Budget   *float64 `json:"budget"`
	Headroom *float64 `json:"headroom"`
}

// Finance builds an option's financial case from a result's base-value cash flows (optimism bias
// applied, real terms) and its prices. budget is the budget line in £ a year at price-base-year
// prices, or nil. An option the result does not hold gives an error.
func Finance(r *Result, option string, budget *float64) (FinancialCase, error) {
	found := false
	for _, o := range r.Options {
		found = found || o.Name == option
	}
	if !found {
		return FinancialCase{}, fmt.Errorf("costmodel: no option %q in the result of %s", option, r.File)
	}
	fc := FinancialCase{Option: option, PriceBaseYear: r.PriceBaseYear, Budget: budget, FirstYears: min(3, r.HorizonYears)}
	defl, note := nominalFactors(r)
	fc.Nominal = defl != nil
	fc.PricesNote = note
	fc.Years = make([]FinancialYear, r.HorizonYears)
	for t := range fc.Years {
		d := 1.0
		if defl != nil {
			d = defl[t]
		}
		fc.Years[t] = FinancialYear{Year: t, CalendarYear: r.BaseYear + t, Deflator: d}
	}
	for _, c := range r.CashFlows {
		if c.Option != option || c.Kind != Cost || c.Year < 0 || c.Year >= r.HorizonYears {
			continue
		}
		y := &fc.Years[c.Year]
		cash := c.Amount * c.Uplift * y.Deflator
		if c.Category == string(Capital) {
			y.Capital += cash
		} else {
			y.Revenue += cash
		}
	}
	for t := range fc.Years {
		y := &fc.Years[t]
		y.Total = y.Capital + y.Revenue
		if budget != nil {
			b := *budget * y.Deflator
			h := b - y.Total
			y.Budget, y.Headroom = &b, &h
		}
		if t < fc.FirstYears {
			fc.Next3 += y.Total
		}
	}
	return fc, nil
}

// nominalFactors returns D(base_year + t)/D(price_base_year) for every year of the horizon, from
// the deflator series or the constant growth rate, with a sentence saying in which terms the
// financial case is; nil factors when the scenario gives no deflator or the series misses a year.
func nominalFactors(r *Result) ([]float64, string) {
	p := r.Prices
	index := func(y int) (float64, bool) {
		if p.Deflator == nil {
			return math.Pow(1+p.Growth, float64(y-r.PriceBaseYear)), true
		}
		v, ok := p.Deflator[y]
		return v, ok && v > 0
	}
	if p.Deflator == nil && p.Growth == 0 {
		return nil, fmt.Sprintf("in real terms at %d prices: the scenario gives no deflator ([prices]), so cash in later years will be higher by inflation", r.PriceBaseYear)
	}
	base, ok := index(r.PriceBaseYear)
	if !ok {
		return nil, fmt.Sprintf("in real terms at %d prices: the deflator has no index for the price base year %d", r.PriceBaseYear, r.PriceBaseYear)
	}
	f := make([]float64, r.HorizonYears)
	for t := range f {
		v, ok := index(r.BaseYear + t)
		if !ok {
			return nil, fmt.Sprintf("in real terms at %d prices: the deflator has no index for %d", r.PriceBaseYear, r.BaseYear+t)
		}
		f[t] = v / base
	}
	if p.Deflator == nil {
		return f, fmt.Sprintf("in nominal (cash) terms: %d prices raised by the scenario's deflator growth of %s a year", r.PriceBaseYear, trimPercent(p.Growth))
	}
	return f, fmt.Sprintf("in nominal (cash) terms: %d prices raised by the scenario's deflator index", r.PriceBaseYear)
}

// trimPercent writes a rate as a percentage without trailing zeros: 0.02 → "2%", 0.025 → "2.5%".
func trimPercent(x float64) string {
	return formatFloat(math.Round(x*1e6)/1e4) + "%"
}
