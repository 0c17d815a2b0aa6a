package datasets

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow/go/v15/parquet/compress"
	"github.com/apache/arrow/go/v15/parquet/file"
)

// Checking a Parquet file's layout before arrow reads it. Arrow trusts the sizes, counts and offsets
// in the footer and page headers: a claimed size allocates that much, a negative count panics, in
// goroutines no recover can reach. So every table read first passes parquetLayout, which reads the
// footer and every page header with a bounded Thrift reader (thrift.go), checks each number against
// the file's real size and the data contract, and estimates the memory the read needs. Only a file
// that passes is handed to arrow (or to any other reader of the survey).

// DefaultMaxMemory is the memory one table read may use unless SetMaxMemory says otherwise.
const DefaultMaxMemory int64 = 1 << 30

var maxMemory atomic.Int64

func init() { maxMemory.Store(DefaultMaxMemory) }

// SetMaxMemory sets the memory budget of one table read, in bytes (the --max-memory option). A
// Parquet file whose read would need more is refused with an error saying how much it needs.
func SetMaxMemory(n int64) {
	if n <= 0 {
		n = DefaultMaxMemory
	}
	maxMemory.Store(n)
}

// MaxMemory returns the memory budget of one table read.
func MaxMemory() int64 { return maxMemory.Load() }

// Limits of the Parquet files we read, beyond which a file is refused whatever its claims.
const (
	// maxParquetFooter bounds the footer (file metadata). Ours are a few kilobytes; a million-row
	// survey written with small row groups stays far below.
	maxParquetFooter = 16 << 20
	// maxParquetRowGroups bounds the row groups of one file: a 100-million-row survey in
	// DuckDB's 122,880-row groups has 814. Each row group costs a reader per column.
	maxParquetRowGroups = 4096
	// maxPageHeader bounds one page header (statistics included).
	maxPageHeader = 1 << 20
	// decodedValueBytes is the memory a decoded value takes besides its data: an 8-byte value or
	// offset and its share of validity bitmaps and buffers, rounded up.
	decodedValueBytes = 16
)

// ErrTooLarge marks a table whose read would need more memory than the budget allows.
var ErrTooLarge = errors.New("too large")

// Parquet physical types (parquet.thrift Type).
const (
	pqBoolean   = 0
	pqInt32     = 1
	pqInt64     = 2
	pqInt96     = 3
	pqFloat     = 4
	pqDouble    = 5
	pqByteArray = 6
	pqFixed     = 7
)

var pqTypeNames = [...]string{"BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"}

// Compression codecs (parquet.thrift CompressionCodec) that arrow reads.
const (
	pqUncompressed = 0
	pqSnappy       = 1
	pqGzip         = 2
	pqBrotli       = 4
	pqZstd         = 6
	pqLz4Raw       = 7
)

// pqLayout is what the check learned about a file that passed it.
type pqLayout struct {
	numRows   int64
	rowGroups []int64 // rows of each row group
	// wholeRead is the memory needed to read the whole file at once (small tables); groupRead the
	// most needed to read any one row group in batches (the survey, per worker).
	wholeRead, groupRead int64
}

// layoutCheck carries what every error needs.
type layoutCheck struct {
	path string
	ra   io.ReaderAt
	size int64
}

func (c *layoutCheck) errf(rg int, column, value, format string, args ...any) *FieldError {
	return &FieldError{Loc: Location{File: c.path, RowGroup: rg}, Column: column, Value: value,
		Expected: fmt.Sprintf(format, args...), Err: ErrMalformed}
}

