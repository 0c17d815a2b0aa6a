package reports_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"log"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/reports"
)

// The business case's cash-flow chart of a two-option appraisal at 3.5%: leasing pays 230 a year
// for three years, buying pays the price once, with a 10% capital uplift for optimism bias. By hand
// the cumulative present values are −230, −230 − 230/1.035 = −452.22 and −452.22 − 230/1.035² =
// −666.93 for leasing, and −600 × 1.1 = −660 every year for buying. The chart holds exactly these
// series; PNG draws it as the documents embed it, 16 × 9 cm (945 × 531 pixels at 150 dpi).
func ExampleCashflowChart() {
	sc, err := costmodel.Parse("buy_or_lease.toml", []byte(`name = "buy or lease"
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
`))
	if err != nil {
		log.Fatal(err)
	}
	r, err := costmodel.Analyse(context.Background(), sc, costmodel.RunOptions{})
	if err != nil {
		log.Fatal(err)
	}
	c, err := reports.CashflowChart(&reports.ScenarioResult{Name: "buy_or_lease", Result: r})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s (%s): %s\n", c.Name, c.Kind, c.Title)
	for _, s := range c.Series {
		fmt.Printf("%s:", s.Name)
		for i := range s.X {
			fmt.Printf(" %.0f %.2f;", s.X[i], s.Y[i])
		}
		fmt.Println()
	}
	b, err := c.PNG(150)
	if err != nil {
		log.Fatal(err)
	}
	img, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("PNG %d × %d pixels at 150 dpi\n", img.Width, img.Height)
	// Output:
	// cumulative_cash_flow (cashflow): Cumulative discounted net cash flow by option
	// lease: 2014 -230.00; 2015 -452.22; 2016 -666.93;
	// buy: 2014 -660.00; 2015 -660.00; 2016 -660.00;
	// PNG 945 × 531 pixels at 150 dpi
}
