package reports

import (
	"html"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/reports/chart"
)

// Every chart a document inlines carries a text alternative: role="img", the title as its name
// (aria-label and <title>), and its description (chart.Spec.Description, what it shows and its key
// numbers) in a <desc> that aria-describedby names, all escaped.
func TestInlineChartsHaveAltText(t *testing.T) {
	in := defaultInputs(t)
	s := &in.Scenarios[0]
	spec := probBestSpec(s, scenarioCaption(s))
	spec.Title = `Options <"best">`
	svg, err := chart.InlineSVG(&spec)
	if err != nil {
		t.Fatal(err)
	}
	got := inlineSVG(svg, &spec, "fig-x")
	desc := spec.Description()
	for _, o := range s.Result.Options {
		if !strings.Contains(desc, optionName(&o)+": ") {
			t.Errorf("the description %q does not name option %q", desc, optionName(&o))
		}
	}
	for _, want := range []string{
		`<svg class="chart" role="img" aria-label="Options &lt;&#34;best&#34;&gt;" aria-describedby="fig-x-desc" `,
		"<title>Options &lt;&#34;best&#34;&gt;</title>",
		`<desc id="fig-x-desc">` + html.EscapeString(desc) + `</desc>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the inline chart lacks %s", want)
		}
	}
	if strings.Count(got, "<svg") != 1 || !strings.HasPrefix(got, "<svg") {
		t.Errorf("not one svg element: %.200s", got)
	}
}
