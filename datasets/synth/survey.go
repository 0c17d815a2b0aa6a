package synth

import (
	"context"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"sync"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/compress"
	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/contract"
	"github.com/psnbyod/psnbyod/datasets/resultfile"
)

// unitRows bounds the respondents drawn from one random stream; jobRows bounds a job (a run of
// whole units). Both keep memory flat however many respondents an organisation has.
const (
	unitRows = 64 << 10
	jobRows  = 64 << 10
)

const streamSurvey = 9

// unit is a run of respondents of one org-year with its own random stream.
type unit struct {
	org, year, chunk int
	from, to         int // respondent indices
}

// surveyJobs cuts every org-year into units and groups consecutive units into jobs.
func surveyJobs(plans []plan, years []int, counts [][]int) [][]unit {
	var jobs [][]unit
	var cur []unit
	rows := 0
	for i := range plans {
		for j, y := range years {
			n := counts[i][j]
			for c, from := 0, 0; from < n; c, from = c+1, from+unitRows {
				u := unit{org: i, year: y, chunk: c, from: from, to: min(n, from+unitRows)}
				if rows > 0 && rows+u.to-u.from > jobRows {
					jobs = append(jobs, cur)
					cur, rows = nil, 0
				}
				cur = append(cur, u)
				rows += u.to - u.from
			}
		}
	}
	if len(cur) > 0 {
		jobs = append(jobs, cur)
	}
	return jobs
}

// rows holds generated survey responses as columns.
type rows struct {
	org     []string
	year    []int32
	id      []int64
	staff   []uint8
	byod    []bool
	overall []int8
	remote  []int8 // 0: null
	device  []int8 // 0: null
	weight  []float64
}

// draw generates the respondents of a job.
func draw(plans []plan, units []unit, seed uint64) *rows {
	n := 0
	for _, u := range units {
		n += u.to - u.from
	}
	r := &rows{
		org: make([]string, 0, n), year: make([]int32, 0, n), id: make([]int64, 0, n), staff: make([]uint8, 0, n),
		byod: make([]bool, 0, n), overall: make([]int8, 0, n), remote: make([]int8, 0, n), device: make([]int8, 0, n),
		weight: make([]float64, 0, n),
	}
	var cum [5]float64
	acc := 0.0
	for g, s := range staffGroupShares {
		acc += s
		cum[g] = acc
	}
	for _, u := range units {
		p := &plans[u.org]
		rng := rand.New(rand.NewPCG(seed, streamID(streamSurvey, u.org, u.year, u.chunk)))
		restricted := p.restricted(u.year)
		pUse := byodUseProbability(p.uptakeShare(u.year, restricted))
		var means [5][2]float64
		for g := range means {
			means[g][0] = p.latentMean(u.year, uint8(g), false, restricted)
			means[g][1] = p.latentMean(u.year, uint8(g), true, restricted)
		}
		shift := 0.0
		if restricted {
			shift = 1
		}
		for k := u.from; k < u.to; k++ {
			g := uint8(0)
			for x := rng.Float64(); g < 4 && x >= cum[g]; g++ {
			}
			byod := rng.Float64() < pUse
			b := 0
			if byod {
				b = 1
			}
			latent := means[g][b] + noiseSD*rng.NormFloat64()
			var remote, device int8
			if rng.Float64() >= 0.12 {
				remote = score(latent - 0.2*shift + 0.8*rng.NormFloat64())
			}
			if rng.Float64() >= 0.08 {
				device = score(latent - 0.3*shift + 0.2*float64(b) + 0.8*rng.NormFloat64())
			}
			r.org = append(r.org, p.org.Code)
			r.year = append(r.year, int32(u.year))
			r.id = append(r.id, int64(k+1))
			r.staff = append(r.staff, g)
			r.byod = append(r.byod, byod)
			r.overall = append(r.overall, score(latent))
			r.remote = append(r.remote, remote)
			r.device = append(r.device, device)
			r.weight = append(r.weight, math.Round(math.Exp(0.2*rng.NormFloat64())*1e4)/1e4)
		}
	}
	return r
}

