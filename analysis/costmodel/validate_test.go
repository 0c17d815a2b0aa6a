package costmodel

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestEconomicErrors breaks the valid scenario (parse_test.go) in ways that are well-formed TOML
// and valid distributions but wrong appraisals, and checks each message in full.
func TestEconomicErrors(t *testing.T) {
	const expected = "expected one of name, description, organisation, base_year, price_base_year, horizon_years, discount, iterations, seed, baseline, optimism_bias, prices, inputs, correlations, options, business_case, references"
	tests := []struct {
		name     string
		old, new string
		want     string // one of the errors, exactly
		notWant  string // a message that must not appear
	}{
		{"negative cost", `amount = "staff * uptake * price / years"`, `amount = "-15000"`,
			`bad.toml:22: options[0].lines[0].amount: "-15000" of cost line "devices" is -15000 in year 0 at base values: a cost amount must not be negative (write a saving as a benefit line, or add allow_negative = true to the line if a negative amount is meant)`, ""},
		// staff = −100 at its lower bound: −100 × uptake 0.15 (PERT mode) × price 650
		// (triangular mode) ÷ years 4 (uniform 3..5, its mean) = −2437.5.
		{"negative cost at an input's lower bound", `staff = 3200`, `staff = { dist = "uniform", min = -100, max = 3200 }`,
			`bad.toml:22: options[0].lines[0].amount: "staff * uptake * price / years" of cost line "devices" is -2437.5 in year 0 with staff at its lower bound -100: a cost amount must not be negative (write a saving as a benefit line, or add allow_negative = true to the line if a negative amount is meant)`, ""},
		{"negative benefit", `name = "b"`, "name = \"b\"\n  [[options.lines]]\n  name = \"refund\"\n  kind = \"benefit\"\n  years = [2]\n  amount = \"-5 * staff\"",
			`bad.toml:29: options[1].lines[0].amount: "-5 * staff" of benefit line "refund" is -16000 in year 2 at base values: a benefit amount must not be negative (write a loss as a cost line, or add allow_negative = true to the line if a negative amount is meant)`, ""},
		{"allow_negative not a boolean", `amount = "staff * uptake * price / years"`, "allow_negative = \"yes\"\n  amount = \"-1\"",
			`bad.toml:22: options[0].lines[0].allow_negative: must be true or false, not "yes"`, ""},
		{"negative count", `staff = 3200`, `staff = { dist = "triangular", min = -30, mode = 3000, max = 3500, kind = "count" }`,
			`bad.toml:8: inputs.staff.min: min = -30, but a count cannot be negative (kind = "count")`, ""},
		{"fixed negative count", `staff = 3200`, `staff = { dist = "fixed", value = -340, kind = "count" }`,
			`bad.toml:8: inputs.staff.value: value = -340, but a count cannot be negative (kind = "count")`, ""},
		{"count that a normal can draw below zero", `staff = 3200`, `staff = { dist = "normal", mean = 3200, sd = 300, kind = "count" }`,
			`bad.toml:8: inputs.staff.dist: a normal input can be drawn outside 0..+Inf, but a count cannot be negative (kind = "count"): bound it with min = 0, or use a bounded distribution`, ""},
		{"probability above one", `max = 0.25 }`, `max = 1.25, kind = "probability" }`,
			`bad.toml:9: inputs.uptake.max: max = 1.25, but a probability lies within 0..1 (kind = "probability")`, ""},
		{"unknown kind", `max = 0.25 }`, `max = 0.25, kind = "share" }`,
			`bad.toml:9: inputs.uptake.kind: must be "count", "probability" or "amount", not "share"`, ""},
		{"misspelt dist", `price = { dist = "triangular"`, `price = { dsit = "triangular"`,
			`bad.toml:10: inputs.price.dsit: unknown field (did you mean "dist"?); an input table has dist and its parameters, source, label, kind`,
			"inputs.price.dist: missing"},
		{"misspelt parameter", `mode = 650`, `mdoe = 650`,
			`bad.toml:10: inputs.price.mdoe: unknown field (did you mean "mode"?); expected one of dist, source, label, kind, min, mode, max`, ""},
		{"misspelt top-level key", `iterations = 1000`, `iteratons = 1000`,
			`bad.toml:5: iteratons: unknown field (did you mean "iterations"?); ` + expected, ""},
		{"unknown top-level key, nothing close", `iterations = 1000`, `colour = 1000`,
			`bad.toml:5: colour: unknown field; ` + expected, ""},
		{"probability of an event above one", `staff = 3200`, `staff = { dist = "bernoulli", p = 1.5 }`,
			`bad.toml:8: inputs.staff.p: p 1.5 is outside 0..1`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(valid, tt.old, tt.new, 1)
			if src == valid {
				t.Fatalf("test does not change the scenario")
			}
			_, err := Parse("bad.toml", []byte(src))
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error %v (%T) is not Errors", err, err)
			}
			var got []string
			for _, e := range es {
				got = append(got, e.Error())
			}
			if !slices.Contains(got, tt.want) {
				t.Errorf("errors\n%s\ndo not include\n%s", strings.Join(got, "\n"), tt.want)
			}
			if tt.notWant != "" && strings.Contains(err.Error(), tt.notWant) {
				t.Errorf("errors\n%v\ninclude %q", err, tt.notWant)
			}
		})
	}
}

