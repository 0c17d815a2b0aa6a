package contract

// Table names of the data contract (version 1).
const (
	TableOrganisations = "organisations"
	TableSurvey        = "survey_responses"
	TableDevices       = "devices"
	TableNetwork       = "network"
)

// Tables lists the contract's tables in the order they are read: organisations first, because the
// others must name organisations that exist.
var Tables = []string{TableOrganisations, TableDevices, TableNetwork, TableSurvey}

// Organisation is one row of the organisations table.
type Organisation struct {
	Code       string `json:"org_code"`
	Name       string `json:"name"`
	Type       string `json:"org_type"`
	Region     string `json:"region"`
	Population int64  `json:"population"`
	Employees  int64  `json:"employees"`
	// Optional columns the default dataset carries (zero when absent; see HasArea, HasDeprivation).
	AreaKm2          float64 `json:"area_km2,omitempty"`
	DeprivationScore float64 `json:"deprivation_score,omitempty"`
	HasArea          bool    `json:"-"`
	HasDeprivation   bool    `json:"-"`
	// Nation (England, Scotland, Wales, Northern Ireland) keeps nearest neighbours within a nation;
	// OlderShare is the share of residents aged 65 or over, an area indicator for neighbours.
	Nation        string  `json:"nation,omitempty"`
	OlderShare    float64 `json:"older_share,omitempty"`
	HasOlderShare bool    `json:"-"`
}

// DeviceYear is one row of the devices table.
type DeviceYear struct {
	Org                  int32 // index into the organisations table
	Year                 int32
	Employees            int64
	CorporateLaptops     int64
	CorporateDesktops    int64
	CorporateSmartphones int64
	CorporateTablets     int64
	BYODEnrolled         int64
	BYODSolution         string // none, container, thin_client, both
	DeviceSpendGBP       float64
}

// NetworkYear is one row of the network table.
type NetworkYear struct {
	Org                int32 // index into the organisations table
	Year               int32
	Sites              int64
	NetworkSpendGBP    float64
	Procurement        string // standalone, regional_framework
	PSNStatus          string // not_connected, pending, compliant, non_compliant
	BYODRestricted     bool
	ComplianceSpendGBP float64
}

// SmallTables are the three tables a dataset reads whole: the rows of devices and network name their
// organisation by its index in Orgs.
type SmallTables struct {
	Orgs    []Organisation
	Devices []DeviceYear
	Network []NetworkYear
}

// StaffGroup codes, in the order of the data contract.
const (
	StaffFrontline uint8 = iota
	StaffOffice
	StaffManager
	StaffICT
	StaffOther
)

// StaffGroups names the staff groups by code.
var StaffGroups = [...]string{"frontline", "office", "manager", "ict", "other"}

// SurveyBatch is a validated batch of survey responses as typed columns, all of the same length.
// Batches arrive in file order; Seq numbers them from 0 so that folds can merge partial results
// in a fixed order whatever the number of workers.
type SurveyBatch struct {
	Seq          int
	Org          []int32 // index into the organisations table
	Year         []int32
	RespondentID []int64
	StaffGroup   []uint8 // StaffFrontline ...
	UsesBYOD     []bool
	Overall      []int8 // 1..7
	Remote       []int8 // 1..7, 0 when null
	Device       []int8 // 1..7, 0 when null
	Weight       []float64
}

// Len is the number of responses in the batch.
func (b *SurveyBatch) Len() int { return len(b.Org) }
