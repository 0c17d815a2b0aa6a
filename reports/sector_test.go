package reports

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/psnbyod/psnbyod/analysis/sector"
)

// TestWriteSectorQueue: the files appear with one row per week, bin and curve point, and
// summary.json round-trips.
func TestWriteSectorQueue(t *testing.T) {
	wait := 1.5
	r := &sector.Result{Name: "q", Model: sector.DeadlineQueue, Queue: &sector.QueueResult{
		Weeks: []sector.WeekPoint{{Week: 0, WeeksToDeadline: 2, WeekStart: "2014-03-18", QueueMean: 1.25, WaitMean: &wait},
			{Week: 1, WeeksToDeadline: 1, WeekStart: "2014-03-25"}},
		AtRisk:   sector.AtRiskSummary{Histogram: []sector.HistogramBin{{Value: 0, Iterations: 3, Probability: 0.75}, {Value: 1, Iterations: 1, Probability: 0.25}}},
		Capacity: sector.CapacityResult{Curve: []sector.CapacityPoint{{Extra: 0, ExpectedAtRisk: 0.25}}},
	}}
	out := t.TempDir()
	paths, err := WriteSector(out, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 4 {
		t.Fatalf("wrote %v", paths)
	}
	rows := readSectorCSV(t, filepath.Join(out, "sector", "q", "weeks.csv"))
	if len(rows) != 3 || rows[1][3] != "1.25" || rows[1][14] != "1.5" || rows[2][14] != "" {
		t.Errorf("weeks.csv: %v", rows)
	}
	if rows := readSectorCSV(t, filepath.Join(out, "sector", "q", "at_risk.csv")); len(rows) != 3 || rows[2][2] != "0.25" {
		t.Errorf("at_risk.csv: %v", rows)
	}
	if rows := readSectorCSV(t, filepath.Join(out, "sector", "q", "capacity_curve.csv")); len(rows) != 2 {
		t.Errorf("capacity_curve.csv: %v", rows)
	}
	var back sector.Result
	data, err := os.ReadFile(filepath.Join(out, "sector", "q", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &back); err != nil || back.Queue == nil || len(back.Queue.Weeks) != 2 {
		t.Errorf("summary.json: %v", err)
	}
}

// TestWriteSectorFunding writes the funding tables.
func TestWriteSectorFunding(t *testing.T) {
	r := &sector.Result{Name: "f", Model: sector.AdvisoryFunding, Funding: &sector.FundingResult{
		ByPosts:       []sector.PostsPoint{{Posts: 1, CostMean: 50000, Probability: 0.9}},
		Participation: []sector.ParticipationPoint{{Share: 0.5, FundsMean: 200000}},
	}}
	out := t.TempDir()
	if _, err := WriteSector(out, r); err != nil {
		t.Fatal(err)
	}
	if rows := readSectorCSV(t, filepath.Join(out, "sector", "f", "by_posts.csv")); len(rows) != 2 || rows[1][2] != "0.9" {
		t.Errorf("by_posts.csv: %v", rows)
	}
	if rows := readSectorCSV(t, filepath.Join(out, "sector", "f", "participation.csv")); len(rows) != 2 || rows[1][2] != "200000" {
		t.Errorf("participation.csv: %v", rows)
	}
}

func readSectorCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
