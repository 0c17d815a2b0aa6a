package costmodel_test

import (
	"context"
	"fmt"
	"log"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
)

// A two-option appraisal: buying a device outright against leasing it, at 3.5%. By hand, leasing
// costs 230 + 230/1.035 + 230/1.035² = 666.93; buying costs the modal price 600, or 660 with a 10%
// capital uplift. That most likely case favours buying, but the price is skewed: its expected value
// is (500 + 600 + 800)/3 = 633.33, or 696.67 with the uplift, dearer than leasing. Options are
// ranked by the expected NPSV (the Monte Carlo mean, which at 1,000 draws has a standard error of
// about 1.1 × 62.4/√1000 = 2.2), so leasing is preferred.
func ExampleAnalyse() {
	src := []byte(`name = "buy or lease"
base_year = 2014
horizon_years = 3
discount = 0.035
iterations = 1000
baseline = "lease"
[optimism_bias]
capital = 0.10
[inputs]
price = { dist = "triangular", min = 500, mode = 600, max = 800 }
[[options]]
name = "lease"
  [[options.lines]]
  name = "lease payments"
  kind = "cost"
  category = "operating"
  years = "0-2"
  amount = "230"
[[options]]
name = "buy"
  [[options.lines]]
  name = "purchase"
  kind = "cost"
  category = "capital"
  years = [0]
  amount = "price"
`)
	sc, err := costmodel.Parse("buy_or_lease.toml", src)
	if err != nil {
		log.Fatal(err)
	}
	r, err := costmodel.Analyse(context.Background(), sc, costmodel.RunOptions{})
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range r.Options {
		fmt.Printf("%s: most likely NPSV %.2f (without optimism bias %.2f), expected NPSV %.0f\n",
			o.Name, o.Deterministic.NPSV, o.DeterministicWithoutOB.NPSV, o.ExpectedNPSV.Mean)
	}
	fmt.Println("preferred:", r.Preferred, "(most likely case:", r.PreferredMostLikely+")")
	// Output:
	// lease: most likely NPSV -666.93 (without optimism bias -666.93), expected NPSV -667
	// buy: most likely NPSV -660.00 (without optimism bias -600.00), expected NPSV -697
	// preferred: lease (most likely case: buy)
}
