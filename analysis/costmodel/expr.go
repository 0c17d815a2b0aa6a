package costmodel

import (
	"fmt"
	"math"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/conf"
	exprparser "github.com/expr-lang/expr/parser"
)

// Amount expressions are parsed by expr-lang's parser, which gives a validated syntax tree and
// located syntax errors, and then compiled here into a small graph of column operations: a line is
// evaluated for thousands of Monte Carlo iterations at once, which a per-value virtual machine call
// would make tens of times slower. The graph is shared by all lines of a scenario and identical
// sub-expressions are merged, so "staff * uptake" written in three options is computed once.

// op is an operation of the compiled expression graph.
type op uint8

const (
	opConst op = iota // a number, or anything computed from numbers and fixed inputs
	opInput           // an uncertain input: a column of draws
	opT               // the year index t
	opNeg
	opNot
	opAdd
	opSub
	opMul
	opDiv
	opPow
	opLT
	opLE
	opGT
	opGE
	opEQ
	opNE
	opAnd
	opOr
	opMin
	opMax
	opIf
)

var binaryOps = map[string]op{
	"+": opAdd, "-": opSub, "*": opMul, "/": opDiv, "^": opPow, "**": opPow,
	"<": opLT, "<=": opLE, ">": opGT, ">=": opGE, "==": opEQ, "!=": opNE,
	"and": opAnd, "&&": opAnd, "or": opOr, "||": opOr,
}

// nodeClass says how a node varies, which decides when it is computed.
type nodeClass uint8

const (
	constant    nodeClass = iota // one number: folded when compiled
	byYear                       // depends on t only: a number per year, computed when compiled
	perDraw                      // depends on uncertain inputs but not t: a column per block
	perDrawYear                  // depends on both: a column per block and year
)

// node is one operation of the graph; args index earlier nodes, so the node slice is in
// evaluation order.
type node struct {
	op    op
	args  [3]int32
	nargs int
	class nodeClass
	value float64   // constant
	years []float64 // byYear: value for each t
	input int       // opInput: index among the uncertain inputs
	slot  int       // perDraw, perDrawYear: index of the node's column buffer
}

// graph is the compiled form of every amount expression in a scenario.
type graph struct {
	horizon int
	nodes   []node
	memo    map[nodeKey]int32
	slots   int
}

type nodeKey struct {
	op    op
	args  [3]int32
	value uint64
	input int
}

func newGraph(horizon int) *graph {
	return &graph{horizon: horizon, memo: map[nodeKey]int32{}}
}

// add appends a node unless an identical one exists, folding it to a constant (or to a number per
// year) when none of its arguments varies between draws.
func (g *graph) add(o op, args ...int32) int32 {
	n := node{op: o, nargs: len(args)}
	copy(n.args[:], args)
	class := constant
	for _, a := range args {
		class = max(class, g.nodes[a].class)
	}
	if class == perDraw && g.anyArg(args, byYear) {
		class = perDrawYear // varies by draw through one argument and by year through another
	}
	switch class {
	case constant:
		vals := make([]float64, len(args))
		for i, a := range args {
			vals[i] = g.nodes[a].value
		}
		return g.constant(apply(o, vals))
	case byYear:
		years := make([]float64, g.horizon)
		vals := make([]float64, len(args))
		for t := range years {
			for i, a := range args {
				vals[i] = g.nodes[a].at(t)
			}
			years[t] = apply(o, vals)
		}
		n.class, n.years = byYear, years
	default:
		n.class = class
	}
	return g.intern(n)
}

func (g *graph) anyArg(args []int32, c nodeClass) bool {
	for _, a := range args {
		if g.nodes[a].class == c {
			return true
		}
	}
	return false
}

func (g *graph) constant(v float64) int32 {
	return g.intern(node{op: opConst, class: constant, value: v})
}

func (g *graph) yearIndex() int32 {
	years := make([]float64, g.horizon)
	for t := range years {
		years[t] = float64(t)
	}
	return g.intern(node{op: opT, class: byYear, years: years})
}

func (g *graph) uncertain(input int) int32 {
	return g.intern(node{op: opInput, class: perDraw, input: input})
}

func (g *graph) intern(n node) int32 {
	k := nodeKey{op: n.op, args: n.args, input: n.input}
	if n.op == opConst {
		k.value = math.Float64bits(n.value)
	}
	if id, ok := g.memo[k]; ok {
		return id
	}
	if n.class >= perDraw {
		n.slot = g.slots
		g.slots++
	}
	id := int32(len(g.nodes))
	g.nodes = append(g.nodes, n)
	g.memo[k] = id
	return id
}

// at returns a constant or by-year node's value in year t.
func (n *node) at(t int) float64 {
	if n.class == byYear {
		return n.years[t]
	}
	return n.value
}

// apply computes one operation on numbers. Comparisons and logic give 1 for true and 0 for false;
// any non-zero number counts as true.
func apply(o op, v []float64) float64 {
	b := func(c bool) float64 {
		if c {
			return 1
		}
		return 0
	}
	switch o {
	case opNeg:
		return -v[0]
	case opNot:
		return b(v[0] == 0)
	case opAdd:
		return v[0] + v[1]
	case opSub:
		return v[0] - v[1]
	case opMul:
		return v[0] * v[1]
	case opDiv:
		return v[0] / v[1]
	case opPow:
		return math.Pow(v[0], v[1])
	case opLT:
		return b(v[0] < v[1])
	case opLE:
		return b(v[0] <= v[1])
	case opGT:
		return b(v[0] > v[1])
	case opGE:
		return b(v[0] >= v[1])
	case opEQ:
		return b(v[0] == v[1])
	case opNE:
		return b(v[0] != v[1])
	case opAnd:
		return b(v[0] != 0 && v[1] != 0)
	case opOr:
		return b(v[0] != 0 || v[1] != 0)
	case opMin:
		return math.Min(v[0], v[1])
	case opMax:
		return math.Max(v[0], v[1])
	case opIf:
		if v[0] != 0 {
			return v[1]
		}
		return v[2]
	}
	return math.NaN()
}

