package contract

import "fmt"

// DefaultMaxErrors is how many problems with the data validation lists before it stops looking.
const DefaultMaxErrors = 50

// SurveyScan says how to stream the survey_responses table.
type SurveyScan struct {
	// Workers parse batches in parallel; 0 means one per core. The batches reach the caller in file
	// order whatever the number, so folds are the same on any machine.
	Workers int
	// Progress, when set, is called from time to time with the work done and the total, in bytes
	// for CSV and rows for Parquet.
	Progress func(done, total int64)
	// MaxErrors is how many problems with the data are listed before the scan stops looking; 0 (or
	// less) means DefaultMaxErrors.
	MaxErrors int
	// SkipRespondentIDs leaves respondent_id out: a Parquet survey's column is not read, and its
	// uniqueness within (org_code, year) is not checked in either format; the batches' RespondentID
	// must then not be used (zero where the column was not read). For analyses that do not use the ids (benchmark), which must say so: run and
	// validate check them.
	SkipRespondentIDs bool
}

// SyntheticNote is what every output made from the default dataset says about it.
const SyntheticNote = "The survey_responses, devices and network tables of the default dataset are synthetic " +
	"(made by psnbyod generate with a fixed seed, calibrated to published sector figures); organisations " +
	"are real UK councils, with staff headcount estimated. No figure here describes a real council."

// Summary describes a valid dataset in a few numbers.
type Summary struct {
	Dataset             string            `json:"dataset"`
	Synthetic           bool              `json:"synthetic"`
	Note                string            `json:"note,omitempty"` // SyntheticNote when Synthetic
	Files               map[string]string `json:"files"`
	Rows                map[string]int64  `json:"rows"`
	Organisations       int               `json:"organisations"`
	OrganisationsByType map[string]int    `json:"organisations_by_type"`
	Years               []int32           `json:"years"`
	SurveyOrgYears      int               `json:"survey_org_years"`
	RestrictedOrgYears  int               `json:"restricted_org_years"`
}

// String prints the summary for a terminal.
func (s Summary) String() string {
	out := fmt.Sprintf("dataset %s: valid\n", s.Dataset)
	for _, t := range Tables {
		out += fmt.Sprintf("  %-17s %10d rows  (%s)\n", t, s.Rows[t], s.Files[t])
	}
	span := ""
	if n := len(s.Years); n > 0 {
		span = fmt.Sprintf("%d–%d", s.Years[0], s.Years[n-1])
	}
	out += fmt.Sprintf("  years %s; %d organisations; %d org-years with responses; %d restricted org-years\n",
		span, s.Organisations, s.SurveyOrgYears, s.RestrictedOrgYears)
	if s.Synthetic {
		out += "  note: " + s.Note + "\n"
	}
	return out
}
