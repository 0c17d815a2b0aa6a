package chart

// A chart's text alternative: what it shows and its key numbers, in a sentence or two written from
// the spec alone, for a reader who cannot see it (the alt text of the documents' charts, the <desc>
// of the SVG files).

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/psnbyod/psnbyod/reports/internal/numfmt"
)

// Description describes the chart for a reader who cannot see it: the kind of chart, what its axes
// hold, and its key numbers.
func (s *Spec) Description() string {
	if len(s.Points()) == 0 {
		return strings.TrimSpace(noData + ". " + strings.Join(s.Notes, " "))
	}
	x, y := func(v float64) string { return value(s.XTicks, v) }, func(v float64) string { return value(s.YTicks, v) }
	var parts []string
	var head string
	switch s.Kind {
	case Event:
		head = fmt.Sprintf("Event-study estimates of %s by %s, with 95%% intervals", lower(s.YLabel), lower(s.XLabel))
		if est := s.ByRole("estimate"); est != nil {
			for i := range est.X {
				parts = append(parts, fmt.Sprintf("%s: %s (%s to %s)", est.Labels[i], y(est.Y[i]), y(est.Low[i]), y(est.High[i])))
			}
		}
		if ref := s.ByRole("reference"); ref != nil && len(ref.X) > 0 {
			parts = append(parts, fmt.Sprintf("%s %s: %s", ref.Name, ref.Labels[0], y(ref.Y[0])))
		}
	case Trend, Cashflow:
		head = fmt.Sprintf("Lines of %s by %s", lower(s.YLabel), lower(s.XLabel))
		for _, ser := range s.Series {
			if n := len(ser.X); n > 0 {
				parts = append(parts, fmt.Sprintf("%s: %s in %s to %s in %s", ser.Name, y(ser.Y[0]), year(ser.X[0]), y(ser.Y[n-1]), year(ser.X[n-1])))
			}
		}
	case Box:
		head = fmt.Sprintf("Box plots of %s by %s", lower(s.YLabel), lower(s.XLabel))
		if b := s.ByRole("box"); b != nil {
			for i, g := range b.Groups {
				if len(g) > 0 {
					parts = append(parts, fmt.Sprintf("%s: median %s, %s to %s", b.Labels[i], y(median(g)), y(slices.Min(g)), y(slices.Max(g))))
				}
			}
		}
		if hl := s.ByRole("highlight"); hl != nil && len(hl.Y) > 0 {
			parts = append(parts, "marked: "+hl.Name)
		}
	case Funnel:
		head = fmt.Sprintf("Funnel plot of %s against %s, with control limits", lower(s.YLabel), lower(s.XLabel))
		for _, role := range []string{"points", "outliers"} {
			if ser := s.ByRole(role); ser != nil {
				parts = append(parts, fmt.Sprintf("%d %s", len(ser.X), ser.Name))
			}
		}
		if t := s.ByRole("target"); t != nil {
			parts = append(parts, t.Name)
		}
		if hl := s.ByRole("highlight"); hl != nil && len(hl.X) > 0 {
			parts = append(parts, fmt.Sprintf("marked: %s, %s at %s %s", hl.Name, y(hl.Y[0]), x(hl.X[0]), lower(firstWord(s.XLabel))))
		}
	case Neighbours:
		head = fmt.Sprintf("Dot plot of %s", lower(s.XLabel))
		self, nb := s.ByRole("organisation"), s.ByRole("neighbours")
		for i := range self.X {
			if self.Y[i] >= 0 {
				parts = append(parts, fmt.Sprintf("%s: %s", self.Labels[i], x(self.X[i])))
			}
		}
		var shown []float64 // a neighbour withheld for too few respondents has no row (Y < 0)
		for i, v := range nb.X {
			if nb.Y[i] >= 0 {
				shown = append(shown, v)
			}
		}
		if len(shown) > 0 {
			parts = append(parts, fmt.Sprintf("%d neighbours from %s to %s", len(shown), x(slices.Min(shown)), x(slices.Max(shown))))
		}
		if m := s.ByRole("mean"); m != nil && len(m.X) > 0 {
			parts = append(parts, m.Name)
		}
	case NPSV:
		head = fmt.Sprintf("Histograms of %s, one per option", lower(s.XLabel))
		for _, ser := range s.Series {
			lo, hi, peak := -1, -1, 0
			for i, v := range ser.Y {
				if v > 0 {
					if lo < 0 {
						lo = i
					}
					hi = i
				}
				if v > ser.Y[peak] {
					peak = i
				}
			}
			if lo >= 0 {
				parts = append(parts, fmt.Sprintf("%s: from %s to %s, most draws near %s", ser.Name, x(ser.X[lo]), x(ser.X[hi]), x(ser.X[peak])))
			}
		}
	case SCurve:
		head = fmt.Sprintf("Cumulative distributions (S-curves) of %s, one per option", lower(s.XLabel))
		for _, ser := range s.Series {
			parts = append(parts, fmt.Sprintf("%s: P10 %s, P50 %s, P80 %s, P90 %s", ser.Name,
				x(atLevel(ser, 10)), x(atLevel(ser, 50)), x(atLevel(ser, 80)), x(atLevel(ser, 90))))
		}
	case Convergence:
		head = fmt.Sprintf("%s against %s, with bands of ± 2 standard errors", s.YLabel, lower(s.XLabel))
		for _, ser := range s.Series {
			if n := len(ser.X); n > 0 {
				parts = append(parts, fmt.Sprintf("%s: %s ± %s after %s draws", ser.Name, y(ser.Y[n-1]), y((ser.High[n-1]-ser.Low[n-1])/2), numfmt.Number(ser.X[n-1], 0)))
			}
		}
	case Tornado:
		head = fmt.Sprintf("Tornado chart of the %s, the largest swing first", lower(s.XLabel))
		low, high := s.ByRole("low"), s.ByRole("high")
		for i := range min(len(low.X), 3) {
			parts = append(parts, fmt.Sprintf("%s: %s at P10, %s at P90", low.Labels[i], signed(x, low.X[i]), signed(x, high.X[i])))
		}
		if n := len(low.X); n > 3 {
			parts = append(parts, fmt.Sprintf("%d more inputs with smaller swings", n-3))
		}
	case ProbBest:
		head = fmt.Sprintf("Bar chart of the %s by option", lower(s.YLabel))
		if b := s.ByRole("bars"); b != nil {
			for i, v := range b.Y {
				parts = append(parts, fmt.Sprintf("%s: %s", b.Labels[i], y(v)))
			}
		}
	default:
		head = string(s.Kind) + " chart"
	}
	if s.Subtitle != "" {
		head += ". " + strings.TrimSuffix(s.Subtitle, ".")
	}
	if len(parts) == 0 {
		return head + "."
	}
	return head + ". " + strings.Join(parts, "; ") + "."
}

