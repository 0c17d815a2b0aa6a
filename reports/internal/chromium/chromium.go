// Package chromium drives a headless Chromium through the DevTools protocol (chromedp): it finds the
// binary, starts it with the flags a build machine or CI container needs, opens a local file, evaluates
// JavaScript in it, prints it to an A4 PDF and counts the PDF's pages.
//
// The reports package uses it to write a document's PDF (psnbyod report --pdf); the browser tests use it
// through reports/internal/browsertest, which adds skipping and artefacts. Nothing here downloads
// anything: a page that asks the network for a file is recorded in Page.Requests for the caller to judge.
package chromium

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// EnvPath names the environment variable that, when set, gives the Chromium binary to use.
const EnvPath = "PSNBYOD_CHROMIUM"

// Find returns the Chromium binary to use: $PSNBYOD_CHROMIUM when set, else /usr/bin/chromium (Debian's
// package, which CI installs), else the first of the usual names found on PATH. It returns "" when there
// is none, or when $PSNBYOD_CHROMIUM is "none" (no browser is used then).
func Find() string {
	if p := os.Getenv(EnvPath); p == "none" {
		return ""
	} else if p != "" {
		return p
	}
	if st, err := os.Stat("/usr/bin/chromium"); err == nil && !st.IsDir() {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// ErrNotInstalled is returned by Start when no binary is given and Find finds none.
var ErrNotInstalled = errors.New("no Chromium found (install Debian's chromium package, or set " + EnvPath + " to the binary; " + EnvPath + "=none turns the browser off)")

// flags are the command-line switches every start uses, besides a fresh --user-data-dir: headless, no
// sandbox (CI and containers run as root), no GPU, and none of the background traffic a first run makes
// (QUIC, component and sync updates, first-run pages), so the browser neither waits for nor reaches the
// network.
var flags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
}

// Browser is one running Chromium with its own fresh profile folder.
type Browser struct {
	Path    string // the binary
	ctx     context.Context
	cancels []context.CancelFunc
	profile string
}

// Start starts Chromium from bin ("" means Find()) with Flags, a fresh profile folder and a window of
// width×height CSS pixels (the layout width of the pages it opens). Close stops it.
func Start(bin string, width, height int) (*Browser, error) {
	if bin == "" {
		bin = Find()
	}
	if bin == "" {
		return nil, ErrNotInstalled
	}
	profile, err := os.MkdirTemp("", "psnbyod-chromium-")
	if err != nil {
		return nil, err
	}
	// Only these flags: NewExecAllocator adds none of chromedp's defaults.
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(bin)}
	for _, f := range flags {
		opts = append(opts, chromedp.Flag(strings.TrimPrefix(f, "--"), true))
	}
	opts = append(opts, chromedp.UserDataDir(profile), chromedp.WindowSize(width, height))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	b := &Browser{Path: bin, ctx: ctx, cancels: []context.CancelFunc{cancelCtx, cancelAlloc}, profile: profile}
	// The first run starts the process; it takes no timeout, which would end the browser with it.
	if err := chromedp.Do(ctx); err != nil {
		b.Close()
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	return b, nil
}

// Close stops the browser and removes its profile folder.
func (b *Browser) Close() {
	for _, c := range b.cancels {
		c()
	}
	b.cancels = nil
	os.RemoveAll(b.profile)
}

// Page is one tab with a document loaded.
type Page struct {
	ctx    context.Context
	cancel context.CancelFunc
	URL    string

	mu       sync.Mutex
	problems []string
	requests []string
}

// Open opens the local file at path in a new tab and waits for its body. The tab records console errors,
// uncaught exceptions, error log entries and every URL requested, for Problems and Requests. Each later
// call on the page has the timeout given here.
func (b *Browser) Open(path string, timeout time.Duration) (*Page, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, err
	}
	tab, cancelTab := chromedp.NewContext(b.ctx)
	p := &Page{URL: (&url.URL{Scheme: "file", Path: abs}).String()}
	if err := chromedp.Listen(tab, p.record); err != nil {
		cancelTab()
		return nil, err
	}
	ctx, cancelT := context.WithTimeout(tab, timeout)
	p.ctx, p.cancel = ctx, func() { cancelT(); cancelTab() }
	enable := []error{}
	_, err = chromedp.Call(ctx, runtime.Enable, struct{}{})
	enable = append(enable, err)
	_, err = chromedp.Call(ctx, log.Enable, struct{}{})
	enable = append(enable, err)
	_, err = chromedp.Call(ctx, network.Enable, network.EnableParams{})
	enable = append(enable, err)
	if err := errors.Join(enable...); err != nil {
		p.Close()
		return nil, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(p.URL), chromedp.WaitReady("body")); err != nil {
		p.Close()
		return nil, fmt.Errorf("opening %s: %w", p.URL, err)
	}
	return p, nil
}