// parquetLayout reads and checks the footer and every page header of the Parquet file at path (size
// bytes, read through ra). cols are the contract columns the file must store with matching types
// (extra columns are allowed, and checked for layout). It returns the layout, or the first problem
// found as an error naming file, row group and column, what the file claims and what is possible.
func parquetLayout(path string, ra io.ReaderAt, size int64, cols []Column) (pqLayout, *FieldError) {
	c := &layoutCheck{path: path, ra: ra, size: size}
	const noGroup = -1
	if size < 12 {
		return pqLayout{}, c.errf(noGroup, "", fmt.Sprintf("%d bytes", size), "a Parquet file: at least 12 bytes (PAR1, footer, PAR1)")
	}
	var tail [8]byte
	var head [4]byte
	if _, err := ra.ReadAt(tail[:], size-8); err != nil {
		return pqLayout{}, c.errf(noGroup, "", "", "a readable Parquet file: %v", err)
	}
	if _, err := ra.ReadAt(head[:], 0); err != nil {
		return pqLayout{}, c.errf(noGroup, "", "", "a readable Parquet file: %v", err)
	}
	if string(tail[4:]) == "PARE" {
		return pqLayout{}, c.errf(noGroup, "", "", "an unencrypted Parquet file (this one has an encrypted footer)")
	}
	if string(head[:]) != "PAR1" || string(tail[4:]) != "PAR1" {
		return pqLayout{}, c.errf(noGroup, "", "", "a Parquet file: PAR1 at its start and end")
	}
	footerLen := int64(binary.LittleEndian.Uint32(tail[:4]))
	footerStart := size - 8 - footerLen
	if footerLen == 0 || footerStart < 4 || footerLen > maxParquetFooter {
		return pqLayout{}, c.errf(noGroup, "", fmt.Sprintf("footer of %d bytes", footerLen),
			"a footer of 1 to %d bytes within the file's %d bytes", min(size-12, maxParquetFooter), size)
	}
	footer := make([]byte, footerLen)
	if _, err := ra.ReadAt(footer, footerStart); err != nil {
		return pqLayout{}, c.errf(noGroup, "", "", "a readable Parquet file: %v", err)
	}
	tr := &thriftReader{b: footer}
	meta := readFileMeta(tr)
	if tr.err != nil {
		return pqLayout{}, c.errf(noGroup, "", "", "a readable Parquet footer: the file metadata %v", tr.err)
	}
	if meta.encrypted {
		return pqLayout{}, c.errf(noGroup, "", "", "an unencrypted Parquet file")
	}
	for _, f := range []int{2, 3, 4} {
		if !meta.seen.has(f) {
			return pqLayout{}, c.errf(noGroup, "", "", "a Parquet footer with its schema, row count and row groups (field %d is missing)", f)
		}
	}
	leaves, ferr := c.schema(meta.schema, cols)
	if ferr != nil {
		return pqLayout{}, ferr
	}
	if meta.numRows < 0 {
		return pqLayout{}, c.errf(noGroup, "", fmt.Sprintf("num_rows %d", meta.numRows), "a row count ≥ 0")
	}
	if len(meta.rowGroups) > maxParquetRowGroups {
		return pqLayout{}, c.errf(noGroup, "", fmt.Sprintf("%d row groups", len(meta.rowGroups)),
			"at most %d row groups (rewrite the file with larger row groups)", maxParquetRowGroups)
	}
	lay := pqLayout{numRows: meta.numRows, rowGroups: make([]int64, len(meta.rowGroups))}
	var sum int64
	for g, rg := range meta.rowGroups {
		if !rg.hasRows || rg.numRows < 0 || rg.numRows > meta.numRows-sum {
			return pqLayout{}, c.errf(g, "", fmt.Sprintf("num_rows %d", rg.numRows),
				"a row count from 0 to %d (the file's %d rows less those of the row groups before)", meta.numRows-sum, meta.numRows)
		}
		sum += rg.numRows
		lay.rowGroups[g] = rg.numRows
		if len(rg.columns) != len(leaves) {
			return pqLayout{}, c.errf(g, "", fmt.Sprintf("%d column chunks", len(rg.columns)), "one column chunk per schema column (%d)", len(leaves))
		}
	}
	// The column chunks are checked by a worker per core, each taking row groups in turn; the
	// first problem in file order is reported, as a check in file order would.
	type groupResult struct {
		whole, batch int64
		err          *FieldError
	}
	results := make([]groupResult, len(meta.rowGroups))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(meta.rowGroups)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var bufs pageBuffers
			for {
				g := int(next.Add(1) - 1)
				if g >= len(meta.rowGroups) {
					return
				}
				rg, res := meta.rowGroups[g], &results[g]
				for i, ch := range rg.columns {
					need, ferr := c.chunk(g, leaves[i], rg.numRows, ch, footerStart, &bufs)
					if ferr != nil {
						res.err = ferr
						break
					}
					res.whole = satAdd(res.whole, need.whole)
					res.batch = satAdd(res.batch, need.batch)
				}
			}
		}()
	}
	wg.Wait()
	for _, res := range results {
		if res.err != nil {
			return pqLayout{}, res.err
		}
		lay.wholeRead = satAdd(lay.wholeRead, res.whole)
		lay.groupRead = max(lay.groupRead, res.batch)
	}
	if sum != meta.numRows {
		return pqLayout{}, c.errf(noGroup, "", fmt.Sprintf("num_rows %d", meta.numRows),
			"the sum of the row groups' row counts (%d)", sum)
	}
	return lay, nil
}

