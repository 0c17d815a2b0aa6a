package sector

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/psnbyod/psnbyod/analysis/stats"
)

// participationShares are the shares of councils contributing in the participation curve.
var participationShares = []float64{0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5,
	0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1}

// fundingChunk is one chunk's draws and counts.
type fundingChunk struct {
	funds, contributors, postCost, other   []float64 // per iteration
	posts                                  []float64 // per iteration, posts funded
	coverN                                 []int64   // iterations covering N posts, N = 1..MaxPosts
	classContributors, classFunds          []float64 // per class, summed
	partContributors, partFunds, partPosts []float64 // per share, summed
	partNeeded                             []int64   // per share, iterations covering PostsNeeded
}

// postsFunded returns max(0, ⌊net/cost⌋), the whole posts net funds pay for.
func postsFunded(net, cost float64) float64 {
	if net <= 0 {
		return 0
	}
	return math.Floor(net / cost)
}

type fundingRun struct {
	f        *FundingModel
	perClass []int
}

// newWorker returns a chunk function drawing from src: per-iteration inputs for the chunk, then
// for each iteration one uniform per council (does it contribute?) and each council's amount.
func (r *fundingRun) newWorker(src rand.Source) func(rng *rand.Rand, lo, hi int) fundingChunk {
	f := r.f
	k := len(f.Classes)
	perIter := make([]Input, 0, k+3)
	for _, c := range f.Classes {
		perIter = append(perIter, c.Probability)
	}
	perIter = append(perIter, f.CostPerPost, f.OtherCosts, f.OtherIncome)
	samplers := make([]func([]float64), len(perIter))
	cols := make([][]float64, len(perIter))
	for j, in := range perIter {
		samplers[j] = in.Dist.Sampler(src)
		cols[j] = make([]float64, chunkSize)
	}
	amountSamplers := make([]func([]float64), k)
	amounts := make([][]float64, k)
	us := make([][]float64, k)
	for j, c := range f.Classes {
		amountSamplers[j] = c.Contribution.Dist.Sampler(src)
		amounts[j] = make([]float64, r.perClass[j])
		us[j] = make([]float64, r.perClass[j])
	}
	shares := participationShares
	partFunds := make([]float64, len(shares))
	partCount := make([]int, len(shares))
	return func(rng *rand.Rand, lo, hi int) fundingChunk {
		m := hi - lo
		ch := fundingChunk{funds: make([]float64, m), contributors: make([]float64, m), postCost: make([]float64, m),
			other: make([]float64, m), posts: make([]float64, m), coverN: make([]int64, f.MaxPosts),
			classContributors: make([]float64, k), classFunds: make([]float64, k),
			partContributors: make([]float64, len(shares)), partFunds: make([]float64, len(shares)),
			partPosts: make([]float64, len(shares)), partNeeded: make([]int64, len(shares))}
		for j := range samplers {
			samplers[j](cols[j][:m])
		}
		for i := range m {
			postCost := math.Max(cols[k][i], 0) * f.Months / 12
			other := math.Max(cols[k+1][i], 0)
			income := math.Max(cols[k+2][i], 0)
			funds, contributors := income, 0
			clear(partFunds)
			clear(partCount)
			for j := range k {
				p := clamp(cols[j][i], 0, 1)
				u := us[j]
				for c := range u {
					u[c] = rng.Float64()
				}
				amountSamplers[j](amounts[j])
				var classFunds float64
				classN := 0
				for c, a := range amounts[j] {
					a = math.Max(a, 0)
					if u[c] < p {
						classFunds += a
						classN++
					}
					for s, share := range shares {
						if u[c] < share {
							partFunds[s] += a
							partCount[s]++
						}
					}
				}
				funds += classFunds
				contributors += classN
				ch.classFunds[j] += classFunds
				ch.classContributors[j] += float64(classN)
			}
			net := funds - other
			ch.funds[i], ch.contributors[i], ch.postCost[i], ch.other[i] = funds, float64(contributors), postCost, other
			ch.posts[i] = postsFunded(net, postCost)
			for n := 1; n <= f.MaxPosts; n++ {
				if net >= float64(n)*postCost {
					ch.coverN[n-1]++
				}
			}
			for s := range shares {
				pn := postsFunded(partFunds[s]+income-other, postCost)
				ch.partContributors[s] += float64(partCount[s])
				ch.partFunds[s] += partFunds[s] + income
				ch.partPosts[s] += pn
				if pn >= float64(f.PostsNeeded) {
					ch.partNeeded[s]++
				}
			}
		}
		return ch
	}
}

