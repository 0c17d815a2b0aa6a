package benchmark

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// Funnel plots (Spiegelhalter 2005, "Funnel plots for comparing institutional performance", Stat Med
// 24:1185–1202) plot each org-year's value against its number of respondents n, with control limits
// target ± z·σ/√n that narrow as n grows; a point outside the 99.8% limits is unlikely to differ from the
// target by chance alone. One funnel per KPI and year, across all organisations (the sector's funnel).
//
//   - satisfaction_mean: target = the year's respondent-level weighted mean Σw·x / Σw over all org-years
//     (the sector value, as PHE funnels use the England value). σ is the pooled within-org-year SD,
//     σ² = [Σ_g Σ_i w_i (x_i − x̄_g)² / Σ_g W_g] · N / (N − G), with N respondents in G org-years: with
//     equal weights it is the classical pooled variance Σ_g (n_g − 1) s_g² / (N − G). Limits are clamped
//     to the scale 1..7.
//   - satisfied_share: target p̄ = the year's weighted share Σ_{x≥5} w / Σw; σ = sqrt(p̄(1 − p̄)), i.e. the
//     normal approximation to the binomial, p̄ ± z·sqrt(p̄(1 − p̄)/n) (Spiegelhalter 2005 §3.1). With at
//     least 100 respondents (the sector's rule) the exact-binomial limits differ by less than one
//     respondent's worth; limits are clamped to 0..1.
//
// n is the unweighted number of respondents, as the sector plots it; survey weights near 1 make the
// effective sample size close to n (KPI.EffectiveRespondents shows it).

// Z95 and Z998 are the two-sided normal quantiles of the 95% and 99.8% limits: Φ⁻¹(0.975) ≈ 1.959964
// and Φ⁻¹(0.999) ≈ 3.090232.
var (
	Z95  = distuv.UnitNormal.Quantile(0.975)
	Z998 = distuv.UnitNormal.Quantile(0.999)
)

// Funnel is one KPI's funnel in one year: the target and σ that give the limits at any n.
type Funnel struct {
	KPI    string  `json:"kpi"`
	Year   int32   `json:"year"`
	Target float64 `json:"target"`
	Sigma  float64 `json:"sigma"`
	// Min and Max are the KPI's range; limits are clamped to it.
	Min float64 `json:"min"`
	Max float64 `json:"max"`
	// OrgYears is the number of org-years with respondents in the funnel.
	OrgYears int `json:"org_years"`
	// Phi is the dispersion ratio and Tau2 the DerSimonian–Laird between-organisation variance, both
	// from the z-scores winsorised at Trim at each end (0: not winsorised; see overdispersion.go);
	// Adjustment is the one the adjusted limits use.
	Phi        float64    `json:"phi"`
	Tau2       float64    `json:"tau2"`
	Trim       float64    `json:"trim"`
	Adjustment Adjustment `json:"adjustment"`
	// Scale is the scale on which φ, τ² and the adjusted limits are computed: ScaleIdentity for the
	// mean, ScaleArcsine for the share (see overdispersion.go).
	Scale string `json:"scale"`
}

// The scales of a funnel's overdispersion adjustment.
const (
	ScaleIdentity = "identity"     // the KPI's own scale, s = σ/√n
	ScaleArcsine  = "arcsine_sqrt" // asin(√p), s = 1/(2√n), as FunnelPlotR's proportions
)

// limits returns the control limits target ± z·σ/√n, clamped to [Min, Max], for drawing the funnel.
func (f Funnel) limits(n, z float64) (lo, hi float64) {
	h := z * f.Sigma / math.Sqrt(n)
	return max(f.Target-h, f.Min), min(f.Target+h, f.Max)
}

