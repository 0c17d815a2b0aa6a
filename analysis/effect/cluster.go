// Cluster-robust (by organisation) inference for a within-transformed regression, with the
// small-sample correction Stata's `xtreg ..., fe vce(cluster org)` applies, and Student's t with G−1
// degrees of freedom.

package effect

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// clusterFit is an OLS fit of a design with its organisation-clustered covariance matrix.
type clusterFit struct {
	sol *normalSolution
	// vcov is c·(X'X)⁻¹ (Σ_g X_g'u_g u_g'X_g) (X'X)⁻¹ over the kept columns, with
	// c = G/(G−1)·(N−1)/(N−K).
	vcov *mat.SymDense
	n, g int
	// params is K: the kept regressors plus the constant that xtreg reports. The absorbed
	// organisation effects are not counted: they are nested within the clusters.
	params int
}

// fitClustered runs OLS on the design and computes the clustered covariance matrix.
func fitClustered(d *design) (*clusterFit, error) {
	k := d.k
	xtx := make([]float64, k*k)
	xty := make([]float64, k)
	g := len(d.orgStart) - 1
	for c := range g {
		d.crossProducts(c, xtx, xty)
	}
	sol, err := solveNormal(xtx, xty, k, true)
	if err != nil {
		return nil, err
	}
	m := len(sol.kept)
	f := &clusterFit{sol: sol, n: d.n, g: g, params: m + 1}
	if g < 2 || f.n <= f.params {
		return nil, fmt.Errorf("%w: %d organisations, %d org-years, %d parameters", ErrTooFewClusters, g, f.n, f.params)
	}
	// Meat: Σ_g s_g s_g' with s_g = X_g'u_g, the score of organisation g.
	meat := mat.NewSymDense(m, nil)
	score := make([]float64, m)
	for c := range g {
		clear(score)
		for i := d.orgStart[c]; i < d.orgStart[c+1]; i++ {
			row := d.x[i*k : (i+1)*k]
			u := d.y[i]
			for r, j := range sol.kept {
				u -= row[j] * sol.beta[r]
			}
			for r, j := range sol.kept {
				score[r] += row[j] * u
			}
		}
		meat.SymRankOne(meat, 1, mat.NewVecDense(m, score))
	}
	var bm, sandwich mat.Dense
	bm.Mul(sol.bread, meat)
	sandwich.Mul(&bm, sol.bread)
	gf, nf, kf := float64(g), float64(f.n), float64(f.params)
	scale := gf / (gf - 1) * (nf - 1) / (nf - kf)
	f.vcov = mat.NewSymDense(m, nil)
	for r := range m {
		for c := r; c < m; c++ {
			// Average the two triangles: the product is symmetric up to rounding.
			f.vcov.SetSym(r, c, scale*(sandwich.At(r, c)+sandwich.At(c, r))/2)
		}
	}
	return f, nil
}

// df is the degrees of freedom of the t reference distribution, G − 1.
func (f *clusterFit) df() int { return f.g - 1 }

// coef is the inference on one coefficient.
type coef struct {
	est, se, t, p, lo, hi float64
}

// coefficient returns the estimate, clustered standard error, t, two-sided p and 95% interval for design
// column j, and false if the column was omitted as collinear.
func (f *clusterFit) coefficient(j int) (coef, bool) {
	r := f.sol.position(j)
	if r < 0 {
		return coef{}, false
	}
	return tInference(f.sol.beta[r], math.Sqrt(math.Max(0, f.vcov.At(r, r))), f.df()), true
}

// tInference turns an estimate and its standard error into t, a two-sided p-value and a 95% interval
// from Student's t with df degrees of freedom. A zero standard error (a perfect fit) gives p = 0 when
// the estimate is non-zero and p = 1 otherwise, never NaN.
func tInference(est, se float64, df int) coef {
	st := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}
	q := st.Quantile(0.975)
	c := coef{est: est, se: se, lo: est - q*se, hi: est + q*se}
	switch {
	case se > 0:
		c.t = est / se
		c.p = math.Min(1, 2*st.Survival(math.Abs(c.t)))
	case est == 0:
		c.p = 1
	default:
		c.p = 0
	}
	return c
}
