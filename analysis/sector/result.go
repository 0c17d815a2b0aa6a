package sector

import "github.com/psnbyod/psnbyod/analysis/costmodel"

// Result is one model run, ready to be written as summary.json: exactly one of Queue and Funding
// is set. No figure is NaN or infinite; undefined figures are null.
type Result struct {
	Name    string         `json:"name"` // the model file's stem: outputs go to out/sector/NAME
	Model   Kind           `json:"model"`
	Queue   *QueueResult   `json:"deadline_queue,omitempty"`
	Funding *FundingResult `json:"advisory_funding,omitempty"`
}

// RunInfo identifies a run: the model as written and the Monte Carlo settings.
type RunInfo struct {
	Title         string                   `json:"title"`
	Description   string                   `json:"description,omitempty"`
	File          string                   `json:"file"`
	Iterations    int                      `json:"iterations"`
	Seed          uint64                   `json:"seed"`
	Organisations string                   `json:"organisations"` // "dataset" or "counts in the file"
	ByType        []TypeCount              `json:"organisations_by_type"`
	Inputs        []costmodel.InputSummary `json:"inputs"`
	Notes         []string                 `json:"notes"`
}

// Spread describes a Monte Carlo distribution. Percentiles interpolate linearly between order
// statistics (R type 7, Excel's PERCENTILE.INC).
type Spread struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	P10  float64 `json:"p10"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
}

// QueueResult is the deadline queue's outcome.
type QueueResult struct {
	RunInfo
	Deadline            string `json:"deadline"` // YYYY-MM-DD, the last day of week weeks_before_deadline−1
	WeeksBeforeDeadline int    `json:"weeks_before_deadline"`
	WeeksAfterDeadline  int    `json:"weeks_after_deadline"`
	Councils            int    `json:"councils"`
	// AtRisk is the number of councils not certified by the deadline.
	AtRisk AtRiskSummary `json:"at_risk"`
	// FirstReviewFailures is the number of first submissions failing review (mean per iteration).
	FirstReviewFailures float64 `json:"first_review_failures_mean"`
	// Weeks is the weekly series, from the window's first week to weeks_after_deadline after.
	Weeks    []WeekPoint    `json:"weeks"`
	Capacity CapacityResult `json:"capacity"`
	// Censored is the number of submissions, over all iterations, still unreviewed when the
	// simulation stopped (520 weeks after the series): their waits are left out.
	Censored int64 `json:"censored_submissions"`
}

// AtRiskSummary is the distribution of the number of councils not certified by the deadline.
type AtRiskSummary struct {
	Spread
	ProbNone  float64        `json:"prob_none"` // share of iterations in which every council is certified in time
	Histogram []HistogramBin `json:"histogram"` // every count from 0 to the largest seen
}

// HistogramBin is how often an outcome occurred.
type HistogramBin struct {
	Value       int     `json:"value"`
	Iterations  int64   `json:"iterations"`
	Probability float64 `json:"probability"`
}

// WeekPoint is one week of the queue's series. Queue figures are at the end of the week.
type WeekPoint struct {
	Week            int    `json:"week"`              // 0 is the first week of the window
	WeeksToDeadline int    `json:"weeks_to_deadline"` // 1 in the deadline week, 0 and below after it
	WeekStart       string `json:"week_start"`        // first day, YYYY-MM-DD
	// Queue is the number of submissions waiting for review at the end of the week.
	QueueMean float64 `json:"queue_mean"`
	QueueP10  float64 `json:"queue_p10"`
	QueueP50  float64 `json:"queue_p50"`
	QueueP90  float64 `json:"queue_p90"`
	// InReworkMean is the councils fixing a failed submission at the end of the week.
	InReworkMean      float64 `json:"in_rework_mean"`
	ArrivalsMean      float64 `json:"first_submissions_mean"`
	ResubmissionsMean float64 `json:"resubmissions_mean"`
	ReviewsMean       float64 `json:"reviews_mean"`
	FailedMean        float64 `json:"failed_reviews_mean"`
	CertifiedMean     float64 `json:"certified_mean"`   // cumulative, by the end of the week
	UncertifiedMean   float64 `json:"uncertified_mean"` // councils − certified
	// WaitMean is the mean wait, in whole weeks from the week a submission arrives to the week it
	// is reviewed (0: reviewed the week it arrived), over all submissions arriving this week in
	// all iterations; null when none arrived.
	WaitMean *float64 `json:"wait_mean_weeks"`
}

// CapacityResult is the search for the extra review capacity that brings the expected number of
// councils at risk to the target, with the curve it searched along.
type CapacityResult struct {
	Target float64 `json:"target_at_risk"`
	// ExtraFromWeeksBeforeDeadline is when the extra reviewers start.
	ExtraFromWeeksBeforeDeadline int `json:"extra_from_weeks_before_deadline"`
	MaxExtra                     int `json:"max_extra_per_week"`
	// RequiredExtra is the least whole number of extra reviews per week meeting the target; null
	// when even max_extra_per_week does not.
	RequiredExtra *int `json:"required_extra_per_week"`
	// Curve is expected councils at risk against extra capacity, on common random numbers, in
	// ascending order of extra capacity.
	Curve []CapacityPoint `json:"curve"`
	Note  string          `json:"note"`
}

// CapacityPoint is the at-risk distribution with a given extra capacity.
type CapacityPoint struct {
	Extra int `json:"extra_per_week"`
	// DeadlineWeekCapacity is the mean capacity in the deadline week, extra included.
	DeadlineWeekCapacity float64 `json:"deadline_week_capacity_mean"`
	ExpectedAtRisk       float64 `json:"expected_at_risk"`
	P90AtRisk            float64 `json:"p90_at_risk"`
	ProbNone             float64 `json:"prob_none"`
}

// FundingResult is the advisory group's funding outcome.
type FundingResult struct {
	RunInfo
	Months      float64       `json:"months"`
	PostsNeeded int           `json:"posts_needed"`
	Classes     []ClassResult `json:"classes"`
	// Excluded are organisation types that are asked for nothing.
	Excluded []TypeCount `json:"excluded"`
	// Funds is council contributions plus other income; Contributors is the number of councils
	// contributing; PostCost is one post's cost for the period (months/12 of the yearly cost).
	Funds        Spread `json:"funds"`
	Contributors Spread `json:"contributors"`
	PostCost     Spread `json:"post_cost"`
	OtherCosts   Spread `json:"other_costs"`
	// ExpectedPosts is E[max(0, ⌊(funds − other costs)/post cost⌋)].
	ExpectedPosts float64 `json:"expected_posts"`
	// ProbPostsNeeded is P(funds − other costs ≥ posts_needed × post cost).
	ProbPostsNeeded float64 `json:"prob_posts_needed"`
	// ByPosts is P(funds cover N posts) for N = 1..max_posts.
	ByPosts []PostsPoint `json:"by_posts"`
	// Participation sets every class's probability of contributing to a share, amounts and
	// costs still uncertain, on common random numbers.
	Participation []ParticipationPoint `json:"participation"`
	// BreakEvenShare is the share of asked councils that must contribute for expected funds to
	// meet the expected cost of posts_needed posts; null if above 1 (not reachable).
	BreakEvenShare        *float64 `json:"break_even_share"`
	BreakEvenContributors *float64 `json:"break_even_contributors"`
}

// ClassResult is one contribution band.
type ClassResult struct {
	Name                 string   `json:"name"`
	Types                []string `json:"org_types"`
	Councils             int      `json:"councils"`
	ContributionMean     float64  `json:"contribution_mean"`
	ProbabilityMean      float64  `json:"probability_mean"`
	ExpectedContributors float64  `json:"expected_contributors"`
	ExpectedFunds        float64  `json:"expected_funds"`
}

// PostsPoint is the chance that funding covers N posts for the period.
type PostsPoint struct {
	Posts       int     `json:"posts"`
	CostMean    float64 `json:"cost_mean"` // N × post cost + other costs, mean
	Probability float64 `json:"probability"`
}

// ParticipationPoint is the outcome when each asked council contributes with probability Share.
type ParticipationPoint struct {
	Share           float64 `json:"share"`
	Contributors    float64 `json:"contributors_mean"`
	FundsMean       float64 `json:"funds_mean"`
	ExpectedPosts   float64 `json:"expected_posts"`
	ProbPostsNeeded float64 `json:"prob_posts_needed"`
}
