package costmodel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Rank correlations between inputs are induced by the Iman–Conover method (Iman and Conover 1982,
// "A distribution-free approach to inducing rank correlation among input variables"): draw each
// input independently, build normal scores with the target correlation, and reorder each input's
// draws to follow the ranks of its scores. The marginal distributions are untouched, which is the
// point: a finance officer's PERT stays a PERT.
//
// It is applied within each chunk of draws (ChunkSize iterations, one random stream each), so
// chunks stay independent and the result does not depend on the number of goroutines; each chunk
// carries the target correlation up to sampling error, and so does the whole run.

// correlationMatrix returns the indices (among the uncertain inputs) of the inputs named in
// correlations and their target rank correlation matrix, or an error if that matrix is not
// positive semi-definite, which no set of random variables can have.
func correlationMatrix(uncertain []*Input, cs []Correlation) ([]int, *mat.SymDense, error) {
	pos := map[string]int{}
	for i, in := range uncertain {
		pos[in.Name] = i
	}
	var idx []int
	for _, c := range cs {
		for _, n := range c.Inputs {
			if i, ok := pos[n]; ok && !slices.Contains(idx, i) {
				idx = append(idx, i)
			}
		}
	}
	slices.Sort(idx)
	k := len(idx)
	m := mat.NewSymDense(k, nil)
	for i := range k {
		m.SetSym(i, i, 1)
	}
	for _, c := range cs {
		a, b := slices.Index(idx, pos[c.Inputs[0]]), slices.Index(idx, pos[c.Inputs[1]])
		if a < 0 || b < 0 {
			return nil, nil, fmt.Errorf("unknown input in %v", c.Inputs)
		}
		m.SetSym(a, b, c.Rank)
	}
	var eig mat.EigenSym
	if !eig.Factorize(m, false) {
		return nil, nil, fmt.Errorf("cannot factorise the rank correlation matrix")
	}
	if lo := slices.Min(eig.Values(nil)); lo < -1e-10 {
		names := make([]string, k)
		for i, j := range idx {
			names[i] = uncertain[j].Name
		}
		return nil, nil, fmt.Errorf("the rank correlations among %v are impossible together: the matrix is not positive semi-definite (smallest eigenvalue %.3g)", names, lo)
	}
	return idx, m, nil
}

// imanConover reorders the draws of the correlated inputs within one chunk.
type imanConover struct {
	idx    []int      // columns (uncertain input indices) to correlate
	target *mat.Dense // lower Cholesky factor P of the target score correlation
}

// newImanConover prepares the target. Iman–Conover gives the normal scores a Pearson correlation,
// and for normal variables Spearman's ρ = (6/π)·asin(r/2) (Pearson 1907), so the score target is
// r = 2·sin(πρ/6), which lands the rank correlation on the ρ the user wrote.
func newImanConover(idx []int, rankTarget *mat.SymDense) (*imanConover, error) {
	k := len(idx)
	c := mat.NewSymDense(k, nil)
	for i := range k {
		for j := i; j < k; j++ {
			r := rankTarget.At(i, j)
			if i != j {
				r = 2 * math.Sin(math.Pi*r/6)
			}
			c.SetSym(i, j, r)
		}
	}
	l, ok := cholesky(c)
	if !ok {
		return nil, fmt.Errorf("the rank correlation matrix is singular or nearly so")
	}
	return &imanConover{idx: idx, target: l}, nil
}

// cholesky returns the lower factor of c, nudging the diagonal when c is only semi-definite (a
// correlation of exactly ±1, say).
func cholesky(c *mat.SymDense) (*mat.Dense, bool) {
	k := c.SymmetricDim()
	for _, jitter := range []float64{0, 1e-10, 1e-7} {
		m := mat.NewSymDense(k, nil)
		m.CopySym(c)
		for i := range k {
			m.SetSym(i, i, m.At(i, i)+jitter)
		}
		var ch mat.Cholesky
		if ch.Factorize(m) {
			var l mat.TriDense
			ch.LTo(&l)
			return mat.DenseCopyOf(&l), true
		}
	}
	return nil, false
}

// apply reorders cols[idx[j]][:n] in place for one chunk, using rng for the random pairing of
// scores. Chunks too small to estimate a correlation matrix are left independent.
func (ic *imanConover) apply(cols [][]float64, n int, rng *rand.Rand, scratch *icScratch) {
	k := len(ic.idx)
	if n < 2*k+2 {
		return
	}
	scratch.grow(n, k)
	// Van der Waerden scores Φ⁻¹(i/(n+1)), one random permutation per input.
	scores := scratch.scores[:n]
	if scratch.scoresN != n {
		for i := range scores {
			scores[i] = distuv.UnitNormal.Quantile(float64(i+1) / float64(n+1))
		}
		scratch.scoresN = n
	}
	m := mat.NewDense(n, k, scratch.m[:n*k])
	for j := range k {
		perm := rng.Perm(n)
		for i, p := range perm {
			m.Set(i, j, scores[p])
		}
	}
	// The scores' own correlation E = QQᵀ; T = M (Q⁻¹)ᵀ Pᵀ has correlation PPᵀ.
	e := mat.NewSymDense(k, nil)
	e.SymOuterK(1/float64(n), m.T()) // MᵀM/n: the scores have mean 0 by symmetry
	for i := range k {
		for j := i + 1; j < k; j++ {
			e.SetSym(i, j, e.At(i, j)/math.Sqrt(e.At(i, i)*e.At(j, j)))
		}
	}
	for i := range k {
		e.SetSym(i, i, 1)
	}
	q, ok := cholesky(e)
	if !ok {
		return
	}
	var qinv mat.Dense
	if err := qinv.Inverse(q); err != nil {
		return
	}
	var a, t mat.Dense
	a.Mul(ic.target, &qinv) // A = P Q⁻¹, so T = M Aᵀ
	t.Mul(m, a.T())
	// Give each input's sorted draws the ranks of its column of T.
	order := scratch.order[:n]
	sorted := scratch.sorted[:n]
	for j, col := range ic.idx {
		x := cols[col][:n]
		copy(sorted, x)
		slices.Sort(sorted)
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int {
			va, vb := t.At(int(a), j), t.At(int(b), j)
			switch {
			case va < vb:
				return -1
			case va > vb:
				return 1
			}
			return int(a - b)
		})
		for r, i := range order {
			x[i] = sorted[r]
		}
	}
}

// icScratch is one goroutine's working space for imanConover.apply.
type icScratch struct {
	scores  []float64
	scoresN int
	m       []float64
	order   []int32
	sorted  []float64
}

func (s *icScratch) grow(n, k int) {
	if cap(s.scores) < n {
		s.scores = make([]float64, n)
		s.scoresN = 0
		s.order = make([]int32, n)
		s.sorted = make([]float64, n)
	}
	if cap(s.m) < n*k {
		s.m = make([]float64, n*k)
	}
}
