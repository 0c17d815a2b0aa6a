package benchmark

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/contract"
)

func testOrgs() []datasets.Organisation {
	return []datasets.Organisation{
		{Code: "E2", Name: "Two", Type: "district", Region: "R", Population: 100_000, Employees: 500},
		{Code: "E1", Name: "One", Type: "county", Region: "R", Population: 800_000, Employees: 9000},
	}
}

func TestBuildKPIs(t *testing.T) {
	orgs := testOrgs()
	devices := []contract.DeviceYear{
		// 30/200 = 0.15 uptake; (100+50+40+10)/200 = 1 device per employee.
		{Org: 0, Year: 2014, Employees: 200, CorporateLaptops: 100, CorporateDesktops: 50,
			CorporateSmartphones: 40, CorporateTablets: 10, BYODEnrolled: 30, BYODSolution: "container"},
		// No employees: both ratios empty.
		{Org: 1, Year: 2016, Employees: 0, BYODSolution: "none"},
	}
	network := []contract.NetworkYear{
		// 1e6/10 sites = 100000 per site; 1e6/200 = 5000 and 20000/200 = 100 per employee.
		{Org: 0, Year: 2014, Sites: 10, NetworkSpendGBP: 1e6, Procurement: "standalone",
			PSNStatus: "compliant", BYODRestricted: true, ComplianceSpendGBP: 20_000},
		// No devices row that year: per-employee ratios empty, per-site ratio present.
		{Org: 0, Year: 2013, Sites: 4, NetworkSpendGBP: 2e5, PSNStatus: "pending"},
		// No sites and no employees: every ratio empty.
		{Org: 1, Year: 2016, Sites: 0, NetworkSpendGBP: 5e5, PSNStatus: "not_connected", ComplianceSpendGBP: 1},
	}
	acc := NewAccumulator(2, 2014, 2015)
	acc.Add(tinyBatch()) // org 0 in 2014 (4 respondents), org 1 in 2015 (1 respondent)
	kpis := BuildKPIs(orgs, devices, network, acc)

	// Union of keys: E1 2015 (survey), E1 2016 (devices, network), E2 2013 (network), E2 2014 (all).
	var keys []string
	for _, k := range kpis {
		keys = append(keys, k.OrgCode+"/"+itoa(k.Year))
	}
	if got := strings.Join(keys, " "); got != "E1/2015 E1/2016 E2/2013 E2/2014" {
		t.Fatalf("rows %s", got)
	}

	e2 := kpis[3]
	if e2.Respondents != 4 || e2.SatisfactionMean.Value != 5.5 || e2.SatisfiedShare.Value != 0.75 ||
		e2.BYODShare.Value != 0.625 || e2.SampleOK || e2.PeerGroup != "district" {
		t.Errorf("E2 2014 survey KPIs: %+v", e2)
	}
	opt := func(name string, got Opt, want float64) {
		t.Helper()
		if !got.Valid || !near(got.Value, want, 1e-15) {
			t.Errorf("%s = %+v, want %v", name, got, want)
		}
	}
	opt("byod_uptake", e2.BYODUptake, 0.15)
	opt("devices_per_employee", e2.DevicesPerEmployee, 1)
	opt("network_spend_per_site", e2.NetworkSpendPerSite, 100_000)
	opt("network_spend_per_employee", e2.NetworkSpendPerEmployee, 5000)
	opt("compliance_spend_per_employee", e2.ComplianceSpendPerEmployee, 100)
	if e2.PSNStatus != "compliant" || e2.BYODRestricted == nil || !*e2.BYODRestricted {
		t.Errorf("E2 2014 network fields: %q %v", e2.PSNStatus, e2.BYODRestricted)
	}

	e2013 := kpis[2]
	opt("2013 network_spend_per_site", e2013.NetworkSpendPerSite, 50_000)
	if e2013.NetworkSpendPerEmployee.Valid || e2013.Respondents != 0 || e2013.SatisfactionMean.Valid ||
		e2013.SatisfactionSE.Valid || e2013.SatisfiedShare.Valid || e2013.BYODUptake.Valid {
		t.Errorf("E2 2013 should have only network KPIs: %+v", e2013)
	}

	e1 := kpis[1] // zero denominators everywhere
	for name, o := range map[string]Opt{
		"byod_uptake": e1.BYODUptake, "devices_per_employee": e1.DevicesPerEmployee,
		"network_spend_per_site": e1.NetworkSpendPerSite, "network_spend_per_employee": e1.NetworkSpendPerEmployee,
		"compliance_spend_per_employee": e1.ComplianceSpendPerEmployee,
	} {
		if o.Valid {
			t.Errorf("E1 2016 %s = %v, want empty (zero denominator)", name, o.Value)
		}
	}
	if kpis[0].BYODRestricted != nil || kpis[0].PSNStatus != "" || kpis[0].SatisfactionSE.Valid {
		t.Errorf("E1 2015 has no network row and one respondent: %+v", kpis[0])
	}

	// JSON: empty values are null, never NaN or Inf, and names match the issue.
	b, err := json.Marshal(kpis)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"respondents", "satisfaction_mean", "satisfaction_se", "satisfied_share",
		"byod_share", "remote_access_mean", "device_satisfaction_mean", "byod_uptake", "devices_per_employee",
		"network_spend_per_site", "network_spend_per_employee", "compliance_spend_per_employee", "psn_status",
		"byod_restricted", "sample_ok", "peer_group"} {
		if !strings.Contains(string(b), `"`+name+`":`) {
			t.Errorf("JSON lacks %s", name)
		}
	}
	if strings.Contains(string(b), "NaN") || strings.Contains(string(b), "Inf") {
		t.Errorf("JSON holds a non-finite value: %s", b)
	}
}

