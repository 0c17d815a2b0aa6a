package costmodel

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestWithEqualsEditedFile checks that a scenario changed by With gives the same result as the
// file edited by hand with the same changes: the point of With is to spare the edit.
func TestWithEqualsEditedFile(t *testing.T) {
	sc := mustParse(t, valid)
	changed, err := sc.With(
		Override{Target: "uptake", Value: `{ dist = "pert", min = 0.12, mode = 0.2, max = 0.3 }`},
		Override{Target: "a.devices.amount", Value: "staff * uptake * price / years + 1000"},
	)
	if err != nil {
		t.Fatal(err)
	}
	edited := mustParse(t, strings.NewReplacer(
		`uptake = { dist = "pert", min = 0.10, mode = 0.15, max = 0.25 }`, `uptake = { dist = "pert", min = 0.12, mode = 0.2, max = 0.3 }`,
		`amount = "staff * uptake * price / years"`, `amount = "staff * uptake * price / years + 1000"`,
	).Replace(valid))
	got, want := analyseJSON(t, changed), analyseJSON(t, edited)
	// The only difference is the record of what was changed.
	var g map[string]any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	ov, _ := json.Marshal(g["overrides"])
	wantOv := `[{"target":"uptake","value":"{ dist = \"pert\", min = 0.12, mode = 0.2, max = 0.3 }","was":"pert(min=0.1, mode=0.15, max=0.25)"},` +
		`{"target":"a.devices.amount","value":"staff * uptake * price / years + 1000","was":"staff * uptake * price / years"}]`
	if string(ov) != wantOv {
		t.Errorf("overrides = %s\nwant        %s", ov, wantOv)
	}
	delete(g, "overrides")
	got, _ = json.Marshal(g)
	var w map[string]any
	json.Unmarshal(want, &w)
	want, _ = json.Marshal(w)
	if string(got) != string(want) {
		t.Errorf("With gives a different result from the edited file")
	}
	// The original is unchanged.
	if sc.Inputs[1].Dist.Mode != 0.15 || sc.Options[0].Lines[0].Amount != "staff * uptake * price / years" || len(sc.Overrides) != 0 {
		t.Errorf("With changed the scenario it was called on")
	}
}

func TestWithNumberKeepsKindAndLabel(t *testing.T) {
	src := strings.Replace(valid, `staff = 3200`, `staff = { dist = "fixed", value = 3200, kind = "count", label = "Staff" }`, 1)
	sc := mustParse(t, src)
	changed, err := sc.With(Override{Target: "staff", Value: "4000"})
	if err != nil {
		t.Fatal(err)
	}
	if in := changed.Inputs[0]; in.Dist.Value != 4000 || in.Kind != Count || in.Label != "Staff" {
		t.Errorf("staff = %+v", in)
	}
	// A second With keeps the first change, and a change to the same target replaces it.
	again, err := changed.With(Override{Target: "staff", Value: "4100"})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Overrides) != 1 || again.Overrides[0].Value != "4100" || again.Inputs[0].Dist.Value != 4100 {
		t.Errorf("overrides %+v, staff %v", again.Overrides, again.Inputs[0].Dist.Value)
	}
}

// TestWithFixedDropsCorrelation: making a correlated input fixed drops its correlation, and says so.
func TestWithFixedDropsCorrelation(t *testing.T) {
	sc := mustParse(t, valid)
	changed, err := sc.With(Override{Target: "price", Value: "700"})
	if err != nil {
		t.Fatal(err)
	}
	if len(changed.Correlations) != 0 || len(sc.Correlations) != 1 {
		t.Errorf("correlations: %v after, %v before", changed.Correlations, sc.Correlations)
	}
	if got, want := changed.Overrides[0].Note, "its rank correlation with years is dropped: a fixed value does not vary"; got != want {
		t.Errorf("note %q, want %q", got, want)
	}
}

func TestWithErrors(t *testing.T) {
	src := strings.Replace(valid, `staff = 3200`, `staff = { dist = "fixed", value = 3200, kind = "count" }`, 1)
	sc := mustParse(t, src)
	tests := []struct {
		name string
		o    Override
		want string
	}{
		{"unknown input", Override{Target: "uptak", Value: "0.2"},
			`test.toml: --set uptak: no input is named "uptak" (did you mean "uptake"?); expected one of staff, uptake, price, years, or OPTION.LINE.amount`},
		{"not TOML", Override{Target: "uptake", Value: "{ dist = pert }"},
			`test.toml: --set uptake: { dist = pert } is not a number or a distribution in TOML inline-table syntax, such as { dist = "pert", min = 0.1, mode = 0.2, max = 0.3 }`},
		{"impossible distribution", Override{Target: "uptake", Value: `{ dist = "pert", min = 0.3, mode = 0.15, max = 0.25 }`},
			`test.toml: inputs.uptake.min: min 0.3 > max 0.25 (from --set uptake={ dist = "pert", min = 0.3, mode = 0.15, max = 0.25 })`},
		{"negative count", Override{Target: "staff", Value: "-340"},
			`test.toml: inputs.staff.value: value = -340, but a count cannot be negative (kind = "count") (from --set staff=-340)`},
		{"negative cost", Override{Target: "a.devices.amount", Value: "-15000"},
			`test.toml: options[0].lines[0].amount: "-15000" of cost line "devices" is -15000 in year 0 at base values: a cost amount must not be negative (write a saving as a benefit line, or add allow_negative = true to the line if a negative amount is meant) (from --set a.devices.amount=-15000)`},
		{"unknown option", Override{Target: "c.devices.amount", Value: "1"},
			`test.toml: --set c.devices.amount: no option is named "c"; expected one of a, b`},
		{"unknown line", Override{Target: "a.device.amount", Value: "1"},
			`test.toml: --set a.device.amount: option "a" has no line named "device" (did you mean "devices"?); expected one of ["devices"]`},
		{"not an amount", Override{Target: "a.devices.years", Value: "1"},
			`test.toml: --set a.devices.years: expected OPTION.LINE.amount (the only field of a line --set changes), or an input name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sc.With(tt.o)
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
		})
	}
}

func TestParseOverride(t *testing.T) {
	o, err := ParseOverride(`uptake = { dist = "uniform", min = 0.1, max = 0.2 }`)
	if err != nil || o.Target != "uptake" || o.Value != `{ dist = "uniform", min = 0.1, max = 0.2 }` {
		t.Errorf("ParseOverride = %+v, %v", o, err)
	}
	for _, bad := range []string{"uptake", "=3", "uptake="} {
		if _, err := ParseOverride(bad); err == nil {
			t.Errorf("ParseOverride(%q): no error", bad)
		}
	}
}

func analyseJSON(t *testing.T, sc *Scenario) []byte {
	t.Helper()
	sc.Iterations = 2000
	r, err := Analyse(context.Background(), sc, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
