package datasets

import "github.com/psnbyod/psnbyod/datasets/contract"

// The rows, scan options and summary of the data contract live in package contract, which reads
// nothing, so that analyses can take them without importing the readers. These aliases let code
// that opens a dataset name them here.
type (
	Organisation = contract.Organisation
	DeviceYear   = contract.DeviceYear
	NetworkYear  = contract.NetworkYear
	SurveyBatch  = contract.SurveyBatch
	SurveyScan   = contract.SurveyScan
	Summary      = contract.Summary
)

// Table names of the data contract and the order they are read in (see package contract).
const (
	TableOrganisations = contract.TableOrganisations
	TableSurvey        = contract.TableSurvey
	TableDevices       = contract.TableDevices
	TableNetwork       = contract.TableNetwork
)

// Tables lists the contract's tables in the order they are read.
var Tables = contract.Tables

// Staff group codes of SurveyBatch.StaffGroup (see package contract).
const (
	StaffFrontline = contract.StaffFrontline
	StaffOffice    = contract.StaffOffice
	StaffManager   = contract.StaffManager
	StaffICT       = contract.StaffICT
	StaffOther     = contract.StaffOther
)

// StaffGroups names the staff groups by code.
var StaffGroups = contract.StaffGroups

// DefaultMaxErrors is how many problems with the data validation lists before it stops looking.
const DefaultMaxErrors = contract.DefaultMaxErrors

// SyntheticNote is what every output made from the default dataset says about it.
const SyntheticNote = contract.SyntheticNote
