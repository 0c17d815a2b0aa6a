package costmodel

// Economic checks on a scenario: what is well-formed TOML and a valid distribution can still be a
// wrong appraisal. A cost line that goes negative turns a cost into a saving without anyone saying
// so (amount = "-15000" on a cost line moves the NPSV by twice the amount); a count below zero or a
// probability above one is an input nobody meant. Each is an error located by file, line and field,
// unless the file says it is meant (allow_negative = true on the line).

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// InputKind is what an input measures, when the scenario file declares it with kind = "...".
type InputKind string

// Input kinds. An input without a kind is any real number.
const (
	// Count is a number of people, devices or hours: never below zero.
	Count InputKind = "count"
	// Probability is a chance or a share: within 0..1.
	Probability InputKind = "probability"
	// Amount is a sum of money or any other real quantity: not checked.
	Amount InputKind = "amount"
)

// inputMetaKeys are the keys an input table accepts besides its distribution's parameters.
var inputMetaKeys = []string{"label", "kind"}

// FieldError returns an error located at a field of the scenario file (for example
// "organisation"), for checks made after Parse against things the file cannot know, such as the
// organisations in a dataset.
func (s *Scenario) FieldError(field, format string, args ...any) *Error {
	e := &Error{File: s.File, Field: field, Msg: fmt.Sprintf(format, args...), Kind: ErrInvalidValue}
	if s.loc != nil {
		e.Line = s.loc.line(field)
	}
	return e
}

// unknownInputKeys reports the keys of an input table that no distribution accepts, each with the
// nearest known key, and says whether any was reported.
func (p *parser) unknownInputKeys(field string, m map[string]any) bool {
	known := append([]string{"dist", "source"}, inputMetaKeys...)
	for _, ps := range distParams {
		for _, k := range ps {
			if !slices.Contains(known, k) {
				known = append(known, k)
			}
		}
	}
	var unknown []string
	for k := range m {
		if !slices.Contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		p.errk(ErrUnknownField, join(field, k), "unknown field%s; an input table has dist and its parameters, source, label, kind", didYouMean(k, known))
	}
	return len(unknown) > 0
}

// inputMeta reads an input table's label and kind and checks the distribution against the kind.
func (p *parser) inputMeta(field string, v any, in *Input) {
	in.Label = in.Name
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	if x, ok := m["label"]; ok {
		if s, ok := p.str(field+".label", x); ok && s != "" {
			in.Label = s
		}
	}
	x, ok := m["kind"]
	if !ok {
		return
	}
	s, ok := p.str(field+".kind", x)
	if !ok {
		return
	}
	in.Kind = InputKind(s)
	switch in.Kind {
	case Count:
		p.checkBounds(field, m, in, 0, math.Inf(1), "a count cannot be negative")
	case Probability:
		p.checkBounds(field, m, in, 0, 1, "a probability lies within 0..1")
	case Amount:
	default:
		p.errf(field+".kind", `must be "count", "probability" or "amount", not %q%s`, s,
			didYouMean(s, []string{string(Count), string(Probability), string(Amount)}))
	}
}

// checkBounds reports each parameter of an input that lies outside lo..hi, and a distribution
// whose draws could leave lo..hi although its parameters do not (an untruncated normal).
func (p *parser) checkBounds(field string, m map[string]any, in *Input, lo, hi float64, why string) {
	d := &in.Dist
	outside := func(x float64) bool { return x < lo || x > hi }
	bad := false
	for _, k := range []string{"value", "min", "mode", "max", "mean", "p10", "p90", "p"} {
		if x, ok := d.Params[k]; ok && outside(x) {
			p.errk(ErrDistribution, field+"."+k, "%s = %s, but %s (kind = %q)", k, formatFloat(x), why, in.Kind)
			bad = true
		}
	}
	for i, x := range d.Values {
		if outside(x) {
			p.errk(ErrDistribution, fmt.Sprintf("%s.values[%d]", field, i), "value %s, but %s (kind = %q)", formatFloat(x), why, in.Kind)
			bad = true
		}
	}
	if bad {
		return
	}
	if dlo, dhi := d.support(); outside(dlo) || outside(dhi) {
		want := "min = 0"
		if !math.IsInf(hi, 1) {
			want = "min = 0 and max = 1"
		}
		p.errk(ErrDistribution, field+".dist", "a %s input can be drawn outside %s..%s, but %s (kind = %q): bound it with %s, or use a bounded distribution",
			d.Kind, formatFloat(lo), formatFloat(hi), why, in.Kind, want)
	}
}

// support is the smallest and largest value a draw can take.
func (d *Distribution) support() (lo, hi float64) {
	switch d.Kind {
	case Normal:
		if d.Truncated {
			return d.Min, d.Max
		}
		return math.Inf(-1), math.Inf(1)
	case LogNormal:
		return 0, math.Inf(1)
	}
	return d.Range()
}

// allowNegative reads a line's allow_negative flag.
func (p *parser) allowNegative(field string, m map[string]any) bool {
	v, ok := m["allow_negative"]
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		p.errk(ErrWrongType, field+".allow_negative", "must be true or false, not %s", describe(v))
	}
	return b
}

// checkAmounts evaluates every line of a compiled scenario at the base values, and at each
// uncertain input's lower and upper bound with the others at base (the points the tornado and the
// switching-value search visit), and reports a line whose amount is negative at any of them
// unless it allows it. The check is one input at a time: an amount that goes negative only when
// two inputs are at their bounds together is not caught here.
func (p *parser) checkAmounts(sc *Scenario) {
	unc := sc.UncertainInputs()
	base := sc.baseValues()
	type point struct {
		vals []float64
		text string
	}
	points := []point{{base, "at base values"}}
	for j, in := range unc {
		lo, hi := in.Dist.Range()
		for _, b := range []struct {
			x    float64
			name string
		}{{lo, "lower"}, {hi, "upper"}} {
			if b.x == base[j] || !finite(b.x) {
				continue
			}
			v := slices.Clone(base)
			v[j] = b.x
			points = append(points, point{v, fmt.Sprintf("with %s at its %s bound %s", in.Name, b.name, formatFloat(roundSig(b.x)))})
		}
	}
	e := newEvaluator(sc.graph)
	for i, o := range sc.Options {
		for j, l := range o.Lines {
			if l.AllowNegative {
				continue
			}
			field := fmt.Sprintf("options[%d].lines[%d].amount", i, j)
		points:
			for _, pt := range points {
				all := e.values(sc.lines[i][j], pt.vals)
				for _, t := range l.Years {
					if a := all[t]; a < 0 {
						hint := "write a saving as a benefit line"
						if l.Kind == Benefit {
							hint = "write a loss as a cost line"
						}
						p.errk(ErrNegativeAmount, field, "%q of %s line %q is %s in year %d %s: a %s amount must not be negative (%s, or add allow_negative = true to the line if a negative amount is meant)",
							l.Amount, l.Kind, l.Name, formatFloat(roundSig(a)), t, pt.text, l.Kind, hint)
						break points
					}
				}
			}
		}
	}
}

// roundSig rounds to 6 significant figures, so messages show 0.1 rather than 0.09999999999999999.
func roundSig(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 6, 64), 64)
	return v
}
