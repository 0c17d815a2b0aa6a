package costmodel

import (
	"strings"
	"testing"
)

// The header fields every model file shares are read by one parser: a scenario and a file read
// through FieldParser (as analysis/sector reads its models) get the same located messages, with
// their own word for the file and their own iteration limit.
func TestSharedHeader(t *testing.T) {
	src := "description = 3\niterations = 0\nseed = -2\n"
	_, err := Parse("s.toml", []byte(src))
	if err == nil {
		t.Fatal("accepted a scenario with no name")
	}
	for _, want := range []string{
		"s.toml: name: missing: every scenario needs a name",
		"s.toml:1: description: must be a string, not 3",
		"s.toml:2: iterations: must be between 1 and 2147483648, not 0",
		"s.toml:3: seed: must not be negative",
	} {
		if !strings.Contains(err.Error(), want+"\n") {
			t.Errorf("scenario errors lack %q:\n%s", want, err)
		}
	}

	fp, raw, err := NewFieldParser("m.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	iterations, seed := 10000, uint64(1)
	name, _ := fp.Title(raw, "model")
	fp.Runs(raw, 10_000_000, &iterations, &seed)
	want := "m.toml: name: missing: every model needs a name\n" +
		"m.toml:1: description: must be a string, not 3\n" +
		"m.toml:2: iterations: must be between 1 and 10000000, not 0\n" +
		"m.toml:3: seed: must not be negative"
	if got := fp.Errors(); got == nil || got.Error() != want || name != "" || iterations != 10000 {
		t.Errorf("model errors:\n%v\nwant:\n%s\n(name %q, iterations %d)", got, want, name, iterations)
	}
}
