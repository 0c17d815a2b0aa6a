// Command mkorgs builds the default dataset's organisations table from the real reference data in
// datasets/reference (mySociety's UK local authority names and codes, and composite UK IMD, both
// CC BY 4.0). Run it in datasets/, as go generate ./datasets does.
//
// Which authorities: the councils in existence on 1 April 2014, the middle of the study's years
// (2011–2016), by the reference file's start-date and end-date (a council counts when it started on or
// before that day and ended after it, or has not ended). Combined authorities, the Greater London
// Authority and other bodies that are not councils are left out; the City of London Corporation is kept
// as org_type "other". Belfast City Council is kept too: the file lists only the Belfast council that
// began on 1 April 2015 with wider boundaries, not the one it continued, so it is given that council's
// code and figures (marked estimated).
//
// Figures for former councils. The reference file gives population (mid-2020), area and, through
// la_imd, deprivation only for councils that existed in 2020 (population, area) or exist now
// (deprivation). For the others they are ESTIMATED from their successors and marked in the estimated
// column:
//   - A successor's population and area are shared among the former councils of the same tier it
//     replaced (a county's among counties, a district's or unitary's among districts and unitaries) in
//     proportion to their areas where the file gives them; it gives no area for any former council, so
//     in practice the shares are equal. A former county replaced by several successors gets the sum of
//     its shares of each.
//   - Deprivation is the successor's score, or the population-weighted mean of its successors' scores.
//   - Northern Ireland's 26 district councils of 2014 became 11 on 1 April 2015 under the Local
//     Government (Boundaries) Act (Northern Ireland) 2008; the file does not say which became which, so
//     niSuccessors lists it. The 2015 boundaries are not exactly the old ones joined (some wards moved),
//     which the estimate ignores. The former NI councils have no GSS code in the file: their org_code is
//     the file's local-authority-code (NIR-A ...).
//
// Staff headcount is not published in these files, so it is ESTIMATED from the population by a rule of
// staff per 1,000 residents for each type of authority (excluding school staff); see staffPerThousand.
// The estimate is labelled in the employees_basis column.
package main

