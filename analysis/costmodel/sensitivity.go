package costmodel

import (
	"fmt"
	"math"
	"slices"

	"github.com/psnbyod/psnbyod/analysis/stats"
)

// Sensitivity analysis in the Green Book's two forms: a tornado (one input at a time at its P10 and
// P90) and switching values (how far an input must move for the preferred option to change). Both
// evaluate the options' NPSVs, optimism bias applied, at many points at once through the same
// compiled plans the Monte Carlo uses, each point being one "draw" of the inputs.

// switchGrid is the number of intervals the range of an input is scanned in before each change
// of preferred option is refined by Brent's method.
const switchGrid = 200

// pointEvaluator evaluates every option's NPSV at arbitrary points of the uncertain inputs.
type pointEvaluator struct {
	s     *Scenario
	plans []pvPlan
	sched schedule
	e     *evaluator
}

func (s *Scenario) newPointEvaluator(df []float64) *pointEvaluator {
	plans := s.npsvPlans(df)
	return &pointEvaluator{s: s, plans: plans, sched: newSchedule(s.graph, plans), e: newEvaluator(s.graph)}
}

// eval returns out[option][point] for the points given as one column per uncertain input.
func (pe *pointEvaluator) eval(cols [][]float64) [][]float64 {
	n := 0
	if len(cols) > 0 {
		n = len(cols[0])
	} else {
		n = 1 // no uncertain inputs: one point
	}
	out := make([][]float64, len(pe.plans))
	for i := range out {
		out[i] = make([]float64, n)
	}
	bc := make([][]float64, len(cols))
	bo := make([][]float64, len(out))
	for b := 0; b < n; b += blockSize {
		bn := min(blockSize, n-b)
		for j := range cols {
			bc[j] = cols[j][b : b+bn]
		}
		for i := range out {
			bo[i] = out[i][b : b+bn]
		}
		pe.e.presentValues(&pe.sched, pe.plans, bc, bn, bo)
	}
	return out
}

// sweep returns the NPSVs with input j taking each of xs and the others at base.
func (pe *pointEvaluator) sweep(base []float64, j int, xs []float64) [][]float64 {
	cols := make([][]float64, len(base))
	for c := range cols {
		cols[c] = make([]float64, len(xs))
		if c == j {
			copy(cols[c], xs)
			continue
		}
		for i := range cols[c] {
			cols[c][i] = base[c]
		}
	}
	return pe.eval(cols)
}

