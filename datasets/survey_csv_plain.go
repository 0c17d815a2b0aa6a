package datasets

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// The plain-record fast path of the survey CSV reader. Most survey files are written by a program
// in the contract's column order, with nothing quoted: a record such as
//
//	E06000009,2011,3,other,false,5,,4,0.9532
//
// plainSurveyRecord reads such a record in one pass over its bytes, parsing each value where it
// stands, instead of cutting the line into fields first and parsing them afterwards. It accepts
// only a narrow, unambiguous form of each value, one the general path (tokenizer, then the value
// parsers) reads to the same result; anything else, including every record with a problem,
// returns false and is read again by the general path, which names the problem. So the fast path
// changes how quickly a record is read, never whether it is accepted, what it holds or what an
// error says.

// plainSurveyRow holds the values of one plain record.
type plainSurveyRow struct {
	code                    []byte // org_code as written
	org                     int32
	year, id                int64
	staff                   uint8
	byod                    bool
	overall, remote, device int8
	weight                  float64
}

// plainSurveyLayout reports whether a header is the contract's columns in the contract's order and
// nothing else, the layout plainSurveyRecord reads.
func plainSurveyLayout(hdr csvHead) bool {
	if hdr.fields != len(SurveyColumns) || len(hdr.cm.pos) != len(SurveyColumns) {
		return false
	}
	for i, p := range hdr.cm.pos {
		if p != i {
			return false
		}
	}
	return true
}

// plainSurveyRecord reads the plain record that starts at data[i] into r and returns the offset
// just after it (after its LF or CRLF, or len(data) for a last record without a line end), or -1
// when the record is not plain. r.org and r.code carry the previous plain record's organisation
// over, so that a run of rows of one organisation looks its code up once.
func (d *Dataset) plainSurveyRecord(data []byte, i int, r *plainSurveyRow) int {
	n := len(data)
	start := i
	// org_code: the previous plain record's code when the bytes match it and a comma follows (that
	// code was read here, so holds no comma, quote or newline), else up to the next comma and looked
	// up.
	if l := len(r.code); l > 0 && i+l < n && data[i+l] == ',' && bytes.Equal(data[i:i+l], r.code) {
		i += l + 1
	} else {
		j := i
		for j < n {
			c := data[j]
			if c == ',' {
				break
			}
			if c == '"' || c == '\n' || j-i > 64 {
				return -1
			}
			j++
		}
		if j >= n || j == i {
			return -1
		}
		code := data[i:j]
		o, ok := d.OrgIndex[bytesString(code)]
		if !ok || !utf8.Valid(code) {
			return -1
		}
		r.org, r.code = o, append(r.code[:0], code...)
		i = j + 1
	}
	// year and respondent_id: 1 to 18 digits, so no overflow and no sign.
	var ok bool
	if r.year, i, ok = plainDigits(data, i); !ok || !validYear(r.year) {
		return -1
	}
	if r.id, i, ok = plainDigits(data, i); !ok {
		return -1
	}
	// staff_group and uses_byod: compared with the one word each may be (by its first two bytes),
	// eight bytes at a time.
	if i+32 <= n { // room for two values of up to 16 bytes
		w0, w1 := binary.LittleEndian.Uint64(data[i:]), binary.LittleEndian.Uint64(data[i+8:])
		p := plainStaffWords.find(w0, w1)
		if p == nil {
			return -1
		}
		r.staff, i = p.value, i+p.len
		w0, w1 = binary.LittleEndian.Uint64(data[i:]), binary.LittleEndian.Uint64(data[i+8:])
		if p = plainBoolWords.find(w0, w1); p != nil {
			r.byod, i = p.value == 1, i+p.len
		} else if i, ok = plainBool(data, i, r); !ok {
			return -1
		}
	} else {
		if i, ok = plainStaff(data, i, r); !ok {
			return -1
		}
		if i, ok = plainBool(data, i, r); !ok {
			return -1
		}
	}
	// overall_satisfaction: one digit 1–7; the two nullable scores: one digit 1–7 or nothing.
	if i+1 >= n || data[i+1] != ',' || data[i] < '1' || data[i] > '7' {
		return -1
	}
	r.overall = int8(data[i] - '0')
	i += 2
	for _, s := range [2]*int8{&r.remote, &r.device} {
		if i < n && data[i] == ',' {
			*s = 0
			i++
			continue
		}
		if i+1 >= n || data[i+1] != ',' || data[i] < '1' || data[i] > '7' {
			return -1
		}
		*s = int8(data[i] - '0')
		i += 2
	}
	// weight: digits with at most one decimal point, 1 to 15 digits, not zero (parseSimpleDecimal's
	// form without a sign), then LF, CRLF or the end of the data.
	var m uint64
	digits, frac := 0, -1
	j := i
	for ; j < n; j++ {
		c := data[j]
		if d := c - '0'; d <= 9 {
			m = m*10 + uint64(d)
			digits++
			continue
		}
		if c == '.' && frac < 0 {
			frac = j
			continue
		}
		break
	}
	if digits == 0 || digits > 15 || m == 0 {
		return -1
	}
	k := 0
	if frac >= 0 {
		k = j - frac - 1
	}
	r.weight = float64(m) / pow10[k]
	var next int
	switch {
	case j == n:
		next = n
	case data[j] == '\n':
		next = j + 1
	case data[j] == '\r' && j+1 < n && data[j+1] == '\n':
		next = j + 2
	default:
		return -1
	}
	if next-start > maxCSVRecord {
		return -1
	}
	return next
}

