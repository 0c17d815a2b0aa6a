package main

import (
	"flag"
	"fmt"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/study"
)

// benchFlags are the options of the benchmarking methods.
type benchFlags struct {
	funnelAdjust  string
	peerConfig    string
	acrossNations bool
}

func (f *benchFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.funnelAdjust, "funnel-adjust", benchmark.AdjustAdditive.String(),
		"funnel limits' overdispersion adjustment: none, multiplicative (φ, Spiegelhalter 2005) or additive (τ², as FunnelPlotR)")
	fs.StringVar(&f.peerConfig, "neighbours-config", "", "TOML file of nearest-neighbour indicators, weights and grouping (see datasets/neighbours.toml)")
	fs.BoolVar(&f.acrossNations, "neighbours-across-nations", false, "let nearest neighbours come from other nations of the UK")
}

// apply checks the flags and sets them in opts.
func (f *benchFlags) apply(opts *study.Options) error {
	a, err := benchmark.ParseAdjustment(f.funnelAdjust)
	if err != nil {
		return &usageError{msg: fmt.Sprintf("--funnel-adjust: %v", err)}
	}
	opts.FunnelAdjust = a
	if f.peerConfig != "" {
		p, err := benchmark.ReadPeerConfig(f.peerConfig)
		if err != nil {
			return &usageError{msg: fmt.Sprintf("--neighbours-config: %v", err)}
		}
		opts.Peers = p
	}
	if f.acrossNations {
		opts.Peers.AcrossNations = true
	}
	return nil
}
