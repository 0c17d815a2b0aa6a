package reports

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
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
		// No input identifier either, nor a reference id: the prose, tables and charts a board reads
		// name inputs by their labels and cite sources by number. An identifier with an underscore
		// cannot be an English word; one without must at least have a label of its own.
		prose := html.UnescapeString(stripAttributes(body))
		for _, in := range s.Result.Inputs {
			if strings.Contains(in.Name, "_") && regexp.MustCompile(`\b`+regexp.QuoteMeta(in.Name)+`\b`).MatchString(prose) {
				i := strings.Index(prose, in.Name)
				t.Errorf("%s: input id %q appears before the appendix: …%s…", s.Name, in.Name, prose[max(0, i-80):min(len(prose), i+40)])
			}
			if s.Name != "" && in.Label == "" && !strings.HasPrefix(in.Name, "u_") {
				t.Errorf("%s: input %q has no label", s.Name, in.Name)
			}
		}
		for _, o := range s.Result.Options {
			if o.Label == "" {
				t.Errorf("%s: option %q has no label", s.Name, o.Name)
			}
		}
		if refs, _, _ := strings.Cut(prose, "References"); regexp.MustCompile(`(?i)\bseeds? 0\d\d`).MatchString(refs) {
			i := regexp.MustCompile(`(?i)\bseeds? 0\d\d`).FindStringIndex(refs)[0]
			t.Errorf("%s: a reference id is cited by its id before the references: …%s…", s.Name, refs[max(0, i-80):min(len(refs), i+40)])
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

// A reference id cited in the words of the case becomes the reference's number in the list, which
// follows the two fixed references; an id in brackets loses its brackets; a longer id that holds
// a shorter one is replaced whole.
func TestCiteReferences(t *testing.T) {
	refs := []costmodel.Reference{{ID: "seed 00", Title: "A"}, {ID: "seed 003", Title: "B"}, {ID: "seeds 002, 004", Title: "C"}}
	for in, want := range map[string]string{
		"built in 2013 (seed 003).":       "built in 2013 [4].",
		"see seeds 002, 004 and seed 003": "see [5] and [4]",
		"nothing cited":                   "nothing cited",
		"(seed 00) and seed 00":           "[3] and [3]",
	} {
		if got := citeReferences(in, refs, 2); got != want {
			t.Errorf("citeReferences(%q) = %q, want %q", in, got, want)
		}
	}
}

// The executive summary's note on how sure the recommendation is, in plain words, for a hand-made
// result: a lead within twice its standard error is too close to call; an option best in under
// half the futures is said to be; when every option loses money that is said; and a most likely
// case that points elsewhere is named.
func TestBoardNote(t *testing.T) {
	r := &costmodel.Result{Iterations: 10000, Preferred: "a", RunnerUp: "b", PreferredMostLikely: "b",
		RunnerUpDifference: &costmodel.Estimate{Mean: 1500, SE: 1000}, TooCloseToCall: true,
		Options: []costmodel.OptionResult{
			{Name: "a", Label: "Option A", ProbBest: 0.45, NPSV: costmodel.Summary{Mean: -20000, P10: -90000}},
			{Name: "b", Label: "Option B", ProbBest: 0.55, NPSV: costmodel.Summary{Mean: -21500}},
		}}
	got := boardNote(r)
	for _, want := range []string{"only £1,500 ahead of option B", "margin of error (£2,000)", "best option in only 45%",
		"below −£90k", "No option's benefits cover its costs", "option B would come first"} {
		if !strings.Contains(got, want) {
			t.Errorf("note lacks %q:\n%s", want, got)
		}
	}
	r.TooCloseToCall, r.RunnerUpDifference.Mean, r.Options[0].ProbBest, r.Options[0].NPSV.Mean, r.PreferredMostLikely = false, 25000, 0.7, 5000, "a"
	got = boardNote(r)
	if want := "It is ahead of the next best option, option B, by £25k on average over 10,000 simulated futures. It is the best option in 70% of them."; got != want {
		t.Errorf("note = %q, want %q", got, want)
	}
}

// A risk event is named by its probability's label without "chance (that) (the)", and its draw as
// whether that happens.
func TestRiskName(t *testing.T) {
	r := &costmodel.Result{Inputs: []costmodel.InputSummary{
		{Name: "p_a", Label: "Chance CESG refuses the product"}, {Name: "p_b", Label: "Chance the PSN is wound down from year 5"},
		{Name: "p_c", Label: "Chance of disconnection"}, {Name: "p_d", Label: "Disconnection risk"}, {Name: "p_e"}},
		RiskRegister: []costmodel.RiskEvent{{Event: "p_a", Draw: "u_p_a"}}}
	for in, want := range map[string]string{"p_a": "CESG refuses the product", "p_b": "PSN is wound down from year 5",
		"p_c": "disconnection", "p_d": "Disconnection risk", "p_e": "p e"} {
		if got := riskName(r, &costmodel.RiskEvent{Event: in}); got != want {
			t.Errorf("riskName(%s) = %q, want %q", in, got, want)
		}
	}
	if got, want := inputLabel(r, "u_p_a"), "whether CESG refuses the product (a risk event)"; got != want {
		t.Errorf("draw label %q, want %q", got, want)
	}
}
