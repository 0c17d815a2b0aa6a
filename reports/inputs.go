package reports

// What the documents are rendered from: a study result and the scenario results, held in memory
// after a run or loaded back from an output folder (see bundle.go), so the documents never
// recompute a figure.

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/analysis/study"
)

// DefaultMinGroup is the smallest number of respondents a published figure may rest on: smaller
// groups are suppressed and marked "[c]", as survey publishers do.
const DefaultMinGroup = 10

// Inputs is everything Render needs.
type Inputs struct {
	// Study is the research result; nil when only scenarios were run (the sector report is then
	// left out).
	Study *study.Result
	// Scenarios are the appraisals, in the order their documents list them.
	Scenarios []ScenarioResult
	// Synthetic marks data made up by the generator (the embedded default dataset): every document
	// then carries a banner saying so. Render also treats Study.Synthetic as set.
	Synthetic bool
}

// synthetic reports whether the documents must carry the synthetic-data banner.
func (in *Inputs) synthetic() bool {
	return in.Synthetic || (in.Study != nil && in.Study.Synthetic)
}

// ScenarioResult is one appraisal: what the scenario file said and what the cost model found.
type ScenarioResult struct {
	// Name is the scenario file's name without .toml: its folder out/scenarios/NAME.
	Name string
	// Info is what the file said about the options and their lines, with sources.
	Info ScenarioInfo
	// Result is the cost model's result, CashFlows included.
	Result *costmodel.Result
	// Draws are the Monte Carlo NPSVs of each option; nil when they were not kept, and then the
	// distribution chart is left out (the summaries in Result remain).
	Draws *Draws
}

// ScenarioInfo is the part of a scenario file that the result does not repeat: the cost and benefit
// lines of each option, with their expressions and sources, and the correlations between inputs.
// It is scenario.json in a scenario's folder.
type ScenarioInfo struct {
	Title        string            `json:"title"`
	Description  string            `json:"description,omitempty"`
	Organisation string            `json:"organisation,omitempty"`
	Options      []OptionInfo      `json:"options"`
	Correlations []CorrelationInfo `json:"correlations,omitempty"`
	// Case is the file's [business_case] words and References its [[references]], which the
	// business case prints and resolves sources against.
	Case       costmodel.CaseText    `json:"business_case"`
	References []costmodel.Reference `json:"references,omitempty"`
	// InputNotes holds, for inputs without a source field, the comment written on the line that
	// defines them (the ready scenarios give their sources that way: "seed 003: ...", "ASSUMPTION: ...").
	InputNotes map[string]string `json:"input_notes,omitempty"`
}

// OptionInfo is one option as written.
type OptionInfo struct {
	Name        string     `json:"name"`
	Label       string     `json:"label,omitempty"`
	Description string     `json:"description,omitempty"`
	Lines       []LineInfo `json:"lines"`
}

// LineInfo is one cost or benefit line as written.
type LineInfo struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Category string `json:"category,omitempty"`
	Years    []int  `json:"years"`
	Amount   string `json:"amount"`
	// OptimismBias is the line's own uplift when it overrides its category's.
	OptimismBias *float64 `json:"optimism_bias,omitempty"`
	Source       string   `json:"source,omitempty"`
}

// CorrelationInfo is a target rank correlation between two inputs.
type CorrelationInfo struct {
	Inputs [2]string `json:"inputs"`
	Rank   float64   `json:"rank"`
}

// NewScenarioInfo describes a parsed scenario; text is the scenario file, from which the comments
// on the inputs' lines are kept as their notes (nil leaves them out).
func NewScenarioInfo(sc *costmodel.Scenario, text []byte) ScenarioInfo {
	info := ScenarioInfo{Title: sc.Name, Description: sc.Description, Organisation: sc.Organisation, Options: []OptionInfo{},
		Case: sc.Case, References: sc.References}
	lines := strings.Split(string(text), "\n")
	for _, in := range sc.Inputs {
		if in.Source != "" || in.Line < 1 || in.Line > len(lines) {
			continue
		}
		if c := tomlComment(lines[in.Line-1]); c != "" {
			if info.InputNotes == nil {
				info.InputNotes = map[string]string{}
			}
			info.InputNotes[in.Name] = c
		}
	}
	for _, o := range sc.Options {
		oi := OptionInfo{Name: o.Name, Label: o.Label, Description: o.Description, Lines: []LineInfo{}}
		for _, l := range o.Lines {
			oi.Lines = append(oi.Lines, LineInfo{Name: l.Name, Kind: string(l.Kind), Category: string(l.Category),
				Years: slices.Clone(l.Years), Amount: l.Amount, OptimismBias: l.OptimismBias, Source: l.Source})
		}
		info.Options = append(info.Options, oi)
	}
	for _, c := range sc.Correlations {
		info.Correlations = append(info.Correlations, CorrelationInfo{Inputs: c.Inputs, Rank: c.Rank})
	}
	return info
}

