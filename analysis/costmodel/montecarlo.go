package costmodel

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/psnbyod/psnbyod/analysis/internal/hugemem"
	"github.com/psnbyod/psnbyod/analysis/stats"
)

// chunkSize is the number of iterations that share one random stream. Chunk c draws from a PCG
// generator seeded with (seed, c), so every draw depends only on the seed and its iteration number,
// never on how many goroutines ran or in what order they finished.
const chunkSize = 8192

// RunOptions control a Monte Carlo run. The zero value uses every core and reports nothing.
type RunOptions struct {
	// Workers is the number of goroutines; 0 means runtime.GOMAXPROCS(0).
	Workers int
	// Draws, if not nil, receives every iteration's inputs and NPSVs, one chunk at a time in
	// iteration order, from a single goroutine, while later chunks are still being computed: the
	// audit trail can be streamed to a file without holding it twice. An error stops the run.
	Draws func(DrawChunk) error
	// Progress, if not nil, is called after each chunk with the iterations done so far.
	Progress func(done, total int)
	// noEVPPI skips EVPPI: only the benchmark that measures what EVPPI costs sets it.
	noEVPPI bool
}

// DrawChunk is a run of consecutive iterations. Its slices are only valid during the call.
type DrawChunk struct {
	Start  int         // iteration index of the first row
	Inputs [][]float64 // one column per uncertain input, in the order of Scenario.UncertainInputs
	NPSV   [][]float64 // one column per option, in scenario order (optimism bias applied)
}

// Rows returns the number of iterations in the chunk.
func (d DrawChunk) Rows() int {
	if len(d.NPSV) > 0 {
		return len(d.NPSV[0])
	}
	return 0
}

// mcRun is the reduced outcome of a Monte Carlo run.
type mcRun struct {
	noOB        []Estimate
	decision    decision
	convergence [][]ConvergencePoint
	risks       []RiskEvent
	evppi       []Estimate // per uncertain input, in order
	sCurves     [][]float64
	percentiles []Percentiles
	summaries   []Summary
	probPos     []float64
	probBest    []float64
	incremental []IncrementalSpread // options other than the baseline, in order
	rho         [][]float64         // [option][uncertain input], NaN when undefined
}

// moments accumulates a count, mean and sum of squared deviations; merging chunk by chunk in
// chunk order (Chan, Golub and LeVeque's pairwise update) keeps the result exact to rounding and
// independent of scheduling.
type moments struct {
	n, mean, m2 float64
}

func (a moments) merge(b moments) moments {
	if a.n == 0 {
		return b
	}
	n := a.n + b.n
	d := b.mean - a.mean
	return moments{n: n, mean: a.mean + d*b.n/n, m2: a.m2 + b.m2 + d*d*a.n*b.n/n}
}

func momentsOf(x []float64) moments {
	var s float64
	for _, v := range x {
		s += v
	}
	mean := s / float64(len(x))
	var m2 float64
	for _, v := range x {
		m2 += (v - mean) * (v - mean)
	}
	return moments{n: float64(len(x)), mean: mean, m2: m2}
}

// momentsFunc is momentsOf(h) for h[r] = f(r), r = 0..n−1, computing each term twice instead
// of keeping them: f must give the same value both times.
func momentsFunc(n int, f func(r int) float64) moments {
	var s float64
	for r := range n {
		s += f(r)
	}
	mean := s / float64(n)
	var m2 float64
	for r := range n {
		v := f(r)
		m2 += (v - mean) * (v - mean)
	}
	return moments{n: float64(n), mean: mean, m2: m2}
}

func (m moments) spread() (mean, sd, se float64) {
	if m.n > 1 {
		sd = math.Sqrt(m.m2 / (m.n - 1))
	}
	return m.mean, sd, sd / math.Sqrt(m.n)
}

type chunkStats struct {
	npsv     []moments
	positive []int
	best     []int
	inc      []moments
	better   []int
}

// npsvPlans returns the present-value plan of each option's NPSV with optimism bias applied.
func (s *Scenario) npsvPlans(df []float64) []pvPlan { return s.npsvPlansOB(df, true) }

