package benchmark

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/datasets"
)

func TestFindNeighboursWithinClassAndNation(t *testing.T) {
	// Three English districts (population 100, 200, 400), two English counties, one Welsh unitary.
	// Districts, standardised within their group: mean 233.333, population SD
	// sqrt((133.333² + 33.333² + 166.667²)/3) = sqrt(15555.56) = 124.7219, so
	// |D1 − D2| = 100/124.7219 = 0.8017837, |D1 − D3| = 300/124.7219 = 2.4053512, |D2 − D3| = 1.6035675.
	// D1's list: D2 at 0.8017837/2.4053512 = 1/3, then D3 at 1. D2's: D1 (0.8017837/1.6035675 = 0.5), D3 (1).
	// The counties have only each other (distance 1); the Welsh unitary is alone in its group.
	orgs := []datasets.Organisation{
		{Code: "E07000001", Type: "district", Population: 100}, {Code: "E07000002", Type: "district", Population: 200},
		{Code: "E07000003", Type: "district", Population: 400}, {Code: "E10000001", Type: "county", Population: 700},
		{Code: "E10000002", Type: "county", Population: 800}, {Code: "W06000001", Type: "welsh_unitary", Population: 150},
	}
	iv := OrgIndicators(orgs, nil)
	set, err := FindNeighbours(orgs, iv, PeerOptions{Indicators: []Indicator{{IndicatorPopulation, 1}}, K: 15})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		org, nb string
		d       float64
	}
	want := []row{
		{"E07000001", "E07000002", 1.0 / 3}, {"E07000001", "E07000003", 1},
		{"E07000002", "E07000001", 0.5}, {"E07000002", "E07000003", 1},
		{"E07000003", "E07000002", 1.6035675 / 2.4053512}, {"E07000003", "E07000001", 1},
		{"E10000001", "E10000002", 1}, {"E10000002", "E10000001", 1},
	}
	if len(set.Rows) != len(want) {
		t.Fatalf("%d rows: %+v", len(set.Rows), set.Rows)
	}
	for i, w := range want {
		r := set.Rows[i]
		if r.OrgCode != w.org || r.NeighbourCode != w.nb || !near(r.Distance, w.d, 1e-7) {
			t.Errorf("row %d = %+v, want %+v", i, r, w)
		}
	}
	if !near(set.Rows[0].RawDistance, 0.8017837, 1e-7) {
		t.Errorf("raw %v", set.Rows[0].RawDistance)
	}
	if !reflect.DeepEqual(set.Alone, []string{"W06000001"}) {
		t.Errorf("alone %v", set.Alone)
	}
	wantGroups := []PeerGroupSize{{"district, England", 3}, {"county, England", 2}, {"single_tier, Wales", 1}}
	if !reflect.DeepEqual(set.Groups, wantGroups) {
		t.Errorf("groups %+v", set.Groups)
	}

	// Across classes and nations everyone is compared with everyone: one group, nobody alone.
	all, err := FindNeighbours(orgs, iv, PeerOptions{Indicators: []Indicator{{IndicatorPopulation, 1}}, AcrossClasses: true, AcrossNations: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Groups) != 1 || all.Groups[0].Size != len(orgs) || len(all.Alone) != 0 || len(all.Rows) != len(orgs)*min(defaultNeighbours, len(orgs)-1) {
		t.Errorf("across everything: groups %+v, alone %v, %d rows", all.Groups, all.Alone, len(all.Rows))
	}
}

func TestFindNeighboursDropsCorrelated(t *testing.T) {
	// population 1, 2, 3, 4 and employees 2, 4, 6, 9: deviations −1.5, −0.5, 0.5, 1.5 and
	// −3.25, −1.25, 0.75, 3.75; Σab = 11.5, Σa² = 5, Σb² = 26.75; r = 11.5/sqrt(133.75) = 0.99438 > 0.9,
	// so employees, listed after population, is dropped.
	orgs := []datasets.Organisation{
		{Code: "A", Type: "district", Population: 1, Employees: 2}, {Code: "B", Type: "district", Population: 2, Employees: 4},
		{Code: "C", Type: "district", Population: 3, Employees: 6}, {Code: "D", Type: "district", Population: 4, Employees: 9},
	}
	set, err := FindNeighbours(orgs, OrgIndicators(orgs, nil), PeerOptions{Indicators: []Indicator{{IndicatorPopulation, 1}, {IndicatorEmployees, 1}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Indicators) != 1 || len(set.Dropped) != 1 || set.Dropped[0].Name != IndicatorEmployees ||
		!strings.Contains(set.Dropped[0].Reason, "correlation 0.994 with population") {
		t.Errorf("indicators %+v dropped %+v", set.Indicators, set.Dropped)
	}
}

func TestNation(t *testing.T) {
	for _, c := range []struct {
		o    datasets.Organisation
		want string
	}{
		{datasets.Organisation{Code: "S12000033", Type: "scottish_unitary"}, "Scotland"},
		{datasets.Organisation{Code: "E07000001", Type: "district"}, "England"},
		{datasets.Organisation{Code: "N09000001", Type: "other"}, "Northern Ireland"},
		{datasets.Organisation{Code: "X1", Type: "district", Nation: "Wales"}, "Wales"},
		{datasets.Organisation{Code: "ORG1", Type: "district"}, ""},
	} {
		if got := nation(&c.o); got != c.want {
			t.Errorf("%+v: %q, want %q", c.o, got, c.want)
		}
	}
}

func TestPeerConfigExample(t *testing.T) {
	// The shipped example is the defaults.
	o, err := ReadPeerConfig(filepath.Join("..", "..", "datasets", "neighbours.toml"))
	if err != nil {
		t.Fatal(err)
	}
	want := PeerOptions{Indicators: areaIndicators, K: defaultNeighbours, MaxCorrelation: maxCorrelation}
	if !reflect.DeepEqual(o, want) {
		t.Errorf("%+v, want %+v", o, want)
	}
	for _, bad := range []string{"neighbors = 3\n", "[[indicator]]\nname = \"log_population\"\nwieght = 2\n", "neighbours = -1\n"} {
		if _, err := parsePeerConfig("x.toml", []byte(bad)); !errors.Is(err, ErrPeerConfig) {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if _, err := ReadPeerConfig(filepath.Join(t.TempDir(), "missing.toml")); !errors.Is(err, ErrPeerConfig) {
		t.Errorf("missing file: %v", err)
	}
	_ = os.ErrNotExist
}

func TestOrgIndicatorsLogs(t *testing.T) {
	// ln(1000) = 6.9077553, density 1000/10 = 100 → ln 100 = 4.6051702, ln 10 = 2.3025851.
	orgs := []datasets.Organisation{{Code: "A", Population: 1000, AreaKm2: 10, HasArea: true}}
	iv := OrgIndicators(orgs, nil)
	for name, want := range map[string]float64{IndicatorLogPopulation: 6.9077553, IndicatorLogDensity: 4.6051702, IndicatorLogArea: 2.3025851} {
		j := indexOf(iv.Names, name)
		if j < 0 || !iv.Present[0][j] || !near(iv.Values[0][j], want, 1e-7) {
			t.Errorf("%s: %v", name, iv.Values[0])
		}
	}
	if j := indexOf(iv.Names, IndicatorOlderShare); iv.Present[0][j] {
		t.Error("older_share present without the column")
	}
	_ = math.Pi
}

func indexOf(names []string, n string) int {
	for i, s := range names {
		if s == n {
			return i
		}
	}
	return -1
}
