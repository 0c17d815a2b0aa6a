// Sentinel errors of the package, so callers can tell bad input from data that cannot answer the question.

package effect

import "errors"

var (
	// ErrNoData means no org-year has a respondent.
	ErrNoData = errors.New("no org-year with respondents")
	// ErrNoTreated means no org-year is restricted.
	ErrNoTreated = errors.New("no restricted org-year")
	// ErrNoVariation means the treatment does not vary within organisations once year effects are
	// removed (for example every organisation is always, or never, restricted), so the fixed-effects
	// estimate is not identified.
	ErrNoVariation = errors.New("restriction has no variation within organisations")
	// ErrTooFewClusters means there are fewer than two organisations, or no more org-years than
	// regressors, so clustered errors are undefined.
	ErrTooFewClusters = errors.New("too few organisations or org-years for clustered errors")
	// ErrSingular means the normal equations are too ill-conditioned to solve reliably.
	ErrSingular = errors.New("regressors are numerically collinear")
	// ErrNotFinite means an org-year mean is NaN or infinite.
	ErrNotFinite = errors.New("satisfaction mean is NaN or infinite")
	// ErrNegativeCount means a respondent count is negative.
	ErrNegativeCount = errors.New("negative respondent count")
	// ErrDuplicateOrgYear means an organisation appears twice in one year.
	ErrDuplicateOrgYear = errors.New("duplicate org-year")
	// ErrInvalidOptions means Options holds a negative value.
	ErrInvalidOptions = errors.New("invalid options")
)
