package sector

import (
	"fmt"
	"math"
	"slices"
)

// FundingModel is a crowd-funded advisory group: councils in each contribution class are asked
// for an amount, each contributes with the class's probability, and the money (with any other
// income) pays the group's other costs and then as many posts as it covers for the period.
type FundingModel struct {
	Months      float64 // length of the period funded; post costs are yearly × months/12
	PostsNeeded int     // posts the group needs (reported as prob_posts_needed)
	MaxPosts    int     // P(funds cover N posts) is reported for N = 1..MaxPosts
	Classes     []ContributorClass
	// ExcludeTypes are organisation types asked for nothing.
	ExcludeTypes []string
	// CostPerPost is one full-time post's yearly cost with on-costs, drawn per iteration.
	CostPerPost Input
	// OtherCosts are the group's other costs for the period; OtherIncome is money from elsewhere
	// (government, suppliers). Both are drawn per iteration.
	OtherCosts, OtherIncome Input
}

// ContributorClass is a band of councils asked for the same range of contributions.
type ContributorClass struct {
	Name  string
	Types []string // org_type values in the class
	// Contribution is drawn for each contributing council.
	Contribution Input
	// Probability that a council of the class contributes, drawn per iteration (the mood of the
	// sector); councils then contribute independently.
	Probability Input
}

func (p *parser) funding(raw, inputs map[string]any) *FundingModel {
	f := &FundingModel{Months: 12, PostsNeeded: 5, MaxPosts: 10}
	if v, ok := raw["months"]; ok {
		if x, ok := p.Number("months", v); ok {
			if x <= 0 || x > 120 {
				p.Errorf("months", "must be between 0 and 120, not %g", x)
			}
			f.Months = x
		}
	}
	for _, kd := range []struct {
		key string
		dst *int
	}{{"posts_needed", &f.PostsNeeded}, {"max_posts", &f.MaxPosts}} {
		key, dst := kd.key, kd.dst
		if v, ok := raw[key]; ok {
			if n, ok := p.Integer(key, v); ok {
				if n < 1 || n > 1000 {
					p.Errorf(key, "must be between 1 and 1000, not %d", n)
				}
				*dst = n
			}
		}
	}
	if f.PostsNeeded > f.MaxPosts {
		f.MaxPosts = f.PostsNeeded
	}
	if v, ok := raw["exclude_types"]; ok {
		f.ExcludeTypes = p.stringList("exclude_types", v)
	}
	p.Known("inputs", inputs, "cost_per_post", "other_costs", "other_income")
	inf := math.Inf(1)
	f.CostPerPost = p.input("inputs", inputs, "cost_per_post", nil, bounds{0, inf},
		"yearly cost of one full-time post, salary with on-costs")
	if lo, _ := f.CostPerPost.Dist.Range(); lo <= 0 && f.CostPerPost.Dist.Kind != "" {
		p.Errorf("inputs.cost_per_post", "must be positive")
	}
	f.OtherCosts = p.input("inputs", inputs, "other_costs", fixed(0), bounds{0, inf}, "the group's other costs for the period")
	f.OtherIncome = p.input("inputs", inputs, "other_income", fixed(0), bounds{0, inf}, "income other than council contributions")
	seen := map[string]string{}
	for _, t := range f.ExcludeTypes {
		seen[t] = "exclude_types"
	}
	if v, ok := raw["contributors"]; ok {
		for i, m := range p.Tables("contributors", v) {
			field := fmt.Sprintf("contributors[%d]", i)
			p.Known(field, m, "name", "types", "contribution", "probability", "source")
			c := ContributorClass{Name: fmt.Sprintf("class_%d", i+1)}
			if x, ok := m["name"]; ok {
				c.Name, _ = p.String(field+".name", x)
			}
			if x, ok := m["types"]; ok {
				c.Types = p.stringList(field+".types", x)
			} else {
				p.Errorf(field+".types", `missing: the org_type values of the class, e.g. ["district"]`)
			}
			for _, t := range c.Types {
				if where, dup := seen[t]; dup {
					p.Errorf(field+".types", "org_type %q is already in %s", t, where)
				}
				seen[t] = field
			}
			c.Contribution = p.input(field, m, "contribution", nil, bounds{0, inf}, "pounds asked of each council in the class")
			c.Contribution.Name = c.Name + "_contribution"
			c.Probability = p.input(field, m, "probability", nil, bounds{0, 1}, "probability that a council of the class contributes")
			c.Probability.Name = c.Name + "_probability"
			f.Classes = append(f.Classes, c)
		}
	} else {
		p.Errorf("contributors", "missing: at least one [[contributors]] class")
	}
	return f
}

// inputs lists the model's inputs: per class, then the costs.
func (f *FundingModel) inputs() []Input {
	var out []Input
	for _, c := range f.Classes {
		out = append(out, c.Contribution, c.Probability)
	}
	return append(out, f.CostPerPost, f.OtherCosts, f.OtherIncome)
}

// classCounts assigns the organisation counts to classes; a type in no class and not excluded is
// an error, so no council is silently left out.
func (f *FundingModel) classCounts(counts []TypeCount) (perClass []int, excluded []TypeCount, err error) {
	perClass = make([]int, len(f.Classes))
	var missing []string
	for _, tc := range counts {
		found := false
		for k, c := range f.Classes {
			if slices.Contains(c.Types, tc.Type) {
				perClass[k] += tc.Count
				found = true
			}
		}
		switch {
		case found:
		case slices.Contains(f.ExcludeTypes, tc.Type):
			excluded = append(excluded, tc)
		default:
			missing = append(missing, fmt.Sprintf("%s (%d)", tc.Type, tc.Count))
		}
	}
	if len(missing) > 0 {
		return nil, nil, fmt.Errorf("organisation types in no contributors class and not in exclude_types: %v", missing)
	}
	return perClass, excluded, nil
}
