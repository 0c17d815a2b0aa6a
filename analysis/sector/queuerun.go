package sector

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// maxExtraWeeks is how long after the series the simulation may run to see every council
// certified, so that late submissions' waits are not cut short.
const maxExtraWeeks = 520

// queueChunk is one chunk's reduced outcome.
type queueChunk struct {
	grid []histogram // councils at risk, per extra capacity of the pass
	// The weekly series (the first pass only, extra capacity 0).
	queue                                                   []histogram // per week
	rework, arrivals, resubmits, reviews, failed, certified []int64
	waitSum, waitCount                                      []int64
	censored, firstFails                                    int64
	deadlineCap                                             float64 // sum over iterations of the deadline week's capacity
}

// queueRun is the setting of one pass over the iterations.
type queueRun struct {
	q        *QueueModel
	n        int   // councils
	grid     []int // extra reviews per week simulated in every iteration
	series   bool  // record the weekly series for grid[0] (which must be 0)
	maxWeeks int
}

// newWorker returns a chunk function drawing from src. Draw order within a chunk is fixed: the
// per-iteration inputs for the whole chunk, then for each iteration its outcome key, every
// council's submission time and every council's rework delay.
func (r *queueRun) newWorker(src rand.Source) func(rng *rand.Rand, lo, hi int) queueChunk {
	q, n := r.q, r.n
	perIter := []Input{q.FailFirst, q.FailAgain}
	for _, s := range q.Capacity {
		perIter = append(perIter, s.PerWeek)
	}
	samplers := make([]func([]float64), len(perIter))
	cols := make([][]float64, len(perIter))
	for j, in := range perIter {
		samplers[j] = in.Dist.Sampler(src)
		cols[j] = make([]float64, chunkSize)
	}
	sub, rew := q.Submission.Dist.Sampler(src), q.Rework.Dist.Sampler(src)
	it := &iteration{arrive: make([]float64, n), rework: make([]float64, n),
		stepWeek: make([]int, len(q.Capacity)), stepCap: make([]float64, len(q.Capacity))}
	for j, s := range q.Capacity {
		it.stepWeek[j] = q.weekOf(s.FromWeeksBefore)
	}
	var sim simulator
	var ws *weekStats
	weeks := q.weeksTotal()
	if r.series {
		ws = newWeekStats(weeks)
	}
	deadline := q.WeeksBefore
	extraFrom := q.weekOf(q.Search.FromWeeksBefore)
	return func(rng *rand.Rand, lo, hi int) queueChunk {
		m := hi - lo
		ch := queueChunk{grid: make([]histogram, len(r.grid))}
		for g := range ch.grid {
			ch.grid[g] = make(histogram, n+1)
		}
		if r.series {
			ch.queue = make([]histogram, weeks)
			for w := range ch.queue {
				ch.queue[w] = make(histogram, n+1)
			}
			for _, p := range []*[]int64{&ch.rework, &ch.arrivals, &ch.resubmits, &ch.reviews, &ch.failed,
				&ch.certified, &ch.waitSum, &ch.waitCount} {
				*p = make([]int64, weeks)
			}
		}
		for j := range samplers {
			samplers[j](cols[j][:m])
		}
		for i := range m {
			it.failFirst = clamp(cols[0][i], 0, 1)
			it.failAgain = clamp(cols[1][i], 0, 1)
			for j := range it.stepCap {
				it.stepCap[j] = math.Max(cols[2+j][i], 0)
			}
			it.key = rng.Uint64()
			sub(it.arrive)
			for c, w := range it.arrive {
				it.arrive[c] = math.Max(float64(deadline)-w, 0)
			}
			rew(it.rework)
			for c, x := range it.rework {
				it.rework[c] = math.Max(x, 0)
			}
			it.prepare()
			ch.deadlineCap += it.capacityAt(deadline - 1)
			// Capacities without a series share the weeks before the extra reviews start: the
			// series run keeps its state at that week, or, without a series, prepareShared.
			if !r.series {
				sim.prepareShared(it, deadline, extraFrom, r.maxWeeks)
			}
			for g, extra := range r.grid {
				var atRisk int
				if g == 0 && r.series {
					ws.reset()
					atRisk = sim.simulateKeep(it, deadline, float64(extra), extraFrom, ws, r.maxWeeks)
					ch.addSeries(ws)
				} else {
					atRisk = sim.simulateShared(it, deadline, float64(extra), extraFrom, r.maxWeeks)
				}
				ch.grid[g][atRisk]++
			}
		}
		return ch
	}
}

