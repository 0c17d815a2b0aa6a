package reports

import (
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/effect"
	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/reports/chart"
)

var update = flag.Bool("update", false, "rewrite the chart goldens in testdata/golden")

// goldenStudy is a study result built by hand: six organisations of two peer groups over two years,
// one org-year with too few respondents to show, a funnel, neighbours and an effect.
func goldenStudy() *study.Result {
	yes, no := true, false
	orgs := []datasets.Organisation{
		{Code: "E0000001", Name: "Alpha District Council", Type: "district"},
		{Code: "E0000002", Name: "Beta District Council", Type: "district"},
		{Code: "E0000003", Name: "Gamma District Council", Type: "district"},
		{Code: "E0000004", Name: "Delta County Council", Type: "county"},
		{Code: "E0000005", Name: "Epsilon County Council", Type: "county"},
		{Code: "E0000006", Name: "Zeta County Council", Type: "county"},
	}
	type row struct {
		org        int
		year       int32
		n          int64
		sat, spend float64
		restricted *bool
	}
	rows := []row{
		{0, 2014, 120, 4.6, 310, &no}, {0, 2015, 130, 4.1, 300, &yes},
		{1, 2014, 110, 4.4, 280, &no}, {1, 2015, 105, 4.5, 290, &no},
		{2, 2014, 140, 4.8, 350, &no}, {2, 2015, 6, 3.0, 340, &no},
		{3, 2014, 200, 4.2, 410, &yes}, {3, 2015, 210, 4.0, 400, &yes},
		{4, 2014, 180, 4.7, 390, &no}, {4, 2015, 170, 4.75, 380, &no},
		{5, 2014, 90, 4.3, 450, &no}, {5, 2015, 95, 4.35, 440, &no},
	}
	r := &study.Result{Summary: datasets.Summary{Dataset: "golden", Organisations: 6, Years: []int32{2014, 2015}}, Organisations: orgs}
	fun := benchmark.Funnel{KPI: "satisfaction_mean", Year: 2015, Target: 4.4, Sigma: 1.2, Min: 1, Max: 7, OrgYears: 6, Adjustment: benchmark.AdjustNone}
	r.Funnels = []benchmark.Funnel{fun}
	for _, x := range rows {
		k := benchmark.KPI{Org: int32(x.org), OrgCode: orgs[x.org].Code, Year: x.year, PeerGroup: orgs[x.org].Type, Respondents: x.n,
			SatisfactionMean: benchmark.Some(x.sat), SatisfiedShare: benchmark.Some(x.sat / 10), NetworkSpendPerEmployee: benchmark.Some(x.spend),
			BYODRestricted: x.restricted, SampleOK: x.n >= benchmark.MinRespondents}
		r.KPIs = append(r.KPIs, k)
		if x.year == 2015 {
			p := benchmark.FunnelPoint{OrgCode: k.OrgCode, Year: 2015, KPI: "satisfaction_mean", Respondents: x.n, Value: x.sat, Target: fun.Target}
			// The funnel's control limits, target ± z·σ/√n clamped to [Min, Max].
			limits := func(z float64) (lo, hi float64) {
				h := z * fun.Sigma / math.Sqrt(float64(x.n))
				return max(fun.Target-h, fun.Min), min(fun.Target+h, fun.Max)
			}
			p.Lower95, p.Upper95 = limits(benchmark.Z95)
			p.Lower998, p.Upper998 = limits(benchmark.Z998)
			p.Flag998 = "within"
			if x.sat < p.Lower998 || x.sat > p.Upper998 {
				p.Flag998 = "outside"
			}
			r.FunnelPoints = append(r.FunnelPoints, p)
		}
	}
	r.Neighbours = &benchmark.NeighbourSet{Indicators: []benchmark.Indicator{{Name: "population", Weight: 1}}}
	for i, code := range []string{"E0000002", "E0000005", "E0000003"} {
		r.Neighbours.Rows = append(r.Neighbours.Rows, benchmark.Neighbour{OrgCode: "E0000001", NeighbourCode: code, Rank: i + 1, Distance: float64(i+1) / 3})
	}
	r.Effect = &effect.Result{Estimate: -0.45, StdError: 0.1, CILow: -0.65, CIHigh: -0.25, PValue: 0.002, DF: 5, Clusters: 6, Observations: 12,
		EventStudy: []effect.EventEffect{
			{RelativeYear: -2, Estimate: 0.05, CILow: -0.2, CIHigh: 0.3, OpenEnded: true},
			{RelativeYear: -1, Reference: true},
			{RelativeYear: 0, Estimate: -0.5, CILow: -0.8, CIHigh: -0.2},
			{RelativeYear: 1, Estimate: -0.4, CILow: -0.75, CIHigh: -0.05},
		}}
	return r
}

