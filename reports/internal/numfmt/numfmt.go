// Package numfmt writes numbers as psnbyod's documents and charts show them, so a figure reads the
// same in a table, a sentence and on a chart's axis.
package numfmt

import (
	"math"
	"strconv"
	"strings"
)

// Minus is the typographic minus sign: a hyphen is easily missed in a printed table.
const Minus = "−"

// groupThousands puts commas between groups of three digits of a non-negative integer string.
func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// Number writes v with dp decimals and thousands separators, and a minus sign for negatives
// (never "−0").
func Number(v float64, dp int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', dp, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	out := groupThousands(intPart)
	if frac != "" {
		out += "." + frac
	}
	if v < 0 && strings.Trim(s, "0.") != "" {
		out = Minus + out
	}
	return out
}

// TrimZeros drops the trailing zeros of a decimal fraction, and the point when nothing follows it.
func TrimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}
