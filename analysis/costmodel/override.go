package costmodel

// What-if without editing the file: a finance officer changes one input or one line's amount and
// reruns. The scenario is parsed again from its own text with the changes put in place, so every
// check Parse makes (distributions, expressions, negative amounts, correlations) applies to the
// changed values too; the changes are kept on the scenario and reported in its result.

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Override changes one thing in a scenario: an input (Target "uptake"; Value a number or a
// distribution in TOML inline-table syntax, `{ dist = "pert", min = 0.1, mode = 0.2, max = 0.3 }`)
// or a line's amount (Target "option.line name.amount"; Value an expression).
type Override struct {
	Target string `json:"target"`
	Value  string `json:"value"`
	// Was is what the file said before the change: the input's distribution or the line's
	// expression. With fills it in.
	Was string `json:"was"`
	// Note says what else the change did (a correlation dropped because the input became fixed).
	Note string `json:"note,omitempty"`
}

// String writes the override as the command line takes it: target=value.
func (o Override) String() string { return o.Target + "=" + o.Value }

// ParseOverride reads "target=value" as --set gives it.
func ParseOverride(s string) (Override, error) {
	target, value, ok := strings.Cut(s, "=")
	target, value = strings.TrimSpace(target), strings.TrimSpace(value)
	if !ok || target == "" || value == "" {
		return Override{}, fmt.Errorf("--set %q: expected INPUT=VALUE (a number, or a distribution such as "+
			`uptake={ dist = "pert", min = 0.1, mode = 0.2, max = 0.3 }) or OPTION.LINE.amount=EXPRESSION`, s)
	}
	return Override{Target: target, Value: value}, nil
}

// With returns a copy of the scenario with the overrides applied, checked as Parse checks a file,
// or an Errors value naming each override that does not fit. Iterations and Seed are kept from s
// (a flag may have changed them); earlier overrides on s are kept, and a later one on the same
// target replaces an earlier one.
func (s *Scenario) With(overrides ...Override) (*Scenario, error) {
	if s == nil || s.src == nil {
		return nil, errors.New("costmodel: With needs a scenario made by Parse")
	}
	var raw map[string]any
	if _, err := toml.Decode(string(s.src), &raw); err != nil {
		return nil, fmt.Errorf("costmodel: %s: %w", s.File, err) // cannot happen: Parse read it
	}
	all := slices.Clone(s.Overrides)
	var errs Errors
	fail := func(o Override, format string, args ...any) {
		errs = append(errs, &Error{File: s.File, Field: "--set " + o.Target, Msg: fmt.Sprintf(format, args...), Kind: ErrOverride})
	}
	for _, o := range overrides {
		all = slices.DeleteFunc(all, func(x Override) bool { return x.Target == o.Target })
		all = append(all, o)
	}
	fields := map[string]Override{} // field path of each override → the override, for messages
	for i := range all {
		o := &all[i]
		if opt, rest, ok := strings.Cut(o.Target, "."); ok {
			field, was, msg := setAmount(raw, s, opt, rest, o.Value)
			if msg != "" {
				fail(*o, "%s", msg)
				continue
			}
			o.Was = was
			fields[field] = *o
			continue
		}
		field, was, msg := setInput(raw, s, o.Target, o.Value)
		if msg != "" {
			fail(*o, "%s", msg)
			continue
		}
		o.Was, o.Note = was, dropCorrelations(raw, o.Target)
		fields[field] = *o
	}
	if len(errs) > 0 {
		return nil, errs
	}
	p := &parser{file: s.File, loc: s.loc}
	sc := p.scenario(raw)
	// A problem in a changed value is the override's, not the file's line.
	for _, e := range p.errs {
		for field, o := range fields {
			if e.Field == field || strings.HasPrefix(e.Field, field+".") {
				e.Line = 0
				e.Msg += fmt.Sprintf(" (from --set %s)", o)
				break
			}
		}
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	sc.loc, sc.src = s.loc, s.src
	sc.Iterations, sc.Seed = s.Iterations, s.Seed
	sc.Overrides = all
	return sc, nil
}

// setInput puts value in place of input name in the decoded file.
func setInput(raw map[string]any, s *Scenario, name, value string) (field, was, msg string) {
	var in *Input
	names := make([]string, 0, len(s.Inputs))
	for i := range s.Inputs {
		if s.Inputs[i].Event != "" {
			continue // a risk event's draw is the model's, not the file's
		}
		names = append(names, s.Inputs[i].Name)
		if s.Inputs[i].Name == name {
			in = &s.Inputs[i]
		}
	}
	if in == nil {
		return "", "", fmt.Sprintf("no input is named %q%s; expected one of %s, or OPTION.LINE.amount",
			name, didYouMean(name, names), strings.Join(names, ", "))
	}
	var v struct{ V any }
	if _, err := toml.Decode("V = "+value, &v); err != nil {
		return "", "", fmt.Sprintf("%s is not a number or a distribution in TOML inline-table syntax, "+
			`such as { dist = "pert", min = 0.1, mode = 0.2, max = 0.3 }`, value)
	}
	inputs, _ := raw["inputs"].(map[string]any)
	if m, ok := v.V.(map[string]any); ok {
		// Keep what the file says about the input (its label, kind and source) unless the
		// override says it too.
		if old, ok := inputs[name].(map[string]any); ok {
			for _, k := range append([]string{"source"}, inputMetaKeys...) {
				if _, given := m[k]; !given && old[k] != nil {
					m[k] = old[k]
				}
			}
		}
	} else if old, ok := inputs[name].(map[string]any); ok && (old["kind"] != nil || old["label"] != nil) {
		// A number in place of a table: keep the kind (so the value is still checked) and label.
		m := map[string]any{"dist": "fixed", "value": v.V}
		for _, k := range append([]string{"source"}, inputMetaKeys...) {
			if old[k] != nil {
				m[k] = old[k]
			}
		}
		v.V = m
	}
	inputs[name] = v.V
	return "inputs." + name, in.Dist.String(), ""
}

// dropCorrelations removes the file's rank correlations of input name when it has just been made
// fixed (a number, or dist = "fixed"): a value that does not vary has no rank to correlate. It
// returns a note naming what was dropped, or "".
func dropCorrelations(raw map[string]any, name string) string {
	inputs, _ := raw["inputs"].(map[string]any)
	switch v := inputs[name].(type) {
	case map[string]any:
		if d, _ := v["dist"].(string); !strings.EqualFold(d, string(Fixed)) {
			return ""
		}
	case int64, float64:
	default:
		return ""
	}
	cs, ok := raw["correlations"].([]map[string]any)
	if !ok {
		return ""
	}
	var kept []map[string]any
	var dropped []string
	for _, c := range cs {
		pair, _ := c["inputs"].([]any)
		if len(pair) == 2 && (pair[0] == name || pair[1] == name) {
			other := pair[0]
			if other == name {
				other = pair[1]
			}
			dropped = append(dropped, fmt.Sprint(other))
			continue
		}
		kept = append(kept, c)
	}
	if len(dropped) == 0 {
		return ""
	}
	if len(kept) == 0 {
		delete(raw, "correlations")
	} else {
		raw["correlations"] = kept
	}
	return fmt.Sprintf("its rank correlation with %s is dropped: a fixed value does not vary", strings.Join(dropped, " and "))
}

// setAmount puts expr in place of the amount of line rest ("line name.amount") of option opt.
func setAmount(raw map[string]any, s *Scenario, opt, rest, expr string) (field, was, msg string) {
	lineName, ok := strings.CutSuffix(rest, ".amount")
	if !ok {
		return "", "", fmt.Sprintf("expected OPTION.LINE.amount (the only field of a line --set changes), or an input name")
	}
	oi := s.optionIndex(opt)
	if oi < 0 {
		names := make([]string, len(s.Options))
		for i := range s.Options {
			names[i] = s.Options[i].Name
		}
		return "", "", fmt.Sprintf("no option is named %q%s; expected one of %s", opt, didYouMean(opt, names), strings.Join(names, ", "))
	}
	o := &s.Options[oi]
	li := -1
	var lines []string
	for j := range o.Lines {
		lines = append(lines, o.Lines[j].Name)
		if o.Lines[j].Name == lineName {
			li = j
		}
	}
	if li < 0 {
		return "", "", fmt.Sprintf("option %q has no line named %q%s; expected one of %q", opt, lineName, didYouMean(lineName, lines), lines)
	}
	opts, _ := raw["options"].([]map[string]any)
	if oi >= len(opts) {
		return "", "", "the option's table was not found in the file" // cannot happen: Parse read it
	}
	ls, _ := opts[oi]["lines"].([]map[string]any)
	if li >= len(ls) {
		return "", "", "the line's table was not found in the file"
	}
	ls[li]["amount"] = strings.Trim(expr, `"`)
	return fmt.Sprintf("options[%d].lines[%d].amount", oi, li), o.Lines[li].Amount, ""
}
