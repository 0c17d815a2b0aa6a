package resultfile

import (
	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/psnbyod/psnbyod/datasets/internal/arrowmem"
)

// growingAllocator is arrow's Go allocator with amortised growth. arrow v15's Parquet level encoder
// asks for a few more bytes at a time, and the plain Go allocator copies the whole buffer on every
// request, which made writing nullable columns quadratic in the page size. Here a buffer grows by
// doubling, and a request that fits its capacity is served in place (the newly exposed bytes are
// zeroed, as a fresh allocation would be).
type growingAllocator struct {
	memory.GoAllocator
}

func (a *growingAllocator) Reallocate(size int, b []byte) []byte { return arrowmem.Grow(a, size, b) }

var writeAllocator = &growingAllocator{}

func init() {
	// arrow's Parquet encoders take their scratch buffers from a pool built on DefaultAllocator, out of
	// reach of the writer properties, so the growing allocator has to be the default one.
	memory.DefaultAllocator = writeAllocator
}
