package reports

import (
	"testing"
)

// BenchmarkRenderDefault renders every chart (SVG and PNG) and document of a default run: the study
// of the embedded default dataset and the three ready scenarios (computed once, outside the timer;
// 20,000 draws each instead of the files' 100,000, which changes only the histograms' counts).
func BenchmarkRenderDefault(b *testing.B) {
	in := defaultInputs(b)
	out := b.TempDir()
	for b.Loop() {
		if _, err := Render(out, in, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderDefaultPDF is the same with PDF charts too (--pdf).
func BenchmarkRenderDefaultPDF(b *testing.B) {
	in := defaultInputs(b)
	out := b.TempDir()
	for b.Loop() {
		if _, err := Render(out, in, Options{PDF: true}); err != nil {
			b.Fatal(err)
		}
	}
}
