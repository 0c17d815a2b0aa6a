package sector

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// newIteration builds an iteration with fixed inputs and one capacity for every week.
func newIteration(arrive, rework []float64, failFirst, failAgain, capacity float64) *iteration {
	it := &iteration{arrive: arrive, rework: rework, failFirst: failFirst, failAgain: failAgain,
		stepWeek: []int{0}, stepCap: []float64{capacity}, key: 1}
	it.prepare()
	return it
}

// TestSimulateHandWorked checks the simulation against cases worked by hand.
func TestSimulateHandWorked(t *testing.T) {
	tests := []struct {
		name                  string
		arrive, rework        []float64
		failFirst, failAgain  float64
		capacity              float64
		deadline              int
		wantAtRisk            int
		wantCertified         []int32 // cumulative by the end of each week
		wantQueue, wantRework []int32
		wantWaitSum           []int64 // by arrival week
		wantWaitCount         []int64
	}{
		{
			// Five councils all submit in week 0; two reviews a week, none fail. Week 0 reviews
			// councils 0 and 1, week 1 councils 2 and 3, week 2 council 4. Deadline at the end of
			// week 1: council 4 is at risk. Waits 0, 0, 1, 1, 2 weeks: sum 4.
			name:   "5 councils, capacity 2, no failures",
			arrive: []float64{0, 0.1, 0.2, 0.3, 0.4}, rework: make([]float64, 5),
			capacity: 2, deadline: 2, wantAtRisk: 1,
			wantCertified: []int32{2, 4, 5, 5}, wantQueue: []int32{3, 1, 0, 0}, wantRework: []int32{0, 0, 0, 0},
			wantWaitSum: []int64{4, 0, 0, 0}, wantWaitCount: []int64{5, 0, 0, 0},
		},
		{
			// Three councils submit in week 0 (times 0, 0.5, 0.9); one review a week; every first
			// submission fails, every resubmission passes; rework takes 1 week, so a failure
			// reviewed in week w comes back at w + 2.
			//   week 0: review c0, fails, back at 2          queue [c1 c2]   rework {c0}
			//   week 1: review c1, fails, back at 3          queue [c2]      rework {c0 c1}
			//   week 2: c0 back; review c2, fails, back at 4 queue [c0']     rework {c1 c2}
			//   week 3: c1 back; review c0', passes          queue [c1']     rework {c2}
			//   week 4: c2 back; review c1', passes          queue [c2']     rework {}
			//   week 5: review c2', passes                   queue []
			// Certified 1 by week 3, 2 by week 4, 3 by week 5. Deadline at the end of week 4: c2 at
			// risk. Waits: week-0 arrivals 0 + 1 + 2; weeks 2, 3, 4 one resubmission each, wait 1.
			name:   "3 councils, capacity 1, first reviews fail",
			arrive: []float64{0, 0.5, 0.9}, rework: []float64{1, 1, 1},
			failFirst: 1, failAgain: 0, capacity: 1, deadline: 5, wantAtRisk: 1,
			wantCertified: []int32{0, 0, 0, 1, 2, 3, 3},
			wantQueue:     []int32{2, 1, 1, 1, 1, 0, 0}, wantRework: []int32{1, 2, 2, 1, 0, 0, 0},
			wantWaitSum: []int64{3, 0, 1, 1, 1, 0, 0}, wantWaitCount: []int64{3, 0, 1, 1, 1, 0, 0},
		},
		{
			// Ten councils in week 0 and 2.5 reviews a week: 2, 3, 2, 3 reviews (the half carries).
			name:   "fractional capacity",
			arrive: make([]float64, 10), rework: make([]float64, 10),
			capacity: 2.5, deadline: 3, wantAtRisk: 3,
			wantCertified: []int32{2, 5, 7, 10}, wantQueue: []int32{8, 5, 3, 0}, wantRework: []int32{0, 0, 0, 0},
			wantWaitSum: []int64{0*2 + 1*3 + 2*2 + 3*3, 0, 0, 0}, wantWaitCount: []int64{10, 0, 0, 0},
		},
		{
			// A council submitting after the deadline (arrives in week 2, deadline end of week 1)
			// is at risk whatever the capacity.
			name:   "late submission",
			arrive: []float64{0.5, 2.2}, rework: make([]float64, 2),
			capacity: 10, deadline: 2, wantAtRisk: 1,
			wantCertified: []int32{1, 1, 2}, wantQueue: []int32{0, 0, 0}, wantRework: []int32{0, 0, 0},
			wantWaitSum: []int64{0, 0, 0}, wantWaitCount: []int64{1, 0, 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := newIteration(tt.arrive, tt.rework, tt.failFirst, tt.failAgain, tt.capacity)
			ws := newWeekStats(len(tt.wantCertified))
			var sim simulator
			got := sim.simulate(it, tt.deadline, 0, 0, ws, 1000)
			if got != tt.wantAtRisk {
				t.Errorf("at risk %d, want %d", got, tt.wantAtRisk)
			}
			if again := sim.simulate(it, tt.deadline, 0, 0, nil, 1000); again != got {
				t.Errorf("stopping at the deadline gives %d at risk, the full run %d", again, got)
			}
			check := func(what string, got, want any) {
				t.Helper()
				if !equalSlices(got, want) {
					t.Errorf("%s %v, want %v", what, got, want)
				}
			}
			check("certified", ws.certified, tt.wantCertified)
			check("queue", ws.queue, tt.wantQueue)
			check("rework", ws.rework, tt.wantRework)
			check("wait sum", ws.waitSum, tt.wantWaitSum)
			check("wait count", ws.waitCount, tt.wantWaitCount)
		})
	}
}

