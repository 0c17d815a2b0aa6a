package datasets

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"unsafe"

	"github.com/golang/snappy"
)

// Our own decoder of the pages of a flat Parquet column chunk, for the survey's columns in the
// layouts writers commonly use: data pages v1 and v2, values PLAIN or dictionary-encoded
// (PLAIN_DICTIONARY, RLE_DICTIONARY; booleans also RLE), definition levels RLE with at most one
// level, any codec arrow reads. The chunk is read once into a buffer the worker keeps, and each
// page is decompressed into another kept buffer (an uncompressed page is read where it lies), then
// decoded straight into the batch: arrow's page reader would copy the chunk, allocate and clear a
// fresh buffer for every page, and hand the values over through levels and dense slices first.
// A chunk with anything else (other encodings, more levels) is left to arrow's typed readers
// (survey_parquet_direct.go), which stay the reference with pqarrow: the tests compare all three.
//
// The layout check (parquetcheck.go) has already read every page header of the file and checked
// its sizes against the file and the memory budget; the decoder still checks every length it
// reads against the bytes it has, so a damaged page gives an error, never a crash.
//
// References: Apache Parquet format, Encodings.md (PLAIN, RLE/bit-packing hybrid, dictionary
// encoding) and parquet.thrift (page headers), https://github.com/apache/parquet-format.

// Value encodings (parquet.thrift Encoding) besides those parquetcheck.go names.
const encPlain = 0

// errPage marks a page the decoder cannot read: the caller then leaves the batch to the pqarrow
// path, which names what is wrong.
var errPage = errors.New("unreadable page")

func pageErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errPage, fmt.Sprintf(format, args...))
}

// nativeLittleEndian says whether PLAIN values (little-endian) can be copied as they lie.
var nativeLittleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

// hybrid decodes the RLE/bit-packing hybrid encoding of definition levels, dictionary indices and
// RLE booleans: runs of one repeated value, and groups of 8 values packed in width bits each.
type hybrid struct {
	data   []byte
	pos    int
	width  uint
	rle    int    // values left in the current repeated run
	val    uint32 // its value
	packed int    // values left in the current bit-packed run
	pk     []byte // the bit-packed run's bytes
	bit    uint   // bit offset of its next value in pk
}

func (h *hybrid) init(data []byte, width uint) {
	*h = hybrid{data: data, width: width}
}

// next starts the next run.
func (h *hybrid) next() error {
	if err := h.header(); err != nil {
		return err
	}
	if h.width < 32 && h.val>>h.width != 0 {
		return pageErr("an RLE value %d wider than %d bits", h.val, h.width)
	}
	return nil
}

// header reads the next run's header (and a repeated run's value, unchecked against the width).
func (h *hybrid) header() error {
	hdr, k := binary.Uvarint(h.data[h.pos:])
	if k <= 0 || hdr > math.MaxInt32 {
		return pageErr("RLE/bit-packed data ends or breaks off at byte %d of %d", h.pos, len(h.data))
	}
	h.pos += k
	if hdr>>1 == 0 {
		// A run of no values: arrow v15 takes it for the end of the data, so it is refused here
		// too (the pqarrow path then reads the batch and both paths agree).
		return pageErr("an RLE/bit-packed run of no values at byte %d", h.pos-k)
	}
	if hdr&1 == 1 {
		groups := int(hdr >> 1)
		n := groups * int(h.width)
		if n > len(h.data)-h.pos {
			return pageErr("a bit-packed run of %d bytes with %d left", n, len(h.data)-h.pos)
		}
		h.pk, h.bit, h.packed = h.data[h.pos:h.pos+n], 0, groups*8
		h.pos += n
		if h.width == 0 {
			h.packed, h.rle, h.val = 0, groups*8, 0 // zero-width values are all 0
		}
		return nil
	}
	nb := int(h.width+7) / 8
	if nb > len(h.data)-h.pos {
		return pageErr("an RLE run's value cut short")
	}
	var v uint32
	for i := range nb {
		v |= uint32(h.data[h.pos+i]) << (8 * i)
	}
	h.pos += nb
	h.rle, h.val = int(hdr>>1), v
	return nil
}

