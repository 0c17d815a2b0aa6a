package main

import (
	"flag"
	"fmt"
	"strconv"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/study"
)

// benchFlags are the options of the benchmarking methods.
type benchFlags struct {
	funnelAdjust  string
	funnelTrim    string
	peerConfig    string
	acrossNations bool
}

func (f *benchFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.funnelAdjust, "funnel-adjust", benchmark.AdjustAdditive.String(),
		"funnel limits' overdispersion adjustment: none, multiplicative (φ, Spiegelhalter 2005) or additive (τ², as FunnelPlotR)")
	fs.StringVar(&f.funnelTrim, "funnel-trim", strconv.FormatFloat(benchmark.DefaultTrim, 'g', -1, 64),
		"share of z-scores winsorised at each end before φ and τ² are estimated, 0 ≤ FRACTION < 0.5: 0 keeps them all (τ² by DerSimonian–Laird), 0.1 is FunnelPlotR's trim_by")
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
	trim, err := parseTrim(f.funnelTrim)
	if err != nil {
		return &usageError{msg: fmt.Sprintf("--funnel-trim: %v", err)}
	}
	opts.FunnelTrim = trim
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

// parseTrim reads a --funnel-trim fraction: a decimal number with 0 ≤ t < 0.5.
func parseTrim(s string) (float64, error) {
	t, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number: expected a fraction 0 ≤ FRACTION < 0.5, such as 0 or 0.1", s)
	}
	if err := benchmark.CheckTrim(t); err != nil {
		return 0, err
	}
	return t, nil
}
