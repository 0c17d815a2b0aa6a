package datasets

import (
	"math"
	"strconv"
	"unsafe"
)

// Parsing of single CSV values into the contract's types. These sit on the hot path of reading
// survey responses, so they take bytes and do not allocate.

// bytesString views b as a string without copying; the string must not outlive b.
func bytesString(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// parseInt reads a base-10 integer with an optional sign.
func parseInt(b []byte) (int64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	neg := false
	switch b[0] {
	case '-':
		neg = true
		b = b[1:]
	case '+':
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 19 {
		if len(b) > 19 {
			v, err := strconv.ParseInt(bytesString(b), 10, 64)
			return v, err == nil && !neg
		}
		return 0, false
	}
	var v uint64
	for _, c := range b {
		d := c - '0'
		if d > 9 {
			return 0, false
		}
		v = v*10 + uint64(d)
	}
	if neg {
		if v > 1<<63 {
			return 0, false
		}
		return -int64(v), true
	}
	if v > math.MaxInt64 {
		return 0, false
	}
	return int64(v), true
}

// parseFloat reads a decimal or scientific number; it rejects NaN and infinities, which no contract
// column allows.
func parseFloat(b []byte) (float64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(bytesString(b), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// parseBool accepts true/false (any letter case) and 1/0.
func parseBool(b []byte) (value, ok bool) {
	switch len(b) {
	case 1:
		switch b[0] {
		case '1':
			return true, true
		case '0':
			return false, true
		}
	case 4:
		if (b[0]|0x20) == 't' && (b[1]|0x20) == 'r' && (b[2]|0x20) == 'u' && (b[3]|0x20) == 'e' {
			return true, true
		}
	case 5:
		if (b[0]|0x20) == 'f' && (b[1]|0x20) == 'a' && (b[2]|0x20) == 'l' && (b[3]|0x20) == 's' && (b[4]|0x20) == 'e' {
			return false, true
		}
	}
	return false, false
}

// isNullText reports whether a CSV value stands for a missing value: empty, or NULL as many tools
// write it (the same defaults as arrow's CSV reader).
func isNullText(b []byte) bool {
	switch len(b) {
	case 0:
		return true
	case 4:
		s := bytesString(b)
		return s == "NULL" || s == "null"
	}
	return false
}
