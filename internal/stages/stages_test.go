package stages

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunOrder checks that a step starts only after the steps it comes after have finished, that
// every step runs once, and that no more than workers run at once.
func TestRunOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 3, 8} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			var (
				mu       sync.Mutex
				finished []string
				running  atomic.Int32
				most     atomic.Int32
			)
			var p Plan
			step := func(name string, after ...*Step) *Step {
				return p.Add(name, func(ctx context.Context) error {
					n := running.Add(1)
					for {
						m := most.Load()
						if n <= m || most.CompareAndSwap(m, n) {
							break
						}
					}
					time.Sleep(time.Millisecond)
					mu.Lock()
					for _, a := range after {
						if !slices.Contains(finished, a.Name()) {
							t.Errorf("%s started before %s finished", name, a.Name())
						}
					}
					finished = append(finished, name)
					mu.Unlock()
					running.Add(-1)
					return nil
				}, after...)
			}
			a := step("a")
			b := step("b")
			c := step("c", a)
			d := step("d", a, b)
			step("e", c, d)
			step("f")
			step("g", b)
			if err := p.Run(context.Background(), workers); err != nil {
				t.Fatal(err)
			}
			slices.Sort(finished)
			if want := []string{"a", "b", "c", "d", "e", "f", "g"}; !slices.Equal(finished, want) {
				t.Errorf("steps run: %v, want each of %v once", finished, want)
			}
			if m := most.Load(); m > int32(workers) {
				t.Errorf("%d steps ran at once, more than the %d workers", m, workers)
			}
		})
	}
}

// TestRunOneWorkerOrder checks that with one worker the steps run in the order added (a step
// can only come after steps added before it).
func TestRunOneWorkerOrder(t *testing.T) {
	var order []string
	var p Plan
	add := func(name string, after ...*Step) *Step {
		return p.Add(name, func(context.Context) error { order = append(order, name); return nil }, after...)
	}
	a := add("a")
	add("b", a)
	add("c")
	add("d", a)
	if err := p.Run(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	if want := []string{"a", "b", "c", "d"}; !slices.Equal(order, want) {
		t.Errorf("order %v, want %v", order, want)
	}
}

// TestRunFailure checks that a failure cancels the running steps, starts none after it, and is the
// error returned rather than the cancellations it caused.
func TestRunFailure(t *testing.T) {
	boom := errors.New("boom")
	var p Plan
	var afterRan, waiterCancelled atomic.Bool
	started := make(chan struct{})
	p.Add("waits for cancellation", func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		waiterCancelled.Store(true)
		return ctx.Err()
	})
	bad := p.Add("fails", func(context.Context) error { <-started; return boom })
	p.Add("after the failure", func(context.Context) error { afterRan.Store(true); return nil }, bad)
	err := p.Run(context.Background(), 2)
	if !errors.Is(err, boom) {
		t.Errorf("Run returned %v, want the step's own error %v", err, boom)
	}
	if !waiterCancelled.Load() {
		t.Error("the running step was not cancelled")
	}
	if afterRan.Load() {
		t.Error("a step after the failed one ran")
	}
}

// TestRunEarliestFailure checks that of two steps failing on their own the earlier added is
// reported, whichever fails first.
func TestRunEarliestFailure(t *testing.T) {
	first, second := errors.New("first"), errors.New("second")
	var p Plan
	firstStarted, secondDone := make(chan struct{}), make(chan struct{})
	p.Add("first", func(context.Context) error { close(firstStarted); <-secondDone; return first })
	p.Add("second", func(context.Context) error { <-firstStarted; defer close(secondDone); return second })
	if err := p.Run(context.Background(), 2); !errors.Is(err, first) {
		t.Errorf("Run returned %v, want %v (the earlier added of two failures)", err, first)
	}
}

// TestRunCancelled checks that a cancelled context stops the plan with its error.
func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var p Plan
	a := p.Add("cancels", func(context.Context) error { cancel(); return nil })
	var ran atomic.Bool
	p.Add("after", func(context.Context) error { ran.Store(true); return nil }, a)
	if err := p.Run(ctx, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("Run returned %v, want context.Canceled", err)
	}
	if ran.Load() {
		t.Error("a step ran after the context was cancelled")
	}
}

// TestAddForeignStep checks that a step of another plan cannot be waited for.
func TestAddForeignStep(t *testing.T) {
	var p, q Plan
	s := q.Add("other", func(context.Context) error { return nil })
	defer func() {
		if recover() == nil {
			t.Error("Add accepted a step of another plan")
		}
	}()
	p.Add("mine", func(context.Context) error { return nil }, s)
}
