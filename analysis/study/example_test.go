package study_test

import (
	"context"
	"fmt"
	"log"
	"testing/fstest"

	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/datasets"
)

// A study of three district councils in one year: the survey gives each org-year's KPIs. By hand,
// E1's weighted mean is (3·1 + 5·1 + 6·2)/4 = 5.00 with 3 of 4 weight answering 5 or more (75%), and
// E2's single respondent answered 7. Nobody restricted BYOD, so the data cannot identify the
// restriction effect, and Run says why instead of failing.
func ExampleRun() {
	fsys := fstest.MapFS{
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
		"survey_responses.csv": {Data: []byte(`org_code,year,respondent_id,staff_group,uses_byod,overall_satisfaction,remote_access_satisfaction,device_satisfaction,weight
E1,2011,1,frontline,true,3,4,,1
E1,2011,2,office,false,5,,6,1
E1,2011,3,manager,true,6,2,4,2
E2,2011,1,ict,false,7,7,7,1
`)},
	}
	d, err := datasets.Open(fsys, "three councils", datasets.DefaultMaxErrors)
	if err != nil {
		log.Fatal(err) // a *datasets.ValidationError lists every problem with file, row and column
	}
	r, err := study.Run(context.Background(), d, study.Options{Seed: 1})
	if err != nil {
		log.Fatal(err)
	}
	for _, k := range r.KPIs {
		if k.Respondents == 0 {
			fmt.Printf("%s %d: no respondents\n", k.OrgCode, k.Year)
			continue
		}
		fmt.Printf("%s %d: mean satisfaction %.2f, %.0f%% satisfied (respondents: %d)\n",
			k.OrgCode, k.Year, k.SatisfactionMean.Value, 100*k.SatisfiedShare.Value, k.Respondents)
	}
	fmt.Println("restriction effect:", r.EffectUnavailable)
	// Output:
	// E1 2011: mean satisfaction 5.00, 75% satisfied (respondents: 3)
	// E2 2011: mean satisfaction 7.00, 100% satisfied (respondents: 1)
	// E3 2011: no respondents
	// restriction effect: effect: no restricted org-year
}
