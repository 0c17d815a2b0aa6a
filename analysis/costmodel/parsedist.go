package costmodel

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// distParams lists the parameters each distribution accepts; "dist" and "source" are always
// allowed.
var distParams = map[DistKind][]string{
	Fixed:      {"value"},
	Uniform:    {"min", "max"},
	Triangular: {"min", "mode", "max"},
	PERT:       {"min", "mode", "max", "lambda"},
	Normal:     {"mean", "sd", "min", "max"},
	LogNormal:  {"p10", "p90", "mean", "sd", "mu", "sigma"},
	Bernoulli:  {"p"},
	Discrete:   {"values", "weights"},
}

// distribution parses an input: a bare number (fixed) or a table with a dist field. It checks the
// parameters are possible before any gonum constructor, some of which panic, can see them.
func (p *parser) distribution(field string, v any) (Distribution, string, bool) {
	switch v.(type) {
	case int64, float64:
		x, ok := p.number(field, v)
		return Distribution{Kind: Fixed, Value: x, Params: map[string]float64{"value": x}}, "", ok
	}
	m, ok := p.table(field, v)
	if !ok {
		return Distribution{}, "", false
	}
	var source string
	if s, ok := m["source"]; ok {
		source, _ = p.str(field+".source", s)
	}
	kv, ok := m["dist"]
	if !ok {
		// A misspelt key ("dsit") is the likelier mistake than a forgotten one: name it first.
		if !p.unknownInputKeys(field, m) {
			p.errk(ErrDistribution, field+".dist", "missing: one of fixed, uniform, triangular, pert, normal, lognormal, bernoulli, discrete")
		}
		return Distribution{}, "", false
	}
	ks, ok := p.str(field+".dist", kv)
	if !ok {
		return Distribution{}, "", false
	}
	kind := DistKind(strings.ToLower(ks))
	allowed, ok := distParams[kind]
	if !ok {
		p.errk(ErrDistribution, field+".dist", "unknown distribution %q: use fixed, uniform, triangular, pert, normal, lognormal, bernoulli or discrete", ks)
		return Distribution{}, "", false
	}
	p.known(field, m, append(append([]string{"dist", "source"}, inputMetaKeys...), allowed...)...)
	before := len(p.errs)
	d := Distribution{Kind: kind, Params: map[string]float64{}}
	get := func(key string) (float64, bool) {
		x, present := m[key]
		if !present {
			return 0, false
		}
		f, ok := p.number(field+"."+key, x)
		if ok {
			d.Params[key] = f
		}
		return f, ok
	}
	need := func(key string) float64 {
		if _, present := m[key]; !present {
			p.errk(ErrDistribution, field+"."+key, "missing: a %s distribution needs %s", kind, strings.Join(required(kind), ", "))
			return math.NaN()
		}
		f, _ := get(key)
		return f
	}
	bad := func(key, format string, args ...any) {
		p.errk(ErrDistribution, field+"."+key, format, args...)
	}
	switch kind {
	case Fixed:
		d.Value = need("value")
	case Uniform, Triangular, PERT:
		d.Min, d.Max = need("min"), need("max")
		if kind != Uniform {
			d.Mode = need("mode")
		}
		if len(p.errs) > before {
			break
		}
		switch {
		case d.Min > d.Max:
			bad("min", "min %g > max %g", d.Min, d.Max)
		case d.Min == d.Max:
			bad("max", "min and max are both %g: use a fixed value", d.Min)
		case kind != Uniform && (d.Mode < d.Min || d.Mode > d.Max):
			bad("mode", "mode %g is outside min %g .. max %g", d.Mode, d.Min, d.Max)
		}
		d.Lambda = 4 // Beta-PERT's conventional weight on the mode
		if l, ok := get("lambda"); ok {
			if l <= 0 {
				bad("lambda", "lambda must be positive, not %g", l)
			}
			d.Lambda = l
		}
	case Normal:
		d.Mean, d.SD = need("mean"), need("sd")
		lo, hasLo := get("min")
		hi, hasHi := get("max")
		if len(p.errs) > before {
			break
		}
		if d.SD < 0 {
			bad("sd", "sd %g < 0", d.SD)
			break
		}
		if hasLo || hasHi {
			d.Truncated = true
			d.Min, d.Max = math.Inf(-1), math.Inf(1)
			if hasLo {
				d.Min = lo
			}
			if hasHi {
				d.Max = hi
			}
			if d.Min >= d.Max {
				bad("min", "min %g must be below max %g", d.Min, d.Max)
				break
			}
		}
		if d.SD == 0 {
			if d.Truncated && (d.Mean < d.Min || d.Mean > d.Max) {
				bad("mean", "mean %g is outside min .. max with sd 0", d.Mean)
			}
			// No spread: the input is fixed at its mean.
			d = Distribution{Kind: Fixed, Value: d.Mean, Params: d.Params}
			break
		}
		if d.Truncated {
			a, b := (d.Min-d.Mean)/d.SD, (d.Max-d.Mean)/d.SD
			if truncMass(a, b) < 1e-9 {
				bad("min", "the truncation [%g, %g] keeps almost none of normal(mean=%g, sd=%g)", d.Min, d.Max, d.Mean, d.SD)
			}
		}
	case LogNormal:
		d.parseLogNormal(p, field, m, get, bad)
	case Bernoulli:
		d.P = need("p")
		if len(p.errs) == before && (d.P < 0 || d.P > 1) {
			bad("p", "p %g is outside 0..1", d.P)
		}
	case Discrete:
		d.parseDiscrete(p, field, m)
	}
	if len(p.errs) > before {
		return Distribution{}, "", false
	}
	return d, source, true
}

