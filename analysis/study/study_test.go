package study

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/effect"
	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/contract"
)

// tiny is a dataset small enough to check by hand: three councils, two years, nobody restricted.
func tiny(survey string) fstest.MapFS {
	return fstest.MapFS{
		"organisations.csv": {Data: []byte(`org_code,name,org_type,region,population,employees
E1,Alpha Council,district,North East,100,100
E2,Beta Council,district,North East,110,200
E3,Gamma Council,district,North East,300,300
`)},
		"devices.csv": {Data: []byte(`org_code,year,employees,corporate_laptops,corporate_desktops,corporate_smartphones,corporate_tablets,byod_enrolled,byod_solution,device_spend_gbp
E1,2011,100,50,30,10,10,25,container,1000
E2,2011,200,10,10,0,0,0,none,0
E3,2011,300,0,0,0,0,0,none,0
`)},
		"network.csv": {Data: []byte(`org_code,year,sites,network_spend_gbp,procurement,psn_status,byod_restricted,compliance_spend_gbp
E1,2011,4,1000,standalone,compliant,false,500
E2,2011,2,800,standalone,pending,false,0
E3,2011,0,0,standalone,not_connected,false,0
`)},
		"survey_responses.csv": {Data: []byte(survey)},
	}
}

const tinySurvey = `org_code,year,respondent_id,staff_group,uses_byod,overall_satisfaction,remote_access_satisfaction,device_satisfaction,weight
E1,2011,1,frontline,true,3,4,,1
E1,2011,2,office,false,5,,6,1
E1,2011,3,manager,true,6,2,4,2
E2,2011,1,ict,false,7,7,7,1
E2,2012,1,other,0,1,,,0.5
`

func open(t testing.TB, fsys fstest.MapFS) *datasets.Dataset {
	t.Helper()
	d, err := datasets.Open(fsys, "tiny", 0)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }

