package benchmark

import (
	"encoding/json"
	"testing"
)

// TestPolarityText checks that every polarity reads back from the name it writes, and that an
// unknown name is refused.
func TestPolarityText(t *testing.T) {
	for _, p := range []Polarity{Neutral, HigherIsBetter, LowerIsBetter} {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var q Polarity
		if err := json.Unmarshal(b, &q); err != nil || q != p {
			t.Errorf("%s: read back as %v (%v)", b, q, err)
		}
	}
	var q Polarity
	if err := json.Unmarshal([]byte(`"upwards"`), &q); err == nil {
		t.Error(`"upwards": no error`)
	}
}
