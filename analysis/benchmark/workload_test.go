package benchmark

import (
	"fmt"
	"math"
	"testing"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/contract"
)

func TestWorkload(t *testing.T) {
	orgs := testOrgs() // index 0 is E2, index 1 is E1
	acc := NewAccumulator(2, 2014, 2015)
	acc.Add(tinyBatch())
	b := &contract.SurveyBatch{ // E1 2014: x = 6, 7, w = 1: mean 6.5, population SD 0.5, median 6.5
		Org: []int32{1, 1}, Year: []int32{2014, 2014}, RespondentID: []int64{1, 2}, StaffGroup: make([]uint8, 2),
		UsesBYOD: []bool{false, false}, Overall: []int8{6, 7}, Remote: make([]int8, 2), Device: make([]int8, 2),
		Weight: []float64{1, 1},
	}
	acc.Add(b)
	network := []contract.NetworkYear{
		{Org: 0, Year: 2014, BYODRestricted: true},
		{Org: 1, Year: 2014, BYODRestricted: false},
	}
	rows := WorkloadOrgYears(orgs, network, acc)
	// Sorted by org_code: E1 2014, E1 2015 (no network row), E2 2014.
	if len(rows) != 3 || rows[0].OrgCode != "E1" || rows[0].Year != 2014 || rows[1].BYODRestricted != nil || rows[2].OrgCode != "E2" {
		t.Fatalf("rows %+v", rows)
	}
	r := rows[0]
	if r.N != 2 || r.SumWeight != 2 || r.MeanSatisfaction != 6.5 || r.SDSatisfaction != 0.5 || r.MedianSatisfaction != 6.5 ||
		r.ShareSatisfied != 1 || r.ShareBYOD != 0 || *r.BYODRestricted {
		t.Errorf("E1 2014 %+v", r)
	}
	// E2 2014 is the hand example of TestAccumulatorHand: mean 5.5, SD √3, median 4.5.
	if r := rows[2]; r.MeanSatisfaction != 5.5 || !near(r.SDSatisfaction, math.Sqrt(3), 1e-15) || r.MedianSatisfaction != 4.5 {
		t.Errorf("E2 2014 %+v", r)
	}
	// 2014: restricted E2 (5.5), unrestricted E1 (6.5): diff −1. E1 2015 has no restriction status.
	ys := WorkloadYears(rows)
	if len(ys) != 1 || ys[0].NRestricted != 1 || ys[0].NUnrestricted != 1 || ys[0].Diff.Value != -1 {
		t.Errorf("by year %+v", ys)
	}
}

// Example folds batches in parallel into one accumulator per batch, merges them in batch order (the rule
// that makes results independent of the number of workers) and builds the KPI rows.
func Example() {
	orgs := []datasets.Organisation{{Code: "E07000001", Type: "district", Population: 90_000, Employees: 400}}
	batch := &contract.SurveyBatch{
		Org: []int32{0, 0, 0}, Year: []int32{2014, 2014, 2014}, RespondentID: []int64{1, 2, 3},
		StaffGroup: make([]uint8, 3), UsesBYOD: []bool{true, false, false}, Overall: []int8{6, 4, 5},
		Remote: []int8{5, 0, 4}, Device: make([]int8, 3), Weight: []float64{1, 1, 2},
	}
	parts := make([]*Accumulator, 1) // in the command: one per batch, filled by workers
	parts[0] = NewAccumulator(len(orgs), 2014, 2014)
	parts[0].Add(batch)
	total := NewAccumulator(len(orgs), 2014, 2014)
	for _, p := range parts { // in batch order
		total.merge(p)
	}
	devices := []contract.DeviceYear{{Org: 0, Year: 2014, Employees: 400, BYODEnrolled: 60}}
	for _, k := range BuildKPIs(orgs, devices, nil, total) {
		fmt.Println(k.OrgCode, k.Year, k.Respondents, k.SatisfactionMean, k.SatisfiedShare, k.BYODUptake, k.NetworkSpendPerSite, k.SampleOK)
	}
	// Output:
	// E07000001 2014 3 5 0.75 0.15  false
}
