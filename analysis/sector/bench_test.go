package sector

import (
	"context"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/datasets/scenarios"
)

// BenchmarkDeadlineQueue10k runs the ready deadline model (10,000 iterations) for 400 councils:
// the at-risk distribution, the weekly series and the capacity search.
func BenchmarkDeadlineQueue10k(b *testing.B) {
	data, err := scenarios.Sector.Read("psn_deadline_2014.toml")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Replace(string(data), `from = "dataset"`,
		`from = "counts"
counts = { district = 170, unitary = 70, metropolitan = 36, london_borough = 33, county = 27, scottish_unitary = 32, welsh_unitary = 22, ni_district = 10 }`, 1)
	m, err := Parse("bench.toml", []byte(text))
	if err != nil {
		b.Fatal(err)
	}
	if m.Iterations != 10000 {
		b.Fatalf("%d iterations", m.Iterations)
	}
	b.ReportAllocs()
	for b.Loop() {
		r, err := Run(context.Background(), m, nil, RunOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if r.Queue.Councils != 400 {
			b.Fatalf("%d councils", r.Queue.Councils)
		}
	}
}

// BenchmarkAdvisoryFunding10k runs the ready funding model (10,000 iterations) on the default
// dataset's councils.
func BenchmarkAdvisoryFunding10k(b *testing.B) {
	data, err := scenarios.Sector.Read("advisory_group_funding.toml")
	if err != nil {
		b.Fatal(err)
	}
	m, err := Parse("bench.toml", data)
	if err != nil {
		b.Fatal(err)
	}
	orgs := defaultOrgs(b)
	for b.Loop() {
		if _, err := Run(context.Background(), m, orgs, RunOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
