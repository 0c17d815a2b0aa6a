package reports

// Printing the documents to A4 PDF through headless Chromium (Options.PDF, psnbyod --pdf): the PDF
// is what the browser's own print gives, so it follows the documents' print CSS (A4, page breaks,
// tables fitted to the width).

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/psnbyod/psnbyod/datasets/resultfile"
	"github.com/psnbyod/psnbyod/reports/internal/chromium"
)

// printTimeout bounds the printing of one document.
const printTimeout = 3 * time.Minute

// pdfPath is where a document's PDF goes: beside it, report.html → report.pdf.
func pdfPath(html string) string { return strings.TrimSuffix(html, ".html") + ".pdf" }

// printIfAsked prints the HTML documents among written when opts.PDF asks for it.
func printIfAsked(opts Options, written []string) ([]string, error) {
	if !opts.PDF {
		return nil, nil
	}
	var docs []string
	for _, w := range written {
		if strings.HasSuffix(w, ".html") {
			docs = append(docs, w)
		}
	}
	notices := opts.Notices
	if notices == nil {
		notices = io.Discard
	}
	return printDocuments(docs, notices)
}

// printDocuments prints each HTML document to a PDF beside it with one headless Chromium, and
// returns the PDFs written. Without Chromium it writes nothing, says so on notices and returns no
// error: the documents and the charts' PDFs are complete without it.
func printDocuments(docs []string, notices io.Writer) ([]string, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	bin := chromium.Find()
	if bin == "" {
		fmt.Fprintf(notices, "--pdf: the documents are not printed to PDF: %v. The charts are saved as PDF.\n", chromium.ErrNotInstalled)
		return nil, nil
	}
	b, err := chromium.Start(bin, 1000, 1400)
	if err != nil {
		return nil, fmt.Errorf("printing the documents to PDF: %w", err)
	}
	defer b.Close()
	var written []string
	for _, doc := range docs {
		pdf, err := printOne(b, doc)
		if err != nil {
			return written, fmt.Errorf("printing %s to PDF: %w", doc, err)
		}
		path := pdfPath(doc)
		if err := resultfile.WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(pdf); return err }); err != nil {
			return written, err
		}
		written = append(written, path)
	}
	return written, nil
}

func printOne(b *chromium.Browser, doc string) ([]byte, error) {
	p, err := b.Open(doc, printTimeout)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	pdf, err := p.PDF()
	if err != nil {
		return nil, err
	}
	if _, err := chromium.PageCount(pdf); err != nil {
		return nil, err
	}
	return pdf, nil
}
