package benchmark

import (
	"math"
	"strconv"
)

// Opt is a float that may be empty. Every ratio and survey figure in this package is an Opt so that a
// zero denominator or a missing input gives an empty cell instead of Inf or NaN reaching a table.
type Opt struct {
	Value float64
	Valid bool
}

// Some returns a valid Opt holding v, or an empty one when v is NaN or infinite, so that no caller can
// store a non-finite value by accident.
func Some(v float64) Opt {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Opt{}
	}
	return Opt{Value: v, Valid: true}
}

// ratio returns num/den, empty when den is 0 (the rule: a ratio whose denominator is 0 is empty).
func ratio(num, den float64) Opt {
	if den == 0 {
		return Opt{}
	}
	return Some(num / den)
}

// String formats the value in full precision (shortest representation that round-trips), or "" when
// empty: the form CSV writers need.
func (o Opt) String() string {
	if !o.Valid {
		return ""
	}
	return strconv.FormatFloat(o.Value, 'g', -1, 64)
}

// MarshalJSON writes the value in full precision, or null when empty.
func (o Opt) MarshalJSON() ([]byte, error) {
	if !o.Valid {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, o.Value, 'g', -1, 64), nil
}

// UnmarshalJSON reads a number or null, so results can be read back in tests and notebooks.
func (o *Opt) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*o = Opt{}
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return err
	}
	*o = Some(v)
	return nil
}
