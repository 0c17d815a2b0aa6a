package costmodel

// The words a business case needs that are not numbers: the decision asked, the procurement
// route, the VAT treatment, the budget line, milestones and who owns which risk ([business_case]),
// and full citations for the sources the file names ([[references]]). The cost model computes
// nothing from them; the business case prints them, and says "not given" where the file is silent.

import (
	"fmt"
	"strings"
)

// CaseText is the [business_case] table of a scenario file. Every field is optional.
type CaseText struct {
	Decision    string   `json:"decision,omitempty"`    // the decision asked of the board
	Strategic   string   `json:"strategic,omitempty"`   // the case for change, in the council's words
	Procurement string   `json:"procurement,omitempty"` // the commercial case: route to market
	VAT         string   `json:"vat,omitempty"`         // VAT treatment (e.g. recoverable under section 33)
	BudgetName  string   `json:"budget_name,omitempty"` // the budget line the costs fall on
	Budget      *float64 `json:"budget,omitempty"`      // £ a year available on that line, real terms
	Milestones  []string `json:"milestones,omitempty"`
	RiskOwners  []string `json:"risk_owners,omitempty"` // "risk: owner" lines
	Management  string   `json:"management,omitempty"`  // governance and who delivers
}

// Reference is one entry of [[references]]: a source that inputs, lines and the text cite by id.
type Reference struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher,omitempty"`
	Date      string `json:"date,omitempty"`
	URL       string `json:"url,omitempty"`
	Note      string `json:"note,omitempty"`
}

// Citation writes a reference as a reader looks it up: “Title”, Publisher, Date. URL.
func (r Reference) Citation() string {
	var b strings.Builder
	fmt.Fprintf(&b, "“%s”", r.Title)
	for _, s := range []string{r.Publisher, r.Date} {
		if s != "" {
			b.WriteString(", " + s)
		}
	}
	b.WriteString(".")
	if r.URL != "" {
		b.WriteString(" " + r.URL)
	}
	if r.Note != "" {
		b.WriteString(" " + r.Note)
	}
	return b.String()
}

func (p *parser) caseText(v any) CaseText {
	var c CaseText
	m, ok := p.table("business_case", v)
	if !ok {
		return c
	}
	p.known("business_case", m, "decision", "strategic", "procurement", "vat", "budget_name", "budget", "milestones", "risk_owners", "management")
	text := func(key string, dst *string) {
		if x, ok := m[key]; ok {
			*dst, _ = p.str("business_case."+key, x)
		}
	}
	list := func(key string) []string {
		x, ok := m[key]
		if !ok {
			return nil
		}
		arr, ok := x.([]any)
		if !ok {
			p.errf("business_case."+key, `must be a list of strings, such as ["April 2014: policy agreed"]`)
			return nil
		}
		var out []string
		for i, e := range arr {
			if s, ok := p.str(fmt.Sprintf("business_case.%s[%d]", key, i), e); ok {
				out = append(out, s)
			}
		}
		return out
	}
	text("decision", &c.Decision)
	text("strategic", &c.Strategic)
	text("procurement", &c.Procurement)
	text("vat", &c.VAT)
	text("budget_name", &c.BudgetName)
	text("management", &c.Management)
	if x, ok := m["budget"]; ok {
		if f, ok := p.number("business_case.budget", x); ok {
			if f < 0 {
				p.errf("business_case.budget", "a budget of %s: expected £ a year, 0 or more", formatFloat(f))
			}
			c.Budget = &f
		}
	}
	c.Milestones = list("milestones")
	c.RiskOwners = list("risk_owners")
	return c
}

func (p *parser) references(v any) []Reference {
	var out []Reference
	seen := map[string]bool{}
	for i, m := range p.tables("references", v) {
		field := fmt.Sprintf("references[%d]", i)
		p.known(field, m, "id", "title", "publisher", "date", "url", "note")
		var r Reference
		for key, dst := range map[string]*string{"id": &r.ID, "title": &r.Title, "publisher": &r.Publisher, "date": &r.Date, "url": &r.URL, "note": &r.Note} {
			if x, ok := m[key]; ok {
				*dst, _ = p.str(field+"."+key, x)
			}
		}
		if r.ID == "" {
			p.errk(ErrMissing, field+".id", "missing: the short name sources cite the reference by, such as \"seed003\"")
		} else if seen[r.ID] {
			p.errk(ErrDuplicate, field+".id", "reference %q is defined twice", r.ID)
		}
		seen[r.ID] = true
		if r.Title == "" {
			p.errk(ErrMissing, field+".title", "missing: the title a reader looks the source up by")
		}
		out = append(out, r)
	}
	return out
}