// record turns generated rows into an Arrow record with the contract's schema.
func (r *rows) record(mem memory.Allocator, schema *arrow.Schema) arrow.Record {
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	n := len(r.org)
	b.Field(0).(*array.StringBuilder).AppendValues(r.org, nil)
	b.Field(1).(*array.Int32Builder).AppendValues(r.year, nil)
	b.Field(2).(*array.Int64Builder).AppendValues(r.id, nil)
	sb := b.Field(3).(*array.StringBuilder)
	for _, g := range r.staff {
		sb.Append(contract.StaffGroups[g])
	}
	b.Field(4).(*array.BooleanBuilder).AppendValues(r.byod, nil)
	ob := b.Field(5).(*array.Int32Builder)
	for _, v := range r.overall {
		ob.Append(int32(v))
	}
	for f, col := range [][]int8{r.remote, r.device} {
		nb := b.Field(6 + f).(*array.Int32Builder)
		nb.Reserve(n)
		for _, v := range col {
			if v == 0 {
				nb.AppendNull()
			} else {
				nb.Append(int32(v))
			}
		}
	}
	b.Field(8).(*array.Float64Builder).AppendValues(r.weight, nil)
	return b.NewRecord()
}

// appendCSV formats generated rows as CSV lines.
func (r *rows) appendCSV(buf []byte) []byte {
	for i := range r.org {
		buf = append(buf, r.org[i]...)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(r.year[i]), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, r.id[i], 10)
		buf = append(buf, ',')
		buf = append(buf, contract.StaffGroups[r.staff[i]]...)
		buf = append(buf, ',')
		buf = strconv.AppendBool(buf, r.byod[i])
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(r.overall[i]), 10)
		buf = append(buf, ',')
		if r.remote[i] != 0 {
			buf = strconv.AppendInt(buf, int64(r.remote[i]), 10)
		}
		buf = append(buf, ',')
		if r.device[i] != 0 {
			buf = strconv.AppendInt(buf, int64(r.device[i]), 10)
		}
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, r.weight[i], 'f', -1, 64)
		buf = append(buf, '\n')
	}
	return buf
}

// writeSurvey generates the survey on every core and writes it in a fixed order.
func writeSurvey(ctx context.Context, path string, cfg Config, plans []plan, years []int, counts [][]int) error {
	jobs := surveyJobs(plans, years, counts)
	var total int64
	for _, c := range counts {
		for _, n := range c {
			total += int64(n)
		}
	}
	schema := datasets.Schema(datasets.SurveyColumns)
	type result struct {
		seq int
		rec arrow.Record
		csv []byte
		n   int64
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := make(chan int)
	out := make(chan result, workers(cfg.Workers))
	go func() {
		defer close(in)
		for i := range jobs {
			select {
			case in <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers(cfg.Workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range in {
				r := draw(plans, jobs[i], cfg.Seed)
				res := result{seq: i, n: int64(len(r.org))}
				if cfg.Format == datasets.FormatParquet {
					res.rec = r.record(memory.DefaultAllocator, schema)
				} else {
					res.csv = r.appendCSV(make([]byte, 0, len(r.org)*56))
				}
				select {
				case out <- res:
				case <-ctx.Done():
					if res.rec != nil {
						res.rec.Release()
					}
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()

	// in order: each result is written when all before it have been
	ordered := func(emit func(result) error) error {
		pending := map[int]result{}
		next := 0
		var done int64
		var err error
		for res := range out {
			pending[res.seq] = res
			for {
				r, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				if err == nil {
					err = emit(r)
					done += r.n
					if cfg.Progress != nil {
						cfg.Progress(done, total)
					}
					if err != nil {
						cancel()
					}
				}
				if r.rec != nil {
					r.rec.Release()
				}
			}
		}
		if err == nil {
			err = ctx.Err()
		}
		return err
	}
	if cfg.Format == datasets.FormatParquet {
		codec := compress.Codecs.Snappy
		if cfg.Compact {
			codec = compress.Codecs.Zstd
		}
		w, err := resultfile.NewParquetWriterCompressed(path, schema, codec)
		if err != nil {
			return err
		}
		if err := ordered(func(r result) error { return w.WriteBuffered(r.rec) }); err != nil {
			w.Abort()
			return err
		}
		return w.Close()
	}
	return resultfile.WriteFileAtomic(path, func(w io.Writer) error {
		header := ""
		for i, c := range datasets.SurveyColumns {
			if i > 0 {
				header += ","
			}
			header += c.Name
		}
		if _, err := io.WriteString(w, header+"\n"); err != nil {
			return err
		}
		return ordered(func(r result) error { _, err := w.Write(r.csv); return err })
	})
}
