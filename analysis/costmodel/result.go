package costmodel

// Result is everything one scenario run produces, ready to be written as summary.json (the
// struct itself), cashflows.csv (CashFlows) and draws.parquet (through RunOptions.Draws). Money is
// in pounds at base-year prices. No field holds NaN or ±Inf: undefined figures are null.
type Result struct {
	Scenario      string `json:"scenario"`
	Description   string `json:"description,omitempty"`
	File          string `json:"file"`
	Organisation  string `json:"organisation,omitempty"`
	BaseYear      int    `json:"base_year"`
	PriceBaseYear int    `json:"price_base_year"`
	Prices        Prices `json:"prices"`
	HorizonYears  int    `json:"horizon_years"`
	Discount      string `json:"discount"`
	// DiscountSchedule names the schedule's source and version, "green_book_2022" or "constant".
	DiscountSchedule string         `json:"discount_schedule"`
	ExcelRate        float64        `json:"excel_rate"` // the rate used for excel_npv
	DiscountFactors  []float64      `json:"discount_factors"`
	Iterations       int            `json:"iterations"`
	Seed             uint64         `json:"seed"`
	Baseline         string         `json:"baseline"`
	OptimismBias     OptimismBias   `json:"optimism_bias"`
	Inputs           []InputSummary `json:"inputs"`
	// Overrides are the changes made to the file's values for this run (--set, Scenario.With).
	Overrides []Override `json:"overrides,omitempty"`
	// PreferredMostLikely is the option with the highest deterministic ("most likely") NPSV,
	// optimism bias applied: a sensitivity, not the decision.
	PreferredMostLikely string `json:"preferred_option"`
	// Preferred is the option with the highest expected NPSV (Monte Carlo mean, optimism bias
	// applied; the first option on ties): the decision under uncertainty.
	Preferred string `json:"preferred"`
	// RunnerUp is the option with the next highest expected NPSV; empty with one option.
	RunnerUp string `json:"runner_up,omitempty"`
	// RunnerUpDifference is the preferred option's NPSV minus the runner-up's, paired on the same
	// draws; null with one option.
	RunnerUpDifference *Estimate `json:"runner_up_difference"`
	// DecisionNote says in a sentence what the decision rests on, and when it is too close to call
	// or the preferred option is best in under half the draws. Documents print it with the choice.
	DecisionNote string `json:"decision_note"`
	// TooCloseToCall is set when the difference to the runner-up is within 2 standard errors.
	TooCloseToCall bool `json:"too_close_to_call"`
	// CaseLabels explain the three central figures per option.
	CaseLabels map[string]string `json:"case_labels"`
	Options    []OptionResult    `json:"options"`
	// EVPI is the expected value of perfect information: E[max over options of NPSV] − max over
	// options of E[NPSV], from the draws.
	EVPI Estimate `json:"evpi"`
	// EVPPI is the expected value of partial perfect information of each uncertain input, largest
	// first; EVPPITop names the inputs worth most (at least 5% of the EVPI, up to three).
	EVPPI       []EVPPI  `json:"evppi"`
	EVPPITop    []string `json:"evppi_top"`
	EVPPIMethod string   `json:"evppi_method"`
	// RiskRegister lists each risk event: its probability, impact and expected cost per option.
	RiskRegister     []RiskEvent        `json:"risk_register"`
	Incremental      []Incremental      `json:"incremental"`
	Tornado          []Tornado          `json:"tornado"`
	RankCorrelations []RankCorrelations `json:"rank_correlations"`
	SwitchingValues  []SwitchingValue   `json:"switching_values"`
	Notes            []string           `json:"notes"`
	// Financial is the preferred option's financial case: its costs by financial year in cash
	// (nominal) terms when the scenario gives a deflator, capital and revenue, against the budget line.
	Financial *FinancialCase `json:"financial"`
	// CashFlows are the base-value cash flows, one row per option, line and year: cashflows.csv.
	CashFlows []CashFlow `json:"-"`
}

// InputSummary describes one input as the run used it.
type InputSummary struct {
	Name         string             `json:"name"`
	Label        string             `json:"label,omitempty"` // what documents call it, when the file says
	Distribution string             `json:"distribution"`    // its kind, e.g. "pert"
	Params       map[string]float64 `json:"params,omitempty"`
	Values       []float64          `json:"values,omitempty"`  // discrete
	Weights      []float64          `json:"weights,omitempty"` // discrete, normalised
	Base         float64            `json:"base"`
	Mean         float64            `json:"mean"`
	P10          float64            `json:"p10"`
	P90          float64            `json:"p90"`
	Source       string             `json:"source,omitempty"`
}

