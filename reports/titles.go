package reports

// Several scenarios in one output: the same scenario run twice (once as written, once with a
// --set), or two files that give the same name. Every document and sheet must still tell them
// apart, in words a reader recognises: the scenario's name first, then what differs.

import (
	"cmp"
	"fmt"
	"strings"
	"unicode/utf8"
)

// baseTitle is a scenario's own name: its title, else the result's, else its folder.
func baseTitle(s *ScenarioResult) string {
	return cmp.Or(s.Info.Title, s.Result.Scenario, s.Name)
}

// scenarioTitles are the scenarios' titles as the documents print them, unique: a title that
// more than one scenario shares is followed, in brackets, by what tells each apart: the changes
// made for the run (--set), else the results folder's name; numbers are added if that still does
// not. A unique title is left as it is.
func scenarioTitles(scens []ScenarioResult) []string {
	out := make([]string, len(scens))
	count := map[string]int{}
	for i := range scens {
		out[i] = baseTitle(&scens[i])
		count[out[i]]++
	}
	for i := range scens {
		if count[out[i]] < 2 {
			continue
		}
		s := &scens[i]
		var changes []string
		for _, o := range s.Result.Overrides {
			changes = append(changes, o.Target+" = "+o.Value)
		}
		suffix := cmp.Or(strings.Join(changes, ", "), s.Name)
		out[i] += " (" + suffix + ")"
	}
	return numberDuplicates(out, func(s string, n int) string { return fmt.Sprintf("%s (%d)", s, n) })
}

// numberDuplicates leaves the first of equal strings as it is and passes the second, third, … to
// mark with its number (2, 3, …), until none is left equal to another.
func numberDuplicates(names []string, mark func(string, int) string) []string {
	out := append([]string(nil), names...)
	seen := map[string]bool{}
	for i, n := range out {
		if !seen[n] {
			seen[n] = true
			continue
		}
		for k := 2; ; k++ {
			if m := mark(n, k); !seen[m] {
				out[i] = m
				seen[m] = true
				break
			}
		}
	}
	return out
}

// titleOf is the printed title of one of in's scenarios (found by folder name), or its own name
// when in does not hold it.
func titleOf(in *Inputs, s *ScenarioResult) string {
	titles := scenarioTitles(in.Scenarios)
	for i := range in.Scenarios {
		if &in.Scenarios[i] == s {
			return titles[i]
		}
	}
	return baseTitle(s)
}

// sheetPrefixLen is the most characters a scenario's sheet-name prefix takes: a sheet name has at
// most 31, and the longest part after it is " Cash flows".
const sheetPrefixLen = 31 - len(" Cash flows")

// sheetPrefixes are the scenarios' sheet-name prefixes: the start of each title (before its first
// colon or question mark, cut at a word to fit), without the characters a sheet name may not hold,
// and numbered where two would be equal ("Metropolitan borough 2").
func sheetPrefixes(titles []string) []string {
	out := make([]string, len(titles))
	for i, t := range titles {
		if j := strings.IndexAny(t, ":?"); j > 0 {
			t = t[:j]
		}
		t = strings.Map(func(r rune) rune {
			if strings.ContainsRune(`[]:*?/\'`, r) {
				return ' '
			}
			return r
		}, t)
		out[i] = fitWords(strings.Join(strings.Fields(t), " "), sheetPrefixLen)
		if out[i] == "" {
			out[i] = fmt.Sprintf("Scenario %d", i+1)
		}
	}
	return numberDuplicates(out, func(s string, n int) string {
		k := fmt.Sprintf(" %d", n)
		return fitWords(s, sheetPrefixLen-len(k)) + k
	})
}

// fitWords cuts s after the last whole word that fits in n characters (runes); a first word longer
// than n is cut at n.
func fitWords(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n+1]
	cut := strings.LastIndex(string(r), " ")
	if cut <= 0 {
		return string(r[:n])
	}
	return strings.TrimSpace(string(r)[:cut])
}