// word returns the bits of the packed run from bit offset b on: at least 57 of them when eight
// bytes remain, else what is left, zero-filled.
func (h *hybrid) word(b uint) uint64 {
	i := b >> 3
	if int(i)+8 <= len(h.pk) {
		return binary.LittleEndian.Uint64(h.pk[i:]) >> (b & 7)
	}
	var w uint64
	for j := int(i); j < len(h.pk); j++ {
		w |= uint64(h.pk[j]) << (8 * (j - int(i)))
	}
	return w >> (b & 7)
}

// fill decodes len(dst) values.
func (h *hybrid) fill(dst []uint32) error {
	mask := uint64(1)<<h.width - 1
	for i := 0; i < len(dst); {
		switch {
		case h.rle > 0:
			k := min(h.rle, len(dst)-i)
			v := h.val
			for j := range dst[i : i+k] {
				dst[i+j] = v
			}
			h.rle -= k
			i += k
		case h.packed > 0:
			k := min(h.packed, len(dst)-i)
			b, w := h.bit, h.width
			for j := range dst[i : i+k] {
				dst[i+j] = uint32(h.word(b) & mask)
				b += w
			}
			h.bit = b
			h.packed -= k
			i += k
		default:
			if err := h.next(); err != nil {
				return err
			}
		}
	}
	return nil
}

// run returns the length (up to max, at least 1) and value of the next run of equal values of
// width 1 (definition levels, booleans), and consumes it.
func (h *hybrid) run(max int) (int, bool, error) {
	for h.rle == 0 && h.packed == 0 {
		if err := h.next(); err != nil {
			return 0, false, err
		}
	}
	if h.rle > 0 {
		k := min(h.rle, max)
		h.rle -= k
		return k, h.val == 1, nil
	}
	lim := min(h.packed, max)
	w := h.word(h.bit)
	one := w&1 == 1
	k := 0
	for k < lim {
		x := h.word(h.bit + uint(k))
		if one {
			x = ^x
		}
		t := bits.TrailingZeros64(x)
		if t > 56 {
			t = 56 // beyond the bits word promises
		}
		k += t
		if t < 56 {
			break
		}
	}
	k = min(k, lim)
	h.bit += uint(k)
	h.packed -= k
	return k, one, nil
}

// exhausted reports whether no more than the padding of a bit-packed group is left of the
// current run, as at the end of a page whose encoder wrote exactly its values.
func (h *hybrid) exhausted() bool { return h.rle == 0 && h.packed < 8 }

// pqColumn reads one column chunk, page by page.
type pqColumn struct {
	raw      []byte // the column chunk
	pos      int    // its next page header
	codec    int64
	phys     int64
	optional bool

	// The current data page.
	left int    // its values (rows) not yet read
	defs hybrid // its definition levels, when optional
	dict bool   // its values are dictionary indices, in idx
	idx  hybrid
	vals []byte // PLAIN values not yet read
	bit  uint   // booleans: bit offset in vals
	rleB bool   // booleans: RLE-encoded, in idx

	// The chunk's dictionary, decoded.
	hasDict bool
	dict32  []int32
	dict64  []int64
	dictF   []float64
	codes   []int32 // text: each entry's code, -1 when unknown
	codeOf  func([]byte) int32

	page, dictPage []byte // decompression buffers, kept
	idxBuf         []uint32
}

