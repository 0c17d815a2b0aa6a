package reports

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds a Chromium or Chrome binary: $PSNBYOD_CHROMIUM, else the usual names on PATH.
func chromiumPath() string {
	if p := os.Getenv("PSNBYOD_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artefactDir is where browser screenshots and prints are kept for a reader to look at:
// $PSNBYOD_TEST_ARTEFACTS when set (CI uploads it), else a folder in the system's temporary directory.
func artefactDir(t *testing.T) string {
	dir := os.Getenv("PSNBYOD_TEST_ARTEFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "psnbyod-test-artefacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// box is an element's rendered size.
type box struct {
	Label   string  `json:"label"`
	W       float64 `json:"w"`
	H       float64 `json:"h"`
	Visible bool    `json:"visible"`
}

// The sector report and a business case open in real headless Chromium the way a reader would open
// them: no console error or exception, no request for anything but the file itself, every chart
// laid out with a non-zero size, and a screenshot and an A4 print kept as artefacts.
func TestDocumentsInChromium(t *testing.T) {
	bin := chromiumPath()
	if bin == "" {
		t.Skip("no chromium binary found (install Debian's chromium package, or set PSNBYOD_CHROMIUM): the browser check is skipped")
	}
	in := defaultInputs(t)
	out := t.TempDir()
	if _, err := Render(out, in, Options{}); err != nil {
		t.Fatal(err)
	}
	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs the tests as root
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1000, 1400),
	)
	defer cancel()
	arte := artefactDir(t)
	pages := []struct{ name, path string }{
		{"report", filepath.Join(out, FileReport)},
		{"business_case_metro_borough_byod", filepath.Join(ScenarioDir(out, "metro_borough_byod"), FileBusinessCase)},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) { checkInChromium(t, alloc, p.name, p.path, arte) })
	}
}

func checkInChromium(t *testing.T, alloc context.Context, name, path, arte string) {
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()

	var mu sync.Mutex
	var problems, requests []string
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				problems = append(problems, fmt.Sprintf("console.%s", ev.Type))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				problems = append(problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			requests = append(requests, ev.Request.URL)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, enable := range []func() error{
		func() error { _, err := chromedp.Call(ctx, runtime.Enable, struct{}{}); return err },
		func() error { _, err := chromedp.Call(ctx, log.Enable, struct{}{}); return err },
		func() error { _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); return err },
	} {
		if err := enable(); err != nil {
			t.Fatal(err)
		}
	}
	url := "file://" + path
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	boxes, err := chromedp.Run(ctx, chromedp.Evaluate[[]box](`Array.from(document.querySelectorAll('svg.chart')).map(s => {
		const r = s.getBoundingClientRect(), st = getComputedStyle(s);
		return {label: s.getAttribute('aria-label'), w: r.width, h: r.height,
			visible: st.display !== 'none' && st.visibility !== 'hidden' && Number(st.opacity) > 0};
	})`))
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Count(string(src), `<svg class="chart"`); len(boxes) != want || want == 0 {
		t.Errorf("the browser laid out %d charts, the file has %d", len(boxes), want)
	}
	for _, b := range boxes {
		if b.W <= 0 || b.H <= 0 || !b.Visible {
			t.Errorf("chart %q is not visible: %.0f×%.0f, visible %v", b.Label, b.W, b.H, b.Visible)
		}
	}

	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatal(err)
	}
	pref := true
	pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &pref, PrintBackground: &pref})
	if err != nil {
		t.Fatal(err)
	}
	for file, data := range map[string][]byte{name + ".jpg": shot, name + ".pdf": pdf.Data} {
		p := filepath.Join(arte, file)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("saved %s (%d bytes)", p, len(data))
	}
	if len(shot) < 10000 || len(pdf.Data) < 10000 {
		t.Errorf("screenshot %d bytes, print %d bytes", len(shot), len(pdf.Data))
	}

	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("%s: %s", filepath.Base(path), p)
	}
	if len(requests) == 0 {
		t.Error("no request seen at all: the network listener is not working")
	}
	for _, r := range requests {
		if r != url && !strings.HasPrefix(r, "data:") {
			t.Errorf("%s requested %s", filepath.Base(path), r)
		}
	}
}
