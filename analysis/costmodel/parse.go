package costmodel

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Parse reads a scenario from the TOML text data; filename is used only in messages. It validates
// everything it can before any computation (names, distributions, expressions, years, the
// correlation matrix) and returns an Errors value listing every problem found, each with file, line
// and field.
func Parse(filename string, data []byte) (*Scenario, error) {
	p, raw, err := decode(filename, data)
	if err != nil {
		return nil, err
	}
	sc := p.scenario(raw)
	sc.loc, sc.src = p.loc, append([]byte(nil), data...)
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return sc, nil
}

type parser struct {
	file string
	loc  *locator
	errs Errors
}

// errf records a problem with a field, of kind ErrInvalidValue; errk records one of another kind.
func (p *parser) errf(field, format string, args ...any) {
	p.errk(ErrInvalidValue, field, format, args...)
}

func (p *parser) errk(kind error, field, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.file, Line: p.loc.line(field), Field: field, Msg: fmt.Sprintf(format, args...), Kind: kind})
}

// known reports keys of m that are not in allowed, so that a misspelt field is an error rather
// than silently ignored.
func (p *parser) known(field string, m map[string]any, allowed ...string) {
	var unknown []string
	for k := range m {
		if !slices.Contains(allowed, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		p.errk(ErrUnknownField, join(field, k), "unknown field%s; expected one of %s", didYouMean(k, allowed), strings.Join(allowed, ", "))
	}
}

func (p *parser) number(field string, v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			p.errk(ErrWrongType, field, "must be a finite number, not %v", x)
			return 0, false
		}
		return x, true
	}
	p.errk(ErrWrongType, field, "must be a number, not %s", describe(v))
	return 0, false
}

func (p *parser) integer(field string, v any) (int, bool) {
	switch x := v.(type) {
	case int64:
		return int(x), true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int(x), true
		}
	}
	p.errk(ErrWrongType, field, "must be a whole number, not %s", describe(v))
	return 0, false
}

func (p *parser) str(field string, v any) (string, bool) {
	if s, ok := v.(string); ok {
		return s, true
	}
	p.errk(ErrWrongType, field, "must be a string, not %s", describe(v))
	return "", false
}

func (p *parser) table(field string, v any) (map[string]any, bool) {
	if m, ok := v.(map[string]any); ok {
		return m, true
	}
	p.errk(ErrWrongType, field, "must be a table, not %s", describe(v))
	return nil, false
}

func (p *parser) tables(field string, v any) []map[string]any {
	switch x := v.(type) {
	case []map[string]any:
		return x
	case []any:
		out := make([]map[string]any, 0, len(x))
		for i, e := range x {
			if m, ok := p.table(fmt.Sprintf("%s[%d]", field, i), e); ok {
				out = append(out, m)
			}
		}
		return out
	}
	p.errf(field, "must be an array of tables ([[%s]]), not %s", field, describe(v))
	return nil
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing"
	case string:
		return strconv.Quote(x)
	case int64, float64, bool:
		return fmt.Sprint(x)
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "an array"
	}
	return fmt.Sprintf("%T", v)
}

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// reserved are names an input cannot take because expressions give them another meaning.
var reserved = []string{"t", "min", "max", "if", "and", "or", "not", "true", "false", "nil", "in",
	"let", "else", "matches", "contains", "startsWith", "endsWith"}

