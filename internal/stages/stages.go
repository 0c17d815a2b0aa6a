// Package stages runs the steps of a command that do not depend on each other at the same time: a
// step starts once every step it comes after has finished, and at most a given number run at once.
// Each step writes its own results; the caller reads them in a fixed order after Run, so what a
// command writes and prints does not depend on how the steps were scheduled.
package stages

import (
	"context"
	"errors"
)

// Step is one step of a Plan.
type Step struct {
	name  string
	run   func(ctx context.Context) error
	after []*Step
	index int
}

// Name is the name the step was added with.
func (s *Step) Name() string { return s.name }

// Plan is a set of steps and the order between them. The zero Plan is empty and ready to use.
type Plan struct {
	steps []*Step
}

// Add adds a step that runs run once every step in after has finished without error. Steps
// added earlier start first when several are ready, so add the ones the others wait for (or the
// longest) first. after must hold steps already added to p.
func (p *Plan) Add(name string, run func(ctx context.Context) error, after ...*Step) *Step {
	for _, a := range after {
		if a == nil || a.index >= len(p.steps) || p.steps[a.index] != a {
			panic("stages: step " + name + " comes after a step not added to this plan")
		}
	}
	s := &Step{name: name, run: run, after: after, index: len(p.steps)}
	p.steps = append(p.steps, s)
	return s
}

// Run runs every step of the plan, at most workers at once (at least one), and returns when all
// have finished or, after a step fails, when the steps running then have returned. A failure
// cancels the context of the steps still running and starts no other step. Run returns the error
// of the earliest added step that failed on its own (not because it was cancelled after another
// step failed), or ctx's error when ctx ended first.
func (p *Plan) Run(ctx context.Context, workers int) error {
	workers = max(workers, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		index int
		err   error
	}
	n := len(p.steps)
	waiting := make([]int, n) // steps each step still waits for
	next := make([][]int, n)  // the steps that wait for each step
	for _, s := range p.steps {
		waiting[s.index] = len(s.after)
		for _, a := range s.after {
			next[a.index] = append(next[a.index], s.index)
		}
	}
	errs := make([]error, n)
	ownFailure := make([]bool, n)
	started := make([]bool, n)
	done := make(chan result)
	running, finished, failed := 0, 0, false
	start := func() {
		for i := 0; i < n && running < workers && !failed; i++ {
			if started[i] || waiting[i] > 0 {
				continue
			}
			started[i] = true
			running++
			go func(s *Step) {
				err := ctx.Err()
				if err == nil {
					err = s.run(ctx)
				}
				done <- result{s.index, err}
			}(p.steps[i])
		}
	}
	start()
	for running > 0 {
		r := <-done
		running--
		finished++
		if r.err != nil {
			errs[r.index] = r.err
			// After a failure cancelled the others, a step that then returns a cancellation
			// failed because of it; any other error is a failure of its own.
			ownFailure[r.index] = !failed || !errors.Is(r.err, context.Canceled)
			if !failed {
				failed = true
				cancel()
			}
			continue
		}
		for _, j := range next[r.index] {
			waiting[j]--
		}
		start()
	}
	if !failed {
		if finished < n {
			// Unreachable with steps added through Add, which cannot form a cycle.
			return errors.New("stages: some steps never became ready")
		}
		return nil
	}
	// Of the steps that failed on their own, the earliest added is the one to report, so that
	// of two failures the same one is reported whichever came first.
	for i, err := range errs {
		if err != nil && ownFailure[i] {
			return err
		}
	}
	return nil
}