// Every figure of E1 in 2011 worked out by hand from tinySurvey and the small tables.
func TestRunHand(t *testing.T) {
	d := open(t, tiny(tinySurvey))
	r, err := Run(context.Background(), d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Org-years: E1 2011, E2 2011, E3 2011 (devices and network only) and E2 2012 (survey only).
	if len(r.KPIs) != 4 {
		t.Fatalf("%d KPI rows, want 4", len(r.KPIs))
	}
	k := r.KPIs[0]
	if k.OrgCode != "E1" || k.Year != 2011 {
		t.Fatalf("first row %s %d, want E1 2011", k.OrgCode, k.Year)
	}
	// Scores 3, 5, 6 with weights 1, 1, 2: W = 4, Σwx = 3 + 5 + 12 = 20.
	want := []struct {
		name string
		got  benchmark.Opt
		want float64
	}{
		{"satisfaction_mean", k.SatisfactionMean, 5},                    // 20 / 4
		{"satisfied_share", k.SatisfiedShare, 0.75},                     // weights 1 + 2 of scores ≥ 5, over 4
		{"byod_share", k.BYODShare, 0.75},                               // rows 1 and 3: (1 + 2) / 4
		{"satisfaction_median", k.SatisfactionMedian, 5},                // middle of 3, 5, 6
		{"remote_access_mean", k.RemoteAccessMean, 8.0 / 3},             // (1·4 + 2·2) / (1 + 2), row 2 null
		{"device_satisfaction_mean", k.DeviceSatisfactionMean, 14. / 3}, // (1·6 + 2·4) / (1 + 2), row 1 null
		// sqrt(n/(n−1) Σw²(x−x̄)²)/W = sqrt(3/2 · (1·4 + 1·0 + 4·1)) / 4 = sqrt(12)/4.
		{"satisfaction_se", k.SatisfactionSE, math.Sqrt(12) / 4},
		{"effective_respondents", k.EffectiveRespondents, 16.0 / 6},   // W² / Σw² = 16 / (1 + 1 + 4)
		{"byod_uptake", k.BYODUptake, 0.25},                           // 25 enrolled / 100 employees
		{"devices_per_employee", k.DevicesPerEmployee, 1},             // (50 + 30 + 10 + 10) / 100
		{"network_spend_per_site", k.NetworkSpendPerSite, 250},        // 1000 / 4
		{"network_spend_per_employee", k.NetworkSpendPerEmployee, 10}, // 1000 / 100
		{"compliance_spend_per_employee", k.ComplianceSpendPerEmployee, 5},
	}
	for _, w := range want {
		if !w.got.Valid || !near(w.got.Value, w.want) {
			t.Errorf("%s = %v, want %v", w.name, w.got, w.want)
		}
	}
	if k.Respondents != 3 || k.PSNStatus != "compliant" || k.BYODRestricted == nil || *k.BYODRestricted || k.SampleOK || k.PeerGroup != "district" {
		t.Errorf("E1 2011: respondents %d, psn %q, restricted %v, sample_ok %v, peer group %q", k.Respondents, k.PSNStatus, k.BYODRestricted, k.SampleOK, k.PeerGroup)
	}
	// E3 has no sites and no respondents: its ratio over sites and its survey figures are empty.
	e3 := r.KPIs[3]
	if e3.OrgCode != "E3" || e3.NetworkSpendPerSite.Valid || e3.SatisfactionMean.Valid || e3.Respondents != 0 {
		t.Errorf("E3 2011: %+v", e3)
	}

	s := r.Summary
	if s.Rows[datasets.TableSurvey] != 5 || s.SurveyOrgYears != 3 || !slices.Equal(s.Years, []int32{2011, 2012}) || s.Organisations != 3 || s.RestrictedOrgYears != 0 {
		t.Errorf("summary: %+v", s)
	}
	if r.Synthetic || r.SyntheticNote != "" {
		t.Errorf("a folder dataset is not synthetic: %v %q", r.Synthetic, r.SyntheticNote)
	}
	// Nobody is restricted, so the effect cannot be estimated; the study says why instead of failing.
	if r.Effect != nil || !strings.Contains(r.EffectUnavailable, effect.ErrNoTreated.Error()) {
		t.Errorf("effect %v, unavailable %q; want none because no org-year is restricted", r.Effect, r.EffectUnavailable)
	}
	// Three org-years have respondents (E1 2011, E2 2011, E2 2012), each with a point on two funnels.
	if len(r.FunnelPoints) != 2*3 {
		t.Errorf("%d funnel points, want 6 (3 org-years with respondents × 2 KPIs)", len(r.FunnelPoints))
	}
	if len(r.Positions) == 0 {
		t.Error("no positions")
	}
}

// Neighbours follow the options: on population alone (100, 110, 300) E1 and E2 are each other's
// nearest and E2 is E3's; organisations without area or deprivation drop those indicators (log density
// and deprivation of the default area indicators).
func TestRunNeighbourOptions(t *testing.T) {
	d := open(t, tiny(tinySurvey))
	r, err := Run(context.Background(), d, Options{Peers: benchmark.PeerOptions{Indicators: []benchmark.Indicator{{Name: benchmark.IndicatorPopulation, Weight: 1}}, K: 1}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range r.Neighbours.Rows {
		got = append(got, n.OrgCode+">"+n.NeighbourCode)
	}
	if want := []string{"E1>E2", "E2>E1", "E3>E2"}; !slices.Equal(got, want) {
		t.Errorf("neighbours %v, want %v", got, want)
	}

	d = open(t, tiny(tinySurvey))
	r, err = Run(context.Background(), d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var dropped []string
	for _, x := range r.Neighbours.Dropped {
		dropped = append(dropped, x.Name)
	}
	if want := []string{benchmark.IndicatorLogDensity, benchmark.IndicatorDeprivation}; !slices.Equal(dropped, want) {
		t.Errorf("dropped %v, want %v", dropped, want)
	}
	if n := len(r.Neighbours.Rows); n != 3*2 { // k = 15 is capped at the 2 other organisations
		t.Errorf("%d neighbour rows, want 6", n)
	}

	d = open(t, tiny(tinySurvey))
	if _, err := Run(context.Background(), d, Options{Peers: benchmark.PeerOptions{Indicators: []benchmark.Indicator{{Name: "shoe_size", Weight: 1}}}}); !errors.Is(err, benchmark.ErrUnknownIndicator) {
		t.Errorf("unknown indicator: err = %v, want ErrUnknownIndicator", err)
	}
	if _, err := Run(context.Background(), d, Options{Replications: -1}); !errors.Is(err, ErrOptions) {
		t.Errorf("negative replications: err = %v, want ErrOptions", err)
	}
	if _, err := Run(context.Background(), d, Options{FunnelTrim: 0.5}); !errors.Is(err, ErrOptions) {
		t.Errorf("funnel trim 0.5: err = %v, want ErrOptions", err)
	}
}

// A bad value anywhere in the survey gives a located validation error and no result.
func TestRunInvalid(t *testing.T) {
	bad := strings.Replace(tinySurvey, "E1,2011,2,office,false,5,", "E1,2011,2,office,false,9,", 1)
	d := open(t, tiny(bad))
	r, err := Run(context.Background(), d, Options{})
	var ve *datasets.ValidationError
	if r != nil || !errors.As(err, &ve) {
		t.Fatalf("result %v, err %v; want no result and a *ValidationError", r, err)
	}
	if len(ve.List) != 1 || ve.List[0].Loc.Row != 3 || ve.List[0].Column != "overall_satisfaction" || ve.List[0].Value != "9" {
		t.Errorf("errors: %v; want one at row 3, overall_satisfaction, value 9", err)
	}
}

// The default dataset gives the same bytes with one worker as with several, and says it is synthetic.
func TestRunWorkersAndSynthetic(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the default dataset three times (about 2 s)")
	}
	var out []string
	for _, workers := range []int{1, 2, 5} {
		d, err := datasets.OpenDefault()
		if err != nil {
			t.Fatal(err)
		}
		r, err := Run(context.Background(), d, Options{Workers: workers, Replications: 99, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		if !r.Synthetic || r.SyntheticNote != contract.SyntheticNote || r.Effect == nil || r.Neighbours == nil {
			t.Fatalf("default dataset: synthetic %v, note %q, effect %v, neighbours %v", r.Synthetic, r.SyntheticNote, r.Effect != nil, r.Neighbours != nil)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	if out[0] != out[1] || out[0] != out[2] {
		t.Error("results differ with the number of workers")
	}
}