// plainDigits reads 1 to 18 decimal digits at data[i], followed by a comma, and returns their value
// and the offset after the comma.
func plainDigits(data []byte, i int) (int64, int, bool) {
	var v int64
	j := i
	for j < len(data) {
		d := data[j] - '0'
		if d > 9 {
			break
		}
		v = v*10 + int64(d)
		j++
	}
	if j == i || j-i > 18 || j >= len(data) || data[j] != ',' {
		return 0, 0, false
	}
	return v, j + 1, true
}

// plainField returns the value of at most max bytes at data[i] that a comma ends, and the offset
// after the comma.
func plainField(data []byte, i, max int) ([]byte, int, bool) {
	j := i
	for j < len(data) && data[j] != ',' {
		if j-i >= max {
			return nil, 0, false
		}
		j++
	}
	if j >= len(data) {
		return nil, 0, false
	}
	return data[i:j], j + 1, true
}

// plainStaff reads a staff_group name and its comma at data[i] and returns the offset after the comma.
func plainStaff(data []byte, i int, r *plainSurveyRow) (int, bool) {
	f, i, ok := plainField(data, i, 9) // frontline
	if ok {
		r.staff, ok = staffCode(bytesString(f))
	}
	return i, ok
}

// plainBool reads a uses_byod value (parseBool's: true/false in any letter case, 1/0) and its comma
// at data[i] and returns the offset after the comma.
func plainBool(data []byte, i int, r *plainSurveyRow) (int, bool) {
	f, i, ok := plainField(data, i, 5) // false
	if ok {
		r.byod, ok = parseBool(f)
	}
	return i, ok
}

// plainWord is a value written as a word followed by a comma, as 16 bytes read little-endian
// (word0, word1) and the bits of them it occupies (mask0, mask1).
type plainWord struct {
	word0, word1, mask0, mask1 uint64
	len                        int // the word and its comma
	value                      uint8
}

// plainWordSet is a few plainWords and, for each pair of first two bytes, the one word that starts
// with them (its index + 1; 0 for none, plainWordsShared for more than one), so that a value is
// compared with one word, not tried against each in turn.
type plainWordSet struct {
	words []plainWord
	first [1 << 16]uint8
}

const plainWordsShared = 0xff

// find returns the word that the 16 bytes w0, w1 start with (with its comma), or nil.
func (s *plainWordSet) find(w0, w1 uint64) *plainWord {
	switch k := s.first[uint16(w0)]; k {
	case 0:
		return nil
	case plainWordsShared:
		for k := range s.words {
			if p := &s.words[k]; w0&p.mask0 == p.word0 && w1&p.mask1 == p.word1 {
				return p
			}
		}
		return nil
	default:
		if p := &s.words[k-1]; w0&p.mask0 == p.word0 && w1&p.mask1 == p.word1 {
			return p
		}
		return nil
	}
}

// The staff groups and the usual spellings of uses_byod; other spellings parseBool accepts (TrUe)
// take the slower way.
var (
	plainStaffWords = newPlainWordSet(contract.StaffGroups[:], func(s string) (uint8, bool) { return staffCode(s) })
	plainBoolWords  = newPlainWordSet([]string{"false", "true", "0", "1", "FALSE", "TRUE", "False", "True"}, func(s string) (uint8, bool) {
		v, ok := parseBool([]byte(s))
		if v {
			return 1, ok
		}
		return 0, ok
	})
)

func newPlainWordSet(words []string, value func(string) (uint8, bool)) *plainWordSet {
	s := &plainWordSet{words: make([]plainWord, len(words))}
	if len(words) >= plainWordsShared {
		panic("newPlainWordSet: too many words")
	}
	for k, w := range words {
		v, ok := value(w)
		if !ok || len(w) == 0 || len(w)+1 > 16 {
			panic("newPlainWordSet: " + w)
		}
		var b, m [16]byte
		copy(b[:], w+",")
		for i := range len(w) + 1 {
			m[i] = 0xff
		}
		s.words[k] = plainWord{
			word0: binary.LittleEndian.Uint64(b[:]), word1: binary.LittleEndian.Uint64(b[8:]),
			mask0: binary.LittleEndian.Uint64(m[:]), mask1: binary.LittleEndian.Uint64(m[8:]),
			len: len(w) + 1, value: v,
		}
		f := binary.LittleEndian.Uint16(b[:])
		if s.first[f] == 0 {
			s.first[f] = uint8(k + 1)
		} else {
			s.first[f] = plainWordsShared
		}
	}
	return s
}
