package reports

import (
	"testing"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
)

// TestInputInProse checks how the switching-value sentences write an input, against sentences
// written by hand from the district scenario's business case.
func TestInputInProse(t *testing.T) {
	r := &costmodel.Result{Inputs: []costmodel.InputSummary{
		{Name: "remediation", Label: "One-off remediation to pass the Code of Connection (£)"},
		{Name: "recert", Label: "Annual re-certification (£ a year)"},
		{Name: "p_delay", Label: "Chance of disconnection in a year of delay without a plan"},
		{Name: "saved", Label: "Share of remediation saved by the advisory group's designs"},
		{Name: "uptake", Label: "BYOD take-up (share of staff)"},
		{Name: "refresh", Label: "Device refresh cycle (years)"},
		{Name: "staff_hours"},
	}}
	for _, c := range []struct {
		name string
		v    float64
		want string
	}{
		{"remediation", 51750, "one-off remediation to pass the Code of Connection at £51,750"},
		{"recert", 5000, "annual re-certification at £5,000 a year"},
		{"p_delay", 0.001435, "chance of disconnection in a year of delay without a plan at 0.1435%"},
		{"saved", 0.1035, "share of remediation saved by the advisory group's designs at 10.35%"},
		{"uptake", 0.15, "BYOD take-up (share of staff) at 15%"},
		{"refresh", 4.25, "device refresh cycle (years) at 4.25"},
		{"staff_hours", 1234.6, "staff hours at 1,235"},
	} {
		label, value := inputInProse(r, c.name)
		if got := lowerFirst(label) + " at " + value(c.v); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