// exprError is a problem in one expression, at a 1-based column of its text.
type exprError struct {
	col     int
	msg     string
	unknown bool // the expression names an input the scenario does not define
}

// exprKind is the kind of an expression's compile error: ErrUnknownInput when it names an input the
// scenario lacks, else ErrExpression.
func exprKind(err error) error {
	if e, ok := err.(*exprError); ok && e.unknown {
		return ErrUnknownInput
	}
	return ErrExpression
}

func (e *exprError) Error() string {
	if e.col > 0 {
		return fmt.Sprintf("column %d: %s", e.col, e.msg)
	}
	return e.msg
}

// compiler turns expression text into graph nodes, resolving input names.
type compiler struct {
	g      *graph
	inputs map[string]inputRef
}

// inputRef is what an input name stands for in an expression: a fixed number, or the index of an
// uncertain input's column.
type inputRef struct {
	fixed     bool
	value     float64
	uncertain int
}

// parseConfig disables expr's own `if … { } else { }` statement so that `if(c, a, b)` parses as a
// call, which is the form the scenario files use.
var parseConfig = func() *conf.Config {
	c := conf.CreateNew()
	c.DisableIfOperator = true
	return c
}()

// compile parses and compiles one expression, returning its root node.
func (c *compiler) compile(src string) (int32, error) {
	if strings.TrimSpace(src) == "" {
		return 0, &exprError{msg: "empty expression"}
	}
	tree, err := exprparser.ParseWithConfig(src, parseConfig)
	if err != nil {
		return 0, &exprError{msg: "syntax error: " + firstLine(err.Error())}
	}
	return c.node(tree.Node)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func (c *compiler) node(n ast.Node) (int32, error) {
	at := func(format string, args ...any) error {
		return &exprError{col: n.Location().From + 1, msg: fmt.Sprintf(format, args...)}
	}
	switch n := n.(type) {
	case *ast.IntegerNode:
		return c.g.constant(float64(n.Value)), nil
	case *ast.FloatNode:
		return c.g.constant(n.Value), nil
	case *ast.BoolNode:
		if n.Value {
			return c.g.constant(1), nil
		}
		return c.g.constant(0), nil
	case *ast.IdentifierNode:
		if n.Value == "t" {
			return c.g.yearIndex(), nil
		}
		ref, ok := c.inputs[n.Value]
		if !ok {
			err := at("unknown input %q%s", n.Value, c.suggest(n.Value))
			err.(*exprError).unknown = true
			return 0, err
		}
		if ref.fixed {
			return c.g.constant(ref.value), nil
		}
		return c.g.uncertain(ref.uncertain), nil
	case *ast.UnaryNode:
		x, err := c.node(n.Node)
		if err != nil {
			return 0, err
		}
		switch n.Operator {
		case "-":
			return c.g.add(opNeg, x), nil
		case "+":
			return x, nil
		case "not", "!":
			return c.g.add(opNot, x), nil
		}
		return 0, at("operator %q is not supported", n.Operator)
	case *ast.BinaryNode:
		o, ok := binaryOps[n.Operator]
		if !ok {
			return 0, at("operator %q is not supported (use + - * / ^, comparisons, and, or)", n.Operator)
		}
		x, err := c.node(n.Left)
		if err != nil {
			return 0, err
		}
		y, err := c.node(n.Right)
		if err != nil {
			return 0, err
		}
		return c.g.add(o, x, y), nil
	case *ast.BuiltinNode:
		o := map[string]op{"min": opMin, "max": opMax}[n.Name]
		if o == 0 {
			return 0, at("function %q is not supported (use min, max or if)", n.Name)
		}
		return c.fold(o, n.Name, n.Arguments, at)
	case *ast.CallNode:
		id, ok := n.Callee.(*ast.IdentifierNode)
		if !ok || id.Value != "if" {
			return 0, at("function %s is not supported (use min, max or if)", n.Callee)
		}
		if len(n.Arguments) != 3 {
			return 0, at("if takes 3 arguments (condition, value if true, value if false), not %d", len(n.Arguments))
		}
		return c.args(opIf, n.Arguments)
	case *ast.ConditionalNode:
		return c.args(opIf, []ast.Node{n.Cond, n.Exp1, n.Exp2})
	}
	return 0, at("%s is not allowed: use numbers, input names, t, + - * / ^, comparisons, min, max and if(c, a, b)", n)
}

// fold compiles min or max of any number of arguments as a chain of two-argument nodes.
func (c *compiler) fold(o op, name string, args []ast.Node, at func(string, ...any) error) (int32, error) {
	if len(args) == 0 {
		return 0, at("%s needs at least one argument", name)
	}
	acc, err := c.node(args[0])
	if err != nil {
		return 0, err
	}
	for _, a := range args[1:] {
		x, err := c.node(a)
		if err != nil {
			return 0, err
		}
		acc = c.g.add(o, acc, x)
	}
	return acc, nil
}

func (c *compiler) args(o op, args []ast.Node) (int32, error) {
	ids := make([]int32, len(args))
	for i, a := range args {
		id, err := c.node(a)
		if err != nil {
			return 0, err
		}
		ids[i] = id
	}
	return c.g.add(o, ids...), nil
}

// suggest names the closest known input when a name looks like a typing slip.
func (c *compiler) suggest(name string) string {
	names := make([]string, 0, len(c.inputs))
	for k := range c.inputs {
		names = append(names, k)
	}
	return didYouMean(name, names)
}
