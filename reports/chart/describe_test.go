package chart

import (
	"bytes"
	"strings"
	"testing"
)

// Each kind's text alternative says what the chart shows and its key numbers, written out by hand
// here from the specs' data.
func TestDescription(t *testing.T) {
	level := make([]float64, 101)
	quant := make([]float64, 101)
	for i := range level {
		level[i], quant[i] = float64(i), 1000*float64(i) // the quantile at i% is £1,000 × i
	}
	for _, tc := range []struct {
		spec Spec
		want string
	}{
		{Spec{Kind: ProbBest, YLabel: "Share of Monte Carlo draws (%)", YTicks: TickPercent, Series: []Series{
			{Role: "bars", Labels: []string{"Keep", "Withdraw", "Adopt"}, Y: []float64{60.7, 0.3, 39}}}},
			"Bar chart of the share of Monte Carlo draws (%) by option. Keep: 60.7%; Withdraw: 0.3%; Adopt: 39.0%."},
		{Spec{Kind: SCurve, XLabel: "NPSV (£)", XTicks: TickMoney, YTicks: TickPercent, Series: []Series{
			{Name: "Keep", Role: "cdf", X: quant, Y: level}}},
			"Cumulative distributions (S-curves) of NPSV (£), one per option. Keep: P10 £10k, P50 £50k, P80 £80k, P90 £90k."},
		{Spec{Kind: Convergence, XLabel: "Monte Carlo draws", YLabel: "Running mean NPSV (£)", XTicks: TickInteger, YTicks: TickMoney, Series: []Series{
			{Name: "Keep", X: []float64{100, 20000}, Y: []float64{-5000, -4000}, Low: []float64{-9000, -4200}, High: []float64{-1000, -3800}}}},
			"Running mean NPSV (£) against Monte Carlo draws, with bands of ± 2 standard errors. Keep: −£4k ± £200 after 20,000 draws."},
		{Spec{Kind: Tornado, XLabel: "Change in NPSV (£)", XTicks: TickMoney, Series: []Series{
			{Role: "low", Labels: []string{"uptake (0.1 to 0.3)", "cost (5 to 9)"}, X: []float64{-250000, 1200}},
			{Role: "high", Labels: []string{"uptake (0.1 to 0.3)", "cost (5 to 9)"}, X: []float64{400000, -900}}}},
			"Tornado chart of the change in NPSV (£), the largest swing first. uptake (0.1 to 0.3): −£250k at P10, +£400k at P90; cost (5 to 9): +£1.2k at P10, −£900 at P90."},
		{Spec{Kind: Box, XLabel: "Peer group", YLabel: "Satisfaction (1–7)", Series: []Series{
			{Role: "box", Labels: []string{"County", "District"}, Groups: [][]float64{{4, 5, 4.5}, {3, 6, 4, 5}}},
			{Name: "Alpha (4.0)", Role: "highlight", X: []float64{1}, Y: []float64{4}}}},
			"Box plots of satisfaction (1–7) by peer group. County: median 4.50, 4.00 to 5.00; District: median 4.50, 3.00 to 6.00; marked: Alpha (4.0)."},
		{Spec{Kind: Funnel, XLabel: "Respondents (number of staff answering)", YLabel: "Satisfaction (1–7)",
			Subtitle: "Limits adjusted for overdispersion: multiplicative, φ = 5.16, from z-scores winsorised at 12.5% at each end", Series: []Series{
				{Name: "within 99.8% limits", Role: "points", X: []float64{90, 120, 150}, Y: []float64{4.1, 4.5, 4.35}},
				{Name: "outside 99.8% limits", Role: "outliers", X: []float64{210}, Y: []float64{5.9}},
				{Name: "sector value (4.40)", Role: "target", X: []float64{90, 210}, Y: []float64{4.4, 4.4}},
				{Name: "Alpha", Role: "highlight", X: []float64{120}, Y: []float64{4.5}}}},
			"Funnel plot of satisfaction (1–7) against respondents (number of staff answering), with control limits. Limits adjusted for overdispersion: multiplicative, φ = 5.16, from z-scores winsorised at 12.5% at each end. " +
				"3 within 99.8% limits; 1 outside 99.8% limits; sector value (4.40); marked: Alpha, 4.50 at 120 respondents."},
		{Spec{Kind: Trend, Notes: []string{"Every year was withheld."}, Series: []Series{{Name: "restricted"}}},
			"No data to show. Every year was withheld."},
	} {
		if got := tc.spec.Description(); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.spec.Kind, got, tc.want)
		}
	}
}

// A saved SVG file carries the title and the text alternative as its root's first children.
func TestSVGTitleAndDesc(t *testing.T) {
	s := Spec{Name: "p", Kind: ProbBest, Title: "Options <best>", YLabel: "Share (%)", YTicks: TickPercent, Caption: "Source: a test.",
		Series: []Series{{Role: "bars", Labels: []string{"A & B", "C"}, Y: []float64{75, 25}}}}
	svg, err := SVG(&s)
	if err != nil {
		t.Fatal(err)
	}
	root := bytes.Index(svg, []byte("<svg"))
	rest := string(svg[root:])
	_, after, _ := strings.Cut(rest, ">")
	want := "\n<title>Options &lt;best&gt;</title>\n<desc>Bar chart of the share (%) by option. A &amp; B: 75.0%; C: 25.0%.</desc>"
	if !strings.HasPrefix(after, want) {
		t.Errorf("after the root element's tag:\n%.200s\nwant it to start %q", after, want)
	}
}