// FunnelPoint is one org-year on one funnel.
type FunnelPoint struct {
	OrgCode     string  `json:"org_code"`
	Year        int32   `json:"year"`
	KPI         string  `json:"kpi"`
	Respondents int64   `json:"respondents"`
	Value       float64 `json:"value"`
	Target      float64 `json:"target"`
	Lower95     float64 `json:"lower_95"`
	Upper95     float64 `json:"upper_95"`
	Lower998    float64 `json:"lower_998"`
	Upper998    float64 `json:"upper_998"`
	// Flag95 and Flag998 are "above", "below" or "within" (a point on a limit is within).
	Flag95  string `json:"flag_95"`
	Flag998 string `json:"flag_998"`
	// Adjustment names the overdispersion adjustment of the Adj limits and flags; Phi and Tau2 are the
	// funnel's estimates (at its Funnel.Trim). With AdjustNone the Adj fields repeat the unadjusted ones.
	Adjustment  Adjustment `json:"adjustment"`
	Phi         float64    `json:"phi"`
	Tau2        float64    `json:"tau2"`
	AdjLower95  float64    `json:"adj_lower_95"`
	AdjUpper95  float64    `json:"adj_upper_95"`
	AdjLower998 float64    `json:"adj_lower_998"`
	AdjUpper998 float64    `json:"adj_upper_998"`
	AdjFlag95   string     `json:"adj_flag_95"`
	AdjFlag998  string     `json:"adj_flag_998"`
}

// Funnels computes the funnels of satisfaction_mean and satisfied_share for every year, and each
// org-year's point on them, with limits unadjusted and adjusted for overdispersion by adj, φ and τ² from
// z-scores winsorised at trim at each end (trim must pass CheckTrim; DefaultTrim does not winsorise).
// Org-years without respondents have no point. Sums run in KPI row order, so results are deterministic.
func Funnels(kpis []KPI, adj Adjustment, trim float64) ([]Funnel, []FunnelPoint) {
	type sums struct {
		w, wx, wSat, within float64
		n                   int64
		g                   int
	}
	byYear := map[int32]*sums{}
	for i := range kpis {
		k := &kpis[i]
		if k.Respondents == 0 {
			continue
		}
		s := byYear[k.Year]
		if s == nil {
			s = &sums{}
			byYear[k.Year] = s
		}
		sv := &k.Survey
		s.w += sv.SumWeight
		for v, w := range sv.Weights { // from the bins, not mean·W, so nothing is rounded twice
			s.wx += float64(v+1) * w
			if v+1 >= 5 {
				s.wSat += w
			}
		}
		s.within += sv.WithinSS
		s.n += sv.Respondents
		s.g++
	}
	funnels := map[int32][2]Funnel{}
	for y, s := range byYear {
		mean := Funnel{KPI: "satisfaction_mean", Year: y, Target: s.wx / s.w, Min: 1, Max: Scores, OrgYears: s.g, Scale: ScaleIdentity}
		if s.n > int64(s.g) {
			mean.Sigma = math.Sqrt(s.within / s.w * float64(s.n) / float64(s.n-int64(s.g)))
		}
		p := min(max(s.wSat/s.w, 0), 1)
		share := Funnel{KPI: "satisfied_share", Year: y, Target: p, Sigma: math.Sqrt(p * (1 - p)), Min: 0, Max: 1, OrgYears: s.g, Scale: ScaleArcsine}
		funnels[y] = [2]Funnel{mean, share}
	}

	// Overdispersion per KPI and year, from the z-scores of its org-years in KPI row order.
	type zs struct{ z, s []float64 }
	zByYear := map[int32]*[2]zs{}
	for i := range kpis {
		k := &kpis[i]
		if k.Respondents == 0 {
			continue
		}
		fs := funnels[k.Year]
		acc := zByYear[k.Year]
		if acc == nil {
			acc = &[2]zs{}
			zByYear[k.Year] = acc
		}
		for j, v := range [2]float64{k.Survey.Mean, k.Survey.SatisfiedShare} {
			if z, se, ok := fs[j].zScore(v, k.Respondents); ok {
				acc[j].z = append(acc[j].z, z)
				acc[j].s = append(acc[j].s, se)
			}
		}
	}
	for y, fs := range funnels {
		for j := range fs {
			fs[j].Adjustment, fs[j].Trim = adj, trim
			if acc := zByYear[y]; acc != nil {
				fs[j].Phi, fs[j].Tau2 = dispersion(acc[j].z, acc[j].s, trim)
			}
		}
		funnels[y] = fs
	}

	var points []FunnelPoint
	for i := range kpis {
		k := &kpis[i]
		if k.Respondents == 0 {
			continue
		}
		fs := funnels[k.Year]
		for j, v := range [2]float64{k.Survey.Mean, k.Survey.SatisfiedShare} {
			f := fs[j]
			n := float64(k.Respondents)
			pt := FunnelPoint{OrgCode: k.OrgCode, Year: k.Year, KPI: f.KPI, Respondents: k.Respondents, Value: v, Target: f.Target}
			pt.Lower95, pt.Upper95 = f.limits(n, Z95)
			pt.Lower998, pt.Upper998 = f.limits(n, Z998)
			pt.Flag95 = flag(v, pt.Lower95, pt.Upper95)
			pt.Flag998 = flag(v, pt.Lower998, pt.Upper998)
			pt.Adjustment, pt.Phi, pt.Tau2 = adj, f.Phi, f.Tau2
			pt.AdjLower95, pt.AdjUpper95 = f.AdjustedLimits(n, Z95, adj)
			pt.AdjLower998, pt.AdjUpper998 = f.AdjustedLimits(n, Z998, adj)
			pt.AdjFlag95 = flag(v, pt.AdjLower95, pt.AdjUpper95)
			pt.AdjFlag998 = flag(v, pt.AdjLower998, pt.AdjUpper998)
			points = append(points, pt)
		}
	}

	out := make([]Funnel, 0, 2*len(funnels))
	for _, fs := range funnels {
		out = append(out, fs[0], fs[1])
	}
	slices.SortFunc(out, func(a, b Funnel) int { return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.KPI, b.KPI)) })
	return out, points
}

