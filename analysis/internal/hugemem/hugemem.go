// Package hugemem allocates long slices on transparent huge pages where the system offers them.
//
// A Monte Carlo run of a million iterations fills a few hundred megabytes it has just allocated.
// Touched 4 KiB at a time, each page costs the kernel a fault, and on a virtual machine a fault
// costs microseconds: on the machine BENCHMARKS.md describes, first touching 256 MiB took about
// a second of CPU time in 4 KiB pages and under a tenth of that in 2 MiB pages. Go's runtime does
// not ask for huge pages for its heap, and Linux set to give them only where asked (the usual
// "madvise" setting) then never does. Make asks for them on the slices that are worth it.
package hugemem

import "unsafe"

// hugePage is the size of a transparent huge page on amd64 and arm64 Linux.
const hugePage = 2 << 20

// Make returns a zeroed slice of n elements, like make([]T, n). A slice of at least two huge
// pages starts on a huge-page boundary in an allocation one huge page longer (not touched, so it
// costs address space, not memory), and the system is asked to back it with huge pages. It is
// an ordinary Go allocation: the garbage collector frees it like any other.
func Make[T any](n int) []T {
	size := uintptr(n) * unsafe.Sizeof(*new(T))
	if size < 2*hugePage || !available {
		return make([]T, n)
	}
	slack := int(hugePage / unsafe.Sizeof(*new(T)))
	s := make([]T, n+slack)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	off := int((hugePage-p%hugePage)%hugePage) / int(unsafe.Sizeof(*new(T)))
	s = s[off : off+n : off+n]
	advise(unsafe.Pointer(unsafe.SliceData(s)), size)
	return s
}