func (p *Page) record(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			msg := "console." + string(ev.Type)
			for _, a := range ev.Args {
				if a.Value != nil {
					msg += " " + string(a.Value)
				} else if a.Description != "" {
					msg += " " + a.Description
				}
			}
			p.problems = append(p.problems, msg)
		}
	case *runtime.EventExceptionThrown:
		msg := "exception: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil && ev.ExceptionDetails.Exception.Description != "" {
			msg += " " + ev.ExceptionDetails.Exception.Description
		}
		p.problems = append(p.problems, msg)
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			p.problems = append(p.problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		p.requests = append(p.requests, ev.Request.URL)
	}
}

// Close closes the tab.
func (p *Page) Close() { p.cancel() }

// Problems returns the console errors, uncaught exceptions and error log entries seen so far.
func (p *Page) Problems() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.problems...)
}

// Requests returns every URL the page requested so far, the document's own first.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

// ForeignRequests returns the requests for anything but the document itself and data: URLs: a
// self-contained document makes none.
func (p *Page) ForeignRequests() []string {
	var out []string
	for _, r := range p.Requests() {
		if r != p.URL && !strings.HasPrefix(r, "data:") {
			out = append(out, r)
		}
	}
	return out
}

// Eval evaluates a JavaScript expression in the page and decodes its JSON value into T. An expression
// that returns a promise is awaited.
func Eval[T any](p *Page, js string) (T, error) {
	return chromedp.Run(p.ctx, chromedp.Evaluate[T](js, func(e *runtime.EvaluateParams) { t := true; e.AwaitPromise = &t }))
}

// Viewport sets the page's layout width and height in CSS pixels, as a narrower or wider window would.
func (p *Page) Viewport(width, height int) error {
	return chromedp.Do(p.ctx, chromedp.EmulateViewport(int64(width), int64(height)))
}

// Media lays the page out for a CSS media type, "print" or "screen" ("" undoes it), so a test can
// measure the print layout without printing.
func (p *Page) Media(media string) error {
	_, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
	return err
}

// Screenshot returns a JPEG of the whole page at the given quality (1 to 100).
func (p *Page) Screenshot(quality int) ([]byte, error) {
	return chromedp.Run(p.ctx, chromedp.FullScreenshot(quality))
}

// PDF prints the page as Chromium's print preview would on A4 paper (or the page size the document's
// CSS @page rule asks for), with backgrounds, no header or footer, and the document's own margins
// when it sets them (1 cm otherwise).
func (p *Page) PDF() ([]byte, error) {
	return chromedp.Run(p.ctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
	))
}

var (
	pageObj   = regexp.MustCompile(`/Type\s*/Page\b`)
	pagesTree = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`)
)

// PageCount returns the number of pages of a PDF as Chromium writes it (Skia's writer: page objects
// and the page tree uncompressed). It counts the page objects and checks the count against the page
// tree's root, the largest /Count of a /Pages node, and fails when they disagree or no page is found,
// so a PDF written some other way (object streams) gives an error rather than a wrong number.
func PageCount(pdf []byte) (int, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return 0, errors.New("not a PDF: no %PDF- header")
	}
	leaves := len(pageObj.FindAll(pdf, -1))
	root := 0
	for _, m := range pagesTree.FindAllSubmatch(pdf, -1) {
		s := m[1]
		if len(s) == 0 {
			s = m[2]
		}
		if n, err := strconv.Atoi(string(s)); err == nil && n > root {
			root = n
		}
	}
	if leaves == 0 || leaves != root {
		return 0, fmt.Errorf("cannot count the PDF's pages: %d page objects, page tree /Count %d", leaves, root)
	}
	return leaves, nil
}

// PrintFile opens the HTML file at htmlPath in a Chromium from bin ("" means Find()), prints it to A4
// and writes the PDF to pdfPath (through a temporary file beside it, renamed once complete). It
// returns the number of pages.
func PrintFile(bin, htmlPath, pdfPath string, timeout time.Duration) (int, error) {
	b, err := Start(bin, 1000, 1400)
	if err != nil {
		return 0, err
	}
	defer b.Close()
	p, err := b.Open(htmlPath, timeout)
	if err != nil {
		return 0, err
	}
	defer p.Close()
	pdf, err := p.PDF()
	if err != nil {
		return 0, fmt.Errorf("printing %s: %w", htmlPath, err)
	}
	n, err := PageCount(pdf)
	if err != nil {
		return 0, fmt.Errorf("printing %s: %w", htmlPath, err)
	}
	tmp := pdfPath + ".tmp"
	if err := os.WriteFile(tmp, pdf, 0o644); err != nil {
		return 0, err
	}
	if err := os.Rename(tmp, pdfPath); err != nil {
		os.Remove(tmp)
		return 0, err
	}
	return n, nil
}
