package datasets

import "github.com/psnbyod/psnbyod/datasets/contract"

// The rows, scan options and summary of the data contract live in package contract, which reads
// nothing, so that analyses can take them without importing the readers. These aliases name the
// ones that code opening a dataset passes around.
type (
	Organisation = contract.Organisation
	SurveyScan   = contract.SurveyScan
	Summary      = contract.Summary
)

// Table names of the data contract (see package contract).
const (
	TableOrganisations = contract.TableOrganisations
	TableSurvey        = contract.TableSurvey
	TableDevices       = contract.TableDevices
	TableNetwork       = contract.TableNetwork
)

// DefaultMaxErrors is how many problems with the data validation lists before it stops looking.
const DefaultMaxErrors = contract.DefaultMaxErrors
