package hugemem

import (
	"syscall"
	"unsafe"
)

// available is whether the system gives huge pages to a range that asks for them.
const available = true

// advise asks for huge pages on the whole huge pages within [p, p+size). It is advice: a
// system without huge pages to give keeps using small ones, and the slice works the same.
func advise(p unsafe.Pointer, size uintptr) {
	beg := (uintptr(p) + hugePage - 1) &^ (hugePage - 1)
	end := (uintptr(p) + size) &^ (hugePage - 1)
	if beg < end {
		_ = syscall.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, beg-uintptr(p))), end-beg), syscall.MADV_HUGEPAGE)
	}
}
