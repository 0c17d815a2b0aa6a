package stats

import (
	"errors"
	"math"
)

// ErrBrentNoBracket is returned by Brent when f(a) and f(b) have the same sign, so the interval is not
// known to hold a root.
var ErrBrentNoBracket = errors.New("stats: root not bracketed: f(a) and f(b) have the same sign")

// ErrBrentNoConvergence is returned by Brent when the iteration limit is reached first.
var ErrBrentNoConvergence = errors.New("stats: root finder did not converge")

// Brent returns a root of f in [a, b] by Brent's method (Brent 1973, "Algorithms for Minimization
// without Derivatives", ch. 4: inverse quadratic interpolation and secant steps guarded by
// bisection), which converges whenever f is continuous and f(a), f(b) differ in sign. It stops when
// the bracket is narrower than 2·(4ε|x| + tol/2) or f(x) = 0. A non-positive tol means "as precise
// as float64 allows".
//
// It is used for internal rates of return and switching values, where the caller scans for a sign
// change first and Brent refines it.
func Brent(f func(float64) float64, a, b, tol float64) (float64, error) {
	const maxIter = 200
	fa, fb := f(a), f(b)
	switch {
	case math.IsNaN(fa) || math.IsNaN(fb):
		return math.NaN(), ErrBrentNoBracket
	case fa == 0:
		return a, nil
	case fb == 0:
		return b, nil
	case (fa > 0) == (fb > 0):
		return math.NaN(), ErrBrentNoBracket
	}
	if tol < 0 {
		tol = 0
	}
	const eps = 0x1p-52
	c, fc := a, fa
	d := b - a
	e := d
	for range maxIter {
		if (fb > 0) == (fc > 0) {
			// Keep the root between b and c.
			c, fc = a, fa
			d = b - a
			e = d
		}
		if math.Abs(fc) < math.Abs(fb) {
			a, b, c = b, c, b
			fa, fb, fc = fb, fc, fb
		}
		tol1 := 2*eps*math.Abs(b) + 0.5*tol
		xm := 0.5 * (c - b)
		if math.Abs(xm) <= tol1 || fb == 0 {
			return b, nil
		}
		if math.Abs(e) >= tol1 && math.Abs(fa) > math.Abs(fb) {
			// Try interpolation.
			s := fb / fa
			var p, q float64
			if a == c {
				p = 2 * xm * s // secant
				q = 1 - s
			} else {
				q = fa / fc // inverse quadratic
				r := fb / fc
				p = s * (2*xm*q*(q-r) - (b-a)*(r-1))
				q = (q - 1) * (r - 1) * (s - 1)
			}
			if p > 0 {
				q = -q
			}
			p = math.Abs(p)
			if 2*p < min(3*xm*q-math.Abs(tol1*q), math.Abs(e*q)) {
				e = d
				d = p / q
			} else {
				d = xm // interpolation failed: bisect
				e = d
			}
		} else {
			d = xm
			e = d
		}
		a, fa = b, fb
		if math.Abs(d) > tol1 {
			b += d
		} else {
			b += math.Copysign(tol1, xm)
		}
		fb = f(b)
		if math.IsNaN(fb) {
			return math.NaN(), ErrBrentNoConvergence
		}
	}
	return b, ErrBrentNoConvergence
}
