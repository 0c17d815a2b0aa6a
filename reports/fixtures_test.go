package reports

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/scenarios"
)

// testIterations keeps the ready scenarios' Monte Carlo runs short in tests; the documents do not
// depend on the number of draws except through the figures they show.
const testIterations = 20000

// runScenarioFile parses and runs one scenario, keeping its draws in memory.
func runScenarioFile(tb testing.TB, file string, text []byte, iterations int) ScenarioResult {
	tb.Helper()
	sc, err := costmodel.Parse(file, text)
	if err != nil {
		tb.Fatal(err)
	}
	if iterations > 0 {
		sc.Iterations = iterations
	}
	d := NewDraws(sc)
	res, err := costmodel.Analyse(context.Background(), sc, costmodel.RunOptions{Draws: d.Add})
	if err != nil {
		tb.Fatal(err)
	}
	return ScenarioResult{Name: strings.TrimSuffix(file, ".toml"), Info: NewScenarioInfo(sc, text), Result: res, Draws: d}
}

// readyScenarios runs every ready scenario.
func readyScenarios(tb testing.TB, iterations int) []ScenarioResult {
	tb.Helper()
	var out []ScenarioResult
	for _, name := range scenarios.Cost.Files() {
		text, err := scenarios.Cost.Read(name)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, runScenarioFile(tb, name, text, iterations))
	}
	return out
}

var (
	defaultOnce   sync.Once
	defaultStudy  *study.Result
	defaultScens  []ScenarioResult
	defaultErr    error
	defaultFailed bool
)

// defaultInputs is the study of the embedded default dataset and the ready scenarios, computed
// once per test binary. Callers must not modify it.
func defaultInputs(tb testing.TB) *Inputs {
	tb.Helper()
	defaultOnce.Do(func() {
		d, err := datasets.OpenDefault()
		if err != nil {
			defaultErr = err
			return
		}
		defaultStudy, defaultErr = study.Run(context.Background(), d, study.Options{Replications: 199, Seed: 1})
		if defaultErr != nil {
			return
		}
		// A fatal error in the scenarios ends this goroutine; later callers must fail too, not see nil.
		defaultFailed = true
		defer func() { defaultFailed = tb.Failed() || defaultScens == nil }()
		defaultScens = readyScenarios(tb, testIterations)
	})
	if defaultErr != nil {
		tb.Fatal(defaultErr)
	}
	if defaultFailed {
		tb.Fatal("ready scenarios failed")
	}
	return &Inputs{Study: defaultStudy, Scenarios: defaultScens, Synthetic: defaultStudy.Synthetic}
}