func TestSampleOK(t *testing.T) {
	for _, n := range []int{99, 100} {
		b := synthBatches(n, n, 1, 2014, 1, 3)[0]
		acc := NewAccumulator(1, 2014, 2014)
		acc.Add(b)
		k := BuildKPIs(testOrgs()[:1], nil, nil, acc)
		if len(k) != 1 || k[0].SampleOK != (n >= 100) {
			t.Errorf("n = %d: sample_ok %v", n, k[0].SampleOK)
		}
	}
}

func TestOpt(t *testing.T) {
	if o := ratio(1, 0); o.Valid || o.String() != "" {
		t.Errorf("Ratio(1, 0) = %+v", o)
	}
	if o := Some(math.Inf(1)); o.Valid {
		t.Error("Some(+Inf) is valid")
	}
	// Full precision: 0.1 + 0.2 prints as 0.30000000000000004, not 0.3.
	a, b := 0.1, 0.2
	if s := Some(a + b).String(); s != "0.30000000000000004" {
		t.Errorf("String = %s", s)
	}
	var o Opt
	if err := json.Unmarshal([]byte("null"), &o); err != nil || o.Valid {
		t.Errorf("null → %+v %v", o, err)
	}
}

func TestEffectInputs(t *testing.T) {
	restricted, free := true, false
	kpis := []KPI{
		{OrgCode: "A", Year: 2014, Respondents: 3, BYODRestricted: &restricted,
			Survey: Survey{Mean: 4, SumWeight: 3, Counts: [7]int64{0, 0, 1, 1, 1}}},
		{OrgCode: "B", Year: 2014, Respondents: 2, BYODRestricted: &free,
			Survey: Survey{Mean: 6.5, SumWeight: 2, Counts: [7]int64{0, 0, 0, 0, 0, 1, 1}}},
		{OrgCode: "C", Year: 2014, Respondents: 2, BYODRestricted: &restricted,
			Survey: Survey{Mean: 1.5, SumWeight: 2, Counts: [7]int64{1, 1}}},
		{OrgCode: "D", Year: 2014, Respondents: 5},        // restriction unknown: left out
		{OrgCode: "E", Year: 2013, BYODRestricted: &free}, // no respondents: left out
	}
	rc := RestrictionCounts(kpis)
	if len(rc) != 1 || rc[0].Restricted != [7]int64{1, 1, 1, 1, 1} || rc[0].Unrestricted != [7]int64{0, 0, 0, 0, 0, 1, 1} {
		t.Errorf("RestrictionCounts = %+v", rc)
	}
	p := Panel(kpis)
	if len(p) != 3 || p[1].OrgCode != "B" || p[1].SatisfactionMean != 6.5 || p[1].Restricted || !p[2].Restricted {
		t.Errorf("Panel = %+v", p)
	}
}

func itoa(y int32) string { b, _ := json.Marshal(y); return string(b) }
