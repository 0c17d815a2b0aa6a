package datasets

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// csvSurveyJobs reads the header of a CSV survey file and returns a producer that cuts the rest into
// blocks for the workers.
func (d *Dataset) csvSurveyJobs(tf TableFile, errs *errorList) (func(context.Context, chan<- surveyJob) error, int64, error) {
	f, err := d.FS.Open(tf.Path)
	if err != nil {
		return nil, 0, err
	}
	// The header is on the first line; read until it is whole, looking for the newline only in the
	// bytes just read, and at most MaxCSVRecord bytes.
	var head []byte
	buf := make([]byte, 64<<10)
	for {
		n, rerr := f.Read(buf)
		head = append(head, buf[:n]...)
		if bytes.IndexByte(buf[:n], '\n') >= 0 || rerr == io.EOF {
			break
		}
		if rerr != nil {
			f.Close()
			return nil, 0, fmt.Errorf("reading %s: %w", tf.Path, rerr)
		}
		if len(head) > maxCSVRecord {
			f.Close()
			errs.Add(&FieldError{Loc: Location{File: tf.Path, Row: 1, RowGroup: -1},
				Expected: fmt.Sprintf("a header line: %v, and the first line is longer", errRecordTooLong), Err: ErrMalformed})
			return nil, 0, nil
		}
	}
	hdr, ok := csvHeader(tf.Path, head, SurveyColumns, nil, errs)
	if !ok {
		f.Close()
		return nil, 0, nil
	}
	br := newCSVBlockReader(f, 2, head[hdr.end:])
	produce := func(ctx context.Context, jobs chan<- surveyJob) error {
		defer f.Close()
		var offset int64 = int64(hdr.end)
		for {
			b, err := br.next()
			if err == io.EOF {
				return nil
			}
			if tl := (*recordTooLongError)(nil); errors.As(err, &tl) {
				// Reported in file order, after the blocks before it, as the last job.
				fe := &FieldError{Loc: Location{File: tf.Path, RowGroup: -1}, Expected: tl.Error(), Err: ErrMalformed}
				job := surveyJob{seq: br.seq, run: func(emit func(surveyResult) bool) {
					emit(surveyResult{last: true, done: offset, errs: []*FieldError{fe}})
				}}
				select {
				case jobs <- job:
				case <-ctx.Done():
					return ctx.Err()
				}
				return nil
			}
			if err != nil {
				return fmt.Errorf("reading %s: %w", tf.Path, err)
			}
			offset += int64(len(b.data))
			done := offset
			job := surveyJob{seq: b.seq, run: func(emit func(surveyResult) bool) {
				res := d.parseSurveyBlock(tf.Path, b, hdr, true)
				b.release() // nothing in res points into the block
				res.done, res.last = done, true
				emit(res)
			}}
			select {
			case jobs <- job:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	return produce, tf.Size, nil
}

// maxBlockErrors bounds the errors one block keeps; the consumer keeps at most the user's limit.
const maxBlockErrors = 1000

// parseSurveyBlock parses and validates one block of survey CSV. With plain set, records in the
// plain form (survey_csv_plain.go) are read by the fast path; tests turn it off to compare.
func (d *Dataset) parseSurveyBlock(path string, b *csvBlock, hdr csvHead, plain bool) surveyResult {
	var (
		pos    = hdr.cm.pos
		org    = pos[0]
		year   = pos[1]
		rid    = pos[2]
		staff  = pos[3]
		byod   = pos[4]
		over   = pos[5]
		remote = pos[6]
		device = pos[7]
		weight = pos[8]
	)
	res := surveyResult{rebase: true}
	batch := newSurveyBatch(len(b.data) / 40)
	tok := newCSVTokenizer(b.data, b.firstLine)
	var (
		rec      int64
		lastCode []byte
		lastOrg  int32 = -1
		row      plainSurveyRow
		// validUTF8 is 1 when the block is valid UTF-8, 0 when not, -1 until a record needs to know:
		// a plain record holds only ASCII and known organisation codes.
		validUTF8 = -1
	)
	plain = plain && plainSurveyLayout(hdr)
	fail := func(col int, v []byte, expected string, err error) {
		if len(res.errs) < maxBlockErrors {
			name := ""
			if col >= 0 {
				name = SurveyColumns[col].Name
			}
			res.errs = append(res.errs, &FieldError{Loc: Location{File: path, Row: rec, RowGroup: -1}, Column: name, Value: string(v), Expected: expected, Err: err})
		}
	}
	for {
		if plain {
			if next := d.plainSurveyRecord(b.data, tok.pos, &row); next >= 0 {
				if next > tok.pos && b.data[next-1] == '\n' {
					tok.line++
				}
				tok.pos = next
				rec++
				if res.rowOf != nil || rec != int64(len(batch.Org))+1 {
					res.noteRow(rec, len(batch.Org), cap(batch.Org))
				}
				batch.Org = append(batch.Org, row.org)
				batch.Year = append(batch.Year, int32(row.year))
				batch.RespondentID = append(batch.RespondentID, row.id)
				batch.StaffGroup = append(batch.StaffGroup, row.staff)
				batch.UsesBYOD = append(batch.UsesBYOD, row.byod)
				batch.Overall = append(batch.Overall, row.overall)
				batch.Remote = append(batch.Remote, row.remote)
				batch.Device = append(batch.Device, row.device)
				batch.Weight = append(batch.Weight, row.weight)
				continue
			}
		}
		fields, line, err := tok.next()
		if err == io.EOF {
			break
		}
		rec++
		if err != nil {
			fail(-1, nil, fmt.Sprintf("well-formed CSV (line %d): %v", line, err), ErrMalformed)
			continue
		}
		if len(fields) != hdr.fields {
			res.errs = append(res.errs, &FieldError{Loc: Location{File: path, Row: rec, RowGroup: -1}, Value: string(joinFields(fields)),
				Expected: fmt.Sprintf("%d fields as in the header, found %d", hdr.fields, len(fields)), Err: ErrMalformed})
			continue
		}
		if validUTF8 < 0 {
			validUTF8 = 0
			if utf8.Valid(b.data) {
				validUTF8 = 1
			}
		}
		if validUTF8 == 0 {
			bad := -1
			for i, f := range fields {
				if !utf8.Valid(f) {
					bad = i
					break
				}
			}
			if bad >= 0 {
				res.errs = append(res.errs, &FieldError{Loc: Location{File: path, Row: rec, RowGroup: -1}, Column: columnName(hdr, bad), Value: string(fields[bad]), Expected: "UTF-8 text", Err: ErrMalformed})
				continue
			}
		}
		nerr := len(res.errs)
		// Rows usually come grouped by organisation: look a code up only when it changes.
		o, ok := lastOrg, true
		if !bytes.Equal(fields[org], lastCode) || lastOrg < 0 {
			o, ok = d.OrgIndex[string(fields[org])]
			if ok {
				lastCode, lastOrg = append(lastCode[:0], fields[org]...), o
			}
		}
		if !ok {
			fail(0, fields[org], expectOrg, ErrUnknownCode)
		}
		y, ok := parseInt(fields[year])
		if !ok || !validYear(y) {
			fail(1, fields[year], expectYear, ErrInvalidValue)
		}
		id, ok := parseInt(fields[rid])
		if !ok {
			fail(2, fields[rid], expectID, ErrInvalidValue)
		}
		sg, ok := staffCode(bytesString(fields[staff]))
		if !ok {
			fail(3, fields[staff], expectStaff, ErrInvalidValue)
		}
		ub, ok := parseBool(fields[byod])
		if !ok {
			fail(4, fields[byod], expectBool, ErrInvalidValue)
		}
		ov, ok := parseInt(fields[over])
		if !ok || !validScore(ov) {
			fail(5, fields[over], expectScore, ErrInvalidValue)
		}
		var ra, dv int64
		if f := fields[remote]; !isNullText(f) {
			if ra, ok = parseInt(f); !ok || !validScore(ra) {
				fail(6, f, expectScoreN, ErrInvalidValue)
			}
		}
		if f := fields[device]; !isNullText(f) {
			if dv, ok = parseInt(f); !ok || !validScore(dv) {
				fail(7, f, expectScoreN, ErrInvalidValue)
			}
		}
		w, ok := parseFloat(fields[weight])
		if !ok || !(w > 0) {
			fail(8, fields[weight], expectWeight, ErrInvalidValue)
		}
		if len(res.errs) > nerr {
			continue
		}
		if res.rowOf != nil || rec != int64(len(batch.Org))+1 {
			res.noteRow(rec, len(batch.Org), cap(batch.Org))
		}
		batch.Org = append(batch.Org, o)
		batch.Year = append(batch.Year, int32(y))
		batch.RespondentID = append(batch.RespondentID, id)
		batch.StaffGroup = append(batch.StaffGroup, sg)
		batch.UsesBYOD = append(batch.UsesBYOD, ub)
		batch.Overall = append(batch.Overall, int8(ov))
		batch.Remote = append(batch.Remote, int8(ra))
		batch.Device = append(batch.Device, int8(dv))
		batch.Weight = append(batch.Weight, w)
	}
	res.records = rec
	res.batch = batch
	return res
}

func joinFields(fields [][]byte) []byte {
	var out []byte
	for i, f := range fields {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, f...)
	}
	return out
}

// noteRow records that the next batch entry (after n) is record rec of the block, once a record
// before it was dropped for an error; the entries before the first drop are records 1 to n.
func (res *surveyResult) noteRow(rec int64, n, capacity int) {
	if res.rowOf == nil {
		res.rowOf = make([]int64, n, capacity)
		for i := range res.rowOf {
			res.rowOf[i] = int64(i) + 1
		}
	}
	res.rowOf = append(res.rowOf, rec)
}
