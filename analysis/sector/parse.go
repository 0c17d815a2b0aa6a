package sector

import (
	"fmt"
	"slices"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
)

// Parse reads a sector model from the TOML text data; filename is used only in messages. Inputs use
// the cost model's distribution syntax, and every problem found is returned together as a
// costmodel.Errors, each with file, line and field.
func Parse(filename string, data []byte) (*Model, error) {
	fp, raw, err := costmodel.NewFieldParser(filename, data)
	if err != nil {
		return nil, err
	}
	p := &parser{FieldParser: fp}
	m := &Model{File: filename, Iterations: 10000, Seed: 1}
	if v, ok := raw["model"]; ok {
		if s, ok := p.String("model", v); ok {
			m.Kind = Kind(s)
		}
	} else {
		p.Errorf("model", `missing: "deadline_queue" or "advisory_funding"`)
	}
	common := []string{"model", "name", "description", "seed", "iterations", "organisations", "inputs"}
	switch m.Kind {
	case DeadlineQueue:
		p.Known("", raw, append(common, "deadline", "weeks_before_deadline", "weeks_after_deadline",
			"capacity_change", "capacity_search")...)
	case AdvisoryFunding:
		p.Known("", raw, append(common, "months", "posts_needed", "max_posts", "contributors", "exclude_types")...)
	case "":
	default:
		p.Errorf("model", `unknown model %q: use "deadline_queue" or "advisory_funding"`, m.Kind)
	}
	m.Name, m.Description = p.Title(raw, "model")
	p.Runs(raw, 10_000_000, &m.Iterations, &m.Seed)
	m.FromDataset = true
	if v, ok := raw["organisations"]; ok {
		m.Counts, m.FromDataset = p.organisations(v)
	}
	inputs := map[string]any{}
	if v, ok := raw["inputs"]; ok {
		inputs, _ = p.Table("inputs", v)
	}
	switch m.Kind {
	case DeadlineQueue:
		m.Queue = p.queue(raw, inputs)
	case AdvisoryFunding:
		m.Funding = p.funding(raw, inputs)
	}
	if err := p.Errors(); err != nil {
		return nil, err
	}
	return m, nil
}

type parser struct {
	*costmodel.FieldParser
}

// organisations reads [organisations]: from = "dataset" (the default) or counts by org_type.
func (p *parser) organisations(v any) ([]TypeCount, bool) {
	m, ok := p.Table("organisations", v)
	if !ok {
		return nil, true
	}
	p.Known("organisations", m, "from", "counts", "source")
	from := "dataset"
	if f, ok := m["from"]; ok {
		from, _ = p.String("organisations.from", f)
	}
	c, hasCounts := m["counts"]
	switch {
	case from == "dataset" && !hasCounts:
		return nil, true
	case from == "dataset" && hasCounts:
		if _, given := m["from"]; given {
			p.Errorf("organisations.counts", `give either from = "dataset" or counts, not both`)
			return nil, true
		}
	case from != "counts":
		p.Errorf("organisations.from", `must be "dataset" or "counts", not %q`, from)
		return nil, true
	case !hasCounts:
		p.Errorf("organisations.counts", `missing: from = "counts" needs counts = { district = 164, ... }`)
		return nil, true
	}
	t, ok := p.Table("organisations.counts", c)
	if !ok {
		return nil, false
	}
	var out []TypeCount
	for k, v := range t {
		n, ok := p.Integer("organisations.counts."+k, v)
		if !ok {
			continue
		}
		if n < 0 {
			p.Errorf("organisations.counts."+k, "count %d is negative", n)
			continue
		}
		out = append(out, TypeCount{Type: k, Count: n})
	}
	slices.SortFunc(out, func(a, b TypeCount) int { return strings.Compare(a.Type, b.Type) })
	if total(out) == 0 {
		p.Errorf("organisations.counts", "no organisations: give at least one positive count")
	}
	return out, false
}

// bounds says which values an input may take: draws are clamped to [lo, hi] (a normal's tails, for
// example), and a distribution whose whole range lies outside is an error.
type bounds struct{ lo, hi float64 }

// input reads a named input of [inputs], or a table's field holding one; def is used when absent
// (nil: the input is required).
func (p *parser) input(field string, m map[string]any, key string, def *costmodel.Distribution, b bounds, what string) Input {
	in := Input{Name: key}
	v, ok := m[key]
	if !ok {
		if def == nil {
			p.Errorf(join(field, key), "missing: %s", what)
			return in
		}
		in.Dist = *def
		in.Source = "default"
		return in
	}
	d, src, ok := p.Distribution(join(field, key), v)
	if !ok {
		return in
	}
	lo, hi := d.Range()
	if lo < b.lo || hi > b.hi {
		p.Errorf(join(field, key), "%s ranges over %g..%g, outside the possible %g..%g (%s)", d.String(), lo, hi, b.lo, b.hi, what)
	}
	in.Dist, in.Source = d, src
	return in
}

func join(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}

func fixed(v float64) *costmodel.Distribution {
	return &costmodel.Distribution{Kind: costmodel.Fixed, Value: v, Params: map[string]float64{"value": v}}
}

// stringList reads an array of strings.
func (p *parser) stringList(field string, v any) []string {
	arr, ok := v.([]any)
	if !ok {
		p.Errorf(field, "must be a list of strings, e.g. [\"district\", \"ni_district\"]")
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		if s, ok := p.String(fmt.Sprintf("%s[%d]", field, i), e); ok {
			out = append(out, s)
		}
	}
	return out
}
