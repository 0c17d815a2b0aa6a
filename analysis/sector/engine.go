package sector

import "math"

// This file is the deadline queue's discrete-event simulation of one iteration. Events are
// submissions arriving (at any time within a week) and reviews, completed first-in first-out at
// the end of each week up to that week's capacity. Fractions of capacity carry over from week to
// week (2.5 a week reviews 2, 3, 2, 3, …); capacity unused in a week is lost. A review in week w
// that passes certifies the council at the end of week w; one that fails sends the council away
// for its rework delay r, and it resubmits at time w + 1 + r.

// entry is a submission: its arrival time in weeks from the start of the window, the council and
// which attempt it is (0 for the first submission).
type entry struct {
	t       float64
	council int32
	attempt int32
}

// iteration holds one iteration's draws, shared by every capacity simulated in it, so that
// capacities are compared on common random numbers.
type iteration struct {
	arrive    []float64 // first submission time of each council, weeks from the window start (≥ 0)
	rework    []float64 // each council's rework delay, weeks (≥ 0)
	order     []int32   // councils in order of first submission (ties by council number)
	failFirst float64   // probability a first submission fails review
	failAgain float64   // probability a resubmission fails review
	stepWeek  []int     // week index from which each capacity step applies, ascending
	stepCap   []float64 // reviews per week of each step
	key       uint64    // seeds the fail/pass outcome of every (council, attempt)

	firstFails []bool  // outcome of each council's first review
	start      []int32 // scratch for prepare
}

// prepare sorts the councils by first submission time (ties by council number): a counting sort
// by week, then an insertion sort within each week, which is cheaper than a comparison sort when
// a few hundred councils spread over weeks. It also settles every first review's outcome.
func (it *iteration) prepare() {
	n := len(it.arrive)
	weeks := 1
	for _, t := range it.arrive {
		weeks = max(weeks, int(t)+2)
	}
	it.start = append(it.start[:0], make([]int32, weeks+1)...)
	for _, t := range it.arrive {
		it.start[int(t)+1]++
	}
	for w := 1; w <= weeks; w++ {
		it.start[w] += it.start[w-1]
	}
	it.order = append(it.order[:0], make([]int32, n)...)
	for c, t := range it.arrive {
		w := int(t)
		it.order[it.start[w]] = int32(c)
		it.start[w]++
	}
	// it.start[w] is now the end of week w's run; sort each run by time (councils were placed in
	// ascending number, and insertion sort is stable).
	lo := int32(0)
	for w := range weeks {
		hi := it.start[w]
		run := it.order[lo:hi]
		for i := 1; i < len(run); i++ {
			c := run[i]
			t := it.arrive[c]
			j := i
			for ; j > 0 && it.arrive[run[j-1]] > t; j-- {
				run[j] = run[j-1]
			}
			run[j] = c
		}
		lo = hi
	}
	it.firstFails = append(it.firstFails[:0], make([]bool, n)...)
	for c := range it.firstFails {
		it.firstFails[c] = it.draw(int32(c), 0, it.failFirst)
	}
}

// fails reports whether a council's given attempt fails review.
func (it *iteration) fails(council, attempt int32) bool {
	if attempt == 0 {
		return it.firstFails[council]
	}
	return it.draw(council, attempt, it.failAgain)
}

// draw returns whether a uniform draw keyed by the iteration, council and attempt (SplitMix64's
// finaliser) falls below p, so that the outcome does not depend on when the review happens, and
// so on the capacity.
func (it *iteration) draw(council, attempt int32, p float64) bool {
	if p <= 0 {
		return false
	}
	z := it.key ^ (uint64(council)+1)*0x9e3779b97f4a7c15 ^ (uint64(attempt)+1)*0xc2b2ae3d27d4eb4f
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	z ^= z >> 31
	return float64(z>>11)*(1.0/(1<<53)) < p
}

// weekStats is what one iteration records for its weekly series; nil when not wanted.
type weekStats struct {
	weeks      int     // weeks recorded, 0..weeks−1
	queue      []int32 // submissions waiting for review at the end of each week
	rework     []int32 // councils reworking a failed submission at the end of each week
	arrivals   []int32 // first submissions arriving in each week
	resubmits  []int32 // resubmissions arriving in each week
	reviews    []int32 // reviews completed in each week
	failed     []int32 // reviews failed in each week
	certified  []int32 // councils certified by the end of each week (cumulative)
	waitSum    []int64 // by arrival week: total weeks from arrival week to review week
	waitCount  []int64 // by arrival week: submissions reviewed
	censored   int     // submissions never reviewed before maxWeeks
	firstFails int     // first submissions failing review
}

