package stats

import (
	"errors"
	"fmt"
	"math"
	"testing"
)

// Reference values: R 4.2.2 wilcox.test(x, y, exact = FALSE, correct = TRUE) printed with
// options(digits = 17). Where a rounded value was published we also check that:
//   - endmemo.com/r/wilcoxon.php: x = c(1,5,9,24,56,21,3,7,21,4), y = c(12,15,5,9,9,14,56,22,3,7,32,5)
//     gives "W = 51.5, p-value = 0.5966"; with y = c(1233,4356,987,39999,1111,200000), "W = 0,
//     p-value = 0.001364" (both with ties, so R uses the corrected normal approximation).
//   - scipy.stats.mannwhitneyu documentation: males = [19,22,16,29,24], females = [20,11,17,12],
//     method="asymptotic" gives statistic=17.0, pvalue=0.11134688653314041.
//   - R's own ?wilcox.test example wilcox.test(Ozone ~ Month, data = airquality, subset = Month %in%
//     c(5, 8)) prints "W = 127.5, p-value = 0.0001208" (many ties); the data are R's airquality.
func TestMannWhitney(t *testing.T) {
	tests := []struct {
		Name      string
		X, Y      []float64
		U, P      float64
		Published float64 // rounded published p-value, 0 if none
		Tol       float64 // tolerance on the published value
	}{
		{
			Name: "endmemo ties", X: []float64{1, 5, 9, 24, 56, 21, 3, 7, 21, 4},
			Y: []float64{12, 15, 5, 9, 9, 14, 56, 22, 3, 7, 32, 5},
			U: 51.5, P: 0.59659690262798182, Published: 0.5966, Tol: 5e-5,
		},
		{
			Name: "endmemo all below", X: []float64{1, 5, 9, 24, 56, 21, 3, 7, 21, 4},
			Y: []float64{1233, 4356, 987, 39999, 1111, 200000},
			U: 0, P: 0.0013643929543816088, Published: 0.001364, Tol: 5e-7,
		},
		{
			Name: "scipy docs males vs females", X: []float64{19, 22, 16, 29, 24}, Y: []float64{20, 11, 17, 12},
			U: 17, P: 0.11134688653314045, Published: 0.11134688653314041, Tol: 1e-12,
		},
		{
			Name: "R airquality ozone May vs August",
			X: []float64{41, 36, 12, 18, 28, 23, 19, 8, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4, 32, 23, 45,
				115, 37},
			Y: []float64{39, 9, 16, 78, 35, 66, 122, 89, 110, 44, 28, 65, 22, 59, 23, 31, 44, 21, 9, 45, 168, 73, 76,
				118, 84, 85},
			U: 127.5, P: 1.2080783076877442e-04, Published: 0.0001208, Tol: 5e-8,
		},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			got, err := mannWhitney(tt.X, tt.Y)
			if err != nil {
				t.Fatal(err)
			}
			if got.U != tt.U {
				t.Errorf("U = %v, want %v", got.U, tt.U)
			}
			if math.Abs(got.P-tt.P) > 1e-12 {
				t.Errorf("p = %.17g, want %.17g", got.P, tt.P)
			}
			if math.Abs(got.P-tt.Published) > tt.Tol {
				t.Errorf("p = %.17g, published %v", got.P, tt.Published)
			}
			if want := 2*tt.U/float64(len(tt.X)*len(tt.Y)) - 1; math.Abs(got.RankBiserial-want) > 1e-15 {
				t.Errorf("rank-biserial = %v, want %v", got.RankBiserial, want)
			}
			// Swapping the samples mirrors U and the correlation and keeps p.
			sw, err := mannWhitney(tt.Y, tt.X)
			if err != nil {
				t.Fatal(err)
			}
			if sw.U != float64(len(tt.X)*len(tt.Y))-tt.U || math.Abs(sw.P-got.P) > 1e-15 ||
				math.Abs(sw.RankBiserial+got.RankBiserial) > 1e-15 {
				t.Errorf("swapped samples: %+v vs %+v", sw, got)
			}
		})
	}
}

