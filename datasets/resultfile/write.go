package resultfile

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// writeBuffers holds the 1 MiB buffers WriteFileAtomic writes through, so that a run writing a
// hundred files does not allocate and clear a hundred of them.
var writeBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 1<<20) }}

// WriteFileAtomic writes a file through write and renames it into place only when write succeeds,
// so a failed or interrupted run never leaves a half-written result behind.
func WriteFileAtomic(path string, write func(w io.Writer) error) (err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := writeBuffers.Get().(*bufio.Writer)
	bw.Reset(tmp)
	defer func() {
		bw.Reset(nil)
		writeBuffers.Put(bw)
	}()
	if err := write(bw); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// WriteJSON writes v as indented JSON, atomically: the bytes of a json.Encoder with
// SetIndent("", "  "), which it once used, made faster for large results (research.json runs to
// tens of megabytes) by indenting the compact encoding with indentJSON.
func WriteJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	out := indentJSON(make([]byte, 0, len(b)+len(b)/2), b)
	return WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(append(out, '\n'))
		return err
	})
}

// indentJSON appends to dst the compact JSON src (as json.Marshal writes it: no space outside
// strings) indented as json.Indent(dst, src, "", "  ") does: a newline and two spaces per level
// after an opening bracket, after each comma and before a closing bracket, a space after each
// colon, and empty objects and arrays kept as {} and []. json.Indent runs its validating scanner
// on every byte; the input here is valid by construction, so strings are only copied.
// TestIndentJSONMatchesIndent and FuzzIndentJSON check it against json.Indent.
func indentJSON(dst, src []byte) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, ' ', ' ')
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			// Copy the string, escapes and all, up to its closing quote.
			j := i + 1
			for j < len(src) {
				if src[j] == '\\' {
					j += 2
					continue
				}
				if src[j] == '"' {
					break
				}
				j++
			}
			end := min(j+1, len(src))
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1])
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// WriteCSV writes a header and rows, atomically. Text that a spreadsheet would run as a formula is
// written as plain text (see SafeCell).
func WriteCSV(path string, header []string, rows func(emit func(record []string) error) error) error {
	return WriteFileAtomic(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		safe := make([]string, len(header))
		err := rows(func(rec []string) error {
			for i, v := range rec {
				safe[i] = SafeCell(v)
			}
			return cw.Write(safe[:len(rec)])
		})
		if err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	})
}

// SafeCell defuses text that spreadsheet programs would evaluate as a formula (it starts with =, +,
// -, @, a tab or a carriage return) by putting a single quote in front, as OWASP advises for CSV
// exports. Numbers such as -1.5 are left alone: they are data, not formulas.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if isNumber(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// isNumber reports whether s is a finite decimal or scientific number, as the dataset readers
// accept one: NaN and infinities are text.
func isNumber(s string) bool {
	v, err := strconv.ParseFloat(s, 64)
	return err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
}
