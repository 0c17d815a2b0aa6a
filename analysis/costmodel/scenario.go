package costmodel

// Scenario is one appraisal as written in a scenario file and validated by Parse: the council's
// options, their cost and benefit lines, the uncertain inputs they depend on, and how to discount
// and simulate. Treat it as read-only, except Iterations and Seed, which Analyse reads when called
// (so a command-line flag may override them).
type Scenario struct {
	File         string // the name given to Parse, used in messages
	Name         string
	Description  string
	Organisation string // optional organisation code linking the case to its benchmarks
	BaseYear     int    // year index 0 is BaseYear (the first year appraised)
	// PriceBaseYear is the year whose prices real amounts are in; BaseYear unless the file sets
	// price_base_year.
	PriceBaseYear int
	// Prices says how nominal lines are converted to real terms.
	Prices       Prices
	Horizon      int // number of years, t = 0..Horizon−1
	Discount     Discounting
	Iterations   int
	Seed         uint64
	Baseline     string // incremental results are against this option
	OptimismBias OptimismBias
	Inputs       []Input // in file order
	Correlations []Correlation
	Options      []Option
	// Case is the business case's words ([business_case]); References resolve the sources cited.
	Case       CaseText
	References []Reference
	// Overrides are the changes With made to the file's values, in the order given.
	Overrides []Override

	graph *graph
	lines [][]int32 // root node of each option's lines
	loc   *locator  // lines of the file's fields, for errors found after Parse (FieldError)
	src   []byte    // the file's text, which With parses again with its changes
}

// OptimismBias is the uplift on cost lines by category (0.2 means costs are raised by 20%) and the
// reduction of benefits (0.15 means benefits are cut by 15%), as the Green Book asks for estimates
// that are otherwise systematically optimistic. Mitigated is the share of those adjustments that
// the scenario's explicitly quantified risks (risk-event lines, ranges) already account for: the
// Green Book reduces optimism bias as specific risks are identified and quantified, so that risk
// is not counted twice. The category adjustment applied is the one written × (1 − Mitigated).
type OptimismBias struct {
	Capital   float64 `json:"capital"`
	Operating float64 `json:"operating"`
	Benefits  float64 `json:"benefits"`
	Mitigated float64 `json:"mitigated_by_quantified_risk"`
}

// Prices describes how amounts written in nominal terms are brought to real terms at the price
// base year: by a deflator index by calendar year, or by a constant yearly deflator growth.
type Prices struct {
	// Nominal is the default for lines that do not say: amounts are nominal (cash) prices.
	Nominal bool `json:"nominal"`
	// Deflator is an index (any base) by calendar year; empty when Growth is used.
	Deflator map[int]float64 `json:"deflator,omitempty"`
	// Growth is the constant yearly growth of the deflator (0.02 for 2%), used without Deflator.
	Growth float64 `json:"deflator_growth"`
	// factors[t] turns a nominal amount of year t into prices of PriceBaseYear.
	factors []float64
}

// realFactor returns what a nominal amount in year index t is multiplied by to be in prices of the
// price base year: D(price_base_year) / D(base_year + t).
func (s *Scenario) realFactor(t int) float64 {
	if s.Prices.factors == nil {
		return 1
	}
	return s.Prices.factors[t]
}

// Input is a named uncertain (or fixed) quantity that amount expressions refer to.
type Input struct {
	Name   string
	Dist   Distribution
	Source string // where the figure comes from, as written in the file (optional)
	Line   int    // line of the scenario file that defines it
	// Label is what documents call the input ("staff eligible for BYOD"); Name when not given.
	Label string
	// Kind is what the input counts, when the file says: its values are then checked (a count is
	// never negative, a probability lies in 0..1).
	Kind InputKind
	// Event, when not empty, marks an input the model adds itself: the uniform draw u that decides
	// whether the risk event whose probability is the input named Event happens (u < p).
	Event string
}

// Correlation is a target Spearman rank correlation between two uncertain inputs, induced in the
// Monte Carlo draws by the Iman–Conover method.
type Correlation struct {
	Inputs [2]string
	Rank   float64
	Line   int
}

// Option is one course of action being appraised.
type Option struct {
	Name        string
	Label       string
	Description string
	Lines       []Line
}

