package benchmark

import (
	"math"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// Scores is the number of points on the 1..7 satisfaction scale. Because every satisfaction answer is one
// of seven integers, a per-group histogram (count, Σw and Σw² per score) holds everything the KPIs need:
// means, shares, the exact median and the standard error come from seven bins instead of the raw rows.
const Scores = 7

// bin holds one score's figures in one org-year. The three sums sit together so that one response
// touches one cache line.
type bin struct {
	n  int64   // respondents giving this score (unweighted)
	w  float64 // Σ weight
	w2 float64 // Σ weight², for the standard error and the effective sample size
}

// group holds one org-year's running sums.
type group struct {
	bins  [Scores]bin
	byodW float64 // Σ weight over respondents who use BYOD
	// Remote and device satisfaction are nullable (0 in the batch when null). Σw·x needs no mask
	// because a null contributes w·0; only the weight sums must skip nulls.
	remoteW, remoteWX float64
	deviceW, deviceWX float64
}

// Accumulator folds survey batches into per-org-year histograms. Groups live in one slice indexed by
// org*nYears + (year − minYear), so the hot loop does no map look-ups; the range grows when a batch
// holds an organisation or year outside it.
//
// Floating-point sums depend on the order of addition. datasets.Dataset.ScanSurvey hands batches over
// in file order on one goroutine, so folding them all into one Accumulator adds each org-year's rows
// in file order: the same bits whatever the number of workers and wherever a reader cuts the file
// (CSV and Parquet give identical results). Folds split across goroutines would have to merge
// per-batch partial sums, which would tie the last bits to the batch boundaries. The zero value is an empty
// accumulator.
type Accumulator struct {
	nOrgs   int
	minYear int32
	nYears  int
	groups  []group
	invalid int64
}

// NewAccumulator returns an accumulator sized for nOrgs organisations (indices 0..nOrgs−1 into the
// organisations table) and the years minYear..maxYear. The sizes are a hint: Add grows the range when
// it meets an organisation or year outside it, at the cost of one copy.
func NewAccumulator(nOrgs int, minYear, maxYear int32) *Accumulator {
	a := &Accumulator{}
	if nOrgs > 0 && maxYear >= minYear {
		a.nOrgs = nOrgs
		a.minYear = minYear
		a.nYears = int(maxYear-minYear) + 1
		a.groups = make([]group, a.nOrgs*a.nYears)
	}
	return a
}

// reset empties the accumulator but keeps its range and memory, so a worker can reuse one per batch.
func (a *Accumulator) reset() {
	clear(a.groups)
	a.invalid = 0
}

// Invalid is the number of rows Add skipped because the organisation index was negative or the overall
// satisfaction was outside 1..7. Validated batches never have any; a non-zero count is a reader bug.
func (a *Accumulator) Invalid() int64 { return a.invalid }

// Add folds one batch. It reads the typed columns Org, Year, UsesBYOD, Overall, Remote, Device and
// Weight; the batch may be released afterwards.
func (a *Accumulator) Add(b *contract.SurveyBatch) {
	n := len(b.Org)
	// Reslicing to n lets the compiler drop the bounds checks inside the loop.
	orgs, years := b.Org[:n], b.Year[:n]
	byod, overall := b.UsesBYOD[:n], b.Overall[:n]
	remote, device, weight := b.Remote[:n], b.Device[:n], b.Weight[:n]
	for i := range n {
		o, y := orgs[i], years[i]
		v := int(overall[i]) - 1
		if o < 0 || uint(v) >= Scores {
			a.invalid++
			continue
		}
		yi := int(y - a.minYear)
		if int(o) >= a.nOrgs || uint(yi) >= uint(a.nYears) {
			a.grow(int(o)+1, y, y)
			yi = int(y - a.minYear)
		}
		g := &a.groups[int(o)*a.nYears+yi]
		w := weight[i]
		bn := &g.bins[v]
		bn.n++
		bn.w += w
		bn.w2 += w * w
		// The BYOD flag and the null tests are coin flips the branch predictor cannot learn, so they
		// select w or +0 through a bit mask (a conditional move) instead of a branch. Adding +0 leaves
		// every sum bit-identical to skipping the row.
		wb := math.Float64bits(w)
		r, d := remote[i], device[i]
		g.byodW += math.Float64frombits(wb & mask(byod[i]))
		g.remoteW += math.Float64frombits(wb & mask(r > 0))
		g.deviceW += math.Float64frombits(wb & mask(d > 0))
		g.remoteWX += w * float64(r)
		g.deviceWX += w * float64(d)
	}
}

// mask is all ones when c is true and zero otherwise; the compiler emits it without a branch.
func mask(c bool) uint64 {
	var m uint64
	if c {
		m = ^uint64(0)
	}
	return m
}

// grow widens the range to at least nOrgs organisations and the years lo..hi, copying the groups.
func (a *Accumulator) grow(nOrgs int, lo, hi int32) {
	if a.nYears == 0 {
		a.nOrgs, a.minYear, a.nYears = nOrgs, lo, int(hi-lo)+1
		a.groups = make([]group, a.nOrgs*a.nYears)
		return
	}
	newOrgs := max(a.nOrgs, nOrgs)
	newMin := min(a.minYear, lo)
	newMax := max(a.minYear+int32(a.nYears)-1, hi)
	newYears := int(newMax-newMin) + 1
	if newOrgs == a.nOrgs && newMin == a.minYear && newYears == a.nYears {
		return
	}
	groups := make([]group, newOrgs*newYears)
	shift := int(a.minYear - newMin)
	for o := range a.nOrgs {
		copy(groups[o*newYears+shift:], a.groups[o*a.nYears:(o+1)*a.nYears])
	}
	a.nOrgs, a.minYear, a.nYears, a.groups = newOrgs, newMin, newYears, groups
}

// merge adds other's sums into a. Merging per-batch accumulators into an empty one in batch order gives
// the same bytes whatever the number of workers that produced them.
func (a *Accumulator) merge(other *Accumulator) {
	if other.nYears == 0 {
		a.invalid += other.invalid
		return
	}
	a.grow(other.nOrgs, other.minYear, other.minYear+int32(other.nYears)-1)
	shift := int(other.minYear - a.minYear)
	for o := range other.nOrgs {
		dst := a.groups[o*a.nYears+shift : o*a.nYears+shift+other.nYears]
		src := other.groups[o*other.nYears : (o+1)*other.nYears]
		for j := range src {
			d, s := &dst[j], &src[j]
			for v := range d.bins {
				d.bins[v].n += s.bins[v].n
				d.bins[v].w += s.bins[v].w
				d.bins[v].w2 += s.bins[v].w2
			}
			d.byodW += s.byodW
			d.remoteW += s.remoteW
			d.remoteWX += s.remoteWX
			d.deviceW += s.deviceW
			d.deviceWX += s.deviceWX
		}
	}
	a.invalid += other.invalid
}

// Survey is one org-year's survey figures, computed from the histogram. Satisfaction means, SD and
// shares are weighted; the median is unweighted, as in Socitm's and the BENCHMARK workload's tables.
type Survey struct {
	Org  int32 `json:"-"` // index into the organisations table
	Year int32 `json:"year"`
	// Respondents is the unweighted number of responses.
	Respondents int64 `json:"respondents"`
	// SumWeight is W = Σw.
	SumWeight float64 `json:"sum_weight"`
	// Mean is x̄ = Σ_v v·W_v / W, where W_v is the weight sum of score v.
	Mean float64 `json:"satisfaction_mean"`
	// SD is the weighted population SD sqrt(Σ_v W_v (v − x̄)² / W), the BENCHMARK workload's sd_satisfaction.
	SD float64 `json:"sd_satisfaction"`
	// SE is the linearisation (ratio-estimator) standard error of the weighted mean,
	// sqrt( n/(n−1) · Σ_i w_i² (x_i − x̄)² ) / W, computed per bin as Σ_v W2_v (v − x̄)² with W2_v = Σw² in
	// bin v. With equal weights it is s/√n (s the sample SD). Empty when n < 2.
	SE Opt `json:"satisfaction_se"`
	// SatisfiedShare is the weight share with satisfaction ≥ 5.
	SatisfiedShare float64 `json:"satisfied_share"`
	// BYODShare is the weight share of respondents who use BYOD.
	BYODShare float64 `json:"byod_share"`
	// Median is the unweighted median score (mean of the two middle values when n is even).
	Median float64 `json:"satisfaction_median"`
	// RemoteMean and DeviceMean are weighted means over non-null answers; empty when all are null.
	RemoteMean Opt `json:"remote_access_mean"`
	DeviceMean Opt `json:"device_satisfaction_mean"`
	// EffectiveN is Kish's effective sample size W² / Σw²: how many unweighted responses the weighted
	// sample is worth.
	EffectiveN float64 `json:"effective_respondents"`
	// Counts and Weights are the histogram itself: respondents and Σw per score 1..7 (index 0 is score 1).
	Counts  [Scores]int64   `json:"counts"`
	Weights [Scores]float64 `json:"weights"`
	// WithinSS is Σ_i w_i (x_i − x̄)², kept so funnel limits can pool the within-org-year variance.
	WithinSS float64 `json:"-"`
}

// group returns the figures of one org-year, and false when it has no respondents.
func (a *Accumulator) group(org, year int32) (Survey, bool) {
	yi := int(year - a.minYear)
	if org < 0 || int(org) >= a.nOrgs || uint(yi) >= uint(a.nYears) {
		return Survey{}, false
	}
	g := &a.groups[int(org)*a.nYears+yi]
	s := summarise(g)
	s.Org, s.Year = org, year
	return s, s.Respondents > 0
}

// Groups returns every org-year with at least one respondent, ordered by organisation index then year.
func (a *Accumulator) Groups() []Survey {
	var out []Survey
	for o := range a.nOrgs {
		for yi := range a.nYears {
			g := &a.groups[o*a.nYears+yi]
			s := summarise(g)
			if s.Respondents == 0 {
				continue
			}
			s.Org, s.Year = int32(o), a.minYear+int32(yi)
			out = append(out, s)
		}
	}
	return out
}

// summarise turns one histogram into figures. All sums run over the bins in score order, so the result
// depends only on the bins.
func summarise(g *group) Survey {
	var s Survey
	var sw, swx, sw2, wSat float64
	for v := range Scores {
		b := g.bins[v]
		s.Counts[v] = b.n
		s.Weights[v] = b.w
		s.Respondents += b.n
		sw += b.w
		swx += float64(v+1) * b.w
		sw2 += b.w2
		if v+1 >= 5 {
			wSat += b.w
		}
	}
	s.SumWeight = sw
	if s.Respondents == 0 || sw == 0 {
		return s
	}
	mean := swx / sw
	var ss, ss2 float64 // Σ_v W_v (v − x̄)², Σ_v W2_v (v − x̄)²
	for v := range Scores {
		d := float64(v+1) - mean
		ss += g.bins[v].w * d * d
		ss2 += g.bins[v].w2 * d * d
	}
	s.Mean = mean
	s.WithinSS = ss
	s.SD = math.Sqrt(ss / sw)
	if n := float64(s.Respondents); s.Respondents >= 2 {
		s.SE = Some(math.Sqrt(n/(n-1)*ss2) / sw)
	}
	s.SatisfiedShare = wSat / sw
	s.BYODShare = g.byodW / sw
	s.Median = medianOfCounts(&s.Counts, s.Respondents)
	s.RemoteMean = ratio(g.remoteWX, g.remoteW)
	s.DeviceMean = ratio(g.deviceWX, g.deviceW)
	s.EffectiveN = sw * sw / sw2
	return s
}

// medianOfCounts finds the unweighted median from score counts: the score at 1-based position (n+1)/2
// for odd n, the mean of the scores at n/2 and n/2+1 for even n.
func medianOfCounts(c *[Scores]int64, n int64) float64 {
	at := func(pos int64) float64 { // score holding the pos-th smallest answer (1-based)
		var cum int64
		for v := range Scores {
			cum += c[v]
			if cum >= pos {
				return float64(v + 1)
			}
		}
		return Scores
	}
	if n%2 == 1 {
		return at((n + 1) / 2)
	}
	return (at(n/2) + at(n/2+1)) / 2
}