func (p *parser) scenario(raw map[string]any) *Scenario {
	p.known("", raw, "name", "description", "organisation", "base_year", "price_base_year", "horizon_years",
		"discount", "iterations", "seed", "baseline", "optimism_bias", "prices", "inputs", "correlations", "options",
		"business_case", "references")
	sc := &Scenario{File: p.file, Iterations: 10000, Seed: 1, Discount: Discounting{GreenBook: true, Schedule: greenBook2022}}
	sc.Name, sc.Description = p.title(raw, "scenario")
	if v, ok := raw["organisation"]; ok {
		sc.Organisation, _ = p.str("organisation", v)
	}
	if v, ok := raw["base_year"]; ok {
		if y, ok := p.integer("base_year", v); ok {
			if y < 1900 || y > 2200 {
				p.errf("base_year", "%d is not a plausible price base year", y)
			}
			sc.BaseYear = y
		}
	} else {
		p.errk(ErrMissing, "base_year", "missing: the year whose prices the figures are in (year index 0)")
	}
	sc.PriceBaseYear = sc.BaseYear
	if v, ok := raw["price_base_year"]; ok {
		if y, ok := p.integer("price_base_year", v); ok {
			if y < 1900 || y > 2200 {
				p.errf("price_base_year", "%d is not a plausible price base year", y)
			}
			sc.PriceBaseYear = y
		}
	}
	if v, ok := raw["horizon_years"]; ok {
		if h, ok := p.integer("horizon_years", v); ok {
			if h < 1 || h > 1000 {
				p.errf("horizon_years", "must be between 1 and 1000, not %d", h)
			} else {
				sc.Horizon = h
			}
		}
	} else {
		p.errk(ErrMissing, "horizon_years", "missing: the number of years appraised (years 0..horizon_years-1)")
	}
	if v, ok := raw["discount"]; ok {
		sc.Discount = p.discount(v)
	}
	p.runs(raw, 1<<31, &sc.Iterations, &sc.Seed)
	if v, ok := raw["optimism_bias"]; ok {
		sc.OptimismBias = p.optimismBias(v)
	}
	if v, ok := raw["prices"]; ok {
		sc.Prices = p.prices(v)
	}
	if v, ok := raw["business_case"]; ok {
		sc.Case = p.caseText(v)
	}
	if v, ok := raw["references"]; ok {
		sc.References = p.references(v)
	}
	if v, ok := raw["inputs"]; ok {
		if m, ok := p.table("inputs", v); ok {
			sc.Inputs = p.inputs(m)
		}
	}
	if v, ok := raw["correlations"]; ok {
		sc.Correlations = p.correlations(sc, v)
	}
	if v, ok := raw["options"]; ok {
		sc.Options = p.options(sc, v)
	} else {
		p.errk(ErrMissing, "options", "missing: a scenario needs at least one [[options]]")
	}
	if v, ok := raw["baseline"]; ok {
		if s, ok := p.str("baseline", v); ok {
			sc.Baseline = s
			if len(sc.Options) > 0 && sc.optionIndex(s) < 0 {
				p.errk(ErrUnknownOption, "baseline", "no option is named %q", s)
			}
		}
	} else if len(sc.Options) > 0 {
		sc.Baseline = sc.Options[0].Name
	}
	if len(p.errs) == 0 {
		p.events(sc)
		p.realFactors(sc)
	}
	if len(p.errs) == 0 {
		p.compileLines(sc)
	}
	if len(p.errs) == 0 {
		p.checkAmounts(sc)
	}
	return sc
}

// events adds, for each distinct probability input that risk-event lines name, the uniform draw
// u_NAME that decides in each iteration whether the event happens (u < p). Lines naming the same
// probability input share one draw: they describe one event, which happens to every option alike.
func (p *parser) events(sc *Scenario) {
	byName := map[string]*Input{}
	for i := range sc.Inputs {
		byName[sc.Inputs[i].Name] = &sc.Inputs[i]
	}
	var added []Input
	seen := map[string]bool{}
	for i, o := range sc.Options {
		for j, l := range o.Lines {
			if l.Event == "" {
				continue
			}
			field := fmt.Sprintf("options[%d].lines[%d].event", i, j)
			in, ok := byName[l.Event]
			if !ok {
				p.errk(ErrUnknownInput, field, "no input is named %q (the event's probability)", l.Event)
				continue
			}
			if lo, hi := in.Dist.Range(); lo < 0 || hi > 1 || in.Dist.Kind == LogNormal || (in.Dist.Kind == Normal && !in.Dist.Truncated) {
				p.errf(field, "input %q must be a probability: its values must lie within 0..1 (a fixed number, or a uniform, triangular, PERT, discrete or truncated normal within 0..1)", l.Event)
				continue
			}
			u := "u_" + l.Event
			if seen[u] {
				continue
			}
			if _, taken := byName[u]; taken {
				p.errf(field, "the event's draw would be named %q, which is already an input: rename that input", u)
				continue
			}
			seen[u] = true
			added = append(added, Input{Name: u, Event: l.Event,
				Dist:   Distribution{Kind: Uniform, Min: 0, Max: 1, Params: map[string]float64{"min": 0, "max": 1}},
				Source: fmt.Sprintf("drawn by the model: the risk event %q happens in an iteration when %s < %s", l.Event, u, l.Event)})
		}
	}
	sc.Inputs = append(sc.Inputs, added...)
}