// Kind says whether a line is a cost or a benefit.
type Kind string

// Line kinds.
const (
	Cost    Kind = "cost"
	Benefit Kind = "benefit"
)

// Category is the optimism-bias category of a cost line.
type Category string

// Line categories.
const (
	Capital   Category = "capital"
	Operating Category = "operating"
)

// Line is one cost or benefit of an option: an expression of the inputs and the year index t,
// incurred in each of its years.
type Line struct {
	Name     string
	Kind     Kind
	Category Category
	Years    []int  // year indices, ascending, each in 0..Horizon−1
	Amount   string // the expression as written
	// OptimismBias overrides the category's uplift for this line when not nil (for a figure that
	// is already a contracted price, say).
	OptimismBias *float64
	Source       string
	// AllowNegative lets the amount go below zero (a refund on a cost line, say); without it a
	// negative amount is an error, since a saving belongs on a benefit line.
	AllowNegative bool
	// Event, when not empty, makes the line a risk event: the input named Event is its probability,
	// and in each draw it happens (u < p) or not; Impact is what it costs (or yields) in each of
	// the line's years when it happens. Amount is then the compiled form, if(u_EVENT < EVENT, IMPACT, 0).
	Event  string
	Impact string
	// Nominal says the amount is in nominal (cash) prices, converted to real terms by Prices.
	Nominal bool
}

// uplift returns the factor a line's amounts are multiplied by when optimism bias is applied. For a
// cost, 1 + the line's own uplift, or 1 + its category's uplift × (1 − mitigated); for a benefit,
// 1 − the line's own reduction, or 1 − the benefits reduction × (1 − mitigated). A risk-event line
// is itself quantified risk: it takes no adjustment unless it sets its own.
func (s *Scenario) uplift(l *Line) float64 {
	sign := 1.0
	if l.Kind != Cost {
		sign = -1
	}
	if l.OptimismBias != nil {
		return 1 + sign**l.OptimismBias
	}
	if l.Event != "" {
		return 1
	}
	keep := 1 - s.OptimismBias.Mitigated
	switch {
	case l.Kind != Cost:
		return 1 - s.OptimismBias.Benefits*keep
	case l.Category == Capital:
		return 1 + s.OptimismBias.Capital*keep
	}
	return 1 + s.OptimismBias.Operating*keep
}

// hasOptimismBias reports whether any line's amounts are adjusted for optimism bias.
func (s *Scenario) hasOptimismBias() bool {
	for i := range s.Options {
		for j := range s.Options[i].Lines {
			if s.uplift(&s.Options[i].Lines[j]) != 1 {
				return true
			}
		}
	}
	return false
}

// UncertainInputs returns the inputs that vary between draws, in file order: the columns of the
// Monte Carlo draws, the tornado and the rank correlations.
func (s *Scenario) UncertainInputs() []*Input {
	var out []*Input
	for i := range s.Inputs {
		if !s.Inputs[i].Dist.isFixed() {
			out = append(out, &s.Inputs[i])
		}
	}
	return out
}

// optionIndex returns the index of the named option, or −1.
func (s *Scenario) optionIndex(name string) int {
	for i := range s.Options {
		if s.Options[i].Name == name {
			return i
		}
	}
	return -1
}

// baseValues returns the base value of each uncertain input: its most likely value.
func (s *Scenario) baseValues() []float64 {
	var v []float64
	for _, in := range s.UncertainInputs() {
		v = append(v, in.Dist.Base())
	}
	return v
}

// meanValues returns each uncertain input at its expected value, except events: a bernoulli or
// discrete input, and the uniform draw of a risk event, stay at their most likely outcome, since
// an event that happens with probability 0.3 does not happen "0.3 times" in any one world.
func (s *Scenario) meanValues() []float64 {
	var v []float64
	for _, in := range s.UncertainInputs() {
		if in.isEvent() {
			v = append(v, in.Dist.Base())
		} else {
			v = append(v, in.Dist.ExpectedValue())
		}
	}
	return v
}

// isEvent reports whether the input is an outcome rather than a quantity: a bernoulli or discrete
// input, or the draw of a risk event.
func (in *Input) isEvent() bool {
	return in.Event != "" || in.Dist.Kind == Bernoulli || in.Dist.Kind == Discrete
}
