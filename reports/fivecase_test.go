package reports

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// The business case a board reads: the executive summary and the five cases, option identifiers
// only in the appendix, and every reference the scenario gives printed in full.
func TestBusinessCaseFiveCases(t *testing.T) {
	in := defaultInputs(t)
	for _, s := range in.Scenarios {
		page, err := BusinessCaseHTML(in, s.Name, Options{})
		if err != nil {
			t.Fatal(err)
		}
		text := string(page)
		last := -1
		for _, h := range []string{"Executive summary", "1. Strategic case", "2. Economic case", "Appraisal summary table",
			"3. Commercial case", "4. Financial case", "5. Management case", "References", "Appendix: assumptions, identifiers and conventions"} {
			i := strings.Index(text, ">"+h+"<")
			if i < 0 {
				t.Errorf("%s: no heading %q", s.Name, h)
				continue
			}
			if i < last {
				t.Errorf("%s: heading %q out of order", s.Name, h)
			}
			last = i
		}
		// Identifiers (option names with underscores) appear only in the appendix.
		body, appendix, ok := strings.Cut(text, ">Appendix: assumptions, identifiers and conventions<")
		if !ok {
			continue
		}
		for _, o := range s.Result.Options {
			if strings.Contains(o.Name, "_") && regexp.MustCompile(`\b`+regexp.QuoteMeta(o.Name)+`\b`).MatchString(stripAttributes(body)) {
				t.Errorf("%s: option id %q appears before the appendix", s.Name, o.Name)
			}
			if !strings.Contains(appendix, o.Name) {
				t.Errorf("%s: option id %q missing from the appendix", s.Name, o.Name)
			}
		}
		for _, ref := range s.Info.References {
			if !strings.Contains(html.UnescapeString(text), ref.Citation()) {
				t.Errorf("%s: reference %s not printed in full", s.Name, ref.ID)
			}
		}
	}
}

var attrRe = regexp.MustCompile(`<[^>]*>`)

// stripAttributes leaves the text a reader sees: tags (and the ids in their attributes) removed.
func stripAttributes(s string) string { return attrRe.ReplaceAllString(s, " ") }
