package benchmark

import (
	"errors"
	"math"
	"testing"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/contract"
)

// handValues is the hand example: four organisations, two indicators.
//
//	x = 1, 3, 5, 7: mean 4, population SD sqrt((9+1+1+9)/4) = √5, z = (−3, −1, 1, 3)/√5
//	y = 2, 2, 6, 6: mean 4, population SD 2,                     z = (−1, −1, 1, 1)
//
// Squared distances with weights 1 and 1 (Σ_j w_j Δz_j²):
//
//	A–B: (2/√5)² + 0 = 0.8    A–C: (4/√5)² + 2² = 7.2    A–D: (6/√5)² + 2² = 11.2
//	B–C: 0.8 + 4 = 4.8        B–D: 3.2 + 4 = 7.2         C–D: 0.8
func handValues() ([]datasets.Organisation, IndicatorValues) {
	orgs := []datasets.Organisation{{Code: "D"}, {Code: "B"}, {Code: "C"}, {Code: "A"}} // input order must not matter
	x := map[string]float64{"A": 1, "B": 3, "C": 5, "D": 7}
	y := map[string]float64{"A": 2, "B": 2, "C": 6, "D": 6}
	iv := IndicatorValues{Names: []string{"x", "y", "gappy"}}
	for _, o := range orgs {
		iv.Values = append(iv.Values, []float64{x[o.Code], y[o.Code], 1})
		iv.Present = append(iv.Present, []bool{true, true, o.Code != "C"})
	}
	return orgs, iv
}

// everyone finds neighbours among all the organisations, classes and nations aside, keeping
// correlated indicators (limit 1): the plain nearest-neighbour rule the hand examples work through.
func everyone(orgs []datasets.Organisation, iv IndicatorValues, ind []Indicator, k int) (*NeighbourSet, error) {
	return FindNeighbours(orgs, iv, PeerOptions{Indicators: ind, K: k, AcrossClasses: true, AcrossNations: true, MaxCorrelation: 1})
}

func TestNeighboursHand(t *testing.T) {
	orgs, iv := handValues()
	set, err := everyone(orgs, iv, []Indicator{{"x", 1}, {"y", 1}, {"gappy", 1}}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Indicators) != 2 || len(set.Dropped) != 1 || set.Dropped[0].Name != "gappy" {
		t.Fatalf("indicators %v dropped %v", set.Indicators, set.Dropped)
	}
	// A's list: B (0.8), C (7.2), D (11.2); rebased by √11.2: √(0.8/11.2) = √(1/14), √(9/14), 1.
	// A–C contributions: x 3.2/7.2 = 4/9, y 4/7.2 = 5/9.
	want := []struct {
		code     string
		raw, reb float64
		contrib  [2]float64
	}{
		{"B", math.Sqrt(0.8), math.Sqrt(1.0 / 14), [2]float64{1, 0}},
		{"C", math.Sqrt(7.2), math.Sqrt(9.0 / 14), [2]float64{4.0 / 9, 5.0 / 9}},
		// A–D: x contributes (6/√5)² = 7.2 of 11.2 → 9/14; y 4 of 11.2 → 5/14.
		{"D", math.Sqrt(11.2), 1, [2]float64{9.0 / 14, 5.0 / 14}},
	}
	rows := set.Rows[:3]
	for i, w := range want {
		r := rows[i]
		if r.OrgCode != "A" || r.NeighbourCode != w.code || r.Rank != i+1 ||
			!near(r.RawDistance, w.raw, 1e-14) || !near(r.Distance, w.reb, 1e-14) ||
			!near(r.Contributions[0], w.contrib[0], 1e-14) || !near(r.Contributions[1], w.contrib[1], 1e-14) {
			t.Errorf("A's neighbour %d = %+v, want %+v", i+1, r, w)
		}
	}
	// B's list: A (0.8), C (4.8), D (7.2); rebased by √7.2: 1/3, √(2/3), 1.
	b := set.Rows[3:6]
	if b[0].OrgCode != "B" || b[0].NeighbourCode != "A" || !near(b[0].Distance, 1.0/3, 1e-14) ||
		b[1].NeighbourCode != "C" || !near(b[1].Distance, math.Sqrt(2.0/3), 1e-14) || b[2].Distance != 1 {
		t.Errorf("B's neighbours %+v", b)
	}
}

func TestNeighboursTiesAndK(t *testing.T) {
	orgs, iv := handValues()
	// Only x: B is 2/√5 from both A and C; the tie goes to the lower org_code, A.
	set, err := everyone(orgs, iv, []Indicator{{"x", 1}, {"y", 0}}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Rows) != 4 || set.Rows[1].OrgCode != "B" || set.Rows[1].NeighbourCode != "A" {
		t.Errorf("rows %+v", set.Rows)
	}
	if len(set.Dropped) != 1 || set.Dropped[0].Reason != "weight 0" {
		t.Errorf("dropped %+v", set.Dropped)
	}
	// k larger than the others is clamped.
	set, _ = everyone(orgs, iv, []Indicator{{"x", 1}}, defaultNeighbours)
	if len(set.Rows) != 4*3 {
		t.Errorf("k clamp: %d rows", len(set.Rows))
	}
}

func TestNeighboursErrors(t *testing.T) {
	orgs, iv := handValues()
	tests := []struct {
		name string
		ind  []Indicator
		k    int
		err  error
	}{
		{"unknown", []Indicator{{"nope", 1}}, 3, ErrUnknownIndicator},
		{"negative weight", []Indicator{{"x", -1}}, 3, ErrBadWeight},
		{"NaN weight", []Indicator{{"x", math.NaN()}}, 3, ErrBadWeight},
		{"k negative", []Indicator{{"x", 1}}, -1, ErrBadK},
		{"nothing usable", []Indicator{{"gappy", 1}}, 3, ErrNoIndicators},
	}
	for _, tt := range tests {
		if _, err := everyone(orgs, iv, tt.ind, tt.k); !errors.Is(err, tt.err) {
			t.Errorf("%s: err %v, want %v", tt.name, err, tt.err)
		}
	}
	if _, err := everyone(orgs[:1], iv, []Indicator{{"x", 1}}, 3); !errors.Is(err, ErrTooFewOrgs) {
		t.Errorf("one org: %v", err)
	}
}

func TestOrgIndicators(t *testing.T) {
	orgs := []datasets.Organisation{
		{Code: "A", Population: 1000, Employees: 10, AreaKm2: 4, HasArea: true, DeprivationScore: 20, HasDeprivation: true},
		{Code: "B", Population: 500, Employees: 5},
	}
	network := []contract.NetworkYear{
		{Org: 0, Year: 2015, Sites: 3, NetworkSpendGBP: 30},
		{Org: 0, Year: 2016, Sites: 4, NetworkSpendGBP: 40}, // latest year wins
		{Org: 0, Year: 2014, Sites: 2, NetworkSpendGBP: 20},
	}
	iv := OrgIndicators(orgs, network)
	// A: density 1000/4 = 250; latest network 2016.
	wantA := []float64{1000, 10, 250, 20, 4, 40}
	for j, w := range wantA {
		if !iv.Present[0][j] || iv.Values[0][j] != w {
			t.Errorf("A %s = %v (present %v), want %v", iv.Names[j], iv.Values[0][j], iv.Present[0][j], w)
		}
	}
	// B lacks area, deprivation and network: those indicators are dropped for everyone.
	set, err := everyone(orgs, iv, mixedIndicators, defaultNeighbours)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Indicators) != 2 || len(set.Dropped) != 4 {
		t.Errorf("used %v dropped %v", set.Indicators, set.Dropped)
	}
}
