// The result of the analysis: plain types with JSON tags that marshal to out/restriction_effect.json.
// No field is ever NaN or infinite; values a method cannot supply are omitted.

package effect

// Result is what BYOD restrictions did to org-year satisfaction_mean.
type Result struct {
	// Estimate is the two-way fixed-effects difference-in-differences coefficient on byod_restricted,
	// in points of the 1–7 scale.
	Estimate float64 `json:"estimate"`
	// StdError is the organisation-clustered standard error with the small-sample factor
	// G/(G−1)·(N−1)/(N−K), as Stata's xtreg, fe vce(cluster org) reports.
	StdError float64 `json:"std_error"`
	// T is Estimate/StdError; omitted if the standard error is zero.
	T *float64 `json:"t,omitempty"`
	// CILow and CIHigh bound the 95% interval from Student's t with DF degrees of freedom.
	CILow  float64 `json:"ci_low"`
	CIHigh float64 `json:"ci_high"`
	// PValue is the two-sided p-value of a zero effect.
	PValue float64 `json:"p_value"`
	// DF is G − 1.
	DF int `json:"df"`
	// Clusters is G, the number of organisations, singletons included.
	Clusters int `json:"clusters"`
	// Observations is N, the number of org-years with at least one respondent.
	Observations int `json:"observations"`
	// Parameters is K: the constant, the treatment and the year dummies not omitted (T + 1 in
	// general); the absorbed organisation effects are not counted.
	Parameters int `json:"parameters"`
	// TreatedClusters counts organisations restricted in at least one year; TreatedObservations the
	// restricted org-years.
	TreatedClusters     int `json:"treated_clusters"`
	TreatedObservations int `json:"treated_observations"`
	// SingletonClusters counts organisations with a single org-year: they add nothing to the estimate
	// but count in N and G, as in xtreg.
	SingletonClusters int `json:"singleton_clusters"`
	// DroppedNoRespondents counts org-years dropped for having no respondents.
	DroppedNoRespondents int `json:"dropped_no_respondents"`
	// Years are the survey years in the sample; OmittedYears those whose dummy was collinear (seen
	// only in singleton organisations).
	Years        []int32 `json:"years"`
	OmittedYears []int32 `json:"omitted_years,omitempty"`
	// Bootstrap is the cluster bootstrap of Estimate.
	Bootstrap Bootstrap `json:"bootstrap"`
	// EventStudy has the effects by year relative to the first restricted year, including the
	// reference year −1 at zero, in increasing relative year.
	EventStudy []EventEffect `json:"event_study"`
	// EventStudyOmitted lists relative years whose dummies were collinear and so have no estimate.
	EventStudyOmitted []int32 `json:"event_study_omitted,omitempty"`
	// EventStudyParameters is K of the event study regression.
	EventStudyParameters int `json:"event_study_parameters"`
	// PerYear compares restricted and unrestricted org-years in each year that has both.
	PerYear []YearComparison `json:"per_year"`
	// Staggered is the Callaway–Sant'Anna estimate, robust to staggered timing and to effects that
	// vary by cohort and over time; omitted when no cohort can be compared with controls.
	Staggered *Staggered `json:"staggered,omitempty"`
	// Imputation is the Borusyak–Jaravel–Spiess imputation estimate on the same councils, a cross-check
	// of Staggered under a stronger parallel-trends assumption.
	Imputation *Imputation `json:"imputation,omitempty"`
	// Pretrend is the joint Wald test of the staggered estimator's pre-period effects.
	Pretrend *Pretrend `json:"pretrend,omitempty"`
	// Sensitivity is the relative-magnitudes breakdown value of the on-impact effect.
	Sensitivity *Sensitivity `json:"sensitivity,omitempty"`
	// WildBootstrap is the wild cluster bootstrap (Webb weights) of Estimate, run when fewer than
	// WildBootstrapMaxTreated councils are restricted.
	WildBootstrap *WildBootstrap `json:"wild_bootstrap,omitempty"`
	// Reversal is the effect of lifting a restriction (switchers out against stayers); omitted when no
	// council lifts one.
	Reversal *Reversal `json:"reversal,omitempty"`
	// Bacon is the Goodman-Bacon decomposition of the static TWFE estimate on the balanced panel.
	Bacon *Bacon `json:"bacon,omitempty"`
}

// Bootstrap is the percentile interval of the cluster bootstrap: organisations resampled with
// replacement and the difference-in-differences re-estimated.
type Bootstrap struct {
	// CILow and CIHigh are the 2.5% and 97.5% percentiles of the valid replications (the ⌈p·B⌉-th
	// smallest estimate); omitted if no replication was valid.
	CILow  *float64 `json:"ci_low,omitempty"`
	CIHigh *float64 `json:"ci_high,omitempty"`
	// StdError is the standard deviation of the valid replications' estimates.
	StdError *float64 `json:"std_error,omitempty"`
	// Replications is the number requested.
	Replications int `json:"replications"`
	// Valid counts replications that estimated the effect; Dropped those in which the drawn
	// organisations gave the restriction no within variation (Valid + Dropped = Replications).
	Valid   int `json:"valid"`
	Dropped int `json:"dropped"`
	// Seed reproduces the replications.
	Seed uint64 `json:"seed"`
}
