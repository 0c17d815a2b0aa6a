package chart

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// Golden tick sets, worked by hand from the rule in ticks.go: take the 1-2-5 step whose count of
// multiples inside [min, max] is nearest 5 without passing 7 (the denser on a tie). For example
// [−0.55, 0.15]: step 0.1 gives −0.5…0.1, 7 ticks (|7−5| = 2); step 0.2 gives −0.4, −0.2, 0, 3 ticks
// (|3−5| = 2); the tie goes to 0.1. Each case says its working.
func TestTicksGolden(t *testing.T) {
	cases := []struct {
		name     string
		tk       Ticks
		min, max float64
		want     string // labels, " | " between
	}{
		// 0.1 → 11 (too many); 0.2 → 6; 0.5 → 3. Take 0.2.
		{"unit interval", Ticks{}, 0, 1, "0 | 0.2 | 0.4 | 0.6 | 0.8 | 1.0"},
		// The event study of the issue (0.1/−0.2/−0.5 and no zero before).
		{"event study effect", Ticks{}, -0.55, 0.15, "−0.5 | −0.4 | −0.3 | −0.2 | −0.1 | 0 | 0.1"},
		// The trend of the issue (4.1/4.4/4.7 before): 0.1 → 41..47 (7); 0.2 → 21..23 (3); tie to 0.1.
		{"trend on the 1–7 scale", Ticks{}, 4.05, 4.75, "4.1 | 4.2 | 4.3 | 4.4 | 4.5 | 4.6 | 4.7"},
		// The spend axis of the issue (£100/£400/£700 before): £100 → 1..7 (7); £200 → 1..3 (3).
		{"spend per employee", Ticks{Unit: TickMoney}, 80, 760, "£100 | £200 | £300 | £400 | £500 | £600 | £700"},
		// £500,000 → 0..4 (5 ticks, exactly the target); the axis passes a million, so in millions.
		{"npsv in millions", Ticks{Unit: TickMoney}, 0, 2.4e6, "£0 | £0.5m | £1.0m | £1.5m | £2.0m"},
		// £500,000 → −2..6 (9, too many); £1m → −1..3 (5).
		{"money either side of zero", Ticks{Unit: TickMoney}, -1.25e6, 3.1e6, "−£1m | £0 | £1m | £2m | £3m"},
		// £10,000 → −4..1 (6); £20,000 → −2..0 (3); £5,000 → −9..2 (12, too many).
		// A tornado's swings (the axis shares its width with the inputs' labels, so at most 6 labels).
		{"short money", Ticks{Unit: TickMoney, Max: 6, Short: true}, -450000, 650000, "−£400k | −£200k | £0 | £200k | £400k | £600k"},
		{"short money, small", Ticks{Unit: TickMoney, Max: 6, Short: true}, -1500, 9200, "£0 | £2k | £4k | £6k | £8k"},
		{"short money, millions", Ticks{Unit: TickMoney, Max: 6, Short: true}, -1.2e6, 0.6e6, "−£1.0m | −£0.5m | £0 | £0.5m"},
		{"cash flow in thousands", Ticks{Unit: TickMoney}, -45000, 12000, "−£40,000 | −£30,000 | −£20,000 | −£10,000 | £0 | £10,000"},
		// 10 → 11 (too many); 20 → 6; 50 → 3.
		{"whole percentage scale", Ticks{Unit: TickPercent}, 0, 100, "0% | 20% | 40% | 60% | 80% | 100%"},
		// 5 → 3..7 (5); 10 → 2..3 (2); 2 → 7..18 (12).
		{"percent band", Ticks{Unit: TickPercent}, 12.5, 37.5, "15% | 20% | 25% | 30% | 35%"},
		// 1 → 6; 2 → 3. Years keep no thousands separator.
		{"survey years", Ticks{Unit: TickYear}, 2019, 2024, "2019 | 2020 | 2021 | 2022 | 2023 | 2024"},
		// 1 → 10 (too many); 2 → 2026..2034 (5); 5 → 2025, 2030 (2).
		{"appraisal years", Ticks{Unit: TickYear}, 2025, 2034, "2026 | 2028 | 2030 | 2032 | 2034"},
		// 1 → 7; 2 → 1..3 (3); tie to 1.
		{"satisfaction scale", Ticks{}, 1, 7, "1 | 2 | 3 | 4 | 5 | 6 | 7"},
		// 1,000 → 13 (too many); 2,000 → 0..6 (7); 5,000 → 0..2 (3); tie to 2,000.
		{"thousands", Ticks{}, 0, 12345, "0 | 2,000 | 4,000 | 6,000 | 8,000 | 10,000 | 12,000"},
		// 0.0005 → 3..9 (7); 0.001 → 2..4 (3); tie to 0.0005, four decimals throughout.
		{"small values", Ticks{}, 0.0012, 0.0047, "0.0015 | 0.0020 | 0.0025 | 0.0030 | 0.0035 | 0.0040 | 0.0045"},
		// Whole steps only; 1 → −3..3 (7); the first label replaced.
		{"event time", Ticks{Labels: map[int]string{-3: "−3 or earlier"}, Max: 15}, -3.5, 3.5, "−3 or earlier | −2 | −1 | 0 | 1 | 2 | 3"},
		// 1 → −7..−3 (5).
		{"all negative", Ticks{}, -7.3, -2.1, "−7 | −6 | −5 | −4 | −3"},
		{"one value", Ticks{}, 5, 5, "5"},
		{"reversed bounds", Ticks{}, 1, 0, "0 | 0.2 | 0.4 | 0.6 | 0.8 | 1.0"},
	}
	for _, c := range cases {
		ts := c.tk.Ticks(c.min, c.max)
		var got []string
		for _, tk := range ts {
			got = append(got, tk.Label)
		}
		if g := strings.Join(got, " | "); g != c.want {
			t.Errorf("%s [%g, %g]:\n got %s\nwant %s", c.name, c.min, c.max, g, c.want)
		}
	}
	if ts := (Ticks{}).Ticks(math.NaN(), 1); ts != nil {
		t.Errorf("NaN bound gave %v", ts)
	}
}

