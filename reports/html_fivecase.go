package reports

// The parts of the business case that a board reads first and that the Five Case Model asks for
// (HM Treasury and Welsh Government, "Guide to developing the project business case", 2018):
// a one-page executive summary, then the strategic, economic, commercial, financial and
// management cases. Prose uses labels and human numbers (£12.6k, £1.2m); tables keep full figures;
// the scenario's identifiers appear only in the appendix.

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/reports/internal/numfmt"
)

type fiveCaseView struct {
	Decision        string
	ExpectedNPSV    string // the preferred option's expected NPSV, human
	Range           string // its P10 to P90, human
	DecisionNote    string
	TopVOI          string
	TopRisks        []string
	Budget3         string // the preferred option's costs in the first three years, human
	Budget3Years    string
	EffectText      string // the measured restriction effect on satisfaction, a non-monetised impact
	Strategic       string
	Procurement     string
	VAT             string
	FinanceRows     []financeRow
	BudgetName      string
	HasBudget       bool
	Milestones      []string
	RiskOwners      []string
	Management      string
	References      []string
	AppraisalRows   []appraisalRow
	Overrides       []string
	SwitchingInText []string
}

type financeRow struct{ Year, Capital, Revenue, Total, Budget, Headroom string }

type appraisalRow struct {
	Label, PVCosts, PVBenefits, NPSV, ExpectedNPSV, Range, ProbBest, BCR string
	Preferred                                                            bool
}

// moneyWords writes money for prose: £950, £12.6k, £1.23m, with a minus sign for a net cost.
func moneyWords(v float64) string {
	a := math.Abs(v)
	sign := ""
	if v < 0 {
		sign = numfmt.Minus
	}
	sig3 := func(x float64) string { return strconv.FormatFloat(roundTo3(x), 'f', -1, 64) }
	switch {
	case a >= 1e6:
		return sign + "£" + sig3(a/1e6) + "m"
	case a >= 1e4:
		return sign + "£" + sig3(a/1e3) + "k"
	}
	return sign + "£" + formatNumber(a, 0)
}

// roundTo3 rounds to three significant figures.
func roundTo3(x float64) float64 {
	if x == 0 {
		return 0
	}
	p := math.Pow(10, 2-math.Floor(math.Log10(math.Abs(x))))
	return math.Round(x*p) / p
}

// inputLabel is what prose calls an input: its label, else its name with underscores as spaces.
func inputLabel(r *costmodel.Result, name string) string {
	for _, x := range r.Inputs {
		if x.Name == name && x.Label != "" {
			return x.Label
		}
	}
	// A risk event's uniform draw stands for whether the event happens: name it by its event.
	for _, e := range r.RiskRegister {
		if e.Draw == name && e.Draw != e.Event {
			return "whether the risk event (" + inputLabel(r, e.Event) + ") happens"
		}
	}
	return strings.ReplaceAll(name, "_", " ")
}

// resolveSources replaces each reference id cited in text ("seed 003: …") by the reference's
// title and publisher, so a reader can look it up.
func resolveSources(text string, refs []costmodel.Reference) string {
	for _, r := range refs {
		if r.ID == "" || !strings.Contains(text, r.ID) {
			continue
		}
		short := "“" + r.Title + "”"
		if r.Publisher != "" {
			short += " (" + r.Publisher + ")"
		}
		text = strings.ReplaceAll(text, r.ID, short)
	}
	return text
}

