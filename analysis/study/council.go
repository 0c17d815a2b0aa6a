package study

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/datasets/contract"
)

// ErrUnknownCouncil is returned by Result.Council when nothing, or more than one organisation,
// matches.
var ErrUnknownCouncil = errors.New("study: no such council")

// Council is one organisation's slice of a study: its row of the organisations table and its rows of
// every result table, each in the result's order.
type Council struct {
	Organisation contract.Organisation
	// KPIs by year; Positions by year and measure; Neighbours nearest first; FunnelPoints by year and KPI.
	KPIs         []benchmark.KPI
	Positions    []benchmark.Position
	Neighbours   []benchmark.Neighbour
	FunnelPoints []benchmark.FunnelPoint
}

// Council finds an organisation by its org_code or its name and returns its results. It matches, in
// this order: the code exactly; the code in any letter case; the name in any letter case; the one
// organisation whose name contains the text ("solihull"). Nothing found, or several names containing the
// text, gives ErrUnknownCouncil with the nearest codes or names ("did you mean ...").
func (r *Result) Council(codeOrName string) (*Council, error) {
	o, err := r.findOrganisation(strings.TrimSpace(codeOrName))
	if err != nil {
		return nil, err
	}
	c := &Council{Organisation: *o}
	for _, k := range r.KPIs {
		if k.OrgCode == o.Code {
			c.KPIs = append(c.KPIs, k)
		}
	}
	for _, p := range r.Positions {
		if p.OrgCode == o.Code {
			c.Positions = append(c.Positions, p)
		}
	}
	if r.Neighbours != nil {
		for _, n := range r.Neighbours.Rows {
			if n.OrgCode == o.Code {
				c.Neighbours = append(c.Neighbours, n)
			}
		}
	}
	for _, p := range r.FunnelPoints {
		if p.OrgCode == o.Code {
			c.FunnelPoints = append(c.FunnelPoints, p)
		}
	}
	return c, nil
}

// OrgName is the name of the organisation with the given code, or the code when there is none.
func (r *Result) OrgName(code string) string {
	for i := range r.Organisations {
		if r.Organisations[i].Code == code {
			return r.Organisations[i].Name
		}
	}
	return code
}

func (r *Result) findOrganisation(s string) (*contract.Organisation, error) {
	orgs := r.Organisations
	for _, match := range []func(o *contract.Organisation) bool{
		func(o *contract.Organisation) bool { return o.Code == s },
		func(o *contract.Organisation) bool { return strings.EqualFold(o.Code, s) },
		func(o *contract.Organisation) bool { return strings.EqualFold(o.Name, s) },
	} {
		for i := range orgs {
			if match(&orgs[i]) {
				return &orgs[i], nil
			}
		}
	}
	label := func(o *contract.Organisation) string { return fmt.Sprintf("%s (%s)", o.Code, o.Name) }
	var holding []*contract.Organisation
	if s != "" {
		for i := range orgs {
			if strings.Contains(strings.ToLower(orgs[i].Name), strings.ToLower(s)) {
				holding = append(holding, &orgs[i])
			}
		}
	}
	switch {
	case len(holding) == 1:
		return holding[0], nil
	case len(holding) > 1:
		var ls []string
		for _, o := range holding[:min(len(holding), 5)] {
			ls = append(ls, label(o))
		}
		more := ""
		if len(holding) > 5 {
			more = fmt.Sprintf(" and %d more", len(holding)-5)
		}
		return nil, fmt.Errorf("%w: %q is in the names of %d organisations: %s%s; give the code", ErrUnknownCouncil, s, len(holding), strings.Join(ls, ", "), more)
	}
	codes, names := make([]string, len(orgs)), make([]string, len(orgs))
	for i := range orgs {
		codes[i], names[i] = orgs[i].Code, strings.ToLower(orgs[i].Name)
	}
	msg := fmt.Sprintf("%q is neither an org_code nor a name of the %d organisations", s, len(orgs))
	if c := costmodel.Suggest(strings.ToUpper(s), codes); c != "" {
		return nil, fmt.Errorf("%w: %s (did you mean %s?)", ErrUnknownCouncil, msg, label(&orgs[slices.Index(codes, c)]))
	}
	if n := costmodel.Suggest(strings.ToLower(s), names); n != "" {
		return nil, fmt.Errorf("%w: %s (did you mean %s?)", ErrUnknownCouncil, msg, label(&orgs[slices.Index(names, n)]))
	}
	return nil, fmt.Errorf("%w: %s", ErrUnknownCouncil, msg)
}
