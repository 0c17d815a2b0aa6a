package costmodel

import (
	"errors"

	"github.com/BurntSushi/toml"
)

// The parser of model files: the scenario parser's decoding, header and field readers, which
// analysis/sector uses too through FieldParser, so that every model file is decoded, checked and
// reported the same way (the same distribution syntax, the same located errors).

// decode checks the size and nesting of a model file, decodes its TOML and returns a parser for its
// fields with the decoded top-level table. A TOML syntax error is returned as Errors with its line.
func decode(filename string, data []byte) (*parser, map[string]any, error) {
	if err := checkSource(filename, data); err != nil {
		return nil, nil, err
	}
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, nil, Errors{{File: filename, Line: perr.Position.Line, Msg: "TOML: " + perr.Message, Kind: ErrSyntax}}
		}
		return nil, nil, Errors{{File: filename, Msg: "TOML: " + err.Error(), Kind: ErrSyntax}}
	}
	return &parser{file: filename, loc: newLocator(string(data))}, raw, nil
}

// title reads the name (required; what says what the file is, in the message) and description of a
// model file.
func (p *parser) title(raw map[string]any, what string) (name, description string) {
	if v, ok := raw["name"]; ok {
		name, _ = p.str("name", v)
	} else {
		p.errk(ErrMissing, "name", "missing: every %s needs a name", what)
	}
	if v, ok := raw["description"]; ok {
		description, _ = p.str("description", v)
	}
	return name, description
}

// runs reads the Monte Carlo's iterations (1..maxIterations) and seed (≥ 0) of a model file into
// iterations and seed, which keep their defaults when a field is absent or iterations is invalid.
func (p *parser) runs(raw map[string]any, maxIterations int, iterations *int, seed *uint64) {
	if v, ok := raw["iterations"]; ok {
		if n, ok := p.integer("iterations", v); ok {
			if n < 1 || n > maxIterations {
				p.errf("iterations", "must be between 1 and %d, not %d", maxIterations, n)
			} else {
				*iterations = n
			}
		}
	}
	if v, ok := raw["seed"]; ok {
		if n, ok := p.integer("seed", v); ok {
			if n < 0 {
				p.errf("seed", "must not be negative")
			}
			*seed = uint64(n)
		}
	}
}

// FieldParser reads the fields of a decoded TOML file and collects located errors (file, line,
// field) the way Parse does.
type FieldParser struct{ p *parser }

// NewFieldParser decodes TOML text and returns a parser for its fields with the decoded top-level
// table. A TOML syntax error is returned as Errors with its line.
func NewFieldParser(filename string, data []byte) (*FieldParser, map[string]any, error) {
	p, raw, err := decode(filename, data)
	if err != nil {
		return nil, nil, err
	}
	return &FieldParser{p: p}, raw, nil
}

// Title reads the name (required; what names the kind of file in the message, e.g. "model") and the
// description, as a scenario's are read.
func (f *FieldParser) Title(raw map[string]any, what string) (name, description string) {
	return f.p.title(raw, what)
}

// Runs reads iterations (1..maxIterations) and seed (≥ 0) into iterations and seed, which keep their
// defaults when a field is absent, as a scenario's are read.
func (f *FieldParser) Runs(raw map[string]any, maxIterations int, iterations *int, seed *uint64) {
	f.p.runs(raw, maxIterations, iterations, seed)
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
