// Command mkorgs builds the default dataset's organisations table from the real reference data in
// datasets/reference (mySociety's UK local authority names and codes, and composite UK IMD, both
// CC BY 4.0). Run it in datasets/, as go generate ./datasets does.
//
// Which authorities: the current councils. Combined authorities and the Greater London Authority
// are left out (they are not councils that run staff ICT in the usual sense); the City of London
// Corporation is kept as org_type "other".
//
// Staff headcount is not published in these files, so it is ESTIMATED from the mid-2020 population
// by a rule of staff per 1,000 residents for each type of authority (excluding school staff); see
// staffPerThousand. The estimate is labelled in the employees_basis column.
package main

import (
	"encoding/csv"
	"fmt"
	"log"
	"math"
	"os"
	"sort"
	"strconv"
)

// orgTypes maps mySociety's local-authority-type codes to the data contract's org_type.
var orgTypes = map[string]string{
	"CTY": "county",
	"NMD": "district",
	"UA":  "unitary",
	"MD":  "metropolitan",
	"LBO": "london_borough",
	"SCO": "scottish_unitary",
	"WPA": "welsh_unitary",
	"NID": "ni_district",
	"CC":  "other",
}

// staffPerThousand is the ASSUMPTION behind the headcount estimate: council staff (excluding schools)
// per 1,000 residents, by type of authority. Upper-tier and unitary councils run social care and so
// employ several times more per resident than districts; the City of London's resident population is
// tiny against its workforce, so it is given a fixed figure instead.
var staffPerThousand = map[string]float64{
	"county":           9.0,
	"district":         3.5,
	"unitary":          11.0,
	"metropolitan":     10.0,
	"london_borough":   9.0,
	"scottish_unitary": 14.0,
	"welsh_unitary":    12.0,
	"ni_district":      4.0,
}

const cityOfLondonStaff = 3000

func main() {
	las := readCSV("reference/uk_local_authorities_current.csv")
	imd := readCSV("reference/la_imd.csv")
	dep := map[string]string{}
	for _, r := range imd.rows {
		dep[r[imd.col["local-authority-code"]]] = r[imd.col["la-deprivation-score"]]
	}
	type org struct{ code, name, typ, region, pop, emp, area, dep, nation string }
	var orgs []org
	for _, r := range las.rows {
		get := func(c string) string { return r[las.col[c]] }
		if get("current-authority") != "True" {
			continue
		}
		typ, ok := orgTypes[get("local-authority-type")]
		if !ok {
			continue
		}
		pop, err := strconv.ParseFloat(get("pop-2020"), 64)
		if err != nil {
			log.Fatalf("%s: population %q: %v", get("gss-code"), get("pop-2020"), err)
		}
		emp := float64(cityOfLondonStaff)
		if typ != "other" {
			emp = math.Round(pop*staffPerThousand[typ]/1000/10) * 10
		}
		orgs = append(orgs, org{
			code: get("gss-code"), name: get("official-name"), typ: typ, region: get("region"),
			pop: strconv.FormatInt(int64(pop), 10), emp: strconv.FormatInt(int64(emp), 10),
			area: get("area"), dep: dep[get("local-authority-code")], nation: get("nation"),
		})
	}
	sort.Slice(orgs, func(i, j int) bool { return orgs[i].code < orgs[j].code })
	f, err := os.Create("default/organisations.csv")
	if err != nil {
		log.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"org_code", "name", "org_type", "region", "population", "employees", "employees_basis", "area_km2", "deprivation_score", "nation"})
	for _, o := range orgs {
		w.Write([]string{o.code, o.name, o.typ, o.region, o.pop, o.emp, "estimate", o.area, o.dep, o.nation})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %d organisations\n", len(orgs))
}

type table struct {
	col  map[string]int
	rows [][]string
}

func readCSV(path string) table {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		log.Fatalf("%s: %v", path, err)
	}
	t := table{col: map[string]int{}, rows: recs[1:]}
	for i, n := range recs[0] {
		t.col[n] = i
	}
	return t
}
