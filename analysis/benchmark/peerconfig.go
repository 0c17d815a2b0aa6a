package benchmark

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
)

// maxPeerConfigBytes caps a neighbours TOML file: a config lists a handful of indicators.
const maxPeerConfigBytes = 64 << 10

// ErrPeerConfig is returned for a neighbours TOML file that cannot be used.
var ErrPeerConfig = errors.New("neighbours config")

// ReadPeerConfig reads PeerOptions from a TOML file such as datasets/neighbours.toml:
//
//	neighbours = 15          # how many
//	across_classes = false   # county, district, single-tier and NI district kept apart
//	across_nations = false
//	max_correlation = 0.9
//	[[indicator]]
//	name = "log_population"
//	weight = 1
//
// Unknown keys are errors, so a misspelt option cannot be silently ignored. Indicator names are checked
// when neighbours are found.
func ReadPeerConfig(path string) (PeerOptions, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return PeerOptions{}, fmt.Errorf("%w: %v", ErrPeerConfig, err)
	}
	if len(b) > maxPeerConfigBytes {
		return PeerOptions{}, fmt.Errorf("%w: %s: %d bytes, expected at most %d", ErrPeerConfig, path, len(b), maxPeerConfigBytes)
	}
	return parsePeerConfig(path, b)
}

// parsePeerConfig parses the TOML text of a neighbours config; name is used in errors.
func parsePeerConfig(name string, b []byte) (PeerOptions, error) {
	var o PeerOptions
	md, err := toml.NewDecoder(bytes.NewReader(b)).Decode(&o)
	if err != nil {
		return PeerOptions{}, fmt.Errorf("%w: %s: %v", ErrPeerConfig, name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return PeerOptions{}, fmt.Errorf("%w: %s: unknown key %s (expected neighbours, across_classes, across_nations, max_correlation, [[indicator]] name and weight)",
			ErrPeerConfig, name, strings.Join(keys, ", "))
	}
	if o.K < 0 {
		return PeerOptions{}, fmt.Errorf("%w: %s: neighbours = %d, expected at least 1", ErrPeerConfig, name, o.K)
	}
	if md.IsDefined("indicator") && len(o.Indicators) == 0 {
		return PeerOptions{}, fmt.Errorf("%w: %s: no indicator listed", ErrPeerConfig, name)
	}
	for i, ind := range o.Indicators {
		if ind.Name == "" {
			return PeerOptions{}, fmt.Errorf("%w: %s: indicator %d has no name", ErrPeerConfig, name, i+1)
		}
	}
	return o, nil
}