// runFunding runs the advisory-group funding model on organisation counts by type.
func runFunding(ctx context.Context, m *Model, counts []TypeCount, opts RunOptions) (*FundingResult, error) {
	f := m.Funding
	perClass, excluded, err := f.classCounts(counts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", m.File, err)
	}
	r := &fundingRun{f: f, perClass: perClass}
	chunks, err := runChunks(ctx, m.Seed, m.Iterations, opts, r.newWorker)
	if err != nil {
		return nil, err
	}
	iters := float64(m.Iterations)
	var funds, contributors, postCost, other, posts []float64
	coverN := make([]int64, f.MaxPosts)
	k := len(f.Classes)
	classN, classF := make([]float64, k), make([]float64, k)
	ns := len(participationShares)
	pc, pf, pp := make([]float64, ns), make([]float64, ns), make([]float64, ns)
	pn := make([]int64, ns)
	for _, ch := range chunks {
		funds = append(funds, ch.funds...)
		contributors = append(contributors, ch.contributors...)
		postCost = append(postCost, ch.postCost...)
		other = append(other, ch.other...)
		posts = append(posts, ch.posts...)
		for i, c := range ch.coverN {
			coverN[i] += c
		}
		for j := range k {
			classN[j] += ch.classContributors[j]
			classF[j] += ch.classFunds[j]
		}
		for s := range ns {
			pc[s] += ch.partContributors[s]
			pf[s] += ch.partFunds[s]
			pp[s] += ch.partPosts[s]
			pn[s] += ch.partNeeded[s]
		}
	}
	res := &FundingResult{Months: f.Months, PostsNeeded: f.PostsNeeded, Excluded: excluded,
		Funds: spread(funds), Contributors: spread(contributors), PostCost: spread(postCost), OtherCosts: spread(other)}
	res.ExpectedPosts = mean(posts)
	res.ProbPostsNeeded = float64(coverN[f.PostsNeeded-1]) / iters
	for n := 1; n <= f.MaxPosts; n++ {
		res.ByPosts = append(res.ByPosts, PostsPoint{Posts: n, CostMean: float64(n)*res.PostCost.Mean + res.OtherCosts.Mean,
			Probability: float64(coverN[n-1]) / iters})
	}
	asked, askedFunds := 0, 0.0
	for j, c := range f.Classes {
		res.Classes = append(res.Classes, ClassResult{Name: c.Name, Types: c.Types, Councils: perClass[j],
			ContributionMean: c.Contribution.Dist.ExpectedValue(), ProbabilityMean: c.Probability.Dist.ExpectedValue(),
			ExpectedContributors: classN[j] / iters, ExpectedFunds: classF[j] / iters})
		asked += perClass[j]
		askedFunds += float64(perClass[j]) * c.Contribution.Dist.ExpectedValue()
	}
	for s, share := range participationShares {
		res.Participation = append(res.Participation, ParticipationPoint{Share: share, Contributors: pc[s] / iters,
			FundsMean: pf[s] / iters, ExpectedPosts: pp[s] / iters, ProbPostsNeeded: float64(pn[s]) / iters})
	}
	// Break-even: share s with s × Σ nₖE[amountₖ] + E[income] = PostsNeeded × E[post cost] + E[other].
	need := float64(f.PostsNeeded)*f.CostPerPost.Dist.ExpectedValue()*f.Months/12 +
		f.OtherCosts.Dist.ExpectedValue() - f.OtherIncome.Dist.ExpectedValue()
	if askedFunds > 0 {
		s := math.Max(need/askedFunds, 0)
		if s <= 1 {
			c := s * float64(asked)
			res.BreakEvenShare, res.BreakEvenContributors = &s, &c
		}
	}
	return res, nil
}

func mean(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// spread summarises draws; it sorts a copy.
func spread(x []float64) Spread {
	var sp Spread
	sp.Mean = mean(x)
	var m2 float64
	for _, v := range x {
		m2 += (v - sp.Mean) * (v - sp.Mean)
	}
	if len(x) > 1 {
		sp.SD = math.Sqrt(m2 / float64(len(x)-1))
	}
	s := slices.Clone(x)
	slices.Sort(s)
	sp.P10, sp.P50, sp.P90 = stats.QuantileSorted(s, 0.1), stats.QuantileSorted(s, 0.5), stats.QuantileSorted(s, 0.9)
	return sp
}
