package datasets

import (
	"errors"
	"fmt"
)

// A bounded reader of the Thrift compact protocol, enough to read a Parquet footer and page headers
// before arrow does. Every length is checked against the bytes that remain before anything is
// allocated, nesting is bounded, and unknown fields are skipped without allocating, so a hostile
// footer costs at most its own size to read.
//
// Reference: Thrift compact protocol specification,
// https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md

// Compact protocol type codes.
const (
	tStop   = 0
	tTrue   = 1
	tFalse  = 2
	tByte   = 3
	tI16    = 4
	tI32    = 5
	tI64    = 6
	tDouble = 7
	tBinary = 8
	tList   = 9
	tSet    = 10
	tMap    = 11
	tStruct = 12
)

// thriftMaxDepth bounds nested structs and lists: a Parquet footer needs about six levels.
const thriftMaxDepth = 32

// errThriftShort marks a structure cut short by the end of the bytes read, so that a page header
// read can be retried with more bytes.
var errThriftShort = errors.New("ends before the structure does")

type thriftReader struct {
	b     []byte
	pos   int
	depth int
	err   error
}

func (r *thriftReader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *thriftReader) failf(format string, args ...any) { r.fail(fmt.Errorf(format, args...)) }

func (r *thriftReader) byte1() byte {
	if r.err != nil {
		return 0
	}
	if r.pos >= len(r.b) {
		r.fail(errThriftShort)
		return 0
	}
	c := r.b[r.pos]
	r.pos++
	return c
}

func (r *thriftReader) uvarint() uint64 {
	var v uint64
	for shift := uint(0); shift < 70; shift += 7 {
		c := r.byte1()
		if r.err != nil {
			return 0
		}
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	r.failf("a variable-length integer longer than 10 bytes")
	return 0
}

func (r *thriftReader) varint() int64 {
	u := r.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

// integer reads an integer field of any width (they share the zigzag varint encoding).
func (r *thriftReader) integer(typ byte) int64 {
	switch typ {
	case tByte:
		return int64(int8(r.byte1()))
	case tI16, tI32, tI64:
		v := r.varint()
		// A value past its field's width would be cut to it by another reader (arrow keeps the
		// low 32 bits of an i32: 2^31+5 reads as 5), so the check and the read would disagree.
		if (typ == tI16 && v != int64(int16(v))) || (typ == tI32 && v != int64(int32(v))) {
			r.failf("a %d-bit integer field holds %d", map[byte]int{tI16: 16, tI32: 32}[typ], v)
			return 0
		}
		return v
	}
	r.failf("an integer field holds type %d", typ)
	r.skip(typ)
	return 0
}

// i32 reads a field the format declares i32.
func (r *thriftReader) i32(typ byte) int64 {
	if typ != tI32 {
		r.failf("an i32 field holds type %d", typ)
		r.skip(typ)
		return 0
	}
	return r.integer(typ)
}

func (r *thriftReader) binary(typ byte) []byte {
	if typ != tBinary {
		r.failf("a text field holds type %d", typ)
		r.skip(typ)
		return nil
	}
	n := r.uvarint()
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)-r.pos) {
		r.fail(errThriftShort)
		return nil
	}
	s := r.b[r.pos : r.pos+int(n)]
	r.pos += int(n)
	return s
}

// listHeader reads a list or set header. The element count is checked against the bytes left: each
// element takes at least one byte.
func (r *thriftReader) listHeader() (int, byte) {
	h := r.byte1()
	n := uint64(h >> 4)
	if n == 15 {
		n = r.uvarint()
	}
	if r.err != nil {
		return 0, 0
	}
	if n > uint64(len(r.b)-r.pos) {
		r.fail(errThriftShort)
		return 0, 0
	}
	return int(n), h & 0x0f
}

// list calls fn for each element of a list field of type typ.
func (r *thriftReader) list(typ byte, fn func(elem byte)) {
	if typ != tList && typ != tSet {
		r.failf("a list field holds type %d", typ)
		r.skip(typ)
		return
	}
	n, elem := r.listHeader()
	if !r.enter() {
		return
	}
	defer r.leave()
	for i := 0; i < n && r.err == nil; i++ {
		fn(elem)
	}
}

func (r *thriftReader) enter() bool {
	r.depth++
	if r.depth > thriftMaxDepth {
		r.failf("structures nested more than %d deep", thriftMaxDepth)
		return false
	}
	return r.err == nil
}

func (r *thriftReader) leave() { r.depth-- }

// structure reads a struct, calling fn with each field's id and type; fn must read the value (or
// call skip). Boolean fields carry their value in the type: tTrue or tFalse.
func (r *thriftReader) structure(typ byte, fn func(id int16, typ byte)) {
	if typ != tStruct {
		r.failf("a struct field holds type %d", typ)
		r.skip(typ)
		return
	}
	if !r.enter() {
		return
	}
	defer r.leave()
	var last int16
	for r.err == nil {
		h := r.byte1()
		t := h & 0x0f
		if t == tStop || r.err != nil {
			return
		}
		id := last + int16(h>>4)
		if h>>4 == 0 {
			id = int16(r.varint())
		}
		last = id
		fn(id, t)
	}
}

// skipElem reads past an element of a list, set or map: booleans there take a byte each, where a
// boolean field carries its value in its type.
func (r *thriftReader) skipElem(typ byte) {
	if typ == tTrue || typ == tFalse {
		r.byte1()
		return
	}
	r.skip(typ)
}

// skip reads past a value of type typ.
func (r *thriftReader) skip(typ byte) {
	if r.err != nil {
		return
	}
	switch typ {
	case tTrue, tFalse:
	case tByte:
		r.byte1()
	case tI16, tI32, tI64:
		r.uvarint()
	case tDouble:
		if len(r.b)-r.pos < 8 {
			r.fail(errThriftShort)
			return
		}
		r.pos += 8
	case tBinary:
		r.binary(tBinary)
	case tList, tSet:
		r.list(typ, r.skipElem)
	case tMap:
		n := r.uvarint()
		if r.err != nil {
			return
		}
		if n > uint64(len(r.b)-r.pos) {
			r.fail(errThriftShort)
			return
		}
		if n == 0 {
			return
		}
		kv := r.byte1()
		if !r.enter() {
			return
		}
		defer r.leave()
		for i := uint64(0); i < n && r.err == nil; i++ {
			r.skipElem(kv >> 4)
			r.skipElem(kv & 0x0f)
		}
	case tStruct:
		r.structure(typ, func(_ int16, t byte) { r.skip(t) })
	default:
		r.failf("unknown Thrift type %d", typ)
	}
}