func newFiveCaseView(in *Inputs, s *ScenarioResult, f *studyFacts) fiveCaseView {
	r := s.Result
	c := s.Info.Case
	notGiven := "Not given in the scenario."
	v := fiveCaseView{
		Decision:    cmp.Or(c.Decision, s.Info.Description, r.Description, cmp.Or(s.Info.Title, r.Scenario)),
		Strategic:   c.Strategic,
		Procurement: cmp.Or(c.Procurement, notGiven),
		VAT:         cmp.Or(c.VAT, "Not given in the scenario: the figures are as the scenario states them, and whether VAT is recoverable (section 33 of the VAT Act 1994 for local authorities) should be confirmed."),
		BudgetName:  cmp.Or(c.BudgetName, "budget line"),
		HasBudget:   c.Budget != nil,
		Milestones:  c.Milestones,
		RiskOwners:  c.RiskOwners,
		Management:  c.Management,
	}
	pref := optionIndex(r, r.Preferred)
	if pref >= 0 {
		p := &r.Options[pref]
		v.ExpectedNPSV = moneyWords(p.NPSV.Mean)
		v.Range = moneyWords(p.NPSV.P10) + " to " + moneyWords(p.NPSV.P90)
		v.DecisionNote = labelIDs(r.DecisionNote, r)
		if len(r.EVPPI) > 0 && r.EVPI.Mean > 0 {
			top := r.EVPPI[0]
			v.TopVOI = fmt.Sprintf("The uncertainty most worth resolving before deciding is %s: knowing it exactly would be worth about %s of the %s that perfect information about every input would be worth (expected value of perfect information).",
				strings.ToLower(inputLabel(r, top.Input)[:1])+inputLabel(r, top.Input)[1:], moneyWords(top.Value), moneyWords(r.EVPI.Mean))
		}
		// Cost to the budget in the first three years: the option's own costs, optimism bias applied.
		var sum float64
		n := min(3, len(p.Deterministic.Costs))
		for t := range n {
			sum += p.Deterministic.Costs[t]
		}
		v.Budget3 = moneyWords(sum)
		v.Budget3Years = fmt.Sprintf("%s to %s", financialYear(r.BaseYear), financialYear(r.BaseYear+n-1))
		for _, t := range r.Tornado {
			if t.Option != r.Preferred {
				continue
			}
			bars := slices.Clone(t.Bars)
			slices.SortStableFunc(bars, func(a, b costmodel.TornadoBar) int { return cmp.Compare(b.Swing, a.Swing) })
			for _, b := range bars[:min(3, len(bars))] {
				v.TopRisks = append(v.TopRisks, fmt.Sprintf("%s: between its 10th and 90th percentiles the advantage over %s moves by %s.",
					capitalise(inputLabel(r, b.Input)), optionLabelOf(r, t.Against), moneyWords(b.Swing)))
			}
		}
		v.FinanceRows = financeRows(r, r.Preferred, c.Budget)
	}
	if in.Study != nil && in.Study.Effect != nil {
		e := in.Study.Effect
		v.EffectText = fmt.Sprintf("Across the sector, restricting BYOD to meet the Code of Connection changed staff satisfaction with ICT by %s points on a 7-point scale (95%% interval %s to %s). It is not given a money value in the economic case; it weighs beside it.",
			signedPoints(e.Estimate), signedPoints(e.CILow), signedPoints(e.CIHigh))
	}
	for _, o := range r.Options {
		row := appraisalRow{Label: optionName(&o), PVCosts: FormatMoney(o.Deterministic.PVCosts), PVBenefits: FormatMoney(o.Deterministic.PVBenefits),
			NPSV: FormatMoney(o.Deterministic.NPSV), ExpectedNPSV: FormatMoney(o.NPSV.Mean),
			Range: FormatMoney(o.NPSV.P10) + " to " + FormatMoney(o.NPSV.P90), ProbBest: formatPercent(o.ProbBest, 1),
			BCR: formatRatio(o.Deterministic.BCR), Preferred: o.Name == r.Preferred}
		v.AppraisalRows = append(v.AppraisalRows, row)
	}
	for _, o := range r.Overrides {
		v.Overrides = append(v.Overrides, fmt.Sprintf("%s set to %s (the scenario file says %s)%s", o.Target, o.Value, o.Was, noteSuffix(o.Note)))
	}
	for _, sv := range r.SwitchingValues {
		for _, sw := range sv.Switches {
			v.SwitchingInText = append(v.SwitchingInText, fmt.Sprintf("If %s were %s rather than %s, %s would overtake %s.",
				strings.ToLower(inputLabel(r, sv.Input)[:1])+inputLabel(r, sv.Input)[1:], number(sw.Value), number(sv.Base),
				optionLabelOf(r, otherSide(sw, r.Preferred)), optionLabelOf(r, r.Preferred)))
		}
	}
	for _, ref := range s.Info.References {
		v.References = append(v.References, ref.Citation())
	}
	return v
}

// labelIDs puts each option's label where a sentence from the model names it by its identifier.
func labelIDs(text string, r *costmodel.Result) string {
	for _, o := range r.Options {
		if o.Label != "" && o.Name != "" {
			text = regexp.MustCompile(`\b`+regexp.QuoteMeta(o.Name)+`\b`).ReplaceAllLiteralString(text, o.Label)
		}
	}
	return text
}

// otherSide is the option a switch hands the lead to.
func otherSide(sw costmodel.Switch, preferred string) string {
	if sw.Below == preferred {
		return sw.Above
	}
	return sw.Below
}

func noteSuffix(n string) string {
	if n == "" {
		return ""
	}
	return "; " + n
}

// signedPoints writes a change in scale points: +0.12 or −0.31.
func signedPoints(x float64) string {
	s := formatPoints(x)
	if x > 0 {
		s = "+" + s
	}
	return s
}

// financialYear writes a UK local-government financial year: 2014/15.
func financialYear(y int) string { return fmt.Sprintf("%d/%02d", y, (y+1)%100) }

// financeRows is one option's cash by financial year, split into capital and revenue (optimism
// bias applied), against the budget line when the scenario gives one.
func financeRows(r *costmodel.Result, option string, budget *float64) []financeRow {
	capital := make([]float64, r.HorizonYears)
	revenue := make([]float64, r.HorizonYears)
	for _, c := range r.CashFlows {
		if c.Option != option || c.Kind != costmodel.Cost || c.Year >= r.HorizonYears {
			continue
		}
		amount := c.Amount * c.Uplift
		if c.Category == string(costmodel.Capital) {
			capital[c.Year] += amount
		} else {
			revenue[c.Year] += amount
		}
	}
	var rows []financeRow
	for t := range r.HorizonYears {
		row := financeRow{Year: financialYear(r.BaseYear + t), Capital: FormatMoney(capital[t]), Revenue: FormatMoney(revenue[t]),
			Total: FormatMoney(capital[t] + revenue[t]), Budget: "–", Headroom: "–"}
		if budget != nil {
			row.Budget = FormatMoney(*budget)
			row.Headroom = FormatMoney(*budget - capital[t] - revenue[t])
		}
		rows = append(rows, row)
	}
	return rows
}
