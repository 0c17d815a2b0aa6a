package reports

import (
	"html"
	"os"
	"regexp"
	"testing"
)

// figureRe finds the elements a page marks with data-figure and their text.
var figureRe = regexp.MustCompile(`data-figure="([^"]+)"[^>]*>([^<]*)<`)

// pageFigures reads a rendered page and returns its marked figures, unescaped, by key.
func pageFigures(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, m := range figureRe.FindAllStringSubmatch(string(b), -1) {
		out[html.UnescapeString(m[1])] = html.UnescapeString(m[2])
	}
	return out
}
