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

// parseFloat reads a decimal or scientific number (decimalText); it rejects NaN and infinities,
// which no contract column allows.
func parseFloat(b []byte) (float64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	if v, ok := parseSimpleDecimal(b); ok {
		return v, true
	}
	if !decimalText(b) {
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

// pow10 holds the powers of ten that a float64 represents exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseSimpleDecimal reads plain decimals such as 1.2345 or -17 (no exponent, at most 15 digits)
// by Clinger's fast path: the digits form an integer m < 2^53 and the scale 10^k is exact for
// k ≤ 22, so m / 10^k is one correctly rounded division, the same float strconv would return.
// Survey weights are written like this, millions of times, so it pays to skip the general parser.
func parseSimpleDecimal(b []byte) (float64, bool) {
	neg := false
	if b[0] == '-' || b[0] == '+' {
		neg = b[0] == '-'
		b = b[1:]
	}
	var m uint64
	digits, frac := 0, -1
	for i, c := range b {
		switch {
		case c >= '0' && c <= '9':
			m = m*10 + uint64(c-'0')
			digits++
		case c == '.' && frac < 0:
			frac = i
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	k := 0
	if frac >= 0 {
		k = len(b) - frac - 1
	}
	v := float64(m) / pow10[k]
	if neg {
		v = -v
	}
	return v, true
}

// decimalText reports whether b is a number as the data contract writes them, the one rule for every
// numeric column of every table: an optional sign, digits with an optional decimal point (at least
// one digit), and an optional exponent (e or E, an optional sign, digits). No spaces, no digit
// separators (1_000, 1,000), no hexadecimal (0x1p-2), no words (Inf, NaN). Integers are the same
// without point or exponent (parseInt).
func decimalText(b []byte) bool {
	i := 0
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		digits++
	}
	if i < len(b) && b[i] == '.' {
		for i++; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(b)
}
