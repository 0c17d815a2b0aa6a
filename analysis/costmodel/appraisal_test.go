package costmodel

import (
	"context"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func analyse(t *testing.T, src string) *Result {
	t.Helper()
	r, err := Analyse(context.Background(), mustParse(t, src), RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// expectedPositivePart is E[max(0, Y)] for Y ~ N(m, s²): m·Φ(m/s) + s·φ(m/s).
func expectedPositivePart(m, s float64) float64 {
	z := m / s
	return m*distuv.UnitNormal.CDF(z) + s*distuv.UnitNormal.Prob(z)
}

// valueOfInformation has two options in year 0 at a zero discount rate: "none" with NPSV 0, and
// "act" with NPSV x + e − 90, x ~ N(100, 30²) and e ~ N(0, 40²) independent. So NPSV_act ~ N(10, 50²)
// and, by E[max(0, Y)] = m·Φ(m/s) + s·φ(m/s) for Y ~ N(m, s²):
//
//	EVPI       = E[max(0, N(10, 50²))] − 10 = 10·Φ(0.2) + 50·φ(0.2) − 10 ≈ 15.345
//	EVPPI(x)   = E[max(0, N(10, 30²))] − 10 (knowing x leaves e, whose mean is 0) ≈ 7.627
//	EVPPI(e)   = E[max(0, N(10, 40²))] − 10 ≈ 11.454
const valueOfInformation = `name = "value of information"
base_year = 2020
horizon_years = 1
discount = 0
iterations = 100000
seed = 11
[inputs]
x = { dist = "normal", mean = 100, sd = 30 }
e = { dist = "normal", mean = 0, sd = 40 }
[[options]]
name = "none"
[[options]]
name = "act"
  [[options.lines]]
  name = "x"
  kind = "benefit"
  years = [0]
  amount = "x + e"
  [[options.lines]]
  name = "cost"
  kind = "cost"
  category = "operating"
  years = [0]
  amount = "90"
`

func TestEVPIAndEVPPIClosedForm(t *testing.T) {
	r := analyse(t, valueOfInformation)
	evpi := expectedPositivePart(10, 50) - 10
	if !near(r.EVPI.Mean, evpi, 4.5*r.EVPI.SE) {
		t.Errorf("EVPI %.4f ± %.4f, want %.4f", r.EVPI.Mean, r.EVPI.SE, evpi)
	}
	if r.Preferred != "act" {
		t.Errorf("preferred %q, want act (expected NPSV 10 against 0)", r.Preferred)
	}
	want := map[string]float64{"x": expectedPositivePart(10, 30) - 10, "e": expectedPositivePart(10, 40) - 10}
	for _, e := range r.EVPPI {
		// The bins' noise biases the estimate up by about f(0)·τ²/2, f the density of the known part
		// at the switch point and τ the within-bin standard error of the rest (for x: τ = 40/√316,
		// f = φ(1/3)/30, so about 0.03): small beside 4.5 standard errors, but allowed for.
		bias := 0.1
		if w := want[e.Input]; !near(e.Value, w, 4.5*e.SE+bias) {
			t.Errorf("EVPPI(%s) = %.4f ± %.4f, want %.4f", e.Input, e.Value, e.SE, w)
		}
		if e.Value > r.EVPI.Mean+4.5*r.EVPI.SE {
			t.Errorf("EVPPI(%s) = %.4f exceeds the EVPI %.4f", e.Input, e.Value, r.EVPI.Mean)
		}
	}
	if r.EVPPI[0].Input != "e" || len(r.EVPPITop) == 0 || r.EVPPITop[0] != "e" {
		t.Errorf("EVPPI order %+v, top %v: want e first", r.EVPPI, r.EVPPITop)
	}
	if !strings.Contains(r.EVPPIMethod, "Strong and Oakley") {
		t.Error("the EVPPI method is not cited")
	}
}

// twoNormals has options a ~ N(100, 10²) and b ~ N(100 + δ, 10²) independent (year 0, no
// discounting). The paired difference b − a is N(δ, 200), so its Monte Carlo standard error is
// √200/√n, and P(b best) = Φ(δ/√200).
func twoNormals(delta string) string {
	return `name = "two normals"
base_year = 2020
horizon_years = 1
discount = 0
iterations = 100000
seed = 5
[inputs]
a = { dist = "normal", mean = 100, sd = 10 }
b = { dist = "normal", mean = ` + delta + `, sd = 10 }
[[options]]
name = "a"
  [[options.lines]]
  name = "a"
  kind = "benefit"
  years = [0]
  amount = "a"
[[options]]
name = "b"
  [[options.lines]]
  name = "b"
  kind = "benefit"
  years = [0]
  amount = "b"
`
}

func TestDecisionTwoNormals(t *testing.T) {
	n := 100000.0
	se := math.Sqrt(200 / n)
	t.Run("clear", func(t *testing.T) {
		r := analyse(t, twoNormals("101"))
		if r.Preferred != "b" || r.RunnerUp != "a" {
			t.Fatalf("preferred %q, runner-up %q; want b, a", r.Preferred, r.RunnerUp)
		}
		d := r.RunnerUpDifference
		if !near(d.Mean, 1, 4.5*se) || !near(d.SE, se, 0.02*se) {
			t.Errorf("difference %.4f (SE %.5f), want 1 (SE %.5f)", d.Mean, d.SE, se)
		}
		p := distuv.UnitNormal.CDF(1 / math.Sqrt(200))
		if pb := r.Options[1].PBest; !near(pb.P, p, 4.5*math.Sqrt(p*(1-p)/n)) || !near(pb.SE, math.Sqrt(pb.P*(1-pb.P)/n), 1e-15) {
			t.Errorf("p_best %+v, want %.4f", pb, p)
		}
		if r.TooCloseToCall {
			t.Error("a difference of 22 standard errors is called too close")
		}
		// P(b best) ≈ 0.528 > 0.5: no tail-risk warning, and the note names the choice.
		if !strings.HasPrefix(r.DecisionNote, "b has the highest expected NPSV") || strings.Contains(r.DecisionNote, "tail risk") {
			t.Errorf("decision note %q", r.DecisionNote)
		}
		// Expected NPSV of each option is its mean, within 4.5 SE; the SE is 10/√n.
		for i, m := range []float64{100, 101} {
			e := r.Options[i].ExpectedNPSV
			if !near(e.Mean, m, 4.5*10/math.Sqrt(n)) || !near(e.SE, 10/math.Sqrt(n), 0.02*10/math.Sqrt(n)) {
				t.Errorf("%s expected NPSV %+v, want %v ± %v", r.Options[i].Name, e, m, 10/math.Sqrt(n))
			}
		}
		// Percentiles of N(101, 10²): P80 = 101 + 10·0.8416; SE √(0.16/n)/φ(0.8416)·10.
		z80 := distuv.UnitNormal.Quantile(0.8)
		q := r.Options[1].Percentiles.P80
		wantSE := math.Sqrt(0.8*0.2/n) / distuv.UnitNormal.Prob(z80) * 10
		if !near(q.Value, 101+10*z80, 4.5*wantSE) || !near(q.SE, wantSE, 0.25*wantSE) {
			t.Errorf("P80 %+v, want %.4f (SE %.4f)", q, 101+10*z80, wantSE)
		}
		sc := r.Options[1].SCurve
		if len(sc) != 101 || sc[50] != r.Options[1].NPSV.P50 || sc[10] != r.Options[1].NPSV.P10 {
			t.Errorf("S-curve has %d points, or its P10/P50 differ from the summary", len(sc))
		}
		for i := 1; i < len(sc); i++ {
			if sc[i] < sc[i-1] {
				t.Fatalf("S-curve decreases at %d", i)
			}
		}
		c := r.Options[1].Convergence
		if last := c[len(c)-1]; last.Iterations != 100000 || !near(last.Mean, r.Options[1].ExpectedNPSV.Mean, 1e-9) || !near(last.SE, r.Options[1].ExpectedNPSV.SE, 1e-9) {
			t.Errorf("convergence ends at %+v, want the full run's mean", last)
		}
	})
	t.Run("too close", func(t *testing.T) {
		// δ = 0.05 is 1.1 standard errors of the difference: too close to call.
		r := analyse(t, twoNormals("100.05"))
		if !r.TooCloseToCall || !strings.HasPrefix(r.DecisionNote, "Too close to call at 100,000 draws") {
			t.Errorf("too_close_to_call %v, note %q", r.TooCloseToCall, r.DecisionNote)
		}
	})
}

// skewedEvent: option "safe" has NPSV 0; "bet" has NPSV 10·w − 2 with w ~ bernoulli(0.3): expected
// value 10·0.3 − 2 = 1 > 0, but it loses in 70% of draws. The most likely case takes the event at
// its most likely outcome, w = 0 (p ≤ 0.5), so NPSV −2 there; at input means too (w is an event,
// never 0.3).
const skewedEvent = `name = "skewed"
base_year = 2020
horizon_years = 1
discount = 0
iterations = 100000
seed = 3
[inputs]
w = { dist = "bernoulli", p = 0.3 }
[[options]]
name = "safe"
[[options]]
name = "bet"
  [[options.lines]]
  name = "win"
  kind = "benefit"
  years = [0]
  amount = "if(w, 10, 0)"
  [[options.lines]]
  name = "stake"
  kind = "cost"
  category = "operating"
  years = [0]
  amount = "2"
`

func TestEventsAtMostLikelyDecisionOnMean(t *testing.T) {
	r := analyse(t, skewedEvent)
	bet := r.Options[1]
	if bet.NPSVMostLikely != -2 || bet.NPSVAtMeans != -2 || bet.Deterministic.NPSV != -2 {
		t.Errorf("most likely %v, at means %v: want −2 (the event does not happen)", bet.NPSVMostLikely, bet.NPSVAtMeans)
	}
	n := 100000.0
	se := 10 * math.Sqrt(0.3*0.7/n)
	if !near(bet.ExpectedNPSV.Mean, 1, 4.5*se) {
		t.Errorf("expected NPSV %.4f, want 1 ± %.4f", bet.ExpectedNPSV.Mean, 4.5*se)
	}
	if r.Preferred != "bet" || r.PreferredMostLikely != "safe" {
		t.Errorf("preferred %q (most likely case %q), want bet (safe)", r.Preferred, r.PreferredMostLikely)
	}
	if !strings.Contains(r.DecisionNote, "best on average, but worse than safe in") || !strings.Contains(r.DecisionNote, "tail risk") ||
		!strings.Contains(r.DecisionNote, "At the most likely values") {
		t.Errorf("decision note %q", r.DecisionNote)
	}
	// The switching value of an event is a probability: bet's NPSV is −2 + 10p, safe's 0, so the
	// preference changes at p = 0.2.
	sv := r.SwitchingValues[0]
	if sv.Input != "w" || sv.Base != 0.3 || len(sv.Switches) != 1 || !near(sv.Switches[0].Value, 0.2, 1e-12) ||
		sv.Switches[0].Below != "safe" || sv.Switches[0].Above != "bet" {
		t.Errorf("switching value %+v, want p = 0.2 from safe to bet", sv)
	}
	// EVPI = E[max(0, bet)] − E[bet] = 0.3·8 − 1 = 1.4; all of it is w's.
	if !near(r.EVPI.Mean, 1.4, 4.5*r.EVPI.SE) || r.EVPPI[0].Input != "w" || !near(r.EVPPI[0].Value, r.EVPI.Mean, 1e-9) {
		t.Errorf("EVPI %+v, EVPPI %+v: want 1.4, all of it w's", r.EVPI, r.EVPPI)
	}
}

// riskEvent: a disconnection with probability p ~ uniform(0.1, 0.3) (mean 0.2) costs 1,100 in each
// of years 0 and 1 at 10%: 1,100·(1 + 1/1.1) = 2,100 when it happens, so 0.2·2,100 = 420 expected,
// more than the 390 the safe option's cover costs with its uplift. It is the only uncertain part of "risky", so it carries all of its NPSV variance.
const riskEvent = `name = "risk"
base_year = 2020
horizon_years = 2
discount = 0.10
iterations = 100000
seed = 9
[optimism_bias]
operating = 0.5
mitigated_by_quantified_risk = 0.4
[inputs]
p = { dist = "uniform", min = 0.1, max = 0.3 }
[[options]]
name = "safe"
  [[options.lines]]
  name = "cover"
  kind = "cost"
  category = "operating"
  years = [0]
  amount = "300"
[[options]]
name = "risky"
  [[options.lines]]
  name = "disconnection"
  kind = "cost"
  category = "operating"
  years = "0-1"
  event = "p"
  impact = "1100"
`

func TestRiskEvent(t *testing.T) {
	r := analyse(t, riskEvent)
	n := 100000.0
	impact := 1100 * (1 + 1/1.1)
	if len(r.RiskRegister) != 1 {
		t.Fatalf("risk register %+v, want one event", r.RiskRegister)
	}
	ev := r.RiskRegister[0]
	if ev.Event != "p" || ev.Draw != "u_p" || !near(ev.Probability, 0.2, 1e-12) || !near(ev.Happened.P, 0.2, 4.5*math.Sqrt(0.16/n)) {
		t.Errorf("event %+v", ev)
	}
	rc := ev.Options[0]
	if rc.Option != "risky" || !near(rc.ExpectedCost.Mean, 0.2*impact, 4.5*impact*math.Sqrt(0.16/n)) {
		t.Errorf("expected cost %+v, want %.2f", rc.ExpectedCost, 0.2*impact)
	}
	if rc.CostIfHappens == nil || !near(rc.CostIfHappens.Mean, impact, 1e-9) || rc.CostIfHappens.P10 != rc.CostIfHappens.P90 {
		t.Errorf("cost if it happens %+v, want %.2f exactly", rc.CostIfHappens, impact)
	}
	if rc.ShareOfNPSVVariance == nil || !near(*rc.ShareOfNPSVVariance, 1, 1e-9) {
		t.Errorf("share of variance %v, want 1", rc.ShareOfNPSVVariance)
	}
	// The event line takes no optimism bias; the cover is uplifted by 0.5·(1 − 0.4) = 0.3: 390.
	risky := r.Options[1]
	if !near(risky.ExpectedNPSV.Mean, -0.2*impact, 4.5*risky.ExpectedNPSV.SE) || !near(r.Options[0].Deterministic.NPSV, -390, 1e-9) {
		t.Errorf("risky %+v, safe %v", risky.ExpectedNPSV, r.Options[0].Deterministic.NPSV)
	}
	// Most likely case: the event does not happen (p ≤ 0.5).
	if risky.NPSVMostLikely != 0 || risky.NPSVAtMeans != 0 {
		t.Errorf("most likely %v, at means %v, want 0", risky.NPSVMostLikely, risky.NPSVAtMeans)
	}
	if r.Preferred != "safe" || r.PreferredMostLikely != "risky" {
		t.Errorf("preferred %q (most likely %q), want safe (risky)", r.Preferred, r.PreferredMostLikely)
	}
	// The event's draw is not a tornado bar or a switching value.
	for _, sv := range r.SwitchingValues {
		if sv.Input == "u_p" {
			t.Error("the event's draw has a switching value")
		}
	}
	// A cost-only option's P80 cost is the 80th percentile of its PV of costs: safe is fixed, 390.
	if c := r.Options[0].P80Cost; c == nil || !near(*c, 390, 1e-9) {
		t.Errorf("P80 cost %v, want 390", c)
	}
	if r.Options[0].Deterministic.BCR != nil || r.Options[0].Deterministic.BCRNote == "" {
		t.Error("a cost-only option has a BCR")
	}
}

// TestOptimismBiasCategories works the adjustments by hand: capital +20% and benefits −15%, both
// mitigated by 50% of quantified risk, give ×1.10 and ×0.925; a benefit line's own 0.1 gives ×0.9.
func TestOptimismBiasCategories(t *testing.T) {
	r := analyse(t, `name = "ob"
base_year = 2020
horizon_years = 1
discount = 0
iterations = 10
[optimism_bias]
capital = 0.2
benefits = 0.15
mitigated_by_quantified_risk = 0.5
[[options]]
name = "a"
  [[options.lines]]
  name = "kit"
  kind = "cost"
  category = "capital"
  years = [0]
  amount = "100"
  [[options.lines]]
  name = "saving"
  kind = "benefit"
  years = [0]
  amount = "100"
  [[options.lines]]
  name = "contracted saving"
  kind = "benefit"
  years = [0]
  amount = "100"
  optimism_bias = 0.1
`)
	d := r.Options[0].Deterministic
	if !near(d.PVCosts, 110, 1e-9) || !near(d.PVBenefits, 92.5+90, 1e-9) {
		t.Errorf("PV costs %v (want 110), benefits %v (want 182.5)", d.PVCosts, d.PVBenefits)
	}
	if w := r.Options[0].ExpectedNPSVWithoutOB; !near(w.Mean, 100, 1e-9) {
		t.Errorf("expected NPSV without optimism bias %v, want 100", w.Mean)
	}
}

// TestNominalToReal: £1,000 nominal a year at a 2% deflator is, in prices of the first year,
// £1,000, £980, £961, £942, £924, £906 (HM Treasury Green Book, the worked example of converting
// nominal to real prices). A deflator series gives the same; a price base a year earlier divides
// every year by a further 1.02.
func TestNominalToReal(t *testing.T) {
	head := `name = "nominal"
base_year = 2014
horizon_years = 6
discount = 0
iterations = 10
`
	lines := `[[options]]
name = "a"
  [[options.lines]]
  name = "contract"
  kind = "cost"
  category = "operating"
  years = "0-5"
  amount = "1000"
  prices = "nominal"
`
	want := []float64{1000, 980, 961, 942, 924, 906}
	check := func(name string, r *Result, scale float64) {
		for t0, c := range r.Options[0].Deterministic.Costs {
			if math.Round(c*scale) != want[t0] {
				t.Errorf("%s: year %d: %.4f, want %v", name, t0, c, want[t0])
			}
		}
	}
	check("growth", analyse(t, head+"[prices]\ndeflator_growth = 0.02\n"+lines), 1)
	check("series", analyse(t, head+"[prices]\ndeflator = { 2014 = 100.0, 2015 = 102.0, 2016 = 104.04, 2017 = 106.1208, 2018 = 108.243216, 2019 = 110.40808032 }\n"+lines), 1)
	r := analyse(t, strings.Replace(head, "base_year = 2014", "base_year = 2014\nprice_base_year = 2013", 1)+"[prices]\ndeflator_growth = 0.02\n"+lines)
	check("price base 2013", r, 1.02)
	if r.PriceBaseYear != 2013 || r.BaseYear != 2014 {
		t.Errorf("price base %d, first year %d", r.PriceBaseYear, r.BaseYear)
	}
	// The Monte Carlo uses the same real amounts: Σ 1000/1.02^(t+1), t = 0..5.
	var pv float64
	for t0 := range 6 {
		pv += 1000 / math.Pow(1.02, float64(t0+1))
	}
	if !near(r.Options[0].ExpectedNPSV.Mean, -pv, 1e-9) {
		t.Errorf("expected NPSV %v, want %v", r.Options[0].ExpectedNPSV.Mean, -pv)
	}
	// Without a deflator, nominal amounts are an error naming the table.
	_, err := Parse("n.toml", []byte(head+lines))
	if err == nil || !strings.Contains(err.Error(), "nominal amounts need a deflator") {
		t.Errorf("error %v", err)
	}
	_, err = Parse("n.toml", []byte(head+"[prices]\ndeflator = { 2014 = 100.0, 2015 = 102.0 }\n"+lines))
	if err == nil || !strings.Contains(err.Error(), "prices.deflator: no index for 2016") {
		t.Errorf("error %v", err)
	}
}

func TestIRRKind(t *testing.T) {
	for _, tt := range []struct {
		flows []float64
		kind  string
	}{
		{[]float64{-100, 60, 60}, irrInvestment},
		{[]float64{100, -60, -60}, irrBorrowing},
		{[]float64{-100, 230, -132}, irrMixed}, // roots at 10% and 20%
		{[]float64{0, 1, 2}, irrNone},
	} {
		roots, _ := irr(tt.flows)
		kind, sentence := irrKind(tt.flows, roots, 0.035)
		if kind != tt.kind || sentence == "" {
			t.Errorf("%v: kind %q (%q), want %q", tt.flows, kind, sentence, tt.kind)
		}
	}
	// −100 then 60, 60: IRR 13.07% (60/(1+r) + 60/(1+r)² = 100), above 3.5%: the NPSV is positive.
	roots, _ := irr([]float64{-100, 60, 60})
	if _, s := irrKind([]float64{-100, 60, 60}, roots, 0.035); !strings.Contains(s, "13.07%") || !strings.Contains(s, "exceeds") {
		t.Errorf("sentence %q", s)
	}
}

// TestIncrementalBCR: the baseline costs 100 a year for two years at 10% (PV 190.909); the option
// costs 50 in year 0 and 40 in year 1 (PV 86.364) and adds a benefit of 11 in year 1 (PV 10).
// Incremental BCR = (190.909 + 10)/86.364 = 2.3263; above 1, as the incremental NPSV (114.545) is
// positive.
func TestIncrementalBCR(t *testing.T) {
	r := analyse(t, `name = "ibcr"
base_year = 2020
horizon_years = 2
discount = 0.1
iterations = 10
baseline = "old"
[[options]]
name = "old"
  [[options.lines]]
  name = "running"
  kind = "cost"
  category = "operating"
  years = "0-1"
  amount = "100"
[[options]]
name = "new"
  [[options.lines]]
  name = "running"
  kind = "cost"
  category = "operating"
  years = "0-1"
  amount = "if(t == 0, 50, 40)"
  [[options.lines]]
  name = "benefit"
  kind = "benefit"
  years = [1]
  amount = "11"
`)
	inc := r.Incremental[0]
	want := (100 + 100/1.1 + 10) / (50 + 40/1.1)
	if inc.BCR == nil || !near(*inc.BCR, want, 1e-12) || !near(inc.NPSV, 114.54545454545455, 1e-9) {
		t.Errorf("incremental BCR %v, NPSV %v; want %v, 114.545", inc.BCR, inc.NPSV, want)
	}
}

func TestEventParseErrors(t *testing.T) {
	base := `name = "e"
base_year = 2020
horizon_years = 2
[inputs]
p = { dist = "pert", min = 0.01, mode = 0.1, max = 0.3 }
cost = { dist = "lognormal", p10 = 100, p90 = 400 }
[[options]]
name = "a"
  [[options.lines]]
  name = "risk"
  kind = "cost"
  category = "operating"
  years = [0]
`
	for _, tt := range []struct{ lines, want string }{
		{`event = "p"` + "\n" + `amount = "cost"`, "options[0].lines[0].amount: a risk-event line gives its cost as impact, not amount"},
		{`event = "p"`, "options[0].lines[0].impact: missing"},
		{`event = "cost"` + "\n" + `impact = "cost"`, `options[0].lines[0].event: input "cost" must be a probability`},
		{`event = "q"` + "\n" + `impact = "cost"`, `options[0].lines[0].event: no input is named "q"`},
		{`impact = "cost"` + "\n" + `amount = "1"`, `options[0].lines[0].impact: impact belongs to a risk-event line`},
	} {
		_, err := Parse("e.toml", []byte(base+"  "+tt.lines+"\n"))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.lines, err, tt.want)
		}
	}
}
