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
		errs := &datasets.Errors{}
		d, err := datasets.OpenDefault(errs)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Run(context.Background(), d, Options{}, errs); err != nil {
			b.Fatal(err)
		}
	}
}
