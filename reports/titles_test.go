package reports

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
)

// Titles shared by several scenarios are told apart by the run's changes, else by the folder; a
// unique title stays as written. Sheet-name prefixes are the titles' starts, at most 20 characters,
// numbered where two are equal, and never hold a character a sheet name may not.
func TestScenarioTitles(t *testing.T) {
	mk := func(name, title string, o ...costmodel.Override) ScenarioResult {
		return ScenarioResult{Name: name, Info: ScenarioInfo{Title: title}, Result: &costmodel.Result{Overrides: o}}
	}
	scens := []ScenarioResult{
		mk("metro", "Metro: keep BYOD?"),
		mk("metro_2", "Metro: keep BYOD?", costmodel.Override{Target: "uptake", Value: "0.3"}),
		mk("mine", "Metro: keep BYOD?"),
		mk("county", "Large county: re-procure?"),
		mk("a", "Same"), mk("a", "Same"),
	}
	want := []string{"Metro: keep BYOD? (metro)", "Metro: keep BYOD? (uptake = 0.3)", "Metro: keep BYOD? (mine)",
		"Large county: re-procure?", "Same (a)", "Same (a) (2)"}
	got := scenarioTitles(scens)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("title %d = %q, want %q", i, got[i], want[i])
		}
	}
	prefixes := sheetPrefixes([]string{"Metropolitan borough: keep BYOD?", "Metropolitan borough: keep BYOD? (2)",
		"A very long title without any colon at all", "Bad [chars] * / \\ ? here", "?"})
	wantP := []string{"Metropolitan borough", "Metropolitan 2", "A very long title", "Bad chars", "Scenario 5"}
	for i, p := range prefixes {
		if p != wantP[i] {
			t.Errorf("prefix %d = %q, want %q", i, p, wantP[i])
		}
		if n := utf8.RuneCountInString(scenarioSheet(p, "Cash flows")); n > 31 || strings.ContainsAny(p, `[]:*?/\`) {
			t.Errorf("sheet %q: %d characters", scenarioSheet(p, "Cash flows"), n)
		}
	}
}
