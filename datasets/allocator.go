package datasets

import "github.com/apache/arrow/go/v15/arrow/memory"

// growingAllocator is arrow's Go allocator with amortised growth. arrow v15's Parquet level encoder
// asks for a few more bytes at a time, and the plain Go allocator copies the whole buffer on every
// request, which made writing nullable columns quadratic in the page size. Here a buffer grows by
// doubling, and a request that fits its capacity is served in place (the newly exposed bytes are
// zeroed, as a fresh allocation would be).
type growingAllocator struct {
	memory.GoAllocator
}

func (a *growingAllocator) Reallocate(size int, b []byte) []byte {
	if size <= cap(b) {
		old := len(b)
		b = b[:size]
		if size > old {
			clear(b[old:])
		}
		return b
	}
	nb := a.GoAllocator.Allocate(max(size, 2*cap(b)))[:size]
	copy(nb, b)
	a.GoAllocator.Free(b)
	return nb
}

var writeAllocator = &growingAllocator{}

func init() {
	// arrow's Parquet encoders take their scratch buffers from a pool built on DefaultAllocator, out of
	// reach of the writer properties, so the growing allocator has to be the default one.
	memory.DefaultAllocator = writeAllocator
}
