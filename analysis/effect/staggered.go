// Callaway and Sant'Anna's group-time average treatment effects ATT(g, t) for staggered adoption,
// without covariates, and their aggregations, following R's `did` package (att_gt and aggte):
//
//	Callaway, B. and Sant'Anna, P. H. C. (2021), "Difference-in-Differences with multiple time
//	periods", Journal of Econometrics 225(2), 200–230.
//
// Each ATT(g, t) is a 2×2 difference in differences: the change in satisfaction of the councils that
// first restricted in year g (cohort g) between a base year and year t, minus the same change among
// control councils (never restricted, or not yet restricted by year t). As in did's default
// base_period = "varying", the base year of a post-period cell (t ≥ g) is the last year before g, and
// the base of a pre-period cell (t < g) is the year before t, so a pre-period cell is a one-year
// placebo change. Without covariates did's doubly robust, regression and IPW estimators all reduce to
// this difference of mean changes; the test reproduces did's mpdta example to 1e-10.
//
// It assumes parallel trends in the absence of restriction between each cohort and its controls (for
// not-yet-treated controls, also among later cohorts before they restrict), no anticipation, and an
// absorbing treatment: councils that lift a restriction are left out (see reversal.go).
//
// Unlike did, which balances the panel by dropping councils missing in any year, a cell here uses the
// councils observed in both of its years; on a balanced panel the two agree exactly.

package effect

import (
	"math"
	"slices"
)

// ControlGroup says which councils serve as controls for a cohort.
type ControlGroup int

const (
	// ControlNotYetTreated uses never-restricted councils and those that restrict after both years of
	// a cell (did's control_group = "notyettreated"). The default.
	ControlNotYetTreated ControlGroup = iota
	// ControlNeverTreated uses only never-restricted councils (did's "nevertreated").
	ControlNeverTreated
)

// String is the control group's name in restriction_effect.json.
func (c ControlGroup) String() string {
	if c == ControlNeverTreated {
		return "never_treated"
	}
	return "not_yet_treated"
}

// gtPanel is a panel of units by years for the group-time estimator: y[u*T+j] is unit u's outcome in
// years[j] (NaN when not observed), group[u] the first treated year (0 never treated).
type gtPanel struct {
	years []int32
	y     []float64
	group []int32
}

func (p *gtPanel) units() int { return len(p.group) }

// gtCell is one ATT(g, t) with its influence function, scaled as did scales it: the variance of the
// estimate is Σ_i inf_i² / n², with n the number of units.
type gtCell struct {
	group, year, base int32
	att, se           float64
	inf               []float64
	treated, controls int
	post              bool
}

// gtFit holds every estimable ATT(g, t) and what the aggregations need.
type gtFit struct {
	p       *gtPanel
	n       int
	cells   []gtCell
	cohorts []int32           // treated cohorts with at least one cell, increasing
	share   map[int32]float64 // share of all units in each cohort, did's pg
}

// fitGroupTime estimates every ATT(g, t) that has treated and control units. Cohorts first treated in
// or before the first year have no untreated base year and are left out, as did drops them.
func fitGroupTime(p *gtPanel, control ControlGroup) *gtFit {
	T := len(p.years)
	n := p.units()
	f := &gtFit{p: p, n: n, share: map[int32]float64{}}
	cohortSet := map[int32]bool{}
	for _, g := range p.group {
		if g != 0 {
			f.share[g]++
			cohortSet[g] = true
		}
	}
	for g := range f.share {
		f.share[g] /= float64(n)
	}
	var cohorts []int32
	for g := range cohortSet {
		cohorts = append(cohorts, g)
	}
	slices.Sort(cohorts)
	dy := make([]float64, n)
	for _, g := range cohorts {
		// bg is the index of the last year before g: the base of every post-period cell.
		bg := -1
		for j, y := range p.years {
			if y < g {
				bg = j
			}
		}
		if bg < 0 {
			continue
		}
		any := false
		for tj := 1; tj < T; tj++ {
			t := p.years[tj]
			bj := tj - 1
			if t >= g {
				bj = bg
			}
			base := p.years[bj]
			c := gtCell{group: g, year: t, base: base, post: t >= g}
			var sumT, sumC float64
			for u := range n {
				yt, yb := p.y[u*T+tj], p.y[u*T+bj]
				if math.IsNaN(yt) || math.IsNaN(yb) {
					dy[u] = math.NaN()
					continue
				}
				dy[u] = yt - yb
				switch gu := p.group[u]; {
				case gu == g:
					c.treated++
					sumT += dy[u]
				case isControl(gu, g, max(t, base), control):
					c.controls++
					sumC += dy[u]
				}
			}
			if c.treated == 0 || c.controls == 0 {
				continue
			}
			mT, mC := sumT/float64(c.treated), sumC/float64(c.controls)
			c.att = mT - mC
			c.inf = make([]float64, n)
			nf := float64(n)
			ss := 0.0
			for u := range n {
				if math.IsNaN(dy[u]) {
					continue
				}
				switch gu := p.group[u]; {
				case gu == g:
					c.inf[u] = nf / float64(c.treated) * (dy[u] - mT)
				case isControl(gu, g, max(t, base), control):
					c.inf[u] = -nf / float64(c.controls) * (dy[u] - mC)
				}
				ss += c.inf[u] * c.inf[u]
			}
			c.se = math.Sqrt(ss) / nf
			f.cells = append(f.cells, c)
			any = true
		}
		if any {
			f.cohorts = append(f.cohorts, g)
		}
	}
	return f
}

