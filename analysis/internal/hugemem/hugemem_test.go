package hugemem

import (
	"testing"
	"unsafe"
)

func TestMake(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 2 * hugePage / 8, 1_000_003} {
		s := Make[float64](n)
		if len(s) != n || cap(s) != n {
			t.Fatalf("Make(%d): len %d, cap %d", n, len(s), cap(s))
		}
		for i, v := range s {
			if v != 0 {
				t.Fatalf("Make(%d)[%d] = %v, want 0", n, i, v)
			}
		}
		for i := range s {
			s[i] = float64(i)
		}
		for i, v := range s {
			if v != float64(i) {
				t.Fatalf("Make(%d)[%d] = %v after writing %d", n, i, v, i)
			}
		}
		if available && n*8 >= 2*hugePage && uintptr(unsafe.Pointer(unsafe.SliceData(s)))%hugePage != 0 {
			t.Errorf("Make(%d) does not start on a huge page", n)
		}
	}
	if s := Make[int32](3_000_000); len(s) != 3_000_000 || uintptr(unsafe.Pointer(&s[0]))%hugePage != 0 && available {
		t.Errorf("Make[int32]: len %d, not aligned", len(s))
	}
}