// satAdd adds two non-negative sizes, stopping at the largest int64.
func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// schema checks that the schema is flat (a root and its leaves, none repeated), that every leaf has
// a known physical type, and that the contract's columns have types their kinds accept.
func (c *layoutCheck) schema(els []pqSchemaElement, cols []Column) ([]pqSchemaElement, *FieldError) {
	if len(els) == 0 {
		return nil, c.errf(-1, "", "", "a Parquet schema with at least a root element")
	}
	root, leaves := els[0], els[1:]
	if root.numChildren != int64(len(leaves)) {
		return nil, c.errf(-1, "", fmt.Sprintf("num_children %d", root.numChildren),
			"a flat schema: the root's num_children equal to the %d columns that follow it (no nested columns)", len(leaves))
	}
	for _, e := range leaves {
		if e.numChildren > 0 || e.typ < 0 {
			return nil, c.errf(-1, e.name, "a group", "a flat schema (no nested columns)")
		}
		if e.numChildren < -1 {
			return nil, c.errf(-1, e.name, fmt.Sprintf("num_children %d", e.numChildren), "a column with no children")
		}
		if e.typ >= int64(len(pqTypeNames)) {
			return nil, c.errf(-1, e.name, fmt.Sprintf("physical type %d", e.typ), "a Parquet physical type from 0 to %d", len(pqTypeNames)-1)
		}
		if e.repetition == 2 {
			return nil, c.errf(-1, e.name, "a repeated column", "a flat schema: one value per row (no lists)")
		}
		if e.repetition < -1 || e.repetition > 2 {
			return nil, c.errf(-1, e.name, fmt.Sprintf("repetition %d", e.repetition), "required (0) or optional (1)")
		}
	}
	for _, col := range cols {
		for _, e := range leaves {
			if e.name == col.Name && !physicalAccepts(col.Kind, e.typ) {
				return nil, c.errf(-1, col.Name, pqTypeNames[e.typ], "a column of type %s", col.Kind)
			}
		}
	}
	return leaves, nil
}

// physicalAccepts says whether a Parquet physical type can hold a contract kind (logical types are
// checked again on arrow's schema).
func physicalAccepts(k Kind, t int64) bool {
	switch k {
	case KindString:
		return t == pqByteArray
	case KindInt32, KindInt64:
		return t == pqInt32 || t == pqInt64
	case KindFloat64:
		return t == pqFloat || t == pqDouble || t == pqInt32 || t == pqInt64
	case KindBool:
		return t == pqBoolean
	}
	return false
}

// chunkNeed is the memory reading one column chunk needs: whole (all its pages decoded at once) and
// batch (the largest page and dictionary held while decoding in batches).
type chunkNeed struct{ whole, batch int64 }

// chunk checks one column chunk's metadata and walks its page headers.
func (c *layoutCheck) chunk(g int, leaf pqSchemaElement, rows int64, ch pqColumnChunk, footerStart int64, bufs *pageBuffers) (chunkNeed, *FieldError) {
	col := leaf.name
	if ch.hasFilePath {
		return chunkNeed{}, c.errf(g, col, "data in another file", "column data within this file")
	}
	m := ch.meta
	if m == nil {
		return chunkNeed{}, c.errf(g, col, "", "column chunk metadata (it is missing)")
	}
	for _, f := range []int{1, 4, 5, 6, 7, 9} {
		if !m.seen.has(f) {
			return chunkNeed{}, c.errf(g, col, "", "complete column chunk metadata (field %d is missing)", f)
		}
	}
	if m.typ != leaf.typ {
		return chunkNeed{}, c.errf(g, col, fmt.Sprintf("type %d", m.typ), "the schema's physical type (%d)", leaf.typ)
	}
	if len(m.path) != 1 || m.path[0] != leaf.name {
		return chunkNeed{}, c.errf(g, col, strings.Join(m.path, "."), "the column path %q", leaf.name)
	}
	switch m.codec {
	case pqUncompressed, pqSnappy, pqGzip, pqBrotli, pqZstd, pqLz4Raw:
	default:
		return chunkNeed{}, c.errf(g, col, fmt.Sprintf("codec %d", m.codec), "a supported compression: none, Snappy, gzip, Brotli, Zstandard or LZ4_RAW")
	}
	if m.numValues != rows {
		return chunkNeed{}, c.errf(g, col, fmt.Sprintf("num_values %d", m.numValues), "one value (or null) per row: %d", rows)
	}
	start := m.dataPageOffset
	if m.dictPageOffset > 0 && m.dictPageOffset < start {
		start = m.dictPageOffset
	}
	if start < 4 || start >= footerStart {
		return chunkNeed{}, c.errf(g, col, fmt.Sprintf("offset %d", start), "a column chunk offset from 4 to %d (where the footer starts)", footerStart-1)
	}
	if m.totalCompressed < 0 || m.totalCompressed > footerStart-start {
		return chunkNeed{}, c.errf(g, col, fmt.Sprintf("total_compressed_size %d", m.totalCompressed),
			"a size from 0 to %d (from the chunk's offset %d to the footer)", footerStart-start, start)
	}
	if m.totalUncompressed < 0 {
		return chunkNeed{}, c.errf(g, col, fmt.Sprintf("total_uncompressed_size %d", m.totalUncompressed), "a size ≥ 0")
	}
	return c.pages(g, col, m, leaf.repetition == 1, start, start+m.totalCompressed, bufs)
}

