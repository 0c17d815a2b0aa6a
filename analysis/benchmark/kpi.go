package benchmark

import (
	"cmp"
	"slices"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// MinRespondents is the sector's rule for a valid satisfaction result: Socitm KPI 1 needs at least 100
// responses per organisation.
const MinRespondents = 100

// KPI is one organisation's figures for one year: the survey fold joined with its devices and network
// rows. Survey figures are empty when the org-year has no respondents; ratios are empty when their
// denominator is 0 or their row is missing, so no Inf or NaN reaches a table.
type KPI struct {
	Org     int32  `json:"-"` // index into the organisations table
	OrgCode string `json:"org_code"`
	Year    int32  `json:"year"`
	// PeerGroup is the organisation's org_type, the first peer group users compare against.
	PeerGroup string `json:"peer_group"`

	Respondents int64 `json:"respondents"`
	// SatisfactionMean is the weighted mean of overall_satisfaction.
	SatisfactionMean Opt `json:"satisfaction_mean"`
	// SatisfactionSE is the linearisation SE of the weighted mean (see Survey.SE); empty when n < 2.
	SatisfactionSE Opt `json:"satisfaction_se"`
	// SatisfactionMedian is the unweighted median score.
	SatisfactionMedian Opt `json:"satisfaction_median"`
	// SatisfiedShare is the weight share answering 5 or more.
	SatisfiedShare Opt `json:"satisfied_share"`
	// BYODShare is the weight share of respondents using their own devices.
	BYODShare Opt `json:"byod_share"`
	// RemoteAccessMean and DeviceSatisfactionMean are weighted means over non-null answers.
	RemoteAccessMean       Opt `json:"remote_access_mean"`
	DeviceSatisfactionMean Opt `json:"device_satisfaction_mean"`
	// EffectiveRespondents is Kish's effective sample size (Σw)²/Σw².
	EffectiveRespondents Opt `json:"effective_respondents"`

	// BYODUptake is byod_enrolled / employees, both from devices.
	BYODUptake Opt `json:"byod_uptake"`
	// DevicesPerEmployee counts corporate laptops, desktops, smartphones and tablets (BYOD devices are
	// not the council's) per employee in devices.
	DevicesPerEmployee Opt `json:"devices_per_employee"`
	// NetworkSpendPerSite is network_spend_gbp / sites.
	NetworkSpendPerSite Opt `json:"network_spend_per_site"`
	// NetworkSpendPerEmployee and ComplianceSpendPerEmployee divide the network row's spend by the
	// devices row's employees of the same org-year: the devices table is the only yearly headcount.
	NetworkSpendPerEmployee    Opt `json:"network_spend_per_employee"`
	ComplianceSpendPerEmployee Opt `json:"compliance_spend_per_employee"`

	// PSNStatus is the network row's psn_status, "" when there is no network row.
	PSNStatus string `json:"psn_status"`
	// BYODRestricted is the network row's byod_restricted, nil when there is no network row.
	BYODRestricted *bool `json:"byod_restricted"`
	// SampleOK is true when Respondents ≥ MinRespondents.
	SampleOK bool `json:"sample_ok"`

	// Survey is the full histogram summary the KPIs came from (zero when Respondents is 0); it carries
	// the score counts the restriction-effect analysis needs.
	Survey Survey `json:"-"`
}

// BuildKPIs returns one KPI row per (org_code, year) present in devices, network or the survey, sorted
// by (org_code, year). devices and network must have at most one row per org-year (the data contract's
// key); should a duplicate slip through, the last row wins.
func BuildKPIs(orgs []contract.Organisation, devices []contract.DeviceYear, network []contract.NetworkYear, acc *Accumulator) []KPI {
	dev := make(map[orgYear]*contract.DeviceYear, len(devices))
	net := make(map[orgYear]*contract.NetworkYear, len(network))
	keys := make(map[orgYear]struct{}, len(devices)+len(network))
	for i := range devices {
		k := orgYear{devices[i].Org, devices[i].Year}
		dev[k] = &devices[i]
		keys[k] = struct{}{}
	}
	for i := range network {
		k := orgYear{network[i].Org, network[i].Year}
		net[k] = &network[i]
		keys[k] = struct{}{}
	}
	surveys := map[orgYear]Survey{}
	if acc != nil {
		for _, s := range acc.Groups() {
			k := orgYear{s.Org, s.Year}
			surveys[k] = s
			keys[k] = struct{}{}
		}
	}

	out := make([]KPI, 0, len(keys))
	for k := range keys {
		r := KPI{Org: k.org, OrgCode: orgCode(orgs, k.org), Year: k.year}
		if k.org >= 0 && int(k.org) < len(orgs) {
			r.PeerGroup = orgs[k.org].Type
		}
		if s, ok := surveys[k]; ok {
			r.Survey = s
			r.Respondents = s.Respondents
			r.SatisfactionMean = Some(s.Mean)
			r.SatisfactionSE = s.SE
			r.SatisfactionMedian = Some(s.Median)
			r.SatisfiedShare = Some(s.SatisfiedShare)
			r.BYODShare = Some(s.BYODShare)
			r.RemoteAccessMean = s.RemoteMean
			r.DeviceSatisfactionMean = s.DeviceMean
			r.EffectiveRespondents = Some(s.EffectiveN)
		}
		r.SampleOK = r.Respondents >= MinRespondents
		d, n := dev[k], net[k]
		if d != nil {
			emp := float64(d.Employees)
			r.BYODUptake = ratio(float64(d.BYODEnrolled), emp)
			devicesOwned := d.CorporateLaptops + d.CorporateDesktops + d.CorporateSmartphones + d.CorporateTablets
			r.DevicesPerEmployee = ratio(float64(devicesOwned), emp)
		}
		if n != nil {
			r.PSNStatus = n.PSNStatus
			restricted := n.BYODRestricted
			r.BYODRestricted = &restricted
			r.NetworkSpendPerSite = ratio(n.NetworkSpendGBP, float64(n.Sites))
			if d != nil {
				r.NetworkSpendPerEmployee = ratio(n.NetworkSpendGBP, float64(d.Employees))
				r.ComplianceSpendPerEmployee = ratio(n.ComplianceSpendGBP, float64(d.Employees))
			}
		}
		out = append(out, r)
	}
	slices.SortFunc(out, compareKPI)
	return out
}

// compareKPI orders rows by (org_code, year); the organisation index breaks ties only if codes repeat.
func compareKPI(a, b KPI) int {
	return cmp.Or(cmp.Compare(a.OrgCode, b.OrgCode), cmp.Compare(a.Org, b.Org), cmp.Compare(a.Year, b.Year))
}
