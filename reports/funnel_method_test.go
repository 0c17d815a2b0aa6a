package reports

import (
	"fmt"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/study"
)

// The funnel method states how many org-years fall outside the limits drawn, and explains an excess over
// three times the 0.2% expected. 500 mean points of which 10 are outside the adjusted limits (2.00%,
// ten times 0.2%) in 4 councils, C0 and C1 in three years each; 500 share points, 1 outside (0.20%).
func TestFunnelOutside(t *testing.T) {
	var pts []benchmark.FunnelPoint
	for i := range 500 {
		p := benchmark.FunnelPoint{OrgCode: fmt.Sprintf("O%03d", i), KPI: "satisfaction_mean", Flag998: "above", AdjFlag998: "within"}
		if i < 10 {
			p.OrgCode = []string{"C0", "C0", "C0", "C1", "C1", "C1", "C2", "C3", "C3x", "C3y"}[i]
			p.AdjFlag998 = "below"
		}
		pts = append(pts, p)
		s := benchmark.FunnelPoint{OrgCode: p.OrgCode, KPI: "satisfied_share", Flag998: "within", AdjFlag998: "within"}
		if i == 0 {
			s.AdjFlag998 = "above"
		}
		pts = append(pts, s)
	}
	r := &study.Result{FunnelPoints: pts}
	got := funnelOutside(r, benchmark.AdjustAdditive)
	for _, want := range []string{
		"Outside the adjusted 99.8% limits: user satisfaction with ICT (mean, 1–7) 10 of 500 org-years (2.00%); staff satisfied (score 5–7) 1 of 500 org-years (0.20%), against 0.2% expected",
		"They belong to 6 councils, 2 of them outside in more than one year",
		"two thirds of the variance",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("additive: missing %q in %q", want, got)
		}
	}
	// Under none the unadjusted flags count (500 mean points above, 0 share points) and nothing is explained:
	// the method text already says unadjusted limits flag the ordinary spread.
	got = funnelOutside(r, benchmark.AdjustNone)
	if !strings.Contains(got, "Outside the unadjusted 99.8% limits: user satisfaction with ICT (mean, 1–7) 500 of 500 org-years (100.00%); staff satisfied (score 5–7) 0 of 500 org-years (0.00%)") ||
		strings.Contains(got, "They belong") {
		t.Errorf("none: %q", got)
	}
	// At most three times 0.2% needs no explanation.
	for i := range pts {
		if pts[i].KPI == "satisfaction_mean" && pts[i].AdjFlag998 != "within" && pts[i].OrgCode != "C0" {
			pts[i].AdjFlag998 = "within"
		}
	}
	if got = funnelOutside(r, benchmark.AdjustAdditive); strings.Contains(got, "They belong") || !strings.Contains(got, "3 of 500 org-years (0.60%)") {
		t.Errorf("0.6%%: %q", got)
	}
}