// pages walks the page headers of a column chunk in [pos, end), reading pages into bufs.
func (c *layoutCheck) pages(g int, col string, m *pqColumnMeta, optional bool, pos, end int64, pageBufs *pageBuffers) (chunkNeed, *FieldError) {
	var (
		dictEntries int64
		need        chunkNeed
		values      int64
		dicts       int
		pageNo      int
		uncompSum   int64
		maxPage     int64
		dictSize    int64
		budget      = MaxMemory()
		dataPages   int
		firstBytes  [10]byte
	)
	if pageBufs.head == nil {
		pageBufs.head = make([]byte, 4096)
	}
	buf := pageBufs.head
	for pos < end {
		n := min(int64(len(buf)), end-pos)
		h, hlen, err := c.pageHeader(buf[:n], pos, end)
		if err != nil {
			return need, c.errf(g, col, fmt.Sprintf("page %d at byte %d", pageNo, pos), "a readable page header: %v", err)
		}
		where := fmt.Sprintf("page %d at byte %d: ", pageNo, pos)
		switch {
		case !h.seen.has(1) || !h.seen.has(2) || !h.seen.has(3):
			return need, c.errf(g, col, where+"incomplete header", "a page header with its type and sizes")
		case h.typ < 0 || h.typ > pageDataV2:
			return need, c.errf(g, col, fmt.Sprintf("%spage type %d", where, h.typ), "a data or dictionary page")
		case h.compressed < 0 || h.compressed > end-pos-hlen:
			return need, c.errf(g, col, fmt.Sprintf("%scompressed_page_size %d", where, h.compressed),
				"a size from 0 to %d (the rest of the column chunk)", end-pos-hlen)
		case h.uncompressed < 0 || h.uncompressed > math.MaxInt32:
			return need, c.errf(g, col, fmt.Sprintf("%suncompressed_page_size %d", where, h.uncompressed), "a size from 0 to 2^31-1")
		case h.uncompressed > budget:
			return need, &FieldError{Loc: Location{File: c.path, RowGroup: g}, Column: col,
				Value:    fmt.Sprintf("%suncompressed_page_size %d", where, h.uncompressed),
				Expected: fmt.Sprintf("a page that fits the memory budget of %s (--max-memory)", formatBytes(budget)), Err: ErrTooLarge}
		case h.typ != pageIndex && !h.hasSub:
			return need, c.errf(g, col, where+"no header for its page type", "a complete page header")
		case !h.complete:
			return need, c.errf(g, col, where+"incomplete header for its page type", "a page header with every field the Parquet format requires")
		case h.numValues < 0 || h.numValues > math.MaxInt32:
			return need, c.errf(g, col, fmt.Sprintf("%snum_values %d", where, h.numValues), "a count from 0 to 2^31-1")
		case h.badLevelLen || h.levelsLen > h.compressed || h.levelsLen > h.uncompressed:
			return need, c.errf(g, col, fmt.Sprintf("%slevel bytes %d", where, h.levelsLen), "level bytes within the page (%d bytes)", min(h.compressed, h.uncompressed))
		}
		if m.codec == pqUncompressed && h.compressed != h.uncompressed {
			return need, c.errf(g, col, fmt.Sprintf("%scompressed size %d, uncompressed %d", where, h.compressed, h.uncompressed),
				"equal sizes in an uncompressed column")
		}
		switch h.typ {
		case pageDictionary:
			dicts++
			if dicts > 1 || dataPages > 0 {
				return need, c.errf(g, col, where+"a dictionary page", "at most one dictionary page, before the data pages")
			}
			// A dictionary's entries are stored in its page, a byte or more each. Arrow keeps a
			// converter slot of 24 bytes per entry besides, and on the way allocates slots up to
			// the largest index the pages' bit width allows: at most 2N for N entries, as checked
			// below. So 72 bytes per entry.
			if h.numValues > h.uncompressed {
				return need, c.errf(g, col, fmt.Sprintf("%sdictionary of %d entries in %d bytes", where, h.numValues, h.uncompressed),
					"at most one entry per byte of the dictionary page")
			}
			dictEntries = h.numValues
			dictSize = satAdd(h.uncompressed, satMul(h.numValues, 72))
		case pageData, pageDataV2:
			dataPages++
			if h.numValues > m.numValues-values {
				return need, c.errf(g, col, fmt.Sprintf("%snum_values %d", where, h.numValues),
					"at most %d (the chunk's %d values less those of the pages before)", m.numValues-values, m.numValues)
			}
			values += h.numValues
			// Definition levels that end before the page's values hang arrow's reader: pageValues
			// checks those of a v1 page whose values it reads here (dictionary and delta pages).
			levelsChecked := false
			switch h.encoding {
			case encPlainDictionary, encRLEDictionary:
				if dicts == 0 {
					return need, c.errf(g, col, where+"dictionary indices", "a dictionary page before the chunk's dictionary-encoded pages")
				}
				if msg, expected := c.dictIndexWidth(m, h, pos+hlen, optional, dictEntries, pageBufs); msg != "" {
					return need, c.errf(g, col, where+msg, "%s", expected)
				}
				levelsChecked = h.typ == pageData
			case encDeltaBinaryPacked, encDeltaLengthByteArray, encDeltaByteArray:
				if msg, expected := c.deltaHeader(m, h, pos+hlen, optional, pageBufs); msg != "" {
					return need, c.errf(g, col, where+msg, "%s", expected)
				}
				levelsChecked = h.typ == pageData
			}
			if optional && !levelsChecked {
				if msg, expected := c.defLevels(m, h, pos+hlen, pageBufs); msg != "" {
					return need, c.errf(g, col, where+msg, "%s", expected)
				}
			}
		}
		// The compressed payload must start as its codec's stream does.
		payload := pos + hlen
		if h.typ == pageDataV2 {
			payload += h.levelsLen
		}
		fb := firstBytes[:min(int64(len(firstBytes)), pos+hlen+h.compressed-payload)]
		if len(fb) > 0 {
			if off := payload - pos; off+int64(len(fb)) <= n {
				copy(fb, buf[off:]) // read with the header
			} else if _, err := c.ra.ReadAt(fb, payload); err != nil {
				return need, c.errf(g, col, where, "a readable page: %v", err)
			}
			compressed := h.typ != pageDataV2 || h.v2Compressed
			if msg := codecMismatch(m.codec, compressed, fb, h.uncompressed-(payload-pos-hlen)); msg != "" {
				return need, c.errf(g, col, where+msg, "page data compressed as the column chunk says (codec %d)", m.codec)
			}
		}
		uncompSum = satAdd(uncompSum, h.uncompressed)
		maxPage = max(maxPage, h.uncompressed)
		pos += hlen + h.compressed
		pageNo++
	}
	if values != m.numValues {
		return need, c.errf(g, col, fmt.Sprintf("%d values in its data pages", values), "the chunk's num_values (%d)", m.numValues)
	}
	// Decoded, every value takes its bytes and an offset or slot; the pages themselves are held once.
	need.whole = satAdd(satAdd(uncompSum, dictSize), satMul(m.numValues, decodedValueBytes))
	need.batch = satAdd(satAdd(maxPage, dictSize), satMul(min(m.numValues, parquetBatchRows), decodedValueBytes))
	return need, nil
}

