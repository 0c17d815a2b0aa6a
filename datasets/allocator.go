package datasets

import (
	"math/bits"
	"sync"
	"unsafe"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/psnbyod/psnbyod/datasets/internal/arrowmem"
)

// poolAllocator serves arrow's buffers from per-size pools and takes them back when arrow releases
// them, so reading a large Parquet file reuses a few batches' worth of memory instead of asking the
// garbage collector for every batch. Sizes are rounded up to powers of two; buffers are 64-byte
// aligned and zeroed, as arrow's Go allocator gives them. Only buffers it made go back to a pool.
//
// A reader using it must not keep anything that points into a released batch: a string read from a
// released batch could later show other bytes. The survey readers copy what they keep.
type poolAllocator struct {
	pools [poolClasses]sync.Pool
	// poison, for tests, overwrites every freed buffer, so that reading memory arrow has released
	// shows up as wrong values instead of passing unseen.
	poison bool
}

const (
	poolMinClass = 6  // 64 bytes
	poolClasses  = 31 // up to 1 GiB; larger requests are served and dropped
	poolAlign    = 64
)

// poolClass returns the power of two a request of size bytes is rounded up to.
func poolClass(size int) int {
	return max(poolMinClass, bits.Len(uint(size-1)))
}

func (a *poolAllocator) Allocate(size int) []byte {
	if size <= 0 {
		return []byte{}
	}
	c := poolClass(size)
	if c < poolClasses {
		if p, ok := a.pools[c].Get().(*[]byte); ok {
			b := (*p)[:size]
			clear(b)
			return b
		}
	}
	raw := make([]byte, 1<<c+poolAlign)
	off := 0
	if r := uintptr(unsafe.Pointer(unsafe.SliceData(raw))) % poolAlign; r != 0 {
		off = int(poolAlign - r)
	}
	return raw[off : off+size : off+1<<c]
}

func (a *poolAllocator) Reallocate(size int, b []byte) []byte { return arrowmem.Grow(a, size, b) }

// Free returns a buffer to its pool when its capacity marks it as one of ours.
func (a *poolAllocator) Free(b []byte) {
	n := cap(b)
	if n < 1<<poolMinClass || n&(n-1) != 0 {
		return
	}
	c := bits.Len(uint(n)) - 1
	if c >= poolClasses || uintptr(unsafe.Pointer(unsafe.SliceData(b[:1])))%poolAlign != 0 {
		return
	}
	if a.poison {
		b = b[:n]
		for i := range b {
			b[i] = 0xa5
		}
	}
	b = b[:0]
	a.pools[c].Put(&b)
}

// readAllocator serves the record batches of the survey readers.
var readAllocator memory.Allocator = &poolAllocator{}
