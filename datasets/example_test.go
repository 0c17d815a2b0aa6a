package datasets_test

import (
	"errors"
	"fmt"
	"log"
	"testing/fstest"

	"github.com/psnbyod/psnbyod/datasets"
)

// The embedded default dataset: real councils, synthetic survey, devices and network tables. Open
// reads and validates the three small tables; the survey is streamed later (ScanSurvey, Validate,
// study.Run).
func ExampleOpenDefault() {
	d, err := datasets.OpenDefault()
	if err != nil {
		log.Fatal(err)
	}
	first, last := d.Devices[0].Year, d.Devices[0].Year
	for _, r := range d.Devices {
		first, last = min(first, r.Year), max(last, r.Year)
	}
	fmt.Printf("%d organisations, %d device rows and %d network rows for %d–%d\n",
		len(d.Orgs), len(d.Devices), len(d.Network), first, last)
	fmt.Println("survey:", d.Files[datasets.TableSurvey].Path)
	fmt.Println("synthetic:", d.Synthetic)
	// Output:
	// 433 organisations, 2598 device rows and 2598 network rows for 2011–2016
	// survey: survey_responses.parquet
	// synthetic: true
}

// A dataset that breaks the contract gives one *datasets.ValidationError listing every problem,
// with file, row, column, value and what was expected.
func ExampleOpen_invalid() {
	fsys := fstest.MapFS{
		"organisations.csv": {Data: []byte("org_code,name,org_type,region,population,employees\n" +
			"E1,Alpha Council,district,North East,-5,100\n" +
			"E2,Beta Council,shire,North East,110,200\n")},
		"devices.csv":          {Data: []byte("org_code,year,employees,corporate_laptops,corporate_desktops,corporate_smartphones,corporate_tablets,byod_enrolled,byod_solution,device_spend_gbp\n")},
		"network.csv":          {Data: []byte("org_code,year,sites,network_spend_gbp,procurement,psn_status,byod_restricted,compliance_spend_gbp\n")},
		"survey_responses.csv": {Data: []byte("org_code,year,respondent_id,staff_group,uses_byod,overall_satisfaction,remote_access_satisfaction,device_satisfaction,weight\n")},
	}
	_, err := datasets.Open(fsys, "broken", datasets.DefaultMaxErrors)
	var ve *datasets.ValidationError
	if errors.As(err, &ve) {
		for _, fe := range ve.List {
			fmt.Println(fe)
		}
	}
	// Output:
	// organisations.csv: row 2, column population: value "-5": an integer ≥ 0
	// organisations.csv: row 3, column org_type: value "shire": one of county, district, unitary, metropolitan, london_borough, scottish_unitary, welsh_unitary, ni_district, other
}
