package costmodel

import (
	"errors"
	"strings"
	"testing"
)

// A small file nested deep (20,000 inline tables in 88 KB took 16 GB to parse) is refused before
// parsing, naming the line; brackets inside strings and comments do not count.
func TestCheckSourceNesting(t *testing.T) {
	deep := "x = " + strings.Repeat("{a=", 20000) + "1" + strings.Repeat("}", 20000) + "\n"
	for _, src := range []string{deep, "name = \"a\"\ny = " + strings.Repeat("[", 100000) + "\n"} {
		_, err := Parse("deep.toml", []byte(src))
		var errs Errors
		if !errors.As(err, &errs) || !strings.Contains(err.Error(), "nested more than 16 deep") {
			t.Fatalf("want a nesting error, got %v", err)
		}
	}
	ok := "name = \"[[[[[[[[[[[[[[[[[[[{{{{{{\" # [[[[[[[[[[[[[[[[[[[[[[[[[[\n" +
		"text = '''\n[[[[[[[[[[[[[[[[[[[[[[[\n'''\nd = \"\"\"a\\\"\"\"[[[[[[[[[[[[[[[[[[[[\"\"\"\n"
	if err := checkSource("ok.toml", []byte(ok)); err != nil {
		t.Fatalf("brackets in strings and comments counted: %v", err)
	}
	if err := checkSource("big.toml", []byte(strings.Repeat("#\n", MaxFileBytes))); err == nil || !strings.Contains(err.Error(), "at most 1048576 bytes") {
		t.Fatalf("want a size error, got %v", err)
	}
}

// The work of a run is checked against the budget before it starts: 5,000 options × 100,000
// iterations (8.3 GB when it ran) and 2,000 correlated inputs (past 80 s) are refused.
func TestCheckWork(t *testing.T) {
	s := &Scenario{File: "w.toml", Iterations: 100_000, Options: make([]Option, 5000)}
	// 100,000 × (24 × 5,000 + 84) bytes ≈ 12 GB, over 1 GiB; 1 GiB / 120,084 bytes ≈ 8,941 fit.
	err := CheckWork(s, 1<<30)
	if err == nil || !strings.Contains(err.Error(), "at most about 8941 iterations fit") {
		t.Fatalf("got %v", err)
	}
	s = &Scenario{File: "c.toml", Iterations: 1000}
	for i := 0; i < 2000; i++ {
		s.Correlations = append(s.Correlations, Correlation{Inputs: [2]string{"a" + strings.Repeat("x", i), "b" + strings.Repeat("x", i)}})
	}
	if err := CheckWork(s, 1<<30); err == nil || !strings.Contains(err.Error(), "4000 correlated inputs: at most 500") {
		t.Fatalf("got %v", err)
	}
	s = &Scenario{File: "i.toml", Iterations: 1 << 31}
	if err := CheckWork(s, 1<<30); err == nil || !strings.Contains(err.Error(), "expected 1 to 10000000") {
		t.Fatalf("got %v", err)
	}
	if err := CheckWork(&Scenario{Iterations: 10000, Options: make([]Option, 3), Inputs: make([]Input, 20)}, 1<<30); err != nil {
		t.Fatalf("a ready-sized scenario refused: %v", err)
	}
}
