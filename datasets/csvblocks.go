package datasets

import (
	"bytes"
	"fmt"
	"io"
	"sync"
)

// csvBlockSize is the size of the blocks a CSV file is cut into for parsing in parallel: large
// enough that per-block overhead vanishes, small enough that a few in flight per core stay cheap.
const csvBlockSize = 4 << 20

// csvBlock is a run of whole records: it starts at a record boundary and ends after a newline
// outside quotes (or at the end of the file).
type csvBlock struct {
	seq       int
	data      []byte
	firstLine int64   // line number of the block's first byte, from 1
	buf       *[]byte // the memory data lives in, to hand back by release
}

// csvBlockBuffers recycles the memory of blocks of csvBlockSize bytes. Without it every block is a
// fresh allocation that the runtime clears before it is read into, and clearing took as long as
// the reading.
var csvBlockBuffers sync.Pool

// newCSVBlockBuffer returns an empty buffer of capacity size.
func newCSVBlockBuffer(size int) *[]byte {
	if size == csvBlockSize {
		if p, ok := csvBlockBuffers.Get().(*[]byte); ok {
			*p = (*p)[:0]
			return p
		}
	}
	b := make([]byte, 0, size)
	return &b
}

// release hands the block's memory back for later blocks; the block's data must not be used after.
func (b *csvBlock) release() {
	if b.buf != nil && cap(*b.buf) == csvBlockSize {
		csvBlockBuffers.Put(b.buf)
	}
	b.buf, b.data = nil, nil
}

// csvBlockReader cuts a CSV stream into blocks at record boundaries. It reads sequentially; the
// blocks can then be parsed in any order.
type csvBlockReader struct {
	r     io.Reader
	carry []byte  // bytes read but not yet handed out
	own   *[]byte // the buffer carry lives in, when it is one of ours
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
		if br.own == nil || cap(br.carry) < br.size {
			p := newCSVBlockBuffer(br.size)
			br.carry, br.own = append(*p, br.carry...), p
		}
		buf := br.carry
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
	b := &csvBlock{seq: br.seq, data: br.carry[:n:n], firstLine: br.line, buf: br.own}
	br.seq++
	br.line += int64(bytes.Count(b.data, []byte{'\n'}))
	// The rest moves to a buffer of its own at once: the block's may be handed back before the next call.
	rest := br.carry[n:]
	if len(rest) > 0 {
		p := newCSVBlockBuffer(br.size)
		br.carry, br.own = append(*p, rest...), p
	} else {
		br.carry, br.own = nil, nil
	}
	return b
}

// recordTooLongError is a record longer than MaxCSVRecord, found while cutting blocks.
type recordTooLongError struct{ line int64 }

func (e *recordTooLongError) Error() string {
	return fmt.Sprintf("line %d: %v, and this record is longer (is the file missing its line ends?)", e.line, errRecordTooLong)
}
