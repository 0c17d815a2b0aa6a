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
	v2Compressed bool  // v2: whether the values are compressed
	hasSub       bool  // the header for its page type is present
	seen         fieldSet
	badLevelLen  bool // v2: a level length below 0 or above 2^31-1
}

func readPageHeader(r *thriftReader) pqPageHeader {
	h := pqPageHeader{typ: -1, v2Compressed: true, encoding: -1, defEncoding: -1}
	r.structure(tStruct, func(id int16, t byte) {
		h.seen.mark(id)
		switch id {
		case 1:
			h.typ = r.integer(t)
		case 2:
			h.uncompressed = r.integer(t)
		case 3:
			h.compressed = r.integer(t)
		case 5, 7:
			h.hasSub = true
			data := id == 5
			r.structure(t, func(id int16, t byte) {
				switch {
				case id == 1:
					h.numValues = r.integer(t)
				case id == 2 && data:
					h.encoding = r.integer(t)
				case id == 3 && data:
					h.defEncoding = r.integer(t)
				default:
					r.skip(t)
				}
			})
		case 8:
			h.hasSub = true
			r.structure(t, func(id int16, t byte) {
				switch id {
				case 1:
					h.numValues = r.integer(t)
				case 4:
					h.encoding = r.integer(t)
				case 5, 6:
					n := r.integer(t)
					if n < 0 || n > math.MaxInt32 {
						h.badLevelLen = true
						return
					}
					h.levelsLen += n
				case 7:
					h.v2Compressed = t == tTrue
				default:
					r.skip(t)
				}
			})
		default:
			r.skip(t)
		}
	})
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
