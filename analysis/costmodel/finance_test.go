package costmodel

import (
	"context"
	"math"
	"strings"
	"testing"
)

// financeResult is a hand-made result: option "a" with a capital line in years 0 and 3, an
// operating line in years 1 and 2 and a benefit (which the budget does not net off); option "b"
// has a cost the financial case of "a" must not pick up.
func financeResult(p Prices) *Result {
	return &Result{File: "hand.toml", BaseYear: 2014, PriceBaseYear: 2014, HorizonYears: 4, Prices: p,
		Options: []OptionResult{{Name: "a"}, {Name: "b"}},
		CashFlows: []CashFlow{
			{Option: "a", Year: 0, Kind: Cost, Category: "capital", Amount: 1000, Uplift: 1.2},
			{Option: "a", Year: 1, Kind: Cost, Category: "operating", Amount: 500, Uplift: 1.05},
			{Option: "a", Year: 2, Kind: Cost, Category: "operating", Amount: 500, Uplift: 1.05},
			{Option: "a", Year: 2, Kind: Benefit, Amount: 999, Uplift: 1},
			{Option: "a", Year: 3, Kind: Cost, Category: "capital", Amount: 100, Uplift: 1},
			{Option: "b", Year: 0, Kind: Cost, Category: "capital", Amount: 7777, Uplift: 1},
		}}
}

func nearFin(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.10g, want %.10g", what, got, want)
	}
}

// At a constant 2% deflator growth, worked by hand: year 0 capital 1,000 × 1.2 = 1,200 (deflator 1);
// year 1 revenue 500 × 1.05 × 1.02 = 535.5; year 2 revenue 525 × 1.02² = 525 × 1.0404 = 546.21;
// year 3 capital 100 × 1.02³ = 106.1208. The first three years: 1,200 + 535.5 + 546.21 = 2,281.71.
// A real-terms budget of 600 a year is 600, 612, 624.24 and 636.7248 in cash; headroom in year 1 is
// 612 − 535.5 = 76.5, in year 0 600 − 1,200 = −600.
func TestFinanceConstantGrowth(t *testing.T) {
	budget := 600.0
	fc, err := Finance(financeResult(Prices{Growth: 0.02}), "a", &budget)
	if err != nil {
		t.Fatal(err)
	}
	if !fc.Nominal || !strings.Contains(fc.PricesNote, "nominal") || !strings.Contains(fc.PricesNote, "2%") {
		t.Errorf("nominal %v, note %q", fc.Nominal, fc.PricesNote)
	}
	want := []struct{ capital, revenue, budget float64 }{{1200, 0, 600}, {0, 535.5, 612}, {0, 546.21, 624.24}, {106.1208, 0, 636.7248}}
	if len(fc.Years) != 4 {
		t.Fatalf("%d years, want 4", len(fc.Years))
	}
	for i, w := range want {
		y := fc.Years[i]
		if y.CalendarYear != 2014+i {
			t.Errorf("year %d is %d", i, y.CalendarYear)
		}
		nearFin(t, "capital", y.Capital, w.capital)
		nearFin(t, "revenue", y.Revenue, w.revenue)
		nearFin(t, "total", y.Total, w.capital+w.revenue)
		nearFin(t, "budget", *y.Budget, w.budget)
		nearFin(t, "headroom", *y.Headroom, w.budget-w.capital-w.revenue)
	}
	nearFin(t, "headroom 1", *fc.Years[1].Headroom, 76.5)
	nearFin(t, "headroom 0", *fc.Years[0].Headroom, -600)
	if fc.FirstYears != 3 {
		t.Errorf("first years %d, want 3", fc.FirstYears)
	}
	nearFin(t, "next three years", fc.Next3, 2281.71)
}

// With a deflator series (2014 = 100, 2015 = 103, 2016 = 104, 2017 = 104) the year-1 revenue is
// 525 × 103/100 = 540.75 and year 2 is 525 × 1.04 = 546; the first three years 1,200 + 540.75 + 546
// = 2,286.75. Without a budget, no budget figures.
func TestFinanceDeflatorSeries(t *testing.T) {
	fc, err := Finance(financeResult(Prices{Deflator: map[int]float64{2014: 100, 2015: 103, 2016: 104, 2017: 104}}), "a", nil)
	if err != nil {
		t.Fatal(err)
	}
	nearFin(t, "year 1", fc.Years[1].Total, 540.75)
	nearFin(t, "year 2", fc.Years[2].Total, 546)
	nearFin(t, "next three years", fc.Next3, 2286.75)
	if fc.Years[0].Budget != nil || fc.Years[0].Headroom != nil {
		t.Error("budget figures without a budget")
	}
}

// A series that misses a year, or no deflator at all, leaves the case in real terms and says so;
// the first three years are then 1,200 + 525 + 525 = 2,250.
func TestFinanceRealTerms(t *testing.T) {
	for _, p := range []Prices{{}, {Deflator: map[int]float64{2014: 100, 2015: 103}}} {
		fc, err := Finance(financeResult(p), "a", nil)
		if err != nil {
			t.Fatal(err)
		}
		if fc.Nominal || !strings.Contains(fc.PricesNote, "real terms at 2014 prices") {
			t.Errorf("%+v: nominal %v, note %q", p, fc.Nominal, fc.PricesNote)
		}
		nearFin(t, "next three years", fc.Next3, 2250)
	}
	if _, err := Finance(financeResult(Prices{}), "c", nil); err == nil || !strings.Contains(err.Error(), `no option "c"`) {
		t.Errorf("unknown option: %v", err)
	}
}

// A horizon of two years: the "next three years" are the two there are.
func TestFinanceShortHorizon(t *testing.T) {
	r := financeResult(Prices{})
	r.HorizonYears = 2
	fc, err := Finance(r, "a", nil)
	if err != nil {
		t.Fatal(err)
	}
	if fc.FirstYears != 2 {
		t.Errorf("first years %d, want 2", fc.FirstYears)
	}
	nearFin(t, "first two years", fc.Next3, 1725)
}

// Analyse puts the preferred option's financial case in the result, with the file's budget: one
// option, a capital cost of 10,000 in year 0 and an operating cost of 2,000 in years 1–4, optimism
// bias 10% on capital and none on operating, a 3% deflator growth and a budget of 5,000 a year.
// By hand: 11,000, then 2,000 × 1.03 = 2,060 and 2,000 × 1.0609 = 2,121.8; three years 15,181.8.
func TestAnalyseFinancial(t *testing.T) {
	src := `name = "f"
base_year = 2020
horizon_years = 5
iterations = 10
[prices]
deflator_growth = 0.03
[optimism_bias]
capital = 0.1
[business_case]
budget = 5000
[[options]]
name = "only"
  [[options.lines]]
  name = "kit"
  kind = "cost"
  category = "capital"
  years = [0]
  amount = 10000
  [[options.lines]]
  name = "support"
  kind = "cost"
  category = "operating"
  years = "1-4"
  amount = 2000
`
	sc, err := Parse("f.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Analyse(context.Background(), sc, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Financial == nil {
		t.Fatal("no financial case")
	}
	fc := r.Financial
	nearFin(t, "year 0 capital", fc.Years[0].Capital, 11000)
	nearFin(t, "year 1 revenue", fc.Years[1].Revenue, 2060)
	nearFin(t, "three years", fc.Next3, 15181.8)
	nearFin(t, "year 1 headroom", *fc.Years[1].Headroom, 5150-2060)
}