func newWeekStats(weeks int) *weekStats {
	return &weekStats{weeks: weeks, queue: make([]int32, weeks), rework: make([]int32, weeks),
		arrivals: make([]int32, weeks), resubmits: make([]int32, weeks), reviews: make([]int32, weeks),
		failed: make([]int32, weeks), certified: make([]int32, weeks),
		waitSum: make([]int64, weeks), waitCount: make([]int64, weeks)}
}

func (s *weekStats) reset() {
	for _, x := range [][]int32{s.queue, s.rework, s.arrivals, s.resubmits, s.reviews, s.failed, s.certified} {
		clear(x)
	}
	clear(s.waitSum)
	clear(s.waitCount)
	s.censored, s.firstFails = 0, 0
}

// simulator is one worker's scratch space.
type simulator struct {
	queue   []entry
	pending []entry // resubmissions not yet arrived, sorted by time
	prefix  simState
}

// simState is the simulation's state at the start of a week: the queue and the pending
// resubmissions from their heads on, the first submissions taken so far, the capacity carried
// over, the capacity step in force and the councils certified.
type simState struct {
	q, pend            []entry
	head, ph, fi, step int
	certified          int
	credit             float64
}

// simulate runs one iteration with extra reviews per week from week extraFrom on, and returns
// the number of councils not certified by the end of week deadline−1. With stats == nil it stops
// at the deadline; otherwise it runs until every council is certified (or maxWeeks) and records
// the weekly series into stats.
func (s *simulator) simulate(it *iteration, deadline int, extra float64, extraFrom int, stats *weekStats, maxWeeks int) int {
	st := simState{q: s.queue[:0], pend: s.pending[:0]}
	at, _ := st.run(it, 0, -1, deadline, extra, extraFrom, stats, maxWeeks, nil)
	s.queue, s.pending = st.q, st.pend
	return at
}

// simulateKeep is simulate that also keeps the state at the start of week
// prefixWeek(deadline, extraFrom), as prepareShared does, for simulateShared to continue from:
// the weeks before it see no extra reviews, so they are the same whatever extra is.
func (s *simulator) simulateKeep(it *iteration, deadline int, extra float64, extraFrom int, stats *weekStats, maxWeeks int) int {
	st := simState{q: s.queue[:0], pend: s.pending[:0]}
	k := keep{week: prefixWeek(deadline, extraFrom), into: &s.prefix}
	at, _ := st.run(it, 0, -1, deadline, extra, extraFrom, stats, maxWeeks, &k)
	s.queue, s.pending = st.q, st.pend
	if !k.done {
		s.prepareShared(it, deadline, extraFrom, maxWeeks)
	}
	return at
}

// keep asks run to copy its state at the start of a week.
type keep struct {
	week int
	into *simState
	done bool
}

// save copies the state (the queue and pending resubmissions from their heads on) into p.
func (p *simState) save(q, pend []entry, fi, step, certified int, credit float64) {
	p.q = append(p.q[:0], q...)
	p.pend = append(p.pend[:0], pend...)
	p.head, p.ph, p.fi, p.step, p.certified, p.credit = 0, 0, fi, step, certified, credit
}

// prefixWeek is the week up to which every capacity simulated in an iteration runs the same
// events: the extra reviews start at extraFrom, and runs without a series stop at the deadline.
func prefixWeek(deadline, extraFrom int) int {
	return max(0, min(extraFrom, deadline-1))
}

// prepareShared runs an iteration up to the start of week prefixWeek(deadline, extraFrom) and
// keeps that state, so that simulateShared can continue from it for each extra capacity without
// repeating the weeks before the extra reviews start. Every capacity then sees the same events,
// in the same order, as simulate would give it.
func (s *simulator) prepareShared(it *iteration, deadline, extraFrom, maxWeeks int) {
	st := simState{q: s.queue[:0], pend: s.pending[:0]}
	st.run(it, 0, prefixWeek(deadline, extraFrom), deadline, 0, extraFrom, nil, maxWeeks, nil)
	s.queue, s.pending = st.q, st.pend
	s.prefix.save(st.q[st.head:], st.pend[st.ph:], st.fi, st.step, st.certified, st.credit)
}

