package effect

// Satisfaction over time in restricted and unrestricted organisations: for each survey year, the
// mean of the org-year satisfaction means in each group (the same means YearComparison reports)
// with a 95% confidence interval of that mean. A summary for a chart, not an estimate: the causal
// estimate is the difference-in-differences. Known weakness: the interval treats the org-years of
// a group as independent draws, and ignores how many respondents each mean rests on.

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// GroupYear is one group's satisfaction in one survey year.
type GroupYear struct {
	Year        int32
	Restricted  bool
	OrgYears    int
	Respondents int64
	// Mean is the unweighted mean of the group's org-year means.
	Mean float64
	// Low and High bound the 95% interval mean ± t(0.975, n−1)·sd/√n; equal to Mean when n < 2.
	Low, High float64
}

// GroupYears groups org-years with respondents by year and restriction status, in year order,
// unrestricted first. Within a group the means are taken in the order of rows.
func GroupYears(rows []OrgYear) []GroupYear {
	type key struct {
		year       int32
		restricted bool
	}
	vals := map[key][]float64{}
	resp := map[key]int64{}
	for _, r := range rows {
		if r.Respondents == 0 {
			continue
		}
		kk := key{r.Year, r.Restricted}
		vals[kk] = append(vals[kk], r.Mean)
		resp[kk] += r.Respondents
	}
	var out []GroupYear
	for kk, v := range vals {
		tp := GroupYear{Year: kk.year, Restricted: kk.restricted, OrgYears: len(v), Respondents: resp[kk]}
		mean, sd := stat.MeanStdDev(v, nil)
		tp.Mean, tp.Low, tp.High = mean, mean, mean
		if n := float64(len(v)); n >= 2 {
			h := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(0.975) * sd / math.Sqrt(n)
			tp.Low, tp.High = mean-h, mean+h
		}
		out = append(out, tp)
	}
	slices.SortFunc(out, func(a, b GroupYear) int {
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
