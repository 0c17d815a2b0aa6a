package effect

import (
	"math"
	"testing"
)

// Worked by hand: unrestricted 2014 means 4, 5, 6 have mean 5 and sample sd 1; t(0.975, 2) is
// 4.302653 (R: qt(0.975, 2)), so the half-width is 4.302653/√3 = 2.484138. Restricted 2014 has one
// org-year, so no interval; the row without respondents is dropped; 2013 sorts first.
func TestGroupYears(t *testing.T) {
	rows := []OrgYear{
		{Org: 1, Year: 2014, Mean: 4, Respondents: 10},
		{Org: 2, Year: 2014, Mean: 5, Respondents: 20},
		{Org: 3, Year: 2014, Mean: 6, Respondents: 30},
		{Org: 4, Year: 2014, Mean: 3.5, Respondents: 7, Restricted: true},
		{Org: 5, Year: 2014, Mean: 1, Respondents: 0, Restricted: true},
		{Org: 1, Year: 2013, Mean: 4.5, Respondents: 9},
	}
	got := GroupYears(rows)
	want := []GroupYear{
		{Year: 2013, OrgYears: 1, Respondents: 9, Mean: 4.5, Low: 4.5, High: 4.5},
		{Year: 2014, OrgYears: 3, Respondents: 60, Mean: 5, Low: 5 - 2.484138, High: 5 + 2.484138},
		{Year: 2014, Restricted: true, OrgYears: 1, Respondents: 7, Mean: 3.5, Low: 3.5, High: 3.5},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d groups, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Year != w.Year || g.Restricted != w.Restricted || g.OrgYears != w.OrgYears || g.Respondents != w.Respondents ||
			math.Abs(g.Mean-w.Mean) > 1e-12 || math.Abs(g.Low-w.Low) > 1e-6 || math.Abs(g.High-w.High) > 1e-6 {
			t.Errorf("group %d: got %+v, want %+v", i, g, w)
		}
	}
}
