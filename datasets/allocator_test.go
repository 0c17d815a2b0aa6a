package datasets

import (
	"testing"
	"unsafe"
)

func aligned(b []byte) bool {
	return uintptr(unsafe.Pointer(unsafe.SliceData(b[:cap(b)])))%poolAlign == 0
}

// TestPoolAllocator checks what arrow expects of an allocator (zeroed, 64-byte aligned buffers of the
// asked length; Reallocate keeps the contents) and that a freed buffer is reused zeroed.
func TestPoolAllocator(t *testing.T) {
	var a poolAllocator
	for _, size := range []int{1, 63, 64, 65, 1000, 4096, 100_000} {
		b := a.Allocate(size)
		if len(b) != size || !aligned(b) {
			t.Fatalf("Allocate(%d): len %d, cap %d, aligned %v", size, len(b), cap(b), aligned(b))
		}
		if want := 1 << poolClass(size); cap(b) != want {
			t.Errorf("Allocate(%d): cap %d, want %d", size, cap(b), want)
		}
		for i := range b {
			b[i] = 0xff
		}
		a.Free(b)
		// A pool may or may not hand the same buffer back; either way it must come zeroed.
		c := a.Allocate(size)
		for i, v := range c {
			if v != 0 {
				t.Fatalf("Allocate(%d) after Free: byte %d is %#x, want 0", size, i, v)
			}
		}
		a.Free(c)
	}
	if b := a.Allocate(0); len(b) != 0 {
		t.Errorf("Allocate(0): len %d", len(b))
	}

	b := a.Allocate(10)
	copy(b, "0123456789")
	b = a.Reallocate(20, b)
	if string(b[:10]) != "0123456789" || len(b) != 20 {
		t.Errorf("Reallocate within capacity: %q (len %d)", b[:10], len(b))
	}
	for _, v := range b[10:] {
		if v != 0 {
			t.Fatalf("Reallocate: the new bytes are not zeroed: %v", b[10:])
		}
	}
	b = a.Reallocate(1000, b)
	if string(b[:10]) != "0123456789" || len(b) != 1000 || !aligned(b) {
		t.Errorf("Reallocate beyond capacity: %q (len %d, aligned %v)", b[:10], len(b), aligned(b))
	}

	// Buffers the allocator did not make (capacity not a power of two) are left alone.
	foreign := make([]byte, 100)
	a.Free(foreign)
	a.Free(nil)
}
