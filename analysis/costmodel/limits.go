package costmodel

import (
	"bytes"
	"fmt"
)

// Limits checked before a scenario or sector TOML file is parsed, so that a small hostile file
// cannot make the parser use gigabytes (20,000 nested inline tables in 88 KB took 16 GB), and before
// a model runs, so that its work fits the memory budget.

// MaxFileBytes is the largest scenario or sector model file: the ready ones are a few kilobytes.
const MaxFileBytes = 1 << 20

// maxNesting is the deepest nesting of arrays, inline tables and table headers: the ready files
// need three levels.
const maxNesting = 16

// checkSource refuses a TOML file that is too large or nested too deep, before any parsing. It
// reads the file once, skipping strings and comments.
func checkSource(filename string, data []byte) error {
	if len(data) > MaxFileBytes {
		return Errors{{File: filename, Msg: fmt.Sprintf("the file is %d bytes; a scenario or model file may be at most %d bytes (1 MiB)", len(data), MaxFileBytes), Kind: ErrTooLarge}}
	}
	depth, line := 0, 1
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '\n':
			line++
		case c == '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
			i-- // let the newline be counted
		case c == '"' || c == '\'':
			end, lines := stringEnd(data, i)
			line += lines
			i = end
		case c == '[' || c == '{':
			depth++
			if depth > maxNesting {
				return Errors{{File: filename, Line: line, Msg: fmt.Sprintf("arrays and tables nested more than %d deep", maxNesting), Kind: ErrTooLarge}}
			}
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}

// stringEnd returns the index of the last byte of the TOML string starting at data[i] (basic or
// literal, single- or multi-line), and the newlines inside it. An unclosed string runs to the end
// of its line (single-line) or of the file; the parser reports it.
func stringEnd(data []byte, i int) (int, int) {
	q := data[i]
	multi := bytes.HasPrefix(data[i:], []byte{q, q, q})
	j, lines := i+1, 0
	if multi {
		j = i + 3
	}
	for ; j < len(data); j++ {
		c := data[j]
		switch {
		case c == '\\' && q == '"':
			if j+1 < len(data) && data[j+1] == '\n' {
				lines++
			}
			j++
		case c == '\n':
			if !multi {
				return j - 1, lines
			}
			lines++
		case c == q && !multi:
			return j, lines
		case c == q && bytes.HasPrefix(data[j:], []byte{q, q, q}):
			// Up to two more quotes may close a multi-line string ("""a"""").
			k := j + 3
			for k < len(data) && k < j+5 && data[k] == q {
				k++
			}
			return k - 1, lines
		}
	}
	return len(data) - 1, lines
}

// Work limits of a Monte Carlo run.
const (
	// maxCorrelated bounds the inputs in a correlation matrix: its Cholesky factor costs n³/3
	// operations (2,000 inputs ran past 80 s), and no appraisal needs more than a few dozen.
	maxCorrelated = 500
	// MaxIterations is the most Monte Carlo iterations a file or flag may ask for.
	MaxIterations = 10_000_000
)

// workBytes estimates the memory a Monte Carlo run of s keeps: every draw of every input and every
// option's net present social value (and a sorted copy for percentiles), per iteration, with the
// correlation scores and matrix.
func workBytes(s *Scenario) int64 {
	n := int64(s.Iterations)
	m, k := int64(len(s.Inputs)), int64(len(s.Options))
	corr := int64(correlatedInputs(s))
	perIter := 8*m + 24*k + 20 + 8*corr + 64
	if n > 0 && perIter > (1<<62)/n {
		return 1 << 62
	}
	return n*perIter + 16*corr*corr
}

// correlatedInputs counts the inputs that take part in a correlation.
func correlatedInputs(s *Scenario) int {
	seen := map[string]bool{}
	for _, c := range s.Correlations {
		for _, name := range c.Inputs {
			seen[name] = true
		}
	}
	return len(seen)
}

// CheckWork refuses a scenario whose run would not fit budget bytes of memory, or whose
// correlation matrix is too large, before it starts, saying what it would need.
func CheckWork(s *Scenario, budget int64) error {
	if s.Iterations < 1 || s.Iterations > MaxIterations {
		return Errors{{File: s.File, Field: "iterations", Msg: fmt.Sprintf("%d iterations: expected 1 to %d", s.Iterations, MaxIterations), Kind: ErrTooLarge}}
	}
	if c := correlatedInputs(s); c > maxCorrelated {
		return Errors{{File: s.File, Field: "correlations", Msg: fmt.Sprintf("%d correlated inputs: at most %d (the matrix's factorisation grows with the cube)", c, maxCorrelated), Kind: ErrTooLarge}}
	}
	if need := workBytes(s); need > budget {
		per := workBytes(&Scenario{Iterations: 1, Inputs: s.Inputs, Options: s.Options, Correlations: s.Correlations})
		most := budget / max(per, 1)
		return Errors{{File: s.File, Field: "iterations", Msg: fmt.Sprintf(
			"%d iterations of %d options and %d inputs need about %d MiB, over the memory budget of %d MiB (--max-memory); at most about %d iterations fit",
			s.Iterations, len(s.Options), len(s.Inputs), need>>20, budget>>20, most), Kind: ErrTooLarge}}
	}
	return nil
}