// simulateShared is simulate without a weekly series, continued from the state kept by the last
// prepareShared for the same iteration, deadline and extraFrom.
func (s *simulator) simulateShared(it *iteration, deadline int, extra float64, extraFrom int, maxWeeks int) int {
	st := s.prefix
	st.q = append(s.queue[:0], s.prefix.q...)
	st.pend = append(s.pending[:0], s.prefix.pend...)
	at, _ := st.run(it, prefixWeek(deadline, extraFrom), -1, deadline, extra, extraFrom, nil, maxWeeks, nil)
	s.queue, s.pending = st.q, st.pend
	return at
}

// run simulates from the start of week from. With stopAt ≥ 0 it returns at the start of week
// stopAt, leaving the state there (the count it returns is then meaningless); otherwise it
// returns as simulate does. With k not nil it saves the state at the start of week k.week.
func (st *simState) run(it *iteration, from, stopAt, deadline int, extra float64, extraFrom int, stats *weekStats, maxWeeks int, k *keep) (int, int) {
	n := len(it.arrive)
	q, head := st.q, st.head
	pend, ph := st.pend, st.ph
	fi, credit, step, certified := st.fi, st.credit, st.step, st.certified
	atDeadline := n
	var w int
	for w = from; w < maxWeeks; w++ {
		if w == stopAt {
			break
		}
		if k != nil && w == k.week {
			k.into.save(q[head:], pend[ph:], fi, step, certified, credit)
			k.done = true
		}
		end := float64(w + 1)
		// Arrivals during week w, in time order: first submissions merged with resubmissions.
		for {
			firstOK := fi < n && it.arrive[it.order[fi]] < end
			pendOK := ph < len(pend) && pend[ph].t < end
			if !firstOK && !pendOK {
				break
			}
			if firstOK && (!pendOK || it.arrive[it.order[fi]] <= pend[ph].t) {
				c := it.order[fi]
				q = append(q, entry{t: it.arrive[c], council: c})
				fi++
				if stats != nil && w < stats.weeks {
					stats.arrivals[w]++
				}
			} else {
				q = append(q, pend[ph])
				ph++
				if stats != nil && w < stats.weeks {
					stats.resubmits[w]++
				}
			}
		}
		for step+1 < len(it.stepWeek) && it.stepWeek[step+1] <= w {
			step++
		}
		c := it.stepCap[step]
		if w >= extraFrom {
			c += extra
		}
		credit += c
		k := math.Floor(credit)
		credit -= k
		served := min(int(k), len(q)-head)
		for range served {
			e := q[head]
			head++
			if stats != nil {
				if aw := int(e.t); aw < stats.weeks {
					stats.waitSum[aw] += int64(w - aw)
					stats.waitCount[aw]++
				}
			}
			if it.fails(e.council, e.attempt) {
				if stats != nil {
					if e.attempt == 0 {
						stats.firstFails++
					}
					if w < stats.weeks {
						stats.failed[w]++
					}
				}
				re := entry{t: end + it.rework[e.council], council: e.council, attempt: e.attempt + 1}
				// Insert in time order after any equal times (few are pending at once).
				i := ph + sortSearch(pend[ph:], re.t)
				pend = append(pend, entry{})
				copy(pend[i+1:], pend[i:])
				pend[i] = re
				continue
			}
			certified++
		}
		if head > 4096 && head > len(q)/2 {
			// Drop reviewed entries so the queue's memory stays proportional to its length.
			q = q[:copy(q, q[head:])]
			head = 0
		}
		if ph > 4096 && ph > len(pend)/2 {
			pend = pend[:copy(pend, pend[ph:])]
			ph = 0
		}
		if w == deadline-1 {
			atDeadline = n - certified
			if stats == nil {
				break
			}
		}
		if stats != nil && w < stats.weeks {
			stats.reviews[w] = int32(served)
			stats.queue[w] = int32(len(q) - head)
			stats.rework[w] = int32(len(pend) - ph)
			stats.certified[w] = int32(certified)
		}
		if stats != nil && certified == n && w >= stats.weeks-1 && w >= deadline-1 {
			break
		}
	}
	if stats != nil {
		for x := w + 1; x < stats.weeks; x++ {
			stats.certified[x] = int32(certified)
		}
		if w >= maxWeeks {
			stats.censored = len(q) - head + len(pend) - ph + (n - fi)
		}
	}
	st.q, st.head, st.pend, st.ph = q, head, pend, ph
	st.fi, st.credit, st.step, st.certified = fi, credit, step, certified
	return atDeadline, w
}

// sortSearch returns the number of entries with time ≤ t (entries are sorted by time).
func sortSearch(es []entry, t float64) int {
	lo, hi := 0, len(es)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if es[m].t <= t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
