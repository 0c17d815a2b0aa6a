package reports

// The business case of one scenario, out/scenarios/NAME/business_case.html: the economic case laid
// out as UK public bodies expect it (Green Book): options, costs and benefits with and without
// optimism bias, risks, sensitivity and switching values, the preferred option and why, the
// organisation's benchmark position, and every assumption with its source.

import (
	"cmp"
	"fmt"
	"math"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/costmodel"
)

// FileBusinessCase is a business case's name in its scenario folder.
const FileBusinessCase = "business_case.html"

type optionView struct {
	Name, Label, Description                          string
	Preferred, Baseline                               bool
	PVCosts, PVBenefits, NPSV, BCR, NPSVNoOB, BCRNoOB string
	ExcelNPV, MCMean, MCSD, P5, P50, P95              string
	ProbPositive, ProbBest                            string
	Costs, Benefits                                   []string
}

type incrementalView struct{ Label, Against, NPSV, NPSVNoOB, MCMean, ProbBetter, Payback, IRR string }

type rankCorrView struct{ Option, Text string }

type inputView struct{ Name, Label, Dist, Base, P10, P90, Source string }

type lineView struct{ Option, Name, Kind, Years, Amount, Source string }

type benchRow struct{ Key, KPI, Value, Rank, Quartile, Direction string }

type benchmarkView struct {
	Name, Code, Group string
	Year              int32
	Rows              []benchRow
	SuppressionNote   string
	NeighboursFig     *figureView
}

type businessView struct {
	Name, Title, Description, File, OrganisationName   string
	Synthetic                                          bool
	SyntheticNote                                      string
	BaseYear, Horizon                                  int
	Years, Discount, ExcelRate, OBCapital, OBOperating string
	Iterations                                         string
	Seed                                               uint64
	Correlated                                         bool
	PreferredLabel                                     string
	Reasons                                            []string
	Options                                            []optionView
	YearHeads                                          []string
	Incremental                                        []incrementalView
	CashFlowFig, NPSVFig, ProbBestFig                  *figureView
	SCurveFig, ConvergenceFig                          *figureView
	NoDraws                                            string
	Tornados                                           []*figureView
	NoSwitch                                           string // inputs that switch nothing, by label
	BaselineLabel                                      string
	RankCorr                                           []rankCorrView
	Benchmark                                          *benchmarkView
	Inputs                                             []inputView
	Correlations                                       []string
	Lines                                              []lineView
	EventDraws                                         []string // the model's uniform draw of each risk event
	Notes                                              []string
	Five                                               fiveCaseView
}

