package reports

import (
	"fmt"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
)

// neighbourGrouping says where neighbours come from and which indicators were left out and why,
// for the report's sentence on nearest neighbours (it follows the indicator list).
func neighbourGrouping(s *benchmark.NeighbourSet) string {
	var b strings.Builder
	switch {
	case !s.AcrossClasses && !s.AcrossNations:
		b.WriteString("; neighbours come from the same class of authority (single-tier, county, district, NI district) and the same nation")
	case !s.AcrossClasses:
		b.WriteString("; neighbours come from the same class of authority (single-tier, county, district, NI district), in any nation")
	case !s.AcrossNations:
		b.WriteString("; neighbours come from the same nation, of any class of authority")
	}
	if len(s.Alone) > 0 {
		fmt.Fprintf(&b, "; %d alone in their group have none (%s)", len(s.Alone), strings.Join(s.Alone, ", "))
	}
	for _, d := range s.Dropped {
		fmt.Fprintf(&b, "; %s left out: %s", d.Name, d.Reason)
	}
	return b.String()
}
