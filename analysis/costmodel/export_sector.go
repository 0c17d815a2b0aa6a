package costmodel

import (
	"errors"
	"math/rand/v2"

	"github.com/BurntSushi/toml"
)

// This file exposes the scenario parser's field readers and the samplers to analysis/sector, so
// that its model files use the same distribution syntax and the same located errors as scenarios.

// FieldParser reads the fields of a decoded TOML file and collects located errors (file, line,
// field) the way Parse does.
type FieldParser struct{ p *parser }

// NewFieldParser decodes TOML text and returns a parser for its fields with the decoded top-level
// table. A TOML syntax error is returned as Errors with its line.
func NewFieldParser(filename string, data []byte) (*FieldParser, map[string]any, error) {
	if err := checkSource(filename, data); err != nil {
		return nil, nil, err
	}
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, nil, Errors{{File: filename, Line: perr.Position.Line, Msg: "TOML: " + perr.Message}}
		}
		return nil, nil, Errors{{File: filename, Msg: "TOML: " + err.Error()}}
	}
	return &FieldParser{p: &parser{file: filename, loc: newLocator(string(data))}}, raw, nil
}

// Distribution parses an uncertain input (a bare number or a table with dist) and its optional
// source note.
func (f *FieldParser) Distribution(field string, v any) (Distribution, string, bool) {
	return f.p.distribution(field, v)
}

// Number reads a finite number.
func (f *FieldParser) Number(field string, v any) (float64, bool) { return f.p.number(field, v) }

// Integer reads a whole number.
func (f *FieldParser) Integer(field string, v any) (int, bool) { return f.p.integer(field, v) }

// String reads a string.
func (f *FieldParser) String(field string, v any) (string, bool) { return f.p.str(field, v) }

// Table reads a table.
func (f *FieldParser) Table(field string, v any) (map[string]any, bool) { return f.p.table(field, v) }

// Tables reads an array of tables.
func (f *FieldParser) Tables(field string, v any) []map[string]any { return f.p.tables(field, v) }

// Known reports every key of m not in allowed as an unknown field.
func (f *FieldParser) Known(field string, m map[string]any, allowed ...string) {
	f.p.known(field, m, allowed...)
}

// Errorf records a problem with a field, located at the field's line.
func (f *FieldParser) Errorf(field, format string, args ...any) { f.p.errf(field, format, args...) }

// Errors returns the problems found so far; nil when there are none.
func (f *FieldParser) Errors() error {
	if len(f.p.errs) == 0 {
		return nil
	}
	return f.p.errs
}

// Sampler returns a function that fills dst with independent draws from d using src, the sampler
// the scenario Monte Carlo uses.
func (d *Distribution) Sampler(src rand.Source) func(dst []float64) { return d.newSampler(src) }

// SeedStream returns the second PCG seed word of chunk c, as the scenario Monte Carlo uses.
func SeedStream(c uint64) uint64 { return seedStream(c) }
