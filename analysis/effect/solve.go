// Solving the normal equations of a small within-transformed regression: drop collinear columns in
// their given order (as Stata omits later collinear terms), then solve with gonum's Cholesky with a
// condition check.

package effect

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// collinearTol is the smallest share of a column's sum of squares that must remain after projecting
// it on the columns kept before it (1 − R²); below it the column is treated as collinear and omitted.
const collinearTol = 1e-10

// maxCond bounds the condition number of the kept cross-product matrix. It is far below gonum's own
// tolerance because the normal equations square the condition number of the design.
const maxCond = 1e10

// independentColumns returns, in order, the columns of the k×k cross-product matrix xtx (row-major)
// that are linearly independent of the columns kept before them. It runs an unpivoted Cholesky that
// skips a column whose pivot is negligible, so earlier columns always win, whatever their scale.
func independentColumns(xtx []float64, k int) []int {
	kept := make([]int, 0, k)
	l := make([]float64, k*k) // l[j*k+i]: Cholesky factor entry for kept columns j, i
	for j := range k {
		ajj := xtx[j*k+j]
		if !(ajj > 0) {
			continue
		}
		piv := ajj
		for _, i := range kept {
			s := xtx[j*k+i]
			for _, m := range kept {
				if m == i {
					break
				}
				s -= l[j*k+m] * l[i*k+m]
			}
			l[j*k+i] = s / l[i*k+i]
			piv -= l[j*k+i] * l[j*k+i]
		}
		if piv <= collinearTol*ajj {
			continue
		}
		l[j*k+j] = math.Sqrt(piv)
		kept = append(kept, j)
	}
	return kept
}

// normalSolution is the least-squares solution over the kept columns.
type normalSolution struct {
	kept  []int
	beta  []float64     // coefficients of the kept columns, in the order of kept
	chol  *mat.Cholesky // factor of the kept cross-product matrix
	bread *mat.SymDense // its inverse, (X'X)⁻¹, when asked for
}

// solveNormal solves (X'X) b = X'y over the independent columns. With wantInverse it also returns
// (X'X)⁻¹ for the sandwich.
func solveNormal(xtx, xty []float64, k int, wantInverse bool) (*normalSolution, error) {
	kept := independentColumns(xtx, k)
	if len(kept) == 0 {
		return nil, ErrNoVariation
	}
	m := len(kept)
	a := mat.NewSymDense(m, nil)
	b := mat.NewVecDense(m, nil)
	for r, i := range kept {
		b.SetVec(r, xty[i])
		for c := r; c < m; c++ {
			a.SetSym(r, c, xtx[i*k+kept[c]])
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(a) {
		return nil, fmt.Errorf("%w: cross-product matrix is not positive definite", ErrSingular)
	}
	if c := ch.Cond(); c > maxCond {
		return nil, fmt.Errorf("%w: condition number %.3g", ErrSingular, c)
	}
	var beta mat.VecDense
	if err := ch.SolveVecTo(&beta, b); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSingular, err)
	}
	s := &normalSolution{kept: kept, beta: beta.RawVector().Data, chol: &ch}
	if wantInverse {
		s.bread = mat.NewSymDense(m, nil)
		if err := ch.InverseTo(s.bread); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSingular, err)
		}
	}
	return s, nil
}

// position returns where column j sits among the kept columns, or −1 if it was omitted.
func (s *normalSolution) position(j int) int {
	for r, i := range s.kept {
		if i == j {
			return r
		}
	}
	return -1
}
