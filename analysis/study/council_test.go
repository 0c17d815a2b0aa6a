package study

import (
	"errors"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/datasets"
)

func TestCouncilLookup(t *testing.T) {
	r := &Result{
		Organisations: []datasets.Organisation{
			{Code: "E08000029", Name: "Solihull Metropolitan Borough Council"},
			{Code: "E08000025", Name: "Birmingham City Council"},
			{Code: "E07000083", Name: "Tewkesbury Borough Council"},
		},
		KPIs:      []benchmark.KPI{{OrgCode: "E08000025", Year: 2014}, {OrgCode: "E08000029", Year: 2014}, {OrgCode: "E08000029", Year: 2015}},
		Positions: []benchmark.Position{{OrgCode: "E08000029", Year: 2015, KPI: "satisfaction_mean"}},
		Neighbours: &benchmark.NeighbourSet{Rows: []benchmark.Neighbour{
			{OrgCode: "E08000029", NeighbourCode: "E08000025", Rank: 1}, {OrgCode: "E08000025", NeighbourCode: "E08000029", Rank: 1}}},
		FunnelPoints: []benchmark.FunnelPoint{{OrgCode: "E08000029", Year: 2015}},
	}
	for _, q := range []string{"E08000029", "e08000029", "solihull metropolitan borough council", "Solihull", " solihull "} {
		c, err := r.Council(q)
		if err != nil {
			t.Errorf("%q: %v", q, err)
			continue
		}
		if c.Organisation.Code != "E08000029" || len(c.KPIs) != 2 || c.KPIs[1].Year != 2015 || len(c.Positions) != 1 ||
			len(c.Neighbours) != 1 || c.Neighbours[0].NeighbourCode != "E08000025" || len(c.FunnelPoints) != 1 {
			t.Errorf("%q: %+v", q, c)
		}
	}
	for q, want := range map[string]string{
		"E0800029":                  "did you mean E08000029 (Solihull Metropolitan Borough Council)?",
		"Tewksbury Borough Council": "did you mean E07000083 (Tewkesbury Borough Council)?",
		"Borough":                   "is in the names of 2 organisations: E08000029 (Solihull Metropolitan Borough Council), E07000083 (Tewkesbury Borough Council); give the code",
		"Manchester":                `"Manchester" is neither an org_code nor a name of the 3 organisations`,
	} {
		_, err := r.Council(q)
		if !errors.Is(err, ErrUnknownCouncil) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", q, err, want)
		}
	}
	if r.OrgName("E07000083") != "Tewkesbury Borough Council" || r.OrgName("X") != "X" {
		t.Error("OrgName")
	}
}
