package costmodel

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// compactScenario shortens a ready scenario into a fuzz seed that parses the same way: comment
// lines, blank lines and trailing comments go, and the prose fields (descriptions, business case
// text, labels, references' titles, list items of text) keep their first 12 characters. Names and
// amount expressions are left whole, so the scenario stays valid.
//
// Seeds are kept small because the fuzzer minimises every input that finds new code, for up to a
// minute each by default, one parse per attempt, and counts no execution meanwhile. Each execution
// is only a parse and CheckWork (no Monte Carlo), a few milliseconds for a ready scenario, most of
// it checkAmounts evaluating every line at the inputs' bounds. From the ready files (10–17 KB) a
// 2-minute run made 182 executions; from compact seeds (4–7.5 KB) 22,740. Bounding minimisation as
// well, as in
//
//	go test -run XXX -fuzz '^FuzzParse$' -fuzztime 2m -fuzzminimizetime 200x ./analysis/costmodel
//
// lets the run spend its time on new inputs (590,103 executions in 2 minutes).
func compactScenario(src string) string {
	prose := regexp.MustCompile(`^(\s*(?:(?:description|decision|strategic|procurement|management|vat|note|title|label|publisher)\s*=\s*)?)"((?:[^"\\]|\\.){12})(?:[^"\\]|\\.)*"`)
	inlineLabel := regexp.MustCompile(`(label\s*=\s*")((?:[^"\\]|\\.){0,12})(?:[^"\\]|\\.)*"`)
	var b strings.Builder
	for _, line := range strings.Split(src, "\n") {
		line = stripComment(line)
		if strings.TrimSpace(line) == "" {
			continue
		}
		line = prose.ReplaceAllString(line, `$1"$2"`)
		line = inlineLabel.ReplaceAllString(line, `$1$2"`)
		b.WriteString(strings.TrimRight(line, " \t"))
		b.WriteByte('\n')
	}
	return b.String()
}

// FuzzParse feeds any text to the scenario parser, starting from the ready scenarios made compact:
// it must return a scenario or an error, never panic, and a scenario it returns must pass its own
// checks (CheckWork is what a run calls next; it only sizes the work, nothing is simulated here).
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../datasets/scenarios/*.toml")
	if len(files) == 0 {
		f.Fatal("no ready scenarios to start from")
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		seed := compactScenario(string(data))
		if _, err := Parse(filepath.Base(p), []byte(seed)); err != nil {
			f.Fatalf("%s made compact no longer parses: %v\n%s", p, err, seed)
		}
		f.Add([]byte(seed))
	}
	f.Add([]byte("x = {a={b={c=1}}}\n"))
	f.Add([]byte("iterations = 2147483647\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Parse("fuzz.toml", data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error that says nothing")
			}
			return
		}
		if sc == nil {
			t.Fatal("no scenario and no error")
		}
		_ = CheckWork(sc, 1<<30)
	})
}