// Over many random ranges: every tick lies in range, ticks are equally spaced by 1, 2 or 5 × 10^k,
// there are 2 to 7 of them for a non-degenerate range, and a range that holds zero labels zero.
func TestTicksProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 1))
	for i := range 20000 {
		scale := math.Pow10(r.IntN(14) - 6)
		a, b := (r.Float64()*2-1)*scale, (r.Float64()*2-1)*scale
		if i%3 == 0 {
			a = math.Abs(a)
		}
		lo, hi := min(a, b), max(a, b)
		if hi-lo < 1e-12*scale {
			continue
		}
		unit := []string{TickPlain, TickMoney, TickPercent}[i%3]
		ts := Ticks{Unit: unit}.Ticks(lo, hi)
		if len(ts) < 2 || len(ts) > 7 {
			t.Fatalf("[%g, %g]: %d ticks", lo, hi, len(ts))
		}
		step := ts[1].Value - ts[0].Value
		e := math.Floor(math.Log10(step) + 1e-9) // 0.0999… from a difference of decimals is 0.1
		m := step / math.Pow10(int(e))
		if !slices.ContainsFunc([]float64{1, 2, 5}, func(w float64) bool { return math.Abs(m-w) < 1e-6 }) {
			t.Fatalf("[%g, %g]: step %g is not 1, 2 or 5 × 10^k", lo, hi, step)
		}
		zero := false
		for j, tk := range ts {
			tol := 1e-9 * step
			if tk.Value < lo-tol || tk.Value > hi+tol {
				t.Fatalf("[%g, %g]: tick %g out of range", lo, hi, tk.Value)
			}
			if j > 0 && math.Abs(tk.Value-ts[j-1].Value-step) > 1e-6*step {
				t.Fatalf("[%g, %g]: uneven ticks %v", lo, hi, ts)
			}
			if tk.Label == "" {
				t.Fatalf("[%g, %g]: unlabelled tick %g", lo, hi, tk.Value)
			}
			if tk.Value == 0 {
				zero = true
				if tk.Label != "0" && tk.Label != "£0" && tk.Label != "0%" {
					t.Fatalf("[%g, %g]: zero labelled %q", lo, hi, tk.Label)
				}
			}
		}
		if lo <= 0 && hi >= 0 && !zero {
			t.Fatalf("[%g, %g]: zero in range but not labelled: %v", lo, hi, ts)
		}
	}
}
