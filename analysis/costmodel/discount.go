package costmodel

import (
	"fmt"
	"math"
)

// Discounting is how future values are brought to present values: the Green Book schedule of
// declining long-term rates, or one constant rate.
type Discounting struct {
	GreenBook bool    // the HM Treasury schedule (GreenBookRate)
	Rate      float64 // the constant yearly rate when GreenBook is false, e.g. 0.035
	// Schedule names the source and version of the schedule when GreenBook is set; a later
	// schedule would be added beside GreenBook2022 under its own name.
	Schedule string
}

// greenBook2022 names the schedule of the HM Treasury Green Book (2022), Annex A6: the one
// "green_book" means until a later one is added.
const greenBook2022 = "green_book_2022"

// scheduleName returns the schedule's source and version ("green_book_2022"), or "constant".
func (d Discounting) scheduleName() string {
	if d.GreenBook {
		if d.Schedule == "" {
			return greenBook2022
		}
		return d.Schedule
	}
	return "constant"
}

// String names the discounting as a reader would: "green_book" or "constant 3.5%".
func (d Discounting) String() string {
	if d.GreenBook {
		return "green_book"
	}
	return fmt.Sprintf("constant %g%%", d.Rate*100)
}

// rateForYear returns the rate r_s that discounts year s back to year s−1 (s ≥ 1).
func (d Discounting) rateForYear(s int) float64 {
	if d.GreenBook {
		return greenBookRate(s)
	}
	return d.Rate
}

// excelRate is the single rate a spreadsheet check would use: the constant rate, or 3.5% (the
// schedule's rate for the first 30 years) under the Green Book.
func (d Discounting) excelRate() float64 {
	if d.GreenBook {
		return greenBookRate(1)
	}
	return d.Rate
}

// factors returns the discount factors for years 0..n−1: year 0 is the present and undiscounted,
// and the factor for year t is the product over s = 1..t of 1/(1 + r_s). Taking the product of the
// yearly factors (not 1/(1+r)^t with one rate) is what makes the declining schedule continuous:
// the Green Book applies each rate to the years it covers.
func (d Discounting) factors(n int) []float64 {
	f := make([]float64, n)
	df := 1.0
	for t := range f {
		if t > 0 {
			df /= 1 + d.rateForYear(t)
		}
		f[t] = df
	}
	return f
}

// greenBookRate returns the HM Treasury social time preference rate for year s of an appraisal
// (Green Book 2022, Annex A6, the long-term discount rate table): 3.5% for years up to 30, 3.0% for
// 31–75, 2.5% for 76–125, 2.0% for 126–200, 1.5% for 201–300 and 1.0% beyond.
func greenBookRate(s int) float64 {
	switch {
	case s <= 30:
		return 0.035
	case s <= 75:
		return 0.030
	case s <= 125:
		return 0.025
	case s <= 200:
		return 0.020
	case s <= 300:
		return 0.015
	default:
		return 0.010
	}
}

// presentValue returns Σ flows[t]·factors[t].
func presentValue(flows, factors []float64) float64 {
	var pv float64
	for t, v := range flows {
		pv += v * factors[t]
	}
	return pv
}

// excelNPV returns what a spreadsheet's =NPV(rate, v0, v1, …) gives for flows from year 0:
// Σ flows[t]/(1+rate)^(t+1). Excel treats its first value as one period away, so this is the Green
// Book present value at a constant rate divided by (1 + rate): finance officers checking our figures
// against Excel need to know which of the two they are looking at.
func excelNPV(rate float64, flows []float64) float64 {
	var npv float64
	for t, v := range flows {
		npv += v / math.Pow(1+rate, float64(t+1))
	}
	return npv
}
