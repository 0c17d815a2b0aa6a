// Package synth generates complete synthetic datasets that follow the data contract, at any scale,
// with a planted restriction effect recorded in truth.json so analyses can be tested for finding it.
package synth

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/resultfile"
)

// Config says what to generate.
type Config struct {
	Orgs              int // how many organisations; 0 means every base organisation
	FirstYear         int
	LastYear          int
	RespondentsPerOrg int // average respondents per organisation per year
	Seed              uint64
	Format            datasets.Format
	Workers           int                     // 0: one per core; the output is the same for any number
	Progress          func(done, total int64) // survey rows written
	// SkipOrganisations leaves the organisations table out, for a folder that already has it (the
	// default dataset keeps its real organisations as readable CSV).
	SkipOrganisations bool
	// Compact writes Parquet with zstd instead of Snappy: smaller files, slower to write (the
	// embedded default dataset uses it).
	Compact bool
	// Effects is how the planted effect varies: constant (the default when empty), cohort, dynamic or
	// reversal.
	Effects Effects
}

// Validate checks a configuration.
func (c Config) Validate() error {
	switch {
	case c.Orgs < 0:
		return fmt.Errorf("--orgs %d: expected 0 (all) or more", c.Orgs)
	case c.FirstYear < datasets.MinYear || c.LastYear > datasets.MaxYear || c.FirstYear > c.LastYear:
		return fmt.Errorf("--years %d-%d: expected a range within %d-%d, first ≤ last", c.FirstYear, c.LastYear, datasets.MinYear, datasets.MaxYear)
	case c.RespondentsPerOrg < 1:
		return fmt.Errorf("--respondents-per-org %d: expected at least 1", c.RespondentsPerOrg)
	case c.Effects != "" && c.Effects != EffectsConstant && c.Effects != EffectsCohort && c.Effects != EffectsDynamic && c.Effects != EffectsReversal:
		return fmt.Errorf("--effects %q: expected constant, cohort, dynamic or reversal", c.Effects)
	case c.Format != datasets.FormatCSV && c.Format != datasets.FormatParquet:
		return fmt.Errorf("--format %q: expected parquet or csv", c.Format)
	}
	return nil
}

// Truth records the parameters the generator planted.
type Truth struct {
	Seed                 uint64  `json:"seed"`
	Organisations        int     `json:"organisations"`
	FirstYear            int     `json:"first_year"`
	LastYear             int     `json:"last_year"`
	RespondentsPerOrg    int     `json:"respondents_per_org"`
	SurveyRows           int64   `json:"survey_rows"`
	RestrictedOrgYears   int     `json:"restricted_org_years"`
	RestrictionEffect    float64 `json:"restriction_effect"`
	RestrictionEffectMin float64 `json:"restriction_effect_min"`
	RestrictionEffectMax float64 `json:"restriction_effect_max"`
	LatentEffect         float64 `json:"restriction_effect_latent"`
	BYODUserEffect       float64 `json:"byod_user_effect_latent"`
	NoiseSD              float64 `json:"satisfaction_noise_sd"`
	OrgEffectSD          float64 `json:"org_effect_sd"`
	FrameworkSavingMin   float64 `json:"framework_saving_min"`
	FrameworkSavingMax   float64 `json:"framework_saving_max"`
	MatureUptake         float64 `json:"mature_byod_uptake"`
	Note                 string  `json:"note"`
	// The varying-effect models (--effects other than constant) also record the true effect of every
	// cohort in every restricted year and its aggregates with the weights of R did's aggte, over the
	// councils that never lift their restriction, and which councils lift it.
	Effects           Effects     `json:"effects,omitempty"`
	GroupTime         []TruthCell `json:"group_time,omitempty"`
	SimpleATT         *float64    `json:"simple_att,omitempty"`
	EventTime         []TruthCell `json:"event_time,omitempty"`
	ReversingCouncils []string    `json:"reversing_councils,omitempty"`
}

// TruthCell is the true average effect (observed scale) of a cohort in a year, or at an event time.
type TruthCell struct {
	Cohort   int     `json:"cohort,omitempty"`
	Year     int     `json:"year,omitempty"`
	E        *int    `json:"e,omitempty"`
	ATT      float64 `json:"att"`
	Councils int     `json:"councils"`
}