// value writes v in an axis's unit, to the precision a sentence needs.
func value(unit string, v float64) string {
	switch unit {
	case TickMoney:
		return compactMoney(v)
	case TickPercent:
		return numfmt.Number(v, 1) + "%"
	case TickYear:
		return year(v)
	case TickInteger:
		return numfmt.Number(v, 0)
	}
	a := math.Abs(v)
	switch {
	case a >= 100:
		return numfmt.Number(v, 0)
	case a >= 10:
		return numfmt.Number(v, 1)
	}
	return numfmt.Number(v, 2)
}

// compactMoney writes an amount of money to about three significant figures: £1.25m, £250.5k, £900.
func compactMoney(v float64) string {
	a := math.Abs(v)
	sign := ""
	if v < 0 {
		sign = numfmt.Minus
	}
	switch {
	case a >= 1e6:
		return sign + "£" + numfmt.TrimZeros(strconv.FormatFloat(a/1e6, 'f', 2, 64)) + "m"
	case a >= 1e3:
		return sign + "£" + numfmt.TrimZeros(strconv.FormatFloat(a/1e3, 'f', 1, 64)) + "k"
	case a == 0:
		return "£0"
	}
	return sign + "£" + strconv.FormatFloat(a, 'f', 0, 64)
}

// signed writes a change with its sign: +£0.6m, −£1.2m.
func signed(f func(float64) string, v float64) string {
	if v > 0 {
		return "+" + f(v)
	}
	return f(v)
}

func year(v float64) string { return strconv.FormatInt(int64(math.Round(v)), 10) }

// lower starts a label with a lower-case letter unless it starts with an acronym (NPSV, ICT) or a
// name of two capitalised words (Monte Carlo, Green Book).
func lower(s string) string {
	f, rest, _ := strings.Cut(s, " ")
	if s == "" || (len(f) > 1 && strings.ToUpper(f) == f) {
		return s
	}
	if r, _ := utf8.DecodeRuneInString(rest); unicode.IsUpper(r) {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// firstWord is a label's first word, without its brackets.
func firstWord(s string) string {
	f, _, _ := strings.Cut(s, " ")
	return strings.Trim(f, "()")
}

// median is the middle value (the mean of the two middle ones).
func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// atLevel is where an S-curve reaches the level (in %), by linear interpolation between its points.
func atLevel(ser Series, level float64) float64 {
	for i := 1; i < len(ser.Y); i++ {
		if ser.Y[i] >= level {
			if ser.Y[i] == ser.Y[i-1] {
				return ser.X[i]
			}
			f := (level - ser.Y[i-1]) / (ser.Y[i] - ser.Y[i-1])
			return ser.X[i-1] + f*(ser.X[i]-ser.X[i-1])
		}
	}
	return ser.X[len(ser.X)-1]
}

// withTitle puts the chart's title and Description in an SVG's <title> and <desc>, the first
// children of its root element, where a screen reader or a file browser looks for them.
func withTitle(svg []byte, s *Spec) []byte {
	start := bytes.Index(svg, []byte("<svg"))
	if start < 0 {
		return svg
	}
	end := bytes.IndexByte(svg[start:], '>')
	if end < 0 {
		return svg
	}
	end += start + 1
	head := "\n<title>" + html.EscapeString(s.Title) + "</title>\n<desc>" + html.EscapeString(s.Description()) + "</desc>"
	out := make([]byte, 0, len(svg)+len(head))
	out = append(append(append(out, svg[:end]...), head...), svg[end:]...)
	return out
}
