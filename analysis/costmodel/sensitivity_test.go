package costmodel

import (
	"context"
	"math"
	"testing"
)

// switchCase: option "buy" costs x in year 0, option "lease" a fixed 50, so "buy" is preferred
// while x < 50. x is triangular with mode 40, its base value, so the switch is 25% above base.
const switchCase = `name = "switch"
base_year = 2020
horizon_years = 1
iterations = 2000
baseline = "lease"
[inputs]
x = { dist = "triangular", min = 0, mode = 40, max = 100 }
y = { dist = "uniform", min = 1, max = 2 }
[[options]]
name = "lease"
  [[options.lines]]
  name = "lease"
  kind = "cost"
  category = "operating"
  years = [0]
  amount = "50"
[[options]]
name = "buy"
  [[options.lines]]
  name = "buy"
  kind = "cost"
  category = "operating"
  years = [0]
  amount = "x + 0 * y"
`

func TestSwitchingValues(t *testing.T) {
	r, err := Analyse(context.Background(), mustParse(t, switchCase), RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Preferred != "buy" {
		t.Fatalf("preferred %s, want buy (40 < 50)", r.Preferred)
	}
	x := r.SwitchingValues[0]
	if x.Input != "x" || x.RangeLow != 0 || x.RangeHigh != 100 || len(x.Switches) != 1 {
		t.Fatalf("switching value of x = %+v", x)
	}
	sw := x.Switches[0]
	// NPSV(buy) − NPSV(lease) = 50 − x: zero at x = 50, (50 − 40)/40 = +25% from base.
	if !near(sw.Value, 50, 1e-9) || !near(*sw.ChangeFromBase, 0.25, 1e-11) || sw.Below != "buy" || sw.Above != "lease" {
		t.Errorf("switch = %+v (change %v), want 50, +25%%, buy below, lease above", sw, *sw.ChangeFromBase)
	}
	if y := r.SwitchingValues[1]; len(y.Switches) != 0 || y.Note != "none within range" {
		t.Errorf("y has no effect, yet switching value %+v", y)
	}
}

func TestTornado(t *testing.T) {
	r, err := Analyse(context.Background(), mustParse(t, switchCase), RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Tornado) != 1 || r.Tornado[0].Option != "buy" {
		t.Fatalf("tornado = %+v", r.Tornado)
	}
	tor := r.Tornado[0]
	// Triangular(0, 40, 100): F(40) = 0.4, so P10 = √(0.1·100·40) = 20 and
	// P90 = 100 − √(0.1·100·60) = 100 − √600 = 75.505103. Incremental NPSV = 50 − x.
	bar := tor.Bars[0]
	p90 := 100 - 24.494897427831781
	if bar.Input != "x" || !near(bar.Low, 20, 1e-9) || !near(bar.High, p90, 1e-9) ||
		!near(bar.NPSVLow, 30, 1e-9) || !near(bar.NPSVHigh, 50-p90, 1e-9) || !near(bar.Swing, p90-20, 1e-9) {
		t.Errorf("bar = %+v", bar)
	}
	if !near(tor.BaseNPSV, 10, 1e-12) {
		t.Errorf("base incremental NPSV %v, want 10", tor.BaseNPSV)
	}
	if tor.Bars[1].Input != "y" || tor.Bars[1].Swing != 0 {
		t.Errorf("second bar = %+v, want y with no swing", tor.Bars[1])
	}
}

// A risk event's probability has a switching value like a bernoulli input's: option B gains 1,000
// in year 0 and loses 4,000 then if the event happens, option A does nothing. By hand B's NPSV is
// 1,000 − 4,000·p, zero at p = 0.25: B is preferred below, A above. (Moving p with the draw held at
// 0.5 would only ever find a jump at p = 0.5.) Base is p's mean, 0.5.
func TestSwitchingValueOfRiskEventProbability(t *testing.T) {
	src := `name = "event switch"
base_year = 2020
horizon_years = 1
iterations = 100
[inputs]
p = { dist = "uniform", min = 0, max = 1 }
[[options]]
name = "a"
[[options]]
name = "b"
  [[options.lines]]
  name = "gain"
  kind = "benefit"
  years = [0]
  amount = 1000
  [[options.lines]]
  name = "loss"
  kind = "cost"
  category = "operating"
  years = [0]
  event = "p"
  impact = "4000"
`
	sc, err := Parse("e.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Analyse(context.Background(), sc, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var sv *SwitchingValue
	for i := range r.SwitchingValues {
		if r.SwitchingValues[i].Input == "p" {
			sv = &r.SwitchingValues[i]
		}
	}
	if sv == nil {
		t.Fatalf("no switching value for p: %+v", r.SwitchingValues)
	}
	if sv.Base != 0.5 || sv.RangeLow != 0 || sv.RangeHigh != 1 || len(sv.Switches) != 1 {
		t.Fatalf("switching value %+v", sv)
	}
	sw := sv.Switches[0]
	if math.Abs(sw.Value-0.25) > 1e-12 || sw.Below != "b" || sw.Above != "a" {
		t.Errorf("switch %+v, want b below 0.25 and a above", sw)
	}
}
