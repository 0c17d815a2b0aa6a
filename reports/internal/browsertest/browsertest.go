// Package browsertest is the shared harness for tests that open the project's documents in a real
// headless Chromium (through reports/internal/chromium and chromedp).
//
// A test starts one browser, opens each file in a tab, evaluates JavaScript to measure what the reader
// would see, and prints to an A4 PDF to count pages:
//
//	b := browsertest.Start(t)                  // skips the test, saying why, when Chromium is missing
//	p := b.Open(t, "/path/report.html")        // fails the test on a load error
//	n := browsertest.Eval[int](t, p, `document.querySelectorAll('svg').length`)
//	pages := p.PageCount(t)                    // prints to A4 as Chromium's print preview does
//	p.CheckClean(t)                            // no console error, exception or request off the file
//	browsertest.Save(t, "report.pdf", p.PDF(t)) // kept for a reader: $PSNBYOD_TEST_ARTEFACTS or a temp folder
//
// The browser is the one chromium.Find finds: $PSNBYOD_CHROMIUM, /usr/bin/chromium (CI's .ci/run installs
// Debian's package), or chromium, chromium-browser, google-chrome on PATH. It runs with chromium.Flags
// (headless, no sandbox, no GPU, no background networking) and a fresh profile folder, and stops when
// the test ends. Set PSNBYOD_REQUIRE_CHROMIUM=1 to make a missing browser a failure instead of a skip.
package browsertest

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/psnbyod/psnbyod/reports/internal/chromium"
)

// Width and Height are the window size Start uses, in CSS pixels: about an A4 page's width at 96 dpi
// plus margins, so the screen layout is close to the print layout.
const Width, Height = 1000, 1400

// PageTimeout bounds everything done with one opened page.
const PageTimeout = 3 * time.Minute

// Browser is a headless Chromium for one test (and its subtests).
type Browser struct{ *chromium.Browser }

// Start starts Chromium, or skips the test with a message saying how to get one. The browser stops
// when t ends.
func Start(t testing.TB) *Browser {
	t.Helper()
	bin := chromium.Find()
	if bin == "" {
		msg := "browser test skipped: " + chromium.ErrNotInstalled.Error()
		if os.Getenv("PSNBYOD_REQUIRE_CHROMIUM") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	b, err := chromium.Start(bin, Width, Height)
	if err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	t.Cleanup(b.Close)
	return &Browser{b}
}

// Page is a document open in a tab of the test's browser.
type Page struct{ *chromium.Page }

// Open opens the local file at path in a new tab, closed when t ends.
func (b *Browser) Open(t testing.TB, path string) *Page {
	t.Helper()
	p, err := b.Browser.Open(path, PageTimeout)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return &Page{p}
}

// Eval evaluates a JavaScript expression in the page and decodes its JSON value into T, failing the
// test on an exception or a value that does not decode.
func Eval[T any](t testing.TB, p *Page, js string) T {
	t.Helper()
	v, err := chromium.Eval[T](p.Page, js)
	if err != nil {
		t.Fatalf("evaluating in %s: %v", filepath.Base(p.URL), err)
	}
	return v
}

// PDF prints the page to A4 (see chromium.Page.PDF).
func (p *Page) PDF(t testing.TB) []byte {
	t.Helper()
	pdf, err := p.Page.PDF()
	if err != nil {
		t.Fatalf("printing %s: %v", filepath.Base(p.URL), err)
	}
	return pdf
}

// PageCount prints the page to A4, saves the PDF as an artefact named after the file, and returns
// the number of pages.
func (p *Page) PageCount(t testing.TB) int {
	t.Helper()
	pdf := p.PDF(t)
	Save(t, artefactName(t, ".pdf"), pdf)
	n, err := chromium.PageCount(pdf)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Screenshot saves a JPEG of the whole page as an artefact named after the test.
func (p *Page) Screenshot(t testing.TB) {
	t.Helper()
	shot, err := p.Page.Screenshot(85)
	if err != nil {
		t.Fatal(err)
	}
	Save(t, artefactName(t, ".jpg"), shot)
}

// CheckClean fails the test for every console error, uncaught exception and error log entry the page
// raised, and for every request other than the file itself and data: URLs (the documents are
// self-contained, so a reader offline sees all of them).
func (p *Page) CheckClean(t testing.TB) {
	t.Helper()
	name := filepath.Base(p.URL)
	for _, pr := range p.Problems() {
		t.Errorf("%s: %s", name, pr)
	}
	if len(p.Requests()) == 0 {
		t.Errorf("%s: no request seen at all: the network listener is not working", name)
	}
	for _, r := range p.ForeignRequests() {
		t.Errorf("%s requested %s", name, r)
	}
}

// ArtefactDir is where screenshots and prints are kept for a reader: $PSNBYOD_TEST_ARTEFACTS when set
// (CI can keep it), else psnbyod-test-artefacts in the system's temporary folder.
func ArtefactDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("PSNBYOD_TEST_ARTEFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "psnbyod-test-artefacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Save writes data to name in ArtefactDir and logs where.
func Save(t testing.TB, name string, data []byte) {
	t.Helper()
	p := filepath.Join(ArtefactDir(t), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("saved %s (%d bytes)", p, len(data))
}

func artefactName(t testing.TB, ext string) string {
	name := []rune(t.Name())
	for i, r := range name {
		if r == '/' || r == ' ' || r == '\\' {
			name[i] = '_'
		}
	}
	return string(name) + ext
}
