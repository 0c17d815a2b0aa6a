package reports

import (
	"testing"

	"github.com/psnbyod/psnbyod/analysis/effect"
)

func TestFormats(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"money", FormatMoney(1234567.49), "£1,234,567"},
		{"money negative", FormatMoney(-1397434.2), "−£1,397,434"},
		{"money rounds to zero", FormatMoney(-0.4), "£0"},
		{"money small", FormatMoney(999.5), "£1,000"},
		{"number", formatNumber(-0.484503, 2), "−0.48"},
		{"number no minus zero", formatNumber(-0.001, 2), "0.00"},
		{"percent", formatPercent(0.4567, 1), "45.7%"},
		{"chance whole", formatChance(0.16666666666666666), "17%"},
		{"chance small", formatChance(0.004666666666666667), "0.5%"},
		{"chance tiny", formatChance(0.0004), "under 0.1%"},
		{"chance none", formatChance(0), "0%"},
		{"points", formatPoints(4.355933951757991), "4.36"},
		{"p tiny", formatP(8e-152), "p < 0.001"},
		{"p", formatP(0.0123), "p = 0.012"},
		{"ratio nil", formatRatio(nil), "–"},
		{"number input", number(0.12295415405147189), "0.123"},
		{"number large", number(52600.4), "52,600"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

// The words follow the interval, as benchstat's "~" does: no direction unless the interval excludes 0.
func TestEffectSentence(t *testing.T) {
	tests := []struct {
		name string
		e    effect.Result
		want string
	}{
		{"drop", effect.Result{Estimate: -0.47, CILow: -0.56, CIHigh: -0.38, PValue: 1e-9},
			"Restricting BYOD lowered staff satisfaction with ICT by 0.47 points on the 1–7 scale (95% CI 0.38 to 0.56; p < 0.001)."},
		{"rise", effect.Result{Estimate: 0.2, CILow: 0.05, CIHigh: 0.35, PValue: 0.0123},
			"Restricting BYOD raised staff satisfaction with ICT by 0.20 points on the 1–7 scale (95% CI 0.05 to 0.35; p = 0.012)."},
		{"none", effect.Result{Estimate: -0.03, CILow: -0.1, CIHigh: 0.04, PValue: 0.41},
			"There is no evidence of a difference in staff satisfaction with ICT between restricted and unrestricted BYOD: the estimate is −0.03 points on the 1–7 scale (95% CI −0.10 to 0.04; p = 0.410)."},
	}
	for _, tt := range tests {
		if got := effectSentence(&tt.e); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestTOMLComment(t *testing.T) {
	tests := []struct{ line, want string }{
		{`uptake = { dist = "pert", min = 0.1 }      # seed 003: "over 15%"`, `seed 003: "over 15%"`},
		{`name = "a # not a comment"`, ``},
		{`x = 'it''s # inside' # outside`, `outside`},
		{`s = "esc \" # still inside" # note`, `note`},
	}
	for _, tt := range tests {
		if got := tomlComment(tt.line); got != tt.want {
			t.Errorf("tomlComment(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestMoneyWords(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{
		{950, "£950"},
		{9999.4, "£9,999"},
		{12600, "£12.6k"},
		{12649, "£12.6k"},
		{146001, "£146k"},
		{-146001, "−£146k"},
		{1234567, "£1.23m"},
		{1200000, "£1.2m"},
	} {
		if got := moneyWords(tt.v); got != tt.want {
			t.Errorf("moneyWords(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
	if got := financialYear(2014); got != "2014/15" {
		t.Errorf("financialYear(2014) = %q", got)
	}
	if got := financialYear(2099); got != "2099/00" {
		t.Errorf("financialYear(2099) = %q", got)
	}
}
