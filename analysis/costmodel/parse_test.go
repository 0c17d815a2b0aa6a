package costmodel

import (
	"errors"
	"strings"
	"testing"
)

// valid is a small correct scenario that the error tests break one field at a time.
const valid = `name = "test"
base_year = 2014
horizon_years = 10
discount = 0.035
iterations = 1000
baseline = "a"
[inputs]
staff = 3200
uptake = { dist = "pert", min = 0.10, mode = 0.15, max = 0.25 }
price = { dist = "triangular", min = 550, mode = 650, max = 900 }
years = { dist = "uniform", min = 3, max = 5 }
[[correlations]]
inputs = ["price", "years"]
rank = -0.3
[[options]]
name = "a"
  [[options.lines]]
  name = "devices"
  kind = "cost"
  category = "capital"
  years = "0-9"
  amount = "staff * uptake * price / years"
[[options]]
name = "b"
`

func TestParseValid(t *testing.T) {
	sc, err := Parse("valid.toml", []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(sc.Inputs); got != 4 {
		t.Errorf("%d inputs, want 4", got)
	}
	if sc.Inputs[0].Name != "staff" || sc.Inputs[3].Name != "years" {
		t.Errorf("inputs not in file order: %v, %v", sc.Inputs[0].Name, sc.Inputs[3].Name)
	}
	if got := sc.Options[0].Lines[0].Years; len(got) != 10 || got[0] != 0 || got[9] != 9 {
		t.Errorf("years = %v, want 0..9", got)
	}
	if sc.Discount.GreenBook || sc.Discount.Rate != 0.035 {
		t.Errorf("discount = %+v, want constant 0.035", sc.Discount)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name       string
		old, new   string // replace old by new in the valid scenario
		want       string // the located message expected
		wantAlsoIn string // another message expected in the same error (several collected)
		kind       error  // the kind of the problem want names, for errors.Is
	}{
		{"min above max", `uptake = { dist = "pert", min = 0.10,`, `uptake = { dist = "pert", min = 0.30,`,
			"bad.toml:9: inputs.uptake.min: min 0.3 > max 0.25", "", ErrDistribution},
		{"mode outside", `mode = 650`, `mode = 950`, "bad.toml:10: inputs.price.mode: mode 950 is outside min 550 .. max 900", "", ErrDistribution},
		{"negative sd", `staff = 3200`, `staff = { dist = "normal", mean = 60, sd = -8 }`, "bad.toml:8: inputs.staff.sd: sd -8 < 0", "", ErrDistribution},
		{"p outside 0-1", `staff = 3200`, `staff = { dist = "bernoulli", p = 1.5 }`, "bad.toml:8: inputs.staff.p: p 1.5 is outside 0..1", "", ErrDistribution},
		{"unknown input in expression", `staff * uptake * price / years`, `staff * uptak * price / years`,
			`bad.toml:22: options[0].lines[0].amount: "staff * uptak * price / years": column 9: unknown input "uptak" (did you mean "uptake"?)`, "", ErrUnknownInput},
		{"unsupported function", `staff * uptake * price / years`, `abs(staff)`,
			`bad.toml:22: options[0].lines[0].amount: "abs(staff)": column 1: function "abs" is not supported`, "", ErrExpression},
		{"syntax error", `staff * uptake * price / years`, `staff * (uptake`,
			`bad.toml:22: options[0].lines[0].amount: "staff * (uptake": syntax error`, "", ErrExpression},
		{"line with no years", `years = "0-9"`, `years = []`, `bad.toml:21: options[0].lines[0].years: the line has no years`, "", ErrInvalidValue},
		{"years past the horizon", `years = "0-9"`, `years = "0-10"`, `bad.toml:21: options[0].lines[0].years: years must be within 0..9`, "", ErrInvalidValue},
		{"not positive semi-definite", `rank = -0.3`, "rank = -0.9\n[[correlations]]\ninputs = [\"price\", \"uptake\"]\nrank = 0.9\n[[correlations]]\ninputs = [\"years\", \"uptake\"]\nrank = 0.9",
			"bad.toml:12: correlations[0]: the rank correlations among [uptake price years] are impossible together: the matrix is not positive semi-definite", "", ErrCorrelation},
		{"unknown field", `iterations = 1000`, `iteratons = 1000`, "bad.toml:5: iteratons: unknown field", "", ErrUnknownField},
		{"unknown baseline", `baseline = "a"`, `baseline = "z"`, `bad.toml:6: baseline: no option is named "z"`, "", ErrUnknownOption},
		{"several errors", `mode = 650`, `mode = 950, lambda = -1`, "bad.toml:10: inputs.price.mode: mode 950", "bad.toml:10: inputs.price.lambda: lambda must be positive", ErrDistribution},
		{"toml syntax", `name = "test"`, `name = "test`, "bad.toml:1: TOML:", "", ErrSyntax},
		{"cost without category", "  category = \"capital\"\n", "", `bad.toml:17: options[0].lines[0].category: missing`, "", ErrMissing},
		{"reserved input name", `staff = 3200`, `t = 3200`, `bad.toml:8: inputs.t: "t" is reserved`, "", ErrInvalidValue},
		{"negative amount", `amount = "staff * uptake * price / years"`, `amount = "0 - staff"`,
			`bad.toml:22: options[0].lines[0].amount: "0 - staff" of cost line "devices" is`, "", ErrNegativeAmount},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(valid, tt.old, tt.new, 1)
			if src == valid {
				t.Fatalf("test does not change the scenario")
			}
			_, err := Parse("bad.toml", []byte(src))
			if err == nil {
				t.Fatal("no error")
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error %T is not Errors", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error\n%v\ndoes not contain\n%s", err, tt.want)
			}
			if tt.wantAlsoIn != "" && !strings.Contains(err.Error(), tt.wantAlsoIn) {
				t.Errorf("error\n%v\ndoes not also contain\n%s", err, tt.wantAlsoIn)
			}
			// The problem's kind: errors.Is finds it through Errors, and the *Error that says want
			// carries it.
			if !errors.Is(err, tt.kind) {
				t.Errorf("errors.Is(err, %v) is false for\n%v", tt.kind, err)
			}
			for _, e := range es {
				if strings.Contains(e.Error(), tt.want) && e.Kind != tt.kind {
					t.Errorf("%q has kind %v, want %v", e, e.Kind, tt.kind)
				}
			}
		})
	}
}