// tomlComment returns the comment at the end of a TOML line, outside any quoted string.
func tomlComment(line string) string {
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote == '"' && c == '\\':
			i++ // an escaped character inside a basic string
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '#':
			return strings.TrimSpace(line[i+1:])
		}
	}
	return ""
}

// infoFromResult is the best description of a scenario without its file: titles, labels and
// descriptions from the result, lines without expressions from its cash flows.
func infoFromResult(r *costmodel.Result) ScenarioInfo {
	info := ScenarioInfo{Title: r.Scenario, Description: r.Description, Organisation: r.Organisation, Options: []OptionInfo{}}
	for _, o := range r.Options {
		oi := OptionInfo{Name: o.Name, Label: o.Label, Description: o.Description, Lines: []LineInfo{}}
		seen := map[string]int{}
		for _, c := range r.CashFlows {
			if c.Option != o.Name {
				continue
			}
			j, ok := seen[c.Line]
			if !ok {
				j = len(oi.Lines)
				seen[c.Line] = j
				oi.Lines = append(oi.Lines, LineInfo{Name: c.Line, Kind: string(c.Kind), Category: c.Category})
			}
			oi.Lines[j].Years = append(oi.Lines[j].Years, c.Year)
		}
		info.Options = append(info.Options, oi)
	}
	return info
}

// Draws holds every Monte Carlo draw of each option's NPSV (optimism bias applied). Its Add method
// is a costmodel.RunOptions.Draws sink, so a run can keep them in memory for the charts.
type Draws struct {
	// Options names the options in scenario order; NPSV[i] holds option i's draws in iteration order.
	Options []string
	NPSV    [][]float64
}

// NewDraws returns an empty set of draws for the scenario's options.
func NewDraws(sc *costmodel.Scenario) *Draws {
	d := &Draws{NPSV: make([][]float64, len(sc.Options))}
	for _, o := range sc.Options {
		d.Options = append(d.Options, o.Name)
	}
	return d
}

// Add appends one chunk of draws.
func (d *Draws) Add(c costmodel.DrawChunk) error {
	if len(c.NPSV) != len(d.NPSV) {
		return fmt.Errorf("draws: chunk has %d options, want %d", len(c.NPSV), len(d.NPSV))
	}
	for i, col := range c.NPSV {
		d.NPSV[i] = append(d.NPSV[i], col...)
	}
	return nil
}

// Options say how to render.
type Options struct {
	// PDF also saves every chart as PDF and prints each document (report.html, business cases) to an A4
	// PDF beside it through headless Chromium when one is installed (see Notices).
	PDF bool
	// Notices receives what a reader should know about the run that is not an error, such as documents
	// left unprinted for want of Chromium. nil discards them.
	Notices io.Writer
	// MinGroup is the disclosure threshold: a figure resting on fewer respondents is suppressed and
	// marked "[c]". 0 means DefaultMinGroup.
	MinGroup int
	// Highlight is the org_code of the organisation the sector charts single out; "" picks the
	// organisation of the first scenario that names one, else the first organisation.
	Highlight string
	// PNGDPI is the resolution of the PNG charts; 0 means 150.
	PNGDPI int
}

// minGroup is the threshold in force.
func (o Options) minGroup() int {
	if o.MinGroup <= 0 {
		return DefaultMinGroup
	}
	return o.MinGroup
}

// dpi is the PNG resolution in force.
func (o Options) dpi() int {
	if o.PNGDPI <= 0 {
		return 150
	}
	return o.PNGDPI
}
