package synth

import (
	"math"
	"math/rand/v2"

	"github.com/psnbyod/psnbyod/datasets"
)

// The model behind the synthetic tables. Its figures are calibrated to the sector's published
// numbers (see ../shared/docs/domain.md and the seeds quoted there) where one exists, and marked
// ASSUMPTION where we chose them.
const (
	// Satisfaction (1–7): latent score = base + organisation effect + year effect + staff-group
	// effect + BYOD-user effect + restriction effect + noise, rounded and clamped to 1..7.
	satisfactionBase = 4.55 // ASSUMPTION: sector surveys report means around 4.5–5 on the 1–7 scale
	orgEffectSD      = 0.30 // ASSUMPTION
	noiseSD          = 1.20 // ASSUMPTION: respondent-level spread
	byodUserEffect   = 0.25 // ASSUMPTION: staff who use their own device rate ICT higher (seed 000)
	// restrictionEffect is the planted effect of restricting BYOD on the latent score, in scale
	// points: "a significant drop in user satisfaction" (Socitm, seed 000) given a size of our choosing.
	restrictionEffect = -0.45 // ASSUMPTION

	matureUptake           = 0.15 // over 15% of staff at Solihull, a mature scheme (seed 003)
	schemeShare            = 0.65 // ASSUMPTION: share of councils with a BYOD scheme by 2013
	restrictedUptakeFactor = 0.3  // ASSUMPTION: a walled-garden remnant of the scheme survives restriction

	largeCountySpend   = 1_000_000.0 // £ a year to network a large county's buildings (seed 003)
	frameworkSavingMin = 0.25        // regional PSN frameworks cut running costs by over 25% (seed 003)
	frameworkSavingMax = 0.40        // and by up to 40–60% in some programmes (domain.md); we stop at 40%
)

// staffGroupShares and staffGroupEffects: ASSUMPTION.
var (
	staffGroupShares  = [5]float64{0.40, 0.30, 0.15, 0.05, 0.10}
	staffGroupEffects = [5]float64{-0.15, 0.05, 0.10, 0.30, 0.0}
)

// yearEffect is a small common drift in satisfaction, the same for every council.
func yearEffect(year int) float64 {
	return 0.03*float64(year-2011) + 0.04*math.Sin(float64(year))
}

// plan is what the generator decides once per organisation.
type plan struct {
	org           datasets.Organisation
	orgEffect     float64
	hasScheme     bool
	schemeStart   int
	solution      string
	uptake        float64 // mature take-up share
	compliantYear int     // first year PSN compliant
	restrictFrom  int     // first restricted year, 0 if never
	restrictUntil int     // first year the restriction is lifted again, 0 if never lifted
	effects       Effects // how the restriction effect varies
	frameworkFrom int     // first year on a regional framework, 0 if never
	saving        float64
	sites         float64
	spendPerSite  float64
	employeeTrend float64
}