// realFactors checks the deflator covers every year a nominal line needs and computes the factor
// that brings each year's nominal amounts to prices of the price base year.
func (p *parser) realFactors(sc *Scenario) {
	nominal := false
	for _, o := range sc.Options {
		for _, l := range o.Lines {
			nominal = nominal || l.Nominal
		}
	}
	if !nominal {
		return
	}
	d := sc.Prices
	index := func(y int) (float64, bool) {
		if d.Deflator == nil {
			return math.Pow(1+d.Growth, float64(y-sc.PriceBaseYear)), true
		}
		v, ok := d.Deflator[y]
		return v, ok
	}
	if d.Deflator == nil && d.Growth == 0 {
		p.errf("prices", "nominal amounts need a deflator: [prices] deflator = { 2014 = 100.0, 2015 = 101.9, … } or deflator_growth = 0.02")
		return
	}
	base, ok := index(sc.PriceBaseYear)
	if !ok {
		p.errf("prices.deflator", "no index for the price base year %d", sc.PriceBaseYear)
		return
	}
	f := make([]float64, sc.Horizon)
	for t := range f {
		v, ok := index(sc.BaseYear + t)
		if !ok {
			p.errf("prices.deflator", "no index for %d (year index %d), which a nominal line needs", sc.BaseYear+t, t)
			return
		}
		f[t] = base / v
	}
	sc.Prices.factors = f
}

// prices reads [prices]: amounts = "real" | "nominal", and deflator = { YEAR = index, … } or
// deflator_growth = rate.
func (p *parser) prices(v any) Prices {
	var pr Prices
	m, ok := p.table("prices", v)
	if !ok {
		return pr
	}
	p.known("prices", m, "amounts", "deflator", "deflator_growth")
	if x, ok := m["amounts"]; ok {
		if s, ok := p.str("prices.amounts", x); ok {
			switch s {
			case "real":
			case "nominal":
				pr.Nominal = true
			default:
				p.errf("prices.amounts", `must be "real" or "nominal", not %q`, s)
			}
		}
	}
	if x, ok := m["deflator"]; ok {
		if t, ok := p.table("prices.deflator", x); ok {
			pr.Deflator = map[int]float64{}
			for k, e := range t {
				field := "prices.deflator." + k
				y, err := strconv.Atoi(k)
				if err != nil || y < 1900 || y > 2200 {
					p.errf(field, "%q is not a calendar year", k)
					continue
				}
				if v, ok := p.number(field, e); ok {
					if v <= 0 {
						p.errf(field, "a deflator index must be positive, not %g", v)
					}
					pr.Deflator[y] = v
				}
			}
		}
	}
	if x, ok := m["deflator_growth"]; ok {
		if pr.Deflator != nil {
			p.errf("prices.deflator_growth", "give a deflator series or a growth rate, not both")
		}
		if g, ok := p.number("prices.deflator_growth", x); ok {
			if g <= -1 || g > 1 {
				p.errf("prices.deflator_growth", "growth %g is outside (-1, 1]: write 0.02 for 2%%", g)
			}
			pr.Growth = g
		}
	}
	return pr
}

func (p *parser) discount(v any) Discounting {
	switch x := v.(type) {
	case string:
		if x == "green_book" || x == greenBook2022 {
			return Discounting{GreenBook: true, Schedule: greenBook2022}
		}
		if r, err := strconv.ParseFloat(x, 64); err == nil {
			v = r
		} else {
			p.errf("discount", `must be "green_book", "green_book_2022" or a constant rate such as 0.035, not %q`, x)
			return Discounting{GreenBook: true, Schedule: greenBook2022}
		}
	}
	r, ok := p.number("discount", v)
	if !ok {
		return Discounting{GreenBook: true, Schedule: greenBook2022}
	}
	if r <= -1 || r > 1 {
		p.errf("discount", "rate %g is outside (-1, 1]: write 0.035 for 3.5%%", r)
	}
	return Discounting{Rate: r}
}

