package datasets

import "fmt"

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
		return StaffFrontline, true
	case "office":
		return StaffOffice, true
	case "manager":
		return StaffManager, true
	case "ict":
		return StaffICT, true
	case "other":
		return StaffOther, true
	}
	return 0, false
}

func validYear(v int64) bool  { return v >= MinYear && v <= MaxYear }
func validScore(v int64) bool { return v >= 1 && v <= 7 }

// respondentKeys detects a respondent_id used twice within one (org_code, year). Uniqueness over a
// streamed file needs a record of every key seen: keys are packed into 8 bytes where they fit
// (organisation, year and an id below 2^40, which covers every id scheme we know of) and kept in
// an open-addressing set, so the cost is about 12 bytes per response; other keys go to a map.
type respondentKeys struct {
	slots []uint64 // packed key + 1; 0 is empty
	used  int
	other map[[2]int64]struct{}
}

const idBits = 40

// add records a key and reports false when it was already there.
func (k *respondentKeys) add(org, year int32, id int64) bool {
	y := int64(year) - MinYear
	if id < 0 || id >= 1<<idBits || org < 0 || int64(org) >= 1<<(64-idBits-7-1) {
		if k.other == nil {
			k.other = make(map[[2]int64]struct{})
		}
		key := [2]int64{int64(org)<<8 | y, id}
		if _, dup := k.other[key]; dup {
			return false
		}
		k.other[key] = struct{}{}
		return true
	}
	key := (uint64(org)<<7|uint64(y))<<idBits | uint64(id)
	key++
	if k.used*4 >= len(k.slots)*3 {
		k.grow()
	}
	mask := uint64(len(k.slots) - 1)
	h := (key * 0x9E3779B97F4A7C15) >> 20
	for i := h & mask; ; i = (i + 1) & mask {
		switch k.slots[i] {
		case 0:
			k.slots[i] = key
			k.used++
			return true
		case key:
			return false
		}
	}
}

func (k *respondentKeys) grow() {
	old := k.slots
	n := 1 << 16
	if len(old) > 0 {
		n = len(old) * 2
	}
	k.slots = make([]uint64, n)
	mask := uint64(n - 1)
	for _, key := range old {
		if key == 0 {
			continue
		}
		h := (key * 0x9E3779B97F4A7C15) >> 20
		for i := h & mask; ; i = (i + 1) & mask {
			if k.slots[i] == 0 {
				k.slots[i] = key
				break
			}
		}
	}
}
