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
// pages starts on a huge-page boundary, in an allocation that runs on to the end of its last
// huge page and one huge page longer (the slack is never touched, so it costs address space, not
// memory), and the system is asked to back all its huge pages with huge pages: a huge page that
// another allocation shared would be faulted in 4 KiB pages. It is an ordinary Go allocation:
// the garbage collector frees it like any other.
func Make[T any](n int) []T {
	elem := unsafe.Sizeof(*new(T))
	size := uintptr(n) * elem
	if size < 2*hugePage || !available {
		return make([]T, n)
	}
	whole := (size + hugePage - 1) &^ (hugePage - 1)
	s := make([]T, (whole+hugePage+elem-1)/elem)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	off := int(((hugePage-p%hugePage)%hugePage + elem - 1) / elem)
	s = s[off:]
	advise(unsafe.Pointer(unsafe.SliceData(s)), whole)
	return s[:n:n]
}
