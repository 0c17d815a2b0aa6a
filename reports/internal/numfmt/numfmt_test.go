package numfmt

import "testing"

func TestCompactMoney(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{-2.5e6, "−£2.5m"},
		{400000, "£400k"},
		{1234567, "£1.23m"},
		{900, "£900"},
		{0, "£0"},
	}
	for _, tt := range tests {
		if got := CompactMoney(tt.v); got != tt.want {
			t.Errorf("CompactMoney(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