// newPlan draws an organisation's plan from its own random stream.
func newPlan(o datasets.Organisation, rng *rand.Rand) plan {
	p := plan{org: o}
	p.orgEffect = orgEffectSD * rng.NormFloat64()
	p.hasScheme = rng.Float64() < schemeShare
	// Schemes start in 2006–2009, so take-up has finished its three-year ramp by 2011, the first
	// survey year: councils with and without a scheme then share the same trend in satisfaction,
	// and the only thing that moves a council's satisfaction against the others is a restriction.
	// (An earlier model with schemes starting up to 2013 made restricting councils, all of them
	// scheme holders, drift up as take-up ramped: a parallel-trends violation that biased the
	// difference-in-differences by about 0.008 points.)
	p.schemeStart = 2006 + rng.IntN(4) // 2006..2009
	p.solution = [...]string{"container", "thin_client", "both"}[rng.IntN(3)]
	p.uptake = matureUptake * math.Exp(0.25*rng.NormFloat64())
	// PSN compliance: most councils certified in 2013–2014, around the April 2014 deadline; a few
	// (about 20 of 588 in 2014, domain.md) later.
	switch u := rng.Float64(); {
	case u < 0.20:
		p.compliantYear = 2012
	case u < 0.55:
		p.compliantYear = 2013
	case u < 0.965:
		p.compliantYear = 2014
	case u < 0.99:
		p.compliantYear = 2015
	default:
		p.compliantYear = 2017
	}
	// The wave of BYOD restrictions in 2013–2014: councils with a scheme that certified under the
	// tightened Code of Connection often restricted it (ASSUMPTION: 60%; 20% of the 2012 certifiers
	// restricted when the code tightened in 2013).
	if p.hasScheme {
		switch {
		case p.compliantYear == 2013 || p.compliantYear == 2014:
			if rng.Float64() < 0.60 {
				p.restrictFrom = p.compliantYear
			}
		case p.compliantYear == 2012:
			if rng.Float64() < 0.20 {
				p.restrictFrom = 2013
			}
		}
	}
	if rng.Float64() < 0.40 { // ASSUMPTION: 40% join a regional framework once connected
		p.frameworkFrom = max(p.compliantYear, 2013) + rng.IntN(2)
		p.saving = frameworkSavingMin + (frameworkSavingMax-frameworkSavingMin)*rng.Float64()
	}
	// Sites and spend: a large county (about 8,000 staff) has about 200 sites at about £5,000 each,
	// so about £1m a year (seed 003). Sites grow less than in proportion to staff (ASSUMPTION).
	emp := float64(max(o.Employees, 50))
	p.sites = math.Max(3, 200*math.Pow(emp/8000, 0.8)*math.Exp(0.3*rng.NormFloat64()))
	p.spendPerSite = largeCountySpend / 200 * math.Exp(0.2*rng.NormFloat64())
	p.employeeTrend = -0.02 + 0.01*rng.NormFloat64() // austerity: headcount falls about 2% a year
	return p
}

func (p *plan) restricted(year int) bool {
	return p.restrictFrom != 0 && year >= p.restrictFrom && (p.restrictUntil == 0 || year < p.restrictUntil)
}

// Effects says how the planted restriction effect varies across councils and years.
type Effects string

const (
	// EffectsConstant plants one effect, RestrictionEffect, for every restricted org-year, and
	// restrictions are never lifted: the model the default dataset uses.
	EffectsConstant Effects = "constant"
	// EffectsCohort plants a different effect for each cohort (first restricted year) and adds a third
	// cohort restricting in 2015 (2015 certifiers, and 2014 certifiers that waited a year).
	EffectsCohort Effects = "cohort"
	// EffectsDynamic plants cohort effects that grow with every further restricted year: the case in
	// which two-way fixed effects is biased.
	EffectsDynamic Effects = "dynamic"
	// EffectsReversal plants the constant effect, but some councils lift their restriction after one
	// or two years (the Cabinet Office eased its regime in 2014).
	EffectsReversal Effects = "reversal"
)

// ASSUMPTIONS of the varying-effect models: the first councils to restrict, under the 2013
// tightening, walled BYOD off hardest, later ones used lighter containers; frustration builds with every further restricted year; 30% of
// restricting councils relax after one or two years; 30% of 2014 restrictions wait until 2015.
var cohortEffects = map[int]float64{2013: -0.45, 2014: -0.30, 2015: -0.20}

const (
	dynamicEffectPerYear = -0.25
	reversalShare        = 0.30
	lateCohortShare      = 0.60 // 2015 certifiers with a scheme that restrict, as the 2013–2014 ones
	delayedShare         = 0.30 // 2014 certifiers that waited a year to restrict: the 2015 cohort
)