func required(kind DistKind) []string {
	switch kind {
	case PERT:
		return []string{"min", "mode", "max"}
	case Normal:
		return []string{"mean", "sd"}
	case LogNormal:
		return []string{"p10 and p90, or mean and sd, or mu and sigma"}
	}
	return distParams[kind]
}

func (d *Distribution) parseLogNormal(p *parser, field string, m map[string]any,
	get func(string) (float64, bool), bad func(string, string, ...any)) {
	has := func(k string) bool { _, ok := m[k]; return ok }
	var ways []string
	for _, pair := range [][2]string{{"p10", "p90"}, {"mean", "sd"}, {"mu", "sigma"}} {
		if has(pair[0]) || has(pair[1]) {
			ways = append(ways, pair[0]+"/"+pair[1])
			if !has(pair[0]) || !has(pair[1]) {
				bad(pair[0], "give both %s and %s", pair[0], pair[1])
				return
			}
		}
	}
	if len(ways) != 1 {
		bad("dist", "a lognormal needs exactly one of p10/p90, mean/sd, mu/sigma (found %d)", len(ways))
		return
	}
	switch ways[0] {
	case "p10/p90":
		p10, ok1 := get("p10")
		p90, ok2 := get("p90")
		switch {
		case !ok1 || !ok2:
		case p10 <= 0:
			bad("p10", "p10 %g must be positive for a lognormal", p10)
		case p10 >= p90:
			bad("p10", "p10 %g must be below p90 %g", p10, p90)
		default:
			// ln X is normal with P10 and P90 at μ ∓ z₀.₉σ.
			d.Mu = (math.Log(p10) + math.Log(p90)) / 2
			d.Sigma = (math.Log(p90) - math.Log(p10)) / (2 * z90)
		}
	case "mean/sd":
		mean, ok1 := get("mean")
		sd, ok2 := get("sd")
		switch {
		case !ok1 || !ok2:
		case mean <= 0:
			bad("mean", "mean %g must be positive for a lognormal", mean)
		case sd <= 0:
			bad("sd", "sd %g must be positive", sd)
		default:
			// Moments of a lognormal: σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2.
			s2 := math.Log1p(sd * sd / (mean * mean))
			d.Mu, d.Sigma = math.Log(mean)-s2/2, math.Sqrt(s2)
		}
	case "mu/sigma":
		mu, ok1 := get("mu")
		sigma, ok2 := get("sigma")
		switch {
		case !ok1 || !ok2:
		case sigma <= 0:
			bad("sigma", "sigma %g must be positive", sigma)
		default:
			d.Mu, d.Sigma = mu, sigma
		}
	}
}

func (d *Distribution) parseDiscrete(p *parser, field string, m map[string]any) {
	list := func(key string) ([]float64, bool) {
		v, ok := m[key]
		if !ok {
			return nil, false
		}
		arr, ok := v.([]any)
		if !ok {
			p.errk(ErrDistribution, field+"."+key, "must be a list of numbers")
			return nil, false
		}
		out := make([]float64, len(arr))
		for i, e := range arr {
			f, ok := p.number(fmt.Sprintf("%s.%s[%d]", field, key, i), e)
			if !ok {
				return nil, false
			}
			out[i] = f
		}
		return out, true
	}
	vals, ok := list("values")
	if !ok || len(vals) == 0 {
		p.errk(ErrDistribution, field+".values", "a discrete distribution needs a non-empty list of values")
		return
	}
	w, hasW := list("weights")
	if !hasW {
		if _, present := m["weights"]; present {
			return
		}
		w = make([]float64, len(vals))
		for i := range w {
			w[i] = 1
		}
	}
	if len(w) != len(vals) {
		p.errk(ErrDistribution, field+".weights", "%d weights for %d values", len(w), len(vals))
		return
	}
	var sum float64
	for _, x := range w {
		if x < 0 {
			p.errk(ErrDistribution, field+".weights", "weight %g is negative", x)
			return
		}
		sum += x
	}
	if sum <= 0 {
		p.errk(ErrDistribution, field+".weights", "weights sum to zero")
		return
	}
	for i := range w {
		w[i] /= sum
	}
	d.Values, d.Weights = vals, w
	if slices.Min(vals) == slices.Max(vals) {
		*d = Distribution{Kind: Fixed, Value: vals[0], Params: map[string]float64{"value": vals[0]}}
	}
}