// TestEconomicAccepted checks what the economic checks let through: a negative amount the file
// says is meant, kinds whose values are in range, and labels.
func TestEconomicAccepted(t *testing.T) {
	src := strings.NewReplacer(
		`amount = "staff * uptake * price / years"`, "allow_negative = true\n  amount = \"-15000\"",
		`staff = 3200`, `staff = { dist = "fixed", value = 3200, kind = "count", label = "Staff eligible for BYOD" }`,
		`max = 0.25 }`, `max = 0.25, kind = "probability" }`,
	).Replace(valid)
	sc, err := Parse("ok.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if l := sc.Options[0].Lines[0]; !l.AllowNegative {
		t.Errorf("line %+v: AllowNegative false", l)
	}
	if in := sc.Inputs[0]; in.Label != "Staff eligible for BYOD" || in.Kind != Count {
		t.Errorf("staff = %+v", in)
	}
	if in := sc.Inputs[1]; in.Label != "uptake" || in.Kind != Probability {
		t.Errorf("uptake = %+v: the label defaults to the name", in)
	}
	// FieldError locates a field the way Parse does; an absent field has no line.
	if got, want := sc.FieldError("organisation", "not in the data").Error(), "ok.toml: organisation: not in the data"; got != want {
		t.Errorf("FieldError = %q, want %q", got, want)
	}
	sc, err = Parse("ok.toml", []byte(strings.Replace(src, "iterations = 1000", "organisation = \"E0700083\"", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sc.FieldError("organisation", "not in the data").Error(), "ok.toml:5: organisation: not in the data"; got != want {
		t.Errorf("FieldError = %q, want %q", got, want)
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"iterations", "seed", "scenario", "sector", "report"}
	for _, tt := range []struct{ in, want string }{
		{"iteratons", "iterations"},
		{"scenaro", "scenario"},
		{"sectr", "sector"},
		{"sed", "seed"},
		{"x", ""},            // one letter is never a slip of another word
		{"banana", ""},       // nothing close
		{"seed", ""},         // an exact match is not a suggestion
		{"rpeort", "report"}, // two neighbours swapped: one edit
		{"reprot", "report"},
		{"E0700083", ""}, // not a slip of any of these
	} {
		if got := Suggest(tt.in, cands); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCaseTextAndReferences(t *testing.T) {
	src := valid + `[business_case]
decision = "Keep BYOD?"
budget = 250000
milestones = ["April 2014: policy agreed"]
[[references]]
id = "seed003"
title = "Cabinet Office requests “BYOD & PSN” tweet clarification"
publisher = "blog of Solihull MBC's CIO"
date = "15 November 2013"
`
	sc, err := Parse("c.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Case.Decision != "Keep BYOD?" || sc.Case.Budget == nil || *sc.Case.Budget != 250000 || len(sc.Case.Milestones) != 1 {
		t.Errorf("case = %+v", sc.Case)
	}
	want := "“Cabinet Office requests “BYOD & PSN” tweet clarification”, blog of Solihull MBC's CIO, 15 November 2013."
	if len(sc.References) != 1 || sc.References[0].Citation() != want {
		t.Errorf("references = %+v, want citation %s", sc.References, want)
	}
	_, err = Parse("c.toml", []byte(valid+"[[references]]\ntitle = \"x\"\n[business_case]\nbudget = -1\n"))
	for _, w := range []string{`c.toml:25: references[0].id: missing: the short name sources cite the reference by, such as "seed003"`,
		`c.toml:28: business_case.budget: a budget of -1: expected £ a year, 0 or more`} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("error %v lacks %s", err, w)
		}
	}
}
