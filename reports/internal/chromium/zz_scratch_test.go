package chromium

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestZZScratchShot(t *testing.T) {
	doc := os.Getenv("ZZ_DOC")
	if doc == "" {
		t.Skip("scratch: set ZZ_DOC")
	}
	b, err := Start(Find(), 688, 1000)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	p, err := b.Open(doc, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("ZZ_SCREEN") == "" {
		if err := p.Media("print"); err != nil {
			t.Fatal(err)
		}
	}
	w, h := 688, 1000
	if os.Getenv("ZZ_SCREEN") != "" {
		w, h = 1200, 1600
	}
	p.Viewport(w, h)
	rows, _ := Eval[[]string](p, `Array.from(document.querySelectorAll('body > *, section > *')).map(e => { const r = e.getBoundingClientRect(); return Math.round(r.top) + ' +' + Math.round(r.height) + ' ' + e.tagName + ' ' + (e.id || '') + ' ' + e.textContent.trim().slice(0, 50).replace(/\s+/g,' '); })`)
	if os.Getenv("ZZ_V") != "" {
		for _, r := range rows {
			t.Log(r)
		}
	}
	if os.Getenv("ZZ_WIDE") != "" {
		wide, _ := Eval[[]string](p, `Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 10).map(e => e.tagName + ' ' + (e.id||'') + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + e.textContent.trim().slice(0,60))`)
		for _, w := range wide {
			t.Log("WIDE", w)
		}
	}
	for i, y := range strings.Fields(os.Getenv("ZZ_YS")) {
		if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool]("window.scrollTo(0,"+y+"); true")); err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
		buf, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(fmt.Sprintf("%s_%d.png", os.Getenv("ZZ_OUT"), i), buf, 0o644)
	}
}