// Value encodings of data pages (parquet.thrift Encoding) whose pages hold dictionary indices.
const (
	encPlainDictionary = 2
	encRLEDictionary   = 8
	encRLE             = 3
	encBitPacked       = 4
	// Delta encodings start their values with a header whose block size, miniblock count and
	// value count arrow allocates by.
	encDeltaBinaryPacked    = 5
	encDeltaLengthByteArray = 6
	encDeltaByteArray       = 7
)

// pageBuffers are the buffers a chunk's check reads page headers and pages into and decompresses
// pages into, reused page to page and chunk to chunk.
type pageBuffers struct{ head, src, dst []byte }

func grow(b []byte, n int64) []byte {
	if int64(cap(b)) < n {
		return make([]byte, n)
	}
	return b[:n]
}

// dictIndexWidth checks the bit width of a dictionary-encoded data page's indices, the first byte
// of its values. Arrow sizes its dictionary converter by the largest index it decodes, before
// checking it against the dictionary (parquet/internal/encoding, ByteArrayDictConverter.ensure):
// with a corrupt index of 2^31 that is 50 GB allocated for a dictionary of two entries. An index of
// w bits is below 2^w, so a width of at most bits.Len(N) for a dictionary of N entries bounds that
// to 2N slots. Writers use the smallest width that addresses the dictionary, bits.Len(N-1); one
// more bit is allowed. The page is decompressed for this (only dictionary-encoded pages, which
// hold a few bits per row); the definition levels of an optional column come first in a v1 page.
// It returns what is wrong and what was expected, or "".
func (c *layoutCheck) dictIndexWidth(m *pqColumnMeta, h pqPageHeader, payload int64, optional bool, entries int64, bufs *pageBuffers) (string, string) {
	data, msg, expected := c.pageValues(m, h, payload, optional, bufs)
	if msg != "" || len(data) == 0 {
		return msg, expected // no values: every row is null
	}
	w := int(data[0])
	if allowed := max(1, bits.Len64(uint64(entries))); w > allowed {
		return fmt.Sprintf("dictionary indices of %d bits", w),
			fmt.Sprintf("indices of at most %d bits for a dictionary of %d entries (wider ones could point past it)", allowed, entries)
	}
	return "", ""
}

// maxDeltaBlock bounds a delta encoding's block size: writers use 128 (parquet-mr, arrow) to 1024
// values, and arrow allocates a block's miniblock widths and a miniblock's values by it.
const maxDeltaBlock = 1 << 16

