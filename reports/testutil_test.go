package reports

import "strconv"

func itoa(i int) string { return strconv.Itoa(i) }

// formatExact is how a float is stored in an XLSX cell: the shortest round-trip decimal.
func formatExact(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