// goldenSpecs are every chart's spec for the hand-built study and the small scenario.
func goldenSpecs(t *testing.T) []chart.Spec {
	r := goldenStudy()
	text, err := os.ReadFile(filepath.Join("testdata", "small_scenario.toml"))
	if err != nil {
		t.Fatal(err)
	}
	sc := runScenarioFile(t, "small_scenario.toml", text, 0)
	f := newStudyFacts(r, "", []ScenarioResult{sc}, DefaultMinGroup)
	var specs []chart.Spec
	for _, p := range sectorCharts("out", r, f, true, DefaultMinGroup) {
		specs = append(specs, p.Spec)
	}
	for _, p := range scenarioCharts("out", &sc, r, &f, true, DefaultMinGroup) {
		specs = append(specs, p.Spec)
	}
	return specs
}

// roundSpec rounds every number to 9 significant digits, so goldens do not depend on the last bits
// of floating-point arithmetic on one machine.
func roundSpec(s chart.Spec) chart.Spec {
	round := func(v []float64) []float64 {
		out := make([]float64, len(v))
		for i, x := range v {
			if x == 0 || !finite(x) {
				out[i] = x
				continue
			}
			out[i], _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 9, 64), 64)
		}
		return out
	}
	c := s
	c.Series = nil
	for _, ser := range s.Series {
		ser.X, ser.Y, ser.Low, ser.High = round(ser.X), round(ser.Y), round(ser.Low), round(ser.High)
		var groups [][]float64
		for _, g := range ser.Groups {
			groups = append(groups, round(g))
		}
		ser.Groups = groups
		c.Series = append(c.Series, ser)
	}
	return c
}

// The data each chart is drawn from (titles, labels, series and their points) matches its golden
// file. Run `go test ./reports -run TestChartGoldens -update` after an intended change, and review
// the diff.
func TestChartGoldens(t *testing.T) {
	specs := goldenSpecs(t)
	wantNames := []string{"event_study", "trend_satisfaction", "box_satisfaction_mean", "box_network_spend_per_employee",
		"funnel_satisfaction_mean", "neighbours_E0000001_satisfaction_mean", "npsv_distribution", "s_curve", "convergence",
		"probability_best", "cumulative_cash_flow", "tornado_keep", "neighbours_E0000001_satisfaction_mean"}
	if len(specs) != len(wantNames) {
		t.Fatalf("%d charts, want %d", len(specs), len(wantNames))
	}
	for i, s := range specs {
		if s.Name != wantNames[i] {
			t.Errorf("chart %d is %s, want %s", i, s.Name, wantNames[i])
		}
		name := s.Name
		if i >= 6 {
			name = "scenario_" + name
		}
		got, err := json.MarshalIndent(roundSpec(s), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		path := filepath.Join("testdata", "golden", name+".json")
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from %s:\n%s", s.Name, path, firstDiff(string(want), string(got)))
		}
	}
}

// firstDiff shows the first differing line.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ"
}

