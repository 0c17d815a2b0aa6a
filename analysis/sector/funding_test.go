package sector

import (
	"context"
	"math"
	"strconv"
	"testing"
)

func runText(t testing.TB, text string, opts RunOptions) *Result {
	t.Helper()
	m, err := Parse("test.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), m, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestFundingFixedHandCalculation: every council contributes a fixed amount. By hand: 10 small
// councils × £750 + 4 large × £1,750 = £7,500 + £7,000 = £14,500 of contributions, plus £1,000
// other income: £15,500. Posts cost £60,000 a year, so £30,000 for 6 months; other costs £2,000.
// (15,500 − 2,000)/30,000 = 0.45: no post. With 10 small at £750 and 40 large at £1,750 funds are
// £7,500 + £70,000 + £1,000 = £78,500; (78,500 − 2,000)/30,000 = 2.55: two posts, so P(1) = P(2) = 1
// and P(3..) = 0.
func TestFundingFixedHandCalculation(t *testing.T) {
	tests := []struct {
		name       string
		large      int
		funds      float64
		posts      float64
		coverPosts int
	}{
		{"no post", 4, 15500, 0, 0},
		{"two posts", 40, 78500, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := `model = "advisory_funding"
name = "fixed"
iterations = 300
months = 6
posts_needed = 2
max_posts = 4
[organisations]
from = "counts"
counts = { district = 10, county = ` + strconv.Itoa(tt.large) + ` }
[inputs]
cost_per_post = 60000
other_costs = 2000
other_income = 1000
[[contributors]]
name = "small"
types = ["district"]
contribution = 750
probability = 1
[[contributors]]
name = "large"
types = ["county"]
contribution = 1750
probability = 1
`
			f := runText(t, text, RunOptions{}).Funding
			if f.Funds.Mean != tt.funds || f.Funds.SD != 0 || f.Funds.P10 != tt.funds || f.Funds.P90 != tt.funds {
				t.Errorf("funds %+v, want exactly %g", f.Funds, tt.funds)
			}
			if f.PostCost.Mean != 30000 {
				t.Errorf("post cost for 6 months %g, want 30000", f.PostCost.Mean)
			}
			if f.ExpectedPosts != tt.posts {
				t.Errorf("expected posts %g, want %g", f.ExpectedPosts, tt.posts)
			}
			if f.Contributors.Mean != float64(10+tt.large) {
				t.Errorf("contributors %g, want %d", f.Contributors.Mean, 10+tt.large)
			}
			for _, p := range f.ByPosts {
				want := 0.0
				if p.Posts <= tt.coverPosts {
					want = 1
				}
				if p.Probability != want {
					t.Errorf("P(%d posts) = %g, want %g", p.Posts, p.Probability, want)
				}
				if p.CostMean != float64(p.Posts)*30000+2000 {
					t.Errorf("cost of %d posts %g, want %g", p.Posts, p.CostMean, float64(p.Posts)*30000+2000)
				}
			}
			if f.Classes[0].ExpectedFunds != 7500 || f.Classes[1].ExpectedFunds != 1750*float64(tt.large) {
				t.Errorf("class funds %g and %g", f.Classes[0].ExpectedFunds, f.Classes[1].ExpectedFunds)
			}
			// Break-even share: (2 × 30,000 + 2,000 − 1,000) / (10 × 750 + large × 1,750).
			want := 61000 / (7500 + 1750*float64(tt.large))
			if want <= 1 {
				if f.BreakEvenShare == nil || math.Abs(*f.BreakEvenShare-want) > 1e-12 {
					t.Errorf("break-even share %v, want %g", f.BreakEvenShare, want)
				}
			} else if f.BreakEvenShare != nil {
				t.Errorf("break-even share %g, want null (above 1)", *f.BreakEvenShare)
			}
			// Participation 1 is everyone contributing: the same funds.
			last := f.Participation[len(f.Participation)-1]
			if last.Share != 1 || last.FundsMean != tt.funds || last.ExpectedPosts != tt.posts {
				t.Errorf("participation at share 1: %+v", last)
			}
		})
	}
}

// TestFundingBinomial: 4 councils each give £1,000 with probability ½; a post costs £1,000 and
// there are no other costs, so posts funded = contributors ~ Binomial(4, ½). By hand:
// P(≥1) = 15/16, P(≥2) = 11/16, P(≥3) = 5/16, P(≥4) = 1/16, and E[posts] = 2. Monte Carlo with
// 200,000 iterations must agree within 4 binomial standard errors.
func TestFundingBinomial(t *testing.T) {
	text := `model = "advisory_funding"
name = "binomial"
iterations = 200000
seed = 3
posts_needed = 2
max_posts = 5
[organisations]
from = "counts"
counts = { district = 4 }
[inputs]
cost_per_post = 1000
[[contributors]]
types = ["district"]
contribution = 1000
probability = 0.5
`
	f := runText(t, text, RunOptions{}).Funding
	n := 200000.0
	want := []float64{15.0 / 16, 11.0 / 16, 5.0 / 16, 1.0 / 16, 0}
	for i, p := range f.ByPosts {
		se := math.Sqrt(want[i] * (1 - want[i]) / n)
		if math.Abs(p.Probability-want[i]) > 4*se+1e-12 {
			t.Errorf("P(%d posts) = %.4f, want %.4f", p.Posts, p.Probability, want[i])
		}
	}
	// Var(Binomial(4, ½)) = 1.
	if math.Abs(f.ExpectedPosts-2) > 4/math.Sqrt(n) {
		t.Errorf("expected posts %.4f, want 2", f.ExpectedPosts)
	}
	if math.Abs(f.ProbPostsNeeded-11.0/16) > 4*math.Sqrt(11.0/16*5/16/n) {
		t.Errorf("P(2 posts) %.4f, want 11/16", f.ProbPostsNeeded)
	}
}

// TestFundingUnclassifiedType: an organisation type in no class and not excluded is an error.
func TestFundingUnclassifiedType(t *testing.T) {
	text := `model = "advisory_funding"
name = "x"
[organisations]
from = "counts"
counts = { district = 4, county = 2 }
[inputs]
cost_per_post = 1000
[[contributors]]
types = ["district"]
contribution = 1000
probability = 0.5
`
	m, err := Parse("x.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), m, nil, RunOptions{}); err == nil {
		t.Error("county in no class accepted")
	}
}
