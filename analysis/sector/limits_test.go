package sector

import (
	"strings"
	"testing"
)

// A sector run asking for more iterations than the budget holds is refused before it starts, with
// how many would fit: 1 GiB / 384 bytes = 2,796,202.
func TestCheckWork(t *testing.T) {
	err := CheckWork(&Model{File: "m.toml", Iterations: 5_000_000}, 1<<30)
	if err == nil || !strings.Contains(err.Error(), "at most about 2796202 iterations fit") {
		t.Fatalf("got %v", err)
	}
	if err := CheckWork(&Model{File: "m.toml", Iterations: 1_000_000_000_000 % (1 << 40)}, 1<<30); err == nil {
		t.Fatal("10^12 iterations accepted")
	}
	if err := CheckWork(&Model{Iterations: 10000}, 1<<30); err != nil {
		t.Fatal(err)
	}
}

// A deeply nested model file is refused before parsing.
func TestParseNestingLimit(t *testing.T) {
	src := "model = \"deadline_queue\"\nx = " + strings.Repeat("{a=", 20000) + "1" + strings.Repeat("}", 20000) + "\n"
	if _, err := Parse("deep.toml", []byte(src)); err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Fatalf("got %v", err)
	}
}
