package main

import (
	"io"
	"os"
	"strings"
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

// progressGroup is one progress bar for steps that run at the same time (the steps of run): it
// shows how far the steps have come together, each counting for the same share, and names the
// steps under way. A nil *progressGroup draws nothing.
type progressGroup struct {
	f     *os.File
	mu    sync.Mutex
	bar   *progressbar.ProgressBar
	steps []*groupStep
}

type groupStep struct {
	name    string
	started bool
	done    float64 // share finished, 0 to 1
}

// groupResolution is the bar's count for one step.
const groupResolution = 1000

// newProgressGroup returns a group drawing on stderr when it is a terminal, and nil otherwise.
func newProgressGroup(stderr io.Writer) *progressGroup {
	f, ok := stderr.(*os.File)
	if !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return &progressGroup{f: f}
}

// step returns the callbacks of the group's step named what, adding it when it is new: the step
// counts as under way from its first update (update(0, 0) marks a step that counts nothing as
// started) and as finished at finish. Adding every step before the first starts keeps the bar's
// share per step fixed.
func (g *progressGroup) step(what string) (update func(done, total int64), finish func()) {
	if g == nil {
		return nil, func() {}
	}
	g.mu.Lock()
	var s *groupStep
	for _, t := range g.steps {
		if t.name == what {
			s = t
		}
	}
	if s == nil {
		s = &groupStep{name: what}
		g.steps = append(g.steps, s)
	}
	g.mu.Unlock()
	update = func(done, total int64) {
		g.mu.Lock()
		defer g.mu.Unlock()
		s.started = true
		if total > 0 {
			s.done = min(float64(done)/float64(total), 1)
		}
		g.draw()
	}
	finish = func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		s.started, s.done = false, 1
		g.draw()
	}
	return update, finish
}

// draw shows the group's state; g.mu is held.
func (g *progressGroup) draw() {
	total := int64(len(g.steps) * groupResolution)
	if g.bar == nil {
		g.bar = progressbar.NewOptions64(total, progressbar.OptionSetWriter(g.f),
			progressbar.OptionThrottle(100e6), progressbar.OptionClearOnFinish())
	} else if g.bar.GetMax64() != total {
		g.bar.ChangeMax64(total)
	}
	var sum float64
	var names []string
	for _, s := range g.steps {
		sum += s.done
		if s.started {
			names = append(names, s.name)
		}
	}
	g.bar.Describe(strings.Join(names, ", "))
	g.bar.Set64(min(int64(sum*groupResolution), total-1)) // full only at close
}

// close clears the bar.
func (g *progressGroup) close() {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.bar != nil {
		g.bar.Finish()
	}
}
