package chart

import (
	"strings"
	"testing"
)

// A box chart whose groups all left out draws (SVG, PNG, PDF) as a placeholder that keeps the title
// and says there is nothing to show and why, where it used to fail with "plotter: no data points".
func TestEmptyChartSaysWhy(t *testing.T) {
	s := Spec{Name: "box_satisfaction_mean", Kind: Box, Title: "Staff satisfaction by peer group, 2016",
		XLabel: "Peer group", YLabel: "Satisfaction", Caption: "Source: a test.",
		Series: []Series{{Name: "organisations", Role: "box"}},
		Notes:  []string{"300 org-years with fewer than 10 respondents left out of the distributions (suppressed)."}}
	if err := Check(&s); err != nil {
		t.Fatalf("an empty box chart: %v", err)
	}
	r, err := Render(s, 72, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.PNG) == 0 || len(r.PDF) == 0 {
		t.Fatal("no PNG or PDF drawn")
	}
	svg := string(r.SVG)
	for _, want := range []string{"No data to show:", "300 org-years with fewer than 10", "Staff satisfaction by peer"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the empty chart's SVG lacks %q", want)
		}
	}
	// Its axis labels are gone: an empty chart shows no scale.
	if strings.Contains(svg, ">Peer group<") {
		t.Error("the empty chart keeps its x label")
	}
	// Without notes, the message is the first line alone.
	s.Notes = nil
	b, err := SVG(&s)
	if err != nil || !strings.Contains(string(b), "No data to show.") {
		t.Fatalf("no notes: %v, %t", err, strings.Contains(string(b), "No data to show."))
	}
	// A tornado with no bars draws the same way.
	tn := Spec{Name: "tornado", Kind: Tornado, Title: "What moves the NPSV",
		Series: []Series{{Role: "low"}, {Role: "high"}}}
	if err := Check(&tn); err != nil {
		t.Fatalf("an empty tornado: %v", err)
	}
}
