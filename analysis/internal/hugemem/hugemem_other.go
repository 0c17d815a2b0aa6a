//go:build !linux

package hugemem

import "unsafe"

const available = false

func advise(unsafe.Pointer, uintptr) {}
