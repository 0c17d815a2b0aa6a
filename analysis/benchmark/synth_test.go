package benchmark

import (
	"math"
	"math/rand/v2"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// synthBatches makes reproducible survey batches shaped like the peers' generator: orgs × years chosen
// uniformly, satisfaction around 4.7 clamped to 1..7, 10% nulls in the two other scores, weights
// exp(0.25·N(0,1)).
func synthBatches(rows, batchSize, nOrgs int, minYear, nYears int32, seed uint64) []*contract.SurveyBatch {
	r := rand.New(rand.NewPCG(seed, 1))
	var out []*contract.SurveyBatch
	for start := 0; start < rows; start += batchSize {
		n := min(batchSize, rows-start)
		b := &contract.SurveyBatch{
			Seq:          len(out),
			Org:          make([]int32, n),
			Year:         make([]int32, n),
			RespondentID: make([]int64, n),
			StaffGroup:   make([]uint8, n),
			UsesBYOD:     make([]bool, n),
			Overall:      make([]int8, n),
			Remote:       make([]int8, n),
			Device:       make([]int8, n),
			Weight:       make([]float64, n),
		}
		for i := range n {
			b.Org[i] = int32(r.IntN(nOrgs))
			b.Year[i] = minYear + int32(r.IntN(int(nYears)))
			b.RespondentID[i] = int64(start + i)
			b.UsesBYOD[i] = r.Float64() < 0.4
			b.Overall[i] = score(4.7 + 1.3*r.NormFloat64())
			if r.Float64() >= 0.1 {
				b.Remote[i] = score(4.5 + 1.3*r.NormFloat64())
			}
			if r.Float64() >= 0.1 {
				b.Device[i] = score(4.9 + 1.3*r.NormFloat64())
			}
			b.Weight[i] = math.Round(math.Exp(0.25*r.NormFloat64())*1e6) / 1e6
		}
		out = append(out, b)
	}
	return out
}

func score(x float64) int8 { return int8(min(max(math.Round(x), 1), 7)) }
