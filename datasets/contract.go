package datasets

import (
	"github.com/apache/arrow/go/v15/arrow"

	"github.com/psnbyod/psnbyod/datasets/resultfile"
)

// Kind is the logical type of a contract column: the column kinds of the tables psnbyod writes.
type Kind = resultfile.Kind

// Column kinds.
const (
	KindString  = resultfile.KindString
	KindInt32   = resultfile.KindInt32
	KindInt64   = resultfile.KindInt64
	KindFloat64 = resultfile.KindFloat64
	KindBool    = resultfile.KindBool
)

// Column describes one column of a contract table.
type Column struct {
	Name     string
	Kind     Kind
	Nullable bool
}

// Contract columns of each table, in the contract's order. Files may hold them in any order and
// may carry extra columns, which are ignored.
var (
	organisationColumns = []Column{
		{"org_code", KindString, false},
		{"name", KindString, false},
		{"org_type", KindString, false},
		{"region", KindString, false},
		{"population", KindInt64, false},
		{"employees", KindInt64, false},
	}
	// organisationOptionalColumns are read when present: the default dataset carries them, and the
	// nearest-neighbour model uses them.
	organisationOptionalColumns = []Column{
		{"area_km2", KindFloat64, true},
		{"deprivation_score", KindFloat64, true},
		{"nation", KindString, true},
		{"older_share", KindFloat64, true},
	}
	SurveyColumns = []Column{
		{"org_code", KindString, false},
		{"year", KindInt32, false},
		{"respondent_id", KindInt64, false},
		{"staff_group", KindString, false},
		{"uses_byod", KindBool, false},
		{"overall_satisfaction", KindInt32, false},
		{"remote_access_satisfaction", KindInt32, true},
		{"device_satisfaction", KindInt32, true},
		{"weight", KindFloat64, false},
	}
	DeviceColumns = []Column{
		{"org_code", KindString, false},
		{"year", KindInt32, false},
		{"employees", KindInt64, false},
		{"corporate_laptops", KindInt64, false},
		{"corporate_desktops", KindInt64, false},
		{"corporate_smartphones", KindInt64, false},
		{"corporate_tablets", KindInt64, false},
		{"byod_enrolled", KindInt64, false},
		{"byod_solution", KindString, false},
		{"device_spend_gbp", KindFloat64, false},
	}
	NetworkColumns = []Column{
		{"org_code", KindString, false},
		{"year", KindInt32, false},
		{"sites", KindInt64, false},
		{"network_spend_gbp", KindFloat64, false},
		{"procurement", KindString, false},
		{"psn_status", KindString, false},
		{"byod_restricted", KindBool, false},
		{"compliance_spend_gbp", KindFloat64, false},
	}
)

// Allowed values of the contract's coded columns.
var (
	orgTypes      = []string{"county", "district", "unitary", "metropolitan", "london_borough", "scottish_unitary", "welsh_unitary", "ni_district", "other"}
	byodSolutions = []string{"none", "container", "thin_client", "both"}
	procurements  = []string{"standalone", "regional_framework"}
	psnStatuses   = []string{"not_connected", "pending", "compliant", "non_compliant"}
)

// Year bounds of the contract.
const (
	MinYear = 2000
	MaxYear = 2100
)

// Schema is the Arrow schema of a table's contract columns, as the generator writes them.
func Schema(cols []Column) *arrow.Schema {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = arrow.Field{Name: c.Name, Type: c.Kind.ArrowType(), Nullable: c.Nullable}
	}
	return arrow.NewSchema(fields, nil)
}
