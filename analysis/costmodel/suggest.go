package costmodel

import "fmt"

// Suggest returns the candidate closest to name when name looks like a typing slip of it, or ""
// when none does. A slip is one edit (a letter added, dropped, changed, or two neighbours swapped)
// in a name of 3 to 4 letters, two in a longer one; shorter names are never slips. Ties go to the
// candidate first in sort order, so the suggestion does not depend on map order.
func Suggest(name string, candidates []string) string {
	limit := 0
	switch {
	case len(name) >= 5:
		limit = 2
	case len(name) >= 3:
		limit = 1
	}
	best, bestD := "", limit+1
	for _, k := range candidates {
		if k == name {
			continue
		}
		if d := editDistance(name, k); d < bestD || (d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	return best
}

// didYouMean is Suggest written as the end of a message: ` (did you mean "dist"?)`, or "".
func didYouMean(name string, candidates []string) string {
	if s := Suggest(name, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// editDistance is the optimal-string-alignment distance between a and b, in bytes: Levenshtein's
// insertions, deletions and substitutions, plus the swap of two neighbouring letters as one edit
// ("dsit" is one slip from "dist").
func editDistance(a, b string) int {
	pprev := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], pprev[j-2]+1)
			}
		}
		pprev, prev, cur = prev, cur, pprev
	}
	return prev[len(b)]
}