// applyEffects adjusts a plan for a varying-effect model, with draws taken after all of newPlan's, so
// the constant model (and the default dataset) is unchanged.
func (p *plan) applyEffects(e Effects, rng *rand.Rand) {
	p.effects = e
	if e == EffectsConstant || e == "" {
		return
	}
	late, delay, relax, after := rng.Float64(), rng.Float64(), rng.Float64(), rng.IntN(2)
	if p.hasScheme && p.compliantYear == 2015 && late < lateCohortShare {
		p.restrictFrom = 2015
	}
	if p.restrictFrom == 2014 && delay < delayedShare {
		p.restrictFrom = 2015
	}
	if e == EffectsReversal && p.restrictFrom != 0 && relax < reversalShare {
		p.restrictUntil = p.restrictFrom + 1 + after
	}
}

// restrictionEffect is the planted latent effect of restriction in a restricted year.
func (p *plan) restrictionEffect(year int) float64 {
	switch p.effects {
	case EffectsCohort:
		return cohortEffects[p.restrictFrom]
	case EffectsDynamic:
		return cohortEffects[p.restrictFrom] + dynamicEffectPerYear*float64(year-p.restrictFrom)
	}
	return restrictionEffect
}

// uptakeShare is the share of staff enrolled in BYOD in a year, restricted or not as asked.
func (p *plan) uptakeShare(year int, restricted bool) float64 {
	if !p.hasScheme || year < p.schemeStart {
		return 0
	}
	ramp := math.Min(1, float64(year-p.schemeStart+1)/3)
	u := p.uptake * ramp
	if restricted {
		u *= restrictedUptakeFactor
	}
	return u
}

// byodUseProbability is the chance a respondent uses their own device for work.
func byodUseProbability(uptake float64) float64 {
	return math.Min(0.9, 0.02+1.2*uptake)
}

func (p *plan) employees(year int) int64 {
	e := float64(p.org.Employees) * math.Exp(p.employeeTrend*float64(year-2011))
	return int64(math.Round(e))
}

func (p *plan) psnStatus(year int) string {
	switch {
	case year >= p.compliantYear:
		return "compliant"
	case year >= 2014: // missed the April 2014 deadline
		return "non_compliant"
	case year == p.compliantYear-1:
		return "pending"
	}
	return "not_connected"
}

// latentMean is the mean of the latent score for a respondent.
func (p *plan) latentMean(year int, staff uint8, byod, restricted bool) float64 {
	m := satisfactionBase + p.orgEffect + yearEffect(year) + staffGroupEffects[staff]
	if byod {
		m += byodUserEffect
	}
	if restricted {
		m += p.restrictionEffect(year)
	}
	return m
}

// score rounds and clamps a latent value to the 1–7 scale.
func score(x float64) int8 {
	return int8(math.Max(1, math.Min(7, math.Round(x))))
}

// expectedScore is E[score(μ + ε)], ε ~ N(0, noiseSD²), exactly: the probabilities of the seven
// rounding intervals from the normal distribution function.
func expectedScore(mu float64) float64 {
	cdf := func(x float64) float64 { return 0.5 * math.Erfc(-(x-mu)/(noiseSD*math.Sqrt2)) }
	e := 0.0
	prev := 0.0
	for k := 1; k <= 7; k++ {
		c := 1.0
		if k < 7 {
			c = cdf(float64(k) + 0.5)
		}
		e += float64(k) * (c - prev)
		prev = c
	}
	return e
}

// expectedOrgYearScore is the expected satisfaction score of a respondent in an org-year, averaging
// over staff groups and BYOD use.
func (p *plan) expectedOrgYearScore(year int, restricted bool) float64 {
	pb := byodUseProbability(p.uptakeShare(year, restricted))
	e := 0.0
	for g, share := range staffGroupShares {
		e += share * ((1-pb)*expectedScore(p.latentMean(year, uint8(g), false, restricted)) +
			pb*expectedScore(p.latentMean(year, uint8(g), true, restricted)))
	}
	return e
}
