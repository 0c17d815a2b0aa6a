package costmodel

import (
	"context"
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
