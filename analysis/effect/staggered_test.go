package effect

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"strconv"
	"testing"
)

// loadMpdta reads did's example panel (testdata/README.md says where it comes from).
func loadMpdta(t *testing.T) *gtPanel {
	t.Helper()
	f, err := os.Open("testdata/mpdta_wide.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	p := &gtPanel{years: []int32{2003, 2004, 2005, 2006, 2007}}
	for _, r := range recs[1:] {
		g, err := strconv.Atoi(r[1])
		if err != nil {
			t.Fatal(err)
		}
		p.group = append(p.group, int32(g))
		for _, s := range r[2:7] {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			p.y = append(p.y, v)
		}
	}
	if len(p.group) != 500 {
		t.Fatalf("mpdta has %d counties, want 500", len(p.group))
	}
	return p
}

// didRef reads one of the did reference tables into records keyed by their leading columns.
func didRef(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs[1:]
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func closeTo(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.15g, want %.15g (R did)", what, got, want)
	}
}

// TestMpdtaReproducesDid reproduces R's did on its published example: every ATT(g, t) and its
// analytical standard error, and the four aggte aggregations with theirs, for both control groups,
// against did's own output (testdata/did_ref_*.csv), to 1e-10. did's documentation prints
// ATT(2004, 2004) = −0.0105 and a simple ATT of −0.0400, which the reference files carry in full.
func TestMpdtaReproducesDid(t *testing.T) {
	p := loadMpdta(t)
	const tol = 1e-10
	for _, sc := range []struct {
		name    string
		control ControlGroup
	}{{"mpdta_nev_dr", ControlNeverTreated}, {"mpdta_nyt_dr", ControlNotYetTreated}} {
		t.Run(sc.name, func(t *testing.T) {
			f := fitGroupTime(p, sc.control)
			cells := map[[2]int32]*gtCell{}
			for i := range f.cells {
				cells[[2]int32{f.cells[i].group, f.cells[i].year}] = &f.cells[i]
			}
			n := 0
			for _, r := range didRef(t, "did_ref_attgt.csv") {
				if r[0] != sc.name {
					continue
				}
				n++
				g, y := int32(num(t, r[1])), int32(num(t, r[2]))
				c := cells[[2]int32{g, y}]
				if c == nil {
					t.Errorf("no ATT(%d,%d)", g, y)
					continue
				}
				closeTo(t, fmt.Sprintf("ATT(%d,%d)", g, y), c.att, num(t, r[3]), tol)
				closeTo(t, fmt.Sprintf("SE ATT(%d,%d)", g, y), c.se, num(t, r[4]), tol)
			}
			if n != 12 || len(f.cells) != 12 {
				t.Errorf("%d reference cells, %d estimated; want 12 each", n, len(f.cells))
			}
			simple := f.simple()
			dyn, dynAll := f.dynamic()
			grp, grpAll := f.byCohort()
			cal, calAll := f.byYear()
			find := func(ls []labelled, k int32) *aggregate {
				for i := range ls {
					if ls[i].key == k {
						return &ls[i].aggregate
					}
				}
				return nil
			}
			for _, r := range didRef(t, "did_ref_aggte.csv") {
				if r[0] != sc.name {
					continue
				}
				var overall aggregate
				var part *aggregate
				switch r[1] {
				case "simple":
					overall = simple
				case "dynamic":
					overall = dynAll
					for i := range dyn {
						if dyn[i].e == int32(num(t, r[2])) {
							part = &dyn[i].aggregate
						}
					}
				case "group":
					overall = grpAll
					part = find(grp, int32(num(t, r[2])))
				case "calendar":
					overall = calAll
					part = find(cal, int32(num(t, r[2])))
				}
				closeTo(t, r[1]+" overall", overall.est, num(t, r[5]), tol)
				closeTo(t, r[1]+" overall SE", overall.se, num(t, r[6]), tol)
				if r[2] == "NA" {
					continue
				}
				if part == nil {
					t.Errorf("%s %s: not estimated", r[1], r[2])
					continue
				}
				closeTo(t, r[1]+" "+r[2], part.est, num(t, r[3]), tol)
				closeTo(t, r[1]+" "+r[2]+" SE", part.se, num(t, r[4]), tol)
			}
		})
	}
}

// TestMpdtaPretest reproduces did's Wald pre-test on mpdta (W and its p-value, which did rounds to
// five decimals).
func TestMpdtaPretest(t *testing.T) {
	p := loadMpdta(t)
	for _, r := range didRef(t, "did_ref_pretest.csv") {
		control := ControlNeverTreated
		if r[0] == "mpdta_nyt_dr" {
			control = ControlNotYetTreated
		}
		w, df, pv, slope, ok := fitGroupTime(p, control).waldPretest()
		if !ok || df != 5 {
			t.Fatalf("%s: ok %v, df %d; want a test on 5 pre-period cells", r[0], ok, df)
		}
		closeTo(t, r[0]+" W", w, num(t, r[1]), 1e-9)
		closeTo(t, r[0]+" p", pv, num(t, r[2]), 5e-6)
		if !(slope > 0) {
			t.Errorf("%s: slope %v", r[0], slope)
		}
	}
}

// TestNoncentralChi2 checks the noncentral χ² survival function against the closed form for one
// degree of freedom, P(χ²₁(λ) > c) = Φ(−√c + √λ) + Φ(−√c − √λ), and the 80%-power noncentrality of a
// 5% test with one degree of freedom against (1.959964 + 0.841621)² ≈ 7.8489 (the other tail adds
// Φ(−4.76) ≈ 1e-6).
func TestNoncentralChi2(t *testing.T) {
	phi := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
	for _, lam := range []float64{0.5, 3, 7.85, 20} {
		for _, c := range []float64{1, 3.841458820694124, 10} {
			want := phi(-math.Sqrt(c)+math.Sqrt(lam)) + phi(-math.Sqrt(c)-math.Sqrt(lam))
			closeTo(t, fmt.Sprintf("P(χ²₁(%g) > %g)", lam, c), noncentralChi2Survival(c, 1, lam), want, 1e-12)
		}
	}
	want := math.Pow(1.959963984540054+0.8416212335729143, 2)
	closeTo(t, "λ for 80% power", powerNoncentrality(1, 0.05, 0.8), want, 1e-4)
}

// TestBreakdownRM works the breakdown value by hand: on-impact effect −0.5 (SE 0.1), largest
// pre-period change |0.1|: the robust interval −0.5 ± (M̄·0.1 + 0.196) excludes zero while
// M̄ < (0.5 − 0.196)/0.1 = 3.04.
func TestBreakdownRM(t *testing.T) {
	dyn := []dynamicEffect{
		{e: -2, aggregate: aggregate{est: -0.05, se: 0.1}},
		{e: -1, aggregate: aggregate{est: 0.1, se: 0.1}},
		{e: 0, aggregate: aggregate{est: -0.5, se: 0.1}},
		{e: 1, aggregate: aggregate{est: -0.9, se: 0.1}},
	}
	m, ok := breakdownRM(dyn)
	if !ok {
		t.Fatal("no breakdown value")
	}
	closeTo(t, "breakdown M", m, 3.04, 1e-12)
	dyn[2].est = -0.15 // interval already covers zero
	if m, _ := breakdownRM(dyn); m != 0 {
		t.Errorf("breakdown M = %v, want 0 when the on-impact effect is not significant", m)
	}
}

// TestBandSameOnAnyWorkers checks the multiplier bootstrap gives the same critical value whatever the
// number of workers, and a band wider than pointwise but not absurdly so on mpdta's event times.
func TestBandSameOnAnyWorkers(t *testing.T) {
	f := fitGroupTime(loadMpdta(t), ControlNeverTreated)
	dyn, _ := f.dynamic()
	infs := make([][]float64, len(dyn))
	for i, d := range dyn {
		infs[i] = d.inf
	}
	var first float64
	for _, w := range []int{1, 2, 7} {
		c, err := simultaneousCritical(t.Context(), infs, 999, 42, w)
		if err != nil {
			t.Fatal(err)
		}
		if w == 1 {
			first = c
		} else if c != first {
			t.Fatalf("critical value %v on %d workers, %v on 1", c, w, first)
		}
	}
	// Seven event times: a Bonferroni band would use z(1 − 0.025/7) ≈ 2.69; the max-t band lies
	// between the pointwise 1.96 and that.
	if first < 1.96 || first > 2.75 {
		t.Errorf("critical value %v, want between 1.96 and 2.75", first)
	}
}
