package datasets

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// surveyJob is one unit of parsing: a block of CSV text or a Parquet row group. It emits its
// results in parts (a row group gives one part per record batch), the last one marked.
type surveyJob struct {
	seq int
	run func(emit func(surveyResult) bool)
}

// surveyResult is what a worker made of a job. For CSV, error rows count records within the
// block (from 1) until the consumer, which knows how many records came before, rebases them.
type surveyResult struct {
	seq     int
	part    int
	last    bool
	batch   *contract.SurveyBatch
	records int64
	errs    []*FieldError
	rebase  bool    // error rows are block-relative
	rowOf   []int64 // when some rows were dropped for errors: each batch entry's row within the job, from 1
	done    int64
	err     error // a fatal problem reading the file
}

// ScanSurvey streams the survey_responses table through fn, one validated batch at a time, in file
// order. A batch is only valid during the call: its memory is reused for later batches. Once a value
// breaks the contract, fn is no longer called but reading goes on to find the others (up to
// opts.MaxErrors), which are returned together, located, as one *ValidationError. It returns the
// number of data rows read.
func (d *Dataset) ScanSurvey(ctx context.Context, opts SurveyScan, fn func(*contract.SurveyBatch) error) (int64, error) {
	errs := &errorList{Limit: opts.MaxErrors}
	n, err := d.scanSurvey(ctx, opts, errs, fn)
	if err != nil {
		return n, err
	}
	return n, errs.Err()
}