func (p *parser) optimismBias(v any) OptimismBias {
	var ob OptimismBias
	m, ok := p.table("optimism_bias", v)
	if !ok {
		return ob
	}
	p.known("optimism_bias", m, "capital", "operating", "benefits", "mitigated_by_quantified_risk")
	get := func(key string) float64 {
		field := "optimism_bias." + key
		x, ok := m[key]
		if !ok {
			return 0
		}
		u, ok := p.number(field, x)
		if ok && (u < 0 || u > 10) {
			p.errf(field, "uplift %g is outside 0..10 (0.2 means +20%%)", u)
		}
		return u
	}
	ob.Capital = get("capital")
	ob.Operating = get("operating")
	ob.Benefits = get("benefits")
	if ob.Benefits > 1 {
		p.errf("optimism_bias.benefits", "a benefits reduction of %g would make benefits negative (0.15 means -15%%)", ob.Benefits)
	}
	ob.Mitigated = get("mitigated_by_quantified_risk")
	if ob.Mitigated > 1 {
		p.errf("optimism_bias.mitigated_by_quantified_risk", "%g is not a share within 0..1", ob.Mitigated)
	}
	return ob
}

func (p *parser) inputs(m map[string]any) []Input {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	// File order, which the TOML map has lost, is recovered from the lines.
	slices.SortFunc(names, func(a, b string) int {
		if d := p.loc.line("inputs."+a) - p.loc.line("inputs."+b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	var out []Input
	for _, name := range names {
		field := "inputs." + name
		if !identRE.MatchString(name) {
			p.errf(field, "input names must be letters, digits and _, starting with a letter")
			continue
		}
		if slices.Contains(reserved, name) {
			p.errf(field, "%q is reserved in expressions: choose another name", name)
			continue
		}
		d, source, ok := p.distribution(field, m[name])
		if ok {
			in := Input{Name: name, Dist: d, Source: source, Line: p.loc.line(field)}
			p.inputMeta(field, m[name], &in)
			out = append(out, in)
		}
	}
	return out
}

func (p *parser) correlations(sc *Scenario, v any) []Correlation {
	var out []Correlation
	uncertain := map[string]bool{}
	for _, in := range sc.Inputs {
		uncertain[in.Name] = !in.Dist.isFixed()
	}
	seen := map[[2]string]bool{}
	bad := len(p.errs)
	for i, m := range p.tables("correlations", v) {
		field := fmt.Sprintf("correlations[%d]", i)
		p.known(field, m, "inputs", "rank")
		c := Correlation{Line: p.loc.line(field)}
		names, ok := m["inputs"].([]any)
		if !ok || len(names) != 2 {
			p.errk(ErrCorrelation, field+".inputs", `must name two inputs, e.g. inputs = ["laptop_price", "refresh_years"]`)
			continue
		}
		for j, n := range names {
			s, ok := n.(string)
			switch {
			case !ok:
				p.errk(ErrCorrelation, field+".inputs", "must be input names in quotes")
			case !uncertain[s]:
				if _, known := uncertain[s]; known {
					p.errk(ErrCorrelation, field+".inputs", "input %q is fixed, so it cannot be correlated", s)
				} else {
					p.errk(ErrUnknownInput, field+".inputs", "unknown input %q", s)
				}
			}
			c.Inputs[j] = s
		}
		if c.Inputs[0] == c.Inputs[1] {
			p.errk(ErrCorrelation, field+".inputs", "an input cannot be correlated with itself")
		}
		key := c.Inputs
		if key[0] > key[1] {
			key[0], key[1] = key[1], key[0]
		}
		if seen[key] {
			p.errk(ErrDuplicate, field+".inputs", "the pair %s, %s is correlated twice", key[0], key[1])
		}
		seen[key] = true
		if r, ok := m["rank"]; !ok {
			p.errk(ErrMissing, field+".rank", "missing: the target rank correlation, between -1 and 1")
		} else if x, ok := p.number(field+".rank", r); ok {
			if x < -1 || x > 1 {
				p.errk(ErrCorrelation, field+".rank", "rank correlation %g is outside -1..1", x)
			}
			c.Rank = x
		}
		out = append(out, c)
	}
	if len(p.errs) == bad && len(out) > 0 {
		if _, _, err := correlationMatrix(sc.UncertainInputs(), out); err != nil {
			p.errk(ErrCorrelation, "correlations[0]", "%v", err)
		}
	}
	return out
}

func (p *parser) options(sc *Scenario, v any) []Option {
	var out []Option
	names := map[string]bool{}
	for i, m := range p.tables("options", v) {
		field := fmt.Sprintf("options[%d]", i)
		p.known(field, m, "name", "label", "description", "lines")
		var o Option
		if s, ok := m["name"]; ok {
			o.Name, _ = p.str(field+".name", s)
		}
		if o.Name == "" {
			p.errk(ErrMissing, field+".name", "missing: every option needs a name")
		} else if names[o.Name] {
			p.errk(ErrDuplicate, field+".name", "option %q is defined twice", o.Name)
		}
		names[o.Name] = true
		if s, ok := m["label"]; ok {
			o.Label, _ = p.str(field+".label", s)
		}
		if s, ok := m["description"]; ok {
			o.Description, _ = p.str(field+".description", s)
		}
		if lv, ok := m["lines"]; ok {
			for j, lm := range p.tables(field+".lines", lv) {
				o.Lines = append(o.Lines, p.line(sc, fmt.Sprintf("%s.lines[%d]", field, j), lm))
			}
		}
		out = append(out, o)
	}
	if len(out) == 0 {
		p.errf("options", "a scenario needs at least one [[options]]")
	}
	return out
}

func (p *parser) line(sc *Scenario, field string, m map[string]any) Line {
	p.known(field, m, "name", "kind", "category", "years", "amount", "optimism_bias", "source", "allow_negative", "event", "impact", "prices")
	var l Line
	l.AllowNegative = p.allowNegative(field, m)
	if v, ok := m["name"]; ok {
		l.Name, _ = p.str(field+".name", v)
	}
	if l.Name == "" {
		p.errk(ErrMissing, field+".name", "missing: every line needs a name")
	}
	if v, ok := m["kind"]; !ok {
		p.errk(ErrMissing, field+".kind", `missing: "cost" or "benefit"`)
	} else if s, ok := p.str(field+".kind", v); ok {
		l.Kind = Kind(s)
		if l.Kind != Cost && l.Kind != Benefit {
			p.errf(field+".kind", `must be "cost" or "benefit", not %q`, s)
		}
	}
	l.Category = Operating
	if v, ok := m["category"]; ok {
		if s, ok := p.str(field+".category", v); ok {
			l.Category = Category(s)
			if l.Category != Capital && l.Category != Operating {
				p.errf(field+".category", `must be "capital" or "operating", not %q`, s)
			}
		}
	} else if l.Kind == Cost {
		p.errk(ErrMissing, field+".category", `missing: "capital" or "operating" (it decides the optimism-bias uplift)`)
	}
	if v, ok := m["optimism_bias"]; ok {
		if u, ok := p.number(field+".optimism_bias", v); ok {
			if u < 0 || u > 10 {
				p.errf(field+".optimism_bias", "uplift %g is outside 0..10", u)
			}
			if l.Kind == Benefit && u > 1 {
				p.errf(field+".optimism_bias", "a benefit's reduction %g is above 1 (0.15 means -15%%)", u)
			}
			l.OptimismBias = &u
		}
	}
	if v, ok := m["source"]; ok {
		l.Source, _ = p.str(field+".source", v)
	}
	l.Nominal = sc.Prices.Nominal
	if v, ok := m["prices"]; ok {
		if s, ok := p.str(field+".prices", v); ok {
			switch s {
			case "real":
				l.Nominal = false
			case "nominal":
				l.Nominal = true
			default:
				p.errf(field+".prices", `must be "real" or "nominal", not %q`, s)
			}
		}
	}
	if v, ok := m["event"]; ok {
		l.Event, _ = p.str(field+".event", v)
		_, hasAmount := m["amount"]
		iv, hasImpact := m["impact"]
		switch {
		case hasAmount:
			p.errf(field+".amount", "a risk-event line gives its cost as impact, not amount")
		case !hasImpact:
			p.errk(ErrMissing, field+".impact", "missing: what the event costs in each of the line's years when it happens")
		default:
			l.Impact = p.expression(sc, field+".impact", iv)
		}
		if l.Event != "" && l.Impact != "" {
			l.Amount = fmt.Sprintf("if(u_%s < %s, %s, 0)", l.Event, l.Event, l.Impact)
		}
		if v, ok := m["years"]; ok {
			l.Years = p.years(field+".years", v, sc.Horizon)
		} else {
			p.errk(ErrMissing, field+".years", `missing: the years the line occurs in, e.g. "0-9" or [0, 4, 8]`)
		}
		return l
	} else if _, ok := m["impact"]; ok {
		p.errf(field+".impact", "impact belongs to a risk-event line, which also names its probability: event = \"p_…\"")
	}
	if v, ok := m["years"]; ok {
		l.Years = p.years(field+".years", v, sc.Horizon)
	} else {
		p.errk(ErrMissing, field+".years", `missing: the years the line occurs in, e.g. "0-9" or [0, 4, 8]`)
	}
	if v, ok := m["amount"]; !ok {
		p.errk(ErrMissing, field+".amount", "missing: an expression of the inputs and t")
	} else {
		l.Amount = p.expression(sc, field+".amount", v)
	}
	return l
}

// expression reads an amount or impact: an expression in quotes or a bare number. It is compiled
// now, against the inputs, only to report errors here with the line; the scenario is compiled for
// use once everything is valid. It returns "" when invalid.
func (p *parser) expression(sc *Scenario, field string, v any) string {
	var e string
	switch x := v.(type) {
	case string:
		e = x
	case int64, float64:
		f, _ := p.number(field, x)
		e = strconv.FormatFloat(f, 'g', -1, 64)
	default:
		p.errk(ErrWrongType, field, "must be an expression in quotes or a number, not %s", describe(v))
	}
	if e != "" {
		c := &compiler{g: newGraph(max(sc.Horizon, 1)), inputs: inputRefs(sc.Inputs)}
		if _, err := c.compile(e); err != nil {
			p.errk(exprKind(err), field, "%q: %v", e, err)
			return ""
		}
	}
	return e
}

// years parses "0-9", "3", "0-2, 5, 8-9", [0, 4, 8] or a bare year index.
func (p *parser) years(field string, v any, horizon int) []int {
	var ys []int
	add := func(a, b int) bool {
		if a > b {
			p.errf(field, "range %d-%d runs backwards", a, b)
			return false
		}
		if a < 0 || (horizon > 0 && b >= horizon) {
			p.errf(field, "years must be within 0..%d (horizon_years = %d), not %d-%d", horizon-1, horizon, a, b)
			return false
		}
		for y := a; y <= b; y++ {
			ys = append(ys, y)
		}
		return true
	}
	switch x := v.(type) {
	case int64:
		add(int(x), int(x))
	case string:
		for _, part := range strings.Split(x, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			lo, hi, isRange := strings.Cut(part, "-")
			a, err1 := strconv.Atoi(strings.TrimSpace(lo))
			b, err2 := a, error(nil)
			if isRange {
				b, err2 = strconv.Atoi(strings.TrimSpace(hi))
			}
			if err1 != nil || err2 != nil {
				p.errf(field, `%q is not a year range such as "0-9" or "0-2, 5"`, x)
				return nil
			}
			if !add(a, b) {
				return nil
			}
		}
	case []any:
		for i, e := range x {
			y, ok := p.integer(fmt.Sprintf("%s[%d]", field, i), e)
			if !ok || !add(y, y) {
				return nil
			}
		}
	default:
		p.errf(field, `must be a range such as "0-9" or a list such as [0, 4, 8], not %s`, describe(v))
		return nil
	}
	slices.Sort(ys)
	if len(slices.Compact(slices.Clone(ys))) != len(ys) {
		p.errk(ErrDuplicate, field, "a year is listed twice")
		return nil
	}
	if len(ys) == 0 {
		p.errf(field, "the line has no years")
	}
	return ys
}

// inputRefs tells the expression compiler what each input name stands for.
func inputRefs(inputs []Input) map[string]inputRef {
	refs := map[string]inputRef{}
	u := 0
	for _, in := range inputs {
		if in.Dist.isFixed() {
			refs[in.Name] = inputRef{fixed: true, value: in.Dist.Value}
		} else {
			refs[in.Name] = inputRef{uncertain: u}
			u++
		}
	}
	return refs
}

// compileLines compiles every line of a valid scenario into one shared graph.
func (p *parser) compileLines(sc *Scenario) {
	c := &compiler{g: newGraph(sc.Horizon), inputs: inputRefs(sc.Inputs)}
	sc.lines = make([][]int32, len(sc.Options))
	for i, o := range sc.Options {
		for j, l := range o.Lines {
			id, err := c.compile(l.Amount)
			if err != nil { // cannot happen: each line compiled once already
				p.errk(exprKind(err), fmt.Sprintf("options[%d].lines[%d].amount", i, j), "%v", err)
			}
			sc.lines[i] = append(sc.lines[i], id)
		}
	}
	sc.graph = c.g
}
