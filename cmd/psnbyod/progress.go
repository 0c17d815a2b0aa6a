package main

import (
	"io"
	"os"
	"sync"

	"github.com/schollz/progressbar/v3"
)

// progress returns a callback that draws a progress bar on stderr when stderr is a terminal, and
// nil (no output) otherwise, so logs and pipes stay clean.
func progress(stderr io.Writer, what string, bytes bool) (update func(done, total int64), finish func()) {
	f, ok := stderr.(*os.File)
	if !ok {
		return nil, func() {}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil, func() {}
	}
	var (
		once sync.Once
		bar  *progressbar.ProgressBar
	)
	update = func(done, total int64) {
		once.Do(func() {
			opts := []progressbar.Option{
				progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(what),
				progressbar.OptionShowCount(), progressbar.OptionThrottle(100e6), progressbar.OptionClearOnFinish(),
			}
			if bytes {
				opts = append(opts, progressbar.OptionShowBytes(true))
			}
			bar = progressbar.NewOptions64(total, opts...)
		})
		bar.Set64(done)
	}
	finish = func() {
		if bar != nil {
			bar.Finish()
		}
	}
	return update, finish
}
