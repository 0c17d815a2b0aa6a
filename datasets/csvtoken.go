package datasets

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Tokenising CSV (RFC 4180): fields separated by commas, records by LF or CRLF, fields optionally
// enclosed in double quotes, a quote inside a quoted field written twice. Empty lines are skipped,
// as encoding/csv does.

var (
	errBareQuote      = errors.New(`a quote (") inside an unquoted field; enclose the field in quotes and double the quote`)
	errExtraneousText = errors.New(`text after the closing quote of a quoted field; expected a comma or the end of the line`)
	errUnterminated   = errors.New(`a quoted field that never closes; expected a closing quote (")`)
	errRecordTooLong  = fmt.Errorf("a record (line) of at most %d bytes (1 MiB)", maxCSVRecord)
)

// maxCSVRecord is the longest CSV record (a line, or lines joined by quoted newlines) any table may
// hold, header included. Real rows are a few hundred bytes; the cap keeps a file with no newline
// from being read whole into memory.
const maxCSVRecord = 1 << 20

// csvTokenizer walks the records of a block of CSV text that starts at a record boundary.
type csvTokenizer struct {
	data   []byte
	pos    int
	line   int64 // line number of the next byte, from 1
	fields [][]byte
}

func newCSVTokenizer(data []byte, firstLine int64) *csvTokenizer {
	return &csvTokenizer{data: data, line: firstLine}
}

// next returns the fields of the next record and the line it starts on. The field slices point into
// the block (or, for a field with doubled quotes, into a fresh copy) and stay valid while the block
// does. It returns io.EOF after the last record.
func (t *csvTokenizer) next() ([][]byte, int64, error) {
	data := t.data
	// Skip empty lines (LF or CRLF alone).
	for t.pos < len(data) {
		switch {
		case data[t.pos] == '\n':
			t.pos++
			t.line++
			continue
		case data[t.pos] == '\r' && t.pos+1 < len(data) && data[t.pos+1] == '\n':
			t.pos += 2
			t.line++
			continue
		}
		break
	}
	if t.pos >= len(data) {
		return nil, t.line, io.EOF
	}
	start, startPos := t.line, t.pos
	fields := t.fields[:0]
	for {
		if t.pos < len(data) && data[t.pos] == '"' {
			f, err := t.quoted()
			if err != nil {
				t.fields = fields
				t.skipLine()
				return nil, start, err
			}
			fields = append(fields, f)
		} else {
			// Unquoted field: up to the next comma or newline.
			i := t.pos
			for i < len(data) {
				c := data[i]
				if c == ',' || c == '\n' {
					break
				}
				if c == '"' {
					t.pos = i
					t.fields = fields
					t.skipLine()
					return nil, start, errBareQuote
				}
				i++
			}
			f := data[t.pos:i]
			if i < len(data) && data[i] == '\n' || i == len(data) {
				f = bytes.TrimSuffix(f, []byte{'\r'})
			}
			fields = append(fields, f)
			t.pos = i
		}
		// After a field: a comma, a newline or the end.
		if t.pos >= len(data) {
			break
		}
		c := data[t.pos]
		t.pos++
		if c == '\n' {
			t.line++
			break
		}
		if c == '\r' && t.pos < len(data) && data[t.pos] == '\n' {
			t.pos++
			t.line++
			break
		}
		if c != ',' {
			t.pos--
			t.fields = fields
			t.skipLine()
			return nil, start, errExtraneousText
		}
		if t.pos >= len(data) {
			// A trailing comma at the very end: one more, empty, field.
			fields = append(fields, data[t.pos:t.pos])
			break
		}
	}
	t.fields = fields
	if t.pos-startPos > maxCSVRecord {
		return nil, start, errRecordTooLong
	}
	return fields, start, nil
}

// quoted reads a quoted field starting at the opening quote and leaves pos after the closing quote.
func (t *csvTokenizer) quoted() ([]byte, error) {
	data := t.data
	i := t.pos + 1
	var buf []byte // only when the field holds doubled quotes
	segStart := i
	for {
		j := bytes.IndexByte(data[i:], '"')
		if j < 0 {
			t.line += int64(bytes.Count(data[i:], []byte{'\n'}))
			t.pos = len(data)
			return nil, errUnterminated
		}
		t.line += int64(bytes.Count(data[i:i+j], []byte{'\n'}))
		i += j
		if i+1 < len(data) && data[i+1] == '"' {
			buf = append(buf, data[segStart:i+1]...)
			i += 2
			segStart = i
			continue
		}
		var f []byte
		if buf == nil {
			f = data[segStart:i]
		} else {
			f = append(buf, data[segStart:i]...)
		}
		t.pos = i + 1
		if t.pos < len(data) {
			switch c := data[t.pos]; {
			case c == ',' || c == '\n':
			case c == '\r' && t.pos+1 < len(data) && data[t.pos+1] == '\n':
			default:
				return nil, errExtraneousText
			}
		}
		return f, nil
	}
}

// skipLine moves past the rest of the current line after an error, so tokenising can go on and find
// the next problem.
func (t *csvTokenizer) skipLine() {
	j := bytes.IndexByte(t.data[t.pos:], '\n')
	if j < 0 {
		t.pos = len(t.data)
		return
	}
	t.pos += j + 1
	t.line++
}

// splitPoint returns the length of the longest prefix of data that ends with a newline outside
// quotes, given that data starts outside quotes; 0 when there is none. It reads data once, jumping
// from quote to quote, so a block with an unclosed quote and many newlines costs no more than any other.
func splitPoint(data []byte) int {
	last, pos := 0, 0
	for pos < len(data) {
		// Outside quotes: the last newline before the next quote is a record boundary.
		q := bytes.IndexByte(data[pos:], '"')
		seg := data[pos:]
		if q >= 0 {
			seg = seg[:q]
		}
		if nl := bytes.LastIndexByte(seg, '\n'); nl >= 0 {
			last = pos + nl + 1
		}
		if q < 0 {
			break
		}
		// Inside quotes: skip to the closing quote (a doubled quote closes and reopens).
		pos += q + 1
		q = bytes.IndexByte(data[pos:], '"')
		if q < 0 {
			break
		}
		pos += q + 1
	}
	return last
}
