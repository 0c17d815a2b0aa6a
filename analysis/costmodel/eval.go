package costmodel

import "slices"

// The evaluator computes the graph for a block of draws: each per-draw node once per block, each
// per-draw-and-year node once per block and year, and then folds the line values into each
// option's present value with precomputed weights (sign × optimism-bias uplift × discount factor).
// The weights make the Monte Carlo inner loop a handful of fused multiply-adds per draw.

// blockSize is the number of draws evaluated together: large enough to amortise the walk over the
// graph, small enough for the node columns of a block to stay in cache.
const blockSize = 1024

// term is one weighted node in a present-value sum.
type term struct {
	node int32
	w    float64
}

// pvPlan is how to compute one present value (an option's NPSV, or its PV of costs) from the graph.
type pvPlan struct {
	constant float64  // contribution of lines that do not vary between draws
	perDraw  []term   // per-draw nodes, weighted by the sum of their years' weights
	byYear   [][]term // per-draw-and-year nodes, for each year
}

// addLine adds a line whose root is node id and whose weight in year t is w[t] (zero outside the
// line's years).
func (p *pvPlan) addLine(g *graph, id int32, w []float64) {
	n := &g.nodes[id]
	switch n.class {
	case constant, byYear:
		for t, wt := range w {
			p.constant += wt * n.at(t)
		}
	case perDraw:
		var sum float64
		for _, wt := range w {
			sum += wt
		}
		p.perDraw = addTerm(p.perDraw, id, sum)
	case perDrawYear:
		if p.byYear == nil {
			p.byYear = make([][]term, len(w))
		}
		for t, wt := range w {
			if wt != 0 {
				p.byYear[t] = addTerm(p.byYear[t], id, wt)
			}
		}
	}
}

func addTerm(ts []term, id int32, w float64) []term {
	for i := range ts {
		if ts[i].node == id {
			ts[i].w += w
			return ts
		}
	}
	return append(ts, term{id, w})
}

// schedule lists, for a set of plans, which nodes must be computed once per block and which in
// each year, in graph order, so that nothing is computed that no plan uses.
type schedule struct {
	perDraw []int32
	byYear  [][]int32
}

func newSchedule(g *graph, plans []pvPlan) schedule {
	need := make([]bool, len(g.nodes))
	var mark func(id int32)
	mark = func(id int32) {
		if need[id] || g.nodes[id].class < perDraw {
			return
		}
		need[id] = true
		n := &g.nodes[id]
		for _, a := range n.args[:n.nargs] {
			mark(a)
		}
	}
	s := schedule{byYear: make([][]int32, g.horizon)}
	for _, p := range plans {
		for _, tm := range p.perDraw {
			mark(tm.node)
		}
	}
	for id := range g.nodes {
		if need[id] && g.nodes[id].class == perDraw {
			s.perDraw = append(s.perDraw, int32(id))
		}
	}
	for t := range g.horizon {
		clear(need)
		for _, p := range plans {
			if p.byYear != nil {
				for _, tm := range p.byYear[t] {
					mark(tm.node)
				}
			}
		}
		for id := range g.nodes {
			if need[id] {
				switch g.nodes[id].class {
				case perDraw:
					if !slices.Contains(s.perDraw, int32(id)) {
						s.perDraw = append(s.perDraw, int32(id))
					}
				case perDrawYear:
					s.byYear[t] = append(s.byYear[t], int32(id))
				}
			}
		}
	}
	slices.Sort(s.perDraw)
	return s
}

// evaluator holds one goroutine's column buffers.
type evaluator struct {
	g    *graph
	bufs [][]float64
	cols [][]float64 // the uncertain inputs' columns for the current block
	n    int
}

func newEvaluator(g *graph) *evaluator {
	e := &evaluator{g: g, bufs: make([][]float64, g.slots)}
	for i := range e.bufs {
		e.bufs[i] = make([]float64, blockSize)
	}
	return e
}

// operand is a node's value for the current block and year: a column, or one number.
type operand struct {
	v []float64 // nil when the value is the number s
	s float64
}

func (o operand) at(i int) float64 {
	if o.v != nil {
		return o.v[i]
	}
	return o.s
}

func (e *evaluator) operand(id int32, t int) operand {
	n := &e.g.nodes[id]
	switch n.class {
	case constant:
		return operand{s: n.value}
	case byYear:
		return operand{s: n.years[t]}
	}
	if n.op == opInput {
		return operand{v: e.cols[n.input][:e.n]}
	}
	return operand{v: e.bufs[n.slot][:e.n]}
}