// tornado computes each non-baseline option's tornado of incremental NPSV.
func (s *Scenario) tornado(pe *pointEvaluator, base []float64) ([]Tornado, error) {
	unc := s.UncertainInputs()
	b := s.optionIndex(s.Baseline)
	at := pe.eval(columnsOf(base))
	var out []Tornado
	for i, o := range s.Options {
		if i == b {
			continue
		}
		tor := Tornado{Option: o.Name, Against: s.Baseline, BaseNPSV: at[i][0] - at[b][0], Bars: []TornadoBar{}}
		for j, in := range unc {
			if in.Event != "" {
				continue // a risk event's draw: its effect is in the risk register
			}
			lo, hi := in.Dist.Quantile(0.1), in.Dist.Quantile(0.9)
			v := pe.sweep(base, j, []float64{lo, hi})
			bar := TornadoBar{Input: in.Name, Low: lo, High: hi, NPSVLow: v[i][0] - v[b][0], NPSVHigh: v[i][1] - v[b][1]}
			bar.Swing = math.Abs(bar.NPSVHigh - bar.NPSVLow)
			if !finite(bar.Swing) {
				return nil, fmt.Errorf("tornado: option %q has no finite NPSV with %s at its P10 (%g) or P90 (%g): an expression divides by zero or overflows",
					o.Name, in.Name, lo, hi)
			}
			tor.Bars = append(tor.Bars, bar)
		}
		slices.SortStableFunc(tor.Bars, func(x, y TornadoBar) int {
			switch {
			case x.Swing > y.Swing:
				return -1
			case x.Swing < y.Swing:
				return 1
			}
			return 0
		})
		out = append(out, tor)
	}
	return out, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func columnsOf(vals []float64) [][]float64 {
	cols := make([][]float64, len(vals))
	for i, v := range vals {
		cols[i] = []float64{v}
	}
	return cols
}

// best returns the index of the highest value (the first on ties).
func best(vals [][]float64, point int) int {
	b := 0
	for i := 1; i < len(vals); i++ {
		if vals[i][point] > vals[b][point] {
			b = i
		}
	}
	return b
}

// switchingValues scans each uncertain input across its range, the others at base, for the
// values at which the preferred option changes.
func (s *Scenario) switchingValues(pe *pointEvaluator, base []float64) []SwitchingValue {
	unc := s.UncertainInputs()
	atBase := pe.eval(columnsOf(base))
	pref := best(atBase, 0)
	out := []SwitchingValue{}
	for j, in := range unc {
		if in.Event != "" {
			continue // a risk event's draw: its effect is in the risk register
		}
		if in.Dist.Kind == Bernoulli {
			out = append(out, s.switchingProbability(pe, base, j, in, pref))
			continue
		}
		if k := eventDraw(unc, in.Name); k >= 0 {
			out = append(out, s.switchingEventProbability(pe, base, k, in, pref))
			continue
		}
		lo, hi := in.Dist.Range()
		sv := SwitchingValue{Input: in.Name, Base: base[j], RangeLow: lo, RangeHigh: hi,
			Preferred: s.Options[pref].Name, Switches: []Switch{}}
		if len(s.Options) > 1 && hi > lo {
			xs := make([]float64, switchGrid+1)
			for g := range xs {
				xs[g] = lo + (hi-lo)*float64(g)/switchGrid
			}
			xs[switchGrid] = hi
			v := pe.sweep(base, j, xs)
			for g := 0; g < switchGrid; g++ {
				a, c := best(v, g), best(v, g+1)
				if a == c || !finite(v[a][g]-v[c][g]) || !finite(v[a][g+1]-v[c][g+1]) {
					continue // no change, or no finite comparison to refine
				}
				x := s.refineSwitch(pe, base, j, a, c, xs[g], xs[g+1])
				sw := Switch{Value: x, Below: s.Options[a].Name, Above: s.Options[c].Name}
				if base[j] != 0 {
					ch := (x - base[j]) / math.Abs(base[j])
					sw.ChangeFromBase = &ch
				}
				sv.Switches = append(sv.Switches, sw)
			}
		}
		if len(sv.Switches) == 0 {
			sv.Note = "none within range"
		}
		out = append(out, sv)
	}
	return out
}

// refineSwitch finds where options a and c have equal NPSV between x0 and x1.
func (s *Scenario) refineSwitch(pe *pointEvaluator, base []float64, j, a, c int, x0, x1 float64) float64 {
	f := func(x float64) float64 {
		v := pe.sweep(base, j, []float64{x})
		return v[a][0] - v[c][0]
	}
	x, err := stats.Brent(f, x0, x1, 1e-12*math.Max(math.Abs(x0), math.Abs(x1)))
	if err != nil {
		return (x0 + x1) / 2 // ties or a jump between grid points: the midpoint is as good as we know
	}
	return x
}

// eventDraw is the index in unc of the draw u that decides the risk event whose probability is
// the input named p, or −1 when p is no risk event's probability.
func eventDraw(unc []*Input, p string) int {
	for k, in := range unc {
		if in.Event == p {
			return k
		}
	}
	return -1
}

// switchingEventProbability is the switching value of a risk event's probability p, found as for a
// bernoulli input: each option's NPSV is (1 − p)·NPSV(the event does not happen) + p·NPSV(it
// does), the other inputs at base, the event forced off and on through its draw u (u = 2 never is
// below p, u = −1 always is). Moving p with u fixed at 0.5, as the deterministic case does, would
// only ever find a jump at p = 0.5. Base is the probability's mean, the chance the event happens.
func (s *Scenario) switchingEventProbability(pe *pointEvaluator, base []float64, k int, in *Input, pref int) SwitchingValue {
	v := pe.sweep(base, k, []float64{2, -1})
	sv := s.mixSwitches(v, in.Name, in.Dist.ExpectedValue(), pref)
	sv.Note = "a risk event's probability: the switching value is the chance p that it happens, each option's NPSV weighted (1 − p) without it and p with it"
	if len(sv.Switches) == 0 {
		sv.Note = "none within range; " + sv.Note
	}
	return sv
}

// switchingProbability is the switching value of a bernoulli input, an event: not a value of the
// 0/1 outcome (a 0.3 fed to if(…) would count as true), but the probability p at which the preferred
// option changes, each option's NPSV being (1 − p)·NPSV(the event does not happen) + p·NPSV(it does)
// with the other inputs at base. NPSV is linear in p, so each change is where two lines cross.
func (s *Scenario) switchingProbability(pe *pointEvaluator, base []float64, j int, in *Input, pref int) SwitchingValue {
	sv := s.mixSwitches(pe.sweep(base, j, []float64{0, 1}), in.Name, in.Dist.P, pref)
	sv.Note = "an event: the switching value is its probability p, each option's NPSV weighted (1 − p) without it and p with it"
	if len(sv.Switches) == 0 {
		sv.Note = "none within range; " + sv.Note
	}
	return sv
}

// mixSwitches finds where the preferred option changes as p goes from 0 to 1, v[i] holding option
// i's NPSV without the event (v[i][0]) and with it (v[i][1]).
func (s *Scenario) mixSwitches(v [][]float64, name string, baseP float64, pref int) SwitchingValue {
	sv := SwitchingValue{Input: name, Base: baseP, RangeLow: 0, RangeHigh: 1,
		Preferred: s.Options[pref].Name, Switches: []Switch{}}
	mix := func(p float64) [][]float64 {
		m := make([][]float64, len(v))
		for i := range v {
			m[i] = []float64{(1-p)*v[i][0] + p*v[i][1]}
		}
		return m
	}
	prev := best(mix(0), 0)
	for g := 1; g <= switchGrid; g++ {
		p := float64(g) / switchGrid
		cur := best(mix(p), 0)
		if cur == prev {
			continue
		}
		// d(p) = NPSV_prev(p) − NPSV_cur(p) is linear: zero at d0/(d0 − d1).
		d0, d1 := v[prev][0]-v[cur][0], v[prev][1]-v[cur][1]
		x := d0 / (d0 - d1)
		if !finite(x) {
			x = p - 0.5/switchGrid
		}
		sw := Switch{Value: x, Below: s.Options[prev].Name, Above: s.Options[cur].Name}
		if sv.Base != 0 {
			ch := (x - sv.Base) / sv.Base
			sw.ChangeFromBase = &ch
		}
		sv.Switches = append(sv.Switches, sw)
		prev = cur
	}
	return sv
}
