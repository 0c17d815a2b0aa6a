package reports

import (
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/psnbyod/psnbyod/analysis/sector"
	"github.com/psnbyod/psnbyod/datasets/resultfile"
)

// sectorDir is the folder of a sector model's outputs: out/sector/NAME.
func sectorDir(out, name string) string { return filepath.Join(out, "sector", name) }

// WriteSector writes a sector model's outputs into out/sector/NAME (NAME is r.Name): summary.json
// (the result itself) and its series as CSV — for the deadline queue weeks.csv, at_risk.csv and
// capacity_curve.csv; for the funding model by_posts.csv and participation.csv. Each file is
// written atomically. It returns the paths written.
func WriteSector(out string, r *sector.Result) ([]string, error) {
	dir := sectorDir(out, r.Name)
	summary := filepath.Join(dir, "summary.json")
	if err := resultfile.WriteJSON(summary, r); err != nil {
		return nil, err
	}
	paths := []string{summary}
	var tables []csvTable
	switch {
	case r.Queue != nil:
		tables = queueTables(r.Queue)
	case r.Funding != nil:
		tables = fundingTables(r.Funding)
	default:
		return nil, fmt.Errorf("sector result %s holds no model", r.Name)
	}
	for _, t := range tables {
		p := filepath.Join(dir, t.file)
		err := resultfile.WriteCSV(p, t.header, func(emit func([]string) error) error {
			for _, row := range t.rows {
				if err := emit(row); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// csvTable is one CSV file of a sector result.
type csvTable struct {
	file   string
	header []string
	rows   [][]string
}

func num(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func optNum(x *float64) string {
	if x == nil {
		return ""
	}
	return num(*x)
}

func queueTables(q *sector.QueueResult) []csvTable {
	weeks := csvTable{file: "weeks.csv", header: []string{"week", "weeks_to_deadline", "week_start",
		"queue_mean", "queue_p10", "queue_p50", "queue_p90", "in_rework_mean", "first_submissions_mean",
		"resubmissions_mean", "reviews_mean", "failed_reviews_mean", "certified_mean", "uncertified_mean", "wait_mean_weeks"}}
	for _, w := range q.Weeks {
		weeks.rows = append(weeks.rows, []string{strconv.Itoa(w.Week), strconv.Itoa(w.WeeksToDeadline), w.WeekStart,
			num(w.QueueMean), num(w.QueueP10), num(w.QueueP50), num(w.QueueP90), num(w.InReworkMean), num(w.ArrivalsMean),
			num(w.ResubmissionsMean), num(w.ReviewsMean), num(w.FailedMean), num(w.CertifiedMean), num(w.UncertifiedMean),
			optNum(w.WaitMean)})
	}
	atRisk := csvTable{file: "at_risk.csv", header: []string{"at_risk", "iterations", "probability"}}
	for _, b := range q.AtRisk.Histogram {
		atRisk.rows = append(atRisk.rows, []string{strconv.Itoa(b.Value), strconv.FormatInt(b.Iterations, 10), num(b.Probability)})
	}
	curve := csvTable{file: "capacity_curve.csv", header: []string{"extra_per_week", "deadline_week_capacity_mean",
		"expected_at_risk", "p90_at_risk", "prob_none"}}
	for _, p := range q.Capacity.Curve {
		curve.rows = append(curve.rows, []string{strconv.Itoa(p.Extra), num(p.DeadlineWeekCapacity), num(p.ExpectedAtRisk),
			num(p.P90AtRisk), num(p.ProbNone)})
	}
	return []csvTable{weeks, atRisk, curve}
}

func fundingTables(f *sector.FundingResult) []csvTable {
	posts := csvTable{file: "by_posts.csv", header: []string{"posts", "cost_mean", "probability"}}
	for _, p := range f.ByPosts {
		posts.rows = append(posts.rows, []string{strconv.Itoa(p.Posts), num(p.CostMean), num(p.Probability)})
	}
	part := csvTable{file: "participation.csv", header: []string{"share", "contributors_mean", "funds_mean",
		"expected_posts", "prob_posts_needed"}}
	for _, p := range f.Participation {
		part.rows = append(part.rows, []string{num(p.Share), num(p.Contributors), num(p.FundsMean), num(p.ExpectedPosts),
			num(p.ProbPostsNeeded)})
	}
	return []csvTable{posts, part}
}