// deltaHeader checks the header that starts the values of a DELTA_BINARY_PACKED,
// DELTA_LENGTH_BYTE_ARRAY or DELTA_BYTE_ARRAY page (the lengths', or the prefix lengths'): arrow
// allocates by its miniblock count, its values per miniblock and its total count, unchecked
// (parquet/internal/encoding, deltaBitPackDecoder). The rules are the format's (Parquet
// Encodings.md, DELTA_BINARY_PACKED): a block size that is a multiple of 128, a miniblock count
// that divides it into miniblocks of a multiple of 32 values; and no more values than the page
// holds. It returns what is wrong and what was expected, or "".
func (c *layoutCheck) deltaHeader(m *pqColumnMeta, h pqPageHeader, payload int64, optional bool, bufs *pageBuffers) (string, string) {
	data, msg, expected := c.pageValues(m, h, payload, optional, bufs)
	if msg != "" || len(data) == 0 {
		return msg, expected
	}
	var v [3]uint64
	for i := range v {
		n, k := binary.Uvarint(data)
		if k <= 0 {
			return "a delta header cut short", "a complete delta encoding header"
		}
		v[i], data = n, data[k:]
	}
	block, minis, total := v[0], v[1], v[2]
	switch {
	case block == 0 || block%128 != 0 || block > maxDeltaBlock:
		return fmt.Sprintf("delta block size %d", block), fmt.Sprintf("a block size that is a multiple of 128, at most %d", maxDeltaBlock)
	case minis == 0 || block%minis != 0 || (block/minis)%32 != 0:
		return fmt.Sprintf("%d miniblocks in a delta block of %d", minis, block), "a miniblock count that divides the block into miniblocks of a multiple of 32 values"
	case total > uint64(h.numValues):
		return fmt.Sprintf("a delta header of %d values", total), fmt.Sprintf("at most the page's %d values", h.numValues)
	}
	return "", ""
}

// pageValues reads and decompresses a data page and returns its values: what follows the
// definition levels of an optional column in a v1 page (v2 pages keep their levels before the
// compressed part). It returns what is wrong and what was expected instead when it cannot.
func (c *layoutCheck) pageValues(m *pqColumnMeta, h pqPageHeader, payload int64, optional bool, bufs *pageBuffers) ([]byte, string, string) {
	compressed := h.compressed
	size := h.uncompressed
	if h.typ == pageDataV2 {
		payload += h.levelsLen
		compressed -= h.levelsLen
		size -= h.levelsLen
	}
	if budget := MaxMemory(); compressed > budget {
		return nil, fmt.Sprintf("a page of %d bytes", compressed), fmt.Sprintf("a page that fits the memory budget of %s (--max-memory)", formatBytes(budget))
	}
	bufs.src = grow(bufs.src, compressed)
	if n, err := c.ra.ReadAt(bufs.src, payload); int64(n) < compressed {
		return nil, fmt.Sprintf("a page that cannot be read (%v)", err), "a readable page"
	}
	data := bufs.src
	if m.codec != pqUncompressed && (h.typ != pageDataV2 || h.v2Compressed) {
		bufs.dst = grow(bufs.dst, size)
		var err error
		data, err = decompressPage(m.codec, bufs.dst, bufs.src)
		if err != nil {
			return nil, fmt.Sprintf("page data that does not decompress (%v)", err), fmt.Sprintf("page data compressed as the column chunk says (codec %d)", m.codec)
		}
	}
	off := int64(0)
	if optional && h.typ == pageData {
		switch h.defEncoding {
		case encRLE:
			if len(data) < 4 {
				return nil, "definition levels past the page's end", "a page that holds its definition levels"
			}
			off = 4 + int64(binary.LittleEndian.Uint32(data))
		case encBitPacked:
			off = (h.numValues + 7) / 8
		default:
			return nil, fmt.Sprintf("definition levels encoded as %d", h.defEncoding), "definition levels encoded as RLE (3) or BIT_PACKED (4)"
		}
		if off > int64(len(data)) {
			return nil, fmt.Sprintf("definition levels of %d bytes in a page of %d", off, len(data)), "levels within the page"
		}
		if h.defEncoding == encRLE {
			if msg, expected := levelsCover(data[4:off], h.numValues); msg != "" {
				return nil, msg, expected
			}
		}
	}
	return data[off:], "", ""
}

