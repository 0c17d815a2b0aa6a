package reports

// Satisfaction over time in restricted and unrestricted organisations: for each survey year, the
// mean of the org-year satisfaction means in each group (the same means effect.YearComparison
// reports) with a 95% confidence interval of that mean. A chart summary, not an estimate: the
// causal estimate is the difference-in-differences.

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
)

// trendPoint is one group's satisfaction in one year.
type trendPoint struct {
	Year        int32
	Restricted  bool
	OrgYears    int
	Respondents int64
	Mean        float64
	// Low and High bound the 95% interval mean ± t(0.975, n−1)·sd/√n; equal to Mean when n < 2.
	Low, High float64
}

// satisfactionTrend groups the org-years with respondents and a known restriction status by year
// and status, in year order, unrestricted first.
func satisfactionTrend(kpis []benchmark.KPI) []trendPoint {
	type key struct {
		year       int32
		restricted bool
	}
	vals := map[key][]float64{}
	resp := map[key]int64{}
	for i := range kpis {
		k := &kpis[i]
		if k.Respondents == 0 || k.BYODRestricted == nil || !k.SatisfactionMean.Valid {
			continue
		}
		kk := key{k.Year, *k.BYODRestricted}
		vals[kk] = append(vals[kk], k.SatisfactionMean.Value)
		resp[kk] += k.Respondents
	}
	var out []trendPoint
	for kk, v := range vals {
		tp := trendPoint{Year: kk.year, Restricted: kk.restricted, OrgYears: len(v), Respondents: resp[kk]}
		mean, sd := stat.MeanStdDev(v, nil)
		tp.Mean, tp.Low, tp.High = mean, mean, mean
		if n := float64(len(v)); n >= 2 {
			h := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(0.975) * sd / math.Sqrt(n)
			tp.Low, tp.High = mean-h, mean+h
		}
		out = append(out, tp)
	}
	slices.SortFunc(out, func(a, b trendPoint) int {
		if a.Year != b.Year {
			return int(a.Year - b.Year)
		}
		if a.Restricted == b.Restricted {
			return 0
		}
		if a.Restricted {
			return 1
		}
		return -1
	})
	return out
}