// pqSupported reports whether the decoder reads a column chunk's pages: it walks their headers.
func pqSupported(raw []byte, phys int64, optional bool) bool {
	if !nativeLittleEndian {
		return false
	}
	for pos := 0; pos < len(raw); {
		tr := &thriftReader{b: raw[pos:]}
		h := readPageHeader(tr)
		if tr.err != nil || !h.complete || h.compressed < 0 || h.compressed > int64(len(raw)-pos-tr.pos) {
			return false
		}
		pos += tr.pos + int(h.compressed)
		switch h.typ {
		case pageIndex:
			continue
		case pageDictionary:
			if (h.encoding != encPlain && h.encoding != encPlainDictionary) || phys == pqBoolean {
				return false
			}
			continue
		case pageData:
			if optional && h.defEncoding != encRLE {
				return false
			}
		case pageDataV2:
			if h.levelsLen != h.defLen {
				return false // repetition levels in a flat column
			}
		default:
			return false
		}
		switch h.encoding {
		case encPlain, encPlainDictionary, encRLEDictionary:
		case encRLE:
			if phys != pqBoolean {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// reset starts reading a new column chunk (raw, which the column keeps reading from).
func (c *pqColumn) reset(raw []byte, codec, phys int64, optional bool) {
	c.raw, c.pos, c.codec, c.phys, c.optional = raw, 0, codec, phys, optional
	c.left, c.hasDict, c.dict, c.vals = 0, false, false, nil
}

// decompress returns a page's payload of size bytes decompressed into *buf (or src itself when
// it is not compressed).
func (c *pqColumn) decompress(buf *[]byte, src []byte, size int64, compressed bool) (out []byte, err error) {
	if c.codec == pqUncompressed || !compressed {
		if int64(len(src)) != size {
			return nil, pageErr("%d bytes of values where the header says %d", len(src), size)
		}
		return src, nil
	}
	if size < 0 || size > MaxMemory() {
		return nil, pageErr("a page of %d bytes", size)
	}
	*buf = grow(*buf, size)
	if c.codec == pqSnappy {
		if n, err := snappy.DecodedLen(src); err != nil || int64(n) != size {
			return nil, pageErr("Snappy data for %d bytes in a page of %d (%v)", n, size, err)
		}
		out, err = snappy.Decode(*buf, src)
	} else {
		out, err = decompressPage(c.codec, *buf, src)
	}
	if err != nil {
		return nil, pageErr("page data that does not decompress: %v", err)
	}
	if int64(len(out)) != size {
		return nil, pageErr("%d bytes decompressed where the header says %d", len(out), size)
	}
	return out, nil
}

// nextPage moves to the next data page with values, reading a dictionary page on the way.
func (c *pqColumn) nextPage() error {
	for {
		if c.pos >= len(c.raw) {
			return pageErr("the column chunk ends before its row group")
		}
		tr := &thriftReader{b: c.raw[c.pos:]}
		h := readPageHeader(tr)
		if tr.err != nil || !h.complete {
			return pageErr("page header: %v", tr.err)
		}
		body := c.pos + tr.pos
		if h.compressed < 0 || h.compressed > int64(len(c.raw)-body) || h.numValues < 0 || h.numValues > math.MaxInt32 {
			return pageErr("page sizes beyond the column chunk")
		}
		end := body + int(h.compressed)
		c.pos = end
		switch h.typ {
		case pageIndex:
			continue
		case pageDictionary:
			if c.hasDict {
				return pageErr("a second dictionary page")
			}
			data, err := c.decompress(&c.dictPage, c.raw[body:end], h.uncompressed, true)
			if err != nil {
				return err
			}
			if err := c.loadDict(data, int(h.numValues)); err != nil {
				return err
			}
			c.hasDict = true
			continue
		case pageData:
			data, err := c.decompress(&c.page, c.raw[body:end], h.uncompressed, true)
			if err != nil {
				return err
			}
			if c.optional {
				if h.defEncoding != encRLE || len(data) < 4 {
					return pageErr("definition levels that are not RLE")
				}
				n := int64(binary.LittleEndian.Uint32(data))
				if n > int64(len(data)-4) {
					return pageErr("definition levels of %d bytes in a page of %d", n, len(data))
				}
				c.defs.init(data[4:4+n], 1)
				data = data[4+n:]
			}
			if err := c.values(h.encoding, data); err != nil {
				return err
			}
		case pageDataV2:
			if h.levelsLen != h.defLen || h.levelsLen > h.compressed || h.levelsLen > h.uncompressed {
				return pageErr("levels of %d bytes", h.levelsLen)
			}
			lv := body + int(h.levelsLen)
			if c.optional {
				c.defs.init(c.raw[body:lv], 1)
			} else if h.levelsLen != 0 {
				return pageErr("definition levels in a required column")
			}
			data, err := c.decompress(&c.page, c.raw[lv:end], h.uncompressed-h.levelsLen, h.v2Compressed)
			if err != nil {
				return err
			}
			if err := c.values(h.encoding, data); err != nil {
				return err
			}
		default:
			return pageErr("page type %d", h.typ)
		}
		c.left = int(h.numValues)
		if c.left > 0 {
			return nil
		}
	}
}

// values starts a data page's values.
func (c *pqColumn) values(enc int64, data []byte) error {
	c.dict, c.rleB, c.vals, c.bit = false, false, data, 0
	switch enc {
	case encPlain:
	case encPlainDictionary, encRLEDictionary:
		if !c.hasDict {
			return pageErr("dictionary indices before a dictionary")
		}
		c.dict = true
		if len(data) == 0 {
			c.idx.init(nil, 0) // no values: every row is null
			return nil
		}
		// Zero bits is how some writers store the indices into a dictionary of one entry, but
		// arrow v15 cannot read it ("dict eof"): such pages are left to the pqarrow path, so that
		// the two paths give the same outcome.
		if data[0] == 0 || data[0] > 32 {
			return pageErr("dictionary indices of %d bits", data[0])
		}
		c.idx.init(data[1:], uint(data[0]))
	case encRLE:
		if c.phys != pqBoolean || len(data) < 4 {
			return pageErr("RLE values")
		}
		n := int64(binary.LittleEndian.Uint32(data))
		if n > int64(len(data)-4) {
			return pageErr("RLE values of %d bytes in %d", n, len(data)-4)
		}
		c.rleB = true
		c.idx.init(data[4:4+n], 1)
	default:
		return pageErr("values encoded as %d", enc)
	}
	return nil
}

// loadDict decodes a dictionary page of n PLAIN entries.
func (c *pqColumn) loadDict(data []byte, n int) error {
	switch c.phys {
	case pqByteArray:
		c.codes = c.codes[:0]
		for range n {
			if len(data) < 4 {
				return pageErr("a dictionary entry past the page's end")
			}
			l := binary.LittleEndian.Uint32(data)
			if uint64(l) > uint64(len(data)-4) {
				return pageErr("a dictionary entry of %d bytes past the page's end", l)
			}
			c.codes = append(c.codes, c.codeOf(data[4:4+l]))
			data = data[4+l:]
		}
	case pqInt32:
		c.dict32 = plainDict(c.dict32, data, n)
		if c.dict32 == nil {
			return pageErr("a dictionary of %d entries in %d bytes", n, len(data))
		}
	case pqInt64:
		c.dict64 = plainDict(c.dict64, data, n)
		if c.dict64 == nil {
			return pageErr("a dictionary of %d entries in %d bytes", n, len(data))
		}
	case pqDouble:
		c.dictF = plainDict(c.dictF, data, n)
		if c.dictF == nil {
			return pageErr("a dictionary of %d entries in %d bytes", n, len(data))
		}
	default:
		return pageErr("a dictionary of physical type %d", c.phys)
	}
	return nil
}

// plainDict decodes n PLAIN fixed-width values into dst's memory; nil when data is too short.
func plainDict[T int32 | int64 | float64](dst []T, data []byte, n int) []T {
	size := int(unsafe.Sizeof(T(0)))
	if n < 0 || n > len(data)/size {
		return nil
	}
	if cap(dst) < n {
		dst = make([]T, n)
	}
	dst = dst[:n]
	copy(asBytes(dst), data)
	return dst
}

// asBytes views a slice of fixed-width values as its bytes (native order, little-endian on the
// machines pqSupported accepts).
func asBytes[T int32 | int64 | float64](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(s[0])))
}

// run returns the next run of rows (at most max) that are all defined or all null, moving to the
// next page when the current one is done.
func (c *pqColumn) run(max int) (int, bool, error) {
	if c.left == 0 {
		if err := c.nextPage(); err != nil {
			return 0, false, err
		}
	}
	max = min(max, c.left)
	if !c.optional {
		c.left -= max
		return max, true, nil
	}
	k, defined, err := c.defs.run(max)
	c.left -= k
	return k, defined, err
}

// endPage checks, once a page's rows are read, that its levels and indices ended with it: a run
// that goes on past the page's values is refused (arrow v15 fails on one, "dict spaced eof"), so
// the pqarrow path reads the batch and the two paths agree.
func (c *pqColumn) endPage() error {
	if c.left > 0 {
		return nil
	}
	if (c.optional && !c.defs.exhausted()) || ((c.dict || c.rleB) && !c.idx.exhausted()) {
		return pageErr("levels or indices that go on past the page's values")
	}
	return nil
}

// indices decodes the next k dictionary indices, each checked against a dictionary of n entries.
func (c *pqColumn) indices(k, n int) ([]uint32, error) {
	if cap(c.idxBuf) < k {
		c.idxBuf = make([]uint32, max(k, parquetBatchRows))
	}
	idx := c.idxBuf[:k]
	if err := c.idx.fill(idx); err != nil {
		return nil, err
	}
	var top uint32
	for _, x := range idx {
		top = max(top, x)
	}
	if k > 0 && int64(top) >= int64(n) {
		return nil, pageErr("dictionary index %d in a dictionary of %d entries", top, n)
	}
	return idx, nil
}

// readFixed reads len(dst) values of a fixed-width column; null rows get 0. It reports whether
// any row was null.
func readFixed[T int32 | int64 | float64](c *pqColumn, dst []T) (nulls bool, err error) {
	size := int(unsafe.Sizeof(T(0)))
	for i := 0; i < len(dst); {
		k, defined, err := c.run(len(dst) - i)
		if err != nil {
			return nulls, err
		}
		out := dst[i : i+k]
		i += k
		switch {
		case !defined:
			clear(out)
			nulls = true
		case c.dict:
			dict := dictOf[T](c)
			idx, err := c.indices(k, len(dict))
			if err != nil {
				return nulls, err
			}
			for j, x := range idx {
				out[j] = dict[x]
			}
		default:
			if k > len(c.vals)/size {
				return nulls, pageErr("%d values past the page's end", k)
			}
			copy(asBytes(out), c.vals[:k*size])
			c.vals = c.vals[k*size:]
		}
		if err := c.endPage(); err != nil {
			return nulls, err
		}
	}
	return nulls, nil
}

// dictOf is the column's dictionary of T values.
func dictOf[T int32 | int64 | float64](c *pqColumn) []T {
	var d any
	switch any(T(0)).(type) {
	case int32:
		d = c.dict32
	case int64:
		d = c.dict64
	default:
		d = c.dictF
	}
	return d.([]T)
}

// readScores reads len(dst) int32 scores on the 1–7 scale into dst, null rows as 0. It reports
// whether any row was null and whether every value was on the scale.
func (c *pqColumn) readScores(dst []int8) (nulls, ok bool, err error) {
	lo, hi := int32(7), int32(1)
	for i := 0; i < len(dst); {
		k, defined, err := c.run(len(dst) - i)
		if err != nil {
			return nulls, false, err
		}
		out := dst[i : i+k]
		i += k
		switch {
		case !defined:
			clear(out)
			nulls = true
		case c.dict:
			idx, err := c.indices(k, len(c.dict32))
			if err != nil {
				return nulls, false, err
			}
			for j, x := range idx {
				v := c.dict32[x]
				lo, hi = min(lo, v), max(hi, v)
				out[j] = int8(v)
			}
		default:
			if k > len(c.vals)/4 {
				return nulls, false, pageErr("%d values past the page's end", k)
			}
			vals := c.vals[:k*4]
			for j := range out {
				v := int32(binary.LittleEndian.Uint32(vals[4*j:]))
				lo, hi = min(lo, v), max(hi, v)
				out[j] = int8(v)
			}
			c.vals = c.vals[k*4:]
		}
		if err := c.endPage(); err != nil {
			return nulls, false, err
		}
	}
	return nulls, lo >= 1 && hi <= 7, nil
}

// readBools reads len(dst) booleans; null rows are false. It reports whether any row was null.
func (c *pqColumn) readBools(dst []bool) (nulls bool, err error) {
	for i := 0; i < len(dst); {
		k, defined, err := c.run(len(dst) - i)
		if err != nil {
			return nulls, err
		}
		out := dst[i : i+k]
		i += k
		switch {
		case !defined:
			clear(out)
			nulls = true
		case c.rleB:
			for j := 0; j < k; {
				n, v, err := c.idx.run(k - j)
				if err != nil {
					return nulls, err
				}
				for m := range out[j : j+n] {
					out[j+m] = v
				}
				j += n
			}
		default:
			if uint64(c.bit)+uint64(k) > uint64(len(c.vals))*8 {
				return nulls, pageErr("%d booleans past the page's end", k)
			}
			b := c.bit
			for j := range out {
				out[j] = c.vals[b>>3]>>(b&7)&1 == 1
				b++
			}
			c.vals, c.bit = c.vals[b>>3:], b&7
		}
		if err := c.endPage(); err != nil {
			return nulls, err
		}
	}
	return nulls, nil
}

// readCodes reads len(dst) codes of a text column: the code of each text, -1 for one that is no
// code. It reports whether any row was null.
func readCodes[T int32 | uint8](c *pqColumn, dst []T) (nulls, known bool, err error) {
	known = true
	for i := 0; i < len(dst); {
		k, defined, err := c.run(len(dst) - i)
		if err != nil {
			return nulls, false, err
		}
		out := dst[i : i+k]
		i += k
		switch {
		case !defined:
			clear(out)
			nulls = true
		case c.dict:
			idx, err := c.indices(k, len(c.codes))
			if err != nil {
				return nulls, false, err
			}
			var neg int32
			for j, x := range idx {
				code := c.codes[x]
				neg |= code
				out[j] = T(code)
			}
			known = known && neg >= 0
		default:
			var last []byte
			var code int32
			for j := range out {
				if len(c.vals) < 4 {
					return nulls, false, pageErr("a text value past the page's end")
				}
				l := binary.LittleEndian.Uint32(c.vals)
				if uint64(l) > uint64(len(c.vals)-4) {
					return nulls, false, pageErr("a text value of %d bytes past the page's end", l)
				}
				v := c.vals[4 : 4+l]
				c.vals = c.vals[4+l:]
				if last == nil || string(v) != string(last) {
					last, code = v, c.codeOf(v)
				}
				known = known && code >= 0
				out[j] = T(code)
			}
		}
		if err := c.endPage(); err != nil {
			return nulls, false, err
		}
	}
	return nulls, known, nil
}

// pqChunkBytes reads a column chunk's bytes into buf, from start for size bytes.
func pqChunkBytes(ra io.ReaderAt, buf []byte, start, size int64) ([]byte, error) {
	if size < 0 || size > MaxMemory() {
		return nil, pageErr("a column chunk of %d bytes", size)
	}
	buf = grow(buf, size)
	if n, err := ra.ReadAt(buf, start); int64(n) < size {
		return nil, fmt.Errorf("reading a column chunk: %w", err)
	}
	return buf, nil
}