// npsvPlansOB returns each option's NPSV plan, with or without optimism bias.
func (s *Scenario) npsvPlansOB(df []float64, withOB bool) []pvPlan {
	plans := make([]pvPlan, len(s.Options))
	for i, o := range s.Options {
		for j := range o.Lines {
			l := &o.Lines[j]
			up := 1.0
			if withOB {
				up = s.uplift(l)
			}
			sign := up
			if l.Kind == Cost {
				sign = -up
			}
			plans[i].addLine(s.graph, s.lines[i][j], s.lineWeights(l, sign, df))
		}
	}
	return plans
}

// lineWeights returns a line's weight in each year: factor × discount factor × the real-terms
// factor of a nominal line, zero outside its years.
func (s *Scenario) lineWeights(l *Line, factor float64, df []float64) []float64 {
	w := make([]float64, s.Horizon)
	for _, t := range l.Years {
		w[t] = factor * df[t]
		if l.Nominal {
			w[t] *= s.realFactor(t)
		}
	}
	return w
}

// riskPlan is the present value of one risk event's lines in one option (costs positive).
type riskPlan struct {
	event  string // the probability input
	option int
	lines  []int
}

// riskPlans returns, for each risk event in the order of its draw among the inputs and each
// option with lines it drives, the plan of those lines' present value, optimism bias applied.
func (s *Scenario) riskPlans(df []float64) ([]riskPlan, []pvPlan) {
	var rps []riskPlan
	var plans []pvPlan
	for _, in := range s.UncertainInputs() {
		if in.Event == "" {
			continue
		}
		for i, o := range s.Options {
			rp := riskPlan{event: in.Event, option: i}
			var pl pvPlan
			for j := range o.Lines {
				l := &o.Lines[j]
				if l.Event != in.Event {
					continue
				}
				sign := s.uplift(l)
				if l.Kind != Cost {
					sign = -sign
				}
				pl.addLine(s.graph, s.lines[i][j], s.lineWeights(l, sign, df))
				rp.lines = append(rp.lines, j)
			}
			if len(rp.lines) > 0 {
				rps = append(rps, rp)
				plans = append(plans, pl)
			}
		}
	}
	return rps, plans
}