const truthNote = "restriction_effect is the planted effect of a BYOD restriction on the expected " +
	"overall_satisfaction (1–7, scale points) of the restricted org-years, averaged over them, including the " +
	"drop in BYOD use it causes; restriction_effect_latent is the shift of the latent score before rounding " +
	"and clamping. All tables but organisations are synthetic."

// stream numbers keep each part of the model on its own random stream, so that changing one part
// (or the number of workers) never shifts another.
const (
	streamSelect = iota + 1
	streamPlan
	streamSurveyCount
	streamTables
)

// Generate writes organisations, devices, network and survey_responses into dir, and returns the
// truth. base is the list of real organisations to draw from.
func Generate(ctx context.Context, base []datasets.Organisation, cfg Config, dir string) (*Truth, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if len(base) == 0 {
		return nil, fmt.Errorf("no base organisations to draw from")
	}
	orgs := chooseOrgs(base, cfg.Orgs, cfg.Seed)
	plans := make([]plan, len(orgs))
	for i, o := range orgs {
		rng := rand.New(rand.NewPCG(cfg.Seed, streamID(streamPlan, i, 0, 0)))
		plans[i] = newPlan(o, rng)
		plans[i].applyEffects(cfg.Effects, rng)
	}
	years := make([]int, 0, cfg.LastYear-cfg.FirstYear+1)
	for y := cfg.FirstYear; y <= cfg.LastYear; y++ {
		years = append(years, y)
	}
	counts := surveyCounts(plans, years, cfg)
	truth := computeTruth(plans, years, counts, cfg)
	ext := "." + string(cfg.Format)
	if !cfg.SkipOrganisations {
		if err := writeOrganisations(filepath.Join(dir, datasets.TableOrganisations+ext), cfg.Format, orgs); err != nil {
			return nil, err
		}
	}
	if err := writeDevices(filepath.Join(dir, datasets.TableDevices+ext), cfg.Format, plans, years, cfg.Seed); err != nil {
		return nil, err
	}
	if err := writeNetwork(filepath.Join(dir, datasets.TableNetwork+ext), cfg.Format, plans, years, cfg.Seed); err != nil {
		return nil, err
	}
	if err := writeSurvey(ctx, filepath.Join(dir, datasets.TableSurvey+ext), cfg, plans, years, counts); err != nil {
		return nil, err
	}
	if err := resultfile.WriteJSON(filepath.Join(dir, "truth.json"), truth); err != nil {
		return nil, err
	}
	return truth, nil
}

// streamID packs a part of the model and its coordinates into a PCG stream number.
func streamID(part, org, year, chunk int) uint64 {
	return uint64(part)<<56 | uint64(org)<<28 | uint64(year&0xfff)<<16 | uint64(chunk&0xffff)
}

// chooseOrgs picks n organisations: a seeded sample of the base list, or all of it plus synthetic
// councils modelled on real ones when n is larger.
func chooseOrgs(base []datasets.Organisation, n int, seed uint64) []datasets.Organisation {
	if n == 0 || n == len(base) {
		return slices.Clone(base)
	}
	rng := rand.New(rand.NewPCG(seed, streamID(streamSelect, 0, 0, 0)))
	if n < len(base) {
		idx := rng.Perm(len(base))[:n]
		sort.Ints(idx)
		out := make([]datasets.Organisation, n)
		for i, j := range idx {
			out[i] = base[j]
		}
		return out
	}
	out := slices.Clone(base)
	for i := len(base); i < n; i++ {
		like := base[rng.IntN(len(base))]
		o := like
		o.Code = fmt.Sprintf("X%08d", i-len(base)+1)
		o.Name = fmt.Sprintf("Synthetic council %d (modelled on %s)", i-len(base)+1, like.Name)
		scale := math.Exp(0.3 * rng.NormFloat64())
		o.Population = int64(math.Round(float64(like.Population) * scale))
		o.Employees = int64(math.Round(float64(like.Employees) * scale))
		out = append(out, o)
	}
	return out
}

// surveyCounts draws the number of respondents of every org-year: about RespondentsPerOrg, from 60%
// to 140% of it, and none in about 4% of org-years (councils that did not survey that year).
func surveyCounts(plans []plan, years []int, cfg Config) [][]int {
	counts := make([][]int, len(plans))
	for i := range plans {
		rng := rand.New(rand.NewPCG(cfg.Seed, streamID(streamSurveyCount, i, 0, 0)))
		counts[i] = make([]int, len(years))
		for j := range years {
			if rng.Float64() < 0.04 {
				continue
			}
			counts[i][j] = int(math.Round(float64(cfg.RespondentsPerOrg) * (0.6 + 0.8*rng.Float64())))
		}
	}
	return counts
}