// OptionResult holds one option's figures. Deterministic and the Monte Carlo figures include
// optimism bias; DeterministicWithoutOB shows the same case without it.
type OptionResult struct {
	Name        string `json:"name"`
	Label       string `json:"label,omitempty"`
	Description string `json:"description,omitempty"`
	// ExpectedNPSV is the Monte Carlo mean NPSV with its standard error, optimism bias applied:
	// the figure options are ranked by.
	ExpectedNPSV Estimate `json:"expected_npsv"`
	// ExpectedNPSVWithoutOB is the same without optimism bias.
	ExpectedNPSVWithoutOB Estimate `json:"expected_npsv_without_optimism_bias"`
	// NPSVAtMeans is the NPSV with every quantity at its mean and every event at its most likely
	// outcome; NPSVMostLikely is Deterministic.NPSV, every input at its most likely value. Both are
	// sensitivities: the decision rests on ExpectedNPSV.
	NPSVAtMeans            float64       `json:"npsv_at_means"`
	NPSVMostLikely         float64       `json:"npsv_most_likely"`
	Deterministic          Deterministic `json:"deterministic"`
	DeterministicWithoutOB Deterministic `json:"deterministic_without_optimism_bias"`
	NPSV                   Summary       `json:"npsv"`
	// SCurve is the empirical cumulative distribution of NPSV: SCurve[i] is the quantile at i/100,
	// i = 0..100 (the minimum and maximum at the ends).
	SCurve []float64 `json:"s_curve"`
	// Percentiles are P10, P50, P80 and P90 of NPSV with order-statistic standard errors.
	Percentiles Percentiles `json:"percentiles"`
	// PBest and PPositive are prob_best and prob_positive with their binomial standard errors.
	PBest     Share `json:"p_best"`
	PPositive Share `json:"p_positive"`
	// P80Cost is, for an option with costs only, the present value of costs it stays within in 80%
	// of draws (the P80 confidence level a finance officer budgets to); null otherwise.
	P80Cost *float64 `json:"p80_cost"`
	// Convergence is the running mean NPSV and its standard error after increasing numbers of
	// iterations, in iteration order.
	Convergence  []ConvergencePoint `json:"convergence"`
	ProbPositive float64            `json:"prob_positive"`
	// ProbBest is the share of draws in which this option has the highest NPSV (the first option
	// in file order wins ties).
	ProbBest float64 `json:"prob_best"`
}

// Deterministic is an option's case at base values.
type Deterministic struct {
	Costs      []float64 `json:"costs"`    // by year, undiscounted
	Benefits   []float64 `json:"benefits"` // by year, undiscounted
	PVCosts    float64   `json:"pv_costs"`
	PVBenefits float64   `json:"pv_benefits"`
	NPSV       float64   `json:"npsv"` // pv_benefits − pv_costs
	// BCR is pv_benefits / pv_costs; null, with BCRNote saying why, when there are no costs or no
	// benefits (a cost-only option has no meaningful ratio).
	BCR     *float64 `json:"bcr"`
	BCRNote string   `json:"bcr_note,omitempty"`
	// ExcelNPV is what =NPV(excel_rate, net flow of year 0, year 1, …) returns: Excel discounts
	// the first value one period, so it is not the NPSV.
	ExcelNPV float64 `json:"excel_npv"`
}