// scanSurvey is ScanSurvey adding the problems it finds to errs.
func (d *Dataset) scanSurvey(ctx context.Context, opts SurveyScan, errs *errorList, fn func(*contract.SurveyBatch) error) (int64, error) {
	tf := d.Files[TableSurvey]
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		produce func(ctx context.Context, jobs chan<- surveyJob) error
		total   int64
		err     error
	)
	switch tf.Format {
	case FormatParquet:
		produce, total, err = d.parquetSurveyJobs(tf, errs, opts.SkipRespondentIDs)
	default:
		produce, total, err = d.csvSurveyJobs(tf, errs)
	}
	if err != nil || produce == nil {
		return 0, err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan surveyJob, workers)
	results := make(chan surveyResult, workers)
	var prodErr error
	go func() {
		defer close(jobs)
		defer func() {
			if r := recover(); r != nil {
				prodErr = fmt.Errorf("%s: unreadable file: %v", tf.Path, r)
			}
		}()
		prodErr = produce(ctx, jobs)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range jobs {
				emit := func(res surveyResult) bool {
					select {
					case results <- res:
						return true
					case <-ctx.Done():
						return false
					}
				}
				if !runSurveyJob(job, tf.Path, emit) {
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	type partKey struct{ seq, part int }
	var (
		pending = map[partKey]surveyResult{}
		next    partKey
		rows    int64
		keys    respondentKeys
		fnErr   error
	)
	for res := range results {
		pending[partKey{res.seq, res.part}] = res
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if r.last {
				next = partKey{next.seq + 1, 0}
			} else {
				next.part++
			}
			if r.err != nil && fnErr == nil {
				fnErr = r.err
				cancel()
			}
			if fnErr != nil {
				continue
			}
			for _, fe := range r.errs {
				if r.rebase {
					fe.Loc.Row += rows + 1 // the header is row 1
				}
				errs.Add(fe)
			}
			if r.batch != nil && !opts.SkipRespondentIDs {
				checkRespondentKeys(r.batch, r.rowOf, &keys, d, tf.Path, rows, r.rebase, errs)
			}
			rows += r.records
			if opts.Progress != nil {
				opts.Progress(r.done, total)
			}
			if errs.Full() {
				cancel()
				fnErr = errStop
				continue
			}
			if len(errs.List) == 0 && r.batch != nil {
				r.batch.Seq = r.seq
				if err := fn(r.batch); err != nil {
					fnErr = err
					cancel()
				}
				releaseSurveyBatch(r.batch)
			}
		}
	}
	if fnErr != nil && fnErr != errStop {
		return rows, fnErr
	}
	if prodErr != nil && !errors.Is(prodErr, context.Canceled) {
		return rows, prodErr
	}
	if err := ctx.Err(); err != nil && fnErr == nil {
		return rows, err
	}
	if rows == 0 && len(errs.List) == 0 {
		errs.Add(&FieldError{Loc: Location{File: tf.Path, RowGroup: -1}, Expected: "no rows: the table has no data rows", Err: ErrNoRows})
	}
	return rows, nil
}

// errStop ends a scan once the error limit is reached; it is not reported.
var errStop = errors.New("error limit reached")

// runSurveyJob runs one job, numbering its parts, and turns a panic in a decoder (corrupt input)
// into an error. It reports false when the scan was cancelled.
func runSurveyJob(job surveyJob, path string, emit func(surveyResult) bool) (ok bool) {
	part := 0
	defer func() {
		if r := recover(); r != nil {
			ok = emit(surveyResult{seq: job.seq, part: part, last: true, err: fmt.Errorf("%s: unreadable data: %v", path, r)})
		}
	}()
	ok = true
	job.run(func(res surveyResult) bool {
		res.seq, res.part = job.seq, part
		part++
		ok = emit(res)
		return ok
	})
	return ok
}

// checkRespondentKeys records each response's (org_code, year, respondent_id) and reports repeats.
// It runs in file order, so the row it names is the second occurrence.
func checkRespondentKeys(b *contract.SurveyBatch, rowOf []int64, keys *respondentKeys, d *Dataset, path string, before int64, csv bool, errs *errorList) {
	for i := range b.Org {
		if keys.add(b.Org[i], b.Year[i], b.RespondentID[i]) {
			continue
		}
		row := before + int64(i) + 1
		if rowOf != nil {
			row = before + rowOf[i]
		}
		loc := Location{File: path, Row: row, RowGroup: -1}
		if csv {
			loc.Row++ // header
		} else {
			loc.RowGroup = d.surveyRowGroup(row)
		}
		if !errs.Add(&FieldError{Loc: loc, Column: "respondent_id", Value: fmt.Sprint(b.RespondentID[i]),
			Expected: fmt.Sprintf("a respondent_id unique within (org_code %s, year %d); an earlier row has it", d.Orgs[b.Org[i]].Code, b.Year[i]),
			Err:      ErrDuplicateKey}) {
			return
		}
	}
}

// batchPool recycles batches: a scan of millions of rows would otherwise allocate (and the
// collector clear and scan) a fresh set of columns for every block.
var batchPool sync.Pool

// newSurveyBatch returns an empty batch with room for at least n rows.
func newSurveyBatch(n int) *contract.SurveyBatch {
	if b, ok := batchPool.Get().(*contract.SurveyBatch); ok && cap(b.Org) >= n {
		b.Org, b.Year, b.RespondentID, b.StaffGroup = b.Org[:0], b.Year[:0], b.RespondentID[:0], b.StaffGroup[:0]
		b.UsesBYOD, b.Overall, b.Remote, b.Device, b.Weight = b.UsesBYOD[:0], b.Overall[:0], b.Remote[:0], b.Device[:0], b.Weight[:0]
		return b
	}
	return &contract.SurveyBatch{
		Org:          make([]int32, 0, n),
		Year:         make([]int32, 0, n),
		RespondentID: make([]int64, 0, n),
		StaffGroup:   make([]uint8, 0, n),
		UsesBYOD:     make([]bool, 0, n),
		Overall:      make([]int8, 0, n),
		Remote:       make([]int8, 0, n),
		Device:       make([]int8, 0, n),
		Weight:       make([]float64, 0, n),
	}
}

// releaseSurveyBatch returns a batch to the pool once the caller's fold is done with it.
func releaseSurveyBatch(b *contract.SurveyBatch) { batchPool.Put(b) }
