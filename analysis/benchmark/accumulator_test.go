package benchmark

import (
	"encoding/json"
	"math"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// tinyBatch is the hand-worked example of TestAccumulatorHand.
func tinyBatch() *contract.SurveyBatch {
	return &contract.SurveyBatch{
		Org:          []int32{0, 0, 0, 0, 1},
		Year:         []int32{2014, 2014, 2014, 2014, 2015},
		RespondentID: []int64{1, 2, 3, 4, 1},
		StaffGroup:   []uint8{0, 1, 2, 3, 4},
		UsesBYOD:     []bool{true, false, true, false, true},
		Overall:      []int8{7, 5, 4, 2, 3},
		Remote:       []int8{6, 0, 3, 1, 0},
		Device:       []int8{0, 4, 5, 0, 0},
		Weight:       []float64{2, 1, 0.5, 0.5, 1.5},
	}
}

func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func TestAccumulatorHand(t *testing.T) {
	a := NewAccumulator(2, 2014, 2015)
	a.Add(tinyBatch())
	s, ok := a.group(0, 2014)
	if !ok {
		t.Fatal("org 0, 2014: no group")
	}
	// Org 0, 2014: x = 7, 5, 4, 2 with w = 2, 1, 0.5, 0.5.
	//   W = 4; Σwx = 14 + 5 + 2 + 1 = 22; mean = 5.5.
	//   x − mean = 1.5, −0.5, −1.5, −3.5; squares 2.25, 0.25, 2.25, 12.25.
	//   Σw(x−m)² = 4.5 + 0.25 + 1.125 + 6.125 = 12; population SD = sqrt(12/4) = sqrt(3).
	//   Σw²(x−m)² = 4·2.25 + 1·0.25 + 0.25·2.25 + 0.25·12.25 = 9 + 0.25 + 0.5625 + 3.0625 = 12.875;
	//   SE = sqrt(4/3 · 12.875) / 4 = sqrt(17.1666…)/4 = 1.0358169078880044 (python3 math.sqrt)
	//   satisfied (x ≥ 5): w 2 + 1 = 3 → 0.75. BYOD rows 1 and 3: w 2.5 → 0.625.
	//   remote (row 2 null): Σw = 2 + 0.5 + 0.5 = 3, Σwx = 12 + 1.5 + 0.5 = 14 → 14/3.
	//   device (rows 1, 4 null): Σw = 1.5, Σwx = 4 + 2.5 = 6.5 → 13/3.
	//   median of 2, 4, 5, 7 = (4 + 5)/2 = 4.5. ESS = W²/Σw² = 16/(4 + 1 + 0.25 + 0.25) = 16/5.5.
	checks := []struct {
		name      string
		got, want float64
	}{
		{"sum_weight", s.SumWeight, 4},
		{"mean", s.Mean, 5.5},
		{"sd", s.SD, math.Sqrt(3)},
		{"se", s.SE.Value, 1.0358169078880044},
		{"satisfied", s.SatisfiedShare, 0.75},
		{"byod", s.BYODShare, 0.625},
		{"remote", s.RemoteMean.Value, 14.0 / 3},
		{"device", s.DeviceMean.Value, 13.0 / 3},
		{"median", s.Median, 4.5},
		{"ess", s.EffectiveN, 16 / 5.5},
	}
	for _, c := range checks {
		if !near(c.got, c.want, 1e-12) {
			t.Errorf("%s = %.15g, want %.15g", c.name, c.got, c.want)
		}
	}
	if s.Respondents != 4 || s.Counts != [7]int64{0, 1, 0, 1, 1, 0, 1} {
		t.Errorf("respondents %d counts %v", s.Respondents, s.Counts)
	}

	// Org 1, 2015: one respondent, x = 3: SE is empty (n < 2), median 3, no remote or device answers.
	s1, ok := a.group(1, 2015)
	if !ok || s1.SE.Valid || s1.Median != 3 || s1.Mean != 3 || s1.RemoteMean.Valid || s1.DeviceMean.Valid {
		t.Errorf("org 1, 2015 = %+v", s1)
	}
	if _, ok := a.group(0, 2015); ok {
		t.Error("org 0, 2015 has no respondents but Group says it has")
	}
	if got := len(a.Groups()); got != 2 {
		t.Errorf("Groups: %d, want 2", got)
	}
}

func TestStandardErrorEqualWeights(t *testing.T) {
	// x = 1..5, all weights 1: mean 3, sample variance s² = (4+1+0+1+4)/4 = 2.5, SE = s/√n = sqrt(2.5/5)
	// = sqrt(0.5) = 0.70710678…; the formula gives sqrt(5/4 · 10)/5 = sqrt(12.5)/5, the same.
	b := &contract.SurveyBatch{
		Org: make([]int32, 5), Year: []int32{2020, 2020, 2020, 2020, 2020},
		RespondentID: []int64{1, 2, 3, 4, 5}, StaffGroup: make([]uint8, 5), UsesBYOD: make([]bool, 5),
		Overall: []int8{1, 2, 3, 4, 5}, Remote: make([]int8, 5), Device: make([]int8, 5),
		Weight: []float64{1, 1, 1, 1, 1},
	}
	a := NewAccumulator(1, 2020, 2020)
	a.Add(b)
	s, _ := a.group(0, 2020)
	if !near(s.SE.Value, math.Sqrt(0.5), 1e-15) || s.Median != 3 || s.EffectiveN != 5 {
		t.Errorf("SE %.17g median %v ESS %v", s.SE.Value, s.Median, s.EffectiveN)
	}
	if s.RemoteMean.Valid || s.DeviceMean.Valid {
		t.Error("all-null remote/device answers must give empty means")
	}
}

func TestMedianOfCounts(t *testing.T) {
	tests := []struct {
		name   string
		counts [7]int64
		want   float64
	}{
		{"odd", [7]int64{1, 0, 1, 0, 1}, 3},                    // 1, 3, 5
		{"even across bins", [7]int64{2, 0, 0, 0, 0, 0, 2}, 4}, // 1, 1, 7, 7 → (1+7)/2
		{"even same bin", [7]int64{0, 0, 0, 4}, 4},             // 4, 4, 4, 4
		{"single", [7]int64{0, 0, 0, 0, 0, 0, 1}, 7},
	}
	for _, tt := range tests {
		var n int64
		for _, c := range tt.counts {
			n += c
		}
		if got := medianOfCounts(&tt.counts, n); got != tt.want {
			t.Errorf("%s: median %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestAccumulatorInvalidAndGrowth(t *testing.T) {
	b := tinyBatch()
	b.Overall[4] = 8    // out of range: skipped and counted
	a := &Accumulator{} // zero value, grows to fit
	a.Add(b)
	if a.Invalid() != 1 {
		t.Errorf("Invalid = %d, want 1", a.Invalid())
	}
	full := NewAccumulator(2, 2010, 2020)
	full.Add(b)
	if got, want := groupsJSON(t, a), groupsJSON(t, full); got != want {
		t.Errorf("grown accumulator differs from pre-sized one:\n%s\n%s", got, want)
	}
}

// groupsJSON renders every figure exactly (JSON floats round-trip), so equal strings mean equal bytes.
func groupsJSON(t *testing.T, a *Accumulator) string {
	t.Helper()
	gs := a.Groups()
	type withOrg struct {
		Org int32
		S   Survey
	}
	rows := make([]withOrg, len(gs))
	for i, g := range gs {
		rows[i] = withOrg{g.Org, g}
	}
	b, err := json.Marshal(struct {
		Rows []withOrg
		SS   []float64
	}{rows, withinSS(gs)})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func withinSS(gs []Survey) []float64 {
	out := make([]float64, len(gs))
	for i, g := range gs {
		out[i] = g.WithinSS
	}
	return out
}

// foldParallel folds each batch into its own accumulator on `workers` goroutines and merges them in
// batch order, as the command does.
func foldParallel(batches []*contract.SurveyBatch, workers, nOrgs int, minYear, maxYear int32) *Accumulator {
	parts := make([]*Accumulator, len(batches))
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				p := NewAccumulator(nOrgs, minYear, maxYear)
				p.Add(batches[i])
				parts[i] = p
			}
		})
	}
	for i := range batches {
		next <- i
	}
	close(next)
	wg.Wait()
	total := NewAccumulator(nOrgs, minYear, maxYear)
	for _, p := range parts {
		total.merge(p)
	}
	return total
}

func TestMergeDeterminism(t *testing.T) {
	batches := synthBatches(50_000, 4096, 30, 2011, 6, 7)
	want := groupsJSON(t, foldParallel(batches, 1, 30, 2011, 2016))
	for _, workers := range []int{2, 3, 8} {
		if got := groupsJSON(t, foldParallel(batches, workers, 30, 2011, 2016)); got != want {
			t.Errorf("%d workers: result differs from 1 worker", workers)
		}
	}
	// Per-batch accumulators with different (grown) ranges merge to the same bytes too.
	total := &Accumulator{}
	for _, b := range batches {
		p := &Accumulator{}
		p.Add(b)
		total.merge(p)
	}
	if got := groupsJSON(t, total); got != want {
		t.Error("merging lazily grown accumulators differs from pre-sized ones")
	}
	// A reused (Reset) accumulator gives the same partials as fresh ones.
	total = NewAccumulator(30, 2011, 2016)
	p := NewAccumulator(30, 2011, 2016)
	for _, b := range batches {
		p.reset()
		p.Add(b)
		total.merge(p)
	}
	if got := groupsJSON(t, total); got != want {
		t.Error("Reset and reuse changes the result")
	}
}

// TestAgainstRowReference checks the histogram figures against a direct two-pass computation over the
// raw rows (a different algorithm: per-row sums, sort-based median).
func TestAgainstRowReference(t *testing.T) {
	batches := synthBatches(20_000, 3000, 12, 2011, 3, 11)
	acc := foldParallel(batches, 2, 12, 2011, 2013)
	type rows struct{ x, w []float64 }
	ref := map[orgYear]*rows{}
	for _, b := range batches {
		for i := range b.Len() {
			k := orgYear{b.Org[i], b.Year[i]}
			if ref[k] == nil {
				ref[k] = &rows{}
			}
			ref[k].x = append(ref[k].x, float64(b.Overall[i]))
			ref[k].w = append(ref[k].w, b.Weight[i])
		}
	}
	for _, s := range acc.Groups() {
		r := ref[orgYear{s.Org, s.Year}]
		var W, WX float64
		for i := range r.x {
			W += r.w[i]
			WX += r.w[i] * r.x[i]
		}
		mean := WX / W
		var ss, ss2 float64
		for i := range r.x {
			d := r.x[i] - mean
			ss += r.w[i] * d * d
			ss2 += r.w[i] * r.w[i] * d * d
		}
		n := float64(len(r.x))
		se := math.Sqrt(n/(n-1)*ss2) / W
		xs := slices.Clone(r.x)
		sort.Float64s(xs)
		med := xs[len(xs)/2]
		if len(xs)%2 == 0 {
			med = (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
		}
		if !near(s.Mean, mean, 1e-12) || !near(s.SD, math.Sqrt(ss/W), 1e-12) || !near(s.SE.Value, se, 1e-12) ||
			s.Median != med || s.Respondents != int64(len(r.x)) || !near(s.SumWeight, W, 1e-12) {
			t.Fatalf("org %d year %d: got mean %v sd %v se %v median %v; want %v %v %v %v",
				s.Org, s.Year, s.Mean, s.SD, s.SE.Value, s.Median, mean, math.Sqrt(ss/W), se, med)
		}
	}
}

// BenchmarkAccumulatorAdd folds 1M synthetic responses (400 orgs × 6 years, 64k-row batches) into
// one accumulator and reports ns/row.
func BenchmarkAccumulatorAdd(b *testing.B) {
	const rows = 1 << 20
	batches := synthBatches(rows, 64<<10, 400, 2011, 6, 1)
	a := NewAccumulator(400, 2011, 2016)
	b.ResetTimer()
	for b.Loop() {
		for _, bt := range batches {
			a.Add(bt)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/rows, "ns/row")
}

// BenchmarkFoldAndMerge is the command's pattern: one fresh accumulator per batch, merged in order.
func BenchmarkFoldAndMerge(b *testing.B) {
	const rows = 1 << 20
	batches := synthBatches(rows, 64<<10, 400, 2011, 6, 1)
	b.ResetTimer()
	for b.Loop() {
		total := NewAccumulator(400, 2011, 2016)
		p := NewAccumulator(400, 2011, 2016)
		for _, bt := range batches {
			p.reset()
			p.Add(bt)
			total.merge(p)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/rows, "ns/row")
}
