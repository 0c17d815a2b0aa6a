package datasets

import (
	"fmt"
	"math/bits"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// The rules of the survey_responses table, shared by the CSV and Parquet readers so that both give
// the same messages for the same bad value.

var (
	expectYear   = fmt.Sprintf("an integer year from %d to %d", MinYear, MaxYear)
	expectScore  = "an integer from 1 to 7"
	expectScoreN = "an integer from 1 to 7, or empty"
	expectID     = "an integer respondent_id"
	expectWeight = "a finite number > 0"
	expectBool   = "true or false (or 1 or 0)"
	expectStaff  = "one of frontline, office, manager, ict, other"
	expectOrg    = "an org_code present in organisations"
)

// staffCode maps a staff_group name to its code.
func staffCode(s string) (uint8, bool) {
	switch s {
	case "frontline":
		return contract.StaffFrontline, true
	case "office":
		return contract.StaffOffice, true
	case "manager":
		return contract.StaffManager, true
	case "ict":
		return contract.StaffICT, true
	case "other":
		return contract.StaffOther, true
	}
	return 0, false
}

func validYear(v int64) bool  { return v >= MinYear && v <= MaxYear }
func validScore(v int64) bool { return v >= 1 && v <= 7 }

// respondentKeys detects a respondent_id used twice within one (org_code, year). Uniqueness over a
// streamed file needs a record of every key seen, so this is the one part of reading whose memory
// grows with the file; it is kept small. Most surveys number respondents densely within an
// org-year (1, 2, 3, ...), so each org-year keeps a bitmap over the range of its ids: about one bit
// per response, and a check costs a shift and a mask. An org-year whose ids are sparse (fewer than
// one in 64 of its range) moves to a shared hash set of packed keys, about 16 bytes per response.
type respondentKeys struct {
	groups  map[int64]*idGroup
	lastKey int64
	last    *idGroup
	sparse  keySet
	other   map[[2]int64]struct{} // keys too wide to pack
}

// idGroup is the ids seen in one org-year, as a bitmap from lo while they are dense.
type idGroup struct {
	key    int64
	lo     int64
	bits   []uint64
	count  int
	sparse bool
}

// add records a key and reports false when it was already there.
func (k *respondentKeys) add(org, year int32, id int64) bool {
	key := int64(org)<<8 | (int64(year) - MinYear)
	g := k.last
	if g == nil || k.lastKey != key {
		if k.groups == nil {
			k.groups = make(map[int64]*idGroup)
		}
		g = k.groups[key]
		if g == nil {
			g = &idGroup{key: key, lo: id &^ 63}
			k.groups[key] = g
		}
		k.last, k.lastKey = g, key
	}
	if !g.sparse {
		if added, fits := g.add(id); fits {
			return added
		}
		k.toSparse(g)
	}
	return k.addSparse(g.key, id)
}

// add sets id's bit; fits is false when the bitmap would become too sparse.
func (g *idGroup) add(id int64) (added, fits bool) {
	off := id - g.lo
	if off < 0 || off >= int64(len(g.bits))*64 {
		lo, hi := min(g.lo, id&^63), max(g.lo+int64(len(g.bits))*64, (id|63)+1)
		if span := hi - lo; span < 0 || span > 64*int64(g.count+1024) {
			return false, false
		}
		// Grow with room to spare on the side that grew, so runs of new ids do not copy each time.
		extra := int64(len(g.bits)) * 64
		if id >= g.lo {
			hi += extra
		} else if lo-extra < lo {
			lo -= extra
		}
		nb := make([]uint64, (hi-lo)/64)
		copy(nb[(g.lo-lo)/64:], g.bits)
		g.bits, g.lo = nb, lo
		off = id - g.lo
	}
	w, m := off>>6, uint64(1)<<(off&63)
	if g.bits[w]&m != 0 {
		return false, true
	}
	g.bits[w] |= m
	g.count++
	return true, true
}

// toSparse moves a group's ids from its bitmap to the hash set.
func (k *respondentKeys) toSparse(g *idGroup) {
	for w, word := range g.bits {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &= word - 1
			k.addSparse(g.key, g.lo+int64(w)*64+int64(b))
		}
	}
	g.bits, g.sparse = nil, true
}

const idBits = 40

func (k *respondentKeys) addSparse(group, id int64) bool {
	if id < 0 || id >= 1<<idBits || group >= 1<<(63-idBits) {
		if k.other == nil {
			k.other = make(map[[2]int64]struct{})
		}
		key := [2]int64{group, id}
		if _, dup := k.other[key]; dup {
			return false
		}
		k.other[key] = struct{}{}
		return true
	}
	return k.sparse.add(uint64(group)<<idBits | uint64(id))
}

// keySet is an open-addressing set of 64-bit keys (stored plus one, so zero marks an empty slot),
// hashed by Fibonacci multiplication taking the high bits.
type keySet struct {
	slots []uint64
	shift uint
	used  int
}

func (s *keySet) add(key uint64) bool {
	key++
	if s.used*4 >= len(s.slots)*3 {
		s.grow()
	}
	mask := uint64(len(s.slots) - 1)
	for i := (key * 0x9E3779B97F4A7C15) >> s.shift; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case 0:
			s.slots[i] = key
			s.used++
			return true
		case key:
			return false
		}
	}
}

func (s *keySet) grow() {
	old := s.slots
	n := 1 << 12
	if len(old) > 0 {
		n = len(old) * 2
	}
	s.slots = make([]uint64, n)
	s.shift = uint(64 - bits.TrailingZeros(uint(n)))
	mask := uint64(n - 1)
	for _, key := range old {
		if key == 0 {
			continue
		}
		for i := (key * 0x9E3779B97F4A7C15) >> s.shift; ; i = (i + 1) & mask {
			if s.slots[i] == 0 {
				s.slots[i] = key
				break
			}
		}
	}
}
