package datasets

import "math"

// The parts of a Parquet footer and page header that the layout check needs, decoded with the
// bounded Thrift reader. Field numbers are those of parquet.thrift (apache/parquet-format).

// pqSchemaElement is one element of the flattened schema tree.
type pqSchemaElement struct {
	name        string
	typ         int64 // physical type; -1 when absent (a group)
	repetition  int64 // 0 required, 1 optional, 2 repeated; -1 when absent
	numChildren int64 // -1 when absent
}

// pqColumnMeta is a column chunk's ColumnMetaData.
type pqColumnMeta struct {
	typ               int64
	path              []string
	codec             int64
	numValues         int64
	totalUncompressed int64
	totalCompressed   int64
	dataPageOffset    int64
	dictPageOffset    int64 // -1 when absent
	seen              fieldSet
}

type pqColumnChunk struct {
	hasFilePath bool
	meta        *pqColumnMeta
}

type pqRowGroup struct {
	columns []pqColumnChunk
	numRows int64
	hasRows bool
}

type pqFileMeta struct {
	schema    []pqSchemaElement
	numRows   int64
	rowGroups []pqRowGroup
	seen      fieldSet
	encrypted bool
}

func readFileMeta(r *thriftReader) *pqFileMeta {
	m := &pqFileMeta{}
	r.structure(tStruct, func(id int16, t byte) {
		m.seen.mark(id)
		switch id {
		case 2:
			r.list(t, func(elem byte) {
				e := pqSchemaElement{typ: -1, repetition: -1, numChildren: -1}
				r.structure(elem, func(id int16, t byte) {
					switch id {
					case 1:
						e.typ = r.integer(t)
					case 3:
						e.repetition = r.integer(t)
					case 4:
						e.name = string(r.binary(t))
					case 5:
						e.numChildren = r.integer(t)
					default:
						r.skip(t)
					}
				})
				m.schema = append(m.schema, e)
			})
		case 3:
			m.numRows = r.integer(t)
		case 4:
			r.list(t, func(elem byte) {
				var g pqRowGroup
				r.structure(elem, func(id int16, t byte) {
					switch id {
					case 1:
						r.list(t, func(elem byte) { g.columns = append(g.columns, readColumnChunk(r, elem)) })
					case 3:
						g.numRows, g.hasRows = r.integer(t), true
					default:
						r.skip(t)
					}
				})
				m.rowGroups = append(m.rowGroups, g)
			})
		case 8:
			m.encrypted = true
			r.skip(t)
		default:
			r.skip(t)
		}
	})
	return m
}

func readColumnChunk(r *thriftReader, typ byte) pqColumnChunk {
	var c pqColumnChunk
	r.structure(typ, func(id int16, t byte) {
		switch id {
		case 1:
			c.hasFilePath = true
			r.skip(t)
		case 3:
			c.meta = readColumnMeta(r, t)
		default:
			r.skip(t)
		}
	})
	return c
}

func readColumnMeta(r *thriftReader, typ byte) *pqColumnMeta {
	m := &pqColumnMeta{dictPageOffset: -1}
	r.structure(typ, func(id int16, t byte) {
		m.seen.mark(id)
		switch id {
		case 1:
			m.typ = r.integer(t)
		case 3:
			r.list(t, func(elem byte) { m.path = append(m.path, string(r.binary(elem))) })
		case 4:
			m.codec = r.integer(t)
		case 5:
			m.numValues = r.integer(t)
		case 6:
			m.totalUncompressed = r.integer(t)
		case 7:
			m.totalCompressed = r.integer(t)
		case 9:
			m.dataPageOffset = r.integer(t)
		case 11:
			m.dictPageOffset = r.integer(t)
		default:
			r.skip(t)
		}
	})
	return m
}

// Page types.
const (
	pageData       = 0
	pageIndex      = 1
	pageDictionary = 2
	pageDataV2     = 3
)

type pqPageHeader struct {
	typ          int64
	uncompressed int64
	compressed   int64
	numValues    int64 // data (v1, v2) and dictionary pages
	encoding     int64 // of the values (data pages); -1 when absent
	defEncoding  int64 // v1: of the definition levels; -1 when absent
	levelsLen    int64 // v2: definition + repetition level bytes, stored uncompressed
	defLen       int64 // v2: definition level bytes (the first part of levelsLen)
	v2Compressed bool  // v2: whether the values are compressed
	hasSub       bool  // the header for its page type is present
	complete     bool  // with every field parquet.thrift requires of it
	seen         fieldSet
	badLevelLen  bool // v2: a level length below 0 or above 2^31-1
}

