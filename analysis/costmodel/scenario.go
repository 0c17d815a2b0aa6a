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
	BaseYear     int    // prices are real terms at this year; year index 0 is BaseYear
	Horizon      int    // number of years, t = 0..Horizon−1
	Discount     Discounting
	Iterations   int
	Seed         uint64
	Baseline     string // incremental results are against this option
	OptimismBias OptimismBias
	Inputs       []Input // in file order
	Correlations []Correlation
	Options      []Option
	// Overrides are the changes With made to the file's values, in the order given.
	Overrides []Override

	graph *graph
	lines [][]int32 // root node of each option's lines
	loc   *locator  // lines of the file's fields, for errors found after Parse (FieldError)
	src   []byte    // the file's text, which With parses again with its changes
}

// OptimismBias is the uplift on cost lines by category (0.2 means costs are raised by 20%), as the
// Green Book asks for estimates that are otherwise systematically low.
type OptimismBias struct {
	Capital   float64 `json:"capital"`
	Operating float64 `json:"operating"`
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
}

// Uplift returns the factor a line's amounts are multiplied by when optimism bias is applied: 1 for
// benefits, 1 + the line's or its category's uplift for costs.
func (s *Scenario) Uplift(l *Line) float64 {
	if l.Kind != Cost {
		return 1
	}
	if l.OptimismBias != nil {
		return 1 + *l.OptimismBias
	}
	if l.Category == Capital {
		return 1 + s.OptimismBias.Capital
	}
	return 1 + s.OptimismBias.Operating
}

// UncertainInputs returns the inputs that vary between draws, in file order: the columns of the
// Monte Carlo draws, the tornado and the rank correlations.
func (s *Scenario) UncertainInputs() []*Input {
	var out []*Input
	for i := range s.Inputs {
		if !s.Inputs[i].Dist.IsFixed() {
			out = append(out, &s.Inputs[i])
		}
	}
	return out
}

// OptionIndex returns the index of the named option, or −1.
func (s *Scenario) OptionIndex(name string) int {
	for i := range s.Options {
		if s.Options[i].Name == name {
			return i
		}
	}
	return -1
}

// baseValues returns the base value of each uncertain input.
func (s *Scenario) baseValues() []float64 {
	var v []float64
	for _, in := range s.UncertainInputs() {
		v = append(v, in.Dist.Base())
	}
	return v
}
