package main

import (
	"flag"
	"fmt"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/study"
)

// benchFlags are the options of the benchmarking methods.
type benchFlags struct {
	funnelAdjust string
}

func (f *benchFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.funnelAdjust, "funnel-adjust", benchmark.AdjustAdditive.String(),
		"funnel limits' overdispersion adjustment: none, multiplicative (φ, Spiegelhalter 2005) or additive (τ², as FunnelPlotR)")
}

// apply checks the flags and sets them in opts.
func (f *benchFlags) apply(opts *study.Options) error {
	a, err := benchmark.ParseAdjustment(f.funnelAdjust)
	if err != nil {
		return &usageError{msg: fmt.Sprintf("--funnel-adjust: %v", err)}
	}
	opts.FunnelAdjust = a
	return nil
}