// readPageHeader reads a page header. Its integers are all i32 in parquet.thrift: one of another
// type is refused, since arrow's Thrift code would skip it as an unknown field and read the page
// without it (a page header the check accepts must be the page header arrow reads). Only the
// header struct of the page's own type counts (hasSub), and complete says whether it has every
// field the format requires, as arrow's Thrift code demands.
func readPageHeader(r *thriftReader) pqPageHeader {
	h := pqPageHeader{typ: -1, v2Compressed: true, encoding: -1, defEncoding: -1}
	type sub struct {
		numValues, encoding, defEncoding int64
		seen                             fieldSet
		present                          bool
	}
	var v1, dict sub
	var v2 fieldSet
	v2Present := false
	r.structure(tStruct, func(id int16, t byte) {
		h.seen.mark(id)
		switch id {
		case 1:
			h.typ = r.i32(t)
		case 2:
			h.uncompressed = r.i32(t)
		case 3:
			h.compressed = r.i32(t)
		case 5, 7:
			sh := &v1
			if id == 7 {
				sh = &dict
			}
			*sh = sub{encoding: -1, defEncoding: -1, present: true}
			r.structure(t, func(id int16, t byte) {
				switch {
				case id == 1 || id == 2 || (id == 3 || id == 4) && sh == &v1:
					sh.seen.mark(id)
					v := r.i32(t)
					switch id {
					case 1:
						sh.numValues = v
					case 2:
						sh.encoding = v // of the values, or of the dictionary's entries
					case 3:
						sh.defEncoding = v
					}
				default:
					r.skip(t)
				}
			})
		case 8:
			v2Present = true
			h.numValues, h.encoding, h.levelsLen, h.defLen, h.v2Compressed, h.badLevelLen, v2 = 0, -1, 0, 0, true, false, 0
			r.structure(t, func(id int16, t byte) {
				switch id {
				case 1, 2, 3, 4, 5, 6:
					v2.mark(id)
					n := r.i32(t)
					switch id {
					case 1:
						h.numValues = n
					case 4:
						h.encoding = n
					case 5, 6:
						if n < 0 || n > math.MaxInt32 {
							h.badLevelLen = true
							return
						}
						h.levelsLen += n
						if id == 5 {
							h.defLen = n
						}
					}
				case 7:
					if t != tTrue && t != tFalse {
						r.failf("a boolean field holds type %d", t)
						return
					}
					h.v2Compressed = t == tTrue
				default:
					r.skip(t)
				}
			})
		default:
			r.skip(t)
		}
	})
	switch h.typ {
	case pageData, pageDictionary:
		sh := &v1
		if h.typ == pageDictionary {
			sh = &dict
		}
		h.hasSub = sh.present
		h.numValues, h.encoding, h.defEncoding = sh.numValues, sh.encoding, sh.defEncoding
		h.complete = sh.present && sh.seen.has(1) && sh.seen.has(2) && (h.typ == pageDictionary || sh.seen.has(3) && sh.seen.has(4))
	case pageDataV2:
		h.hasSub = v2Present
		h.complete = v2Present
		for f := 1; f <= 6; f++ {
			h.complete = h.complete && v2.has(f)
		}
	default:
		h.numValues, h.encoding, h.levelsLen, h.defLen = 0, -1, 0, 0
		h.complete = true
	}
	if h.typ != pageDataV2 {
		h.levelsLen, h.defLen, h.v2Compressed, h.badLevelLen = 0, 0, true, false
	}
	return h
}

// fieldSet records which Thrift field ids (0–31, all a Parquet footer or page header uses) a struct
// held, so a check can tell a required field that is absent from one that is zero.
type fieldSet uint32

func (s *fieldSet) mark(id int16) {
	if id >= 0 && id < 32 {
		*s |= 1 << id
	}
}

func (s fieldSet) has(id int) bool { return id >= 0 && id < 32 && s&(1<<id) != 0 }