// A 1–7 score summarised as counts. Reference: R 4.2.2,
// cr <- c(3,10,25,40,30,12,5); cu <- c(1,6,15,35,45,25,11)
// wilcox.test(rep(1:7, cr), rep(1:7, cu), exact = FALSE, correct = TRUE)
// W = 6405.5, p-value = 2.1413288108330627e-04.
func TestMannWhitneyCounts(t *testing.T) {
	cr := []int64{3, 10, 25, 40, 30, 12, 5}
	cu := []int64{1, 6, 15, 35, 45, 25, 11}
	got, err := MannWhitneyCounts(cr, cu)
	if err != nil {
		t.Fatal(err)
	}
	if got.U != 6405.5 || math.Abs(got.P-2.1413288108330627e-04) > 1e-15 {
		t.Errorf("got U = %v, p = %.17g; want 6405.5, 2.1413288108330627e-04", got.U, got.P)
	}
	if got.NX != 125 || got.NY != 138 {
		t.Errorf("n = %d, %d; want 125, 138", got.NX, got.NY)
	}
	// The restricted group scores lower, so the rank-biserial correlation is negative.
	if want := 2*6405.5/(125*138) - 1; math.Abs(got.RankBiserial-want) > 1e-15 || got.RankBiserial >= 0 {
		t.Errorf("rank-biserial = %v, want %v", got.RankBiserial, want)
	}
	// The same data expanded to slices must give the same answer.
	var xs, ys []float64
	for c := range cr {
		for range cr[c] {
			xs = append(xs, float64(c+1))
		}
		for range cu[c] {
			ys = append(ys, float64(c+1))
		}
	}
	sl, err := mannWhitney(xs, ys)
	if err != nil {
		t.Fatal(err)
	}
	if sl != got {
		t.Errorf("slices %+v != counts %+v", sl, got)
	}
}

func TestMannWhitneyErrors(t *testing.T) {
	if _, err := mannWhitney(nil, []float64{1}); !errors.Is(err, ErrMannWhitneyEmpty) {
		t.Errorf("empty: %v", err)
	}
	if _, err := mannWhitney([]float64{2, 2}, []float64{2}); !errors.Is(err, ErrMannWhitneyAllTied) {
		t.Errorf("all tied: %v", err)
	}
	if _, err := mannWhitney([]float64{math.NaN()}, []float64{2}); !errors.Is(err, ErrMannWhitneyBadInput) {
		t.Errorf("NaN: %v", err)
	}
	if _, err := MannWhitneyCounts([]int64{1, -1}, []int64{1, 1}); !errors.Is(err, ErrMannWhitneyBadInput) {
		t.Errorf("negative: %v", err)
	}
	if _, err := MannWhitneyCounts([]int64{1}, []int64{1, 1}); !errors.Is(err, ErrMannWhitneyBadInput) {
		t.Errorf("mismatched: %v", err)
	}
}

func ExampleMannWhitneyCounts() {
	// Respondents' 1–7 scores: restricted organisations first, then unrestricted ones.
	restricted := []int64{3, 10, 25, 40, 30, 12, 5}
	unrestricted := []int64{1, 6, 15, 35, 45, 25, 11}
	r, err := MannWhitneyCounts(restricted, unrestricted)
	if err != nil {
		panic(err)
	}
	fmt.Printf("U = %.1f, p = %.6f, rank-biserial = %.3f\n", r.U, r.P, r.RankBiserial)
	// Output: U = 6405.5, p = 0.000214, rank-biserial = -0.257
}

// TestMannWhitneyExtremeP checks the p-value far in the tail, where 1 − Φ(|z|) by subtraction is 0.
// 200 respondents all score 7 and 200 all score 1, so U = 200·200 = 40000 and, worked by hand:
// ties Σ(t³ − t) = 2·(200³ − 200) = 15,999,600; n(n−1) = 400·399 = 159,600; Var(U) =
// 40000/12·(401 − 15,999,600/159,600) = 40000/12·300.7519 ≈ 1,002,506.3; d = 40000 − 20000 − 0.5 =
// 19,999.5; z = 19,999.5/√Var(U) ≈ 19.97448. The two-sided p is 2·(1 − Φ(z)), checked against Mills' ratio
// series 2φ(z)/z·(1 − 1/z² + 3/z⁴ − 15/z⁶), whose next term is below 1e-6 of the total here.
func TestMannWhitneyExtremeP(t *testing.T) {
	x := []int64{0, 0, 0, 0, 0, 0, 200}
	y := []int64{200, 0, 0, 0, 0, 0, 0}
	r, err := MannWhitneyCounts(x, y)
	if err != nil {
		t.Fatal(err)
	}
	z := 19999.5 / math.Sqrt(40000.0/12*(401-15999600.0/159600))
	if math.Abs(r.Z-z) > 1e-12 {
		t.Fatalf("z = %v, want %v", r.Z, z)
	}
	z2 := z * z
	want := 2 * math.Exp(-z2/2) / math.Sqrt(2*math.Pi) / z * (1 - 1/z2 + 3/(z2*z2) - 15/(z2*z2*z2))
	if r.P == 0 || math.Abs(r.P-want)/want > 1e-6 {
		t.Errorf("p = %g, want %g (Mills ratio)", r.P, want)
	}
	if want > 1e-85 || want < 1e-90 {
		t.Errorf("closed form p = %g, expected about 1e-88", want)
	}
}