// renderBusinessCase builds one scenario's business case.
func renderBusinessCase(in *Inputs, s *ScenarioResult, f *studyFacts, charts []savedChart, minGroup int) ([]byte, error) {
	r := s.Result
	v := businessView{
		Name: s.Name, Title: titleOf(in, s), File: r.File,
		Description: citeReferences(cmp.Or(s.Info.Description, r.Description), s.Info.References, fixedReferences),
		Synthetic:   in.synthetic(), BaseYear: r.BaseYear, Horizon: r.HorizonYears,
		Years:    fmt.Sprintf("%d–%d", r.BaseYear, r.BaseYear+r.HorizonYears-1),
		Discount: discountText(r.Discount), ExcelRate: formatPercent(r.ExcelRate, 1),
		OBCapital: formatPercent(r.OptimismBias.Capital, 0), OBOperating: formatPercent(r.OptimismBias.Operating, 0),
		Iterations: formatNumber(float64(r.Iterations), 0), Seed: r.Seed, Correlated: len(s.Info.Correlations) > 0,
		PreferredLabel: optionLabelOf(r, r.Preferred), Reasons: preferredReasons(r), Notes: r.Notes,
		CashFlowFig:    newFigure(chartByName(charts, "cumulative_cash_flow")),
		NPSVFig:        newFigure(chartByName(charts, "npsv_distribution")),
		ProbBestFig:    newFigure(chartByName(charts, "probability_best")),
		SCurveFig:      newFigure(chartByName(charts, "s_curve")),
		ConvergenceFig: newFigure(chartByName(charts, "convergence")),
	}
	if in.Study != nil {
		v.SyntheticNote = cmp.Or(in.Study.SyntheticNote, "The data are synthetic.")
	}
	if v.NPSVFig == nil {
		v.NoDraws = "The Monte Carlo draws were not kept (draws.parquet is missing), so the distribution chart is left out; the summaries above come from the full run."
	}
	for t := 0; t < r.HorizonYears; t++ {
		v.YearHeads = append(v.YearHeads, fmt.Sprint(r.BaseYear+t))
	}
	descs := map[string]string{}
	for _, o := range s.Info.Options {
		descs[o.Name] = o.Description
	}
	for i := range r.Options {
		o := &r.Options[i]
		ov := optionView{Name: o.Name, Label: optionName(o), Description: citeReferences(cmp.Or(o.Description, descs[o.Name], "–"), s.Info.References, fixedReferences),
			Preferred: o.Name == r.Preferred, Baseline: o.Name == r.Baseline,
			PVCosts: FormatMoney(o.Deterministic.PVCosts), PVBenefits: FormatMoney(o.Deterministic.PVBenefits),
			NPSV: FormatMoney(o.Deterministic.NPSV), BCR: formatRatio(o.Deterministic.BCR),
			NPSVNoOB: FormatMoney(o.DeterministicWithoutOB.NPSV), BCRNoOB: formatRatio(o.DeterministicWithoutOB.BCR),
			ExcelNPV: FormatMoney(o.Deterministic.ExcelNPV), MCMean: FormatMoney(o.NPSV.Mean), MCSD: FormatMoney(o.NPSV.SD),
			P5: FormatMoney(o.NPSV.P5), P50: FormatMoney(o.NPSV.P50), P95: FormatMoney(o.NPSV.P95),
			ProbPositive: formatPercent(o.ProbPositive, 1), ProbBest: formatPercent(o.ProbBest, 1)}
		for t := 0; t < r.HorizonYears; t++ {
			ov.Costs = append(ov.Costs, FormatMoney(at(o.Deterministic.Costs, t)))
			ov.Benefits = append(ov.Benefits, FormatMoney(at(o.Deterministic.Benefits, t)))
		}
		v.Options = append(v.Options, ov)
	}
	for _, inc := range r.Incremental {
		iv := incrementalView{Label: optionLabelOf(r, inc.Option), Against: optionLabelOf(r, inc.Against),
			NPSV: FormatMoney(inc.NPSV), NPSVNoOB: FormatMoney(inc.NPSVWithoutOB), MCMean: FormatMoney(inc.Monte.Mean),
			ProbBetter: formatPercent(inc.Monte.ProbBetter, 1), Payback: cmp.Or(inc.PaybackNote, "–"), IRR: cmp.Or(inc.IRRNote, "–")}
		if inc.DiscountedPaybackYear != nil {
			iv.Payback = fmt.Sprintf("year %d (%d)", *inc.DiscountedPaybackYear, r.BaseYear+*inc.DiscountedPaybackYear)
		}
		if len(inc.IRR) > 0 {
			var rates []string
			for _, x := range inc.IRR {
				rates = append(rates, formatPercent(x, 1))
			}
			iv.IRR = strings.Join(rates, ", ")
			if inc.IRRNote != "" {
				iv.IRR += " (" + inc.IRRNote + ")"
			}
		}
		v.Incremental = append(v.Incremental, iv)
	}
	for i := range r.Tornado {
		if c := chartByName(charts, "tornado_"+safeFileStem(r.Tornado[i].Option)); c != nil {
			v.Tornados = append(v.Tornados, newFigure(c))
		}
	}
	var none []string
	for _, sv := range r.SwitchingValues {
		if len(sv.Switches) == 0 {
			none = append(none, lowerFirst(inputLabel(r, sv.Input)))
		}
	}
	v.NoSwitch = strings.Join(none, "; ")
	v.BaselineLabel = lowerFirst(optionLabelOf(r, r.Baseline))
	for _, rc := range r.RankCorrelations {
		var parts []string
		for i, x := range rc.Inputs {
			if i == 5 || x.Rho == nil {
				break
			}
			parts = append(parts, fmt.Sprintf("%s (%s)", inputLabel(r, x.Input), formatNumber(*x.Rho, 2)))
		}
		if len(parts) > 0 {
			v.RankCorr = append(v.RankCorr, rankCorrView{Option: optionLabelOf(r, rc.Option), Text: strings.Join(parts, ", ")})
		}
	}
	draws := map[string]bool{}
	for _, e := range r.RiskRegister {
		if e.Draw != e.Event {
			draws[e.Draw] = true
			v.EventDraws = append(v.EventDraws, e.Draw)
		}
	}
	for _, x := range r.Inputs {
		if draws[x.Name] {
			continue // the model's own draw for a risk event, named below the table
		}
		src := resolveSources(cmp.Or(x.Source, s.Info.InputNotes[x.Name], "not stated in the scenario file (an assumption)"), s.Info.References)
		iv := inputView{Name: x.Name, Label: inputLabel(r, x.Name), Dist: distText(x), Base: number(x.Base), P10: number(x.P10), P90: number(x.P90), Source: src}
		if x.Distribution == string(costmodel.Fixed) {
			iv.P10, iv.P90 = "–", "–"
		}
		v.Inputs = append(v.Inputs, iv)
	}
	for _, c := range s.Info.Correlations {
		v.Correlations = append(v.Correlations, fmt.Sprintf("%s and %s: rank correlation %s", c.Inputs[0], c.Inputs[1], formatNumber(c.Rank, 2)))
	}
	for _, o := range s.Info.Options {
		for i, l := range o.Lines {
			kind := l.Kind
			if l.Category != "" && l.Kind == string(costmodel.Cost) {
				kind += ", " + l.Category
			}
			if l.OptimismBias != nil {
				kind += fmt.Sprintf(" (optimism bias %s)", formatPercent(*l.OptimismBias, 0))
			}
			lv := lineView{Name: l.Name, Kind: kind, Years: yearsText(l.Years, r.BaseYear),
				Amount: cmp.Or(l.Amount, "–"), Source: resolveSources(l.Source, s.Info.References)}
			if i == 0 {
				lv.Option = cmp.Or(o.Label, o.Name) // once, on the option's first line
			}
			v.Lines = append(v.Lines, lv)
		}
	}
	if in.Study != nil && f != nil && r.Organisation != "" {
		v.OrganisationName = f.names[r.Organisation]
		v.Benchmark = benchmarkPosition(in, f, r.Organisation, charts, minGroup)
	}
	if v.OrganisationName == "" && r.Organisation != "" {
		v.OrganisationName = r.Organisation
	}
	v.Five = newFiveCaseView(in, s, f)
	return executeTemplate(businessTemplate, "business_case.html.tmpl", v)
}