// seedStream mixes a chunk number into a well-spread second PCG seed word (SplitMix64's
// finaliser), so neighbouring chunks start far apart.
func seedStream(c uint64) uint64 {
	z := c + 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// monteCarlo draws s.Iterations iterations and reduces them.
func (s *Scenario) monteCarlo(ctx context.Context, opts RunOptions, df []float64) (*mcRun, error) {
	n := s.Iterations
	unc := s.UncertainInputs()
	m, k := len(unc), len(s.Options)
	base := s.optionIndex(s.Baseline)
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	inputs := make([][]float64, m)
	for j := range inputs {
		inputs[j] = hugemem.Make[float64](n)
	}
	// Columns: each option's NPSV with optimism bias, then without it (when any line is adjusted),
	// then each risk event's present value in each option it touches.
	plans := s.npsvPlans(df)
	hasOB := s.hasOptimismBias()
	if hasOB {
		plans = append(plans, s.npsvPlansOB(df, false)...)
	}
	rps, rplans := s.riskPlans(df)
	plans = append(plans, rplans...)
	npsv := make([][]float64, len(plans))
	for i := range npsv {
		npsv[i] = hugemem.Make[float64](n)
	}
	sched := newSchedule(s.graph, plans)
	var ic *imanConover
	if len(s.Correlations) > 0 {
		idx, target, err := correlationMatrix(unc, s.Correlations)
		if err != nil {
			return nil, err
		}
		if ic, err = newImanConover(idx, target); err != nil {
			return nil, err
		}
	}

	nChunks := (n + chunkSize - 1) / chunkSize
	chunks := make([]chunkStats, nChunks)
	errs := make([]error, nChunks)
	var next atomic.Int64
	var stop atomic.Bool
	done := make(chan int, nChunks)
	var wg sync.WaitGroup
	for range min(workers, nChunks) {
		wg.Go(func() {
			pcg := rand.NewPCG(0, 0)
			rng := rand.New(pcg)
			samplers := make([]sampler, m)
			for j, in := range unc {
				samplers[j] = in.Dist.newSampler(pcg)
			}
			e := newEvaluator(s.graph)
			var scratch icScratch
			cols := make([][]float64, m)
			out := make([][]float64, len(plans))
			diff := make([]float64, chunkSize)
			for !stop.Load() {
				c := int(next.Add(1) - 1)
				if c >= nChunks {
					return
				}
				if err := ctx.Err(); err != nil {
					errs[c] = err
					stop.Store(true)
					done <- c
					return
				}
				lo, hi := c*chunkSize, min((c+1)*chunkSize, n)
				pcg.Seed(s.Seed, seedStream(uint64(c)))
				for j := range samplers {
					samplers[j](inputs[j][lo:hi])
					cols[j] = inputs[j][lo:hi]
				}
				if ic != nil {
					ic.apply(cols, hi-lo, rng, &scratch)
				}
				for b := lo; b < hi; b += blockSize {
					bn := min(blockSize, hi-b)
					for j := range cols {
						cols[j] = inputs[j][b : b+bn]
					}
					for i := range out {
						out[i] = npsv[i][b : b+bn]
					}
					e.presentValues(&sched, plans, cols, bn, out)
				}
				chunks[c], errs[c] = s.chunkStats(npsv[:k], lo, hi, base, diff)
				if errs[c] != nil {
					stop.Store(true)
				}
				done <- c
			}
		})
	}
	go func() { wg.Wait(); close(done) }()

	// Hand chunks to the sink in order as they complete.
	var firstErr error
	received := make([]bool, nChunks)
	emitted := 0
	for c := range done {
		received[c] = true
		for firstErr == nil && emitted < nChunks && received[emitted] {
			if err := errs[emitted]; err != nil {
				firstErr = err
				break
			}
			lo, hi := emitted*chunkSize, min((emitted+1)*chunkSize, n)
			if opts.Draws != nil {
				d := DrawChunk{Start: lo, Inputs: make([][]float64, m), NPSV: make([][]float64, k)}
				for j := range d.Inputs {
					d.Inputs[j] = inputs[j][lo:hi:hi]
				}
				for i := range d.NPSV {
					d.NPSV[i] = npsv[i][lo:hi:hi]
				}
				if err := opts.Draws(d); err != nil {
					firstErr = fmt.Errorf("writing draws: %w", err)
					break
				}
			}
			emitted++
			if opts.Progress != nil {
				opts.Progress(hi, n)
			}
		}
		if firstErr != nil {
			stop.Store(true)
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := s.reduce(chunks, inputs, npsv, workers, base, hasOB, rps, !opts.noEVPPI)
	return r, nil
}

// chunkStats checks one chunk's NPSVs are finite and reduces them; diff is scratch space of at
// least hi−lo values.
func (s *Scenario) chunkStats(npsv [][]float64, lo, hi, base int, diff []float64) (chunkStats, error) {
	k := len(npsv)
	cs := chunkStats{npsv: make([]moments, k), positive: make([]int, k), best: make([]int, k)}
	for i := range npsv {
		x := npsv[i][lo:hi]
		for r, v := range x {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return cs, fmt.Errorf("option %q: NPSV is %v in iteration %d (an expression divides by zero or overflows for some draws)",
					s.Options[i].Name, v, lo+r)
			}
			if v > 0 {
				cs.positive[i]++
			}
		}
		cs.npsv[i] = momentsOf(x)
	}
	for r := lo; r < hi; r++ {
		best := 0
		for i := 1; i < k; i++ {
			if npsv[i][r] > npsv[best][r] {
				best = i
			}
		}
		cs.best[best]++
	}
	d := diff[:hi-lo]
	for i := range npsv {
		if i == base {
			continue
		}
		better := 0
		for r := range d {
			d[r] = npsv[i][lo+r] - npsv[base][lo+r]
			if d[r] > 0 {
				better++
			}
		}
		cs.inc = append(cs.inc, momentsOf(d))
		cs.better = append(cs.better, better)
	}
	return cs, nil
}

// reduce merges the chunk statistics in chunk order, computes what needs the draws themselves
// (the decision figures, EVPI and EVPPI, the risk register), then ranks every column (in place:
// the draws are no longer needed once streamed) for percentiles and rank correlations.
func (s *Scenario) reduce(chunks []chunkStats, inputs, all [][]float64, workers, base int, hasOB bool, rps []riskPlan, withEVPPI bool) *mcRun {
	n := float64(s.Iterations)
	k := len(s.Options)
	npsv := all[:k]
	r := &mcRun{summaries: make([]Summary, k), probPos: make([]float64, k), probBest: make([]float64, k)}
	for i := range k {
		var mo moments
		pos, best := 0, 0
		for _, c := range chunks {
			mo = mo.merge(c.npsv[i])
			pos += c.positive[i]
			best += c.best[i]
		}
		r.summaries[i].Mean, r.summaries[i].SD, r.summaries[i].SE = mo.spread()
		r.probPos[i] = float64(pos) / n
		r.probBest[i] = float64(best) / n
	}
	for j := range chunks[0].inc {
		var mo moments
		better := 0
		for _, c := range chunks {
			mo = mo.merge(c.inc[j])
			better += c.better[j]
		}
		var sp IncrementalSpread
		sp.Mean, sp.SD, sp.SE = mo.spread()
		sp.ProbBetter = float64(better) / n
		r.incremental = append(r.incremental, sp)
	}

	r.noOB = make([]Estimate, k)
	for i := range k {
		if hasOB {
			m := momentsOf(all[k+i])
			_, _, se := m.spread()
			r.noOB[i] = Estimate{Mean: m.mean, SE: se}
		} else {
			r.noOB[i] = Estimate{Mean: r.summaries[i].Mean, SE: r.summaries[i].SE}
		}
	}
	means := make([]float64, k)
	for i := range means {
		means[i] = r.summaries[i].Mean
	}
	riskCols := all[k:]
	if hasOB {
		riskCols = all[2*k:]
	}
	r.risks = s.riskRegister(inputs, npsv, riskCols, rps)

	// Two parallel phases on per-worker scratch space; every task writes only its own results, so
	// they do not depend on which worker ran it. First: the decision figures, each option's
	// convergence, and each input ranked in place (the draws are no longer needed once streamed)
	// followed by its EVPPI from those ranks and the NPSV draws. Then each option's NPSV is ranked
	// in place, its sorted values giving the percentiles and S-curve, and its ranks the rank
	// correlations with every input.
	pref, _ := choose(means)
	r.convergence = make([][]ConvergencePoint, k)
	r.evppi = make([]Estimate, len(inputs))
	rankers := make([]stats.Ranker, workers)
	parallel(len(inputs)+k+1, workers, func(w int) func(int) {
		var sc evppiScratch
		return func(t int) {
			switch j := t - k - 1; {
			case t == 0:
				r.decision = decide(npsv, means)
			case j < 0:
				r.convergence[t-1] = convergence(npsv[t-1])
			default:
				_ = rankers[w].Rank(inputs[j], nil, inputs[j]) // NaN was ruled out by chunkStats
				if withEVPPI {
					r.evppi[j] = evppi(inputs[j], npsv, pref, &sc)
				}
			}
		}
	})
	r.sCurves = make([][]float64, k)
	r.percentiles = make([]Percentiles, k)
	r.rho = make([][]float64, k)
	parallel(k, workers, func(w int) func(int) {
		srt := hugemem.Make[float64](s.Iterations)
		return func(i int) {
			_ = rankers[w].Rank(npsv[i], srt, npsv[i])
			q := func(p float64) float64 { return stats.QuantileSorted(srt, p) }
			sm := &r.summaries[i]
			sm.P5, sm.P10, sm.P50, sm.P90, sm.P95 = q(0.05), q(0.10), q(0.50), q(0.90), q(0.95)
			r.sCurves[i] = make([]float64, 101)
			for c := range r.sCurves[i] {
				r.sCurves[i][c] = q(float64(c) / 100)
			}
			pq := func(p float64) Quantile { return Quantile{Value: q(p), SE: quantileSE(srt, p)} }
			r.percentiles[i] = Percentiles{P10: pq(0.10), P50: pq(0.50), P80: pq(0.80), P90: pq(0.90)}
			r.rho[i] = make([]float64, len(inputs))
			for j := range inputs {
				r.rho[i][j] = stats.RankCorrelation(inputs[j], npsv[i])
			}
		}
	})
	return r
}

// parallel runs task(0..n−1) on up to workers goroutines, each taking the next task as it
// finishes one; newTask(w) gives goroutine w (0 ≤ w < workers) its own task function, and so its
// own scratch space.
func parallel(n, workers int, newTask func(w int) func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range min(workers, n) {
		wg.Go(func() {
			task := newTask(w)
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				task(i)
			}
		})
	}
	wg.Wait()
}

// Sampler returns a function that fills dst with independent draws from d using src, the sampler
// the scenario Monte Carlo uses.
func (d *Distribution) Sampler(src rand.Source) func(dst []float64) { return d.newSampler(src) }

// SeedStream returns the second PCG seed word of chunk c, as the scenario Monte Carlo uses.
func SeedStream(c uint64) uint64 { return seedStream(c) }