import (
	"encoding/csv"
	"fmt"
	"log"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// studyDay is the day the organisations must exist on.
const studyDay = "2014-04-01"

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

// niSuccessors maps each of Northern Ireland's former district councils (the file's
// local-authority-code) to the council that succeeded it on 1 April 2015 (Local Government
// (Boundaries) Act (Northern Ireland) 2008, schedule 1).
var niSuccessors = map[string]string{
	"NIR-A": "DRS", "NIR-J": "DRS", // Derry, Strabane → Derry City and Strabane
	"NIR-B": "CCG", "NIR-C": "CCG", "NIR-D": "CCG", "NIR-E": "CCG", // Limavady, Coleraine, Ballymoney, Moyle → Causeway Coast and Glens
	"NIR-F": "MEA", "NIR-G": "MEA", "NIR-V": "MEA", // Larne, Ballymena, Carrickfergus → Mid and East Antrim
	"NIR-H": "MUL", "NIR-I": "MUL", "NIR-M": "MUL", // Magherafelt, Cookstown, Dungannon → Mid Ulster
	"NIR-K": "FMO", "NIR-L": "FMO", // Omagh, Fermanagh → Fermanagh and Omagh
	"NIR-N": "ABC", "NIR-O": "ABC", "NIR-Q": "ABC", // Craigavon, Armagh, Banbridge → Armagh City, Banbridge and Craigavon
	"NIR-P": "NMD", "NIR-R": "NMD", // Newry and Mourne, Down → Newry, Mourne and Down
	"NIR-S": "LBC", "NIR-Y": "LBC", // Lisburn, Castlereagh → Lisburn and Castlereagh
	"NIR-T": "ANN", "NIR-U": "ANN", // Antrim, Newtownabbey → Antrim and Newtownabbey
	"NIR-W": "AND", "NIR-X": "AND", // North Down, Ards → Ards and North Down
}

// belfast is the file's code of the Belfast council kept for its predecessor (see the package comment).
const belfast = "BFS"

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

type la struct {
	code, gss, name, typ, region, nation string
	successors                           []string
	pop, area, dep                       float64
	hasPop, hasArea, hasDep              bool
	estimated                            []string
}

func main() {
	las := readCSV("reference/uk_local_authorities_current.csv")
	imd := readCSV("reference/la_imd.csv")
	dep := map[string]float64{}
	for _, r := range imd.rows {
		v, err := strconv.ParseFloat(r[imd.col["la-deprivation-score"]], 64)
		if err != nil {
			log.Fatalf("la_imd.csv: %s: deprivation %q: %v", r[imd.col["local-authority-code"]], r[imd.col["la-deprivation-score"]], err)
		}
		dep[r[imd.col["local-authority-code"]]] = v
	}
	all := map[string]*la{} // every row of the file, by local-authority-code
	var orgs []*la
	for _, r := range las.rows {
		get := func(c string) string { return r[las.col[c]] }
		a := &la{code: get("local-authority-code"), gss: get("gss-code"), name: get("official-name"),
			typ: get("local-authority-type"), region: get("region"), nation: get("nation")}
		if s := get("replaced-by"); s != "" {
			a.successors = strings.Split(s, ",")
		}
		if s, ok := niSuccessors[a.code]; ok {
			a.successors = []string{s}
		}
		if s := get("pop-2020"); s != "" {
			a.pop, a.hasPop = parse(a.code, "pop-2020", s), true
		}
		if s := get("area"); s != "" {
			a.area, a.hasArea = parse(a.code, "area", s), true
		}
		a.dep, a.hasDep = dep[a.code]
		all[a.code] = a
		start, end := get("start-date"), get("end-date")
		existed := (start == "" || start <= studyDay) && (end == "" || end > studyDay)
		if _, ok := orgTypes[a.typ]; ok && (existed || a.code == belfast) {
			orgs = append(orgs, a)
		}
	}
	for _, a := range orgs {
		estimate(a, all)
		if a.code == belfast {
			a.estimated = []string{"population", "area_km2", "deprivation_score"} // the 2015 council's figures
		}
		if a.gss == "" {
			a.gss = a.code
		}
	}
	sort.Slice(orgs, func(i, j int) bool { return orgs[i].gss < orgs[j].gss })
	f, err := os.Create("default/organisations.csv")
	if err != nil {
		log.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"org_code", "name", "org_type", "region", "population", "employees", "employees_basis", "area_km2", "deprivation_score", "nation", "estimated"})
	counts := map[string]int{}
	nEstimated := 0
	for _, a := range orgs {
		typ := orgTypes[a.typ]
		counts[typ]++
		emp := float64(cityOfLondonStaff)
		if typ != "other" {
			emp = math.Round(a.pop*staffPerThousand[typ]/1000/10) * 10
		}
		if len(a.estimated) > 0 {
			nEstimated++
		}
		w.Write([]string{a.gss, a.name, typ, a.region, strconv.FormatInt(int64(a.pop), 10), strconv.FormatInt(int64(emp), 10), "estimate",
			strconv.FormatFloat(a.area, 'f', -1, 64), strconv.FormatFloat(a.dep, 'g', -1, 64), a.nation, strings.Join(a.estimated, ";")})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %d organisations in existence on %s (%d with estimated figures): %v\n", len(orgs), studyDay, nEstimated, counts)
}

// estimate fills a former council's missing population, area and deprivation from its successors.
func estimate(a *la, all map[string]*la) {
	if a.hasPop && a.hasArea && a.hasDep {
		return
	}
	if len(a.successors) == 0 {
		log.Fatalf("%s %s: figures missing and no successor to estimate them from", a.code, a.name)
	}
	var pop, area, depSum, depW float64
	for _, sc := range a.successors {
		s := all[sc]
		if s != nil {
			estimate(s, all) // a successor may itself have been replaced (Taunton Deane → Somerset West and Taunton → Somerset)
		}
		if s == nil || !s.hasPop || !s.hasArea || !s.hasDep {
			log.Fatalf("%s: successor %q has no population, area or deprivation", a.code, sc)
		}
		// The former councils of a's tier that s replaced, and a's share of s by their areas (equal
		// shares when any lacks an area, as every former council in the file does).
		var peers []*la
		for _, p := range all {
			if p.upper() == a.upper() && contains(p.successors, sc) {
				peers = append(peers, p)
			}
		}
		sort.Slice(peers, func(i, j int) bool { return peers[i].code < peers[j].code }) // a fixed order to sum in
		share := 1 / float64(len(peers))
		if total := areaOf(peers); total > 0 {
			share = a.area / total
		}
		pop += share * s.pop
		area += share * s.area
		depSum += s.pop * s.dep
		depW += s.pop
	}
	if !a.hasPop {
		a.pop, a.hasPop = math.Round(pop), true
		a.estimated = append(a.estimated, "population")
	}
	if !a.hasArea {
		a.area, a.hasArea = math.Round(area*10)/10, true
		a.estimated = append(a.estimated, "area_km2")
	}
	if a.region == "" {
		a.region = all[a.successors[0]].region
	}
	if !a.hasDep {
		a.dep, a.hasDep = depSum/depW, true
		a.estimated = append(a.estimated, "deprivation_score")
	}
}

// upper reports whether the council is a county (upper tier).
func (a *la) upper() bool { return a.typ == "CTY" }

// areaOf sums the areas of councils that all have one, or returns 0.
func areaOf(ps []*la) float64 {
	var t float64
	for _, p := range ps {
		if !p.hasArea {
			return 0
		}
		t += p.area
	}
	return t
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func parse(code, col, s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		log.Fatalf("%s: %s %q: %v", code, col, s, err)
	}
	return v
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
