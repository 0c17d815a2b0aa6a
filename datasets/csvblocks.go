package datasets

import (
	"bytes"
	"fmt"
	"io"
)

// csvBlockSize is the size of the blocks a CSV file is cut into for parsing in parallel: large
// enough that per-block overhead vanishes, small enough that a few in flight per core stay cheap.
const csvBlockSize = 4 << 20

// csvBlock is a run of whole records: it starts at a record boundary and ends after a newline
// outside quotes (or at the end of the file).
type csvBlock struct {
	seq       int
	data      []byte
	firstLine int64 // line number of the block's first byte, from 1
}

// csvBlockReader cuts a CSV stream into blocks at record boundaries. It reads sequentially; the
// blocks can then be parsed in any order.
type csvBlockReader struct {
	r     io.Reader
	carry []byte // bytes read but not yet handed out
	line  int64
	seq   int
	eof   bool
	size  int
}

func newCSVBlockReader(r io.Reader, firstLine int64, carry []byte) *csvBlockReader {
	return &csvBlockReader{r: r, line: firstLine, carry: carry, size: csvBlockSize}
}

// next returns the next block, or io.EOF when the stream is exhausted.
func (br *csvBlockReader) next() (*csvBlock, error) {
	for {
		if br.eof {
			if len(br.carry) == 0 {
				return nil, io.EOF
			}
			return br.emit(len(br.carry)), nil
		}
		if len(br.carry) >= br.size {
			if n := splitPoint(br.carry); n > 0 {
				return br.emit(n), nil
			}
			if len(br.carry) > maxCSVRecord {
				return nil, &recordTooLongError{line: br.line}
			}
			br.size *= 2 // one record longer than a block (or a long quoted field): read on
		}
		// Fill exactly up to the block size, so that where blocks end depends on the file alone.
		buf := make([]byte, len(br.carry), br.size)
		copy(buf, br.carry)
		for len(buf) < br.size && !br.eof {
			n, err := br.r.Read(buf[len(buf):br.size])
			buf = buf[:len(buf)+n]
			if err == io.EOF {
				br.eof = true
			} else if err != nil {
				return nil, err
			}
		}
		br.carry = buf
	}
}

func (br *csvBlockReader) emit(n int) *csvBlock {
	b := &csvBlock{seq: br.seq, data: br.carry[:n:n], firstLine: br.line}
	br.seq++
	br.line += int64(bytes.Count(b.data, []byte{'\n'}))
	rest := br.carry[n:]
	if len(rest) > 0 {
		br.carry = append(make([]byte, 0, br.size), rest...)
	} else {
		br.carry = nil
	}
	return b
}

// recordTooLongError is a record longer than MaxCSVRecord, found while cutting blocks.
type recordTooLongError struct{ line int64 }

func (e *recordTooLongError) Error() string {
	return fmt.Sprintf("line %d: %v, and this record is longer (is the file missing its line ends?)", e.line, errRecordTooLong)
}
