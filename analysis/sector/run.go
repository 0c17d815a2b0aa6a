package sector

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/datasets/contract"
)

// Run runs a model. orgs are the organisations of the dataset, used when the model file asks for
// them (Model.FromDataset); they may be nil when the file gives counts. The result does not
// depend on opts.Workers.
func Run(ctx context.Context, m *Model, orgs []contract.Organisation, opts RunOptions) (*Result, error) {
	counts, from := m.Counts, "counts in the file"
	if m.FromDataset {
		counts, from = countTypes(orgs), "dataset"
		if len(counts) == 0 {
			return nil, fmt.Errorf("%s: the model asks for the dataset's organisations, but none were given", m.File)
		}
	}
	info := RunInfo{Title: m.Name, Description: m.Description, File: m.File, Iterations: m.Iterations, Seed: m.Seed,
		Organisations: from, ByType: counts}
	res := &Result{Name: strings.TrimSuffix(filepath.Base(m.File), filepath.Ext(m.File)), Model: m.Kind}
	switch m.Kind {
	case DeadlineQueue:
		q, err := runQueue(ctx, m, total(counts), opts)
		if err != nil {
			return nil, err
		}
		info.Inputs = summarise(m.Queue.inputs())
		info.Notes = queueNotes(m.Queue)
		q.RunInfo = info
		res.Queue = q
	case AdvisoryFunding:
		f, err := runFunding(ctx, m, counts, opts)
		if err != nil {
			return nil, err
		}
		info.Inputs = summarise(m.Funding.inputs())
		info.Notes = fundingNotes(m.Funding)
		f.RunInfo = info
		res.Funding = f
	default:
		return nil, fmt.Errorf("%s: unknown model %q", m.File, m.Kind)
	}
	return res, nil
}

func summarise(ins []Input) []costmodel.InputSummary {
	out := make([]costmodel.InputSummary, len(ins))
	for i, in := range ins {
		out[i] = in.summarise()
	}
	return out
}

func queueNotes(q *QueueModel) []string {
	return []string{
		"Weekly discrete-event simulation: submissions arrive at any time in a week and join one first-in, first-out queue; " +
			"the week's capacity of reviews is completed by the end of the week (fractions carry over, unused capacity is lost).",
		fmt.Sprintf("A council is at risk when it is not certified by the end of %s, the last day of week %d.",
			q.Deadline.Format("2 January 2006"), q.WeeksBefore-1),
		"Submission times and rework delays are drawn for each council; failure probabilities and capacities once per iteration " +
			"(uncertainty about the whole sector). Draws outside an input's possible range are clamped to it.",
		"Submission draws more than weeks_before_deadline before the deadline count as arriving in the window's first week.",
		"The capacity curve reuses each iteration's draws for every extra capacity (common random numbers), so differences " +
			"between points are not sampling noise; the least extra capacity is found on a coarse grid, then among the whole " +
			"numbers below the first grid point that meets the target.",
		"Percentiles interpolate linearly between order statistics (R type 7, Excel PERCENTILE.INC).",
	}
}

func fundingNotes(f *FundingModel) []string {
	return []string{
		"Each iteration draws every class's probability of contributing, the post cost and other costs and income; " +
			"then each asked council contributes independently with its class's probability, an amount drawn for it.",
		fmt.Sprintf("Posts funded = max(0, floor((funds − other costs) / post cost)), where post cost is the yearly cost × %g/12.", f.Months),
		"The participation curve sets every class's probability to the share, on the same draws (common random numbers).",
		"The break-even share uses expected values: share × Σ councils × mean contribution + mean other income = " +
			"posts needed × mean post cost + mean other costs.",
		"Percentiles interpolate linearly between order statistics (R type 7, Excel PERCENTILE.INC).",
	}
}