// benchmarkPosition is an organisation's place in its peer group in the latest year; nil when the
// study does not hold it.
func benchmarkPosition(in *Inputs, f *studyFacts, org string, charts []savedChart, minGroup int) *benchmarkView {
	r := in.Study
	var k *benchmark.KPI
	for i := range r.KPIs {
		if r.KPIs[i].OrgCode == org && r.KPIs[i].Year == f.latestYear {
			k = &r.KPIs[i]
		}
	}
	if k == nil {
		return nil
	}
	bv := &benchmarkView{Name: f.names[org], Code: org, Group: strings.ToLower(groupLabel(k.PeerGroup)), Year: f.latestYear,
		SuppressionNote: fmt.Sprintf("suppressed, fewer than %d respondents.", minGroup),
		NeighboursFig:   newFigure(chartByName(charts, "neighbours_"+safeFileStem(org)+"_satisfaction_mean"))}
	pos := map[string]*benchmark.Position{}
	for i := range r.Positions {
		p := &r.Positions[i]
		if p.OrgCode == org && p.Year == f.latestYear {
			pos[p.KPI] = p
		}
	}
	for _, m := range benchmark.Measures {
		val := m.Value(k)
		if !val.Valid {
			continue
		}
		row := benchRow{Key: m.Name, KPI: kpiTitle(m.Name), Value: formatKPI(m.Name, val.Value), Rank: "–", Quartile: "–", Direction: "–"}
		if p := pos[m.Name]; p != nil {
			row.Rank = fmt.Sprintf("%d of %d", p.Rank, p.GroupSize)
			row.Quartile = cmp.Or(p.QuartileName, "–")
			if p.NotRanked != "" {
				row.Rank, row.Quartile = "not ranked: "+p.NotRanked, "–"
			}
			row.Direction = cmp.Or(p.Direction, "–")
		}
		if withheld(k, m.Name, minGroup) {
			row.Value, row.Rank, row.Quartile, row.Direction = suppressed, suppressed, suppressed, suppressed
		}
		bv.Rows = append(bv.Rows, row)
	}
	return bv
}

// at is v[t], or 0 past its end.
func at(v []float64, t int) float64 {
	if t < len(v) {
		return v[t]
	}
	return 0
}

// number writes an input value: to 4 significant figures, thousands grouped.
func number(v float64) string {
	if v == 0 {
		return "0"
	}
	a := math.Abs(v)
	dp := max(0, 3-int(math.Floor(math.Log10(a))))
	return trimZeros(formatNumber(v, min(dp, 6)))
}

// signedPercent writes a change as +12.5% or −3.0%.
func signedPercent(x float64) string {
	s := formatPercent(x, 1)
	if x > 0 {
		s = "+" + s
	}
	return s
}

// distText describes an input's distribution as written.
func distText(x costmodel.InputSummary) string {
	if x.Distribution == string(costmodel.Fixed) {
		return "fixed"
	}
	var parts []string
	for _, k := range sortedKeys(x.Params) {
		parts = append(parts, k+" "+number(x.Params[k]))
	}
	if len(x.Values) > 0 {
		var vs []string
		for _, v := range x.Values {
			vs = append(vs, number(v))
		}
		parts = append(parts, "values "+strings.Join(vs, ", "))
	}
	if len(parts) == 0 {
		return x.Distribution
	}
	return x.Distribution + " (" + strings.Join(parts, ", ") + ")"
}

// discountText names a discounting rule for readers.
func discountText(d string) string {
	if d == "green_book" {
		return "HM Treasury Green Book social time preference rate (3.5% a year to year 30)"
	}
	return d
}

// yearsText writes year indices as calendar-year ranges: 2014–2023, 2015.
func yearsText(years []int, base int) string {
	if len(years) == 0 {
		return "–"
	}
	var parts []string
	for i := 0; i < len(years); {
		j := i
		for j+1 < len(years) && years[j+1] == years[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, fmt.Sprint(base+years[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d–%d", base+years[i], base+years[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