// TrimComparison is the funnels' overdispersion estimated at another trim than the one their limits use,
// under the same adjustment: φ and τ² per KPI and year, and per KPI how many org-years would then fall
// outside the adjusted limits. It lets a reader see what the choice of trim does on their data.
type TrimComparison struct {
	Trim    float64        `json:"trim"`
	Funnels []Funnel       `json:"funnels"`
	Outside []OutsideCount `json:"outside"`
}

// OutsideCount is how many of a KPI's org-years, over all years, fall outside its adjusted 95% and
// 99.8% limits.
type OutsideCount struct {
	KPI        string `json:"kpi"`
	OrgYears   int    `json:"org_years"`
	Outside95  int    `json:"outside_95"`
	Outside998 int    `json:"outside_998"`
}

// CompareTrim computes the funnels of kpis under adj at trim and counts the org-years outside their
// adjusted limits (see TrimComparison).
func CompareTrim(kpis []KPI, adj Adjustment, trim float64) *TrimComparison {
	fs, pts := Funnels(kpis, adj, trim)
	return &TrimComparison{Trim: trim, Funnels: fs, Outside: CountOutside(pts)}
}

// CountOutside counts, per KPI (in name order) over all years, the points whose adjusted flags are not
// "within".
func CountOutside(pts []FunnelPoint) []OutsideCount {
	by := map[string]*OutsideCount{}
	var out []OutsideCount
	for _, p := range pts {
		c := by[p.KPI]
		if c == nil {
			c = &OutsideCount{KPI: p.KPI}
			by[p.KPI] = c
		}
		c.OrgYears++
		if p.AdjFlag95 != "within" {
			c.Outside95++
		}
		if p.AdjFlag998 != "within" {
			c.Outside998++
		}
	}
	for _, c := range by {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b OutsideCount) int { return cmp.Compare(a.KPI, b.KPI) })
	return out
}

// flag places v against the limits.
func flag(v, lo, hi float64) string {
	switch {
	case v > hi:
		return "above"
	case v < lo:
		return "below"
	}
	return "within"
}