// isControl reports whether a unit of cohort gu (0 never treated) is a control for cohort g in a cell
// whose later year is last.
func isControl(gu, g, last int32, control ControlGroup) bool {
	if gu == 0 {
		return true
	}
	return control == ControlNotYetTreated && gu != g && gu > last
}

// aggregate is one aggregated effect with its influence function.
type aggregate struct {
	est, se float64
	inf     []float64
}

// aggItem is one term of an aggregation: an effect, its influence function and its cohort's share.
type aggItem struct {
	cohort int32
	share  float64
	est    float64
	inf    []float64
}

// combine is did's get_agg_inf_func: the weighted average of items with weights proportional to their
// cohort shares (or equal weights when equal is set). With estimated set, the weights are treated as
// estimated from the cohort sizes and their influence function, did's wif, is added:
//
//	wif_ik = (1{G_i = g_k} − pg_k)/S − pg_k/S² · Σ_l (1{G_i = g_l} − pg_l),   S = Σ_l pg_l,
//
// so the influence function of the aggregate is Σ_k w_k inf_ik + Σ_k wif_ik·est_k.
func (f *gtFit) combine(items []aggItem, equal, estimated bool) aggregate {
	n := f.n
	a := aggregate{inf: make([]float64, n)}
	if len(items) == 0 {
		return a
	}
	s := 0.0
	for _, it := range items {
		s += it.share
	}
	for _, it := range items {
		w := it.share / s
		if equal {
			w = 1 / float64(len(items))
		}
		a.est += w * it.est
		for i, v := range it.inf {
			a.inf[i] += w * v
		}
	}
	if estimated {
		// Σ_k est_k·(1{G_i=g_k} − pg_k)/S, and Σ_l (1{G_i=g_l} − pg_l) for the second term.
		wEst := 0.0 // Σ_k pg_k est_k / S²
		for _, it := range items {
			wEst += it.share * it.est
		}
		wEst /= s * s
		for i := range n {
			gi := f.p.group[i]
			first, sumInd := 0.0, 0.0
			for _, it := range items {
				ind := -it.share
				if gi == it.cohort {
					ind++
				}
				first += ind * it.est
				sumInd += ind
			}
			a.inf[i] += first/s - sumInd*wEst
		}
	}
	ss := 0.0
	for _, v := range a.inf {
		ss += v * v
	}
	a.se = math.Sqrt(ss) / float64(n)
	return a
}

func (f *gtFit) item(c *gtCell) aggItem {
	return aggItem{cohort: c.group, share: f.share[c.group], est: c.att, inf: c.inf}
}

// simple is did's aggte(type = "simple"): the post-period cells weighted by cohort size.
func (f *gtFit) simple() aggregate {
	var items []aggItem
	for i := range f.cells {
		if c := &f.cells[i]; c.post {
			items = append(items, f.item(c))
		}
	}
	return f.combine(items, false, true)
}

// dynamicEffect is one event time of did's aggte(type = "dynamic").
type dynamicEffect struct {
	e int32
	aggregate
}

// dynamic aggregates cells by event time e = t − g, weighted by cohort size, and their overall
// average over e ≥ 0 (equal weights, as did).
func (f *gtFit) dynamic() ([]dynamicEffect, aggregate) {
	byE := map[int32][]aggItem{}
	for i := range f.cells {
		c := &f.cells[i]
		byE[c.year-c.group] = append(byE[c.year-c.group], f.item(c))
	}
	var es []int32
	for e := range byE {
		es = append(es, e)
	}
	slices.Sort(es)
	out := make([]dynamicEffect, len(es))
	var post []aggItem
	for i, e := range es {
		out[i] = dynamicEffect{e: e, aggregate: f.combine(byE[e], false, true)}
		if e >= 0 {
			post = append(post, aggItem{est: out[i].est, inf: out[i].inf})
		}
	}
	return out, f.combine(post, true, false)
}

// labelled is an aggregate for one cohort or one calendar year.
type labelled struct {
	key int32
	aggregate
}

// byCohort is did's aggte(type = "group"): each cohort's post-period cells averaged with equal
// weights, and their average weighted by cohort size, with the weights' influence function.
func (f *gtFit) byCohort() ([]labelled, aggregate) {
	var out []labelled
	var items []aggItem
	for _, g := range f.cohorts {
		var cs []aggItem
		for i := range f.cells {
			if c := &f.cells[i]; c.group == g && c.post {
				cs = append(cs, f.item(c))
			}
		}
		if len(cs) == 0 {
			continue
		}
		a := f.combine(cs, true, false)
		out = append(out, labelled{key: g, aggregate: a})
		items = append(items, aggItem{cohort: g, share: f.share[g], est: a.est, inf: a.inf})
	}
	return out, f.combine(items, false, true)
}

// byYear is did's aggte(type = "calendar"): the post-period cells of each year weighted by cohort
// size, and their average over years with equal weights.
func (f *gtFit) byYear() ([]labelled, aggregate) {
	var out []labelled
	var items []aggItem
	for _, t := range f.p.years {
		var cs []aggItem
		for i := range f.cells {
			if c := &f.cells[i]; c.year == t && c.post {
				cs = append(cs, f.item(c))
			}
		}
		if len(cs) == 0 {
			continue
		}
		a := f.combine(cs, false, true)
		out = append(out, labelled{key: t, aggregate: a})
		items = append(items, aggItem{est: a.est, inf: a.inf})
	}
	return out, f.combine(items, true, false)
}