func equalSlices(a, b any) bool {
	switch x := a.(type) {
	case []int32:
		return slices.Equal(x, b.([]int32))
	case []int64:
		return slices.Equal(x, b.([]int64))
	}
	return false
}

// TestSimulateMD1 checks the queue against a closed form. With Poisson(ρ) arrivals in each week
// (in random order within the week), one review a week and no failures, the number waiting at
// the start of a week after its arrivals, M, follows M' = max(M − 1, 0) + A, the chain embedded
// at departures of the M/D/1 queue. Its waiting time in whole weeks, from the arrival week to
// the review week, then has the M/D/1 mean (Pollaczek–Khinchine formula with deterministic
// service; Kleinrock, Queueing Systems Vol. 1, 1975, §5.7; Gross and Harris, Fundamentals of
// Queueing Theory, M/D/1): Wq = ρ / (2μ(1 − ρ)) with μ = 1 a week. By hand: the backlog left after
// a week has mean E[M] − ρ = ρ²/(2(1 − ρ)), and a customer also waits for those ahead in its own
// Poisson batch, E[A(A − 1)]/(2E[A]) = ρ/2; the sum is ρ/(2(1 − ρ)).
func TestSimulateMD1(t *testing.T) {
	for _, rho := range []float64{0.3, 0.5, 0.8} {
		const weeks = 400_000
		src := rand.NewPCG(42, uint64(rho*100))
		pois := distuv.Poisson{Lambda: rho, Src: src}
		u := rand.New(src)
		var arrive []float64
		for w := range weeks {
			for range int(pois.Rand()) {
				arrive = append(arrive, float64(w)+u.Float64())
			}
		}
		it := newIteration(arrive, make([]float64, len(arrive)), 0, 0, 1)
		ws := newWeekStats(weeks)
		var sim simulator
		sim.simulate(it, weeks, 0, 0, ws, weeks+100_000)
		// Skip the first 1,000 weeks, which start empty.
		var sum, n int64
		for w := 1000; w < weeks-1000; w++ {
			sum += ws.waitSum[w]
			n += ws.waitCount[w]
		}
		got := float64(sum) / float64(n)
		want := rho / (2 * (1 - rho))
		// Waits are strongly autocorrelated near ρ = 1: 4% is about 4 batch-means standard errors at 0.8.
		if math.Abs(got-want) > 0.04*want {
			t.Errorf("ρ = %g: mean wait %.4f weeks, M/D/1 gives %.4f", rho, got, want)
		}
	}
}