func TestLocatorArraysOfTables(t *testing.T) {
	src := "[[options]]\nname = \"a\"\n  [[options.lines]]\n  name = \"x\"\n  [[options.lines]]\n  amount = \"1\"\n[[options]]\n  [[options.lines]]\n  years = [0]\n"
	l := newLocator(src)
	for path, want := range map[string]int{
		"options[0].name":            2,
		"options[0].lines[1].amount": 6,
		"options[1].lines[0].years":  9,
		"options[1].lines[0].kind":   8, // absent: falls back to its table
	} {
		if got := l.line(path); got != want {
			t.Errorf("line(%s) = %d, want %d", path, got, want)
		}
	}
}

func TestParseInputTableWithSource(t *testing.T) {
	sc, err := Parse("t.toml", []byte(`name = "s"
base_year = 2014
horizon_years = 2
[inputs]
a = 1
[inputs.uptake]
dist = "pert"
min = 0.10
mode = 0.15
max = 0.25
source = "seed 003"
[[options]]
name = "o"
  [[options.lines]]
  name = "l"
  kind = "benefit"
  years = 1
  amount = 5
`))
	if err != nil {
		t.Fatal(err)
	}
	in := sc.Inputs[1]
	if in.Name != "uptake" || in.Source != "seed 003" || in.Line != 6 || in.Dist.Kind != PERT || in.Dist.Mode != 0.15 {
		t.Errorf("input = %+v", in)
	}
	if l := sc.Options[0].Lines[0]; l.Amount != "5" || len(l.Years) != 1 || l.Years[0] != 1 {
		t.Errorf("line = %+v", l)
	}
}
