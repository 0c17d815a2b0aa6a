package resultfile

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// encoderBytes is what WriteJSON wrote before indentJSON: a json.Encoder with SetIndent("", "  ").
func encoderBytes(t testing.TB, v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestIndentJSONMatchesIndent: WriteJSON writes the bytes json.Encoder with SetIndent writes, on
// values with nesting, empty objects and arrays, and strings holding brackets, commas, colons,
// quotes, backslashes, control characters, HTML and non-ASCII text.
func TestIndentJSONMatchesIndent(t *testing.T) {
	type inner struct {
		A []int            `json:"a"`
		B map[string]any   `json:"b"`
		C *inner           `json:"c,omitempty"`
		D []map[string]int `json:"d"`
	}
	values := []any{
		nil, 0, -1.5e-300, "", "x", []int{}, map[string]int{}, []any{[]any{}, map[string]any{}},
		[]string{`{"a":[1,2]}`, `\"`, `\\`, "a\\", "tab\there", "nl\nx", "<b>&amp;</b>", "£ é — ✓", "\u2028", "\x01"},
		map[string]any{"k:,{}[]": []any{1, "two", 3.25, true, false, nil}, "": map[string]any{"z": []int{}}},
		inner{A: []int{1, 2, 3}, B: map[string]any{"x": map[string]any{}, "y": []any{map[string]any{"q": `"]`}}},
			C: &inner{D: []map[string]int{{}, {"n": math.MaxInt32}}}},
	}
	for _, v := range values {
		path := filepath.Join(t.TempDir(), "v.json")
		if err := WriteJSON(path, v); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if want := encoderBytes(t, v); !bytes.Equal(got, want) {
			t.Errorf("%#v:\ngot  %q\nwant %q", v, got, want)
		}
	}
	if err := WriteJSON(filepath.Join(t.TempDir(), "nan.json"), math.NaN()); err == nil {
		t.Error("WriteJSON(NaN) gave no error")
	}
}

// FuzzIndentJSON: on any valid JSON, compacted as json.Marshal writes it, indentJSON gives what
// json.Indent gives.
func FuzzIndentJSON(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[1,{"b":[]},"c\"]"],"d":{}}`, `"x\\"`, `[[[]],{"":""}]`, `1`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, data); err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := indentJSON(nil, compact.Bytes()); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%q:\ngot  %q\nwant %q", compact.Bytes(), got, want.Bytes())
		}
	})
}

// BenchmarkWriteJSON writes a result about the size of research.json (about 20 MB), by WriteJSON
// and by the json.Encoder it replaced.
func BenchmarkWriteJSON(b *testing.B) {
	type row struct {
		Org   string    `json:"org_code"`
		Year  int       `json:"year"`
		Value float64   `json:"value"`
		Band  []float64 `json:"band"`
		Note  string    `json:"note,omitempty"`
	}
	rows := make([]row, 150_000)
	for i := range rows {
		rows[i] = row{Org: "E0700000" + string(rune('0'+i%10)), Year: 2011 + i%6, Value: float64(i) / 7, Band: []float64{float64(i) / 3, float64(i) / 11}}
	}
	path := filepath.Join(b.TempDir(), "r.json")
	b.Run("WriteJSON", func(b *testing.B) {
		for b.Loop() {
			if err := WriteJSON(path, rows); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The previous way, for comparison: json.Encoder with SetIndent.
	b.Run("Encoder", func(b *testing.B) {
		for b.Loop() {
			err := WriteFileAtomic(path, func(w io.Writer) error {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
