package costmodel

import (
	"context"
	"math"
	"testing"
)

func mustParse(t testing.TB, src string) *Scenario {
	t.Helper()
	sc, err := Parse("test.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// TestDeterministicHandCalculation checks every deterministic figure of a two-option case worked
// by hand at 10%.
func TestDeterministicHandCalculation(t *testing.T) {
	sc := mustParse(t, `name = "hand"
base_year = 2020
horizon_years = 4
discount = 0.10
iterations = 100
baseline = "nothing"
[optimism_bias]
capital = 0.20
operating = 0.10
[inputs]
price = { dist = "triangular", min = 80, mode = 100, max = 150 }
[[options]]
name = "nothing"
[[options]]
name = "invest"
  [[options.lines]]
  name = "purchase"
  kind = "cost"
  category = "capital"
  years = [0]
  amount = "price"
  [[options.lines]]
  name = "saving"
  kind = "benefit"
  years = "1-3"
  amount = "50"
  [[options.lines]]
  name = "running"
  kind = "cost"
  category = "operating"
  years = "1-3"
  amount = "10 * (t >= 2)"
`)
	r, err := Analyse(context.Background(), sc, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// At base values (price = mode = 100), with optimism bias:
	//   costs    = 120, 0, 11, 11 (capital ×1.2; running 10 ×1.1 in years 2 and 3)
	//   benefits = 0, 50, 50, 50
	//   PV costs = 120 + 11/1.21 + 11/1.331 = 120 + 9.090909 + 8.264463 = 137.355372
	//   PV benefits = 50/1.1 + 50/1.21 + 50/1.331 = 45.454545 + 41.322314 + 37.565740 = 124.342600
	//   NPSV = −13.012772; BCR = 0.905264
	//   Excel NPV of net flows (−120, 50, 39, 39) = −120/1.1 + 50/1.21 + 39/1.331 + 39/1.4641
	//     = −109.090909 + 41.322314 + 29.301277 + 26.637525 = −11.829793
	// Without optimism bias: PV costs = 100 + 10/1.21 + 10/1.331 = 115.777611, NPSV = 8.564989.
	inv := r.Options[1]
	d := inv.Deterministic
	checks := []struct {
		name      string
		got, want float64
	}{
		{"pv_costs", d.PVCosts, 137.355372},
		{"pv_benefits", d.PVBenefits, 124.342600},
		{"npsv", d.NPSV, -13.012772},
		{"bcr", *d.BCR, 0.905264},
		{"excel_npv", d.ExcelNPV, -11.829793},
		{"pv_costs without OB", inv.DeterministicWithoutOB.PVCosts, 115.777611},
		{"npsv without OB", inv.DeterministicWithoutOB.NPSV, 8.564989},
		{"incremental npsv", r.Incremental[0].NPSV, -13.012772},
		{"incremental npsv without OB", r.Incremental[0].NPSVWithoutOB, 8.564989},
	}
	for _, c := range checks {
		if !near(c.got, c.want, 5e-6) {
			t.Errorf("%s = %.6f, want %.6f", c.name, c.got, c.want)
		}
	}
	if r.Options[0].Deterministic.BCR != nil {
		t.Error("BCR of an option without costs should be null")
	}
	if r.Preferred != "nothing" {
		t.Errorf("preferred = %s, want nothing", r.Preferred)
	}
	// Cumulative discounted incremental flows −120, −74.55, −42.32, −13.01: no payback.
	if r.Incremental[0].DiscountedPaybackYear != nil {
		t.Errorf("payback year %d, want none", *r.Incremental[0].DiscountedPaybackYear)
	}
	// Cash-flow rows: purchase in 2020, saving 2021-23, running 2021-23 (zero in 2021).
	if got := len(r.CashFlows); got != 7 {
		t.Fatalf("%d cash-flow rows, want 7", got)
	}
	row := r.CashFlows[0]
	if row.Option != "invest" || row.Line != "purchase" || row.CalendarYear != 2020 || row.Amount != 100 ||
		row.Uplift != 1.2 || row.PresentValueWithUplift != 120 {
		t.Errorf("first row = %+v", row)
	}
	last := r.CashFlows[6]
	if last.Year != 3 || last.CalendarYear != 2023 || !near(last.DiscountFactor, 1/1.331, 1e-12) || !near(last.PresentValue, 10/1.331, 1e-9) {
		t.Errorf("last row = %+v", last)
	}
}

// TestExpressions checks the operators against values worked by hand, through the same path as
// the cash flows (fixed inputs a = 6, b = 4, and t).
func TestExpressions(t *testing.T) {
	tests := []struct {
		expr string
		want []float64 // t = 0, 1, 2
	}{
		{"a + b * 2", []float64{14, 14, 14}},
		{"(a + b) * 2", []float64{20, 20, 20}},
		{"a / b - 1", []float64{0.5, 0.5, 0.5}},
		{"2 ^ t", []float64{1, 2, 4}},
		{"2 ** 3 ^ 2", []float64{512, 512, 512}}, // right-associative: 2^(3^2)
		{"-a ^ 2", []float64{-36, -36, -36}},     // − binds looser than ^
		{"t * a", []float64{0, 6, 12}},
		{"min(1, (t + 1) / 3)", []float64{1.0 / 3, 2.0 / 3, 1}},
		{"max(a, b, 10)", []float64{10, 10, 10}},
		{"if(t >= 1, a, b)", []float64{4, 6, 6}},
		{"t >= 1 ? a : b", []float64{4, 6, 6}},
		{"(t == 1) + (t != 1) * 10", []float64{10, 1, 10}},
		{"(t < 1) + (t <= 1) + (t > 1)", []float64{2, 1, 1}},
		{"t > 0 and t < 2", []float64{0, 1, 0}},
		{"t == 0 or t == 2", []float64{1, 0, 1}},
		{"not (t == 1)", []float64{1, 0, 1}},
		{"1e3 / 1.02 ^ t", []float64{1000, 1000 / 1.02, 1000 / 1.0404}},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			for _, uncertain := range []bool{false, true} {
				a := "6"
				if uncertain {
					// The same values through the column evaluator: a point distribution would be
					// folded, so use a uniform input evaluated at its base value (its mean, 6).
					a = `{ dist = "uniform", min = 5, max = 7 }`
				}
				sc := mustParse(t, `name = "e"
base_year = 2020
horizon_years = 3
[inputs]
a = `+a+`
b = 4
[[options]]
name = "o"
  [[options.lines]]
  name = "l"
  kind = "benefit"
  years = "0-2"
  allow_negative = true
  amount = "`+tt.expr+`"
`)
				amounts, err := sc.lineAmounts(sc.baseValues())
				if err != nil {
					t.Fatal(err)
				}
				for i, want := range tt.want {
					if got := amounts[0][0][i]; !near(got, want, 1e-12*math.Max(1, math.Abs(want))) {
						t.Errorf("uncertain=%v: t=%d: %v, want %v", uncertain, i, got, want)
					}
				}
			}
		})
	}
}

// TestGreenBookDeflatorExample reproduces the Green Book's real-terms worked example (domain.md):
// £1,000 nominal a year with a 2% GDP deflator is £1,000, £980, £961, £942, £924, £906 in real
// terms, written as an amount expression.
func TestGreenBookDeflatorExample(t *testing.T) {
	sc := mustParse(t, `name = "deflator"
base_year = 2020
horizon_years = 6
[[options]]
name = "o"
  [[options.lines]]
  name = "nominal 1000 deflated at 2%"
  kind = "cost"
  category = "operating"
  years = "0-5"
  amount = "1000 / 1.02 ^ t"
`)
	amounts, err := sc.lineAmounts(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1000, 980, 961, 942, 924, 906}
	for i, w := range want {
		if got := math.Round(amounts[0][0][i]); got != w {
			t.Errorf("year %d: £%.0f, want £%.0f", i, got, w)
		}
	}
}

// TestNoUncertainInputs: a scenario of fixed figures runs end to end, every draw equal to the
// deterministic case and every spread zero.
func TestNoUncertainInputs(t *testing.T) {
	sc := mustParse(t, `name = "fixed"
base_year = 2020
horizon_years = 2
discount = 0.05
iterations = 10
[[options]]
name = "a"
  [[options.lines]]
  name = "cost"
  kind = "cost"
  category = "operating"
  years = "0-1"
  amount = 105
[[options]]
name = "b"
`)
	r, err := Analyse(context.Background(), sc, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// −105 − 105/1.05 = −205.
	if o := r.Options[0]; !near(o.Deterministic.NPSV, -205, 1e-12) || o.NPSV.Mean != o.Deterministic.NPSV || o.NPSV.SD != 0 || o.NPSV.P5 != -205 {
		t.Errorf("option a = %+v", o)
	}
	if r.Options[1].ProbBest != 1 || len(r.Tornado[0].Bars) != 0 || len(r.SwitchingValues) != 0 {
		t.Errorf("prob_best %v, tornado %+v, switching %+v", r.Options[1].ProbBest, r.Tornado, r.SwitchingValues)
	}
}
