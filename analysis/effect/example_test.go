package effect_test

import (
	"context"
	"fmt"

	"github.com/psnbyod/psnbyod/analysis/effect"
)

func ExampleEstimate() {
	// Two organisations restrict BYOD in 2013, two never do; the fifth was surveyed once.
	panel := []effect.OrgYear{
		{Org: 1, Year: 2012, Mean: 5.0, Respondents: 120}, {Org: 1, Year: 2013, Mean: 4.0, Respondents: 110, Restricted: true},
		{Org: 2, Year: 2012, Mean: 6.0, Respondents: 100}, {Org: 2, Year: 2013, Mean: 4.0, Respondents: 130, Restricted: true},
		{Org: 3, Year: 2012, Mean: 5.0, Respondents: 140}, {Org: 3, Year: 2013, Mean: 5.5, Respondents: 150},
		{Org: 4, Year: 2012, Mean: 4.0, Respondents: 101}, {Org: 4, Year: 2013, Mean: 5.5, Respondents: 102},
		{Org: 5, Year: 2013, Mean: 4.5, Respondents: 105, Restricted: true},
	}
	counts := []effect.Counts{{
		Year:         2013,
		Restricted:   [effect.Scores]int64{2, 10, 25, 40, 30, 12, 5},
		Unrestricted: [effect.Scores]int64{1, 6, 15, 35, 45, 25, 11},
	}}
	r, err := effect.Estimate(context.Background(), panel, counts, effect.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("effect %.2f points (SE %.3f, 95%% CI %.2f to %.2f, p = %.4f, df %d)\n",
		r.Estimate, r.StdError, r.CILow, r.CIHigh, r.PValue, r.DF)
	y := r.PerYear[0]
	fmt.Printf("%d: difference %.2f, rank-biserial %.3f\n", y.Year, y.Difference, *y.RankBiserial)
	// Output:
	// effect -2.50 points (SE 0.645, 95% CI -4.29 to -0.71, p = 0.0179, df 4)
	// 2013: difference -1.33, rank-biserial -0.251
}
