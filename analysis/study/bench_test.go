package study

import (
	"context"
	"testing"

	"github.com/psnbyod/psnbyod/datasets"
)

// BenchmarkStudyDefault is a whole study of the embedded default dataset (266,367 responses) with the
// published defaults: 1999 bootstrap replications, 15 neighbours.
func BenchmarkStudyDefault(b *testing.B) {
	for b.Loop() {
		d, err := datasets.OpenDefault()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Run(context.Background(), d, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
