package reports

// The Markdown summary, out/summary.md: the headline figures in a form that pastes into other
// documents. Text from input files is escaped so that it cannot become markup (a table cell
// break, a link or raw HTML) in a Markdown renderer.

import (
	"fmt"
	"path/filepath"
	"strings"
)

// fileSummaryMD is the Markdown summary's name in the output folder.
const fileSummaryMD = "summary.md"

// mdEscaper escapes the characters that carry meaning in Markdown tables and inline text.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`, "#", `\#`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "\n", " ", "\r", " ",
)

// md escapes text from input files for Markdown.
func md(s string) string { return mdEscaper.Replace(s) }

// renderMarkdown builds summary.md; files are the paths written before it, listed relative to out.
func renderMarkdown(out string, in *Inputs, f *studyFacts, minGroup int, files []string) []byte {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# psnbyod results summary\n\n")
	if in.synthetic() {
		note := "The data are synthetic."
		if in.Study != nil && in.Study.SyntheticNote != "" {
			note = in.Study.SyntheticNote
		}
		p("> **Synthetic data: no figure here describes a real council.** %s\n\n", md(note))
	}
	if r := in.Study; r != nil {
		p("Dataset: %s. %s org-years with survey responses from %s.\n\n", md(r.Summary.Dataset),
			formatNumber(float64(r.Summary.SurveyOrgYears), 0), plural(r.Summary.Organisations, "organisation", "organisations"))
		p("## Restriction effect\n\n")
		if e := r.Effect; e != nil {
			p("%s\n\n", effectSentence(e))
			p("| Figure | Value |\n|---|---:|\n")
			p("| Estimate (scale points) | %s |\n", formatPoints(e.Estimate))
			p("| 95%% CI | %s to %s |\n", formatPoints(e.CILow), formatPoints(e.CIHigh))
			p("| Standard error | %s |\n", formatNumber(e.StdError, 3))
			p("| p-value | %s |\n", strings.TrimPrefix(formatP(e.PValue), "p "))
			if bs := e.Bootstrap; bs.CILow != nil && bs.CIHigh != nil {
				p("| Bootstrap 95%% CI (%s replications) | %s to %s |\n", formatNumber(float64(bs.Replications), 0), formatPoints(*bs.CILow), formatPoints(*bs.CIHigh))
			}
			p("| Organisations / org-years | %s / %s |\n\n", formatNumber(float64(e.Clusters), 0), formatNumber(float64(e.Observations), 0))
		} else {
			p("Not estimated: %s.\n\n", md(r.EffectUnavailable))
		}
		if f != nil && f.highlight != "" {
			writeMarkdownPosition(&b, in, f, minGroup)
		}
	}
	titles := scenarioTitles(in.Scenarios)
	for i, s := range in.Scenarios {
		r := s.Result
		title := titles[i]
		p("## %s\n\n", md(title))
		p("Preferred option: **%s**, the highest expected (Monte Carlo mean) NPSV. £ in %d prices; NPSV with optimism bias unless stated; %s Monte Carlo draws.\n\n",
			md(optionLabelOf(r, r.Preferred)), r.BaseYear, formatNumber(float64(r.Iterations), 0))
		if r.DecisionNote != "" {
			p("%s\n\n", md(labelIDs(r.DecisionNote, r)))
		}
		p("| Option | Expected NPSV | SE | P(best) | NPSV at input means | NPSV most likely | BCR | Expected NPSV without optimism bias |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
		for i := range r.Options {
			o := &r.Options[i]
			p("| %s | %s | %s | %s | %s | %s | %s | %s |\n", md(optionName(o)), FormatMoney(o.ExpectedNPSV.Mean), FormatMoney(o.ExpectedNPSV.SE),
				formatPercent(o.PBest.P, 1), FormatMoney(o.NPSVAtMeans), FormatMoney(o.NPSVMostLikely), formatRatio(o.Deterministic.BCR),
				FormatMoney(o.ExpectedNPSVWithoutOB.Mean))
		}
		p("\nThe decision rests on the expected NPSV; the NPSV at input means and at the most likely values are sensitivities (HM Treasury Green Book 2022, expected values).\n")
		p("\n")
	}
	p("## Files\n\n")
	for _, path := range files {
		rel, err := filepath.Rel(out, path)
		if err != nil {
			rel = path
		}
		p("- `%s`\n", filepath.ToSlash(rel))
	}
	p("- `%s`\n", fileSummaryMD)
	if in.Study != nil {
		p("\n[c]: suppressed, fewer than %d respondents.\n", minGroup)
	}
	return []byte(b.String())
}

// writeMarkdownPosition lists the highlighted organisation's positions in the latest year.
func writeMarkdownPosition(b *strings.Builder, in *Inputs, f *studyFacts, minGroup int) {
	bv := benchmarkPosition(in, f, f.highlight, nil, minGroup)
	if bv == nil || len(bv.Rows) == 0 {
		return
	}
	fmt.Fprintf(b, "## %s (%s), %d\n\n| Indicator | Value | Rank in peer group | Quartile |\n|---|---:|---:|---|\n", md(bv.Name), md(bv.Code), bv.Year)
	for _, r := range bv.Rows {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", md(r.KPI), md(r.Value), r.Rank, r.Quartile)
	}
	b.WriteString("\n")
}
