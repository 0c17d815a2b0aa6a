package sector

import (
	"fmt"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
)

// iterationBytes is the memory a sector run keeps per iteration: its summary figures and the draws
// of its inputs (about 300 bytes, as measured on the ready models; rounded up).
const iterationBytes = 384

// CheckWork refuses a model whose run would not fit budget bytes of memory, before it starts,
// saying how many iterations would.
func CheckWork(m *Model, budget int64) error {
	if m.Iterations < 1 || m.Iterations > costmodel.MaxIterations {
		return costmodel.Errors{{File: m.File, Field: "iterations", Msg: fmt.Sprintf("%d iterations: expected 1 to %d", m.Iterations, costmodel.MaxIterations), Kind: costmodel.ErrTooLarge}}
	}
	if need := int64(m.Iterations) * iterationBytes; need > budget {
		return costmodel.Errors{{File: m.File, Field: "iterations", Msg: fmt.Sprintf(
			"%d iterations need about %d MiB, over the memory budget of %d MiB (--max-memory); at most about %d iterations fit",
			m.Iterations, need>>20, budget>>20, budget/iterationBytes), Kind: costmodel.ErrTooLarge}}
	}
	return nil
}