// defLevels checks that the definition levels of a data page of an optional column (RLE, the
// RLE/bit-packing hybrid of width 1) hold a level for each of the page's values. Arrow v15 decodes
// levels until their runs end, without an error, and then reads no more levels and no more values
// for ever (file.columnChunkReader.readBatch keeps asking for the rest of the page): a page whose
// levels end early must never reach it. A v2 page stores its levels uncompressed before its values
// (after any repetition levels); a v1 page's come first in its compressed data, of which Snappy's
// is decompressed only as far as the levels go, other codecs' whole (pageValues). It returns what
// is wrong and what was expected, or "".
func (c *layoutCheck) defLevels(m *pqColumnMeta, h pqPageHeader, payload int64, bufs *pageBuffers) (string, string) {
	if h.numValues == 0 {
		return "", ""
	}
	if h.typ == pageDataV2 {
		bufs.src = grow(bufs.src, h.defLen)
		if n, err := c.ra.ReadAt(bufs.src, payload+h.levelsLen-h.defLen); int64(n) < h.defLen {
			return fmt.Sprintf("a page that cannot be read (%v)", err), "a readable page"
		}
		return levelsCover(bufs.src, h.numValues)
	}
	if h.defEncoding != encRLE {
		return "", "" // BIT_PACKED levels: arrow checks that the page holds one per value
	}
	if m.codec != pqSnappy {
		_, msg, expected := c.pageValues(m, h, payload, true, bufs)
		return msg, expected
	}
	// A Snappy page: its first bytes usually hold the levels (at most about a bit per value, when
	// they are all bit-packed); the whole page is read when they do not.
	var (
		data []byte
		ok   bool
	)
	for _, n := range []int64{min(h.compressed, 4096+h.numValues/4), h.compressed} {
		bufs.src = grow(bufs.src, n)
		if k, err := c.ra.ReadAt(bufs.src, payload); int64(k) < n {
			return fmt.Sprintf("a page that cannot be read (%v)", err), "a readable page"
		}
		bufs.dst = grow(bufs.dst, 4)
		if data, ok = snappyPrefix(bufs.dst, bufs.src, 4); ok {
			want := 4 + int64(binary.LittleEndian.Uint32(data))
			if want > h.uncompressed {
				return fmt.Sprintf("definition levels of %d bytes in a page of %d", want, h.uncompressed), "levels within the page"
			}
			bufs.dst = grow(bufs.dst, want)
			data, ok = snappyPrefix(bufs.dst, bufs.src, int(want))
			if ok && int64(len(data)) == want {
				return levelsCover(data[4:], h.numValues)
			}
		}
		if n == h.compressed {
			break
		}
	}
	return "page data that does not decompress (Snappy)", fmt.Sprintf("page data compressed as the column chunk says (codec %d)", m.codec)
}

// levelsCover walks the runs of definition levels of width 1 (RLE/bit-packing hybrid, Parquet
// Encodings.md; the run headers the page decoder reads, pqpages.go) and checks that they hold at
// least n levels: a run header cut short, a run of no values or one that goes past the levels'
// bytes ends them, as it does for arrow's decoder (parquet/internal/utils, RleDecoder.Next). It
// returns what is wrong and what was expected, or "".
func levelsCover(b []byte, n int64) (string, string) {
	var (
		h    hybrid
		held int64
	)
	h.init(b, 1)
	for held < n && h.header() == nil {
		held += int64(h.rle + h.packed) // one of them is the run's levels
		h.rle, h.packed = 0, 0
	}
	if held < n {
		return "definition levels cut short",
			fmt.Sprintf("a definition level for each of the page's %d values (its levels end after %d)", n, held)
	}
	return "", ""
}

// snappyPrefix decodes the start of a Snappy block (Snappy's format_description.txt: the
// uncompressed length as a varint, then literals and copies) into dst, stopping once it holds want
// bytes (its memory reused, appended to beyond its capacity if need be). It reports false when src
// ends first or does not hold valid Snappy data so far.
func snappyPrefix(dst, src []byte, want int) ([]byte, bool) {
	d := dst[:0]
	_, s := binary.Uvarint(src)
	if s <= 0 {
		return d, false
	}
	for len(d) < want {
		if s >= len(src) {
			return d, false
		}
		tag := src[s]
		var length, offset int
		switch tag & 3 {
		case 0: // a literal: its length less one in the tag, or in the 1 to 4 bytes after it
			x := int(tag >> 2)
			s++
			if x >= 60 {
				nb := x - 59
				if nb > len(src)-s {
					return d, false
				}
				x = 0
				for i := range nb {
					x |= int(src[s+i]) << (8 * i)
				}
				s += nb
			}
			length = x + 1
			if length <= 0 || length > len(src)-s {
				return d, false
			}
			d = append(d, src[s:s+min(length, want-len(d))]...)
			s += length
			continue
		case 1: // a copy of 4 to 11 bytes, with an 11-bit offset
			if s+2 > len(src) {
				return d, false
			}
			length, offset = 4+int(tag>>2&7), int(tag&0xe0)<<3|int(src[s+1])
			s += 2
		case 2: // a copy of 1 to 64 bytes, with a 16-bit offset
			if s+3 > len(src) {
				return d, false
			}
			length, offset = 1+int(tag>>2), int(binary.LittleEndian.Uint16(src[s+1:]))
			s += 3
		default: // a copy of 1 to 64 bytes, with a 32-bit offset
			if s+5 > len(src) {
				return d, false
			}
			length, offset = 1+int(tag>>2), int(binary.LittleEndian.Uint32(src[s+1:]))
			s += 5
		}
		if offset <= 0 || offset > len(d) {
			return d, false
		}
		for range min(length, want-len(d)) {
			d = append(d, d[len(d)-offset])
		}
	}
	return d, true
}