// computeTruth works out the planted effect on the observed scale, exactly (from the model's
// normal distribution), for every restricted org-year with respondents.
func computeTruth(plans []plan, years []int, counts [][]int, cfg Config) *Truth {
	t := &Truth{
		Seed: cfg.Seed, Organisations: len(plans), FirstYear: cfg.FirstYear, LastYear: cfg.LastYear,
		RespondentsPerOrg: cfg.RespondentsPerOrg, LatentEffect: restrictionEffect, BYODUserEffect: byodUserEffect,
		NoiseSD: noiseSD, OrgEffectSD: orgEffectSD, FrameworkSavingMin: frameworkSavingMin,
		FrameworkSavingMax: frameworkSavingMax, MatureUptake: matureUptake, Note: truthNote,
		RestrictionEffectMin: math.Inf(1), RestrictionEffectMax: math.Inf(-1),
	}
	sum, n := 0.0, 0
	for i := range plans {
		p := &plans[i]
		for j, y := range years {
			t.SurveyRows += int64(counts[i][j])
			if !p.restricted(y) {
				continue
			}
			t.RestrictedOrgYears++
			if counts[i][j] == 0 {
				continue
			}
			e := p.expectedOrgYearScore(y, true) - p.expectedOrgYearScore(y, false)
			sum += e
			n++
			t.RestrictionEffectMin = math.Min(t.RestrictionEffectMin, e)
			t.RestrictionEffectMax = math.Max(t.RestrictionEffectMax, e)
		}
	}
	if n > 0 {
		t.RestrictionEffect = sum / float64(n)
	} else {
		t.RestrictionEffectMin, t.RestrictionEffectMax = 0, 0
	}
	if cfg.Effects != "" && cfg.Effects != EffectsConstant {
		t.Effects = cfg.Effects
		groupTimeTruth(t, plans, years, counts)
	}
	return t
}

// groupTimeTruth fills the true ATT(g, t): the planted effect on expected satisfaction averaged over
// the councils of cohort g (first restricted year g, never lifting it, restricted after the first
// survey year) with respondents in year t ≥ g; the simple aggregate weights each such cell by its
// cohort's size, and each event time averages its cells weighted by cohort size, as did's aggte.
func groupTimeTruth(t *Truth, plans []plan, years []int, counts [][]int) {
	size := map[int]int{}
	for i := range plans {
		p := &plans[i]
		switch {
		case p.restrictFrom == 0:
		case p.restrictUntil != 0:
			t.ReversingCouncils = append(t.ReversingCouncils, p.org.Code)
		case p.restrictFrom > years[0] && p.restrictFrom <= years[len(years)-1]:
			size[p.restrictFrom]++
		}
	}
	var cohorts []int
	for g := range size {
		cohorts = append(cohorts, g)
	}
	slices.Sort(cohorts)
	byE := map[int][3]float64{} // e → Σ N_g·ATT, Σ N_g, councils
	var simpleNum, simpleDen float64
	for _, g := range cohorts {
		for j, y := range years {
			if y < g {
				continue
			}
			sum, n := 0.0, 0
			for i := range plans {
				p := &plans[i]
				if p.restrictFrom != g || p.restrictUntil != 0 || counts[i][j] == 0 {
					continue
				}
				sum += p.expectedOrgYearScore(y, true) - p.expectedOrgYearScore(y, false)
				n++
			}
			if n == 0 {
				continue
			}
			att := sum / float64(n)
			t.GroupTime = append(t.GroupTime, TruthCell{Cohort: g, Year: y, ATT: att, Councils: n})
			w := float64(size[g])
			simpleNum += w * att
			simpleDen += w
			acc := byE[y-g]
			byE[y-g] = [3]float64{acc[0] + w*att, acc[1] + w, acc[2] + float64(n)}
		}
	}
	if simpleDen > 0 {
		v := simpleNum / simpleDen
		t.SimpleATT = &v
	}
	var es []int
	for e := range byE {
		es = append(es, e)
	}
	slices.Sort(es)
	for _, e := range es {
		e := e
		t.EventTime = append(t.EventTime, TruthCell{E: &e, ATT: byE[e][0] / byE[e][1], Councils: int(byE[e][2])})
	}
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

func workers(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}