// Facts a reader can check in the goldens' data, computed by hand from goldenStudy.
func TestChartSpecFacts(t *testing.T) {
	specs := goldenSpecs(t)
	byName := map[string]chart.Spec{}
	for _, s := range specs {
		byName[s.Name] = s
	}
	// Box plot of 2015: Gamma (6 respondents) is left out; districts Alpha 4.1 and Beta 4.5; counties
	// 4.0, 4.75, 4.35. Alpha, the scenario's organisation, is highlighted in the district box (index 1).
	box := byName["box_satisfaction_mean"]
	if g := box.Series[0].Groups; len(g) != 2 || len(g[0]) != 3 || len(g[1]) != 2 {
		t.Errorf("box groups = %v", g)
	}
	if hl := box.ByRole("highlight"); hl == nil || hl.X[0] != 1 || hl.Y[0] != 4.1 {
		t.Errorf("highlight = %+v", hl)
	}
	// Trend, 2015: restricted are Alpha 4.1 and Delta 4.0 (mean 4.05); unrestricted Beta 4.5, Gamma 3.0
	// (6 respondents: a group of 5 org-years is large enough), Epsilon 4.75, Zeta 4.35: mean 4.15.
	tr := byName["trend_satisfaction"]
	if u, r := tr.ByRole("unrestricted"), tr.ByRole("restricted"); math.Abs(u.Y[1]-4.15) > 1e-12 || math.Abs(r.Y[1]-4.05) > 1e-12 {
		t.Errorf("trend 2015: unrestricted %v, restricted %v", u.Y, r.Y)
	}
	// Cumulative cash flow ends at each option's NPSV.
	cf := byName["cumulative_cash_flow"]
	text, _ := os.ReadFile(filepath.Join("testdata", "small_scenario.toml"))
	sc := runScenarioFile(t, "small_scenario.toml", text, 0)
	for i, o := range sc.Result.Options {
		end := cf.Series[i].Y[len(cf.Series[i].Y)-1]
		if math.Abs(end-o.Deterministic.NPSV) > 1e-6*math.Max(1, math.Abs(o.Deterministic.NPSV)) {
			t.Errorf("%s: cumulative flow ends at %v, NPSV %v", o.Name, end, o.Deterministic.NPSV)
		}
	}
	// Each NPSV histogram holds every draw: its shares add to 100%.
	for _, ser := range byName["npsv_distribution"].Series {
		var sum float64
		for _, y := range ser.Y {
			sum += y
		}
		if math.Abs(sum-100) > 1e-9 {
			t.Errorf("%s: shares add to %v", ser.Name, sum)
		}
	}
}

// Each chart renders as an SVG with its title, axis labels and caption in text, a plausible number
// of drawn elements, and a PNG; nothing is compared pixel by pixel.
func TestChartSVG(t *testing.T) {
	textRe := regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)
	for _, s := range goldenSpecs(t) {
		rc, err := chart.Render(s, 72, true)
		if err != nil {
			t.Fatal(err)
		}
		svg := string(rc.SVG)
		var texts []string
		for _, m := range textRe.FindAllStringSubmatch(svg, -1) {
			texts = append(texts, m[1])
		}
		// A label too long for its axis, or a long title, wraps over consecutive text elements.
		all := strings.Join(texts, " ")
		for _, want := range []string{s.Title, s.XLabel, s.YLabel} {
			if want != "" && !strings.Contains(all, escapeXML(want)) {
				t.Errorf("%s: SVG text lacks %q", s.Name, want)
			}
		}
		if !strings.Contains(all, "Source:") {
			t.Errorf("%s: SVG has no source caption", s.Name)
		}
		if n := strings.Count(svg, "<path"); n < 10 {
			t.Errorf("%s: SVG draws only %d paths", s.Name, n)
		}
		if len(rc.PNG) < 1000 || string(rc.PNG[1:4]) != "PNG" || len(rc.PDF) < 1000 {
			t.Errorf("%s: PNG %d bytes, PDF %d bytes", s.Name, len(rc.PNG), len(rc.PDF))
		}
	}
}

func escapeXML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
