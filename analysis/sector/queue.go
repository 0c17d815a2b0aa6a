package sector

import (
	"math"
	"time"
)

// QueueModel is the compliance deadline as a certification queue. Time runs in weeks: week 0
// opens the window WeeksBefore weeks before the deadline, and the deadline is the end of week
// WeeksBefore−1. Each council first submits at a time drawn from Submission (weeks before the
// deadline; negative is after it); submissions join one first-in, first-out queue and are
// reviewed at up to the week's capacity; a submission failing review returns after the council's
// rework delay and queues again. A council not certified by the end of the deadline week is at
// risk of disconnection.
type QueueModel struct {
	Deadline    time.Time // the day the window closes, at the end of week WeeksBefore−1
	WeeksBefore int       // weeks in the window up to the deadline
	WeeksAfter  int       // weeks after the deadline shown in the weekly series
	// Submission is drawn for each council: weeks before the deadline at which it first submits.
	Submission Input
	// Rework is drawn for each council: weeks from a failed review to its resubmission.
	Rework Input
	// FailFirst and FailAgain are drawn per iteration: the probability that a first submission,
	// and a resubmission, fails review.
	FailFirst, FailAgain Input
	// Capacity is the reviews the Cabinet Office completes per week, drawn per iteration, from
	// the start of the window and then from each change on.
	Capacity []CapacityStep
	Search   CapacitySearch
}

// CapacityStep is the review capacity from a week on.
type CapacityStep struct {
	FromWeeksBefore int   // first week of the step, in weeks before the deadline (window start for the first)
	PerWeek         Input // reviews per week; fractions carry over (2.5 a week is 2, 3, 2, 3, …)
}

// CapacitySearch asks for the extra reviews per week that bring the expected number of councils
// at risk down to Target.
type CapacitySearch struct {
	Target float64 // expected councils at risk at most this
	// MaxExtra is the largest extra capacity (reviews per week) tried.
	MaxExtra int
	// FromWeeksBefore is when the extra reviewers start, in weeks before the deadline.
	FromWeeksBefore int
}

// weeksTotal is the number of weeks in the weekly series.
func (q *QueueModel) weeksTotal() int { return q.WeeksBefore + q.WeeksAfter }

// weekOf converts weeks before the deadline into the week index of the window.
func (q *QueueModel) weekOf(weeksBefore int) int { return q.WeeksBefore - weeksBefore }

// weekStart returns the first day of week t of the window: week WeeksBefore−1 ends on the
// deadline.
func (q *QueueModel) weekStart(t int) time.Time {
	return q.Deadline.AddDate(0, 0, -7*(q.WeeksBefore-t)+1)
}

// clamp limits x to [lo, hi].
func clamp(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }
