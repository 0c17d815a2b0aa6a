package reports

// Two runs of a scenario side by side (psnbyod compare): each option's expected NPSV and P(best),
// the preferred option, and every input or setting that differs between the runs, so a finance
// officer sees what a changed assumption did to the advice.

import (
	"cmp"
	"fmt"
	"math"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
)

// FileCompare is the comparison page's name in --out.
const FileCompare = "compare.html"

// Comparison is two scenario results side by side.
type Comparison struct {
	A, B       ComparedRun
	Options    []ComparedOption
	Changes    []Change // inputs and settings that differ, in the order of A's file then B's
	SameAdvice bool     // both runs prefer the same option
}

// ComparedRun names one side of a comparison.
type ComparedRun struct {
	Name      string // as the user gave it (a folder or a scenario file)
	Title     string // the scenario's name
	Preferred string // label of the preferred option
	Result    *costmodel.Result
}

// ComparedOption is one option's figures in both runs; a side without the option has Missing set.
type ComparedOption struct {
	Label string
	A, B  OptionFigures
	// DiffMean is B − A of the expected NPSV; DiffSE its standard error as if the runs were
	// independent, √(SE_A² + SE_B²). Runs with the same seed share their draws (common random
	// numbers), so the true error of the difference is smaller: DiffSE is on the safe side.
	DiffMean, DiffSE float64
}

// OptionFigures are an option's expected NPSV (mean of the Monte Carlo draws, with its standard
// error) and its probability of being best.
type OptionFigures struct {
	Missing        bool
	Mean, SE, Best float64
	Preferred      bool
}

// Change is an input or setting whose value differs between the runs.
type Change struct {
	What, A, B string
}

// Compare lines up two results option by option (matched by option name).
func Compare(nameA string, a *costmodel.Result, nameB string, b *costmodel.Result) *Comparison {
	c := &Comparison{
		A: ComparedRun{Name: nameA, Title: a.Scenario, Preferred: optionLabelOf(a, a.Preferred), Result: a},
		B: ComparedRun{Name: nameB, Title: b.Scenario, Preferred: optionLabelOf(b, b.Preferred), Result: b},
	}
	c.SameAdvice = a.Preferred == b.Preferred
	figures := func(r *costmodel.Result, name string) OptionFigures {
		for i := range r.Options {
			if o := &r.Options[i]; o.Name == name {
				return OptionFigures{Mean: o.NPSV.Mean, SE: o.NPSV.SE, Best: o.ProbBest, Preferred: r.Preferred == name}
			}
		}
		return OptionFigures{Missing: true}
	}
	seen := map[string]bool{}
	add := func(r *costmodel.Result, o *costmodel.OptionResult) {
		if seen[o.Name] {
			return
		}
		seen[o.Name] = true
		co := ComparedOption{Label: optionName(o), A: figures(a, o.Name), B: figures(b, o.Name)}
		if !co.A.Missing && !co.B.Missing {
			co.DiffMean = co.B.Mean - co.A.Mean
			co.DiffSE = math.Hypot(co.A.SE, co.B.SE)
		}
		c.Options = append(c.Options, co)
	}
	for i := range a.Options {
		add(a, &a.Options[i])
	}
	for i := range b.Options {
		add(b, &b.Options[i])
	}
	c.Changes = changes(a, b)
	return c
}

// changes lists the inputs and settings that differ between two results.
func changes(a, b *costmodel.Result) []Change {
	var out []Change
	setting := func(what, x, y string) {
		if x != y {
			out = append(out, Change{What: what, A: x, B: y})
		}
	}
	setting("scenario", a.Scenario, b.Scenario)
	setting("Monte Carlo draws", formatNumber(float64(a.Iterations), 0), formatNumber(float64(b.Iterations), 0))
	setting("random seed", fmt.Sprint(a.Seed), fmt.Sprint(b.Seed))
	setting("discounting", a.Discount, b.Discount)
	setting("appraisal period", fmt.Sprintf("%d years from %d", a.HorizonYears, a.BaseYear), fmt.Sprintf("%d years from %d", b.HorizonYears, b.BaseYear))
	setting("optimism bias", obText(a.OptimismBias), obText(b.OptimismBias))
	setting("baseline", optionLabelOf(a, a.Baseline), optionLabelOf(b, b.Baseline))
	inputs := func(r *costmodel.Result) map[string]string {
		m := map[string]string{}
		for _, x := range r.Inputs {
			m[x.Name] = distText(x)
			if x.Distribution == string(costmodel.Fixed) {
				m[x.Name] = number(x.Base)
			}
		}
		return m
	}
	ia, ib := inputs(a), inputs(b)
	label := func(x costmodel.InputSummary) string {
		if x.Label != "" {
			return x.Label
		}
		return x.Name
	}
	for _, x := range a.Inputs {
		if y, ok := ib[x.Name]; !ok || y != ia[x.Name] {
			out = append(out, Change{What: label(x), A: ia[x.Name], B: orDash(y)})
		}
	}
	for _, x := range b.Inputs {
		if _, ok := ia[x.Name]; !ok {
			out = append(out, Change{What: label(x), A: "–", B: ib[x.Name]})
		}
	}
	// Line amounts changed with --set show only in the overrides.
	amounts := func(r *costmodel.Result) map[string]string {
		m := map[string]string{}
		for _, o := range r.Overrides {
			if strings.HasSuffix(o.Target, ".amount") {
				m[o.Target] = o.Value
			}
		}
		return m
	}
	oa, ob := amounts(a), amounts(b)
	for _, o := range b.Overrides {
		if v, ok := ob[o.Target]; ok && oa[o.Target] != v {
			out = append(out, Change{What: o.Target, A: cmp.Or(oa[o.Target], o.Was), B: v})
		}
	}
	for _, o := range a.Overrides {
		if _, ok := ob[o.Target]; !ok && strings.HasSuffix(o.Target, ".amount") {
			out = append(out, Change{What: o.Target, A: o.Value, B: o.Was})
		}
	}
	return out
}