// decompressPage decompresses a page with arrow's codec into dst, turning the codec's panic on
// corrupt data into an error.
func decompressPage(codec int64, dst, src []byte) (out []byte, err error) {
	cd, err := compress.GetCodec(compress.Compression(codec))
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%v", r)
		}
	}()
	return cd.Decode(dst, src), nil
}

func satMul(a, b int64) int64 {
	if a != 0 && b > math.MaxInt64/a {
		return math.MaxInt64
	}
	return a * b
}

// pageHeader decodes the page header at pos, reading more of the file if the first bytes read do
// not hold all of it. It returns the header and its length in bytes.
func (c *layoutCheck) pageHeader(buf []byte, pos, end int64) (pqPageHeader, int64, error) {
	for {
		if _, err := c.ra.ReadAt(buf, pos); err != nil && !(errors.Is(err, io.EOF) && pos+int64(len(buf)) <= c.size) {
			return pqPageHeader{}, 0, err
		}
		tr := &thriftReader{b: buf}
		h := readPageHeader(tr)
		if tr.err == nil {
			return h, int64(tr.pos), nil
		}
		if !errors.Is(tr.err, errThriftShort) || int64(len(buf)) >= min(end-pos, maxPageHeader) {
			return h, 0, tr.err
		}
		buf = make([]byte, min(end-pos, maxPageHeader))
	}
}

// codecMismatch checks the first bytes of a page's payload against its codec, and returns what is
// wrong or "". size is the payload's uncompressed size.
func codecMismatch(codec int64, compressed bool, fb []byte, size int64) string {
	if !compressed {
		return ""
	}
	switch codec {
	case pqSnappy:
		// A Snappy block starts with its uncompressed length as a varint.
		n, k := binary.Uvarint(fb)
		if k <= 0 || int64(n) != size {
			return fmt.Sprintf("Snappy data for %d bytes in a page of %d", n, size)
		}
	case pqZstd:
		if len(fb) >= 4 && !bytes.Equal(fb[:4], []byte{0x28, 0xb5, 0x2f, 0xfd}) {
			return "no Zstandard frame"
		}
	case pqGzip:
		if len(fb) >= 2 && (fb[0] != 0x1f || fb[1] != 0x8b) {
			return "no gzip stream"
		}
	}
	return ""
}

// formatBytes shows a byte count in binary units.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// checkParquetTable checks a Parquet table's layout and that reading it fits the memory budget:
// read whole (workers 0, the small tables) or one row group per worker in batches (the survey).
func checkParquetTable(path string, ras readerAtSeeker, cols []Column, workers int) (pqLayout, *FieldError) {
	size, err := ras.Seek(0, io.SeekEnd)
	if err != nil {
		return pqLayout{}, &FieldError{Loc: Location{File: path, RowGroup: -1}, Expected: fmt.Sprintf("a readable Parquet file: %v", err), Err: ErrMalformed}
	}
	if _, err := ras.Seek(0, io.SeekStart); err != nil {
		return pqLayout{}, &FieldError{Loc: Location{File: path, RowGroup: -1}, Expected: fmt.Sprintf("a readable Parquet file: %v", err), Err: ErrMalformed}
	}
	lay, ferr := parquetLayout(path, ras, size, cols)
	if ferr != nil {
		return lay, ferr
	}
	need, how := lay.wholeRead, "read whole"
	if workers > 0 {
		need, how = satMul(lay.groupRead, int64(workers)), fmt.Sprintf("read by %d workers, a row group each", workers)
	}
	if budget := MaxMemory(); need > budget {
		return lay, &FieldError{Loc: Location{File: path, RowGroup: -1}, Value: fmt.Sprintf("about %s to read", formatBytes(need)),
			Expected: fmt.Sprintf("a table that fits the memory budget of %s (%s); raise --max-memory if the machine has the memory", formatBytes(budget), how),
			Err:      ErrTooLarge}
	}
	return lay, nil
}

// openParquetReader opens a file whose layout passed parquetLayout, turning a panic of arrow's
// schema building (on a footer value the layout check does not read, such as a converted type) into
// an error.
func openParquetReader(ras readerAtSeeker, opts ...file.ReadOption) (pf *file.Reader, err error) {
	defer func() {
		if r := recover(); r != nil {
			pf, err = nil, fmt.Errorf("unreadable footer: %v", r)
		}
	}()
	return file.NewParquetReader(ras, opts...)
}
