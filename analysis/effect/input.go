// The typed inputs of the analysis and their validation: the org-year panel, the per-year respondent
// score histograms and the options.

package effect

import (
	"errors"
	"fmt"
	"math"
)

// OrgYear is one organisation in one survey year: the panel row of the difference-in-differences.
type OrgYear struct {
	// Org identifies the organisation (an index or an id); it is the cluster.
	Org int32
	// Year is the survey year.
	Year int32
	// Mean is the org-year satisfaction_mean (mean overall_satisfaction on the 1–7 scale).
	Mean float64
	// Respondents is the number of survey responses behind Mean; rows with zero are dropped.
	Respondents int64
	// Restricted is byod_restricted: BYOD was restricted for PSN compliance in this org-year.
	Restricted bool
}

// Scores is the number of points on the overall_satisfaction scale (1 poor … 7 excellent).
const Scores = 7

// Counts is the respondent-level overall_satisfaction of one year as two histograms: Restricted[s-1]
// respondents in restricted org-years and Unrestricted[s-1] in unrestricted ones gave score s. That is
// all the Mann–Whitney test needs, exactly. Several entries for one year are added together.
type Counts struct {
	// Year is the survey year.
	Year int32
	// Restricted counts respondents of restricted org-years by score 1..7.
	Restricted [Scores]int64
	// Unrestricted counts respondents of unrestricted org-years by score 1..7.
	Unrestricted [Scores]int64
}

// DefaultReplications is the number of bootstrap replications used when Options.Replications is 0.
// With 1999 the 2.5% and 97.5% percentiles fall exactly on the 50th and 1950th ordered estimates.
const DefaultReplications = 1999

// Options controls the cluster bootstrap and the event study.
type Options struct {
	// Replications is the number of bootstrap replications; 0 means DefaultReplications.
	Replications int
	// Seed seeds the bootstrap; the same seed gives the same interval on any machine.
	Seed uint64
	// Workers is the number of goroutines; 0 means GOMAXPROCS. It never changes the result.
	Workers int
	// EventMinOrganisations is the fewest organisations the farthest lead or lag of the event study
	// may rest on before it is binned with its neighbour; 0 means 5 and 1
	// turns binning off.
	EventMinOrganisations int
	// Control is the control group of the staggered (Callaway–Sant'Anna) estimator; the zero value is
	// not-yet-restricted councils.
	Control ControlGroup
	// BandDraws is the number of multiplier-bootstrap draws for the simultaneous event-time band; 0
	// means 999.
	BandDraws int
}

// InputError locates one invalid panel row or histogram.
type InputError struct {
	// What is "panel" or "counts"; Index is the position of the row in that slice.
	What  string
	Index int
	// Org and Year identify the row (Org is 0 for counts).
	Org, Year int32
	// Err is the sentinel error saying what is wrong.
	Err error
}

// Error says which row is wrong and why.
func (e *InputError) Error() string {
	if e.What == "counts" {
		return fmt.Sprintf("effect: counts[%d] (year %d): %v", e.Index, e.Year, e.Err)
	}
	return fmt.Sprintf("effect: panel[%d] (org %d, year %d): %v", e.Index, e.Org, e.Year, e.Err)
}

// Unwrap returns the sentinel error, for errors.Is.
func (e *InputError) Unwrap() error { return e.Err }

// maxInputErrors caps how many located errors are reported at once: enough to show a pattern.
const maxInputErrors = 10

// validate reports up to maxInputErrors located problems in the inputs, joined.
func validate(panel []OrgYear, counts []Counts) error {
	var errs []error
	report := func(e *InputError) bool {
		errs = append(errs, e)
		return len(errs) < maxInputErrors
	}
	seen := make(map[[2]int32]int, len(panel))
	for i, r := range panel {
		var err error
		switch {
		case r.Respondents < 0:
			err = ErrNegativeCount
		case r.Respondents > 0 && (math.IsNaN(r.Mean) || math.IsInf(r.Mean, 0)):
			err = ErrNotFinite
		}
		if err == nil {
			k := [2]int32{r.Org, r.Year}
			if j, dup := seen[k]; dup {
				err = fmt.Errorf("%w (first at panel[%d])", ErrDuplicateOrgYear, j)
			} else {
				seen[k] = i
			}
		}
		if err != nil && !report(&InputError{What: "panel", Index: i, Org: r.Org, Year: r.Year, Err: err}) {
			return errors.Join(errs...)
		}
	}
	for i, c := range counts {
		for s := range Scores {
			if c.Restricted[s] < 0 || c.Unrestricted[s] < 0 {
				if !report(&InputError{What: "counts", Index: i, Year: c.Year, Err: ErrNegativeCount}) {
					return errors.Join(errs...)
				}
				break
			}
		}
	}
	return errors.Join(errs...)
}

// resolve fills the defaults of o and checks it.
func (o Options) resolve(workers int) (Options, error) {
	if o.Replications < 0 {
		return o, fmt.Errorf("%w: %d replications", ErrInvalidOptions, o.Replications)
	}
	if o.Workers < 0 {
		return o, fmt.Errorf("%w: %d workers", ErrInvalidOptions, o.Workers)
	}
	if o.EventMinOrganisations < 0 {
		return o, fmt.Errorf("%w: event study minimum of %d organisations", ErrInvalidOptions, o.EventMinOrganisations)
	}
	if o.BandDraws < 0 {
		return o, fmt.Errorf("%w: %d band draws", ErrInvalidOptions, o.BandDraws)
	}
	if o.Control != ControlNotYetTreated && o.Control != ControlNeverTreated {
		return o, fmt.Errorf("%w: control group %d", ErrInvalidOptions, o.Control)
	}
	if o.BandDraws == 0 {
		o.BandDraws = defaultBandDraws
	}
	if o.EventMinOrganisations == 0 {
		o.EventMinOrganisations = defaultEventMinOrganisations
	}
	if o.Replications == 0 {
		o.Replications = DefaultReplications
	}
	if o.Workers == 0 {
		o.Workers = workers
	}
	return o, nil
}
