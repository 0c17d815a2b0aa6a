package sector

import (
	"context"
	"testing"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/scenarios"
)

func defaultOrgs(t testing.TB) []datasets.Organisation {
	t.Helper()
	orgs, err := datasets.ReadOrganisations(datasets.Default(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return orgs
}

func runReady(t *testing.T, name string, iterations int) *Result {
	t.Helper()
	data, err := scenarios.Sector.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	if iterations > 0 {
		m.Iterations = iterations
	}
	r, err := Run(context.Background(), m, defaultOrgs(t), RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestReadyDeadlineCalibrated: the ready deadline model is calibrated to the press reports that
// about 20 of 588 councils missed the April 2014 deadline (domain.md): 3.4%, about 15 of the 433
// councils of the default dataset. The expected number at risk must be in that region.
func TestReadyDeadlineCalibrated(t *testing.T) {
	r := runReady(t, "psn_deadline_2014.toml", 0)
	q := r.Queue
	want := 20.0 / 588 * float64(q.Councils)
	t.Logf("councils %d, at risk mean %.2f (P10 %g, P50 %g, P90 %g), reported rate gives %.1f; capacity: %s",
		q.Councils, q.AtRisk.Mean, q.AtRisk.P10, q.AtRisk.P50, q.AtRisk.P90, want, q.Capacity.Note)
	for _, p := range q.Capacity.Curve {
		t.Logf("  extra %3d: E[at risk] %.2f P90 %g", p.Extra, p.ExpectedAtRisk, p.P90AtRisk)
	}
	if q.AtRisk.Mean < want*0.6 || q.AtRisk.Mean > want*1.5 {
		t.Errorf("expected councils at risk %.2f, want near %.1f", q.AtRisk.Mean, want)
	}
}
