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
)

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
	bw := bufio.NewWriterSize(tmp, 1<<20)
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

// WriteJSON writes v as indented JSON, atomically.
func WriteJSON(path string, v any) error {
	return WriteFileAtomic(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	})
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
