package effect

import (
	"context"
	"math/rand/v2"
	"reflect"
	"testing"
)

// fewTreated is a panel of 40 councils over six years, six of them restricted from 2014, with the
// given effect and council-level noise.
func fewTreated(seed uint64, eff float64) []OrgYear {
	rng := rand.New(rand.NewPCG(seed, 2))
	var rows []OrgYear
	for org := int32(1); org <= 40; org++ {
		a := 0.3 * rng.NormFloat64()
		for y := int32(2011); y <= 2016; y++ {
			r := OrgYear{Org: org, Year: y, Respondents: 50, Mean: 4.5 + a + 0.02*float64(y-2011) + 0.15*rng.NormFloat64()}
			if org <= 6 && y >= 2014 {
				r.Restricted = true
				r.Mean += eff
			}
			rows = append(rows, r)
		}
	}
	return rows
}

// TestWildBootstrapFewTreated: with six restricted councils the wild bootstrap is run, says why, gives
// the same result on any number of workers, finds a large effect and covers it.
func TestWildBootstrapFewTreated(t *testing.T) {
	var first *WildBootstrap
	for _, w := range []int{1, 3} {
		r, err := Estimate(context.Background(), fewTreated(1, -0.5), nil, Options{Replications: 399, Seed: 9, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		wb := r.WildBootstrap
		if wb == nil || wb.TreatedClusters != 6 || wb.Warning == "" || wb.Weights != "webb" {
			t.Fatalf("wild bootstrap %+v", wb)
		}
		if first == nil {
			first = wb
			if wb.P > 0.01 || wb.CILow > r.Estimate || wb.CIHigh < r.Estimate || wb.CIHigh > 0 {
				t.Errorf("effect −0.5: p %v, interval [%v, %v]", wb.P, wb.CILow, wb.CIHigh)
			}
		} else if !reflect.DeepEqual(first, wb) {
			t.Errorf("%d workers: %+v, 1 worker: %+v", w, wb, first)
		}
	}
}

// TestWildBootstrapSize: with no effect, the WCR test at 5% rejects in about 5% of 100 panels
// (binomial SE 2.2 points; the bounds accept 0%–12%, and reject the 20% or so a clustered t-test with
// six treated clusters can reach).
func TestWildBootstrapSize(t *testing.T) {
	if testing.Short() {
		t.Skip("100 panels × 99 wild bootstrap replications; skipped in -short")
	}
	rejected := 0
	const panels = 100
	for s := range panels {
		r, err := Estimate(context.Background(), fewTreated(uint64(100+s), 0), nil, Options{Replications: 99, Seed: uint64(s), Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		if r.WildBootstrap.P <= 0.05 {
			rejected++
		}
	}
	if rate := float64(rejected) / panels; rate > 0.12 {
		t.Errorf("rejection rate under the null %.3f, want about 0.05", rate)
	}
}

// TestNoWildBootstrapManyTreated: with 30 or more restricted councils it is not run.
func TestNoWildBootstrapManyTreated(t *testing.T) {
	rows := staggeredPanelFixture(5, map[int32]int{0: 20, 2013: 15, 2015: 15})
	r, err := Estimate(context.Background(), rows, nil, Options{Replications: 19, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.WildBootstrap != nil {
		t.Errorf("wild bootstrap run with %d treated councils", r.TreatedClusters)
	}
}