// capacityAt returns the base capacity of week w.
func (it *iteration) capacityAt(w int) float64 {
	c := it.stepCap[0]
	for j, sw := range it.stepWeek {
		if sw <= w {
			c = it.stepCap[j]
		}
	}
	return c
}

func (ch *queueChunk) addSeries(ws *weekStats) {
	for w := range ws.weeks {
		ch.queue[w][ws.queue[w]]++
		ch.rework[w] += int64(ws.rework[w])
		ch.arrivals[w] += int64(ws.arrivals[w])
		ch.resubmits[w] += int64(ws.resubmits[w])
		ch.reviews[w] += int64(ws.reviews[w])
		ch.failed[w] += int64(ws.failed[w])
		ch.certified[w] += int64(ws.certified[w])
		ch.waitSum[w] += ws.waitSum[w]
		ch.waitCount[w] += ws.waitCount[w]
	}
	ch.censored += int64(ws.censored)
	ch.firstFails += int64(ws.firstFails)
}

// merge adds chunks in chunk order.
func mergeQueueChunks(chunks []queueChunk) queueChunk {
	out := chunks[0]
	for _, c := range chunks[1:] {
		for g := range out.grid {
			out.grid[g].add(c.grid[g])
		}
		for w := range out.queue {
			out.queue[w].add(c.queue[w])
		}
		for _, p := range [][2][]int64{{out.rework, c.rework}, {out.arrivals, c.arrivals}, {out.resubmits, c.resubmits},
			{out.reviews, c.reviews}, {out.failed, c.failed}, {out.certified, c.certified},
			{out.waitSum, c.waitSum}, {out.waitCount, c.waitCount}} {
			for w := range p[0] {
				p[0][w] += p[1][w]
			}
		}
		out.censored += c.censored
		out.firstFails += c.firstFails
		out.deadlineCap += c.deadlineCap
	}
	return out
}

// runQueue runs the deadline queue for n councils: the at-risk distribution and weekly series
// with the capacity as written, then the capacity search.
func runQueue(ctx context.Context, m *Model, n int, opts RunOptions) (*QueueResult, error) {
	q := m.Queue
	if n < 1 {
		return nil, fmt.Errorf("%s: no organisations to simulate", m.File)
	}
	coarse := coarseGrid(q.Search.MaxExtra)
	r := &queueRun{q: q, n: n, grid: coarse, series: true, maxWeeks: q.weeksTotal() + maxExtraWeeks}
	chunks, err := runChunks(ctx, m.Seed, m.Iterations, opts, r.newWorker)
	if err != nil {
		return nil, err
	}
	all := mergeQueueChunks(chunks)
	iters := float64(m.Iterations)
	res := &QueueResult{
		Deadline:            q.Deadline.Format("2006-01-02"),
		WeeksBeforeDeadline: q.WeeksBefore,
		WeeksAfterDeadline:  q.WeeksAfter,
		Councils:            n,
		FirstReviewFailures: float64(all.firstFails) / iters,
		Censored:            all.censored,
	}
	res.AtRisk = atRiskSummary(all.grid[0])
	res.Weeks = q.weekSeries(&all, iters, n)

	// Capacity search: the coarse grid, then every whole number between the last grid point
	// above the target and the first at or below it, on the same random numbers.
	deadlineCap := all.deadlineCap / iters
	points := map[int]histogram{}
	for g, x := range coarse {
		points[x] = all.grid[g]
	}
	first := -1
	for g, x := range coarse {
		if mean, _ := points[x].mean(); mean <= q.Search.Target {
			first = g
			break
		}
	}
	if first > 0 && coarse[first]-coarse[first-1] > 1 {
		var fine []int
		for x := coarse[first-1] + 1; x < coarse[first]; x++ {
			fine = append(fine, x)
		}
		r2 := &queueRun{q: q, n: n, grid: fine, maxWeeks: r.maxWeeks}
		chunks2, err := runChunks(ctx, m.Seed, m.Iterations, opts, r2.newWorker)
		if err != nil {
			return nil, err
		}
		all2 := mergeQueueChunks(chunks2)
		for g, x := range fine {
			points[x] = all2.grid[g]
		}
	}
	res.Capacity = q.capacityResult(points, deadlineCap, first >= 0)
	return res, nil
}

