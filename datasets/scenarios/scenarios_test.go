package scenarios

import (
	"slices"
	"strings"
	"testing"
)

// Each set lists its own ready files, and only them: the sector models are not among the cost-model
// scenarios, and every file reads back as a TOML text of its own.
func TestSets(t *testing.T) {
	cost, sector := Cost.Files(), Sector.Files()
	if !slices.Contains(cost, "metro_borough_byod.toml") || slices.Contains(cost, "sector") || slices.Contains(cost, "psn_deadline_2014.toml") {
		t.Errorf("cost-model scenarios: %v", cost)
	}
	if !slices.Equal(sector, []string{"advisory_group_funding.toml", "psn_deadline_2014.toml"}) {
		t.Errorf("sector models: %v", sector)
	}
	for _, set := range []Set{Cost, Sector} {
		for _, name := range set.Files() {
			b, err := set.Read(name)
			if err != nil || !strings.HasSuffix(name, ".toml") || len(b) == 0 {
				t.Errorf("%s: %d bytes, %v", name, len(b), err)
			}
		}
	}
	if _, err := Cost.Read("psn_deadline_2014.toml"); err == nil {
		t.Error("a sector model read as a cost-model scenario")
	}
}
