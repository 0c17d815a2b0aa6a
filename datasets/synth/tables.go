package synth

import (
	"math"
	"math/rand/v2"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/resultfile"
)

// writeOrganisations writes the chosen organisations with the optional columns the default
// dataset carries.
func writeOrganisations(path string, format datasets.Format, orgs []datasets.Organisation) error {
	n := len(orgs)
	t := &resultfile.Table{Columns: []resultfile.TableColumn{
		{Name: "org_code", Kind: datasets.KindString, Str: make([]string, n)},
		{Name: "name", Kind: datasets.KindString, Str: make([]string, n)},
		{Name: "org_type", Kind: datasets.KindString, Str: make([]string, n)},
		{Name: "region", Kind: datasets.KindString, Str: make([]string, n)},
		{Name: "population", Kind: datasets.KindInt64, Int: make([]int64, n)},
		{Name: "employees", Kind: datasets.KindInt64, Int: make([]int64, n)},
		{Name: "employees_basis", Kind: datasets.KindString, Str: make([]string, n)},
		{Name: "area_km2", Kind: datasets.KindFloat64, Float: make([]float64, n), Valid: make([]bool, n)},
		{Name: "deprivation_score", Kind: datasets.KindFloat64, Float: make([]float64, n), Valid: make([]bool, n)},
	}}
	c := t.Columns
	for i, o := range orgs {
		c[0].Str[i], c[1].Str[i], c[2].Str[i], c[3].Str[i] = o.Code, o.Name, o.Type, o.Region
		c[4].Int[i], c[5].Int[i] = o.Population, o.Employees
		c[6].Str[i] = "estimate"
		c[7].Float[i], c[7].Valid[i] = o.AreaKm2, o.HasArea
		c[8].Float[i], c[8].Valid[i] = o.DeprivationScore, o.HasDeprivation
	}
	return resultfile.WriteTable(path, format, t)
}

// newContractTable makes an empty table with a contract table's columns, room for n rows.
func newContractTable(cols []datasets.Column, n int) *resultfile.Table {
	t := &resultfile.Table{Columns: make([]resultfile.TableColumn, len(cols))}
	for i, c := range cols {
		tc := resultfile.TableColumn{Name: c.Name, Kind: c.Kind}
		switch c.Kind {
		case datasets.KindInt32, datasets.KindInt64:
			tc.Int = make([]int64, 0, n)
		case datasets.KindFloat64:
			tc.Float = make([]float64, 0, n)
		case datasets.KindBool:
			tc.Bool = make([]bool, 0, n)
		default:
			tc.Str = make([]string, 0, n)
		}
		t.Columns[i] = tc
	}
	return t
}

// writeDevices writes one row per organisation and year. Corporate devices per employee are
// ASSUMPTIONS (laptops 0.45, desktops 0.35, smartphones 0.30, tablets 0.05), fewer where staff bring
// their own; spend is the yearly cost of refreshing them (ASSUMPTION: laptop £650 every 4 years,
// desktop £500 every 5, smartphone £300 every 2, tablet £400 every 3).
func writeDevices(path string, format datasets.Format, plans []plan, years []int, seed uint64) error {
	t := newContractTable(datasets.DeviceColumns, len(plans)*len(years))
	c := t.Columns
	for i := range plans {
		p := &plans[i]
		rng := rand.New(rand.NewPCG(seed, streamID(streamTables, i, 0, 1)))
		for _, y := range years {
			emp := p.employees(y)
			restricted := p.restricted(y)
			up := p.uptakeShare(y, restricted)
			e := float64(emp)
			noise := func() float64 { return math.Exp(0.1 * rng.NormFloat64()) }
			laptops := int64(math.Round(e * 0.45 * (1 - 0.5*up) * noise()))
			desktops := int64(math.Round(e * 0.35 * noise()))
			phones := int64(math.Round(e * 0.30 * (1 - up) * noise()))
			tablets := int64(math.Round(e * 0.05 * noise()))
			enrolled := min(int64(math.Round(e*up)), emp)
			solution := "none"
			if p.hasScheme && y >= p.schemeStart {
				solution = p.solution
			}
			spend := float64(laptops)*650/4 + float64(desktops)*500/5 + float64(phones)*300/2 + float64(tablets)*400/3
			c[0].Str = append(c[0].Str, p.org.Code)
			c[1].Int = append(c[1].Int, int64(y))
			c[2].Int = append(c[2].Int, emp)
			c[3].Int = append(c[3].Int, laptops)
			c[4].Int = append(c[4].Int, desktops)
			c[5].Int = append(c[5].Int, phones)
			c[6].Int = append(c[6].Int, tablets)
			c[7].Int = append(c[7].Int, enrolled)
			c[8].Str = append(c[8].Str, solution)
			c[9].Float = append(c[9].Float, math.Round(spend*100)/100)
		}
	}
	return resultfile.WriteTable(path, format, t)
}

// writeNetwork writes one row per organisation and year: sites, wide-area network spend (lower on
// a regional framework), procurement route, PSN status, restriction and compliance spend.
func writeNetwork(path string, format datasets.Format, plans []plan, years []int, seed uint64) error {
	t := newContractTable(datasets.NetworkColumns, len(plans)*len(years))
	c := t.Columns
	for i := range plans {
		p := &plans[i]
		rng := rand.New(rand.NewPCG(seed, streamID(streamTables, i, 0, 2)))
		for _, y := range years {
			sites := int64(math.Round(p.sites))
			spend := p.sites * p.spendPerSite * math.Exp(0.05*rng.NormFloat64())
			procurement := "standalone"
			if p.frameworkFrom != 0 && y >= p.frameworkFrom {
				procurement = "regional_framework"
				spend *= 1 - p.saving
			}
			status := p.psnStatus(y)
			// Compliance spend (ASSUMPTION): £20,000 plus £8 per employee in the year of certification
			// and the year before, a third of that in later years to stay compliant, a little while
			// non-compliant.
			full := (20000 + 8*float64(p.employees(y))) * math.Exp(0.2*rng.NormFloat64())
			var compliance float64
			switch {
			case y == p.compliantYear || y == p.compliantYear-1:
				compliance = full
			case y > p.compliantYear:
				compliance = full / 3
			case status == "non_compliant":
				compliance = full / 5
			}
			c[0].Str = append(c[0].Str, p.org.Code)
			c[1].Int = append(c[1].Int, int64(y))
			c[2].Int = append(c[2].Int, sites)
			c[3].Float = append(c[3].Float, math.Round(spend*100)/100)
			c[4].Str = append(c[4].Str, procurement)
			c[5].Str = append(c[5].Str, status)
			c[6].Bool = append(c[6].Bool, p.restricted(y))
			c[7].Float = append(c[7].Float, math.Round(compliance*100)/100)
		}
	}
	return resultfile.WriteTable(path, format, t)
}
