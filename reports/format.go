package reports

// Numbers formatted for readers. The HTML, Markdown and XLSX documents and the tests that compare
// them with the result types all go through these functions, so a figure reads the same everywhere.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/psnbyod/psnbyod/reports/internal/numfmt"
)

// suppressed is the mark of a figure withheld because it rests on too few respondents.
const suppressed = "[c]"

// formatNumber writes v with dp decimals and thousands separators, and a minus sign for negatives
// (never "−0").
func formatNumber(v float64, dp int) string { return numfmt.Number(v, dp) }

// FormatMoney writes pounds to the nearest pound: £1,234,567 or −£1,234.
func FormatMoney(v float64) string {
	s := formatNumber(v, 0)
	if after, ok := strings.CutPrefix(s, numfmt.Minus); ok {
		return numfmt.Minus + "£" + after
	}
	return "£" + s
}

// formatPercent writes a share (0.456) as a percentage with dp decimals (45.6%).
func formatPercent(share float64, dp int) string { return formatNumber(100*share, dp) + "%" }

// formatChance writes a probability for prose: whole percent from 1%, one decimal below it, so a
// small but real chance never reads as "0%" (0.0047 → "0.5%", 0.0004 → "under 0.1%").
func formatChance(p float64) string {
	switch {
	case p > 0 && p < 0.001:
		return "under 0.1%"
	case p > 0 && p < 0.01:
		return formatPercent(p, 1)
	}
	return formatPercent(p, 0)
}

// formatPoints writes a value on the 1–7 satisfaction scale, or a difference of one, to 2 decimals.
func formatPoints(v float64) string { return formatNumber(v, 2) }

// formatP writes a p-value the way journals do: "p < 0.001" below 0.001, else to 3 decimals.
func formatP(p float64) string {
	if p < 0.001 {
		return "p < 0.001"
	}
	return "p = " + strconv.FormatFloat(p, 'f', 3, 64)
}

// formatRatio writes a benefit–cost ratio to 2 decimals, or "–" when it is undefined.
func formatRatio(r *float64) string {
	if r == nil {
		return "–"
	}
	return formatNumber(*r, 2)
}

func trimZeros(s string) string { return numfmt.TrimZeros(s) }

// formatKPI writes a KPI value in its unit.
func formatKPI(kpi string, v float64) string {
	switch kpiUnit(kpi) {
	case unitShare:
		return formatPercent(v, 1)
	case unitMoney:
		return FormatMoney(v)
	case unitPoints:
		return formatPoints(v)
	}
	return formatNumber(v, 2)
}

// units of the KPIs.
const (
	unitPoints = "scale points"
	unitShare  = "%"
	unitMoney  = "£"
	unitRatio  = "ratio"
)

// kpiUnit is the unit a KPI is measured in.
func kpiUnit(kpi string) string {
	switch kpi {
	case "satisfaction_mean", "remote_access_mean", "device_satisfaction_mean", "satisfaction_median":
		return unitPoints
	case "satisfied_share", "byod_share", "byod_uptake":
		return unitShare
	case "network_spend_per_site", "network_spend_per_employee", "compliance_spend_per_employee":
		return unitMoney
	}
	return unitRatio
}

// kpiTitles name the KPIs for readers.
var kpiTitles = map[string]string{
	"satisfaction_mean":             "User satisfaction with ICT (mean, 1–7)",
	"satisfied_share":               "Staff satisfied (score 5–7)",
	"remote_access_mean":            "Satisfaction with remote access (mean, 1–7)",
	"device_satisfaction_mean":      "Satisfaction with devices (mean, 1–7)",
	"byod_share":                    "Respondents using their own devices",
	"byod_uptake":                   "BYOD take-up (enrolled / employees)",
	"devices_per_employee":          "Corporate devices per employee",
	"network_spend_per_site":        "Network spend per site",
	"network_spend_per_employee":    "Network spend per employee",
	"compliance_spend_per_employee": "PSN compliance spend per employee",
}

// kpiTitle names a KPI, or returns its code.
func kpiTitle(kpi string) string {
	if t, ok := kpiTitles[kpi]; ok {
		return t
	}
	return kpi
}

// plural writes "1 organisation" or "3 organisations".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", one)
	}
	return fmt.Sprintf("%s %s", formatNumber(float64(n), 0), many)
}
