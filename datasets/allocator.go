package datasets

import (
	"math/bits"
	"sync"
	"unsafe"

	"github.com/apache/arrow/go/v15/arrow/memory"
)

// growingAllocator is arrow's Go allocator with amortised growth. arrow v15's Parquet level encoder
// asks for a few more bytes at a time, and the plain Go allocator copies the whole buffer on every
// request, which made writing nullable columns quadratic in the page size. Here a buffer grows by
// doubling, and a request that fits its capacity is served in place (the newly exposed bytes are
// zeroed, as a fresh allocation would be).
type growingAllocator struct {
	memory.GoAllocator
}

func (a *growingAllocator) Reallocate(size int, b []byte) []byte { return grow(a, size, b) }

// grow is Reallocate with amortised growth: a request that fits b's capacity is served from b
// itself (the newly exposed bytes zeroed, as a fresh allocation would be); a larger one gets at
// least twice the capacity from a, and b goes back to a.
func grow(a memory.Allocator, size int, b []byte) []byte {
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

var writeAllocator = &growingAllocator{}

func init() {
	// arrow's Parquet encoders take their scratch buffers from a pool built on DefaultAllocator, out of
	// reach of the writer properties, so the growing allocator has to be the default one.
	memory.DefaultAllocator = writeAllocator
}

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

func (a *poolAllocator) Reallocate(size int, b []byte) []byte { return grow(a, size, b) }

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
