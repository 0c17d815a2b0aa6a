package chart

// The axis ticker of every chart: steps of 1, 2 or 5 times a power of ten, zero labelled whenever it
// is in range, thousands separators, and the axis's unit (£, %) on every label. gonum/plot's default
// ticker picks steps such as 0.3 or £300 and may skip zero; a reader reads 0.1/0.2/0.5 steps off an
// axis at a glance (Cleveland, The Elements of Graphing Data, 1994; the same 1-2-5 ladder as R's
// pretty() and d3's ticks()).
//
// The file stands alone (its own number formatting).

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// Units of a Ticks axis.
const (
	TickPlain   = ""        // numbers: 0.2, 1,500
	TickMoney   = "money"   // pounds: £200, £25,000, £1.5m from a million up (£25k when Short)
	TickPercent = "percent" // values already in percentage points: 20%
	TickYear    = "year"    // whole numbers without separators: 2019, 2020
	TickInteger = "integer" // whole numbers with separators: −3, 1,000
)

// Ticks is a plot.Ticker. Every labelled tick is a multiple of one step of 1, 2 or 5 × 10^k that lies
// in [min, max], so zero is labelled whenever the range holds it. Of the steps that give at most Max
// labels it takes the one whose count is nearest 5, the denser on a tie. There are no minor ticks.
type Ticks struct {
	Unit string
	// Max is the most labelled ticks (0 means 7).
	Max int
	// Labels replace the number at whole values (an event study's "−3 or earlier"); with Labels set the
	// steps are whole numbers, as with TickYear and TickInteger.
	Labels map[int]string
	// Short writes money in thousands (£400k) once the step is £1,000 or more: for an axis that shares
	// its width with long labels, such as a tornado's.
	Short bool
}

// Ticks returns the ticks for an axis from min to max.
func (t Ticks) Ticks(min, max float64) []plot.Tick {
	if math.IsNaN(min) || math.IsNaN(max) || math.IsInf(min, 0) || math.IsInf(max, 0) {
		return nil
	}
	if min > max {
		min, max = max, min
	}
	whole := t.Unit == TickYear || t.Unit == TickInteger || t.Labels != nil
	if min == max {
		if whole && min != math.Round(min) {
			return nil
		}
		return []plot.Tick{{Value: min, Label: t.label(min, tickStep{1, 0}, 0)}}
	}
	limit := t.Max
	if limit <= 0 {
		limit = 7
	}
	best, bestN := tickStep{}, 0
	for _, s := range tickSteps(max - min) {
		if whole && s.exp < 0 {
			continue
		}
		lo, hi := s.span(min, max)
		n := int(hi - lo + 1)
		if n > limit || n < 1 {
			continue
		}
		if bestN == 0 || absInt(n-5) < absInt(bestN-5) {
			best, bestN = s, n
		}
	}
	if bestN == 0 {
		return nil
	}
	lo, hi := best.span(min, max)
	// Money in millions (£1.5m) when the axis reaches a million and steps by £100,000 or more.
	reach := math.Max(math.Abs(min), math.Abs(max))
	scale := 0 // money labels in pounds
	switch {
	case t.Unit == TickMoney && best.size() >= 1e5 && reach >= 1e6:
		scale = 6 // £1.5m
	case t.Unit == TickMoney && t.Short && best.size() >= 1e3:
		scale = 3 // £400k
	}
	ticks := make([]plot.Tick, 0, bestN)
	for k := lo; k <= hi; k++ {
		v := best.at(k)
		ticks = append(ticks, plot.Tick{Value: v, Label: t.label(v, best, scale)})
	}
	return ticks
}

// tickStep is mant × 10^exp, mant one of 1, 2, 5.
type tickStep struct {
	mant int64
	exp  int
}

// tickSteps lists the 1-2-5 steps from about a thousandth of the range to the range, smallest first.
func tickSteps(span float64) []tickStep {
	top := int(math.Floor(math.Log10(span)))
	var out []tickStep
	for e := top - 3; e <= top+1; e++ {
		for _, m := range []int64{1, 2, 5} {
			out = append(out, tickStep{m, e})
		}
	}
	return out
}

// at is k steps from zero, computed as an integer over a power of ten so decimals come out exact
// (0.3, not 0.30000000000000004).
func (s tickStep) at(k int64) float64 {
	if s.exp >= 0 {
		return float64(k*s.mant) * math.Pow10(s.exp)
	}
	return float64(k*s.mant) / math.Pow10(-s.exp)
}

// size is the step as a number.
func (s tickStep) size() float64 { return s.at(1) }

// span is the first and last multiple of the step inside [min, max], allowing for rounding in the
// bounds of a billionth of a step.
func (s tickStep) span(min, max float64) (lo, hi int64) {
	st := s.size()
	return int64(math.Ceil(min/st - 1e-9)), int64(math.Floor(max/st + 1e-9))
}

// decimals is how many decimals a label of this step needs, with values scaled down by 10^shift.
func (s tickStep) decimals(shift int) int { return max(0, shift-s.exp) }

// label writes v in the axis's unit, with as many decimals as the step needs (so 0.5, 1.0, 1.5);
// scale 3 writes money in thousands (£400k), 6 in millions (£1.5m).
func (t Ticks) label(v float64, s tickStep, scale int) string {
	if t.Labels != nil {
		if l, ok := t.Labels[int(math.Round(v))]; ok {
			return l
		}
	}
	if v == 0 {
		switch t.Unit {
		case TickMoney:
			return "£0"
		case TickPercent:
			return "0%"
		}
		return "0"
	}
	switch t.Unit {
	case TickYear:
		return strconv.FormatInt(int64(math.Round(v)), 10)
	case TickMoney:
		switch scale {
		case 6:
			return tickSign(v) + "£" + tickDigits(math.Abs(v)/1e6, s.decimals(6)) + "m"
		case 3:
			return tickSign(v) + "£" + tickDigits(math.Abs(v)/1e3, s.decimals(3)) + "k"
		}
		return tickSign(v) + "£" + tickDigits(math.Abs(v), s.decimals(0))
	case TickPercent:
		return tickSign(v) + tickDigits(math.Abs(v), s.decimals(0)) + "%"
	}
	return tickSign(v) + tickDigits(math.Abs(v), s.decimals(0))
}

// tickSign is the typographic minus for a negative value.
func tickSign(v float64) string {
	if v < 0 {
		return "−"
	}
	return ""
}

// tickDigits writes a non-negative number with dp decimals and commas between thousands.
func tickDigits(a float64, dp int) string {
	s := strconv.FormatFloat(a, 'f', dp, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
