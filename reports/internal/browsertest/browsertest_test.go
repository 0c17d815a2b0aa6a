package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/reports/internal/chromium"
)

// The harness itself, on two small pages whose answers are known by construction: a document with
// three sections and a forced page break before the second and third prints to exactly three A4
// pages; JavaScript sees the document; a page that logs an error and requests a file is reported.
func TestHarness(t *testing.T) {
	b := Start(t)
	p := b.Open(t, filepath.Join("testdata", "three_pages.html"))
	if got := Eval[string](t, p, `document.getElementById('first').textContent`); got != "One" {
		t.Errorf("first heading %q, want One", got)
	}
	if got := Eval[int](t, p, `Promise.resolve(document.querySelectorAll('section').length)`); got != 3 {
		t.Errorf("%d sections, want 3", got)
	}
	if n := p.PageCount(t); n != 3 {
		t.Errorf("three_pages.html printed to %d pages, want 3", n)
	}
	p.CheckClean(t)

	q := b.Open(t, filepath.Join("testdata", "noisy.html"))
	Eval[bool](t, q, `new Promise(r => { const i = document.images[0]; i.complete ? r(true) : (i.onerror = () => r(true)) })`)
	if pr := q.Problems(); len(pr) == 0 || !strings.Contains(strings.Join(pr, "\n"), "drawn wrong") {
		t.Errorf("problems %q, want the console error \"drawn wrong\"", pr)
	}
	if fr := q.ForeignRequests(); len(fr) != 1 || !strings.HasSuffix(fr[0], "/testdata/missing.png") {
		t.Errorf("foreign requests %q, want the one for missing.png", fr)
	}
}

// PrintFile writes the PDF and returns its page count; a missing file is an error naming it.
func TestPrintFile(t *testing.T) {
	bin := chromium.Find()
	if bin == "" {
		t.Skip("browser test skipped: " + chromium.ErrNotInstalled.Error())
	}
	out := filepath.Join(t.TempDir(), "three.pdf")
	n, err := chromium.PrintFile(bin, filepath.Join("testdata", "three_pages.html"), out, PageTimeout)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if m, err := chromium.PageCount(data); n != 3 || m != 3 || err != nil {
		t.Errorf("PrintFile said %d pages, the file has %d (%v); want 3", n, m, err)
	}
	if _, err := chromium.PrintFile(bin, filepath.Join("testdata", "absent.html"), out+"2", PageTimeout); err == nil || !strings.Contains(err.Error(), "absent.html") {
		t.Errorf("missing file: error %v, want one naming absent.html", err)
	}
	if _, err := os.Stat(out + "2"); !os.IsNotExist(err) {
		t.Errorf("a failed print left %s behind", out+"2")
	}
}

// PageCount refuses what it cannot count rather than guessing.
func TestPageCountRefuses(t *testing.T) {
	for name, in := range map[string]string{
		"not a PDF":       "<html>",
		"no page objects": "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj",
		"tree disagrees":  "%PDF-1.4\n2 0 obj << /Type /Pages /Count 2 /Kids [3 0 R] >> endobj 3 0 obj << /Type /Page /Parent 2 0 R >> endobj",
	} {
		if n, err := chromium.PageCount([]byte(in)); err == nil {
			t.Errorf("%s: counted %d pages, want an error", name, n)
		}
	}
	two := "%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj 2 0 obj << /Type /Page /Parent 1 0 R >> endobj 3 0 obj << /Parent 1 0 R /Type /Page >> endobj"
	if n, err := chromium.PageCount([]byte(two)); n != 2 || err != nil {
		t.Errorf("two-page tree: %d, %v; want 2", n, err)
	}
}
