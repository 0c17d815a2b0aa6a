package sector

import (
	"slices"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/datasets/contract"
)

// Kind names a sector model as written in the model field of a file.
type Kind string

// The sector models.
const (
	DeadlineQueue   Kind = "deadline_queue"   // certification queue before a compliance deadline
	AdvisoryFunding Kind = "advisory_funding" // crowd-funded advisory group and its staff
)

// Model is one sector model file, validated by Parse. Exactly one of Queue and Funding is set,
// according to Kind. Iterations and Seed may be changed before Run (command-line overrides).
type Model struct {
	File        string // the name given to Parse, used in messages
	Kind        Kind
	Name        string
	Description string
	Iterations  int
	Seed        uint64
	// Counts are the organisations by type given in the file; nil when the file asks for the
	// organisations of the dataset (FromDataset), which Run is then given.
	Counts      []TypeCount
	FromDataset bool
	Queue       *QueueModel
	Funding     *FundingModel
}

// Input is one named input of a model file, fixed or uncertain, in the cost model's distribution
// syntax.
type Input struct {
	Name   string
	Dist   costmodel.Distribution
	Source string // where the figure comes from, as written in the file
}

// TypeCount is a number of organisations of one org_type.
type TypeCount struct {
	Type  string `json:"org_type"`
	Count int    `json:"count"`
}

// countTypes counts organisations by org_type, sorted by type.
func countTypes(orgs []contract.Organisation) []TypeCount {
	m := map[string]int{}
	for _, o := range orgs {
		m[o.Type]++
	}
	out := make([]TypeCount, 0, len(m))
	for t, n := range m {
		out = append(out, TypeCount{Type: t, Count: n})
	}
	slices.SortFunc(out, func(a, b TypeCount) int {
		if a.Type < b.Type {
			return -1
		}
		if a.Type > b.Type {
			return 1
		}
		return 0
	})
	return out
}

func total(counts []TypeCount) int {
	n := 0
	for _, c := range counts {
		n += c.Count
	}
	return n
}

// summarise describes an input as the run used it, in the cost model's form.
func (in Input) summarise() costmodel.InputSummary {
	d := in.Dist
	return costmodel.InputSummary{
		Name: in.Name, Distribution: string(d.Kind), Params: d.Params, Values: d.Values, Weights: d.Weights,
		Base: d.Base(), Mean: d.ExpectedValue(), P10: d.Quantile(0.1), P90: d.Quantile(0.9), Source: in.Source,
	}
}
