package costmodel

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/stats"
)

// IRR search limits: rates from −99% to +1,000% a year cover every appraisal a council would
// present; roots outside are reported as none.
const (
	irrLow   = -0.99
	irrHigh  = 10.0
	irrSteps = 4000
)

// irr returns every internal rate of return of flows (year 0 first, undiscounted): the rates r in
// [−99%, 1,000%] at which Σ flows[t]/(1+r)^t = 0, ascending, with a note when there are none or
// several. Flows that change sign more than once can have several roots (Descartes' rule of signs
// bounds their number by the sign changes), and then no single IRR is meaningful: the note says so
// and the NPSV should decide.
//
// The roots are found by scanning a fine grid, even in log(1+r), for sign changes and refining each
// with Brent's method. A root where the present value touches zero without crossing (a repeated
// root) is found where its derivative changes sign instead: a turning point whose present value is
// zero to within rounding of the flows is a root too, and the note says the value does not cross.
func irr(flows []float64) ([]float64, string) {
	changes := signChanges(flows)
	if changes == 0 {
		return []float64{}, "no internal rate of return: the net flows never change sign"
	}
	pv := func(r float64) float64 {
		// Horner's rule in x = 1/(1+r), from the last year back.
		x := 1 / (1 + r)
		var s float64
		for t := len(flows) - 1; t >= 0; t-- {
			s = s*x + flows[t]
		}
		return s
	}
	roots := gridRoots(pv)
	if touching := tangentRoots(flows, pv); len(touching) > 0 {
		// Rounding can make the present value cross zero close to a repeated root; such crossings
		// are the repeated root itself.
		roots = slices.DeleteFunc(roots, func(r float64) bool {
			return slices.ContainsFunc(touching, func(t float64) bool { return math.Abs(r-t) < 1e-6 })
		})
		roots = append(roots, touching...)
		slices.Sort(roots)
		note := fmt.Sprintf("the present value touches zero at %s without changing sign", percents(touching))
		if len(roots) > 1 {
			note = fmt.Sprintf("%d internal rates of return, so the IRR is ambiguous; use the NPSV; ", len(roots)) + note
		}
		return roots, note
	}
	switch {
	case len(roots) == 0:
		return roots, fmt.Sprintf("no internal rate of return between %g%% and %g%% (the flows change sign %d times)", irrLow*100, irrHigh*100, changes)
	case len(roots) > 1:
		return roots, fmt.Sprintf("%d internal rates of return: the flows change sign %d times, so the IRR is ambiguous; use the NPSV", len(roots), changes)
	}
	return roots, ""
}

// gridRoots returns the zeros of f in [irrLow, irrHigh], ascending: the grid points where f is zero,
// and a root refined by Brent's method between each pair of neighbours where f changes sign. The
// grid is even in log(1+r).
func gridRoots(f func(float64) float64) []float64 {
	lo, hi := math.Log1p(irrLow), math.Log1p(irrHigh)
	roots := []float64{}
	prevR := irrLow
	prev := f(prevR)
	for i := 1; i <= irrSteps; i++ {
		r := math.Expm1(lo + (hi-lo)*float64(i)/irrSteps)
		cur := f(r)
		switch {
		case prev == 0:
			roots = appendRoot(roots, prevR)
		case cur != 0 && (prev > 0) != (cur > 0):
			if root, err := stats.Brent(f, prevR, r, 1e-14); err == nil {
				roots = appendRoot(roots, root)
			}
		}
		prevR, prev = r, cur
	}
	if prev == 0 {
		roots = appendRoot(roots, prevR)
	}
	return roots
}

// tangentRoots returns the rates where the present value pv of flows has a turning point at zero:
// zeros of its derivative at which pv is zero to within the rounding of the discounted flows.
func tangentRoots(flows []float64, pv func(float64) float64) []float64 {
	dpv := func(r float64) float64 {
		// d/dr Σ f_t (1+r)^−t = −Σ t f_t (1+r)^−t−1, by Horner's rule in x = 1/(1+r).
		x := 1 / (1 + r)
		var s float64
		for t := len(flows) - 1; t >= 1; t-- {
			s = s*x + float64(t)*flows[t]
		}
		return -s * x * x
	}
	scale := func(r float64) float64 {
		x, s := 1/(1+r), 0.0
		for t := len(flows) - 1; t >= 0; t-- {
			s = s*x + math.Abs(flows[t])
		}
		return s
	}
	return slices.DeleteFunc(gridRoots(dpv), func(r float64) bool { return math.Abs(pv(r)) > 1e-9*scale(r) })
}

// percents writes rates as percentages for a note.
func percents(rs []float64) string {
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%.4g%%", r*100)
	}
	return b.String()
}

func appendRoot(roots []float64, r float64) []float64 {
	if n := len(roots); n > 0 && math.Abs(roots[n-1]-r) < 1e-9 {
		return roots
	}
	return append(roots, r)
}

// signChanges counts changes of sign in flows, ignoring zeros.
func signChanges(flows []float64) int {
	n, last := 0, 0.0
	for _, v := range flows {
		if v == 0 {
			continue
		}
		if last != 0 && (v > 0) != (last > 0) {
			n++
		}
		last = v
	}
	return n
}
