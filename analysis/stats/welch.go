// Welch's unequal-variance two-sample t-test. gonum has the t distribution (distuv.StudentsT) but not
// the test, so the statistic and the Welch–Satterthwaite degrees of freedom live here, once.

package stats

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Errors returned by Welch.
var (
	// ErrWelchTooFew means a sample has fewer than two values, so its variance is undefined.
	ErrWelchTooFew = errors.New("stats: Welch's t-test needs at least two values in each sample")
	// ErrWelchNoVariance means both samples are constant, so the t statistic is undefined.
	ErrWelchNoVariance = errors.New("stats: Welch's t-test is undefined when both samples are constant")
	// ErrWelchNotFinite means a sample holds a NaN or an infinity.
	ErrWelchNotFinite = errors.New("stats: Welch's t-test input holds NaN or Inf")
)

// WelchResult is the outcome of a two-sided Welch's t-test of x against y.
type WelchResult struct {
	// NX and NY are the sample sizes.
	NX, NY int
	// MeanX and MeanY are the sample means.
	MeanX, MeanY float64
	// Difference is MeanX − MeanY.
	Difference float64
	// StdError is sqrt(s²x/nx + s²y/ny), with n−1 variances.
	StdError float64
	// T is Difference / StdError.
	T float64
	// DF is the Welch–Satterthwaite degrees of freedom (not an integer in general).
	DF float64
	// P is the two-sided p-value from Student's t with DF degrees of freedom.
	P float64
}

// Welch runs Welch's two-sample t-test (unequal variances) of x against y, two-sided, as R's
// t.test(x, y) does by default.
func Welch(x, y []float64) (WelchResult, error) {
	if len(x) < 2 || len(y) < 2 {
		return WelchResult{}, ErrWelchTooFew
	}
	for _, s := range [][]float64{x, y} {
		for _, v := range s {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return WelchResult{}, ErrWelchNotFinite
			}
		}
	}
	mx, vx := stat.MeanVariance(x, nil)
	my, vy := stat.MeanVariance(y, nil)
	nx, ny := float64(len(x)), float64(len(y))
	ax, ay := vx/nx, vy/ny
	se2 := ax + ay
	if !(se2 > 0) {
		return WelchResult{}, ErrWelchNoVariance
	}
	r := WelchResult{
		NX: len(x), NY: len(y),
		MeanX: mx, MeanY: my,
		Difference: mx - my,
		StdError:   math.Sqrt(se2),
	}
	r.T = r.Difference / r.StdError
	r.DF = se2 * se2 / (ax*ax/(nx-1) + ay*ay/(ny-1))
	r.P = math.Min(1, 2*distuv.StudentsT{Mu: 0, Sigma: 1, Nu: r.DF}.Survival(math.Abs(r.T)))
	return r, nil
}