// TestDrawIsKeyed: outcomes depend on (iteration key, council, attempt) only, and occur at the
// stated rate.
func TestDrawIsKeyed(t *testing.T) {
	it := &iteration{key: 99}
	var first, again int
	const n = 200_000
	for c := range int32(n) {
		if it.draw(c, 0, 0.3) {
			first++
		}
		if it.draw(c, 1, 0.1) {
			again++
		}
		if it.draw(c, 0, 0.3) != it.draw(c, 0, 0.3) {
			t.Fatal("draw is not a function of its arguments")
		}
	}
	// Binomial standard errors: √(0.3·0.7/n) ≈ 0.001, √(0.1·0.9/n) ≈ 0.0007.
	if math.Abs(float64(first)/n-0.3) > 0.005 || math.Abs(float64(again)/n-0.1) > 0.0035 {
		t.Errorf("failure rates %.4f and %.4f, want 0.3 and 0.1", float64(first)/n, float64(again)/n)
	}
}

// TestPrepareOrders: councils are ordered by submission time, ties by council number.
func TestPrepareOrders(t *testing.T) {
	it := newIteration([]float64{2.5, 0.3, 2.1, 0.3, 7, 0, 2.5}, make([]float64, 7), 0, 0, 1)
	want := []int32{5, 1, 3, 2, 0, 6, 4}
	if !slices.Equal(it.order, want) {
		t.Errorf("order %v, want %v", it.order, want)
	}
}

// TestSimulateSharedMatchesSimulate: continuing from the state kept at the week the extra
// reviews start (by prepareShared, or by a run with a weekly series) gives, for every extra capacity, the count a run from week 0 gives, on random
// iterations with failures, several capacity steps and extra reviews starting before, at and
// after the deadline (and at week 0). The reference is simulate, checked by hand above.
func TestSimulateSharedMatchesSimulate(t *testing.T) {
	u := rand.New(rand.NewPCG(7, 18))
	var sim, ref, kept simulator
	for trial := range 300 {
		n := 1 + u.IntN(300)
		deadline := 1 + u.IntN(30)
		arrive, rework := make([]float64, n), make([]float64, n)
		for c := range n {
			arrive[c] = u.Float64() * float64(deadline+5)
			if u.IntN(10) == 0 {
				arrive[c] = float64(u.IntN(deadline + 1)) // whole weeks: ties and week edges
			}
			rework[c] = u.Float64() * 3
		}
		it := &iteration{arrive: arrive, rework: rework, failFirst: u.Float64() * 0.5, failAgain: u.Float64() * 0.3,
			stepWeek: []int{0, u.IntN(deadline + 1)}, stepCap: []float64{u.Float64() * 20, u.Float64() * 30},
			key: u.Uint64()}
		slices.Sort(it.stepWeek)
		it.prepare()
		extraFrom := u.IntN(deadline+3) - 1
		maxWeeks := deadline + 10
		sim.prepareShared(it, deadline, extraFrom, maxWeeks)
		// The state kept by a run with a weekly series, as the first capacity of a search keeps it.
		ws := newWeekStats(deadline + 3)
		seriesAtRisk := kept.simulateKeep(it, deadline, 0, extraFrom, ws, maxWeeks)
		if want := ref.simulate(it, deadline, 0, extraFrom, nil, maxWeeks); seriesAtRisk != want {
			t.Fatalf("trial %d: %d at risk with the series kept, %d without", trial, seriesAtRisk, want)
		}
		for _, extra := range []float64{0, 0.5, 1, 2.5, 7, 40} {
			want := ref.simulate(it, deadline, extra, extraFrom, nil, maxWeeks)
			if got := sim.simulateShared(it, deadline, extra, extraFrom, maxWeeks); got != want {
				t.Fatalf("trial %d (%d councils, deadline %d, extra %g from week %d): %d at risk continuing, %d from week 0",
					trial, n, deadline, extra, extraFrom, got, want)
			}
			if got := kept.simulateShared(it, deadline, extra, extraFrom, maxWeeks); got != want {
				t.Fatalf("trial %d (%d councils, deadline %d, extra %g from week %d): %d at risk continuing from the series run's state, %d from week 0",
					trial, n, deadline, extra, extraFrom, got, want)
			}
		}
	}
}