// compute fills node id's column for year t (t is ignored by per-draw nodes).
func (e *evaluator) compute(id int32, t int) {
	n := &e.g.nodes[id]
	if n.op == opInput {
		return // its column is the input's own
	}
	dst := e.bufs[n.slot][:e.n]
	var a, b operand
	a = e.operand(n.args[0], t)
	if n.nargs > 1 {
		b = e.operand(n.args[1], t)
	}
	switch {
	case n.op == opNeg:
		for i, x := range a.v[:len(dst)] {
			dst[i] = -x
		}
		return
	case n.nargs == 2 && n.op <= opDiv:
		arith(n.op, dst, a, b)
		return
	}
	var c operand
	if n.nargs > 2 {
		c = e.operand(n.args[2], t)
	}
	var vals [3]float64
	for i := range dst {
		vals[0], vals[1], vals[2] = a.at(i), b.at(i), c.at(i)
		dst[i] = apply(n.op, vals[:n.nargs])
	}
}

// arith computes the four arithmetic operations with a loop for each shape of operands, as they
// carry nearly all the work.
func arith(o op, dst []float64, a, b operand) {
	switch {
	case a.v != nil && b.v != nil:
		x, y := a.v[:len(dst)], b.v[:len(dst)]
		switch o {
		case opAdd:
			for i := range dst {
				dst[i] = x[i] + y[i]
			}
		case opSub:
			for i := range dst {
				dst[i] = x[i] - y[i]
			}
		case opMul:
			for i := range dst {
				dst[i] = x[i] * y[i]
			}
		case opDiv:
			for i := range dst {
				dst[i] = x[i] / y[i]
			}
		}
	case a.v != nil:
		x, s := a.v[:len(dst)], b.s
		switch o {
		case opAdd:
			for i := range dst {
				dst[i] = x[i] + s
			}
		case opSub:
			for i := range dst {
				dst[i] = x[i] - s
			}
		case opMul:
			for i := range dst {
				dst[i] = x[i] * s
			}
		case opDiv:
			for i := range dst {
				dst[i] = x[i] / s
			}
		}
	default:
		s, y := a.s, b.v[:len(dst)]
		switch o {
		case opAdd:
			for i := range dst {
				dst[i] = s + y[i]
			}
		case opSub:
			for i := range dst {
				dst[i] = s - y[i]
			}
		case opMul:
			for i := range dst {
				dst[i] = s * y[i]
			}
		case opDiv:
			for i := range dst {
				dst[i] = s / y[i]
			}
		}
	}
}

// presentValues evaluates plans for the draws in cols (one column per uncertain input, each at
// least n long; n ≤ blockSize) and writes plan k's value for draw i to out[k][i].
func (e *evaluator) presentValues(s *schedule, plans []pvPlan, cols [][]float64, n int, out [][]float64) {
	e.cols, e.n = cols, n
	for _, id := range s.perDraw {
		e.compute(id, 0)
	}
	for k := range plans {
		p := &plans[k]
		dst := out[k][:n]
		for i := range dst {
			dst[i] = p.constant
		}
		for _, tm := range p.perDraw {
			axpy(dst, tm.w, e.operand(tm.node, 0).v)
		}
	}
	for t, ids := range s.byYear {
		if len(ids) == 0 {
			continue
		}
		for _, id := range ids {
			e.compute(id, t)
		}
		for k := range plans {
			if plans[k].byYear == nil {
				continue
			}
			dst := out[k][:n]
			for _, tm := range plans[k].byYear[t] {
				axpy(dst, tm.w, e.operand(tm.node, t).v)
			}
		}
	}
}

func axpy(dst []float64, w float64, x []float64) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] += w * x[i]
	}
}

// values evaluates node id at one point (the uncertain inputs at vals) for every year.
func (e *evaluator) values(id int32, vals []float64) []float64 {
	cols := make([][]float64, len(vals))
	for i, v := range vals {
		cols[i] = []float64{v}
	}
	e.cols, e.n = cols, 1
	g := e.g
	out := make([]float64, g.horizon)
	for t := range out {
		// Compute every varying node up to id; the graph is in evaluation order.
		for j := int32(0); j <= id; j++ {
			if g.nodes[j].class >= perDraw {
				e.compute(j, t)
			}
		}
		out[t] = e.operand(id, t).at(0)
	}
	return out
}
