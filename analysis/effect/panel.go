// The cleaned panel sorted by organisation and year, and the within-organisation transformation that
// absorbs the organisation fixed effects (Frisch–Waugh–Lovell), shared by every regression here.

package effect

import (
	"cmp"
	"slices"
)

// panelData is the estimation sample: org-years with at least one respondent, sorted by organisation
// then year, with dense indices for years and organisations.
type panelData struct {
	rows     []OrgYear
	years    []int32 // distinct years, increasing
	yearIdx  []int   // yearIdx[i] indexes years for rows[i]
	orgStart []int   // rows of organisation g are rows[orgStart[g]:orgStart[g+1]]
	dropped  int     // org-years dropped for having no respondents
	// timing is each organisation's restriction history, read from every input row, those without
	// respondents included (their restriction status is still known).
	timing map[int32]orgTiming
}

// orgTiming is an organisation's restriction history: the first year restricted (0 never) and its kind.
type orgTiming struct {
	first   int32
	history councilHistory
}

// newPanel keeps the org-years with respondents and indexes them. The input must be valid.
func newPanel(in []OrgYear) *panelData {
	p := &panelData{rows: make([]OrgYear, 0, len(in)), timing: restrictionTiming(in)}
	for _, r := range in {
		if r.Respondents == 0 {
			p.dropped++
			continue
		}
		p.rows = append(p.rows, r)
	}
	slices.SortFunc(p.rows, func(a, b OrgYear) int {
		return cmp.Or(cmp.Compare(a.Org, b.Org), cmp.Compare(a.Year, b.Year))
	})
	for i, r := range p.rows {
		p.years = append(p.years, r.Year)
		if i == 0 || r.Org != p.rows[i-1].Org {
			p.orgStart = append(p.orgStart, i)
		}
	}
	p.orgStart = append(p.orgStart, len(p.rows))
	slices.Sort(p.years)
	p.years = slices.Compact(p.years)
	p.yearIdx = make([]int, len(p.rows))
	for i, r := range p.rows {
		p.yearIdx[i], _ = slices.BinarySearch(p.years, r.Year)
	}
	return p
}

// clusters is the number of organisations, G.
func (p *panelData) clusters() int { return len(p.orgStart) - 1 }

// design is a regression after the within-organisation transformation: every column and the outcome
// have had their organisation means removed, so OLS on it gives the coefficients of the model with
// organisation dummies. Rows keep the panel's order, so organisation g owns rows orgStart[g]:orgStart[g+1].
type design struct {
	n, k     int
	x        []float64 // n×k, row-major
	y        []float64
	orgStart []int
}

// withinDesign builds the demeaned design of k regressors; fill writes the raw regressors of row i.
func withinDesign(p *panelData, k int, fill func(i int, row []float64)) *design {
	n := len(p.rows)
	d := &design{n: n, k: k, x: make([]float64, n*k), y: make([]float64, n), orgStart: p.orgStart}
	for i, r := range p.rows {
		fill(i, d.x[i*k:(i+1)*k])
		d.y[i] = r.Mean
	}
	mean := make([]float64, k+1)
	for g := range p.clusters() {
		lo, hi := p.orgStart[g], p.orgStart[g+1]
		clear(mean)
		for i := lo; i < hi; i++ {
			for j := range k {
				mean[j] += d.x[i*k+j]
			}
			mean[k] += d.y[i]
		}
		m := float64(hi - lo)
		for j := range mean {
			mean[j] /= m
		}
		for i := lo; i < hi; i++ {
			for j := range k {
				d.x[i*k+j] -= mean[j]
			}
			d.y[i] -= mean[k]
		}
	}
	// A singleton organisation's rows are now exactly zero: it adds nothing to the estimate or to the
	// clustered meat, but it still counts in N and G, as in Stata's xtreg, fe.
	return d
}

// crossProducts adds the contribution X_g'X_g (k×k, row-major, full) and X_g'y_g of organisation g into
// xtx and xty.
func (d *design) crossProducts(g int, xtx, xty []float64) {
	k := d.k
	for i := d.orgStart[g]; i < d.orgStart[g+1]; i++ {
		row := d.x[i*k : (i+1)*k]
		yi := d.y[i]
		for a, xa := range row {
			if xa == 0 {
				continue
			}
			xty[a] += xa * yi
			for b := a; b < k; b++ {
				xtx[a*k+b] += xa * row[b]
			}
		}
	}
	for a := range k {
		for b := range a {
			xtx[a*k+b] = xtx[b*k+a]
		}
	}
}

// restrictionTiming classifies each organisation's restriction history from all its rows. A council is
// absorbing if it stays restricted from its first restricted year on, reversing if it is unrestricted in
// a later year, always restricted if restricted in the first year of the data, and of unknown timing
// when it has no row at all for the survey year before its first restricted one (it may have
// restricted then).
func restrictionTiming(in []OrgYear) map[int32]orgTiming {
	var years []int32
	byOrg := map[int32][]OrgYear{}
	for _, r := range in {
		years = append(years, r.Year)
		byOrg[r.Org] = append(byOrg[r.Org], r)
	}
	slices.Sort(years)
	years = slices.Compact(years)
	out := make(map[int32]orgTiming, len(byOrg))
	for org, rows := range byOrg {
		slices.SortFunc(rows, func(a, b OrgYear) int { return cmp.Compare(a.Year, b.Year) })
		t := orgTiming{history: historyNever}
		for _, r := range rows {
			switch {
			case r.Restricted && t.first == 0:
				t.first, t.history = r.Year, historyAbsorbing
			case !r.Restricted && t.first != 0:
				t.history = historyReversing
			}
		}
		if t.history == historyAbsorbing {
			j, _ := slices.BinarySearch(years, t.first)
			switch {
			case j == 0:
				t.history = historyAlways
			case !slices.ContainsFunc(rows, func(r OrgYear) bool { return r.Year == years[j-1] }):
				t.history = historyUnknownTiming
			}
		}
		out[org] = t
	}
	return out
}