func obText(ob costmodel.OptimismBias) string {
	return fmt.Sprintf("capital %s, operating %s", formatPercent(ob.Capital, 0), formatPercent(ob.Operating, 0))
}

func orDash(s string) string { return cmp.Or(s, "–") }

// Text is the comparison as a plain-text table for the terminal.
func (c *Comparison) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "A: %s (%s)\nB: %s (%s)\n\n", c.A.Name, c.A.Title, c.B.Name, c.B.Title)
	// Numbers align right; the option column is padded here so that it reads left-aligned.
	width := len("Option")
	for _, o := range c.Options {
		width = max(width, utf8.RuneCountInString(o.Label))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", width-utf8.RuneCountInString(s)) }
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, pad("Option")+"\tExpected NPSV, A\tExpected NPSV, B\tB − A\t± 2 SE\tP(best), A\tP(best), B\t")
	for _, o := range c.Options {
		diff, band := "–", "–"
		if !o.A.Missing && !o.B.Missing {
			diff, band = FormatMoney(o.DiffMean), FormatMoney(2*o.DiffSE)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", pad(o.Label), figureText(o.A, false), figureText(o.B, false), diff, band,
			figureText(o.A, true), figureText(o.B, true))
	}
	w.Flush()
	fmt.Fprintf(&b, "* preferred. Expected NPSV: mean of the Monte Carlo draws, optimism bias applied; ± 2 SE of B − A as if\nthe runs were independent (runs with the same seed share their draws, so the true band is narrower).\n")
	fmt.Fprintf(&b, "\nPreferred option, A: %s\nPreferred option, B: %s\n", c.A.Preferred, c.B.Preferred)
	if c.SameAdvice {
		b.WriteString("The advice is the same in both runs.\n")
	} else {
		b.WriteString("The advice changes between the runs.\n")
	}
	if len(c.Changes) == 0 {
		b.WriteString("\nNo input or setting differs.\n")
		return b.String()
	}
	b.WriteString("\nWhat differs:\n")
	w = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "  \tA\tB")
	for _, ch := range c.Changes {
		fmt.Fprintf(w, "  %s\t%s\t%s\n", ch.What, ch.A, ch.B)
	}
	w.Flush()
	return b.String()
}

func figureText(f OptionFigures, best bool) string {
	if f.Missing {
		return "–"
	}
	if best {
		return formatPercent(f.Best, 1)
	}
	s := FormatMoney(f.Mean)
	if f.Preferred {
		s += " *"
	}
	return s
}

type compareView struct {
	A, B       ComparedRun
	Rows       []compareRow
	Changes    []Change
	SameAdvice bool
}

type compareRow struct {
	Label, MeanA, MeanB, Diff, Band, BestA, BestB string
	PrefA, PrefB                                  bool
}

// HTML is the comparison as a page (compare.html), printable on A4.
func (c *Comparison) HTML() ([]byte, error) {
	v := compareView{A: c.A, B: c.B, Changes: c.Changes, SameAdvice: c.SameAdvice}
	for _, o := range c.Options {
		r := compareRow{Label: o.Label, MeanA: figureText(o.A, false), MeanB: figureText(o.B, false), Diff: "–", Band: "–",
			BestA: figureText(o.A, true), BestB: figureText(o.B, true), PrefA: o.A.Preferred, PrefB: o.B.Preferred}
		r.MeanA, r.MeanB = strings.TrimSuffix(r.MeanA, " *"), strings.TrimSuffix(r.MeanB, " *")
		if !o.A.Missing && !o.B.Missing {
			r.Diff, r.Band = FormatMoney(o.DiffMean), FormatMoney(2*o.DiffSE)
		}
		v.Rows = append(v.Rows, r)
	}
	return executeTemplate(compareTemplate, "compare.html.tmpl", v)
}
