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
