// Package arrowmem holds the growth rule of the allocators handed to arrow, shared by the dataset
// readers' buffer pool and the result writers' growing allocator.
package arrowmem

import "github.com/apache/arrow/go/v15/arrow/memory"

// Grow is Reallocate with amortised growth: a request that fits b's capacity is served from b
// itself (the newly exposed bytes zeroed, as a fresh allocation would be); a larger one gets at
// least twice the capacity from a, and b goes back to a.
func Grow(a memory.Allocator, size int, b []byte) []byte {
	if size <= cap(b) {
		old := len(b)
		b = b[:size]
		if size > old {
			clear(b[old:])
		}
		return b
	}
	nb := a.Allocate(max(size, 2*cap(b)))[:size]
	copy(nb, b)
	a.Free(b)
	return nb
}