// coarseGrid returns 0, then about ten even steps up to maxExtra.
func coarseGrid(maxExtra int) []int {
	step := max(1, (maxExtra+9)/10)
	var g []int
	for x := 0; x < maxExtra; x += step {
		g = append(g, x)
	}
	return append(g, maxExtra)
}

func atRiskSummary(h histogram) AtRiskSummary {
	var s AtRiskSummary
	s.Mean, s.SD = h.mean()
	s.P10, s.P50, s.P90 = h.quantile(0.1), h.quantile(0.5), h.quantile(0.9)
	n := float64(h.total())
	s.ProbNone = float64(h[0]) / n
	for v, c := range h.trimmed() {
		s.Histogram = append(s.Histogram, HistogramBin{Value: v, Iterations: c, Probability: float64(c) / n})
	}
	return s
}

func (q *QueueModel) weekSeries(all *queueChunk, iters float64, n int) []WeekPoint {
	out := make([]WeekPoint, q.weeksTotal())
	for w := range out {
		p := &out[w]
		p.Week = w
		p.WeeksToDeadline = q.WeeksBefore - w
		p.WeekStart = q.weekStart(w).Format("2006-01-02")
		p.QueueMean, _ = all.queue[w].mean()
		p.QueueP10, p.QueueP50, p.QueueP90 = all.queue[w].quantile(0.1), all.queue[w].quantile(0.5), all.queue[w].quantile(0.9)
		p.InReworkMean = float64(all.rework[w]) / iters
		p.ArrivalsMean = float64(all.arrivals[w]) / iters
		p.ResubmissionsMean = float64(all.resubmits[w]) / iters
		p.ReviewsMean = float64(all.reviews[w]) / iters
		p.FailedMean = float64(all.failed[w]) / iters
		p.CertifiedMean = float64(all.certified[w]) / iters
		p.UncertifiedMean = float64(n) - p.CertifiedMean
		if all.waitCount[w] > 0 {
			wm := float64(all.waitSum[w]) / float64(all.waitCount[w])
			p.WaitMean = &wm
		}
	}
	return out
}

func (q *QueueModel) capacityResult(points map[int]histogram, deadlineCap float64, reached bool) CapacityResult {
	cr := CapacityResult{Target: q.Search.Target, ExtraFromWeeksBeforeDeadline: q.Search.FromWeeksBefore, MaxExtra: q.Search.MaxExtra}
	xs := make([]int, 0, len(points))
	for x := range points {
		xs = append(xs, x)
	}
	slices.Sort(xs)
	monotone := true
	prev := math.Inf(1)
	for _, x := range xs {
		h := points[x]
		mean, _ := h.mean()
		cr.Curve = append(cr.Curve, CapacityPoint{Extra: x, DeadlineWeekCapacity: deadlineCap + float64(x),
			ExpectedAtRisk: mean, P90AtRisk: h.quantile(0.9), ProbNone: float64(h[0]) / float64(h.total())})
		if mean > prev+1e-12 {
			monotone = false
		}
		prev = mean
		if mean <= q.Search.Target && cr.RequiredExtra == nil {
			x := x
			cr.RequiredExtra = &x
		}
	}
	switch {
	case !reached:
		cr.Note = fmt.Sprintf("even %d extra reviews a week leave more than %g councils at risk in expectation", q.Search.MaxExtra, q.Search.Target)
	case *cr.RequiredExtra == 0:
		cr.Note = fmt.Sprintf("the capacity as written already meets the target of %g", q.Search.Target)
	default:
		cr.Note = fmt.Sprintf("%d extra reviews a week from %d weeks before the deadline bring the expected number at risk to %g or fewer",
			*cr.RequiredExtra, q.Search.FromWeeksBefore, q.Search.Target)
	}
	if !monotone {
		cr.Note += "; the curve is not monotone, so the least capacity meeting the target may lie between grid points"
	}
	return cr
}
