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
	"unicode"
	"unicode/utf8"

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
	Budget3Terms    string // "cash, with inflation" or "real terms, 2014 prices"
	FinanceNote     string // in which terms the financial case is
	RiskNote        string // when the register holds fewer than three risks on the preferred option
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

// lowerFirst lowers a label's first letter for the middle of a sentence, unless the first word is
// an acronym or a name in capitals (PSN, CESG, HR).
func lowerFirst(s string) string {
	word, _, _ := strings.Cut(s, " ")
	if len(word) > 1 && strings.ToUpper(word) == word {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// roundTo3 rounds to three significant figures.
func roundTo3(x float64) float64 {
	if x == 0 {
		return 0
	}
	p := math.Pow(10, 2-math.Floor(math.Log10(math.Abs(x))))
	return math.Round(x*p) / p
}

// inputInProse is how a sentence names an input and writes its values. A label's money unit
// moves onto the values ("Cost of a disconnection (£)" at 250000 reads "cost of a disconnection
// at £250,000", "(£ a year)" gives "£5,000 a year"), and a chance or a share is written as a
// percentage ("chance of …" at 0.03833 reads 3.833%), so a board reads amounts, not bare numbers.
// Other values keep number's four significant figures.
func inputInProse(r *costmodel.Result, name string) (label string, value func(float64) string) {
	label = inputLabel(r, name)
	if i := strings.LastIndex(label, " (£"); i >= 0 && strings.HasSuffix(label, ")") {
		unit := label[i+len(" (£") : len(label)-1]
		return label[:i], func(v float64) string { return FormatMoney(v) + unit }
	}
	lower := strings.ToLower(label)
	if strings.HasPrefix(lower, "chance ") || strings.HasPrefix(lower, "share ") || strings.Contains(lower, "(share of ") {
		return label, func(v float64) string { return number(100*v) + "%" }
	}
	return label, number
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
			return "whether " + lowerFirst(riskName(r, &e)) + " (a risk event)"
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
	// The words of the case cite the scenario's references by number, as the list at the end numbers
	// them.
	cite := func(text string) string { return citeReferences(text, s.Info.References, fixedReferences) }
	for _, x := range []*string{&v.Decision, &v.Strategic, &v.Procurement, &v.VAT, &v.Management} {
		*x = cite(*x)
	}
	v.Milestones, v.RiskOwners = nil, nil
	for _, m := range c.Milestones {
		v.Milestones = append(v.Milestones, cite(m))
	}
	for _, m := range c.RiskOwners {
		v.RiskOwners = append(v.RiskOwners, cite(m))
	}
	pref := optionIndex(r, r.Preferred)
	if pref >= 0 {
		p := &r.Options[pref]
		v.ExpectedNPSV = moneyWords(p.NPSV.Mean)
		v.Range = moneyWords(p.NPSV.P10) + " to " + moneyWords(p.NPSV.P90)
		v.DecisionNote = boardNote(r)
		if len(r.EVPPI) > 0 && r.EVPI.Mean > 0 {
			top := r.EVPPI[0]
			v.TopVOI = fmt.Sprintf("The uncertainty most worth resolving before deciding is %s: knowing it exactly would be worth about %s of the %s that perfect information about every input would be worth (expected value of perfect information).",
				lowerFirst(inputLabel(r, top.Input)), moneyWords(top.Value), moneyWords(r.EVPI.Mean))
		}
		// The cost to the budget in the first three years and the year-by-year cash are the cost
		// model's financial case (costmodel.Finance), in nominal terms when the scenario gives a
		// deflator.
		fc := r.Financial
		if fc == nil {
			if x, err := costmodel.Finance(r, r.Preferred, c.Budget); err == nil {
				fc = &x
			}
		}
		if fc != nil && fc.FirstYears > 0 {
			v.Budget3 = moneyWords(fc.Next3)
			v.Budget3Years = fmt.Sprintf("%s to %s", financialYear(r.BaseYear), financialYear(r.BaseYear+fc.FirstYears-1))
			v.Budget3Terms = "real terms, " + fmt.Sprint(fc.PriceBaseYear) + " prices"
			if fc.Nominal {
				v.Budget3Terms = "cash, with inflation"
			}
			v.FinanceNote = fc.PricesNote
			v.FinanceRows = financeRows(fc)
		}
		v.TopRisks, v.RiskNote = topRisks(r)
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
		label, value := inputInProse(r, sv.Input)
		for _, sw := range sv.Switches {
			v.SwitchingInText = append(v.SwitchingInText, fmt.Sprintf("If %s were %s rather than %s (range %s to %s), %s would overtake %s.",
				lowerFirst(label), value(sw.Value), value(sv.Base), value(sv.RangeLow), value(sv.RangeHigh),
				lowerFirst(optionLabelOf(r, otherSide(sw, r.Preferred))), lowerFirst(optionLabelOf(r, r.Preferred))))
		}
	}
	for _, ref := range s.Info.References {
		v.References = append(v.References, ref.Citation())
	}
	return v
}

// fixedReferences is how many references the business case lists before the scenario's own (the
// Green Book and the business case guide).
const fixedReferences = 2

// citeReferences replaces each reference id cited in text ("seed 003", "seeds 002, 004") by its
// number in the business case's list, "[5]"; the longest ids first, so that one id inside another
// is not replaced by half.
func citeReferences(text string, refs []costmodel.Reference, before int) string {
	idx := make([]int, len(refs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(len(refs[b].ID), len(refs[a].ID)) })
	for _, i := range idx {
		if id := refs[i].ID; id != "" {
			n := fmt.Sprintf("[%d]", before+i+1)
			text = strings.ReplaceAll(strings.ReplaceAll(text, "("+id+")", n), id, n)
		}
	}
	return text
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

// financeRows formats a financial case's years for the table.
func financeRows(fc *costmodel.FinancialCase) []financeRow {
	var rows []financeRow
	for _, y := range fc.Years {
		row := financeRow{Year: financialYear(y.CalendarYear), Capital: FormatMoney(y.Capital), Revenue: FormatMoney(y.Revenue),
			Total: FormatMoney(y.Total), Budget: "–", Headroom: "–"}
		if y.Budget != nil && y.Headroom != nil {
			row.Budget, row.Headroom = FormatMoney(*y.Budget), FormatMoney(*y.Headroom)
		}
		rows = append(rows, row)
	}
	return rows
}

// topRisks are the risk register's events that fall on the preferred option, largest expected
// cost first (a saving, when the event helps the option, counts by its size), each with its chance,
// its expected cost, its cost when it happens and its share of the spread of the option's NPSV. At
// most three; the note says when the register holds fewer, or none that touch the option.
func topRisks(r *costmodel.Result) ([]string, string) {
	type risk struct {
		e *costmodel.RiskEvent
		c *costmodel.RiskCost
	}
	var rs []risk
	for i := range r.RiskRegister {
		e := &r.RiskRegister[i]
		for j := range e.Options {
			if e.Options[j].Option == r.Preferred {
				rs = append(rs, risk{e, &e.Options[j]})
			}
		}
	}
	if len(r.RiskRegister) == 0 {
		return nil, "the scenario's risk register is empty: it quantifies no risk event, so none is listed here; the uncertainties are in the economic case."
	}
	if len(rs) == 0 {
		if len(r.RiskRegister) == 1 {
			return nil, fmt.Sprintf("the scenario's one risk event (%s) does not fall on the recommended option.", lowerFirst(riskName(r, &r.RiskRegister[0])))
		}
		return nil, fmt.Sprintf("none of the scenario's %s falls on the recommended option.", countNoun(len(r.RiskRegister), "risk event", "risk events"))
	}
	slices.SortStableFunc(rs, func(a, b risk) int {
		return cmp.Compare(math.Abs(b.c.ExpectedCost.Mean), math.Abs(a.c.ExpectedCost.Mean))
	})
	var out []string
	for _, x := range rs[:min(3, len(rs))] {
		name := capitalise(riskName(r, x.e))
		s := fmt.Sprintf("%s (chance %s)", name, formatChance(x.e.Probability))
		cost := x.c.ExpectedCost.Mean
		if cost >= 0 {
			s += fmt.Sprintf(": expected cost %s", moneyWords(cost))
			if x.c.CostIfHappens != nil {
				s += fmt.Sprintf(", %s if it happens", moneyWords(x.c.CostIfHappens.Mean))
			}
		} else {
			s += fmt.Sprintf(": an opportunity, worth %s on average", moneyWords(-cost))
			if x.c.CostIfHappens != nil {
				s += fmt.Sprintf(", %s if it happens", moneyWords(-x.c.CostIfHappens.Mean))
			}
		}
		if sh := x.c.ShareOfNPSVVariance; sh != nil {
			s += fmt.Sprintf("; it accounts for %s of the spread of the option's value", formatPercent(math.Max(0, *sh), 0))
		}
		out = append(out, s+".")
	}
	note := ""
	if len(rs) < 3 {
		note = fmt.Sprintf("The scenario's risk register holds %s that %s on the recommended option.", countNoun(len(rs), "risk event", "risk events"), map[bool]string{true: "falls", false: "fall"}[len(rs) == 1])
	}
	return out, note
}

// boardNote says in plain words how sure the recommendation is, for the executive summary: by how
// much it leads the next best option on average and how often it is best, whether the lead is
// within the simulation's margin, whether any option pays for itself, and whether the most likely
// values alone would point elsewhere. The model's own note, with its standard errors, stays in the
// economic case.
func boardNote(r *costmodel.Result) string {
	pref := optionIndex(r, r.Preferred)
	run := optionIndex(r, r.RunnerUp)
	if pref < 0 {
		return ""
	}
	p := &r.Options[pref]
	var b strings.Builder
	futures := formatNumber(float64(r.Iterations), 0) + " simulated futures"
	if run >= 0 && r.RunnerUpDifference != nil {
		q := optionLabelOf(r, r.RunnerUp)
		d := r.RunnerUpDifference
		if r.TooCloseToCall {
			fmt.Fprintf(&b, "It is only %s ahead of %s on average, within the simulation's margin of error (%s): on value the two are equivalent, and the choice can rest on other grounds. ",
				moneyWords(d.Mean), lowerFirst(q), moneyWords(2*d.SE))
		} else {
			fmt.Fprintf(&b, "It is ahead of the next best option, %s, by %s on average over %s. ", lowerFirst(q), moneyWords(d.Mean), futures)
		}
		if p.ProbBest < 0.5 {
			fmt.Fprintf(&b, "But it is the best option in only %s of them: it wins on average because the others do worse when things go wrong, and in the worst one in ten its value falls below %s. ",
				formatPercent(p.ProbBest, 0), moneyWords(p.NPSV.P10))
		} else {
			fmt.Fprintf(&b, "It is the best option in %s of them. ", formatPercent(p.ProbBest, 0))
		}
	}
	allNegative := true
	for _, o := range r.Options {
		allNegative = allNegative && o.NPSV.Mean < 0
	}
	if allNegative {
		b.WriteString("No option's benefits cover its costs on average: the recommendation is the option that costs the least in present value. ")
	}
	if ml := optionIndex(r, r.PreferredMostLikely); ml >= 0 && ml != pref {
		fmt.Fprintf(&b, "On the most likely value of every input %s would come first; the recommendation rests on expected values, which also weigh the less likely outcomes, as the Green Book asks. ",
			lowerFirst(optionLabelOf(r, r.PreferredMostLikely)))
	}
	return strings.TrimSpace(b.String())
}

// riskName is what prose calls a risk event: the label of its probability input with a leading
// "chance (that) (the)" or "chance of" taken off ("Chance CESG refuses the product" → "CESG refuses
// the product").
func riskName(r *costmodel.Result, e *costmodel.RiskEvent) string {
	l := inputLabel(r, e.Event)
	rest, ok := strings.CutPrefix(l, "Chance ")
	if !ok {
		rest, ok = strings.CutPrefix(l, "chance ")
	}
	if !ok {
		return l
	}
	for _, p := range []string{"that the ", "that ", "the ", "of "} {
		if x, ok := strings.CutPrefix(rest, p); ok {
			return x
		}
	}
	return rest
}

// countNoun writes "one risk event", "two risk events", "4 risk events".
func countNoun(n int, one, many string) string {
	words := []string{"no", "one", "two", "three"}
	w := fmt.Sprint(n)
	if n < len(words) {
		w = words[n]
	}
	if n == 1 {
		return w + " " + one
	}
	return w + " " + many
}
