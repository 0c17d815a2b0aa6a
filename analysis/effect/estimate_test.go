package effect

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
)

func TestEstimateErrors(t *testing.T) {
	good := handPanel
	tests := []struct {
		Name   string
		Panel  []OrgYear
		Counts []Counts
		Opts   Options
		Err    error
	}{
		{"empty", nil, nil, Options{}, ErrNoData},
		{"only zero respondents", []OrgYear{{1, 2020, 5, 0, true}}, nil, Options{}, ErrNoData},
		{"nobody restricted", []OrgYear{{1, 2020, 5, 1, false}, {1, 2021, 5, 1, false}}, nil, Options{}, ErrNoTreated},
		{"always restricted", []OrgYear{{1, 2020, 5, 1, true}, {1, 2021, 4, 1, true}, {2, 2020, 5, 1, false},
			{2, 2021, 4, 1, false}}, nil, Options{}, ErrNoVariation},
		{"everyone switches the same year", []OrgYear{{1, 2020, 5, 1, false}, {1, 2021, 4, 1, true},
			{2, 2020, 5, 1, false}, {2, 2021, 4.5, 1, true}}, nil, Options{}, ErrNoVariation},
		{"one organisation", []OrgYear{{1, 2019, 5, 1, false}, {1, 2020, 5, 1, false}, {1, 2021, 4, 1, true}},
			nil, Options{}, ErrTooFewClusters},
		{"NaN mean", append([]OrgYear{{9, 2020, math.NaN(), 3, false}}, good...), nil, Options{}, ErrNotFinite},
		{"negative respondents", append([]OrgYear{{9, 2020, 5, -1, false}}, good...), nil, Options{}, ErrNegativeCount},
		{"duplicate", append([]OrgYear{{1, 2012, 5, 3, false}}, good...), nil, Options{}, ErrDuplicateOrgYear},
		{"negative count", good, []Counts{{Year: 2013, Restricted: [7]int64{-1}}}, Options{}, ErrNegativeCount},
		{"negative replications", good, nil, Options{Replications: -1}, ErrInvalidOptions},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			_, err := Estimate(context.Background(), tt.Panel, tt.Counts, tt.Opts)
			if !errors.Is(err, tt.Err) {
				t.Errorf("err = %v, want %v", err, tt.Err)
			}
		})
	}
}

// Errors in the input say where: the row, the organisation and the year.
func TestInputErrorLocated(t *testing.T) {
	panel := append([]OrgYear{}, handPanel...)
	panel[3].Mean = math.Inf(1)
	panel[6].Respondents = -2
	_, err := Estimate(context.Background(), panel, nil, Options{})
	var ie *InputError
	if !errors.As(err, &ie) || ie.Index != 3 || ie.Org != 2 || ie.Year != 2013 {
		t.Fatalf("err = %v; want the first located error at panel[3], org 2, 2013", err)
	}
	if !strings.Contains(err.Error(), "panel[6] (org 4, year 2012)") {
		t.Errorf("second error missing from %q", err)
	}
}

// The result marshals to the shape of out/restriction_effect.json, with no NaN or Inf anywhere.
func TestResultJSON(t *testing.T) {
	panel, counts := simulate(8, 80, 6, -0.5)
	r, err := Estimate(context.Background(), panel, counts, Options{Replications: 199, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"estimate", "std_error", "ci_low", "ci_high", "p_value", "df", "clusters",
		"observations", "bootstrap", "event_study", "per_year"} {
		if _, ok := m[k]; !ok {
			t.Errorf("missing %q", k)
		}
	}
	for _, k := range []string{"ci_low", "ci_high", "replications", "seed"} {
		if _, ok := m["bootstrap"].(map[string]any)[k]; !ok {
			t.Errorf("missing bootstrap.%q", k)
		}
	}
	for _, k := range []string{"relative_year", "estimate", "ci_low", "ci_high"} {
		if _, ok := m["event_study"].([]any)[0].(map[string]any)[k]; !ok {
			t.Errorf("missing event_study[0].%q", k)
		}
	}
	py := m["per_year"].([]any)
	if len(py) != 4 { // restriction starts in the third year: 2012–2015 have both groups
		t.Errorf("per_year has %d years, want 4", len(py))
	}
	for _, k := range []string{"year", "difference", "welch_p", "mann_whitney_p", "rank_biserial"} {
		if _, ok := py[0].(map[string]any)[k]; !ok {
			t.Errorf("missing per_year[0].%q", k)
		}
	}
}