// Summary describes a Monte Carlo distribution of NPSV. Percentiles interpolate linearly between
// order statistics (Excel's PERCENTILE.INC, R type 7).
type Summary struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	SE   float64 `json:"se"` // standard error of the mean, sd/√n
	P5   float64 `json:"p5"`
	P10  float64 `json:"p10"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P95  float64 `json:"p95"`
}

// Incremental compares one option with the baseline, optimism bias applied.
type Incremental struct {
	Option     string    `json:"option"`
	Against    string    `json:"against"`
	NetFlows   []float64 `json:"net_flows"` // (benefits − costs) of the option minus the baseline's, by year
	PVCosts    float64   `json:"pv_costs"`
	PVBenefits float64   `json:"pv_benefits"`
	NPSV       float64   `json:"npsv"`
	// NPSVWithoutOB is the same difference without optimism bias.
	NPSVWithoutOB float64 `json:"npsv_without_optimism_bias"`
	ExcelNPV      float64 `json:"excel_npv"`
	// DiscountedPaybackYear is the first year index at which the cumulative discounted net flows
	// reach zero or more; null if they never do within the horizon.
	DiscountedPaybackYear *int   `json:"discounted_payback_year"`
	PaybackNote           string `json:"payback_note,omitempty"`
	// IRR lists every rate between −99% and 1,000% at which the net flows' present value is zero;
	// IRRNote says when there are none or several.
	IRR     []float64 `json:"irr"`
	IRRNote string    `json:"irr_note,omitempty"`
	// IRRKind is "investment", "borrowing", "mixed" or "none"; IRRSentence says how to read the IRR.
	IRRKind     string `json:"irr_kind"`
	IRRSentence string `json:"irr_sentence"`
	// BCR is the incremental benefit–cost ratio: (PV of the baseline's costs avoided + PV of the
	// benefits added) / PV of the option's costs, optimism bias applied. Above 1 exactly when the
	// incremental NPSV is positive. Null, with BCRNote, when the option has no costs.
	BCR     *float64          `json:"incremental_bcr"`
	BCRNote string            `json:"incremental_bcr_note,omitempty"`
	Monte   IncrementalSpread `json:"monte_carlo"`
}

// Estimate is a Monte Carlo figure with its standard error.
type Estimate struct {
	Mean float64 `json:"mean"`
	SE   float64 `json:"se"`
}

// Share is a share of draws with its binomial standard error √(p(1−p)/n).
type Share struct {
	P  float64 `json:"p"`
	SE float64 `json:"se"`
}

// Quantile is a percentile of NPSV with its standard error.
type Quantile struct {
	Value float64 `json:"value"`
	SE    float64 `json:"se"`
}

// Percentiles are the confidence levels a finance officer reads off an S-curve. Each SE is half
// the distance between the order statistics of ranks n·p ± √(n·p(1−p)), one binomial standard
// deviation either side of the sample quantile: a distribution-free estimate of its standard error.
type Percentiles struct {
	P10 Quantile `json:"p10"`
	P50 Quantile `json:"p50"`
	P80 Quantile `json:"p80"`
	P90 Quantile `json:"p90"`
}

// ConvergencePoint is the running Monte Carlo mean after Iterations draws.
type ConvergencePoint struct {
	Iterations int     `json:"iterations"`
	Mean       float64 `json:"mean"`
	SE         float64 `json:"se"`
}

// EVPPI is one input's expected value of partial perfect information.
type EVPPI struct {
	Input string  `json:"input"`
	Value float64 `json:"value"`
	SE    float64 `json:"se"`
}

// RiskEvent is one entry of the risk register: an event drawn as happening or not in each
// iteration, the lines it drives, and its cost to each option.
type RiskEvent struct {
	Event       string  `json:"event"` // the probability input
	Draw        string  `json:"draw"`  // the uniform input u that decides it
	Probability float64 `json:"probability"`
	// ProbabilityDistribution is the probability input as written, e.g. "pert(min=0.01, …)".
	ProbabilityDistribution string `json:"probability_distribution"`
	// Happened is the share of draws in which the event happened.
	Happened Share      `json:"happened"`
	Options  []RiskCost `json:"options"`
}

// RiskCost is one risk event's effect on one option.
type RiskCost struct {
	Option string   `json:"option"`
	Lines  []string `json:"lines"`
	// Impact is each line's impact expression as written.
	Impact []string `json:"impact"`
	// ExpectedCost is the mean present value of the event's lines over all draws (a cost positive,
	// a benefit negative), with its standard error.
	ExpectedCost Estimate `json:"expected_cost"`
	// CostIfHappens describes the present value of the lines in the draws where the event happened.
	CostIfHappens *RiskImpact `json:"cost_if_happens"`
	// ShareOfNPSVVariance is Cov(−risk cost, NPSV)/Var(NPSV): the share of the option's NPSV spread
	// that the event accounts for. Over all additive parts of the NPSV the shares sum to 1; a part
	// that offsets others has a negative share. Null when the NPSV does not vary.
	ShareOfNPSVVariance *float64 `json:"share_of_npsv_variance"`
}

// RiskImpact is the distribution of a risk's present value when it happens.
type RiskImpact struct {
	Mean float64 `json:"mean"`
	P10  float64 `json:"p10"`
	P90  float64 `json:"p90"`
}

// IncrementalSpread is the Monte Carlo distribution of an incremental NPSV.
type IncrementalSpread struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	SE   float64 `json:"se"`
	// ProbBetter is the share of draws in which the option's NPSV exceeds the baseline's.
	ProbBetter float64 `json:"prob_better"`
}

// Tornado is the one-at-a-time sensitivity of one option's incremental NPSV: each uncertain input
// at its P10 and at its P90, the others at base values. Bars are sorted by swing, largest first.
type Tornado struct {
	Option   string       `json:"option"`
	Against  string       `json:"against"`
	BaseNPSV float64      `json:"base_incremental_npsv"`
	Bars     []TornadoBar `json:"bars"`
}

// TornadoBar is one input's effect.
type TornadoBar struct {
	Input    string  `json:"input"`
	Low      float64 `json:"low"`  // the input at its P10
	High     float64 `json:"high"` // the input at its P90
	NPSVLow  float64 `json:"npsv_at_low"`
	NPSVHigh float64 `json:"npsv_at_high"`
	Swing    float64 `json:"swing"` // |npsv_at_high − npsv_at_low|
}

// RankCorrelations are Spearman's rank correlations between each uncertain input's draws and one
// option's NPSV, sorted by size, largest first; rho is null for an input that never varied.
type RankCorrelations struct {
	Option string            `json:"option"`
	Inputs []InputRankCorrel `json:"inputs"`
}

// InputRankCorrel is one input's rank correlation with an option's NPSV.
type InputRankCorrel struct {
	Input string   `json:"input"`
	Rho   *float64 `json:"rho"`
}

// SwitchingValue is where, moving one input across its range with the others at base values, the
// preferred option (highest deterministic NPSV, optimism bias applied) changes.
type SwitchingValue struct {
	Input     string   `json:"input"`
	Base      float64  `json:"base"`
	RangeLow  float64  `json:"range_low"`
	RangeHigh float64  `json:"range_high"`
	Preferred string   `json:"preferred_at_base"`
	Switches  []Switch `json:"switches"`
	Note      string   `json:"note,omitempty"` // "none within range" when Switches is empty
}

// Switch is one change of preferred option.
type Switch struct {
	Value float64 `json:"value"`
	// ChangeFromBase is (value − base)/|base|; null when the base is zero.
	ChangeFromBase *float64 `json:"change_from_base"`
	Below          string   `json:"preferred_below"`
	Above          string   `json:"preferred_above"`
}

// CashFlow is one row of cashflows.csv: a line's amount in one year at base values. Amount is as
// estimated; Uplift is the optimism-bias factor applied to it in the headline figures.
type CashFlow struct {
	Option                 string  `json:"option"`
	Year                   int     `json:"year"` // index t from 0
	CalendarYear           int     `json:"calendar_year"`
	Line                   string  `json:"line"`
	Kind                   Kind    `json:"kind"`
	Category               string  `json:"category"`
	Amount                 float64 `json:"amount"`
	DiscountFactor         float64 `json:"discount_factor"`
	PresentValue           float64 `json:"present_value"`
	Uplift                 float64 `json:"optimism_bias_uplift"`
	PresentValueWithUplift float64 `json:"present_value_with_optimism_bias"`
}

// CashFlowHeader is the cashflows.csv header, in the order of CashFlowRecord.
var CashFlowHeader = []string{"option", "year", "calendar_year", "line", "kind", "category", "amount",
	"discount_factor", "present_value", "optimism_bias_uplift", "present_value_with_optimism_bias"}

// Record formats the row for encoding/csv, in the order of CashFlowHeader, with figures in
// shortest round-trip form.
func (c *CashFlow) Record() []string {
	f := func(v float64) string { return formatFloat(v) }
	return []string{c.Option, itoa(c.Year), itoa(c.CalendarYear), c.Line, string(c.Kind), c.Category,
		f(c.Amount), f(c.DiscountFactor), f(c.PresentValue), f(c.Uplift), f(c.PresentValueWithUplift)}
}
