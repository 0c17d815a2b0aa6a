package sector

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
)

const smallQueue = `model = "deadline_queue"
name = "small"
seed = 11
iterations = 1500
deadline = 2014-03-31
weeks_before_deadline = 10
weeks_after_deadline = 4
[organisations]
from = "counts"
counts = { district = 30, county = 10 }
[inputs]
submission_weeks_before_deadline = { dist = "pert", min = 1, mode = 3, max = 10 }
fail_first_review = { dist = "uniform", min = 0.2, max = 0.4 }
rework_weeks = { dist = "triangular", min = 0.2, mode = 0.5, max = 1.5 }
capacity_per_week = { dist = "uniform", min = 3, max = 6 }
[[capacity_change]]
weeks_before_deadline = 3
capacity_per_week = { dist = "uniform", min = 5, max = 8 }
[capacity_search]
target_at_risk = 2
max_extra_per_week = 20
`

// TestQueueWorkersIdentical: results are the same for any number of workers.
func TestQueueWorkersIdentical(t *testing.T) {
	var want string
	for _, w := range []int{1, 2, 3, 8} {
		b, err := json.Marshal(runText(t, smallQueue, RunOptions{Workers: w}))
		if err != nil {
			t.Fatal(err)
		}
		if want == "" {
			want = string(b)
		} else if string(b) != want {
			t.Fatalf("%d workers give a different result", w)
		}
	}
}

// TestQueueCapacityCurve: on common random numbers more capacity never leaves more councils at
// risk, the required extra is the least curve point meeting the target, and the curve's first
// point is the at-risk distribution as written.
func TestQueueCapacityCurve(t *testing.T) {
	q := runText(t, smallQueue, RunOptions{}).Queue
	c := q.Capacity
	if c.Curve[0].Extra != 0 || c.Curve[0].ExpectedAtRisk != q.AtRisk.Mean {
		t.Errorf("curve starts %+v, at risk mean %g", c.Curve[0], q.AtRisk.Mean)
	}
	for i := 1; i < len(c.Curve); i++ {
		if c.Curve[i].Extra <= c.Curve[i-1].Extra || c.Curve[i].ExpectedAtRisk > c.Curve[i-1].ExpectedAtRisk {
			t.Errorf("curve not monotone at %+v after %+v", c.Curve[i], c.Curve[i-1])
		}
	}
	if c.RequiredExtra == nil {
		t.Fatalf("target not reached: %s %+v", c.Note, c.Curve)
	}
	for _, p := range c.Curve {
		if meets := p.ExpectedAtRisk <= c.Target; meets != (p.Extra >= *c.RequiredExtra) {
			t.Errorf("point %+v vs required %d", p, *c.RequiredExtra)
		}
	}
	// The required extra is found to the whole review: the point below it is on the curve.
	if r := *c.RequiredExtra; r > 0 {
		found := false
		for _, p := range c.Curve {
			found = found || p.Extra == r-1
		}
		if !found {
			t.Errorf("required %d but %d not evaluated", r, r-1)
		}
	}
}

// TestQueueSeriesConsistent: the weekly series add up — everyone is certified in the end, first
// submissions total the councils, and at the deadline week the uncertified mean is the at-risk
// mean.
func TestQueueSeriesConsistent(t *testing.T) {
	q := runText(t, smallQueue, RunOptions{}).Queue
	var arrivals float64
	for _, w := range q.Weeks {
		arrivals += w.ArrivalsMean
		if w.QueueP10 > w.QueueP50 || w.QueueP50 > w.QueueP90 {
			t.Errorf("week %d: queue percentiles out of order", w.Week)
		}
	}
	if d := arrivals - float64(q.Councils); d > 1e-9 || d < -1e-9 {
		t.Errorf("first submissions total %g, want %d", arrivals, q.Councils)
	}
	dw := q.Weeks[q.WeeksBeforeDeadline-1]
	if d := dw.UncertifiedMean - q.AtRisk.Mean; d > 1e-9 || d < -1e-9 {
		t.Errorf("uncertified at the deadline week %g, at risk %g", dw.UncertifiedMean, q.AtRisk.Mean)
	}
	if dw.WeekStart != "2014-03-25" || dw.WeeksToDeadline != 1 {
		t.Errorf("deadline week starts %s (%d to go), want 2014-03-25 (1)", dw.WeekStart, dw.WeeksToDeadline)
	}
	var n int64
	for _, b := range q.AtRisk.Histogram {
		n += b.Iterations
	}
	if n != int64(q.Iterations) {
		t.Errorf("histogram holds %d iterations, want %d", n, q.Iterations)
	}
}

// TestParseErrorsLocated: problems name the file, line and field, all of them at once.
func TestParseErrorsLocated(t *testing.T) {
	text := `model = "deadline_queue"
name = "bad"
deadline = 2014-03-31
weeks_before_deadline = 10
[inputs]
submission_weeks_before_deadline = { dist = "pert", min = 0, mode = 12, max = 10 }
fail_first_review = { dist = "uniform", min = 0.2, max = 1.4 }
capacity_per_week = 5
colour = 3
`
	_, err := Parse("bad.toml", []byte(text))
	var errs costmodel.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error %v is not costmodel.Errors", err)
	}
	for _, want := range []string{
		"bad.toml:6: inputs.submission_weeks_before_deadline.mode",
		"bad.toml:7: inputs.fail_first_review",
		"bad.toml:9: inputs.colour: unknown field",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors do not contain %q:\n%v", want, err)
		}
	}
}
